import { DisableLegacyFeaturesSetting } from '@cdktf/provider-databricks/lib/disable-legacy-features-setting';
import { DataDatabricksGroup } from '@cdktf/provider-databricks/lib/data-databricks-group';
import { TimeProvider } from '@cdktf/provider-time/lib/provider';
import { TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { resolveKeyAdministrators, stateKeyFor } from '../environments';
import { groupDisplayName } from '../environments/lib/groups';
import type { AccountConfig } from '../environments/schema';
import { createAccountGroups, type AccountGroupResources } from '../constructs/databricks/account-groups';
import { RegionalMetastore } from '../constructs/databricks/metastore';
import { AccountLogDelivery } from '../constructs/databricks/log-delivery';
import { Naming } from '../constructs/naming';
import { PipelinePrincipals } from '../constructs/databricks/pipeline-principals';
import { PIPELINE_MODES } from '../constructs/pipeline-subjects';
import { RegionalNetworkConnectivity } from '../constructs/databricks/serverless-network';
import type { StackContext } from '../constructs/context';
import { accountLogDeliverySettings, logDeliveryTarget } from './log-delivery-target';
import { awsProvider, databricksAccountProvider, remoteState, stackTags } from './providers';

export interface AccountStackProps {
  readonly account: AccountConfig;
  /** Environment stacks, in deploy order: with account.ci each gets pipeline principals. Default: none. */
  readonly environmentNames?: readonly string[];
}

/**
 * What exists once per Databricks account or region and is shared by every environment: account
 * groups, metastores, log delivery. Deployed before the environment stacks.
 */
export class AccountStack extends TerraformStack {
  readonly naming: Naming;
  /** Account groups (created or looked up) and their service-principal members. */
  readonly groups: AccountGroupResources;
  /** Billable-usage and audit log delivery; undefined when account.logDelivery.enabled is false. */
  readonly logDelivery?: AccountLogDelivery;
  /** Service principals of the GitOps pipeline; undefined without account.ci. */
  readonly pipeline?: PipelinePrincipals;

  constructor(scope: Construct, props: AccountStackProps) {
    super(scope, 'account');
    const { account } = props;
    remoteState(this, account, stateKeyFor(account, 'account'));
    this.naming = new Naming(account.namePrefix, 'account');
    const tags = stackTags(account.tags, 'account');
    awsProvider(this, {
      region: account.aws.region,
      accountId: account.aws.accountId,
      deployRoleArn: account.aws.deployRoleArn,
      planRoleArn: account.aws.planRoleArn,
      sessionName: 'cdktf-account',
      tags,
    });
    const provider = databricksAccountProvider(this, account.databricksAccountId);
    const context: StackContext = {
      naming: this.naming,
      awsAccountId: account.aws.accountId,
      databricksAccountId: account.databricksAccountId,
      region: account.aws.region,
      tags,
      protect: account.protect,
      accountProvider: provider,
    };
    // account.ownerGroup -> display name, once: it owns the metastores and administers through the pipeline.
    const ownerGroupName = groupDisplayName(account.groups, account.ownerGroup);

    this.groups = createAccountGroups(this, {
      groups: Object.entries(account.groups).map(([key, group]) => ({ key, displayName: group.displayName, servicePrincipals: group.members.servicePrincipals })),
      manage: account.manageGroups,
      provider,
    });

    if (account.ci) this.pipeline = this.pipelinePrincipals(context, account, ownerGroupName, this.groups.ids.get(account.ownerGroup), props.environmentNames ?? []);

    if (account.disableLegacyFeatures) {
      new DisableLegacyFeaturesSetting(this, 'disable-legacy-features', { provider, disableLegacyFeatures: { value: true } });
    }

    // Environment stacks find their region's metastore by name; see constructs/databricks/metastore.ts.
    for (const region of account.metastoreRegions) {
      new RegionalMetastore(this, `metastore-${region}`, {
        context,
        metastoreRegion: region,
        ownerGroup: ownerGroupName,
        storageRoot: account.metastoreStorageRoot[region],
        dependsOn: this.groups.created,
      });
    }
    // Serverless network connectivity per region; environment stacks bind it by name (docs/network.md).
    if (account.serverlessNetworkConnectivity) {
      for (const region of account.metastoreRegions) {
        new RegionalNetworkConnectivity(this, `ncc-${region}`, { context, nccRegion: region });
      }
    }
    if (account.logDelivery.enabled) {
      new TimeProvider(this, 'time');
      const target = logDeliveryTarget(account);
      const delivery = new AccountLogDelivery(this, 'log-delivery', {
        context,
        target,
        ...accountLogDeliverySettings(account),
        administratorArns: resolveKeyAdministrators(account.aws.keyAdministratorArns, account.aws.deployRoleArn),
      });
      this.logDelivery = delivery;
      new TerraformOutput(this, 'log_delivery_role_arn', { value: delivery.role.arn, description: 'Role Databricks assumes to deliver logs' });
      new TerraformOutput(this, 'log_delivery_bucket', { value: target.bucketName, description: 'Bucket receiving billable-usage and audit logs' });
      if (target.external) {
        new TerraformOutput(this, 'log_delivery_bucket_policy', {
          value: delivery.bucketPolicy.json,
          description: `Bucket policy to apply to ${target.bucketName} in AWS account ${target.bucketAccountId}`,
        });
      }
      if (delivery.externalKeyPolicy) {
        new TerraformOutput(this, 'log_delivery_key_policy', {
          value: delivery.externalKeyPolicy.json,
          description: 'Statement to add to the key policy of the log bucket key',
        });
      }
    }
  }

  /** One principal per stack and mode, federated to the stack's GitHub environments (docs/gitops.md). */
  private pipelinePrincipals(
    context: StackContext,
    account: AccountConfig,
    ownerGroupName: string,
    ownerGroupId: string | undefined,
    environmentNames: readonly string[],
  ): PipelinePrincipals {
    const ci = account.ci!;
    // The owner group (account.ownerGroup): referenced when created or already looked up here, else looked up.
    const adminGroupId = ownerGroupId ?? new DataDatabricksGroup(this, 'admins-group', { provider: context.accountProvider, displayName: ownerGroupName }).id;
    const principals = new PipelinePrincipals(this, 'pipeline', {
      context,
      repository: ci.githubRepository,
      stacks: ['account', ...environmentNames],
      adminGroupId,
    });
    for (const [stack, byMode] of principals.principals) {
      for (const mode of PIPELINE_MODES) {
        new TerraformOutput(this, `ci_${stack}_${mode}_databricks_client_id`, {
          value: byMode[mode].applicationId,
          description: `GitHub environment variable DATABRICKS_CLIENT_ID of the ${mode === 'apply' ? `"${stack}"` : `"${stack}-plan" and "${stack}-drift"`} environment(s)`,
        });
      }
    }
    return principals;
  }
}
