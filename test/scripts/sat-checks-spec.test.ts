/**
 * The SAT checks on hand-written synthesized stacks: a configuration that passes every check, and for
 * each check the ways it fails. No synthesis; test/stacks/sat-checks.test.ts covers the example app.
 */
import { evaluateSatChecks, SAT_CHECKS, type SatContext, type SynthesizedStack } from '../../scripts/lib/sat-checks';

type Resources = Record<string, Record<string, Record<string, unknown>>>;

const CONF = {
  enableResultsDownloading: 'false', enableExportNotebook: 'false', enableNotebookTableClipboard: 'false',
  storeInteractiveNotebookResultsInCustomerAccount: 'true', enableFileStoreEndpoint: 'false', enableDbfsFileBrowser: 'false',
  enableEnforceImdsV2: 'true', enableVerboseAuditLogs: 'true', enableTokensConfig: 'true', maxTokenLifetimeDays: '30',
  enableJobViewAcls: 'true', enforceClusterViewAcls: 'true', enforceWorkspaceViewAcls: 'true', enableProjectTypeInWorkspace: 'true',
  enableIpAccessLists: 'true',
};
const POLICY = {
  enable_local_disk_encryption: { type: 'fixed', value: true },
  'cluster_log_conf.type': { type: 'fixed', value: 'VOLUMES' },
  'cluster_log_conf.path': { type: 'fixed', value: '/Volumes/c/s/v' },
  data_security_mode: { type: 'allowlist', values: ['USER_ISOLATION', 'SINGLE_USER', 'DATA_SECURITY_MODE_STANDARD', 'DATA_SECURITY_MODE_DEDICATED'] },
};

function compliant(): { workspace: Resources; account: Resources } {
  return {
    workspace: {
      databricks_workspace_conf: { conf: { custom_config: { ...CONF } } },
      databricks_mws_workspaces: { ws: { managed_services_customer_managed_key_id: 'k1', storage_customer_managed_key_id: 'k2', private_access_settings_id: 'pas', network_id: 'net' } },
      databricks_cluster_policy: { a: { definition: JSON.stringify(POLICY) }, b: { definition: JSON.stringify(POLICY) } },
      databricks_disable_legacy_dbfs_setting: { d: {} },
      databricks_metastore_assignment: { m: {} },
      databricks_system_schema: { compute: { schema: 'compute' }, access: { schema: 'access' } },
      databricks_restrict_workspace_admins_setting: { r: { restrict_workspace_admins: { status: 'RESTRICT_TOKENS_AND_JOB_RUN_AS' } } },
      databricks_automatic_cluster_update_workspace_setting: { u: {} },
      databricks_permissions: { tokens: { authorization: 'tokens', access_control: [{ group_name: 'admins' }] }, other: { authorization: 'passwords', access_control: [{ group_name: 'users' }] } },
      // Engineers may create clusters; INFO-4 needs an entitlement that withholds clusters and pools.
      databricks_entitlements: { engineers: { allow_cluster_create: true, allow_instance_pool_create: false }, users: { allow_cluster_create: false, allow_instance_pool_create: false } },
      databricks_artifact_allowlist: { scripts: { artifact_type: 'INIT_SCRIPT' }, jars: { artifact_type: 'LIBRARY_JAR' } },
      databricks_compliance_security_profile_workspace_setting: { c: {} },
      databricks_enhanced_security_monitoring_workspace_setting: { e: {} },
      databricks_ip_access_list: { block: { list_type: 'BLOCK' }, allow: { list_type: 'ALLOW' } },
    },
    account: {
      databricks_mws_log_delivery: { usage: { log_type: 'BILLABLE_USAGE' }, audit: { log_type: 'AUDIT_LOGS' } },
      databricks_metastore: { m: { owner: 'metastore-admins' }, other: { owner: 'metastore-admins' } },
      databricks_disable_legacy_features_setting: { d: {} },
    },
  };
}

const contextOf = (stacks: { workspace: Resources; account: Resources }, sameMetastore?: Resources[]): SatContext => ({
  workspace: { resource: stacks.workspace },
  account: { resource: stacks.account },
  sameMetastore: (sameMetastore ?? [stacks.workspace]).map((resource): SynthesizedStack => ({ resource })),
});
const conf = (stacks: { workspace: Resources }) => stacks.workspace.databricks_workspace_conf.conf.custom_config as Record<string, string>;
const policy = (stacks: { workspace: Resources }, name: string, change: (p: Record<string, any>) => void) => {
  const definition = JSON.parse(String(stacks.workspace.databricks_cluster_policy[name].definition));
  change(definition);
  stacks.workspace.databricks_cluster_policy[name].definition = JSON.stringify(definition);
};

