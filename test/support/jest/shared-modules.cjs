// What every test file of a jest worker shares instead of loading its own copy
// (shared-modules-environment.cjs, typescript-transform.cjs).
'use strict';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- jest loads this configuration as CommonJS
const path = require('node:path');

const REPO_ROOT = path.join(__dirname, '..', '..', '..');

module.exports = {
  /** Libraries, as a regular expression over module names. */
  SHARED_MODULES: '(?:cdktf|constructs|@cdktf/provider-[a-z]+|zod|typescript|csv-parse|big\.js)',
  /**
   * The app's own modules (not the scripts, which own process.exitCode and argv, nor the tests): loaded
   * natively once per worker through scripts/register-ts.cjs. Not under Stryker (MUTATION_GROUP), whose
   * per-test coverage lives in each test file's globals.
   */
  SHARED_SOURCE: process.env.MUTATION_GROUP ? [] : ['constructs', 'stacks', 'environments', 'guardrails', 'main.ts'].map((entry) => path.join(REPO_ROOT, entry)),
  REPO_ROOT,
};
