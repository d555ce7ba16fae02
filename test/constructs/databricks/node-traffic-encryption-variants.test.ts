import { IN_TRANSIT_ENCRYPTING_NODE_TYPE_PATTERN } from '../../../constructs/databricks/node-traffic-encryption-policy';
import { environmentFixture, fixtureConfig } from '../../support/fixtures';
import { resourcesOf, synthApp } from '../../support/synth';

// off: disabled; nitro: nitro-only without a baseline policy (a dedicated policy);
// volume: init script with a volume copy and two owner groups (by key), merged into the baseline policy.
const config = fixtureConfig({
  environments: [
    environmentFixture('off', { nodeTrafficEncryption: { enabled: false } }),
    environmentFixture('nitro', { nodeTrafficEncryption: { mode: 'nitro-only' }, clusterPolicy: { enabled: false } }),
    environmentFixture('volume', {
      nodeTrafficEncryption: { mode: 'init-script', volumePath: '/Volumes/fx_platform/init/scripts', clusterOwnerGroups: ['dataEngineers', 'analysts'] },
    }),
  ],
});
const { groups } = config.account;
const stacks = synthApp(config);
/** Resources of the node-traffic-encryption construct (other features add scopes and secrets too). */
const ownResources = (stack: (typeof stacks)[string], type: string) => resourcesOf(stack, type).filter(([name]) => name.startsWith('node-traffic-encryption_'));
const NODE_TRAFFIC_TYPES = ['databricks_secret_scope', 'databricks_secret', 'databricks_secret_acl', 'random_password', 'databricks_workspace_file', 'databricks_cluster_policy'];

it('creates nothing (no policy rules, script or secrets) when disabled', () => {
  for (const type of NODE_TRAFFIC_TYPES) expect(ownResources(stacks.off, type)).toHaveLength(0);
  const baseline = JSON.parse(resourcesOf(stacks.off, 'databricks_cluster_policy')[0][1].definition);
  expect(Object.keys(baseline).filter((key) => key.startsWith('spark_env_vars') || key.startsWith('init_scripts'))).toEqual([]);
  expect((stacks.off as any).variable?.node_traffic_keystore_password).toBeUndefined();
});

it('nitro-only without a baseline: a dedicated policy restricting instance types, without script or secrets', () => {
  const [[policyName, policy]] = resourcesOf(stacks.nitro, 'databricks_cluster_policy');
  expect(policyName).toMatch(/^node-traffic-encryption_policy_/);
  const definition = JSON.parse(policy.definition);
  expect(definition.node_type_id).toEqual({ type: 'regex', pattern: IN_TRANSIT_ENCRYPTING_NODE_TYPE_PATTERN });
  expect(definition.driver_node_type_id).toEqual({ type: 'regex', pattern: IN_TRANSIT_ENCRYPTING_NODE_TYPE_PATTERN });
  expect(Object.keys(definition).filter((key) => key.startsWith('spark_env_vars') || key.startsWith('init_scripts'))).toEqual([]);
  for (const type of ['databricks_secret_scope', 'databricks_secret', 'random_password', 'databricks_workspace_file']) {
    expect(ownResources(stacks.nitro, type)).toHaveLength(0);
  }
});

it('volume path: uploads the script there and allowlists the volume prefix for init scripts', () => {
  const [[, file]] = resourcesOf(stacks.volume, 'databricks_file');
  expect(file.path).toBe('/Volumes/fx_platform/init/scripts/node-traffic-encryption.sh');
  const [[, allowlist]] = resourcesOf(stacks.volume, 'databricks_artifact_allowlist');
  expect(allowlist.artifact_type).toBe('INIT_SCRIPT');
  expect(allowlist.artifact_matcher).toEqual([{ artifact: '/Volumes/fx_platform/init/scripts/', match_type: 'PREFIX_MATCH' }]);
});

it('grants READ on the scope and CAN_USE on the policy to every configured owner group (keys resolved to display names), MANAGE to admins only', () => {
  const [[scopeName]] = resourcesOf(stacks.volume, 'databricks_secret_scope').filter(([, scope]) => scope.name.endsWith('node-traffic-encryption'));
  const acls = resourcesOf(stacks.volume, 'databricks_secret_acl')
    .filter(([, acl]) => acl.scope === `\${databricks_secret_scope.${scopeName}.name}`)
    .map(([, acl]) => `${acl.principal}:${acl.permission}`)
    .sort();
  expect(acls).toEqual([`${groups.analysts}:READ`, `${groups.dataEngineers}:READ`, `${groups.admins}:MANAGE`].sort());
  // One policy: the baseline, carrying the encryption rules.
  const [[, policy]] = resourcesOf(stacks.volume, 'databricks_cluster_policy');
  expect(JSON.parse(policy.definition)['spark_conf.spark.network.crypto.enabled']).toEqual({ type: 'fixed', value: 'true' });
});
