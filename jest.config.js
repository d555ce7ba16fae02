/** Jest runs TypeScript through SWC with the options the app and scripts use (no type-checking; `npm run typecheck` does that). */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- jest reads CommonJS config
const swcOptions = require('./scripts/swc-options.cjs');

module.exports = {
  testEnvironment: 'node',
  // Both cores: suites are independent synth-heavy processes.
  maxWorkers: '100%',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', swcOptions],
  },
  setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
};