/** [check id, how to break a compliant configuration]: each must fail that check and only that one. */
const BREAKS: [string, string, (s: ReturnType<typeof compliant>) => SatContext | void][] = [
  ['DP-2', 'one policy lets users turn disk encryption off', (s) => policy(s, 'b', (p) => { p.enable_local_disk_encryption = { type: 'unlimited', defaultValue: true }; })],
  ['DP-2', 'disk encryption true but not fixed (users may change it)', (s) => policy(s, 'a', (p) => { p.enable_local_disk_encryption = { type: 'unlimited', value: true }; })],
  ['DP-2', 'one policy does not mention disk encryption', (s) => policy(s, 'b', (p) => { delete p.enable_local_disk_encryption; })],
  ['DP-2', 'disk encryption fixed to false', (s) => policy(s, 'a', (p) => { p.enable_local_disk_encryption.value = false; })],
  ['DP-3', 'no storage key', (s) => { delete s.workspace.databricks_mws_workspaces.ws.storage_customer_managed_key_id; }],
  ['DP-3', 'no managed-services key', (s) => { delete s.workspace.databricks_mws_workspaces.ws.managed_services_customer_managed_key_id; }],
  ['DP-5', 'results download on', (s) => { conf(s).enableResultsDownloading = 'true'; }],
  ['DP-6', 'notebook export unset', (s) => { delete conf(s).enableExportNotebook; }],
  ['DP-7', 'clipboard on', (s) => { conf(s).enableNotebookTableClipboard = 'true'; }],
  ['DP-8', 'results kept in the control plane', (s) => { conf(s).storeInteractiveNotebookResultsInCustomerAccount = 'false'; }],
  ['DP-9', 'FileStore endpoint on', (s) => { conf(s).enableFileStoreEndpoint = 'true'; }],
  ['DP-10', 'legacy DBFS not disabled', (s) => { delete s.workspace.databricks_disable_legacy_dbfs_setting; }],
  ['DP-13', 'DBFS browser on', (s) => { conf(s).enableDbfsFileBrowser = 'true'; }],
  ['GOV-3', 'only billable usage delivered', (s) => { s.account.databricks_mws_log_delivery.audit.log_type = 'BILLABLE_USAGE'; }],
  ['GOV-3', 'audit delivery disabled', (s) => { s.account.databricks_mws_log_delivery.audit.status = 'DISABLED'; }],
  ['GOV-8', 'log destination not fixed', (s) => policy(s, 'a', (p) => { p['cluster_log_conf.type'] = { type: 'unlimited' }; })],
  ['GOV-8', 'log destination not in the policy', (s) => policy(s, 'b', (p) => { delete p['cluster_log_conf.type']; })],
  ['GOV-8', 'log path not a string', (s) => policy(s, 'a', (p) => { delete p['cluster_log_conf.path']; })],
  ['GOV-12', 'a mode without Unity Catalog allowed', (s) => policy(s, 'a', (p) => { p.data_security_mode.values.push('NONE'); })],
  ['GOV-12', 'access mode not in the policy', (s) => policy(s, 'a', (p) => { delete p.data_security_mode; })],
  ['GOV-12', 'access mode not restricted', (s) => policy(s, 'b', (p) => { p.data_security_mode = { type: 'unlimited' }; })],
  ['GOV-14', 'IMDSv1 allowed', (s) => { conf(s).enableEnforceImdsV2 = 'false'; }],
  ['GOV-15', 'verbose audit logs off', (s) => { conf(s).enableVerboseAuditLogs = 'false'; }],
  ['GOV-16', 'no metastore assignment', (s) => { delete s.workspace.databricks_metastore_assignment; }],
  ['GOV-21', 'a person owns the metastore', (s) => { s.account.databricks_metastore.m.owner = 'someone@example.com'; }],
  ['GOV-21', 'a person owns one of two metastores', (s) => { s.account.databricks_metastore.other.owner = 'someone@example.com'; }],
  ['GOV-21', 'a metastore without an owner (its creator owns it)', (s) => { delete s.account.databricks_metastore.other.owner; }],
  ['GOV-21', 'no metastore', (s) => { delete s.account.databricks_metastore; }],
  ['GOV-34', 'access schema nowhere on the metastore', (s) => { s.workspace.databricks_system_schema.access.schema = 'compute'; }],
  ['GOV-35', 'workspace admins unrestricted', (s) => { (s.workspace.databricks_restrict_workspace_admins_setting.r.restrict_workspace_admins as { status: string }).status = 'ALLOW_ALL'; }],
  ['GOV-36', 'no automatic cluster update', (s) => { delete s.workspace.databricks_automatic_cluster_update_workspace_setting; }],
  ['GOV-37', 'legacy features for new workspaces', (s) => { delete s.account.databricks_disable_legacy_features_setting; }],
  ['IA-5', 'tokens without a lifetime', (s) => { delete conf(s).maxTokenLifetimeDays; }],
  ['IA-5', 'tokens with lifetime 0', (s) => { conf(s).maxTokenLifetimeDays = '0'; }],
  ['IA-8', 'users may create tokens', (s) => { (s.workspace.databricks_permissions.tokens.access_control as object[]).push({ group_name: 'users' }); }],
  ['IA-8', 'tokens on without a tokens permission (every user may use them)', (s) => { delete s.workspace.databricks_permissions.tokens; }],
  ['INFO-4', 'users may create clusters', (s) => { s.workspace.databricks_entitlements.users.allow_cluster_create = true; }],
  ['INFO-4', 'users may create pools', (s) => { s.workspace.databricks_entitlements.users.allow_instance_pool_create = true; }],
  ['INFO-8', 'job view ACLs off', (s) => { conf(s).enableJobViewAcls = 'false'; }],
  ['INFO-9', 'cluster view ACLs off', (s) => { conf(s).enforceClusterViewAcls = 'false'; }],
  ['INFO-10', 'workspace view ACLs off', (s) => { conf(s).enforceWorkspaceViewAcls = 'false'; }],
  ['INFO-11', 'Git folders off', (s) => { conf(s).enableProjectTypeInWorkspace = 'false'; }],
  ['INFO-38', 'only an init-script allowlist', (s) => { s.workspace.databricks_artifact_allowlist.jars.artifact_type = 'INIT_SCRIPT'; }],
  ['INFO-39', 'no compliance security profile', (s) => { delete s.workspace.databricks_compliance_security_profile_workspace_setting; }],
  ['INFO-40', 'no enhanced security monitoring', (s) => { delete s.workspace.databricks_enhanced_security_monitoring_workspace_setting; }],
  ['NS-3', 'no front-end PrivateLink', (s) => { delete s.workspace.databricks_mws_workspaces.ws.private_access_settings_id; }],
  ['NS-4', 'Databricks-managed VPC', (s) => { delete s.workspace.databricks_mws_workspaces.ws.network_id; }],
  ['NS-5', 'only a block list', (s) => { s.workspace.databricks_ip_access_list.allow.list_type = 'BLOCK'; }],
  ['NS-5', 'allow list disabled', (s) => { s.workspace.databricks_ip_access_list.allow.enabled = false; }],
  ['NS-11', 'IP access lists not enforced', (s) => { conf(s).enableIpAccessLists = 'false'; }],
];

