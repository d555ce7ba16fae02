import {
  ENFORCED_SPARK_CONF,
  IN_TRANSIT_ENCRYPTING_FAMILY_LIST,
  IN_TRANSIT_ENCRYPTING_NODE_TYPE_PATTERN,
  liveVersionsAt,
  nodeTrafficEncryptionPolicyElements,
  rotationVersionAt,
} from '../../../constructs/databricks/node-traffic-encryption-policy';
import { NODE_TRAFFIC_SCRIPT_PATH } from '../../../constructs/databricks/node-traffic-encryption';
import { groupDisplayNames } from '../../../environments/lib/groups';
import { environmentFixture, fixtureConfig } from '../../support/fixtures';
import { resourceAt, resourcesOf, synthApp, type Synthesized } from '../../support/synth';

// Specification on fixtures: alpha with the defaults (init script, protected), beta unprotected with
// the init script and Nitro instance types.
const config = fixtureConfig({
  environments: [environmentFixture('alpha'), environmentFixture('beta', { protect: false, nodeTrafficEncryption: { mode: 'both' } })],
});
const stacks = synthApp(config);
const environments = config.environments.map((env) => env.name);

/** The single resource of the construct with this id (logical names are `<construct>_<id>_<hash>`). */
function at(stack: Synthesized, type: string, id: string): Record<string, any> {
  const found = resourcesOf(stack, type).filter(([logicalName]) => new RegExp(`^node-traffic-encryption_${id}_[0-9A-F]{8}$`).test(logicalName));
  if (found.length !== 1) throw new Error(`expected one ${type} with id ${id}, found ${found.length}`);
  return found[0][1];
}
const scopeRef = (stack: Synthesized) => `\${databricks_secret_scope.${resourcesOf(stack, 'databricks_secret_scope')[0][0]}.name}`;
// With the baseline policy on (the default), the encryption rules are merged into it: one policy, no duplicate.
const baselineOf = (stack: Synthesized) => resourceAt(stack, 'databricks_cluster_policy', 'cluster-policy/baseline');
const policyOf = (stack: Synthesized) => JSON.parse(baselineOf(stack).definition);
/** Who may start clusters with the policy: the configured owners plus the baseline policy's groups. */
const clusterOwners = (name: string) => {
  const env = config.environments.find((e) => e.name === name)!;
  return [...new Set(groupDisplayNames(config.account.groups, [...env.nodeTrafficEncryption.clusterOwnerGroups, ...env.clusterPolicy.groups]))];
};

describe.each(environments)('node-traffic encryption in environment %s', (name) => {
  const stack = stacks[name];
  const env = config.environments.find((e) => e.name === name)!;
  const ntenc = env.nodeTrafficEncryption;

  it('is enabled by default, with the init script unless nitro-only', () => {
    expect(ntenc.enabled).toBe(true);
    expect(ntenc.mode).not.toBe('nitro-only');
  });

  it('keeps the secrets in a dedicated, protected scope: MANAGE for admins, READ for cluster owners only', () => {
    const scope = at(stack, 'databricks_secret_scope', 'scope');
    expect(scope.name).toBe(`${config.account.namePrefix}-${name}-node-traffic-encryption`);
    expect(scope.provider).toBe('databricks.workspace');
    expect(Boolean(scope.lifecycle?.prevent_destroy)).toBe(env.protect);
    const acls = resourcesOf(stack, 'databricks_secret_acl')
      .filter(([, acl]) => acl.scope === scopeRef(stack))
      .map(([, acl]) => [acl.principal, acl.permission]);
    expect(acls.sort()).toEqual([...clusterOwners(name).map((group) => [group, 'READ']), [config.account.groups.admins, 'MANAGE']].sort());
  });

  it('creates one random secret and one versioned key per live version, read from the plan-time calendar', () => {
    const locals = (stack as any).locals as Record<string, string>;
    expect(locals.node_traffic_encryption_days).toContain('plantimestamp()');
    expect(locals.node_traffic_encryption_version).toBe(`\${floor(local.node_traffic_encryption_days / ${ntenc.rotationPeriodDays})}`);
    expect(locals.node_traffic_encryption_live_versions).toContain(`local.node_traffic_encryption_days % ${ntenc.rotationPeriodDays} < ${ntenc.gracePeriodDays}`);
    expect(locals.node_traffic_encryption_live_versions).toContain('tostring(local.node_traffic_encryption_version - 1)');

    const [[passwordName, password]] = resourcesOf(stack, 'random_password');
    expect(password.for_each).toBe('${toset(local.node_traffic_encryption_live_versions)}');
    expect(password).toMatchObject({ length: 64, special: false });
    const secret = at(stack, 'databricks_secret', 'secret-version');
    expect(secret.for_each).toBe(`\${random_password.${passwordName}}`);
    expect(secret.key).toBe('node-traffic-secret-v${each.key}');
    expect(secret.string_value).toBe('${each.value.result}');
    expect(secret.scope).toBe(scopeRef(stack));
  });

  it('stores the keystore password from a sensitive variable, never a literal', () => {
    const secret = at(stack, 'databricks_secret', 'keystore-password-secret');
    expect(secret).toMatchObject({ key: 'keystore-password', string_value: '${var.node_traffic_keystore_password}' });
    expect((stack as any).variable.node_traffic_keystore_password).toMatchObject({ sensitive: true, nullable: false, type: 'string' });
  });

  it('ships the script as an admin-only workspace file outside /Shared, readable by cluster owners', () => {
    const file = at(stack, 'databricks_workspace_file', 'script-file');
    expect(file.path).toBe(NODE_TRAFFIC_SCRIPT_PATH);
    expect(file.path.startsWith('/Shared')).toBe(false);
    expect(file.source).toMatch(/assets\/.*node-traffic-encryption\.sh$/);
    const permissions = at(stack, 'databricks_permissions', 'script-file-permissions');
    expect(permissions.access_control).toEqual(clusterOwners(name).map((group_name) => ({ group_name, permission_level: 'CAN_READ' })));
  });

  it('fixes every enforced value in the (baseline) cluster policy and creates no second policy', () => {
    const definition = policyOf(stack);
    const versionedKey = 'node-traffic-secret-v${local.node_traffic_encryption_version}';
    const expected: Record<string, unknown> = {
      'init_scripts.0.workspace.destination': { type: 'fixed', value: NODE_TRAFFIC_SCRIPT_PATH },
      'spark_env_vars.NODE_TRAFFIC_ENCRYPTION_SECRET': { type: 'fixed', value: `{{secrets/${scopeRef(stack)}/${versionedKey}}}`, hidden: true },
      'spark_env_vars.NODE_TRAFFIC_KEYSTORE_PASSWORD': { type: 'fixed', value: `{{secrets/${scopeRef(stack)}/keystore-password}}`, hidden: true },
      'spark_conf.spark.authenticate': { type: 'fixed', value: 'true' },
      'spark_conf.spark.network.crypto.enabled': { type: 'fixed', value: 'true' },
      'spark_conf.spark.network.crypto.saslFallback': { type: 'fixed', value: 'false' },
      'spark_conf.spark.io.encryption.enabled': { type: 'fixed', value: 'true' },
      'custom_tags.Environment': { type: 'fixed', value: name },
      'custom_tags.CostCenter': { type: 'fixed', value: env.tags.CostCenter },
      'custom_tags.Owner': { type: 'fixed', value: env.tags.Owner },
    };
    for (const [key, element] of Object.entries(expected)) expect([key, definition[key]]).toEqual([key, element]);
    if (ntenc.mode === 'both') {
      // Composed with the baseline allowlist: only instance types that also encrypt in hardware remain.
      const nitro = new RegExp(IN_TRANSIT_ENCRYPTING_NODE_TYPE_PATTERN);
      for (const key of ['node_type_id', 'driver_node_type_id']) {
        expect(definition[key].type).toBe('allowlist');
        expect(definition[key].values.length).toBeGreaterThan(0);
        for (const nodeType of definition[key].values) expect(nitro.test(nodeType)).toBe(true);
      }
    }
    expect(resourcesOf(stack, 'databricks_cluster_policy')).toHaveLength(1);
    expect(baselineOf(stack).depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^databricks_secret\./), expect.stringMatching(/^databricks_workspace_file\./)]));
  });

  it('contains no secret value and no volume allowlist unless a volume is configured', () => {
    expect(JSON.stringify(stack)).not.toMatch(/[A-Za-z0-9]{64}/);
    expect(resourcesOf(stack, 'databricks_artifact_allowlist')).toHaveLength(ntenc.volumePath ? 1 : 0);
  });
});

