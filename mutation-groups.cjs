// Mutation-testing groups (docs/mutation-testing.md): the pure modules Stryker mutates, each with the
// specification tests that pin it down. Read by stryker.config.mjs and jest.stryker.config.js through
// MUTATION_GROUP. Pure: testable without synthesizing the app (construct code is out of scope). Test
// files that synthesize the example app, even in one describe, or spawn processes stay out: every
// mutant run would pay for them.
'use strict';

module.exports = {
  rules: {
    mutate: ['guardrails/rules/*.ts', 'guardrails/policy.ts'],
    tests: ['test/guardrails/rule-weakenings.test.ts', 'test/guardrails/rule-weakenings-combined.test.ts', 'test/guardrails/network-rules.test.ts'],
  },
  guardrails: {
    mutate: ['guardrails/model.ts', 'guardrails/suppressions.ts', 'guardrails/index.ts', 'guardrails/error.ts'],
    tests: [
      'test/guardrails/guardrail-engine.test.ts',
      'test/guardrails/rules.test.ts',
      'test/guardrails/suppressions.test.ts',
      'test/guardrails/data-suppressions.test.ts',
      'test/guardrails/apply-guardrails.test.ts',
    ],
  },
  constructs: {
    mutate: [
      'constructs/naming.ts',
      'constructs/protection.ts',
      'constructs/stateful-types.ts',
      'constructs/terraform-literal.ts',
      'constructs/pipeline-subjects.ts',
      'constructs/aws/policy.ts',
      'constructs/aws/endpoint-policies.ts',
      'constructs/aws/state-access.ts',
      'constructs/databricks/grant-model.ts',
      'constructs/databricks/cluster-policy-definition.ts',
      'constructs/databricks/node-traffic-encryption-policy.ts',
      'constructs/databricks/root-bucket-policy.ts',
    ],
    tests: [
      'test/constructs/pure-helpers.test.ts',
      'test/constructs/pure-policies.test.ts',
      'test/constructs/databricks/cluster-policy-definition.test.ts',
      'test/constructs/databricks/node-traffic-encryption-policy-spec.test.ts',
    ],
  },
  environments: {
    mutate: ['environments/lib/*.ts'],
    tests: [
      'test/environments/environment-lib.test.ts',
      'test/environments/environment-schema.test.ts',
      'test/environments/groups.test.ts',
      'test/environments/group-defaults.test.ts',
      'test/environments/artifact-allowlists-spec.test.ts',
      'test/environments/name-claims.test.ts',
      'test/environments/load-config.test.ts',
      'test/environments/bad-input.test.ts',
      'test/environments/environment-set.test.ts',
      'test/environments/log-delivery-limits-spec.test.ts',
      'test/environments/config-errors.test.ts',
      'test/environments/published-layers.test.ts',
      'test/environments/system-schema-owners.test.ts',
      'test/environments/system-schema-claims.test.ts',
      'test/environments/data-files-spec.test.ts',
      'test/environments/adopted-names.test.ts',
      'test/environments/security-validation.test.ts',
      'test/environments/unity-catalog-validation.test.ts',
      'test/environments/node-traffic-encryption-schema.test.ts',
      'test/environments/node-traffic-encryption-matrix.test.ts',
      'test/environments/log-delivery-schema.test.ts',
      'test/environments/pipeline-validation.test.ts',
      'test/network/egress-validation.test.ts',
    ],
  },
  scripts: {
    mutate: [
      'scripts/lib/plan-guard.ts',
      'scripts/lib/plan-guard-markdown.ts',
      'scripts/lib/address-lock.ts',
      'scripts/lib/retirement.ts',
      'scripts/lib/sat-checks.ts',
      'scripts/lib/fork.ts',
      'scripts/lib/cli.ts',
      'scripts/lib/bench/report.ts',
      'scripts/lib/bench/generate.ts',
      'scripts/lib/bench/rounds.ts',
    ],
    tests: [
      'test/scripts/plan-guard.test.ts',
      'test/scripts/plan-guard-spec.test.ts',
      'test/scripts/plan-guard-markdown.test.ts',
      'test/scripts/script-libs.test.ts',
      'test/scripts/cli-async.test.ts',
      'test/scripts/retirement-spec.test.ts',
      'test/scripts/sat-checks-spec.test.ts',
      'test/scripts/fork-spec.test.ts',
      'test/scripts/fork-workflow-spec.test.ts',
      'test/scripts/bench.test.ts',
      'test/scripts/bench-spec.test.ts',
    ],
  },
  billing: {
    mutate: ['scripts/lib/billable-usage.ts', 'scripts/lib/billing/*.ts', '!scripts/lib/billing/worker.ts'],
    // Out: billing-report.test.ts spawns the command and reads 130,000 rows (issue 15); billing-report-output.test.ts runs it.
    tests: [
      'test/scripts/billing-validate.test.ts',
      'test/scripts/billing-aggregate.test.ts',
      'test/scripts/billing-prices.test.ts',
      'test/scripts/billing-read.test.ts',
      'test/scripts/billing-workers.test.ts',
      'test/scripts/billing-report-input.test.ts',
      'test/scripts/billing-report-system-table.test.ts',
    ],
  },
};
