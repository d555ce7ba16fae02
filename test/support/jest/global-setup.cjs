/**
 * One temporary folder per test run: the tests, the tools they run and cdktf's Testing.app() (an output
 * folder per app) create about 500 temporary folders a run, which used to stay in the system's temporary
 * folder. TMPDIR points into this folder before jest starts its workers, so they and every process they
 * start inherit it; global-teardown.cjs removes it.
 */
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- jest loads global setup as CommonJS */
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');

module.exports = () => {
  // The system's folder, kept for runs that follow in this process (watch mode, Stryker): each run's folder
  // is a sibling of the last one, never inside a folder that is being removed.
  const base = process.env.BLUEPRINT_TEST_TMP_BASE ?? tmpdir();
  process.env.BLUEPRINT_TEST_TMP_BASE = base;
  process.env.BLUEPRINT_TEST_RUN_DIR = mkdtempSync(path.join(base, 'blueprint-test-run-'));
  process.env.TMPDIR = process.env.BLUEPRINT_TEST_RUN_DIR;
};
