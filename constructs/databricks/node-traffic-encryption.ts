import { ClusterPolicy } from '@cdktf/provider-databricks/lib/cluster-policy';
import { File as DatabricksFile } from '@cdktf/provider-databricks/lib/file';
import { Permissions } from '@cdktf/provider-databricks/lib/permissions';
import { Secret } from '@cdktf/provider-databricks/lib/secret';
import { SecretAcl } from '@cdktf/provider-databricks/lib/secret-acl';
import { SecretScope } from '@cdktf/provider-databricks/lib/secret-scope';
import { WorkspaceFile } from '@cdktf/provider-databricks/lib/workspace-file';
import { Password } from '@cdktf/provider-random/lib/password';
import { AssetType, TerraformAsset, TerraformIterator, TerraformLocal, type ITerraformDependable, type TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import * as path from 'node:path';
import type { WorkspaceContext } from '../context';
import { protectFromDestroy } from '../protection';
import { ensureRandomProvider } from './secret-scopes';
import { costAttributionTags, mergePolicyDefinitions, renderPolicyDefinition, type PolicyDefinition } from './cluster-policy-definition';
import { nodeTrafficVolumeFile } from './node-traffic-script-location';
import { nodeTrafficEncryptionPolicyElements, planDaysSinceEpochExpression, type NodeTrafficEncryptionMode } from './node-traffic-encryption-policy';

export const NODE_TRAFFIC_SCRIPT_SOURCE = path.join(__dirname, '..', '..', 'scripts', 'node-traffic-encryption.sh');
/** Outside /Shared, where every workspace user can edit by default. */
export const NODE_TRAFFIC_SCRIPT_PATH = '/Admin/init-scripts/node-traffic-encryption.sh';
export { NODE_TRAFFIC_SCRIPT_FILE_NAME } from './node-traffic-script-location';
export const SECRET_KEY_PREFIX = 'node-traffic-secret-v';

export interface NodeTrafficEncryptionProps {
  /**
   * Names the scope and policy; its tags are the cost-attribution tags the policy fixes (Environment,
   * CostCenter, Owner); `protect` keeps the scope; its workspace provider creates everything.
   */
  readonly context: WorkspaceContext;
  /** init-script, nitro-only or both (docs/node-traffic-encryption.md#settings). */
  readonly mode: NodeTrafficEncryptionMode;
  /** A new shared-secret version becomes current every this many days. */
  readonly rotationPeriodDays: number;
  /** The previous version stays readable this many days after a rotation; shorter than the period. */
  readonly gracePeriodDays: number;
  /**
   * Unity Catalog volume directory to deliver the script from (uploaded and allowlisted). Without it,
   * the script is an admin-only workspace file, which dedicated access mode only runs. Default: none.
   */
  readonly volumePath?: string;
  /**
   * The metastore's INIT_SCRIPT allowlist when this stack applies it (ArtifactAllowlists): the policy waits for
   * it. Another environment's stack applies it otherwise, and the file's entry is merged there.
   */
  readonly initScriptAllowlist?: ITerraformDependable;
  /** Access modes clusters of the policy may use; must be compatible with the delivery (the matrix). */
  readonly accessModes: readonly string[];
  /** Group with MANAGE on the secret scope. */
  readonly adminsGroup: string;
  /** Groups that may use the policy and READ the secrets (resolved default: the data engineers group). */
  readonly clusterOwnerGroups: string[];
  /**
   * Create a dedicated cluster policy. Set false when another policy (the baseline) merges
   * `policyElements` instead, so the rules exist once. Default: true.
   */
  readonly createPolicy?: boolean;
}

/**
 * Enforced encryption of traffic between cluster nodes: a rotating shared secret in a dedicated secret
 * scope, the init script as an admin-only workspace file or an allowlisted volume file, and cluster-policy
 * rules that pin the script (and forbid any other), the secret reference, every Spark setting the script
 * writes, the compatible access modes and runtimes, and (nitro modes) the instance types.
 */
export class NodeTrafficEncryption extends Construct {
  readonly scope?: SecretScope;
  /** The dedicated policy; undefined when `createPolicy` is false. */
  readonly policy?: ClusterPolicy;
  /** What a policy carrying `policyElements` must wait for (the versioned secrets, the script). */
  readonly policyDependencies: ITerraformDependable[];
  /** The enforcing elements, for composing into other cluster policies. */
  readonly policyElements: PolicyDefinition;

  constructor(scope: Construct, id: string, props: NodeTrafficEncryptionProps) {
    super(scope, id);
    const { naming, workspaceProvider: provider, protect, tags } = props.context;
    if (props.clusterOwnerGroups.length === 0) throw new Error(`${naming.environment}: nodeTrafficEncryption.clusterOwnerGroups: needs at least one group`);
    if (props.gracePeriodDays >= props.rotationPeriodDays) {
      throw new Error(`${naming.environment}: nodeTrafficEncryption.gracePeriodDays: must be shorter than rotationPeriodDays`);
    }

    // The policy switches versions only after the new key and the script exist.
    const policyDependsOn: ITerraformDependable[] = [];
    this.policyDependencies = policyDependsOn;
    if (props.mode === 'nitro-only') {
      this.policyElements = nodeTrafficEncryptionPolicyElements({ mode: props.mode });
    } else {
      const secretScope = new SecretScope(this, 'scope', { provider, name: naming.name('node-traffic-encryption') });
      protectFromDestroy(secretScope, protect);
      this.scope = secretScope;
      new SecretAcl(this, 'acl-admins', { provider, scope: secretScope.name, principal: props.adminsGroup, permission: 'MANAGE' });
      props.clusterOwnerGroups.forEach((group, index) => {
        new SecretAcl(this, `acl-reader-${index}`, { provider, scope: secretScope.name, principal: group, permission: 'READ' });
      });

      ensureRandomProvider(this);
      const { version: currentVersion, secrets } = this.rotatingSecret(provider, secretScope, props);
      policyDependsOn.push(secrets);

      const script = new TerraformAsset(this, 'script', { path: NODE_TRAFFIC_SCRIPT_SOURCE, type: AssetType.FILE });
      let initScript: { location: 'workspace' | 'volumes'; path: string };
      if (props.volumePath) {
        // Standard access mode runs only allowlisted init scripts. The allowlist is per metastore and has one
        // owner (ArtifactAllowlists), which lists this file (nodeTrafficVolumeFile), not its directory.
        const volumeFile = nodeTrafficVolumeFile(props.volumePath);
        const file = new DatabricksFile(this, 'script-volume-file', { provider, path: volumeFile, source: script.path });
        policyDependsOn.push(file, ...(props.initScriptAllowlist ? [props.initScriptAllowlist] : []));
        initScript = { location: 'volumes', path: volumeFile };
      } else {
        const file = new WorkspaceFile(this, 'script-file', { provider, path: NODE_TRAFFIC_SCRIPT_PATH, source: script.path });
        policyDependsOn.push(file);
        // Admins always manage; cluster owners need read access for their clusters to run it.
        new Permissions(this, 'script-file-permissions', {
          provider,
          workspaceFilePath: file.path,
          accessControl: props.clusterOwnerGroups.map((groupName) => ({ groupName, permissionLevel: 'CAN_READ' })),
        });
        initScript = { location: 'workspace', path: NODE_TRAFFIC_SCRIPT_PATH };
      }
      this.policyElements = nodeTrafficEncryptionPolicyElements({
        mode: props.mode,
        initScript,
        secretReference: `{{secrets/${secretScope.name}/${SECRET_KEY_PREFIX}${currentVersion}}}`,
        accessModes: props.accessModes,
      });
    }

    if (props.createPolicy === false) return;
    this.policy = new ClusterPolicy(this, 'policy', {
      provider,
      name: naming.name('node-traffic-encryption'),
      description: `Clusters with encrypted traffic between nodes (${props.mode}); see docs/node-traffic-encryption.md`,
      dependsOn: policyDependsOn,
      definition: renderPolicyDefinition(mergePolicyDefinitions(this.policyElements, costAttributionTags(tags))),
    });
    new Permissions(this, 'policy-permissions', {
      provider,
      clusterPolicyId: this.policy.id,
      accessControl: props.clusterOwnerGroups.map((groupName) => ({ groupName, permissionLevel: 'CAN_USE' })),
    });
  }

  /**
   * One random secret and one versioned key per live version (docs/node-traffic-encryption.md#rotation).
   * The live set comes from the plan time, so it is known when planning and each version's key is owned
   * by exactly one resource instance from creation to deletion. Returns the current version expression.
   */
  private rotatingSecret(
    provider: TerraformProvider,
    secretScope: SecretScope,
    config: Pick<NodeTrafficEncryptionProps, 'rotationPeriodDays' | 'gracePeriodDays'>,
  ): { version: string; secrets: Secret } {
    const locals: Record<string, TerraformLocal> = {};
    const local = (name: string, expression: string) => {
      locals[name] = new TerraformLocal(this, name, expression);
      locals[name].overrideLogicalId(`node_traffic_encryption_${name}`);
      return `local.node_traffic_encryption_${name}`;
    };
    const days = local('days', `\${${planDaysSinceEpochExpression()}}`);
    const version = local('version', `\${floor(${days} / ${config.rotationPeriodDays})}`);
    local(
      'live_versions',
      `\${${days} % ${config.rotationPeriodDays} < ${config.gracePeriodDays} && ${version} > 0 ? toset([tostring(${version}), tostring(${version} - 1)]) : toset([tostring(${version})])}`,
    );
    const versions = TerraformIterator.fromList(locals.live_versions.asList);
    const secretValues = new Password(this, 'secret-value', {
      forEach: versions,
      length: 64,
      special: false,
      minUpper: 8,
      minLower: 8,
      minNumeric: 8,
    });
    const perVersion = TerraformIterator.fromResources(secretValues);
    const secrets = new Secret(this, 'secret-version', {
      forEach: perVersion,
      provider,
      scope: secretScope.name,
      key: `${SECRET_KEY_PREFIX}${perVersion.key}`,
      stringValue: perVersion.getString('result'),
    });
    return { version: `\${${version}}`, secrets };
  }
}
