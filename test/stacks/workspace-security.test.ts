import { clusterHardeningElements } from '../../constructs/databricks/cluster-hardening';
import { PRIVATE_LINK_SERVICES } from '../../environments/schema';
import { PRIVATE_LINK_PORTS } from '../../constructs/aws/private-link';
import { environmentFixture, fixtureConfig, FIXTURE, hardenedEnvironmentFixture } from '../support/fixtures';
import { referenceTo, resourcesOf, synthApp, type Synthesized } from '../support/synth';

// Specification on three fixture profiles: relaxed (tokens for engineers, legacy features reachable,
// a generated secret), standard (schema defaults, a secret from the environment) and strict
// (hardenedEnvironmentFixture: short tokens, IP lists, every hardening switch, PrivateLink, a larger policy).
const region = FIXTURE.region;
const config = fixtureConfig({
  environments: [
    environmentFixture('relaxed', {
      protect: false,
      workspaceSecurity: { tokens: { maxLifetimeDays: 90, allowedGroups: ['admins', 'dataEngineers'] }, hardening: { disableLegacyDbfs: false, disableLegacyAccess: false } },
      secretScopes: [{ name: 'relaxed-jobs', acls: [{ group: 'dataEngineers', permission: 'WRITE' }], secrets: [{ key: 'api-signing-key', source: 'generated' }] }],
      clusterPolicy: { autoTerminationMinutes: { min: 10, max: 60, default: 20 }, maxDbuPerHour: 20, maxWorkers: 4, groups: ['dataEngineers', 'analysts'] },
    }),
    environmentFixture('standard', {
      secretScopes: [{
        name: 'standard-jobs',
        acls: [{ group: 'admins', permission: 'MANAGE' }, { group: 'dataEngineers', permission: 'READ' }],
        secrets: [{ key: 'warehouse-password', source: 'environment' }],
      }],
    }),
    hardenedEnvironmentFixture('strict'),
  ],
});
const stacks = synthApp(config);
const { relaxed, standard, strict } = stacks as Record<string, Synthesized>;
const strictEnv = config.environments.find((e) => e.name === 'strict')!;
const groups = Object.fromEntries(Object.entries(config.account.groups).map(([key, group]) => [key, group.displayName]));

/** The single resource whose construct path (below the stack) is `path`; Testing.synth drops metadata, so match the logical id. */
function resourceAt(stack: Synthesized, type: string, path: string): Record<string, any> {
  const prefix = `${path.replace(/\//g, '_')}_`;
  const found = resourcesOf(stack, type).filter(([name]) => name.startsWith(prefix) && /^[A-F0-9]{8}$/.test(name.slice(prefix.length)));
  if (found.length !== 1) throw new Error(`expected one ${type} at ${path}, found ${found.length}`);
  return found[0][1];
}

const HARDENING_TYPES = [
  'databricks_compliance_security_profile_workspace_setting',
  'databricks_enhanced_security_monitoring_workspace_setting',
  'databricks_automatic_cluster_update_workspace_setting',
  'databricks_disable_legacy_dbfs_setting',
  'databricks_disable_legacy_access_setting',
  'databricks_restrict_workspace_admins_setting',
];

describe('personal access tokens', () => {
  it.each([
    ['relaxed', relaxed, '90', [groups.admins, groups.dataEngineers]],
    ['standard (defaults)', standard, '90', [groups.admins]],
    ['strict', strict, '30', [groups.admins]],
  ])('%s: tokens on with a maximum lifetime, CAN_USE only for the named groups', (_name, stack, days, expected) => {
    const conf = resourceAt(stack, 'databricks_workspace_conf', 'workspace-security/conf');
    expect(conf.custom_config).toMatchObject({ enableTokensConfig: 'true', maxTokenLifetimeDays: days });
    expect(conf.provider).toBe('databricks.workspace');
    const permissions = resourceAt(stack, 'databricks_permissions', 'workspace-security/token-permissions');
    expect(permissions.authorization).toBe('tokens');
    expect(permissions.access_control).toEqual(expected.map((group_name) => ({ group_name, permission_level: 'CAN_USE' })));
  });
});

