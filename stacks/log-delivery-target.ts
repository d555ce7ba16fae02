import type { AccountConfig } from '../environments/schema';
import { roleArnFor } from '../constructs/aws/policy';
import type { AccountLogDeliveryProps } from '../constructs/databricks/log-delivery';
import type { LogDeliveryTarget } from '../constructs/databricks/log-delivery-configurations';
import { Naming } from '../constructs/naming';

/** Where delivered logs go, from the account file alone: the account stack creates it, environment stacks reuse it. */
export function logDeliveryTarget(account: AccountConfig): LogDeliveryTarget {
  const naming = new Naming(account.namePrefix, 'account');
  const { bucket, prefix } = account.logDelivery;
  const roleName = naming.name('log-delivery');
  return {
    roleName,
    roleArn: roleArnFor(account.aws.accountId, roleName),
    bucketName: bucket.mode === 'external' ? bucket.name : naming.bucketName('logs', account.aws.accountId),
    bucketAccountId: bucket.mode === 'external' ? bucket.accountId : account.aws.accountId,
    bucketRegion: (bucket.mode === 'external' ? bucket.region : undefined) ?? account.aws.region,
    external: bucket.mode === 'external',
    prefix,
  };
}

/** Delivery path prefix of an environment's workspace-filtered configurations. */
export function environmentDeliveryPrefix(account: AccountConfig, environment: string): string {
  return `${account.logDelivery.prefix}/environments/${environment}`;
}

/** account.logDelivery -> AccountLogDelivery props (null lifecycle days of the file mean "never"). */
export function accountLogDeliverySettings(account: AccountConfig): Pick<AccountLogDeliveryProps, 'bucket' | 'billableUsage' | 'auditLogs' | 'deliveryStartTime'> {
  const { bucket, billableUsage, auditLogs, deliveryStartTime } = account.logDelivery;
  return {
    bucket:
      bucket.mode === 'create'
        ? {
            mode: 'create',
            lifecycle: {
              transitionToInfrequentAccessDays: bucket.lifecycle.transitionToInfrequentAccessDays ?? undefined,
              transitionToGlacierDays: bucket.lifecycle.transitionToGlacierDays ?? undefined,
              expireDays: bucket.lifecycle.expireDays ?? undefined,
              noncurrentVersionExpireDays: bucket.lifecycle.noncurrentVersionExpireDays,
            },
          }
        : { mode: 'external', kmsKeyArn: bucket.kmsKeyArn },
    billableUsage,
    auditLogs,
    deliveryStartTime,
  };
}
