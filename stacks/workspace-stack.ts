import { Permissions } from '@cdktf/provider-databricks/lib/permissions';
import type { DatabricksProvider } from '@cdktf/provider-databricks/lib/provider';
import { SecretAcl } from '@cdktf/provider-databricks/lib/secret-acl';
import { TimeProvider } from '@cdktf/provider-time/lib/provider';
import { dependable, TerraformOutput, TerraformStack, type ITerraformDependable } from 'cdktf';
import type { Construct } from 'constructs';
import type { ResolvedEnvironment } from '../environments';
import { privateLinkServicesFor, type AccountConfig } from '../environments/schema';
import { CrossAccountRole } from '../constructs/aws/cross-account-role';
import { accountIdOf } from '../constructs/aws/policy';
import { PrivateLink } from '../constructs/aws/private-link';
import { WorkspaceNetwork } from '../constructs/aws/workspace-network';
import { EnvironmentBudget } from '../constructs/databricks/budget';
import { ClusterLogVolume, clusterHardeningElements } from '../constructs/databricks/cluster-hardening';
import { BaselineClusterPolicy } from '../constructs/databricks/cluster-policies';
import { ARTIFACT_ALLOWLISTS_ID, ArtifactAllowlists, forgetArtifactAllowlists } from '../constructs/databricks/artifact-allowlists';
import { mergePolicyDefinitions } from '../constructs/databricks/cluster-policy-definition';
import { WorkspaceKeys } from '../constructs/databricks/customer-managed-keys';
import { GlueMetastore, glueCatalogPolicy, glueDataRoleArn } from '../constructs/databricks/glue-metastore';
import { LogDeliveryConfigurations } from '../constructs/databricks/log-delivery-configurations';
import { NodeTrafficEncryption } from '../constructs/databricks/node-traffic-encryption';
import { SecretScopes } from '../constructs/databricks/secret-scopes';
import { UnityCatalog } from '../constructs/databricks/unity-catalog';
import { DatabricksWorkspace } from '../constructs/databricks/workspace';
import { UsersGroupEntitlements, workspaceConfFor } from '../constructs/databricks/workspace-admin-settings';
import { WorkspaceSecurity } from '../constructs/databricks/workspace-security';
import type { StackContext, WorkspaceContext } from '../constructs/context';
import { Naming } from '../constructs/naming';
import { applyAdoption } from './adoption';
import { addEgressFirewall, addFrontEndPrivateLink, addServerlessNetwork, endpointPoliciesFor } from './egress';
import { environmentGroupNames } from './environment-groups';
import { environmentDeliveryPrefix, logDeliveryTarget } from './log-delivery-target';
import { unityCatalogSpec } from './unity-catalog-props';
import { awsProvider, databricksAccountProvider, databricksWorkspaceProvider, remoteState, stackTags } from './providers';

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
  readonly unityCatalog: UnityCatalog;
  /** Legacy Glue Hive metastore; only when unityCatalog.glueMetastore.enabled. */
  readonly glueMetastore?: GlueMetastore;
  /** Back-end PrivateLink; undefined when privateLink.enabled is false. */
  readonly privateLink?: PrivateLink;
  readonly security: WorkspaceSecurity;
  readonly secretScopes: SecretScopes;
  /** Baseline cluster policy; undefined when clusterPolicy.enabled is false. */
  readonly clusterPolicy?: BaselineClusterPolicy;
  /** Enforced encryption of traffic between cluster nodes; undefined when disabled. */
  readonly nodeTrafficEncryption?: NodeTrafficEncryption;
  /** Account-console provider (mws_* objects, account-level data sources). */
  readonly accountProvider: DatabricksProvider;
  /** Provider for objects inside the new workspace (secret scopes, policies, catalogs). */
  readonly workspaceProvider: DatabricksProvider;
  readonly tags: Record<string, string>;
  /** What the environment's constructs share (naming, accounts, region, tags, protection, providers). */
  readonly context: WorkspaceContext;

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
      planRoleArn: env.aws.planRoleArn,
      sessionName: `cdktf-${env.name}`,
      tags,
    });
    new TimeProvider(this, 'time');
    const accountProvider = databricksAccountProvider(this, env.databricksAccountId);
    this.accountProvider = accountProvider;
    // Naming, accounts, region, tags, protection and the account provider: built once, read by every construct.
    const context: StackContext = {
      naming: this.naming,
      awsAccountId: env.aws.accountId,
      databricksAccountId: env.databricksAccountId,
      region: env.aws.region,
      tags,
      protect: env.protect,
      accountProvider,
    };
    // Group keys of the environment file -> display names, once.
    const groupNames = environmentGroupNames(account, env);

    this.network = new WorkspaceNetwork(this, 'network', {
      context,
      network: env.network,
      endpointPolicies: endpointPoliciesFor(account, env, this.naming),
    });
    addEgressFirewall(this, env, context, this.network);
    this.crossAccountRole = new CrossAccountRole(this, 'cross-account-role', {
      context,
      vpcId: this.network.vpcId,
      securityGroupIds: this.network.securityGroupIds,
      crossAccountEbsKeyArns: crossAccountStorageKeys(env),
      passRoleArns: env.unityCatalog.glueMetastore.enabled ? [glueDataRoleArn(this.naming, env.aws.accountId)] : [],
    });
    const { encryption } = env;
    this.keys = new WorkspaceKeys(this, 'keys', {
      context,
      managedServices: encryption.managedServices,
      storage: encryption.storage,
      shareKey: encryption.shareKey,
      administratorArns: env.keyAdministratorArns,
      accountAdministration: encryption.accountAdministration,
      deletionWindowDays: encryption.deletionWindowDays,
      crossAccountRoleArn: this.crossAccountRole.arn,
    });
    if (env.privateLink.enabled) {
      const endpointServices = privateLinkServicesFor(env.aws.region);
      // Validation refuses such regions; this guards direct construction.
      if (typeof endpointServices === 'string') throw new Error(`environment "${env.name}": privateLink.enabled: ${endpointServices}`);
      // Front-end endpoint (transit VPC) first: the private access settings admit its registration.
      const frontEnd = addFrontEndPrivateLink(this, env, context);
      this.privateLink = new PrivateLink(this, 'private-link', {
        context,
        endpointServices,
        vpcId: this.network.vpcId,
        workspaceSecurityGroupIds: this.network.securityGroupIds,
        config: {
          ...env.privateLink,
          allowedFrontEndVpcEndpointIds: [...env.privateLink.allowedFrontEndVpcEndpointIds, ...(frontEnd ? [frontEnd.registration.vpcEndpointId] : [])],
        },
      });
    }
    this.workspace = new DatabricksWorkspace(this, 'workspace', {
      context,
      workspaceName: env.databricks.workspaceName,
      deploymentName: env.databricks.deploymentName,
      pricingTier: env.databricks.pricingTier,
      network: this.network,
      crossAccountRole: this.crossAccountRole,
      rootBucketKeyArn: this.keys.storageKeyArn,
      managedServicesKeyId: this.keys.managedServicesKeyId,
      storageKeyId: this.keys.storageKeyId,
      privateAccessSettingsId: this.privateLink?.privateAccessSettingsId,
      vpcEndpoints: this.privateLink?.vpcEndpoints,
      rootBucketPolicy: env.databricks.restrictiveRootBucketPolicy ? 'restrictive' : 'databricks-default',
      // Adopted objects keep their names: neither can change without replacing the workspace.
      rootBucketName: env.adoption?.imports['root-bucket'],
      storageConfigurationName: env.adoption?.storageConfigurationName,
    });
    // The provider's host goes through the reachability wait, so nothing reaches a workspace that is not up yet.
    this.workspaceProvider = databricksWorkspaceProvider(this, this.workspace.reachableUrl);

    this.context = { ...context, workspaceId: this.workspace.workspace.workspaceId, workspaceProvider: this.workspaceProvider };

    const { storageGrants, ...catalogSpec } = unityCatalogSpec(account, env);
    this.unityCatalog = new UnityCatalog(this, 'unity-catalog', {
      context: this.context,
      ...catalogSpec,
      storage: {
        grants: storageGrants,
        keyAdministratorArns: env.keyAdministratorArns,
        keyAccountAdministration: encryption.accountAdministration,
        keyDeletionWindowDays: encryption.deletionWindowDays,
        noncurrentVersions: env.unityCatalog.noncurrentVersions,
      },
      systemSchemas: env.managesSystemSchemas ? account.systemSchemas.schemas : [],
    });
    // The metastore's allowlists: one owner per region (the protected system-schema owner) applies the merged
    // entries of every environment of the region; every other stack forgets any list it held before.
    const allowlists = env.metastoreArtifactAllowlists;
    const artifactAllowlists = env.managesSystemSchemas && allowlists
      ? new ArtifactAllowlists(this, ARTIFACT_ALLOWLISTS_ID, {
        initScripts: allowlists.initScripts,
        jars: allowlists.jars,
        mavenCoordinates: allowlists.mavenCoordinates,
        dependsOn: [this.unityCatalog.assignment],
        databricksProvider: this.workspaceProvider,
      })
      : undefined;
    if (!env.managesSystemSchemas) forgetArtifactAllowlists(this);
    if (env.unityCatalog.glueMetastore.enabled) {
      this.glueMetastore = new GlueMetastore(this, 'glue-metastore', {
        context: this.context,
        catalogAccountId: env.unityCatalog.glueMetastore.catalogAccountId,
      });
    }
    // Serverless compute runs outside the VPC: NCC binding, private S3 rules, egress policy (docs/network.md).
    addServerlessNetwork(this, account, env, {
      context,
      workspaceId: this.workspace.workspace.workspaceId,
      rootBucket: this.workspace.rootBucket.name,
      catalogBucket: this.unityCatalog.storage.bucket.name,
    });
    // Workspace-filtered delivery reuses the account stack's role and bucket (deploy that first).
    if (env.logDelivery.enabled) {
      const target = logDeliveryTarget(account);
      new LogDeliveryConfigurations(this, 'log-delivery', {
        context,
        roleArn: target.roleArn,
        bucketName: target.bucketName,
        prefix: environmentDeliveryPrefix(account, env.name),
        billableUsage: env.logDelivery.billableUsage,
        auditLogs: env.logDelivery.auditLogs,
        workspaceId: this.workspace.workspace.workspaceId,
      });
    }
    if (env.budget) {
      const { amountUsd, period, alertThresholdsPercent, recipients } = env.budget;
      new EnvironmentBudget(this, 'budget', { context, amountUsd, period, alertThresholdsPercent, recipients, workspaceId: this.workspace.workspace.workspaceId });
    }
    const { tokens, ipAccessLists, hardening } = env.workspaceSecurity;
    this.security = new WorkspaceSecurity(this, 'workspace-security', {
      context: this.context,
      tokens: { enabled: tokens.enabled, maxLifetimeDays: tokens.maxLifetimeDays },
      tokenGroupNames: groupNames.tokenUsers,
      ipAccessLists,
      hardening,
      defaultCatalogName: [...this.unityCatalog.layout.catalogs.values()][0]?.name,
      additionalConf: workspaceConfFor(env.workspaceSecurity.settings),
    });
    const usersEntitlements = env.workspaceSecurity.usersEntitlements;
    if (usersEntitlements.manage) {
      new UsersGroupEntitlements(this, 'users-entitlements', {
        context: this.context,
        allowClusterCreate: usersEntitlements.allowClusterCreate,
        allowInstancePoolCreate: usersEntitlements.allowInstancePoolCreate,
        databricksSqlAccess: usersEntitlements.databricksSqlAccess,
      });
    }
    this.secretScopes = new SecretScopes(this, 'secret-scopes', { context: this.context, scopes: groupNames.secretScopes });
    if (env.nodeTrafficEncryption.enabled) {
      this.nodeTrafficEncryption = new NodeTrafficEncryption(this, 'node-traffic-encryption', {
        context: this.context,
        mode: env.nodeTrafficEncryption.mode,
        rotationPeriodDays: env.nodeTrafficEncryption.rotationPeriodDays,
        gracePeriodDays: env.nodeTrafficEncryption.gracePeriodDays,
        volumePath: env.nodeTrafficEncryption.volumePath,
        initScriptAllowlist: artifactAllowlists?.initScripts,
        accessModes: env.clusterPolicy.dataSecurityModes,
        adminsGroup: groupNames.owner,
        // Everyone who may use the baseline policy (which then carries the secret references) needs READ.
        clusterOwnerGroups: [...new Set([...groupNames.clusterOwners, ...(env.clusterPolicy.enabled ? groupNames.clusterPolicyUsers : [])])],
        // With a baseline policy, the encryption rules live there instead of in a second policy.
        createPolicy: !env.clusterPolicy.enabled,
      });
    }
    if (env.clusterPolicy.enabled) {
      const { clusterLogs } = env.clusterPolicy;
      const [logCatalog] = [...this.unityCatalog.layout.catalogs.entries()];
      // The schema validation guarantees a catalog while cluster logs are on.
      const logVolume = clusterLogs.enabled && logCatalog
        ? new ClusterLogVolume(this, 'cluster-logs', {
          context: this.context,
          catalogName: logCatalog[0],
          schemaName: clusterLogs.schema,
          volumeName: clusterLogs.volume,
          ownerGroup: groupNames.owner,
          writerGroups: groupNames.clusterPolicyUsers,
          dependsOn: [logCatalog[1]],
        })
        : undefined;
      this.clusterPolicy = new BaselineClusterPolicy(this, 'cluster-policy', {
        context: this.context,
        rules: env.clusterPolicy,
        groupNames: groupNames.clusterPolicyUsers,
        additionalElements: mergePolicyDefinitions(
          clusterHardeningElements({
            localDiskEncryption: env.clusterPolicy.localDiskEncryption,
            forbidSshPublicKeys: env.clusterPolicy.forbidSshPublicKeys,
            logVolumePath: logVolume?.path,
          }),
          this.nodeTrafficEncryption?.policyElements ?? {},
          // Legacy Glue metastore: clusters get the instance profile and the Glue catalog setting.
          this.glueMetastore ? glueCatalogPolicy(this.glueMetastore.instanceProfile.arn, env.unityCatalog.glueMetastore.catalogAccountId) : {},
        ),
        dependsOn: [
          ...(this.nodeTrafficEncryption?.policyDependencies ?? []),
          ...(this.glueMetastore ? [this.glueMetastore.databricksInstanceProfile] : []),
          ...(logVolume ? [logVolume.volume] : []),
        ],
      });
    }

    // Workspace ACLs name account groups, which exist in the workspace only once assigned to it.
    waitForWorkspaceAccess([this.security, this.secretScopes, this.nodeTrafficEncryption, this.clusterPolicy], this.unityCatalog.workspaceAccess);

    new TerraformOutput(this, 'workspace_url', { value: this.workspace.url, description: 'URL of the Databricks workspace' });
    new TerraformOutput(this, 'workspace_id', { value: this.workspace.workspaceId, description: 'Numeric id of the workspace' });
    if (env.adoption) applyAdoption(this, env.adoption, env.databricksAccountId, env.sourceFile);
  }
}

/** Environment, Owner, CostCenter and any extra tags; `Environment` always equals the name. */
export function environmentTags(env: ResolvedEnvironment): Record<string, string> {
  return stackTags(env.tags, env.name);
}

/** Adds the group assignments to depends_on of every permissions and secret ACL resource under `scopes`. */
function waitForWorkspaceAccess(scopes: (Construct | undefined)[], assignments: ITerraformDependable[]): void {
  for (const scope of scopes) {
    for (const child of scope?.node.findAll() ?? []) {
      if (child instanceof Permissions || child instanceof SecretAcl) {
        child.dependsOn = [...(child.dependsOn ?? []), ...assignments.map((assignment) => dependable(assignment))];
      }
    }
  }
}

/** A storage key in another AWS account needs an IAM grant on the cross-account role too. */
function crossAccountStorageKeys(env: ResolvedEnvironment): string[] {
  const keyArn = env.encryption.storage.existingKeyArn;
  if (!keyArn || !env.encryption.storage.enabled) return [];
  return accountIdOf(keyArn) === env.aws.accountId ? [] : [keyArn];
}
