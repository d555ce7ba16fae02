/**
 * Removes the run's temporary folder (global-setup.cjs). A detached `rm -rf` does it after jest exits:
 * deleting a few hundred folders costs about a second on a disk mounted with `discard`, which no test
 * needs to wait for.
 */
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- jest loads global teardown as CommonJS */
const { spawn } = require('node:child_process');

module.exports = () => {
  const dir = process.env.BLUEPRINT_TEST_RUN_DIR;
  if (!dir) return;
  process.env.TMPDIR = process.env.BLUEPRINT_TEST_TMP_BASE;
  delete process.env.BLUEPRINT_TEST_RUN_DIR;
  spawn('rm', ['-rf', '--', dir], { detached: true, stdio: 'ignore' }).unref();
};
