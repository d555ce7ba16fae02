/**
 * Databricks limits on enabled log delivery configurations (environments/lib/log-delivery-limits.ts),
 * called directly on parsed fixtures: both sides of each limit, per log type, account-wide and per
 * workspace, and the key administrator the created log bucket's key needs.
 */
import { validateLogDeliveryLimits } from '../../environments/lib/log-delivery-limits';
import { accountSchema, environmentSchema, type AccountConfig, type AccountInput, type EnvironmentConfig, type EnvironmentInput } from '../../environments/schema';
import { LOG_DELIVERY_LIMITS } from '../../environments/schema/log-delivery';
import { accountFixture, environmentFixture, FIXTURE, type DeepPartial } from '../support/fixtures';

const account = (overrides?: DeepPartial<AccountInput>): AccountConfig => accountSchema.parse(accountFixture(overrides));
const environment = (name: string, overrides?: DeepPartial<EnvironmentInput>): EnvironmentConfig => environmentSchema.parse(environmentFixture(name, overrides));
const LOG_TYPES = [['billableUsage', 'BILLABLE_USAGE'], ['auditLogs', 'AUDIT_LOGS']] as const;
const EXTERNAL = { mode: 'external', name: 'fx-log-archive', accountId: '222222222222' } as const;

describe('account-level configurations per log type', () => {
  const max = LOG_DELIVERY_LIMITS.accountLevel;
  const text = (key: string, logType: string, unmanaged: number, managed: number) =>
    `account: logDelivery.unmanagedConfigurations.${key}: ${unmanaged} unmanaged + ${managed} from this blueprint = ${unmanaged + managed} enabled account-level ${logType} configurations; ` +
    `Databricks allows at most ${max} (disable one, or set logDelivery.${key} to false)`;

  it.each(LOG_TYPES)('%s: the blueprint\'s own plus the unmanaged ones, up to the limit', (key, logType) => {
    const unmanaged = (count: number, delivery: DeepPartial<AccountInput['logDelivery']> = {}) =>
      validateLogDeliveryLimits(account({ logDelivery: { ...delivery, unmanagedConfigurations: { [key]: count } } }), []);
    expect(unmanaged(max - 1)).toEqual([]);
    expect(unmanaged(max)).toEqual([text(key, logType, max, 1)]);
    // Not delivered by the blueprint: the unmanaged ones alone count.
    expect(unmanaged(max, { [key]: false })).toEqual([]);
    expect(unmanaged(max, { enabled: false })).toEqual([]);
    expect(unmanaged(max + 1, { enabled: false })).toEqual([text(key, logType, max + 1, 0)]);
  });
});

describe('configurations filtered to one workspace', () => {
  const max = LOG_DELIVERY_LIMITS.perWorkspace;
  const text = (key: string, logType: string, unmanaged: number, managed: number) =>
    `environment "alpha": logDelivery.unmanagedConfigurations.${key}: ${unmanaged} unmanaged + ${managed} from this blueprint = ${unmanaged + managed} enabled ${logType} configurations filtered to this workspace; ` +
    `Databricks allows at most ${max}`;

  it.each(LOG_TYPES)('%s: the environment\'s own delivery plus the unmanaged ones, up to the limit', (key, logType) => {
    const unmanaged = (count: number, delivery: DeepPartial<EnvironmentInput['logDelivery']> = { enabled: true }) =>
      validateLogDeliveryLimits(account(), [environment('alpha', { logDelivery: { ...delivery, unmanagedConfigurations: { [key]: count } } })]);
    expect(unmanaged(max - 1)).toEqual([]);
    expect(unmanaged(max)).toEqual([text(key, logType, max, 1)]);
    expect(unmanaged(max, { enabled: true, [key]: false })).toEqual([]);
    expect(unmanaged(max, { enabled: false })).toEqual([]);
    expect(unmanaged(max + 1, { enabled: false })).toEqual([text(key, logType, max + 1, 0)]);
  });

  it('needs account-level delivery, which owns the delivery role and bucket', () => {
    const own = environment('alpha', { logDelivery: { enabled: true } });
    expect(validateLogDeliveryLimits(account({ logDelivery: { enabled: false } }), [own, environment('beta')])).toEqual([
      'environment "alpha": logDelivery.enabled: needs account.logDelivery.enabled (the account stack owns the delivery role and bucket)',
    ]);
    expect(validateLogDeliveryLimits(account(), [own])).toEqual([]);
  });
});

describe('the key of a created log bucket', () => {
  const problem = 'account: aws.keyAdministratorArns: needs at least one key administrator (or aws.deployRoleArn) for the log bucket key';
  const noDeployRole = { aws: { accountId: FIXTURE.accountId, region: FIXTURE.region } } as const;
  const accountWithout = (overrides: DeepPartial<AccountInput>) => {
    const input = accountFixture(overrides);
    delete input.aws.deployRoleArn;
    return accountSchema.parse(input);
  };

  it('needs an administrator: a listed one or the deploy role', () => {
    expect(validateLogDeliveryLimits(accountWithout(noDeployRole), [])).toEqual([problem]);
    expect(validateLogDeliveryLimits(account(), [])).toEqual([]);
    expect(validateLogDeliveryLimits(accountWithout({ aws: { keyAdministratorArns: [`arn:aws:iam::${FIXTURE.accountId}:role/keys`] } }), [])).toEqual([]);
  });

  it('is not needed when no bucket is created', () => {
    expect(validateLogDeliveryLimits(accountWithout({ logDelivery: { bucket: EXTERNAL } }), [])).toEqual([]);
    expect(validateLogDeliveryLimits(accountWithout({ logDelivery: { enabled: false } }), [])).toEqual([]);
  });
});