describe('SAT checks on a declared configuration', () => {
  const ids = SAT_CHECKS.map((check) => check.id);

  it('all pass for a configuration that does what each asks', () => {
    expect(evaluateSatChecks(contextOf(compliant()))).toEqual(Object.fromEntries(ids.map((id) => [id, true])));
  });

  it('every check has a way to fail', () => {
    expect([...new Set(BREAKS.map(([id]) => id))].sort()).toEqual([...ids].sort());
  });

  it.each(BREAKS)('%s fails when %s, and only it', (id, _how, breakIt) => {
    const stacks = compliant();
    const context = breakIt(stacks) ?? contextOf(stacks);
    const result = evaluateSatChecks(context);
    expect(Object.entries(result).filter(([, passes]) => !passes).map(([failing]) => failing)).toEqual([id]);
  });

  it('reads the metastore-wide checks from any workspace of the metastore, and fail with none', () => {
    const stacks = compliant();
    const neighbour = { databricks_system_schema: { access: { schema: 'access' } }, databricks_artifact_allowlist: { maven: { artifact_type: 'LIBRARY_MAVEN' } } };
    delete stacks.workspace.databricks_system_schema;
    delete stacks.workspace.databricks_artifact_allowlist;
    const result = evaluateSatChecks(contextOf(stacks, [stacks.workspace, neighbour]));
    expect([result['GOV-34'], result['INFO-38']]).toEqual([true, true]);
    const alone = evaluateSatChecks(contextOf(stacks, [stacks.workspace]));
    expect([alone['GOV-34'], alone['INFO-38']]).toEqual([false, false]);
  });

  it('counts a workspace without tokens as passing the token checks, and a workspace without policies as failing the policy checks', () => {
    const stacks = compliant();
    conf(stacks).enableTokensConfig = 'false';
    delete conf(stacks).maxTokenLifetimeDays;
    (stacks.workspace.databricks_permissions.tokens.access_control as object[]).push({ group_name: 'users' });
    expect(evaluateSatChecks(contextOf(stacks))).toMatchObject({ 'IA-5': true, 'IA-8': true });
    delete stacks.workspace.databricks_cluster_policy;
    expect(evaluateSatChecks(contextOf(stacks))).toMatchObject({ 'DP-2': false, 'GOV-8': false, 'GOV-12': false });
    expect(evaluateSatChecks({ workspace: {}, account: {}, sameMetastore: [] })).toEqual(
      Object.fromEntries(ids.map((id) => [id, false])),
    );
  });
});
