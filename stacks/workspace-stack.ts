import type { DatabricksProvider } from '@cdktf/provider-databricks/lib/provider';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { TimeProvider } from '@cdktf/provider-time/lib/provider';
import { TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import type { ResolvedEnvironment } from '../environments';
import type { AccountConfig } from '../environments/schema';
import { CrossAccountRole } from '../constructs/aws/cross-account-role';
import { WorkspaceNetwork } from '../constructs/aws/workspace-network';
import { WorkspaceKeys } from '../constructs/databricks/customer-managed-keys';
import { NodeTrafficEncryption } from '../constructs/databricks/node-traffic-encryption';
import { DatabricksWorkspace } from '../constructs/databricks/workspace';
import { Naming } from '../constructs/naming';
import { awsProvider, databricksAccountProvider, databricksWorkspaceProvider, remoteState } from './providers';

export interface WorkspaceStackProps {
  readonly account: AccountConfig;
  readonly environment: ResolvedEnvironment;
}

/** Everything one environment owns: network, roles, keys, buckets and the workspace itself. */
export class WorkspaceStack extends TerraformStack {
  readonly naming: Naming;
  readonly network: WorkspaceNetwork;
  readonly crossAccountRole: CrossAccountRole;
  readonly keys: WorkspaceKeys;
  readonly workspace: DatabricksWorkspace;
  /** Enforced encryption of traffic between cluster nodes; undefined when disabled. */
  readonly nodeTrafficEncryption?: NodeTrafficEncryption;
  /** Account-console provider (mws_* objects, account-level data sources). */
  readonly accountProvider: DatabricksProvider;
  /** Provider for objects inside the new workspace (secret scopes, policies, catalogs). */
  readonly workspaceProvider: DatabricksProvider;
  readonly tags: Record<string, string>;

  constructor(scope: Construct, props: WorkspaceStackProps) {
    const { account, environment: env } = props;
    super(scope, env.name);
    remoteState(this, account, env.stateKey);
    this.naming = new Naming(account.namePrefix, env.name);
    const tags = environmentTags(env);
    this.tags = tags;
    awsProvider(this, {
      region: env.aws.region,
      accountId: env.aws.accountId,
      deployRoleArn: env.aws.deployRoleArn,
      sessionName: `cdktf-${env.name}`,
      tags,
    });
    new TimeProvider(this, 'time');
    const accountProvider = databricksAccountProvider(this, env.databricksAccountId);
    this.accountProvider = accountProvider;

    this.network = new WorkspaceNetwork(this, 'network', { naming: this.naming, region: env.aws.region, network: env.network });
    this.crossAccountRole = new CrossAccountRole(this, 'cross-account-role', {
      naming: this.naming,
      databricksAccountId: env.databricksAccountId,
      awsAccountId: env.aws.accountId,
      region: env.aws.region,
      vpcId: this.network.vpcId,
      securityGroupIds: this.network.securityGroupIds,
      crossAccountEbsKeyArns: crossAccountStorageKeys(env),
      databricksProvider: accountProvider,
    });
    this.keys = new WorkspaceKeys(this, 'keys', {
      naming: this.naming,
      encryption: env.encryption,
      databricksAccountId: env.databricksAccountId,
      awsAccountId: env.aws.accountId,
      region: env.aws.region,
      administratorArns: env.keyAdministratorArns,
      crossAccountRoleArn: this.crossAccountRole.arn,
      protect: env.protect,
      databricksProvider: accountProvider,
    });
    this.workspace = new DatabricksWorkspace(this, 'workspace', {
      naming: this.naming,
      databricksAccountId: env.databricksAccountId,
      awsAccountId: env.aws.accountId,
      region: env.aws.region,
      workspaceName: env.databricks.workspaceName,
      deploymentName: env.databricks.deploymentName,
      pricingTier: env.databricks.pricingTier,
      network: this.network,
      crossAccountRole: this.crossAccountRole,
      rootBucketKeyArn: this.keys.storageKeyArn,
      managedServicesKeyId: this.keys.managedServicesKeyId,
      storageKeyId: this.keys.storageKeyId,
      customTags: tags,
      protect: env.protect,
      databricksProvider: accountProvider,
    });
    this.workspaceProvider = databricksWorkspaceProvider(this, this.workspace.url);

    if (env.nodeTrafficEncryption.enabled) {
      new RandomProvider(this, 'random');
      this.nodeTrafficEncryption = new NodeTrafficEncryption(this, 'node-traffic-encryption', {
        naming: this.naming,
        config: env.nodeTrafficEncryption,
        adminsGroup: account.groups.admins,
        clusterOwnerGroups: env.nodeTrafficEncryption.clusterOwnerGroups ?? [account.groups.dataEngineers],
        tags,
        protect: env.protect,
        databricksProvider: this.workspaceProvider,
      });
    }

    new TerraformOutput(this, 'workspace_url', { value: this.workspace.url, description: 'URL of the Databricks workspace' });
    new TerraformOutput(this, 'workspace_id', { value: this.workspace.workspaceId, description: 'Numeric id of the workspace' });
  }
}

/** Environment, Owner, CostCenter and any extra tags; `Environment` always equals the name. */
export function environmentTags(env: ResolvedEnvironment): Record<string, string> {
  return { ...env.tags, Environment: env.name, ManagedBy: 'cdktf' };
}

/** A storage key in another AWS account needs an IAM grant on the cross-account role too. */
function crossAccountStorageKeys(env: ResolvedEnvironment): string[] {
  const keyArn = env.encryption.storage.existingKeyArn;
  if (!keyArn || !env.encryption.storage.enabled) return [];
  return keyArn.split(':')[4] === env.aws.accountId ? [] : [keyArn];
}
