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
  process.env.BLUEPRINT_TEST_RUN_DIR = mkdtempSync(path.join(tmpdir(), 'blueprint-test-run-'));
  process.env.TMPDIR = process.env.BLUEPRINT_TEST_RUN_DIR;
};
