/**
 * The suites Stryker runs for a mutation group (MUTATION_GROUP, mutation-groups.cjs): the
 * specification tests of that group's modules only, never the suites that synthesize the example app
 * (they would multiply the run time and are not what pins these modules down).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- jest reads CommonJS config files
const base = require('./jest.config');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- shared with stryker.config.mjs
const groups = require('./mutation-groups.cjs');

const group = groups[process.env.MUTATION_GROUP ?? 'rules'];

module.exports = {
  ...base,
  maxWorkers: 1,
  testMatch: group.tests.map((file) => `<rootDir>/${file}`),
};