describe('IP access lists', () => {
  it('strict enforces its allow and block lists', () => {
    expect(resourceAt(strict, 'databricks_workspace_conf', 'workspace-security/conf').custom_config.enableIpAccessLists).toBe('true');
    const lists = resourcesOf(strict, 'databricks_ip_access_list').map(([, list]) => [list.label, list.list_type, list.ip_addresses, list.enabled]);
    expect(lists).toEqual([
      ['office', 'ALLOW', ['192.0.2.0/24'], true],
      ['runners', 'ALLOW', ['198.51.100.20', '198.51.100.21'], true],
      ['visitors', 'BLOCK', ['192.0.2.128/25'], true],
    ]);
  });

  it.each([['relaxed', relaxed], ['standard', standard]])('%s has the feature off and no lists', (_name, stack) => {
    expect(resourceAt(stack, 'databricks_workspace_conf', 'workspace-security/conf').custom_config.enableIpAccessLists).toBe('false');
    expect(resourcesOf(stack, 'databricks_ip_access_list')).toHaveLength(0);
  });
});

describe('hardening switches', () => {
  it('strict turns every switch on', () => {
    for (const type of HARDENING_TYPES) expect(resourcesOf(strict, type)).toHaveLength(1);
    const profile = resourcesOf(strict, 'databricks_compliance_security_profile_workspace_setting')[0][1];
    expect(profile.compliance_security_profile_workspace).toEqual({ is_enabled: true, compliance_standards: ['HIPAA'] });
    expect(resourcesOf(strict, 'databricks_enhanced_security_monitoring_workspace_setting')[0][1].enhanced_security_monitoring_workspace).toEqual({ is_enabled: true });
    expect(resourcesOf(strict, 'databricks_automatic_cluster_update_workspace_setting')[0][1].automatic_cluster_update_workspace).toEqual({ enabled: true });
    expect(resourcesOf(strict, 'databricks_disable_legacy_dbfs_setting')[0][1].disable_legacy_dbfs).toEqual({ value: true });
    expect(resourcesOf(strict, 'databricks_disable_legacy_access_setting')[0][1].disable_legacy_access).toEqual({ value: true });
    expect(resourcesOf(strict, 'databricks_restrict_workspace_admins_setting')[0][1].restrict_workspace_admins).toEqual({ status: 'RESTRICT_TOKENS_AND_JOB_RUN_AS' });
    for (const type of HARDENING_TYPES) expect(resourcesOf(strict, type)[0][1].provider).toBe('databricks.workspace');
  });

  it('standard keeps the defaults: legacy DBFS and legacy access off, add-on features absent', () => {
    const present = HARDENING_TYPES.filter((type) => resourcesOf(standard, type).length > 0);
    expect(present).toEqual(['databricks_disable_legacy_dbfs_setting', 'databricks_disable_legacy_access_setting']);
  });

  it('relaxed creates no hardening setting', () => {
    for (const type of HARDENING_TYPES) expect(resourcesOf(relaxed, type)).toHaveLength(0);
    expect(resourcesOf(relaxed, 'databricks_default_namespace_setting')).toHaveLength(0);
  });

  it.each([['standard', standard], ['strict', strict]])('%s: with legacy access off, the default namespace is the first catalog, not hive_metastore', (_name, stack) => {
    const [[catalogId]] = resourcesOf(stack, 'databricks_catalog');
    const setting = resourceAt(stack, 'databricks_default_namespace_setting', 'workspace-security/default-namespace');
    expect(setting.namespace).toEqual({ value: referenceTo('databricks_catalog', catalogId, 'name') });
    expect(setting.provider).toBe('databricks.workspace');
  });
});

describe('secret scopes', () => {
  it('strict: scope, ACLs per group, one secret from the environment and one generated', () => {
    const scope = resourceAt(strict, 'databricks_secret_scope', 'secret-scopes/scope-strict-jobs');
    expect(scope.name).toBe('strict-jobs');
    const acls = resourcesOf(strict, 'databricks_secret_acl')
      .filter(([name]) => name.startsWith('secret-scopes_'))
      .map(([, acl]) => [acl.principal, acl.permission]);
    expect(acls).toEqual([[groups.admins, 'MANAGE'], [groups.dataEngineers, 'READ']]);

    const variable = (strict as any).variable.secret_strict_jobs_warehouse_password;
    expect(variable).toMatchObject({ sensitive: true, type: 'string', nullable: false });
    expect(variable.default).toBeUndefined();
    const fromEnv = resourceAt(strict, 'databricks_secret', 'secret-scopes/secret-strict-jobs-warehouse-password');
    expect(fromEnv.string_value).toBe('${var.secret_strict_jobs_warehouse_password}');

    const [passwordName, password] = resourcesOf(strict, 'random_password').find(([name]) => name.startsWith('secret-scopes_'))!;
    expect(password).toMatchObject({ length: 64, special: false });
    const generated = resourceAt(strict, 'databricks_secret', 'secret-scopes/secret-strict-jobs-webhook-signing-key');
    expect(generated.string_value).toBe(referenceTo('random_password', passwordName, 'result'));
  });

  it('every secret value is a reference, never a literal', () => {
    for (const stack of [relaxed, standard, strict]) {
      for (const [name, secret] of resourcesOf(stack, 'databricks_secret')) {
        // Node-traffic secrets iterate over their versioned random passwords (each.value.result).
        const reference = name.startsWith('node-traffic-encryption_') ? /^\$\{(var\.[\w-]+|each\.value\.result)\}$/ : /^\$\{(var\.|random_password\.)[\w-]+(\.result)?\}$/;
        expect(secret.string_value).toMatch(reference);
      }
    }
  });

  it('the random provider exists only where a secret is generated', () => {
    expect(Object.keys(relaxed.provider ?? {})).toContain('random');
    // The standard profile's random provider serves node-traffic encryption only: its secret scopes generate nothing.
    expect(resourcesOf(standard, 'random_password').filter(([name]) => name.startsWith('secret-scopes_'))).toEqual([]);
  });
});

