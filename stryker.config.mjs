// Mutation testing of the pure modules (docs/mutation-testing.md). Slow: run on demand with
// `npm run mutation`, never in .ci/run. One process at a time: the CPU is shared.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'jest',
  jest: { configFile: 'jest.stryker.config.js', enableFindRelatedTests: false },
  coverageAnalysis: 'perTest',
  concurrency: 1,
  // Static mutants (module-level constants) need every test per mutant; their tests are the lists' own.
  ignoreStatic: true,
  mutate: [
    'guardrails/**/*.ts',
    'scripts/lib/**/*.ts',
    'environments/lib/**/*.ts',
    'constructs/naming.ts',
    'constructs/protection.ts',
    'constructs/stateful-types.ts',
    'constructs/aws/policy.ts',
    'constructs/databricks/grant-model.ts',
    'constructs/databricks/cluster-policy-definition.ts',
    // Processes and timers: exercised by the bench test end to end, not unit by unit.
    '!scripts/lib/bench/measure.ts',
  ],
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  thresholds: { high: 95, low: 90, break: null },
  timeoutMS: 30000,
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
