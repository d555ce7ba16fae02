import { PRIVATE_LINK_SERVICES } from '../../environments/schema';
import { PRIVATE_LINK_PORTS } from '../../constructs/aws/private-link';
import { exampleConfig, referenceTo, resourcesOf, synthApp, type Synthesized } from '../support/synth';

const config = exampleConfig();
const stacks = synthApp(config);
const { dev, staging, prod } = stacks as Record<string, Synthesized>;
const groups = config.account.groups;

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
    ['dev', dev, '90', [groups.admins.displayName, groups.dataEngineers.displayName]],
    ['staging', staging, '90', [groups.admins.displayName]],
    ['prod', prod, '30', [groups.admins.displayName]],
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
  it('prod enforces its allow and block lists', () => {
    expect(resourceAt(prod, 'databricks_workspace_conf', 'workspace-security/conf').custom_config.enableIpAccessLists).toBe('true');
    const lists = resourcesOf(prod, 'databricks_ip_access_list').map(([, list]) => [list.label, list.list_type, list.ip_addresses, list.enabled]);
    expect(lists).toEqual([
      ['corporate-egress', 'ALLOW', ['203.0.113.0/24'], true],
      ['ci-runners', 'ALLOW', ['198.51.100.10', '198.51.100.11'], true],
      ['guest-wifi', 'BLOCK', ['203.0.113.192/26'], true],
    ]);
  });

  it.each([['dev', dev], ['staging', staging]])('%s has the feature off and no lists', (_name, stack) => {
    expect(resourceAt(stack, 'databricks_workspace_conf', 'workspace-security/conf').custom_config.enableIpAccessLists).toBe('false');
    expect(resourcesOf(stack, 'databricks_ip_access_list')).toHaveLength(0);
  });
});

describe('hardening switches', () => {
  it('prod turns every switch on', () => {
    for (const type of HARDENING_TYPES) expect(resourcesOf(prod, type)).toHaveLength(1);
    const profile = resourcesOf(prod, 'databricks_compliance_security_profile_workspace_setting')[0][1];
    expect(profile.compliance_security_profile_workspace).toEqual({ is_enabled: true, compliance_standards: ['HIPAA'] });
    expect(resourcesOf(prod, 'databricks_enhanced_security_monitoring_workspace_setting')[0][1].enhanced_security_monitoring_workspace).toEqual({ is_enabled: true });
    expect(resourcesOf(prod, 'databricks_automatic_cluster_update_workspace_setting')[0][1].automatic_cluster_update_workspace).toEqual({ enabled: true });
    expect(resourcesOf(prod, 'databricks_disable_legacy_dbfs_setting')[0][1].disable_legacy_dbfs).toEqual({ value: true });
    expect(resourcesOf(prod, 'databricks_disable_legacy_access_setting')[0][1].disable_legacy_access).toEqual({ value: true });
    expect(resourcesOf(prod, 'databricks_restrict_workspace_admins_setting')[0][1].restrict_workspace_admins).toEqual({ status: 'RESTRICT_TOKENS_AND_JOB_RUN_AS' });
    for (const type of HARDENING_TYPES) expect(resourcesOf(prod, type)[0][1].provider).toBe('databricks.workspace');
  });

  it('staging keeps the defaults: legacy DBFS and legacy access off, add-on features absent', () => {
    const present = HARDENING_TYPES.filter((type) => resourcesOf(staging, type).length > 0);
    expect(present).toEqual(['databricks_disable_legacy_dbfs_setting', 'databricks_disable_legacy_access_setting']);
  });

  it('dev creates no hardening setting', () => {
    for (const type of HARDENING_TYPES) expect(resourcesOf(dev, type)).toHaveLength(0);
    expect(resourcesOf(dev, 'databricks_default_namespace_setting')).toHaveLength(0);
  });

  it.each([['staging', staging], ['prod', prod]])('%s: with legacy access off, the default namespace is the first catalog, not hive_metastore', (_name, stack) => {
    const [[catalogId]] = resourcesOf(stack, 'databricks_catalog');
    const setting = resourceAt(stack, 'databricks_default_namespace_setting', 'workspace-security/default-namespace');
    expect(setting.namespace).toEqual({ value: referenceTo('databricks_catalog', catalogId, 'name') });
    expect(setting.provider).toBe('databricks.workspace');
  });
});