describe('baseline cluster policy', () => {
  const definitionOf = (stack: Synthesized) => JSON.parse(resourceAt(stack, 'databricks_cluster_policy', 'cluster-policy/baseline').definition);

  it('strict: every element, value by value', () => {
    const policy = definitionOf(strict);
    expect(policy.autotermination_minutes).toEqual({ type: 'range', minValue: 10, maxValue: 120, defaultValue: 30 });
    const nodeTypes = ['m6id.large', 'm6id.xlarge', 'm6id.2xlarge', 'r6id.xlarge', 'r6id.2xlarge'];
    expect(policy.node_type_id).toEqual({ type: 'allowlist', values: nodeTypes, defaultValue: 'm6id.large' });
    expect(policy.driver_node_type_id).toEqual(policy.node_type_id);
    expect(policy.instance_pool_id).toEqual({ type: 'forbidden' });
    expect(policy.driver_instance_pool_id).toEqual({ type: 'forbidden' });
    // Dedicated only: prod's node-traffic init script is a workspace file (docs/node-traffic-encryption.md#compatibility).
    expect(policy.data_security_mode).toEqual({ type: 'allowlist', values: ['SINGLE_USER'], defaultValue: 'SINGLE_USER' });
    expect(policy.dbus_per_hour).toEqual({ type: 'range', maxValue: 100 });
    expect(policy['autoscale.max_workers']).toEqual({ type: 'range', maxValue: 20, isOptional: true });
    expect(policy.num_workers).toEqual({ type: 'range', maxValue: 20, isOptional: true });
    expect(policy['custom_tags.Environment']).toEqual({ type: 'fixed', value: 'strict' });
    expect(policy['custom_tags.CostCenter']).toEqual({ type: 'fixed', value: strictEnv.tags.CostCenter });
    expect(policy['custom_tags.Owner']).toEqual({ type: 'fixed', value: strictEnv.tags.Owner });
    const runtime = new RegExp(policy.spark_version.pattern);
    expect(policy.spark_version.type).toBe('regex');
    for (const ok of ['15.4.x-scala2.12', '16.4.x-scala2.13', '15.4.x-cpu-ml-scala2.12']) expect(runtime.test(ok)).toBe(true);
    for (const bad of ['13.3.x-scala2.12', '14.3.x-scala2.12', '10.4.x-photon-scala2.12']) expect(runtime.test(bad)).toBe(false);
    // 13 baseline elements; the rest are the node-traffic-encryption and hardening rules merged in.
    const hardeningKeys = Object.keys(clusterHardeningElements({ localDiskEncryption: true, forbidSshPublicKeys: true, logVolumePath: '/Volumes/c/s/v' }));
    const encryptionKeys = Object.keys(policy).filter((key) => /^(spark_conf|spark_env_vars|init_scripts)\./.test(key) || hardeningKeys.includes(key));
    expect(Object.keys(policy).length - encryptionKeys.length).toBe(13);
  });

  it('relaxed: smaller size, shorter idle time, usable by engineers and analysts', () => {
    const policy = definitionOf(relaxed);
    expect(policy.autotermination_minutes).toEqual({ type: 'range', minValue: 10, maxValue: 60, defaultValue: 20 });
    expect(policy.dbus_per_hour.maxValue).toBe(20);
    expect(policy['custom_tags.Environment'].value).toBe('relaxed');
    const permissions = resourceAt(relaxed, 'databricks_permissions', 'cluster-policy/permissions');
    expect(permissions.cluster_policy_id).toMatch(/^\$\{databricks_cluster_policy\.[\w-]+\.id\}$/);
    expect(permissions.access_control).toEqual([
      { group_name: groups.dataEngineers, permission_level: 'CAN_USE' },
      { group_name: groups.analysts, permission_level: 'CAN_USE' },
    ]);
  });

  it('no access mode without isolation is ever allowed', () => {
    for (const stack of [relaxed, standard, strict]) expect(definitionOf(stack).data_security_mode.values).not.toContain('NONE');
  });
});

