import { ALLOWED_DATA_SECURITY_MODES, environmentSchema } from '../../environments/schema';
import { groupDisplayNames, withGroupDefaults } from '../../environments/lib/groups';
import { describeIssues } from '../../environments/lib/errors';
import { exampleInputs } from '../support/environment-files';
import { exampleConfig, resourceAt, resourcesOf, synthApp, type Synthesized } from '../support/synth';

const base = exampleConfig();
const examples = synthApp(base);
const template = base.environments[0];
const policyOf = (stack: Synthesized) => JSON.parse(resourceAt(stack, 'databricks_cluster_policy', 'cluster-policy/baseline').definition);

/** One fixture environment (the first example's infrastructure) with its own clusterPolicy section. */
function synthWith(clusterPolicy: unknown): Synthesized {
  const env = { ...template, clusterPolicy: environmentSchema.shape.clusterPolicy.parse(clusterPolicy) };
  return synthApp({ account: base.account, environments: [env] }, { only: [env.name] })[env.name];
}

describe('baseline cluster policy hardening', () => {
  it('by default: encrypted local disks, no SSH keys, logs fixed to the environment\'s volume, Unity Catalog access modes only', () => {
    const stack = synthWith({});
    const policy = policyOf(stack);
    expect(policy.enable_local_disk_encryption).toEqual({ type: 'fixed', value: true });
    expect(policy['ssh_public_keys.*']).toEqual({ type: 'forbidden' });
    const catalog = resourcesOf(stack, 'databricks_catalog')[0][1].name;
    expect(policy['cluster_log_conf.type']).toEqual({ type: 'fixed', value: 'VOLUMES' });
    expect(policy['cluster_log_conf.path']).toEqual({ type: 'fixed', value: `/Volumes/${catalog}/operations/cluster_logs` });
    for (const mode of policy.data_security_mode.values) expect(ALLOWED_DATA_SECURITY_MODES).toContain(mode);
    expect(policy.data_security_mode.isOptional).toBeUndefined();

    const volume = resourceAt(stack, 'databricks_volume', 'cluster-logs/volume');
    expect(volume).toMatchObject({ catalog_name: catalog, name: 'cluster_logs', volume_type: 'MANAGED', owner: base.account.groups[base.account.ownerGroup].displayName });
    expect(resourceAt(stack, 'databricks_schema', 'cluster-logs/schema')).toMatchObject({ catalog_name: catalog, name: 'operations', force_destroy: false });
    // The policy's users by default: the account's createsClusters groups.
    const defaults = withGroupDefaults(base.account, { ...template, clusterPolicy: environmentSchema.shape.clusterPolicy.parse({}) });
    const writers = groupDisplayNames(base.account.groups, defaults.clusterPolicy.groups).sort();
    expect(resourceAt(stack, 'databricks_grants', 'cluster-logs/volume-grants').grant).toEqual(writers.map((principal) => ({ principal, privileges: ['READ_VOLUME', 'WRITE_VOLUME'] })));
    expect(resourceAt(stack, 'databricks_grants', 'cluster-logs/schema-grants').grant).toEqual(writers.map((principal) => ({ principal, privileges: ['USE_SCHEMA'] })));
  });

  it('each rule can be opted out of', () => {
    const stack = synthWith({ localDiskEncryption: false, forbidSshPublicKeys: false, clusterLogs: { enabled: false } });
    const policy = policyOf(stack);
    for (const key of ['enable_local_disk_encryption', 'ssh_public_keys.*', 'cluster_log_conf.type', 'cluster_log_conf.path']) expect(policy).not.toHaveProperty([key]);
    expect(resourcesOf(stack, 'databricks_volume').filter(([name]) => name.startsWith('cluster-logs'))).toEqual([]);
  });

  it('the log schema and volume names are configurable', () => {
    const policy = policyOf(synthWith({ clusterLogs: { schema: 'platform', volume: 'compute_logs' } }));
    expect(policy['cluster_log_conf.path'].value).toMatch(/\/platform\/compute_logs$/);
  });

  it.each(base.environments.map((env) => [env.name, env] as const))('%s: follows the environment file', (name, env) => {
    const stack = examples[name];
    if (!env.clusterPolicy.enabled) return;
    const policy = policyOf(stack);
    const { localDiskEncryption, forbidSshPublicKeys, clusterLogs } = env.clusterPolicy;
    expect(policy.enable_local_disk_encryption?.value === true).toBe(localDiskEncryption);
    expect(policy['ssh_public_keys.*']?.type === 'forbidden').toBe(forbidSshPublicKeys);
    const catalog = resourcesOf(stack, 'databricks_catalog').map(([, c]) => c.name).find((n) => n.endsWith(`_${env.unityCatalog.catalogs[0].name}`));
    expect(policy['cluster_log_conf.path']?.value).toBe(clusterLogs.enabled ? `/Volumes/${catalog}/${clusterLogs.schema}/${clusterLogs.volume}` : undefined);
  });
});

describe('cluster log validation', () => {
  const errors = (change: Record<string, unknown>) => {
    const input = { ...exampleInputs().environments[template.name], ...change };
    const result = environmentSchema.safeParse(input);
    return result.success ? [] : describeIssues(`environment "${template.name}"`, result.error);
  };

  it('refuses a log schema the first catalog declares itself', () => {
    const catalogs = [{ name: 'lake', schemas: [{ name: 'operations' }] }];
    expect(errors({ unityCatalog: { catalogs } })).toEqual([
      `environment "${template.name}": clusterPolicy.clusterLogs.schema: "operations" is also declared in unityCatalog.catalogs.0 ("lake"); the blueprint creates this schema for cluster logs, pick another name`,
    ]);
  });

  it('needs a catalog while logs are on', () => {
    expect(errors({ unityCatalog: { catalogs: [] } })).toEqual([
      `environment "${template.name}": clusterPolicy.clusterLogs.enabled: needs a Unity Catalog catalog for the log volume (unityCatalog.catalogs), or set it to false`,
    ]);
    expect(errors({ unityCatalog: { catalogs: [] }, clusterPolicy: { clusterLogs: { enabled: false } } })).toEqual([]);
  });
});
