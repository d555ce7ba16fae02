/** Jest runs TypeScript through SWC (no type-checking; `npm run typecheck` does that). */
module.exports = {
  testEnvironment: 'node',
  // Both cores: suites are independent synth-heavy processes.
  maxWorkers: '100%',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
};