it('init-script keeps the baseline instance types; both narrows them to Nitro instance types', () => {
  const baselineNodeTypes = config.environments.find((e) => e.name === 'alpha')!.clusterPolicy.nodeTypes;
  expect(policyOf(stacks.alpha).node_type_id.values).toEqual(baselineNodeTypes);
  expect(policyOf(stacks.alpha)['init_scripts.0.workspace.destination'].value).toBe(NODE_TRAFFIC_SCRIPT_PATH);
  const nitro = new RegExp(IN_TRANSIT_ENCRYPTING_NODE_TYPE_PATTERN);
  expect(policyOf(stacks.beta).node_type_id.values.every((nodeType: string) => nitro.test(nodeType))).toBe(true);
});

describe('Nitro instance-type pattern', () => {
  const pattern = new RegExp(IN_TRANSIT_ENCRYPTING_NODE_TYPE_PATTERN);
  it.each(['m6i.xlarge', 'r6id.4xlarge', 'c5n.18xlarge', 'i4i.2xlarge', 'm5dn.large'])('accepts %s', (type) => expect(pattern.test(type)).toBe(true));
  it.each(['m5.xlarge', 'r5d.2xlarge', 'c5.4xlarge', 'i3.xlarge', 'm6gd.large', 'xm6i.large', 'm6i.xlarge;'])('rejects %s', (type) => expect(pattern.test(type)).toBe(false));
  it('lists each family once', () => expect(new Set(IN_TRANSIT_ENCRYPTING_FAMILY_LIST).size).toBe(IN_TRANSIT_ENCRYPTING_FAMILY_LIST.length));
});

describe('nodeTrafficEncryptionPolicyElements (for composing into other policies)', () => {
  it('nitro-only restricts instance types and needs no secret or script', () => {
    expect(nodeTrafficEncryptionPolicyElements({ mode: 'nitro-only' })).toEqual({
      node_type_id: { type: 'regex', pattern: IN_TRANSIT_ENCRYPTING_NODE_TYPE_PATTERN },
      driver_node_type_id: { type: 'regex', pattern: IN_TRANSIT_ENCRYPTING_NODE_TYPE_PATTERN },
    });
  });
  it('refuses an init-script mode without the script and secret references', () => {
    expect(() => nodeTrafficEncryptionPolicyElements({ mode: 'both' })).toThrow(/needs initScriptPath, secretReference and keystorePasswordReference/);
  });
  it('pins every Spark setting the script relies on', () => {
    const elements = nodeTrafficEncryptionPolicyElements({ mode: 'init-script', initScriptPath: '/a.sh', secretReference: 's', keystorePasswordReference: 'k' });
    for (const [key, value] of Object.entries(ENFORCED_SPARK_CONF)) expect(elements[`spark_conf.${key}`]).toEqual({ type: 'fixed', value });
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
