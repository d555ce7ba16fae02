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
// MUTATION_TESTS=<file>,<file>: only these of the group's tests, for a quicker run on one module (every
// mutant run loads every listed file). A score measured so is a lower bound: what these kill, the whole list kills.
const only = process.env.MUTATION_TESTS ? process.env.MUTATION_TESTS.split(',').map((file) => file.trim()) : undefined;
const outside = (only ?? []).filter((file) => !group.tests.includes(file));
if (outside.length > 0) throw new Error(`MUTATION_TESTS: ${outside.join(', ')} not in the group's tests (mutation-groups.cjs)`);

module.exports = {
  ...base,
  maxWorkers: 1,
  testMatch: (only ?? group.tests).map((file) => `<rootDir>/${file}`),
};
