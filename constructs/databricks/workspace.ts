import { DataDatabricksAwsBucketPolicy } from '@cdktf/provider-databricks/lib/data-databricks-aws-bucket-policy';
import { MwsCredentials } from '@cdktf/provider-databricks/lib/mws-credentials';
import { MwsNetworks } from '@cdktf/provider-databricks/lib/mws-networks';
import { MwsStorageConfigurations } from '@cdktf/provider-databricks/lib/mws-storage-configurations';
import { MwsWorkspaces } from '@cdktf/provider-databricks/lib/mws-workspaces';
import { Sleep } from '@cdktf/provider-time/lib/sleep';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { SecureBucket } from '../aws/secure-bucket';
import { ROOT_BUCKET_REGION_NAMES, restrictiveRootBucketStatements } from './root-bucket-policy';
import type { CrossAccountRole } from '../aws/cross-account-role';
import type { WorkspaceNetwork } from '../aws/workspace-network';
import type { StackContext } from '../context';
import { protectFromDestroy } from '../protection';

export interface DatabricksWorkspaceProps {
  /**
   * Names the bucket and mws_* objects, which go to its Databricks account (account provider) in its
   * region; its tags become the workspace's custom tags (on the AWS resources Databricks launches).
   */
  readonly context: StackContext;
  readonly workspaceName: string;
  readonly deploymentName: string;
  readonly pricingTier: string;
  readonly network: WorkspaceNetwork;
  readonly crossAccountRole: CrossAccountRole;
  /** Customer-managed key encrypting the root bucket (SSE-KMS with bucket keys). */
  readonly rootBucketKeyArn: string;
  /** `customer_managed_key_id` of the MANAGED_SERVICES configuration. Default: Databricks-managed keys. */
  readonly managedServicesKeyId?: string;
  /** `customer_managed_key_id` of the STORAGE configuration. Default: Databricks-managed keys. */
  readonly storageKeyId?: string;
  /** Private access settings id (PrivateLink). Default: public access. */
  readonly privateAccessSettingsId?: string;
  /** Registered PrivateLink endpoints for back-end traffic (databricks_mws_networks.vpc_endpoints). Default: none. */
  readonly vpcEndpoints?: { restApi: string[]; dataplaneRelay: string[] };
  /**
   * `restrictive`: Databricks writes only under its workspace paths (SRA restrictive root bucket policy);
   * `databricks-default`: databricks_aws_bucket_policy, writes anywhere in the bucket. Default: restrictive.
   */
  readonly rootBucketPolicy?: 'restrictive' | 'databricks-default';
  /** Name of the root bucket. Default: `<prefix>-<env>-root-<aws account>`; an adopted workspace keeps its bucket's name. */
  readonly rootBucketName?: string;
  /** Name of the storage configuration. Default: `<prefix>-<env>-storage`; an adopted one keeps its name (it cannot be updated). */
  readonly storageConfigurationName?: string;
}

/**
 * How long a new workspace gets before workspace-level calls: right after creation the workspace API can
 * still fail to find it (the SRA waits 60 s, terraform-databricks-sra aws/tf/main.tf "wait_for_workspace").
 */
export const WORKSPACE_REACHABLE_WAIT = '60s';

/** A Databricks E2 workspace: root bucket, credentials, storage and network configurations. */
export class DatabricksWorkspace extends Construct {
  readonly rootBucket: SecureBucket;
  readonly credentials: MwsCredentials;
  readonly storageConfiguration: MwsStorageConfigurations;
  readonly networkConfiguration: MwsNetworks;
  readonly workspace: MwsWorkspaces;
  /** Waits WORKSPACE_REACHABLE_WAIT after creation; `reachableUrl` passes the URL through it. */
  readonly reachable: Sleep;

  constructor(scope: Construct, id: string, props: DatabricksWorkspaceProps) {
    super(scope, id);
    const { naming, accountProvider: provider, databricksAccountId: accountId, awsAccountId, region, protect, tags } = props.context;
    const bucketName = props.rootBucketName ?? naming.bucketName('root', awsAccountId);
    const restrictive = (props.rootBucketPolicy ?? 'restrictive') === 'restrictive';
    if (restrictive && !(region in ROOT_BUCKET_REGION_NAMES)) {
      throw new Error(`${naming.environment}: no root-bucket path name is known for region ${region} (ROOT_BUCKET_REGION_NAMES)`);
    }
    const databricksAccess = restrictive
      ? undefined
      : new DataDatabricksAwsBucketPolicy(this, 'root-bucket-access', {
        provider,
        bucket: bucketName,
        // databricks_account_id is deprecated and ignored by the provider; only the E2 id adds the
        // aws:PrincipalTag/DatabricksAccountId condition that limits access to this Databricks account.
        databricksE2AccountId: accountId,
      });
    this.rootBucket = new SecureBucket(this, 'root-bucket', {
      bucketName,
      kmsKeyArn: props.rootBucketKeyArn,
      policyDocuments: databricksAccess ? [databricksAccess.json] : undefined,
      statements: restrictive
        ? restrictiveRootBucketStatements(`arn:aws:s3:::${bucketName}`, accountId, region)
        : undefined,
      protect,
    });

    this.credentials = new MwsCredentials(this, 'credentials', {
      provider,
      credentialsName: naming.name('credentials'),
      roleArn: props.crossAccountRole.arn,
      dependsOn: [props.crossAccountRole.ready.sleep],
    });
    this.storageConfiguration = new MwsStorageConfigurations(this, 'storage', {
      provider,
      accountId,
      storageConfigurationName: props.storageConfigurationName ?? naming.name('storage'),
      bucketName: this.rootBucket.name,
      // Databricks checks the bucket (writes <shard>-prod/0_databricks_dev) when the workspace is created.
      dependsOn: [this.rootBucket.policy],
    });
    this.networkConfiguration = new MwsNetworks(this, 'network', {
      provider,
      accountId,
      networkName: naming.name('network'),
      vpcId: props.network.vpcId,
      subnetIds: props.network.privateSubnetIds,
      securityGroupIds: props.network.securityGroupIds,
      vpcEndpoints: props.vpcEndpoints,
    });
    this.workspace = new MwsWorkspaces(this, 'workspace', {
      provider,
      accountId,
      workspaceName: props.workspaceName,
      deploymentName: props.deploymentName,
      awsRegion: region,
      pricingTier: props.pricingTier,
      credentialsId: this.credentials.credentialsId,
      storageConfigurationId: this.storageConfiguration.storageConfigurationId,
      networkId: this.networkConfiguration.networkId,
      managedServicesCustomerManagedKeyId: props.managedServicesKeyId,
      storageCustomerManagedKeyId: props.storageKeyId,
      privateAccessSettingsId: props.privateAccessSettingsId,
      customTags: { ...tags },
    });
    protectFromDestroy(this.workspace, protect);
    // Only on create: the URL never changes, so later applies do not wait again.
    this.reachable = new Sleep(this, 'reachable', { createDuration: WORKSPACE_REACHABLE_WAIT, triggers: { workspace_url: this.workspace.workspaceUrl } });
  }

  get url(): string {
    return this.workspace.workspaceUrl;
  }

  /**
   * The workspace URL, known only once the reachability wait is over. A workspace provider whose host is
   * this value makes every workspace-level resource and data source wait for it, with no depends_on each.
   */
  get reachableUrl(): string {
    return Token.asString(this.reachable.interpolationForAttribute('triggers.workspace_url'));
  }

  get workspaceId(): string {
    return Token.asString(this.workspace.workspaceId);
  }
}
