/** Jest runs TypeScript through SWC with the options the app and scripts use (no type-checking; `npm run typecheck` does that). */
// Loaded once per worker, not once per test file (test/support/jest/shared-modules-environment.cjs).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- jest reads CommonJS config
const { SHARED_MODULES } = require('./test/support/jest/shared-modules.cjs');

module.exports = {
  // An absolute path: Stryker's jest runner wraps the environment and requires this string as given.
  testEnvironment: require.resolve('./test/support/jest/shared-modules-environment.cjs'),
  // Both cores: suites are independent synth-heavy processes.
  maxWorkers: '100%',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    [`/node_modules/${SHARED_MODULES}/.+\\.c?js$`]: '<rootDir>/test/support/jest/shared-module-transform.cjs',
    '^.+\\.ts$': '<rootDir>/test/support/jest/typescript-transform.cjs',
  },
  transformIgnorePatterns: [`/node_modules/(?!${SHARED_MODULES}/)`],
  setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
  // One temporary folder per run, removed at the end (test/support/jest/global-setup.cjs).
  globalSetup: '<rootDir>/test/support/jest/global-setup.cjs',
  globalTeardown: '<rootDir>/test/support/jest/global-teardown.cjs',
};
