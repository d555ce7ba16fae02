import type { AccountConfig, EnvironmentConfig } from '../schema';
import { cidrsOverlap, initScriptCompatibility, nodeTypesWithoutInTransitEncryption } from '../schema';
import { validateUnityCatalog } from './validate-unity-catalog';
import { validateArtifactAllowlists } from './artifact-allowlists';
import { validateLogDeliveryLimits } from './log-delivery-limits';
import { validateGroupReferences } from './groups';
import { validatePipeline } from './pipeline';
import { validateNames } from './names';
import { validateNetworkSet } from './validate-network';

/**
 * Rules that span environments: each file can be valid and the set still collide. `adoptedRootBuckets`:
 * environment -> the root bucket its adoption file imports (names.ts).
 */
export function validateEnvironmentSet(
  account: AccountConfig,
  environments: EnvironmentConfig[],
  stateKeys: Map<string, string>,
  adoptedRootBuckets?: ReadonlyMap<string, string>,
): string[] {
  const problems: string[] = [...validatePipeline(account, environments)];
  const label = (env: EnvironmentConfig) => `environment "${env.name}"`;

  const firstOwner = new Map<string, string>();
  const unique = (env: EnvironmentConfig, field: string, value: string) => {
    const key = `${field}=${value}`;
    const owner = firstOwner.get(key);
    if (owner) problems.push(`${label(env)}: ${field}: "${value}" is already used by environment "${owner}"`);
    else firstOwner.set(key, env.name);
  };

  for (const env of environments) {
    // "shared" names the bootstrap stack's and the metastores' objects (constructs/naming.ts).
    if (env.name === 'account' || env.name === 'bootstrap' || env.name === 'shared') {
      problems.push(`${label(env)}: name: "${env.name}" is reserved for a shared stack`);
    }
    if (account.disableLegacyFeatures && env.unityCatalog.glueMetastore.enabled) {
      problems.push(`${label(env)}: unityCatalog.glueMetastore.enabled: account.disableLegacyFeatures turns the Hive metastore off for new workspaces`);
    }
    unique(env, 'name', env.name);
    const keyPrefix = `${account.state.keyPrefix}/`;
    if (env.state.key !== undefined && (!env.state.key.startsWith(keyPrefix) || env.state.key.split('/').some((s) => s === '.' || s === '..'))) {
      problems.push(`${label(env)}: state.key: "${env.state.key}" is outside account.state.keyPrefix "${account.state.keyPrefix}"; use "${keyPrefix}${env.name}.tfstate" or leave it out`);
    }
    unique(env, 'databricks.deploymentName', env.databricks.deploymentName);
    unique(env, 'databricks.workspaceName', env.databricks.workspaceName);
    if (env.databricks.accountId && env.databricks.accountId !== account.databricksAccountId) {
      problems.push(`${label(env)}: databricks.accountId: must match account.databricksAccountId (${account.databricksAccountId}); one app deploys one Databricks account`);
    }
    if (!account.metastoreRegions.includes(env.aws.region)) {
      problems.push(`${label(env)}: aws.region: ${env.aws.region} has no metastore; add it to account.metastoreRegions`);
    }
    problems.push(...validateGroupReferences(account, env));
    const ntenc = env.nodeTrafficEncryption;
    // The compatibility matrix (docs/node-traffic-encryption.md#compatibility): the policy cannot allow an
    // access mode in which the script would not run.
    if (ntenc.enabled && ntenc.mode !== 'nitro-only') {
      const { problems: incompatible } = initScriptCompatibility({ volume: Boolean(ntenc.volumePath), accessModes: env.clusterPolicy.dataSecurityModes });
      for (const problem of incompatible) problems.push(`${label(env)}: nodeTrafficEncryption.${problem.field}: ${problem.message}`);
    }
    // The nitro modes narrow the baseline's instance types to hardware-encrypting families; say so instead.
    if (ntenc.enabled && ntenc.mode !== 'init-script' && env.clusterPolicy.enabled) {
      for (const { index, nodeType } of nodeTypesWithoutInTransitEncryption(env.clusterPolicy.nodeTypes)) {
        problems.push(
          `${label(env)}: clusterPolicy.nodeTypes.${index}: ${nodeType} does not encrypt traffic between instances in hardware, which nodeTrafficEncryption.mode "${ntenc.mode}" requires; use a family of IN_TRANSIT_ENCRYPTING_FAMILIES (e.g. m6id, r6id) or mode "init-script"`,
        );
      }
    }
  }

  const keyOwners = new Map<string, string>();
  for (const [stack, key] of stateKeys) {
    const owner = keyOwners.get(key);
    if (owner) problems.push(`stack "${stack}": state.key: "${key}" is already the state key of stack "${owner}"`);
    else keyOwners.set(key, stack);
  }

  environments.forEach((env, index) => {
    if (env.network.mode !== 'create') return;
    for (const other of environments.slice(0, index)) {
      if (other.network.mode !== 'create') continue;
      const sameAccountAndRegion = other.aws.accountId === env.aws.accountId && other.aws.region === env.aws.region;
      if (sameAccountAndRegion && cidrsOverlap(other.network.vpcCidr, env.network.vpcCidr)) {
        problems.push(
          `${label(env)}: network.vpcCidr: ${env.network.vpcCidr} overlaps ${other.network.vpcCidr} of environment "${other.name}" in AWS account ${env.aws.accountId} ${env.aws.region}`,
        );
      }
    }
  });
  problems.push(...validateNetworkSet(account, environments));
  problems.push(...validateUnityCatalog(account, environments));
  problems.push(...validateArtifactAllowlists(account, environments));
  problems.push(...validateLogDeliveryLimits(account, environments));
  problems.push(...validateNames(account, environments, adoptedRootBuckets));
  return problems;
}
