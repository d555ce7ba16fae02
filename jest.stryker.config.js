/**
 * The suites Stryker runs for every mutant (npm run mutation, docs/mutation-testing.md): the
 * specification tests of the pure modules. Suites that synthesize the example app are left out; they
 * would multiply the run time without being the tests that pin these modules down.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- jest reads CommonJS config files
const base = require('./jest.config');

module.exports = {
  ...base,
  maxWorkers: 1,
  testMatch: [
    '<rootDir>/test/guardrails/rule-weakenings.test.ts',
    '<rootDir>/test/guardrails/model.test.ts',
    '<rootDir>/test/guardrails/data-suppressions.test.ts',
    '<rootDir>/test/guardrails/suppressions.test.ts',
    '<rootDir>/test/environments/groups.test.ts',
    '<rootDir>/test/environments/published-layers.test.ts',
    '<rootDir>/test/environments/system-schema-owners.test.ts',
    '<rootDir>/test/environments/security-validation.test.ts',
    '<rootDir>/test/environments/unity-catalog-validation.test.ts',
    '<rootDir>/test/environments/node-traffic-encryption-schema.test.ts',
    '<rootDir>/test/environments/log-delivery-schema.test.ts',
    '<rootDir>/test/scripts/plan-guard*.test.ts',
    '<rootDir>/test/scripts/billing-report.test.ts',
    '<rootDir>/test/constructs/naming.test.ts',
    '<rootDir>/test/constructs/stateful-types.test.ts',
    '<rootDir>/test/constructs/databricks/cluster-policy-definition.test.ts',
    '<rootDir>/test/constructs/pure-helpers.test.ts',
  ],
};
