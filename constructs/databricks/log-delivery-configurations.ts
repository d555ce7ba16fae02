import { MwsCredentials } from '@cdktf/provider-databricks/lib/mws-credentials';
import { MwsLogDelivery } from '@cdktf/provider-databricks/lib/mws-log-delivery';
import { MwsStorageConfigurations } from '@cdktf/provider-databricks/lib/mws-storage-configurations';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { StackContext } from '../context';

/** Where delivered logs go: derived from the account file alone (stacks/log-delivery-target.ts), so any stack can name them. */
export interface LogDeliveryTarget {
  readonly roleName: string;
  readonly roleArn: string;
  readonly bucketName: string;
  /** AWS account that owns the bucket (differs from the role's for a log-archive bucket). */
  readonly bucketAccountId: string;
  readonly bucketRegion: string;
  readonly external: boolean;
  readonly prefix: string;
}

export interface LogDeliveryConfigurationsProps {
  /**
   * Names the credentials, storage configuration and delivery configurations (unique per prefix and stack),
   * which are objects of its Databricks account (account provider).
   */
  readonly context: StackContext;
  /** The delivery role (trust from databricks_aws_assume_role_policy with for_log_delivery). */
  readonly roleArn: string;
  readonly bucketName: string;
  /**
   * Billable usage lands in `<prefix>/billable-usage/csv/`, audit logs in
   * `<prefix>/audit-logs/workspaceId=<id>/date=<yyyy-mm-dd>/`.
   */
  readonly prefix: string;
  readonly billableUsage: boolean;
  readonly auditLogs: boolean;
  /** Restrict delivery to this workspace. Default: account-wide, including account-level audit events. */
  readonly workspaceId?: number;
  /** First month delivered (YYYY-MM). Default: the month of creation. */
  readonly deliveryStartTime?: string;
  /** Wait for these before registering the role (IAM propagation). Default: none. */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * Registers the role and bucket with Databricks and creates one delivery configuration per log type.
 * Databricks cannot delete a configuration: destroying one disables it, which frees its slot.
 */
export class LogDeliveryConfigurations extends Construct {
  readonly credentials: MwsCredentials;
  readonly storageConfiguration: MwsStorageConfigurations;
  readonly billableUsage?: MwsLogDelivery;
  readonly auditLogs?: MwsLogDelivery;

  constructor(scope: Construct, id: string, props: LogDeliveryConfigurationsProps) {
    super(scope, id);
    const { naming, accountProvider: provider, databricksAccountId: accountId } = props.context;
    // No account_id: deprecated on databricks_mws_credentials (provider 1.99 docs); the provider's account applies.
    this.credentials = new MwsCredentials(this, 'credentials', {
      provider,
      credentialsName: naming.name('log-delivery'),
      roleArn: props.roleArn,
      dependsOn: props.dependsOn,
    });
    this.storageConfiguration = new MwsStorageConfigurations(this, 'storage', {
      provider,
      accountId,
      storageConfigurationName: naming.name('log-delivery'),
      bucketName: props.bucketName,
    });
    const common = {
      provider,
      accountId,
      credentialsId: this.credentials.credentialsId,
      storageConfigurationId: this.storageConfiguration.storageConfigurationId,
      workspaceIdsFilter: props.workspaceId === undefined ? undefined : [props.workspaceId],
      deliveryStartTime: props.deliveryStartTime,
      status: 'ENABLED',
    };
    if (props.billableUsage) {
      this.billableUsage = new MwsLogDelivery(this, 'billable-usage', {
        ...common,
        configName: naming.name('billable-usage'),
        logType: 'BILLABLE_USAGE',
        outputFormat: 'CSV',
        deliveryPathPrefix: props.prefix,
      });
    }
    if (props.auditLogs) {
      this.auditLogs = new MwsLogDelivery(this, 'audit-logs', {
        ...common,
        configName: naming.name('audit-logs'),
        logType: 'AUDIT_LOGS',
        outputFormat: 'JSON',
        deliveryPathPrefix: `${props.prefix}/audit-logs`,
      });
    }
  }
}
