/**
 * The Security Analysis Tool checks (databricks-industry-solutions/security-analysis-tool,
 * configs/security_best_practices.csv, AWS rows) that a declared configuration can answer, evaluated on
 * synthesized Terraform JSON. Checks about runtime state (running clusters, existing tokens, jobs, secrets
 * counts, manual checks) are out of reach of a configuration and are not listed.
 */

type Resources = Record<string, Record<string, Record<string, unknown>>>;
/** Synthesized attributes are untyped JSON; each check reads the few fields it needs. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;
/** The parts of a synthesized stack the checks read. */
export interface SynthesizedStack {
  readonly resource?: Resources;
}

export interface SatContext {
  /** The environment's workspace stack. */
  readonly workspace: SynthesizedStack;
  /** The account stack (log delivery, metastores, account settings). */
  readonly account: SynthesizedStack;
  /** Every workspace stack attached to the same metastore (region), this one included. */
  readonly sameMetastore: readonly SynthesizedStack[];
}

export interface SatCheck {
  /** SAT check_id. */
  readonly id: string;
  /** SAT "check" column. */
  readonly title: string;
  readonly passes: (context: SatContext) => boolean;
}

const all = (stack: SynthesizedStack, type: string): Json[] => Object.values(stack.resource?.[type] ?? {});
const conf = (stack: SynthesizedStack): Record<string, string> => (all(stack, 'databricks_workspace_conf')[0]?.custom_config ?? {}) as Record<string, string>;
const confIs = (key: string, value: 'true' | 'false') => ({ workspace }: SatContext) => conf(workspace)[key] === value;
const has = (type: string) => ({ workspace }: SatContext) => all(workspace, type).length > 0;
const policies = (stack: SynthesizedStack) => all(stack, 'databricks_cluster_policy').map((p) => JSON.parse(String(p.definition)) as Json);
const everyPolicy = (test: (definition: Json) => boolean) => ({ workspace }: SatContext) => {
  const found = policies(workspace);
  return found.length > 0 && found.every(test);
};
const workspaceResource = (stack: SynthesizedStack) => all(stack, 'databricks_mws_workspaces')[0] ?? {};

/** Access modes SAT GOV-12 accepts (USER_ISOLATION or SINGLE_USER, in their old and new names). */
const UNITY_CATALOG_MODES = ['USER_ISOLATION', 'SINGLE_USER', 'DATA_SECURITY_MODE_STANDARD', 'DATA_SECURITY_MODE_DEDICATED'];

