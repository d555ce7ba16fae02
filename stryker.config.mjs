// Mutation testing of the pure modules, one group at a time (mutation-groups.cjs,
// docs/mutation-testing.md): `MUTATION_GROUP=rules npx stryker run`, or `npm run mutation` for all
// groups and the per-file table. Slow: on demand, never in .ci/run. One process: the CPU is shared.
import groups from './mutation-groups.cjs';

const group = process.env.MUTATION_GROUP ?? 'rules';
if (!groups[group]) throw new Error(`MUTATION_GROUP=${group}: unknown group; one of ${Object.keys(groups).join(', ')} (mutation-groups.cjs)`);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'jest',
  // The group's specification tests only (jest.stryker.config.js reads MUTATION_GROUP too).
  jest: { configFile: 'jest.stryker.config.js', enableFindRelatedTests: false },
  coverageAnalysis: 'perTest',
  concurrency: 1,
  // Static mutants (module-level constants) need every test per mutant; their tests are the lists' own.
  ignoreStatic: true,
  mutate: groups[group].mutate,
  // Reruns test only the mutants whose code or tests changed.
  incremental: true,
  incrementalFile: `reports/mutation/${group}.incremental.json`,
  reporters: ['clear-text', 'progress-append-only', 'json', 'html'],
  clearTextReporter: { allowColor: false, logTests: false },
  jsonReporter: { fileName: `reports/mutation/${group}.json` },
  htmlReporter: { fileName: `reports/mutation/${group}.html` },
  thresholds: { high: 95, low: 90, break: null },
  // Generous: on a shared CPU a normal run can take seconds longer than the dry run; a timeout counts as killed.
  timeoutMS: 20000,
  dryRunTimeoutMinutes: 20,
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
