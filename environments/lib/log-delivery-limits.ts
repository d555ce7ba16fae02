import type { AccountConfig, EnvironmentConfig } from '../schema';
import { LOG_DELIVERY_LIMITS } from '../schema/log-delivery';

const LOG_TYPES = [
  { key: 'billableUsage', logType: 'BILLABLE_USAGE' },
  { key: 'auditLogs', logType: 'AUDIT_LOGS' },
] as const;

/**
 * Databricks refuses to enable more configurations per log type than its limits allow, and a refused
 * configuration surfaces only at apply time; counting here fails the synth instead.
 */
export function validateLogDeliveryLimits(account: AccountConfig, environments: EnvironmentConfig[]): string[] {
  const problems: string[] = [];
  const delivery = account.logDelivery;
  const createsKey = delivery.enabled && delivery.bucket.mode === 'create';
  if (createsKey && account.aws.keyAdministratorArns.length === 0 && !account.aws.deployRoleArn) {
    problems.push('account: aws.keyAdministratorArns: needs at least one key administrator (or aws.deployRoleArn) for the log bucket key');
  }

  for (const { key, logType } of LOG_TYPES) {
    const managed = delivery.enabled && delivery[key] ? 1 : 0;
    const unmanaged = delivery.unmanagedConfigurations[key];
    if (managed + unmanaged > LOG_DELIVERY_LIMITS.accountLevel) {
      problems.push(
        `account: logDelivery.unmanagedConfigurations.${key}: ${unmanaged} unmanaged + ${managed} from this blueprint = ${managed + unmanaged} enabled account-level ${logType} configurations; Databricks allows at most ${LOG_DELIVERY_LIMITS.accountLevel} (disable one, or set logDelivery.${key} to false)`,
      );
    }
  }

  for (const env of environments) {
    const own = env.logDelivery;
    if (own.enabled && !delivery.enabled) {
      problems.push(`environment "${env.name}": logDelivery.enabled: needs account.logDelivery.enabled (the account stack owns the delivery role and bucket)`);
    }
    for (const { key, logType } of LOG_TYPES) {
      const managed = own.enabled && own[key] ? 1 : 0;
      const unmanaged = own.unmanagedConfigurations[key];
      if (managed + unmanaged > LOG_DELIVERY_LIMITS.perWorkspace) {
        problems.push(
          `environment "${env.name}": logDelivery.unmanagedConfigurations.${key}: ${unmanaged} unmanaged + ${managed} from this blueprint = ${managed + unmanaged} enabled ${logType} configurations filtered to this workspace; Databricks allows at most ${LOG_DELIVERY_LIMITS.perWorkspace}`,
        );
      }
    }
  }
  return problems;
}