export const SAT_CHECKS: readonly SatCheck[] = [
  { id: 'DP-2', title: 'Cluster instance disk encryption', passes: everyPolicy((d) => d.enable_local_disk_encryption?.type === 'fixed' && d.enable_local_disk_encryption.value === true) },
  {
    id: 'DP-3',
    title: 'Customer-managed keys for managed services and workspace storage',
    passes: ({ workspace }) => Boolean(workspaceResource(workspace).managed_services_customer_managed_key_id && workspaceResource(workspace).storage_customer_managed_key_id),
  },
  { id: 'DP-5', title: 'Downloading results is disabled', passes: confIs('enableResultsDownloading', 'false') },
  { id: 'DP-6', title: 'Notebook export', passes: confIs('enableExportNotebook', 'false') },
  { id: 'DP-7', title: 'Notebook table clipboard features', passes: confIs('enableNotebookTableClipboard', 'false') },
  { id: 'DP-8', title: 'Store interactive notebook results only in the customer account', passes: confIs('storeInteractiveNotebookResultsInCustomerAccount', 'true') },
  { id: 'DP-9', title: 'FileStore endpoint for HTTPS file serving', passes: confIs('enableFileStoreEndpoint', 'false') },
  { id: 'DP-10', title: 'Disable legacy DBFS root and mounts', passes: has('databricks_disable_legacy_dbfs_setting') },
  { id: 'DP-13', title: 'DBFS file browser disabled', passes: confIs('enableDbfsFileBrowser', 'false') },
  {
    id: 'GOV-3',
    title: 'Log delivery configurations (audit logs)',
    passes: ({ account }) => all(account, 'databricks_mws_log_delivery').some((d) => d.log_type === 'AUDIT_LOGS' && (d.status ?? 'ENABLED') === 'ENABLED'),
  },
  { id: 'GOV-8', title: 'All-purpose cluster log configuration', passes: everyPolicy((d) => d['cluster_log_conf.type']?.type === 'fixed' && typeof d['cluster_log_conf.path']?.value === 'string') },
  {
    id: 'GOV-12',
    title: 'Unity Catalog enabled clusters',
    passes: everyPolicy((d) => d.data_security_mode?.type === 'allowlist' && d.data_security_mode.values.every((mode: string) => UNITY_CATALOG_MODES.includes(mode))),
  },
  { id: 'GOV-14', title: 'Enforce AWS Instance Metadata Service v2', passes: confIs('enableEnforceImdsV2', 'true') },
  { id: 'GOV-15', title: 'Enable verbose audit logs', passes: confIs('enableVerboseAuditLogs', 'true') },
  { id: 'GOV-16', title: 'Workspace Unity Catalog metastore assignment', passes: has('databricks_metastore_assignment') },
  {
    id: 'GOV-21',
    title: 'Delegation of the Unity Catalog metastore admin to a group',
    passes: ({ account }) => {
      const metastores = all(account, 'databricks_metastore');
      return metastores.length > 0 && metastores.every((m) => typeof m.owner === 'string' && !m.owner.includes('@'));
    },
  },
  {
    id: 'GOV-34',
    title: 'Monitor audit logs with system tables (access schema)',
    passes: ({ sameMetastore }) => sameMetastore.some((stack) => all(stack, 'databricks_system_schema').some((s) => s.schema === 'access')),
  },
  {
    id: 'GOV-35',
    title: 'Restrict workspace admins',
    passes: ({ workspace }) => all(workspace, 'databricks_restrict_workspace_admins_setting').some((s) => s.restrict_workspace_admins?.status !== 'ALLOW_ALL'),
  },
  { id: 'GOV-36', title: 'Automatic cluster update', passes: has('databricks_automatic_cluster_update_workspace_setting') },
  { id: 'GOV-37', title: 'Disable legacy features for new workspaces', passes: ({ account }) => all(account, 'databricks_disable_legacy_features_setting').length > 0 },
  {
    id: 'IA-5',
    title: 'Maximum lifetime of new tokens to something other than unlimited',
    passes: ({ workspace }) => conf(workspace).enableTokensConfig === 'false' || Number(conf(workspace).maxTokenLifetimeDays) > 0,
  },
  {
    id: 'IA-8',
    title: 'PAT token creation restricted to admins (not the users group)',
    // Without a tokens permission every user may use tokens (the workspace default), so one must be declared.
    passes: ({ workspace }) => {
      if (conf(workspace).enableTokensConfig === 'false') return true;
      const tokenPermissions = all(workspace, 'databricks_permissions').filter((p) => p.authorization === 'tokens');
      return tokenPermissions.length > 0 && tokenPermissions.every((p) => !(p.access_control as { group_name?: string }[]).some((a) => a.group_name === 'users'));
    },
  },
  {
    id: 'INFO-4',
    title: 'Number of users who have cluster create privileges',
    passes: ({ workspace }) => all(workspace, 'databricks_entitlements').some((e) => e.allow_cluster_create === false && e.allow_instance_pool_create === false),
  },
  { id: 'INFO-8', title: 'Job view ACLs are set consistently', passes: confIs('enableJobViewAcls', 'true') },
  { id: 'INFO-9', title: 'Cluster view ACLs are set consistently', passes: confIs('enforceClusterViewAcls', 'true') },
  { id: 'INFO-10', title: 'Workspace view ACLs are set consistently', passes: confIs('enforceWorkspaceViewAcls', 'true') },
  { id: 'INFO-11', title: 'Workspace for supporting Git repos', passes: confIs('enableProjectTypeInWorkspace', 'true') },
  {
    id: 'INFO-38',
    title: 'Third-party library control (LIBRARY_JAR / LIBRARY_MAVEN allowlists)',
    passes: ({ sameMetastore }) =>
      sameMetastore.some((stack) => all(stack, 'databricks_artifact_allowlist').some((list) => ['LIBRARY_JAR', 'LIBRARY_MAVEN'].includes(list.artifact_type))),
  },
  { id: 'INFO-39', title: 'Compliance security profile for the workspace', passes: has('databricks_compliance_security_profile_workspace_setting') },
  { id: 'INFO-40', title: 'Enhanced security monitoring for the workspace', passes: has('databricks_enhanced_security_monitoring_workspace_setting') },
  { id: 'NS-3', title: 'Front-end private connectivity', passes: ({ workspace }) => Boolean(workspaceResource(workspace).private_access_settings_id) },
  { id: 'NS-4', title: 'Workspace uses a customer-managed VPC', passes: ({ workspace }) => Boolean(workspaceResource(workspace).network_id) },
  { id: 'NS-5', title: 'IP access lists for workspace access', passes: ({ workspace }) => all(workspace, 'databricks_ip_access_list').some((l) => l.list_type === 'ALLOW' && l.enabled !== false) },
  { id: 'NS-11', title: 'Workspace IP access list enforcement enabled', passes: confIs('enableIpAccessLists', 'true') },
];

/** Check id -> pass, for one environment. */
export function evaluateSatChecks(context: SatContext): Record<string, boolean> {
  return Object.fromEntries(SAT_CHECKS.map((check) => [check.id, check.passes(context)]));
}
