import {
  IN_TRANSIT_ENCRYPTING_NODE_TYPE_PATTERN,
  SCRIPT_CREDENTIAL_SETTINGS,
  SCRIPT_SPARK_SETTINGS,
  runtimeVersionPattern,
} from '../../../constructs/databricks/node-traffic-encryption-policy';
import type { ResolvedEnvironment } from '../../../environments';
import { exampleConfig, resourcesOf, synthApp } from '../../support/synth';

// Fixture environments built from the first example environment (only the fields under test change):
// the delivery from a volume with standard access mode in the construct's own policy, nitro-only without a
// baseline policy, and encryption switched off.
const base = exampleConfig();
const template = base.environments[0]!;
const VOLUME = '/Volumes/ops_fixture/init/node_traffic';
const fixture = (name: string, change: Partial<ResolvedEnvironment>): ResolvedEnvironment => ({ ...template, name, stateKey: `fixture/${name}.tfstate`, ...change });
const config = {
  ...base,
  environments: [
    // It owns its metastore's allowlists here, so the INIT_SCRIPT list is in its own stack.
    fixture('nte-volume', {
      managesSystemSchemas: true,
      metastoreArtifactAllowlists: { initScripts: [`${VOLUME}/node-traffic-encryption.sh`], jars: [], mavenCoordinates: [] },
      nodeTrafficEncryption: { ...template.nodeTrafficEncryption, enabled: true, mode: 'init-script', volumePath: VOLUME },
      clusterPolicy: { ...template.clusterPolicy, enabled: false, dataSecurityModes: ['USER_ISOLATION', 'SINGLE_USER'] },
    }),
    fixture('nte-nitro', {
      nodeTrafficEncryption: { ...template.nodeTrafficEncryption, enabled: true, mode: 'nitro-only', volumePath: undefined },
      clusterPolicy: { ...template.clusterPolicy, enabled: false },
    }),
    fixture('nte-off', { nodeTrafficEncryption: { ...template.nodeTrafficEncryption, enabled: false, volumePath: undefined } }),
  ],
};
const stacks = synthApp(config);
/** Resources of the node-traffic-encryption construct (other features add scopes and secrets too). */
const ownResources = (stack: (typeof stacks)[string], type: string) => resourcesOf(stack, type).filter(([name]) => name.startsWith('node-traffic-encryption_'));
const definitionOf = (stack: (typeof stacks)[string]) => JSON.parse(resourcesOf(stack, 'databricks_cluster_policy')[0]![1].definition);
const NODE_TRAFFIC_TYPES = ['databricks_secret_scope', 'databricks_secret', 'databricks_secret_acl', 'random_password', 'databricks_workspace_file', 'databricks_file', 'databricks_cluster_policy'];

describe('volume delivery for standard access mode (own policy)', () => {
  const stack = stacks['nte-volume']!;
  const definition = definitionOf(stack);

  it('uploads the script to the volume, whose file (not directory) the metastore allowlist names; no workspace file', () => {
    const [[, file]] = ownResources(stack, 'databricks_file');
    expect(file.path).toBe(`${VOLUME}/node-traffic-encryption.sh`);
    // The construct no longer owns a list: the metastore's one owner does (test/stacks/artifact-allowlists.test.ts).
    expect(ownResources(stack, 'databricks_artifact_allowlist')).toEqual([]);
    const [[, allowlist]] = resourcesOf(stack, 'databricks_artifact_allowlist');
    expect(allowlist.artifact_type).toBe('INIT_SCRIPT');
    expect(allowlist.artifact_matcher).toEqual([{ artifact: `${VOLUME}/node-traffic-encryption.sh`, match_type: 'PREFIX_MATCH' }]);
    expect(ownResources(stack, 'databricks_workspace_file')).toEqual([]);
  });

  it('pins the volume path as the only init script, and waits for the upload and the allowlist', () => {
    expect(definition['init_scripts.0.volumes.destination']).toEqual({ type: 'fixed', value: `${VOLUME}/node-traffic-encryption.sh` });
    expect(definition['init_scripts.0.workspace.destination']).toBeUndefined();
    for (const location of ['workspace', 'volumes', 'dbfs', 's3', 'file']) expect(definition[`init_scripts.*.${location}.destination`]).toEqual({ type: 'forbidden' });
    const [[, policy]] = resourcesOf(stack, 'databricks_cluster_policy');
    expect(policy.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^databricks_file\./), expect.stringMatching(/^databricks_artifact_allowlist\./)]));
  });

  it('pins the script settings and caps the runtime below 19, where standard access mode drops the secret variable', () => {
    for (const [key, value] of Object.entries(SCRIPT_SPARK_SETTINGS)) expect(definition[`spark_conf.${key}`]).toEqual({ type: 'fixed', value });
    for (const key of SCRIPT_CREDENTIAL_SETTINGS) expect(definition[`spark_conf.${key}`]).toEqual({ type: 'forbidden' });
    expect(definition.data_security_mode).toEqual({ type: 'allowlist', values: ['USER_ISOLATION', 'SINGLE_USER'], defaultValue: 'USER_ISOLATION' });
    expect(definition.spark_version).toEqual({ type: 'regex', pattern: runtimeVersionPattern({ min: [13, 3], belowMajor: 19 }) });
  });
});

it('nitro-only without a baseline: a dedicated policy restricting instance types, without script or secrets', () => {
  const stack = stacks['nte-nitro']!;
  const [[policyName]] = resourcesOf(stack, 'databricks_cluster_policy');
  expect(policyName).toMatch(/^node-traffic-encryption_policy_/);
  const definition = definitionOf(stack);
  expect(definition.node_type_id).toEqual({ type: 'regex', pattern: IN_TRANSIT_ENCRYPTING_NODE_TYPE_PATTERN });
  expect(definition.driver_node_type_id).toEqual({ type: 'regex', pattern: IN_TRANSIT_ENCRYPTING_NODE_TYPE_PATTERN });
  expect(Object.keys(definition).filter((key) => /^(spark_env_vars|init_scripts|spark_conf|spark_version|data_security_mode)/.test(key))).toEqual([]);
  for (const type of NODE_TRAFFIC_TYPES.filter((type) => type !== 'databricks_cluster_policy')) expect(ownResources(stack, type)).toHaveLength(0);
});

it('creates nothing (no policy rules, script or secrets) when disabled', () => {
  const stack = stacks['nte-off']!;
  for (const type of NODE_TRAFFIC_TYPES) expect(ownResources(stack, type)).toHaveLength(0);
  const baseline = definitionOf(stack);
  expect(Object.keys(baseline).filter((key) => key.startsWith('spark_env_vars') || key.startsWith('init_scripts'))).toEqual([]);
});

it('asks for no keystore password anywhere: no Terraform variable in any stack', () => {
  for (const stack of Object.values(stacks)) {
    expect(Object.keys((stack as any).variable ?? {}).filter((name) => /keystore/i.test(name))).toEqual([]);
  }
});
