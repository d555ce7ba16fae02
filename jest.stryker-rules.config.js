/** The guardrail rules' own specification (rule-weakenings): a fast Stryker run for guardrails/rules and policy.ts. */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- jest reads CommonJS config files
const base = require('./jest.stryker.config');

module.exports = { ...base, testMatch: ['<rootDir>/test/guardrails/rule-weakenings.test.ts'] };
