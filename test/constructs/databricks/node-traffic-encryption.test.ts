import {
  DATABRICKS_KEYSTORE_PATH,
  FORBIDDEN_ENV_VARS,
  INIT_SCRIPT_LOCATIONS,
  IN_TRANSIT_ENCRYPTING_FAMILY_LIST,
  IN_TRANSIT_ENCRYPTING_NODE_TYPE_PATTERN,
  SCRIPT_CREDENTIAL_SETTINGS,
  SCRIPT_SPARK_SETTINGS,
  liveVersionsAt,
  nodeTrafficEncryptionPolicyElements,
  rotationVersionAt,
  runtimeVersionPattern,
} from '../../../constructs/databricks/node-traffic-encryption-policy';
import { NODE_TRAFFIC_SCRIPT_PATH } from '../../../constructs/databricks/node-traffic-encryption';
import { mergePolicyDefinitions } from '../../../constructs/databricks/cluster-policy-definition';
import { Naming } from '../../../constructs/naming';
import { groupDisplayNames } from '../../../environments/lib/groups';
import { exampleConfig, resourcesOf, synthApp, type Synthesized } from '../../support/synth';

// The example environments, whatever they are: expectations come from the loaded files.
const config = exampleConfig();
const stacks = synthApp(config);
const withScript = config.environments.filter((env) => env.nodeTrafficEncryption.enabled && env.nodeTrafficEncryption.mode !== 'nitro-only');

/** The single resource of the construct with this id (logical names are `<construct>_<id>_<hash>`). */
function at(stack: Synthesized, type: string, id: string): Record<string, any> {
  const found = resourcesOf(stack, type).filter(([logicalName]) => new RegExp(`^node-traffic-encryption_${id}_[0-9A-F]{8}$`).test(logicalName));
  if (found.length !== 1) throw new Error(`expected one ${type} with id ${id}, found ${found.length}`);
  return found[0][1];
}
const scopeRef = (stack: Synthesized) => {
  const [[name]] = resourcesOf(stack, 'databricks_secret_scope').filter(([logicalName]) => logicalName.startsWith('node-traffic-encryption_'));
  return `\${databricks_secret_scope.${name}.name}`;
};
/** The policy that carries the rules: the baseline when enabled, else the construct's own. */
const policyOf = (stack: Synthesized) => {
  const policies = resourcesOf(stack, 'databricks_cluster_policy');
  expect(policies).toHaveLength(1);
  return JSON.parse(policies[0][1].definition);
};

