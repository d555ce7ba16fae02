import { ArtifactAllowlist } from '@cdktf/provider-databricks/lib/artifact-allowlist';
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
import type { NodeTrafficEncryptionConfig } from '../../environments/schema';
import type { Naming } from '../naming';
import { protectFromDestroy } from '../protection';
import { applyTimeSecret, ensureRandomProvider } from './secret-scopes';
import { costAttributionTags, mergePolicyDefinitions, renderPolicyDefinition, type PolicyDefinition } from './cluster-policy-definition';
import { nodeTrafficEncryptionPolicyElements, planDaysSinceEpochExpression } from './node-traffic-encryption-policy';

export const NODE_TRAFFIC_SCRIPT_SOURCE = path.join(__dirname, '..', '..', 'scripts', 'node-traffic-encryption.sh');
/** Outside /Shared, where every workspace user can edit by default. */
export const NODE_TRAFFIC_SCRIPT_PATH = '/Admin/init-scripts/node-traffic-encryption.sh';
export const KEYSTORE_PASSWORD_KEY = 'keystore-password';
export const SECRET_KEY_PREFIX = 'node-traffic-secret-v';
/** Supplied at apply time as TF_VAR_node_traffic_keystore_password; never in code or cdk.tf.json. */
export const KEYSTORE_PASSWORD_VARIABLE = 'node_traffic_keystore_password';

export interface NodeTrafficEncryptionProps {
  readonly naming: Naming;
  readonly config: NodeTrafficEncryptionConfig;
  /** Group with MANAGE on the secret scope. */
  readonly adminsGroup: string;
  /** Groups that may use the policy and READ the secrets (resolved default: the data engineers group). */
  readonly clusterOwnerGroups: string[];
  /** Cost-attribution tags fixed by the policy (Environment, CostCenter, Owner). */
  readonly tags: Record<string, string>;
  readonly protect: boolean;
  /**
   * Create a dedicated cluster policy. Set false when another policy (the baseline) merges
   * `policyElements` instead, so the rules exist once. Default: true.
   */
  readonly createPolicy?: boolean;
  /** Workspace-level Databricks provider. */
  readonly databricksProvider: TerraformProvider;
}

/**
 * Enforced encryption of traffic between cluster nodes: a rotating shared secret in a dedicated secret
 * scope, the init script as an admin-only workspace file, and a cluster policy that pins the script,
 * the secret references, the Spark settings and (nitro modes) the instance types.
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
    const { naming, config, databricksProvider: provider } = props;
    if (props.clusterOwnerGroups.length === 0) throw new Error(`${naming.environment}: nodeTrafficEncryption.clusterOwnerGroups: needs at least one group`);
    if (config.gracePeriodDays >= config.rotationPeriodDays) {
      throw new Error(`${naming.environment}: nodeTrafficEncryption.gracePeriodDays: must be shorter than rotationPeriodDays`);
    }

    // The policy switches versions only after the new key and the script exist.
    const policyDependsOn: ITerraformDependable[] = [];
    this.policyDependencies = policyDependsOn;
    if (config.mode === 'nitro-only') {
      this.policyElements = nodeTrafficEncryptionPolicyElements({ mode: config.mode });
    } else {
      const secretScope = new SecretScope(this, 'scope', { provider, name: naming.name('node-traffic-encryption') });
      protectFromDestroy(secretScope, props.protect);
      this.scope = secretScope;
      new SecretAcl(this, 'acl-admins', { provider, scope: secretScope.name, principal: props.adminsGroup, permission: 'MANAGE' });
      props.clusterOwnerGroups.forEach((group, index) => {
        new SecretAcl(this, `acl-reader-${index}`, { provider, scope: secretScope.name, principal: group, permission: 'READ' });
      });

      ensureRandomProvider(this);
      const { version: currentVersion, secrets } = this.rotatingSecret(provider, secretScope, config);
      policyDependsOn.push(secrets);
      const keystorePassword = applyTimeSecret(
        this,
        'keystore-password',
        KEYSTORE_PASSWORD_VARIABLE,
        'Password of the Databricks node-local keystore (jetty_ssl_driver_keystore.jks); set TF_VAR_node_traffic_keystore_password',
        [{
          condition: `\${can(regex("^[A-Za-z0-9._~+/=-]+$", var.${KEYSTORE_PASSWORD_VARIABLE}))}`,
          errorMessage: 'node_traffic_keystore_password must be non-empty and use only [A-Za-z0-9._~+/=-] (the init script rejects anything else).',
        }],
      );
      new Secret(this, 'keystore-password-secret', { provider, scope: secretScope.name, key: KEYSTORE_PASSWORD_KEY, stringValue: keystorePassword.stringValue });

      const script = new TerraformAsset(this, 'script', { path: NODE_TRAFFIC_SCRIPT_SOURCE, type: AssetType.FILE });
      const file = new WorkspaceFile(this, 'script-file', { provider, path: NODE_TRAFFIC_SCRIPT_PATH, source: script.path });
      policyDependsOn.push(file);
      // Admins always manage; cluster owners need read access for their clusters to run it.
      new Permissions(this, 'script-file-permissions', {
        provider,
        workspaceFilePath: file.path,
        accessControl: props.clusterOwnerGroups.map((groupName) => ({ groupName, permissionLevel: 'CAN_READ' })),
      });
      if (config.volumePath) {
        // Standard (shared) access mode only runs allowlisted init scripts; the allowlist is per metastore.
        new DatabricksFile(this, 'script-volume-file', { provider, path: `${config.volumePath}/node-traffic-encryption.sh`, source: script.path });
        new ArtifactAllowlist(this, 'init-script-allowlist', {
          provider,
          artifactType: 'INIT_SCRIPT',
          artifactMatcher: [{ artifact: `${config.volumePath}/`, matchType: 'PREFIX_MATCH' }],
        });
      }
      this.policyElements = nodeTrafficEncryptionPolicyElements({
        mode: config.mode,
        initScriptPath: NODE_TRAFFIC_SCRIPT_PATH,
        secretReference: `{{secrets/${secretScope.name}/${SECRET_KEY_PREFIX}${currentVersion}}}`,
        keystorePasswordReference: `{{secrets/${secretScope.name}/${KEYSTORE_PASSWORD_KEY}}}`,
      });
    }

    if (props.createPolicy === false) return;
    this.policy = new ClusterPolicy(this, 'policy', {
      provider,
      name: naming.name('node-traffic-encryption'),
      description: `Clusters with encrypted traffic between nodes (${config.mode}); see docs/node-traffic-encryption.md`,
      dependsOn: policyDependsOn,
      definition: renderPolicyDefinition(mergePolicyDefinitions(this.policyElements, costAttributionTags(props.tags))),
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
  private rotatingSecret(provider: TerraformProvider, secretScope: SecretScope, config: NodeTrafficEncryptionConfig): { version: string; secrets: Secret } {
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