describe('secret scopes', () => {
  it('prod: scope, ACLs per group, one secret from the environment and one generated', () => {
    const scope = resourceAt(prod, 'databricks_secret_scope', 'secret-scopes/scope-prod-pipelines');
    expect(scope.name).toBe('prod-pipelines');
    const acls = resourcesOf(prod, 'databricks_secret_acl')
      .filter(([name]) => name.startsWith('secret-scopes_'))
      .map(([, acl]) => [acl.principal, acl.permission]);
    expect(acls).toEqual([[groups.admins.displayName, 'MANAGE'], [groups.dataEngineers.displayName, 'READ']]);

    const variable = (prod as any).variable.secret_prod_pipelines_warehouse_password;
    expect(variable).toMatchObject({ sensitive: true, type: 'string', nullable: false });
    expect(variable.default).toBeUndefined();
    const fromEnv = resourceAt(prod, 'databricks_secret', 'secret-scopes/secret-prod-pipelines-warehouse-password');
    expect(fromEnv.string_value).toBe('${var.secret_prod_pipelines_warehouse_password}');

    const [passwordName, password] = resourcesOf(prod, 'random_password').find(([name]) => name.startsWith('secret-scopes_'))!;
    expect(password).toMatchObject({ length: 64, special: false });
    const generated = resourceAt(prod, 'databricks_secret', 'secret-scopes/secret-prod-pipelines-webhook-signing-key');
    expect(generated.string_value).toBe(referenceTo('random_password', passwordName, 'result'));
  });

  it('every secret value is a reference, never a literal', () => {
    for (const stack of [dev, staging, prod]) {
      for (const [name, secret] of resourcesOf(stack, 'databricks_secret')) {
        // Node-traffic secrets iterate over their versioned random passwords (each.value.result).
        const reference = name.startsWith('node-traffic-encryption_') ? /^\$\{(var\.[\w-]+|each\.value\.result)\}$/ : /^\$\{(var\.|random_password\.)[\w-]+(\.result)?\}$/;
        expect(secret.string_value).toMatch(reference);
      }
    }
  });

  it('the random provider exists only where a secret is generated', () => {
    expect(Object.keys(dev.provider ?? {})).toContain('random');
    // Staging's random provider serves node-traffic encryption only: its secret scopes generate nothing.
    expect(resourcesOf(staging, 'random_password').filter(([name]) => name.startsWith('secret-scopes_'))).toEqual([]);
  });
});

describe('baseline cluster policy', () => {
  const definitionOf = (stack: Synthesized) => JSON.parse(resourceAt(stack, 'databricks_cluster_policy', 'cluster-policy/baseline').definition);

  it('prod: every element, value by value', () => {
    const policy = definitionOf(prod);
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
    expect(policy['custom_tags.Environment']).toEqual({ type: 'fixed', value: 'prod' });
    expect(policy['custom_tags.CostCenter']).toEqual({ type: 'fixed', value: 'CC-1300' });
    expect(policy['custom_tags.Owner']).toEqual({ type: 'fixed', value: 'data-platform' });
    const runtime = new RegExp(policy.spark_version.pattern);
    expect(policy.spark_version.type).toBe('regex');
    for (const ok of ['15.4.x-scala2.12', '16.4.x-scala2.13', '15.4.x-cpu-ml-scala2.12']) expect(runtime.test(ok)).toBe(true);
    for (const bad of ['13.3.x-scala2.12', '14.3.x-scala2.12', '10.4.x-photon-scala2.12']) expect(runtime.test(bad)).toBe(false);
    // 13 baseline elements; the rest are the node-traffic-encryption rules merged in.
    const encryptionKeys = Object.keys(policy).filter((key) => /^(spark_conf|spark_env_vars|init_scripts)\./.test(key));
    expect(Object.keys(policy).length - encryptionKeys.length).toBe(13);
  });

  it('dev: relaxed size, shorter idle time, usable by engineers and analysts', () => {
    const policy = definitionOf(dev);
    expect(policy.autotermination_minutes).toEqual({ type: 'range', minValue: 10, maxValue: 60, defaultValue: 20 });
    expect(policy.dbus_per_hour.maxValue).toBe(20);
    expect(policy['custom_tags.Environment'].value).toBe('dev');
    const permissions = resourceAt(dev, 'databricks_permissions', 'cluster-policy/permissions');
    expect(permissions.cluster_policy_id).toMatch(/^\$\{databricks_cluster_policy\.[\w-]+\.id\}$/);
    expect(permissions.access_control).toEqual([
      { group_name: groups.dataEngineers.displayName, permission_level: 'CAN_USE' },
      { group_name: groups.analysts.displayName, permission_level: 'CAN_USE' },
    ]);
  });

  it('no access mode without isolation is ever allowed', () => {
    for (const stack of [dev, staging, prod]) expect(definitionOf(stack).data_security_mode.values).not.toContain('NONE');
  });
});