describe.each(withScript.map((env) => [env.name, env] as const))('node-traffic encryption with the init script in environment %s', (name, env) => {
  const stack = stacks[name];
  const ntenc = env.nodeTrafficEncryption;
  const owners = [...new Set(groupDisplayNames(config.account.groups, [...ntenc.clusterOwnerGroups, ...(env.clusterPolicy.enabled ? env.clusterPolicy.groups : [])]))];

  it('keeps the secrets in a dedicated, protected scope: MANAGE for admins, READ for cluster owners only', () => {
    const scope = at(stack, 'databricks_secret_scope', 'scope');
    expect(scope.name).toBe(new Naming(config.account.namePrefix, name).name('node-traffic-encryption'));
    expect(Boolean(scope.lifecycle?.prevent_destroy)).toBe(env.protect);
    const acls = resourcesOf(stack, 'databricks_secret_acl')
      .filter(([, acl]) => acl.scope === scopeRef(stack))
      .map(([, acl]) => [acl.principal, acl.permission]);
    expect(acls.sort()).toEqual([...owners.map((group) => [group, 'READ']), [config.account.groups[config.account.ownerGroup].displayName, 'MANAGE']].sort());
  });

  it('holds only the rotated shared secret: no keystore password secret and no Terraform variable at all', () => {
    const secrets = resourcesOf(stack, 'databricks_secret').filter(([, secret]) => secret.scope === scopeRef(stack));
    expect(secrets.map(([, secret]) => secret.key)).toEqual(['node-traffic-secret-v${each.key}']);
    expect(Object.keys((stack as any).variable ?? {}).filter((variable) => /keystore|node_traffic/.test(variable))).toEqual([]);
    expect(policyOf(stack)['spark_env_vars.NODE_TRAFFIC_KEYSTORE_PASSWORD']).toEqual({ type: 'forbidden' });
  });

  it('creates one random secret and one versioned key per live version, read from the plan-time calendar', () => {
    const locals = (stack as any).locals as Record<string, string>;
    expect(locals.node_traffic_encryption_days).toContain('plantimestamp()');
    expect(locals.node_traffic_encryption_version).toBe(`\${floor(local.node_traffic_encryption_days / ${ntenc.rotationPeriodDays})}`);
    expect(locals.node_traffic_encryption_live_versions).toContain(`local.node_traffic_encryption_days % ${ntenc.rotationPeriodDays} < ${ntenc.gracePeriodDays}`);
    const [[passwordName, password]] = resourcesOf(stack, 'random_password').filter(([logicalName]) => logicalName.startsWith('node-traffic-encryption_'));
    expect(password.for_each).toBe('${toset(local.node_traffic_encryption_live_versions)}');
    expect(password).toMatchObject({ length: 64, special: false });
    const secret = at(stack, 'databricks_secret', 'secret-version');
    expect(secret.for_each).toBe(`\${random_password.${passwordName}}`);
    expect(secret.string_value).toBe('${each.value.result}');
  });

  it('delivers the script from where the access modes can run it, and pins it as the only init script', () => {
    const definition = policyOf(stack);
    if (ntenc.volumePath) {
      expect(definition['init_scripts.0.volumes.destination']).toEqual({ type: 'fixed', value: `${ntenc.volumePath}/node-traffic-encryption.sh` });
      expect(resourcesOf(stack, 'databricks_workspace_file').filter(([n]) => n.startsWith('node-traffic-encryption_'))).toEqual([]);
    } else {
      expect(definition['init_scripts.0.workspace.destination']).toEqual({ type: 'fixed', value: NODE_TRAFFIC_SCRIPT_PATH });
      const file = at(stack, 'databricks_workspace_file', 'script-file');
      expect(file.path).toBe(NODE_TRAFFIC_SCRIPT_PATH);
      expect(file.path.startsWith('/Shared')).toBe(false);
      const permissions = at(stack, 'databricks_permissions', 'script-file-permissions');
      expect(permissions.access_control).toEqual(owners.map((group_name) => ({ group_name, permission_level: 'CAN_READ' })));
    }
    for (const location of INIT_SCRIPT_LOCATIONS) expect(definition[`init_scripts.*.${location}.destination`]).toEqual({ type: 'forbidden' });
  });

  it('pins every setting the script writes, forbids the credentials and redirecting variables, and fixes the secret reference', () => {
    const definition = policyOf(stack);
    for (const [key, value] of Object.entries(SCRIPT_SPARK_SETTINGS)) expect([key, definition[`spark_conf.${key}`]]).toEqual([key, { type: 'fixed', value }]);
    expect(definition['spark_conf.spark.ssl.keyStore']).toEqual({ type: 'fixed', value: DATABRICKS_KEYSTORE_PATH });
    for (const key of SCRIPT_CREDENTIAL_SETTINGS) expect([key, definition[`spark_conf.${key}`]]).toEqual([key, { type: 'forbidden' }]);
    for (const variable of FORBIDDEN_ENV_VARS) expect(definition[`spark_env_vars.${variable}`]).toEqual({ type: 'forbidden' });
    expect(definition['spark_env_vars.NODE_TRAFFIC_ENCRYPTION_SECRET']).toEqual({
      type: 'fixed',
      value: `{{secrets/${scopeRef(stack)}/node-traffic-secret-v\${local.node_traffic_encryption_version}}}`,
      hidden: true,
    });
  });

  it('allows only the access modes and runtimes of the compatibility matrix', () => {
    const definition = policyOf(stack);
    expect(definition.data_security_mode.values).toEqual(env.clusterPolicy.dataSecurityModes);
    const runtime = new RegExp(definition.spark_version.pattern);
    const standard = env.clusterPolicy.dataSecurityModes.some((mode) => !['SINGLE_USER', 'DATA_SECURITY_MODE_DEDICATED'].includes(mode));
    // Standard access mode passes no custom environment variable to init scripts from runtime 19 on.
    if (standard) for (const version of ['19.0.x-scala2.13', '20.1.x-scala2.13']) expect([version, runtime.test(version)]).toEqual([version, false]);
    expect(runtime.test('10.4.x-scala2.12')).toBe(false);
  });

  it('waits for the secrets and the script before the policy points at them', () => {
    const [[, policy]] = resourcesOf(stack, 'databricks_cluster_policy');
    expect(policy.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^databricks_secret\./), expect.stringMatching(/^databricks_(workspace_)?file\./)]));
  });
});

