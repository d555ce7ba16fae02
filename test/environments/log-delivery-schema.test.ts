import { describeIssues } from '../../environments/lib/errors';
import { validateEnvironmentSet } from '../../environments/lib/validate-set';
import { accountSchema, environmentSchema, MAX_BUDGET_THRESHOLDS, type AccountInput, type EnvironmentInput } from '../../environments/schema';
import { accountFixture, environmentFixture, FIXTURE } from '../support/fixtures';

// Fixtures: beta with a budget, gamma with a workspace-filtered audit delivery.
const account = accountFixture();
const beta = environmentFixture('beta', { budget: { amountUsd: 3000, recipients: ['alerts@example.org'] } });
const gamma = environmentFixture('gamma', { logDelivery: { enabled: true, billableUsage: false } });

const accountErrors = (change: Partial<AccountInput>): string[] => {
  const result = accountSchema.safeParse({ ...account, ...change });
  return result.success ? [] : describeIssues('account', result.error);
};
const envErrors = (change: Partial<EnvironmentInput>): string[] => {
  const result = environmentSchema.safeParse({ ...beta, ...change });
  return result.success ? [] : describeIssues('environment "beta"', result.error);
};
const setErrors = (accountChange: Partial<AccountInput>, envChange: Partial<EnvironmentInput> = {}): string[] =>
  validateEnvironmentSet(
    accountSchema.parse({ ...account, ...accountChange }),
    [environmentSchema.parse(gamma), environmentSchema.parse({ ...beta, ...envChange })],
    new Map(),
  );

describe('log delivery defaults', () => {
  it('keeps existing files valid: account-wide delivery on, a created bucket, prefix "databricks"', () => {
    const parsed = accountSchema.parse(account).logDelivery;
    expect(parsed).toMatchObject({ enabled: true, prefix: 'databricks', billableUsage: true, auditLogs: true, bucket: { mode: 'create' } });
    expect(parsed.bucket.mode === 'create' && parsed.bucket.lifecycle).toEqual({
      transitionToInfrequentAccessDays: 90, transitionToGlacierDays: 365, expireDays: null, noncurrentVersionExpireDays: 30,
    });
    const env = environmentSchema.parse(beta);
    expect(env.logDelivery.enabled).toBe(false);
    expect(environmentSchema.parse({ ...beta, budget: undefined }).budget).toBeUndefined();
  });
});

describe('delivery path prefix', () => {
  it.each([
    ['/databricks', 'must not start or end with "/"'],
    ['databricks/', 'must not start or end with "/"'],
    ['logs//databricks', 'joined by single "/"'],
    ['logs/../other', 'joined by single "/"'],
    ['logs with spaces', 'joined by single "/"'],
    ['*', 'joined by single "/"'],
    ['logs/*', 'joined by single "/"'],
    ['', 'must not be empty'],
  ])('rejects %j', (prefix, rule) => {
    const errors = accountErrors({ logDelivery: { prefix } });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^account: logDelivery\.prefix: /);
    expect(errors[0]).toContain(rule);
  });

  it.each(['databricks', 'org/fx/databricks-logs', "a_b.c!d-e'f(g)"])('accepts %j', (prefix) => {
    expect(accountErrors({ logDelivery: { prefix } })).toEqual([]);
  });
});

describe('bucket', () => {
  it('orders lifecycle transitions and expiry', () => {
    const errors = accountErrors({ logDelivery: { bucket: { mode: 'create', lifecycle: { transitionToInfrequentAccessDays: 200, transitionToGlacierDays: 100, expireDays: 150 } } } });
    expect(errors).toEqual([
      'account: logDelivery.bucket.lifecycle.transitionToGlacierDays: must be after transitionToInfrequentAccessDays (200); got 100',
      'account: logDelivery.bucket.lifecycle.expireDays: must be after the last transition (day 200); got 150',
    ]);
    expect(accountErrors({ logDelivery: { bucket: { mode: 'create', lifecycle: { transitionToInfrequentAccessDays: 10 } } } })[0]).toMatch(/transitionToInfrequentAccessDays: .*>=30/);
  });

  it('needs a name and owning account for an external bucket', () => {
    const errors = accountErrors({ logDelivery: { bucket: { mode: 'external' } as never } });
    expect(errors.map((e) => e.split(':').slice(0, 2).join(':'))).toEqual(['account: logDelivery.bucket.name', 'account: logDelivery.bucket.accountId']);
  });
});

describe('Databricks limits on enabled configurations', () => {
  it('accepts the example set', () => {
    expect(setErrors({})).toEqual([]);
  });

  it('fails when unmanaged account-level configurations plus ours exceed two per log type', () => {
    expect(setErrors({ logDelivery: { unmanagedConfigurations: { auditLogs: 2 } } })).toEqual([
      'account: logDelivery.unmanagedConfigurations.auditLogs: 2 unmanaged + 1 from this blueprint = 3 enabled account-level AUDIT_LOGS configurations; Databricks allows at most 2 (disable one, or set logDelivery.auditLogs to false)',
    ]);
    expect(setErrors({ logDelivery: { auditLogs: false, unmanagedConfigurations: { auditLogs: 2 } } })).toEqual([]);
  });

  it('fails when a workspace would be named by more than two enabled configurations of a type', () => {
    const errors = setErrors({}, { logDelivery: { enabled: true, unmanagedConfigurations: { billableUsage: 2 } } });
    expect(errors).toEqual([
      'environment "beta": logDelivery.unmanagedConfigurations.billableUsage: 2 unmanaged + 1 from this blueprint = 3 enabled BILLABLE_USAGE configurations filtered to this workspace; Databricks allows at most 2',
    ]);
  });

  it('needs account-level delivery for workspace-filtered delivery', () => {
    expect(setErrors({ logDelivery: { enabled: false } })).toEqual([
      'environment "gamma": logDelivery.enabled: needs account.logDelivery.enabled (the account stack owns the delivery role and bucket)',
    ]);
  });

  it('needs a key administrator when the log bucket key is created', () => {
    expect(setErrors({ aws: { accountId: FIXTURE.accountId, region: FIXTURE.region } })).toContain(
      'account: aws.keyAdministratorArns: needs at least one key administrator (or aws.deployRoleArn) for the log bucket key',
    );
  });
});

describe('budget', () => {
  it('rejects bad recipients, repeated or too many thresholds, and non-positive amounts', () => {
    expect(envErrors({ budget: { amountUsd: 0, recipients: ['not-an-email'], alertThresholdsPercent: [50, 50] } })).toEqual([
      'environment "beta": budget.amountUsd: must be at least 0.01 (one cent)',
      'environment "beta": budget.alertThresholdsPercent: must not repeat a threshold',
      'environment "beta": budget.recipients.0: must be an email address',
    ]);
    const tooMany = Array.from({ length: MAX_BUDGET_THRESHOLDS + 1 }, (_, i) => (i + 1) * 10);
    expect(envErrors({ budget: { amountUsd: 10, recipients: ['a@example.com'], alertThresholdsPercent: tooMany } })).toEqual([
      `environment "beta": budget.alertThresholdsPercent: must list at most ${MAX_BUDGET_THRESHOLDS} thresholds (each becomes its own budget)`,
    ]);
  });

  it('defaults to a monthly budget alerting at 100%', () => {
    expect(environmentSchema.parse(beta).budget).toEqual({ amountUsd: 3000, period: 'MONTH', alertThresholdsPercent: [100], recipients: ['alerts@example.org'] });
  });
});