describe('PrivateLink', () => {
  it('prod: REST API and relay endpoints with the documented eu-west-1 services, registered and attached', () => {
    const endpoints = Object.fromEntries(
      resourcesOf(prod, 'aws_vpc_endpoint').filter(([name]) => name.startsWith('private-link')).map(([, e]) => [e.service_name, e]),
    );
    const services = PRIVATE_LINK_SERVICES['eu-west-1']!;
    expect(Object.keys(endpoints).sort()).toEqual([services.workspace, services.relay].sort());
    for (const endpoint of Object.values(endpoints) as Record<string, any>[]) {
      expect(endpoint).toMatchObject({ vpc_endpoint_type: 'Interface', private_dns_enabled: true });
      expect(endpoint.subnet_ids).toHaveLength(3);
    }
    const registrations = resourcesOf(prod, 'databricks_mws_vpc_endpoint');
    expect(registrations).toHaveLength(2);
    for (const [, r] of registrations) expect(r).toMatchObject({ region: 'eu-west-1', provider: 'databricks.account' });

    const network = resourceAt(prod, 'databricks_mws_networks', 'workspace/network');
    expect(network.vpc_endpoints.rest_api[0]).toMatch(/databricks_mws_vpc_endpoint\.private-link_rest-api-registration_\w+\.vpc_endpoint_id/);
    expect(network.vpc_endpoints.dataplane_relay[0]).toMatch(/databricks_mws_vpc_endpoint\.private-link_relay-registration_\w+\.vpc_endpoint_id/);

    const [pasName, pas] = resourcesOf(prod, 'databricks_mws_private_access_settings')[0];
    expect(pas).toMatchObject({ public_access_enabled: true, private_access_level: 'ENDPOINT', region: 'eu-west-1' });
    expect(pas.allowed_vpc_endpoint_ids).toEqual([network.vpc_endpoints.rest_api[0]]);
    expect(pas.lifecycle).toEqual({ prevent_destroy: true });
    const workspace = resourcesOf(prod, 'databricks_mws_workspaces')[0][1];
    expect(workspace.private_access_settings_id).toBe(referenceTo('databricks_mws_private_access_settings', pasName, 'private_access_settings_id'));
  });

  it('prod: dedicated endpoint subnets route only inside the VPC and accept only the documented ports from cluster nodes', () => {
    const subnets = resourcesOf(prod, 'aws_subnet').filter(([name]) => name.startsWith('private-link')).map(([, s]) => s.cidr_block);
    expect(subnets).toEqual(['10.30.131.0/28', '10.30.131.16/28', '10.30.131.32/28']);
    expect(resourcesOf(prod, 'aws_route').filter(([name]) => name.startsWith('private-link'))).toHaveLength(0);
    const ingress = resourcesOf(prod, 'aws_vpc_security_group_ingress_rule').filter(([name]) => name.startsWith('private-link')).map(([, r]) => r);
    const ports = ingress.map((r) => [r.from_port, r.to_port]).sort((a, b) => a[0] - b[0]);
    expect(ports).toEqual(PRIVATE_LINK_PORTS.map((p) => [p.from, p.to]).sort((a, b) => a[0] - b[0]));
    expect(ports).toEqual([[443, 443], [2443, 2443], [6666, 6666], [8443, 8451]]);
    for (const rule of ingress) expect(rule.referenced_security_group_id).toMatch(/aws_security_group\.network_workspace-sg_\w+\.id/);
    expect(resourcesOf(prod, 'aws_vpc_security_group_egress_rule').filter(([name]) => name.startsWith('private-link'))).toHaveLength(0);
  });

  it.each([['dev', dev], ['staging', staging]])('%s has no PrivateLink objects', (_name, stack) => {
    expect(resourcesOf(stack, 'databricks_mws_vpc_endpoint')).toHaveLength(0);
    expect(resourcesOf(stack, 'databricks_mws_private_access_settings')).toHaveLength(0);
    expect(resourceAt(stack, 'databricks_mws_networks', 'workspace/network').vpc_endpoints).toBeUndefined();
    expect(resourcesOf(stack, 'databricks_mws_workspaces')[0][1].private_access_settings_id).toBeUndefined();
  });
});
