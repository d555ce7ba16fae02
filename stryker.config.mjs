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
  // The guardrail rules and the pure helpers of the group model, constructs and validation. The
  // script libraries (plan guard, billing, bench) are measured on their own: `npm run mutation -- --mutate 'scripts/lib/**/*.ts'`.
  mutate: [
    'guardrails/**/*.ts',
    'environments/lib/groups.ts',
    'environments/lib/validate-unity-catalog.ts',
    'environments/lib/validate-set.ts',
    'constructs/naming.ts',
    'constructs/protection.ts',
    'constructs/aws/policy.ts',
    'constructs/databricks/grant-model.ts',
    'constructs/databricks/cluster-policy-definition.ts',
    'stacks/unity-catalog-props.ts',
  ],
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  thresholds: { high: 95, low: 90, break: null },
  timeoutMS: 5000,
  // The first full run is slow on a shared CPU.
  dryRunTimeoutMinutes: 20,
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