describe.each(config.environments.map((env) => [env.name, env] as const))('example environment %s', (name, env) => {
  it('never puts a generated secret into the synthesized JSON', () => {
    expect(JSON.stringify(stacks[name])).not.toMatch(/[A-Za-z0-9]{64}/);
  });

  it('restricts instance types to hardware-encrypting families in the nitro modes', () => {
    if (!env.nodeTrafficEncryption.enabled || env.nodeTrafficEncryption.mode === 'init-script') return;
    const nitro = new RegExp(IN_TRANSIT_ENCRYPTING_NODE_TYPE_PATTERN);
    const definition = policyOf(stacks[name]);
    for (const key of ['node_type_id', 'driver_node_type_id']) {
      const element = definition[key];
      if (element.type === 'regex') expect(element.pattern).toContain(IN_TRANSIT_ENCRYPTING_NODE_TYPE_PATTERN);
      else for (const nodeType of element.values) expect(nitro.test(nodeType)).toBe(true);
    }
  });
});

describe('runtimeVersionPattern', () => {
  const accepts = (pattern: string, version: string) => new RegExp(pattern).test(version);
  it('from 13.3 LTS up to, not including, runtime 19', () => {
    const pattern = runtimeVersionPattern({ min: [13, 3], belowMajor: 19 });
    for (const version of ['13.3.x-scala2.12', '13.10.x-scala2.12', '14.3.x-scala2.12', '15.4.x-cpu-ml-scala2.12', '18.1.x-photon-scala2.13']) expect([version, accepts(pattern, version)]).toEqual([version, true]);
    for (const version of ['13.2.x-scala2.12', '12.2.x-scala2.12', '19.0.x-scala2.13', '23.1.x-scala2.13', '3.3.x-scala2.12', 'x13.3.x']) expect([version, accepts(pattern, version)]).toEqual([version, false]);
  });
  it('from 11.3 LTS with no ceiling', () => {
    const pattern = runtimeVersionPattern({ min: [11, 3] });
    for (const version of ['11.3.x-scala2.12', '12.2.x-scala2.12', '19.1.x-scala2.13', '20.0.x-scala2.13', '99.9.x-scala2.13']) expect([version, accepts(pattern, version)]).toEqual([version, true]);
    for (const version of ['11.2.x-scala2.12', '10.4.x-scala2.12', '9.1.x-scala2.12', '100.1.x-scala2.13']) expect([version, accepts(pattern, version)]).toEqual([version, false]);
  });
  it('composes with a baseline runtime pattern: both must hold', () => {
    const baseline = { type: 'regex' as const, pattern: '^(1[5-9]|[2-9][0-9])\\.[0-9]+\\.x-(cpu-ml-|gpu-ml-)?scala2\\.1[23]$' };
    const merged = mergePolicyDefinitions({ spark_version: baseline }, { spark_version: { type: 'regex', pattern: runtimeVersionPattern({ min: [13, 3], belowMajor: 19 }) } });
    const pattern = new RegExp((merged.spark_version as { pattern: string }).pattern);
    expect(['15.4.x-scala2.12', '18.0.x-cpu-ml-scala2.13'].map((v) => pattern.test(v))).toEqual([true, true]);
    expect(['14.3.x-scala2.12', '19.0.x-scala2.13', '15.4.x-photon-scala2.12'].map((v) => pattern.test(v))).toEqual([false, false, false]);
  });
});