describe('PrivateLink', () => {
  it('strict: REST API and relay endpoints with the documented services of its region, registered and attached', () => {
    const endpoints = Object.fromEntries(
      resourcesOf(strict, 'aws_vpc_endpoint').filter(([name]) => name.startsWith('private-link')).map(([, e]) => [e.service_name, e]),
    );
    const services = PRIVATE_LINK_SERVICES[region]!;
    expect(Object.keys(endpoints).sort()).toEqual([services.workspace, services.relay].sort());
    for (const endpoint of Object.values(endpoints) as Record<string, any>[]) {
      expect(endpoint).toMatchObject({ vpc_endpoint_type: 'Interface', private_dns_enabled: true });
      expect(endpoint.subnet_ids).toHaveLength(3);
    }
    const registrations = resourcesOf(strict, 'databricks_mws_vpc_endpoint');
    expect(registrations).toHaveLength(2);
    for (const [, r] of registrations) expect(r).toMatchObject({ region, provider: 'databricks.account' });

    const network = resourceAt(strict, 'databricks_mws_networks', 'workspace/network');
    expect(network.vpc_endpoints.rest_api[0]).toMatch(/databricks_mws_vpc_endpoint\.private-link_rest-api-registration_\w+\.vpc_endpoint_id/);
    expect(network.vpc_endpoints.dataplane_relay[0]).toMatch(/databricks_mws_vpc_endpoint\.private-link_relay-registration_\w+\.vpc_endpoint_id/);

    const [pasName, pas] = resourcesOf(strict, 'databricks_mws_private_access_settings')[0];
    expect(pas).toMatchObject({ public_access_enabled: true, private_access_level: 'ENDPOINT', region });
    expect(pas.allowed_vpc_endpoint_ids).toEqual([network.vpc_endpoints.rest_api[0]]);
    expect(pas.lifecycle).toEqual({ prevent_destroy: true });
    const workspace = resourcesOf(strict, 'databricks_mws_workspaces')[0][1];
    expect(workspace.private_access_settings_id).toBe(referenceTo('databricks_mws_private_access_settings', pasName, 'private_access_settings_id'));
  });

  it('strict: dedicated endpoint subnets route only inside the VPC and accept only the documented ports from cluster nodes', () => {
    const subnets = resourcesOf(strict, 'aws_subnet').filter(([name]) => name.startsWith('private-link')).map(([, s]) => s.cidr_block);
    expect(subnets).toEqual(FIXTURE.privateLinkSubnets);
    expect(resourcesOf(strict, 'aws_route').filter(([name]) => name.startsWith('private-link'))).toHaveLength(0);
    const ingress = resourcesOf(strict, 'aws_vpc_security_group_ingress_rule').filter(([name]) => name.startsWith('private-link')).map(([, r]) => r);
    const ports = ingress.map((r) => [r.from_port, r.to_port]).sort((a, b) => a[0] - b[0]);
    expect(ports).toEqual(PRIVATE_LINK_PORTS.map((p) => [p.from, p.to]).sort((a, b) => a[0] - b[0]));
    expect(ports).toEqual([[443, 443], [2443, 2443], [6666, 6666], [8443, 8451]]);
    for (const rule of ingress) expect(rule.referenced_security_group_id).toMatch(/aws_security_group\.network_workspace-sg_\w+\.id/);
    expect(resourcesOf(strict, 'aws_vpc_security_group_egress_rule').filter(([name]) => name.startsWith('private-link'))).toHaveLength(0);
  });

  it.each([['relaxed', relaxed], ['standard', standard]])('%s has no PrivateLink objects', (_name, stack) => {
    expect(resourcesOf(stack, 'databricks_mws_vpc_endpoint')).toHaveLength(0);
    expect(resourcesOf(stack, 'databricks_mws_private_access_settings')).toHaveLength(0);
    expect(resourceAt(stack, 'databricks_mws_networks', 'workspace/network').vpc_endpoints).toBeUndefined();
    expect(resourcesOf(stack, 'databricks_mws_workspaces')[0][1].private_access_settings_id).toBeUndefined();
  });
});
