// The guardrail rules and policy reader against their own specification only (fast; docs/mutation-testing.md).
import base from './stryker.config.mjs';

export default {
  ...base,
  jest: { ...base.jest, configFile: 'jest.stryker-rules.config.js' },
  mutate: ['guardrails/rules/**/*.ts', 'guardrails/policy.ts'],
  jsonReporter: { fileName: 'reports/mutation/rules.json' },
  htmlReporter: { fileName: 'reports/mutation/rules.html' },
};