describe('Nitro instance-type pattern', () => {
  const pattern = new RegExp(IN_TRANSIT_ENCRYPTING_NODE_TYPE_PATTERN);
  it.each(['m6i.xlarge', 'r6id.4xlarge', 'c5n.18xlarge', 'i4i.2xlarge', 'm5dn.large'])('accepts %s', (type) => expect(pattern.test(type)).toBe(true));
  it.each(['m5.xlarge', 'r5d.2xlarge', 'c5.4xlarge', 'i3.xlarge', 'm6gd.large', 'xm6i.large', 'm6i.xlarge;'])('rejects %s', (type) => expect(pattern.test(type)).toBe(false));
  it('lists each family once', () => expect(new Set(IN_TRANSIT_ENCRYPTING_FAMILY_LIST).size).toBe(IN_TRANSIT_ENCRYPTING_FAMILY_LIST.length));
});

describe('nodeTrafficEncryptionPolicyElements (for composing into other policies)', () => {
  const script = { location: 'workspace' as const, path: '/Admin/x.sh' };
  it('nitro-only restricts instance types and needs no secret or script', () => {
    expect(nodeTrafficEncryptionPolicyElements({ mode: 'nitro-only' })).toEqual({
      node_type_id: { type: 'regex', pattern: IN_TRANSIT_ENCRYPTING_NODE_TYPE_PATTERN },
      driver_node_type_id: { type: 'regex', pattern: IN_TRANSIT_ENCRYPTING_NODE_TYPE_PATTERN },
    });
  });
  it('the script modes need the delivery, the secret reference and the access modes', () => {
    expect(() => nodeTrafficEncryptionPolicyElements({ mode: 'both' })).toThrow(/needs initScript, secretReference and accessModes/);
  });
  it('refuses standard access mode with a workspace-file script (it would not run)', () => {
    expect(() => nodeTrafficEncryptionPolicyElements({ mode: 'init-script', initScript: script, secretReference: 's', accessModes: ['USER_ISOLATION'] })).toThrow(
      /USER_ISOLATION \(standard access mode\), which runs init scripts only from an allowlisted Unity Catalog volume/,
    );
  });
  it('both: the script rules plus the instance types', () => {
    const elements = nodeTrafficEncryptionPolicyElements({ mode: 'both', initScript: script, secretReference: 's', accessModes: ['SINGLE_USER'] });
    expect(elements['init_scripts.0.workspace.destination']).toEqual({ type: 'fixed', value: '/Admin/x.sh' });
    expect(elements.node_type_id).toEqual({ type: 'regex', pattern: IN_TRANSIT_ENCRYPTING_NODE_TYPE_PATTERN });
    expect(elements.data_security_mode).toEqual({ type: 'allowlist', values: ['SINGLE_USER'], defaultValue: 'SINGLE_USER' });
    expect(elements.spark_version).toEqual({ type: 'regex', pattern: runtimeVersionPattern({ min: [11, 3] }) });
  });
});

describe('rotation calendar (mirrors the Terraform locals)', () => {
  const day = (iso: string) => new Date(`${iso}T12:00:00Z`);
  it('starts version 0 on the epoch and a new version every period', () => {
    expect(rotationVersionAt(day('2025-01-01'), 90)).toBe(0);
    expect(rotationVersionAt(day('2025-03-31'), 90)).toBe(0);
    expect(rotationVersionAt(day('2025-04-01'), 90)).toBe(1);
  });
  it('keeps the previous version only during the grace period after a rotation', () => {
    expect(liveVersionsAt(day('2025-01-01'), 90, 7)).toEqual([0]);
    expect(liveVersionsAt(day('2025-04-01'), 90, 7)).toEqual([1, 0]);
    expect(liveVersionsAt(day('2025-04-07'), 90, 7)).toEqual([1, 0]);
    expect(liveVersionsAt(day('2025-04-08'), 90, 7)).toEqual([1]);
  });
});
