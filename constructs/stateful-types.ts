/**
 * The ONE list of resource types whose destroy the blueprint guards against. Pure data, read by
 * protectFromDestroy (constructs/protection.ts), the guardrail DBX-PROT-001
 * (guardrails/rules/protection.ts) and the plan guard (scripts/lib/plan-guard.ts). Add a type here,
 * nowhere else.
 *
 * Kinds and what the plan guard does with them (GUARD_POLICY below):
 * - `stateful`: holds data or an identity that cannot be recreated as it was. Delete and replace block.
 * - `binding`: a configuration a running workspace or catalog is bound to; recreating it gets a new
 *   id and the dependants break. Delete and replace block.
 * - `security-control`: a control (TLS-only policy, encryption, IP list, grants, ...) whose removal
 *   silently lowers protection. Delete blocks; replace and in-place update warn so a reviewer reads them.
 *
 * `preventDestroy: true` means: in a protected environment the resource carries
 * `lifecycle.prevent_destroy` (protectFromDestroy refuses any other type, DBX-PROT-001 checks it).
 */

export type ProtectionKind = 'stateful' | 'binding' | 'security-control';
export type GuardVerdict = 'block' | 'warn' | 'pass';

export interface ProtectedTypeNote {
  readonly kind: ProtectionKind;
  readonly preventDestroy: boolean;
  /** What a destroy costs; shown by the plan guard and in docs/plan-guard.md. */
  readonly why: string;
}

export const GUARD_POLICY: Readonly<Record<ProtectionKind, Readonly<Record<'delete' | 'replace' | 'update', GuardVerdict>>>> = {
  stateful: { delete: 'block', replace: 'block', update: 'pass' },
  binding: { delete: 'block', replace: 'block', update: 'pass' },
  'security-control': { delete: 'block', replace: 'warn', update: 'warn' },
};

export const PROTECTED_TYPES = {
  // Stateful: data, keys, identities.
  aws_s3_bucket: { kind: 'stateful', preventDestroy: true, why: 'Workspace root storage, logs and table data.' },
  aws_kms_key: { kind: 'stateful', preventDestroy: true, why: 'Data encrypted with the key is unreadable once the key is gone.' },
  databricks_mws_workspaces: { kind: 'stateful', preventDestroy: true, why: 'The workspace with its notebooks, jobs, clusters and workspace id.' },
  databricks_metastore: { kind: 'stateful', preventDestroy: true, why: 'The Unity Catalog metastore with every grant and managed table of the region.' },
  databricks_catalog: { kind: 'stateful', preventDestroy: true, why: 'Unity Catalog objects, grants and managed data.' },
  databricks_schema: { kind: 'stateful', preventDestroy: true, why: 'Unity Catalog objects, grants and managed data.' },
  databricks_volume: { kind: 'stateful', preventDestroy: true, why: 'Managed volume files are deleted with the volume.' },
  databricks_secret_scope: { kind: 'stateful', preventDestroy: true, why: 'Secrets that exist nowhere else are deleted with the scope.' },
  // Resource policies store a role's unique id, and a recreated role gets a new one (AWS IAM User
  // Guide, "IAM identifiers", unique IDs): key and trust policies naming the old role stop matching.
  aws_iam_role: { kind: 'stateful', preventDestroy: false, why: 'A recreated role gets a new unique id; trust and key policies naming the old one break.' },

  // Bindings: configurations a workspace or the metastore is bound to.
  databricks_mws_customer_managed_keys: { kind: 'binding', preventDestroy: true, why: 'The workspace is bound to its key configuration; deleting it breaks encryption of the workspace.' },
  databricks_mws_vpc_endpoint: { kind: 'binding', preventDestroy: true, why: 'PrivateLink registration the workspace network and access settings are bound to.' },
  databricks_mws_private_access_settings: { kind: 'binding', preventDestroy: true, why: 'Decides who reaches the workspace privately; the workspace is bound to it.' },
  databricks_mws_credentials: { kind: 'binding', preventDestroy: false, why: 'Cross-account role configuration of a running workspace.' },
  databricks_mws_storage_configurations: { kind: 'binding', preventDestroy: false, why: 'Root storage configuration of a running workspace.' },
  databricks_mws_networks: { kind: 'binding', preventDestroy: false, why: 'Network configuration of a running workspace; changing it forces workspace downtime.' },
  databricks_mws_log_delivery: { kind: 'binding', preventDestroy: false, why: 'Gaps in audit and billable-usage logs.' },
  databricks_metastore_assignment: { kind: 'binding', preventDestroy: false, why: 'Detaches the workspace from Unity Catalog: every catalog of the workspace disappears.' },
  databricks_storage_credential: { kind: 'binding', preventDestroy: false, why: 'Access path every external location and table depends on.' },
  databricks_external_location: { kind: 'binding', preventDestroy: false, why: 'Access path every external table depends on.' },
  databricks_service_principal: { kind: 'binding', preventDestroy: false, why: 'A pipeline identity; a recreated principal gets a new application id every GitHub environment names.' },

  // Security controls: removal lowers protection without losing data.
  aws_s3_bucket_policy: { kind: 'security-control', preventDestroy: false, why: 'Carries the TLS-only deny and the principal restrictions of the bucket.' },
  aws_s3_bucket_public_access_block: { kind: 'security-control', preventDestroy: false, why: 'Without it a bucket policy or ACL can make the bucket public.' },
  aws_s3_bucket_server_side_encryption_configuration: { kind: 'security-control', preventDestroy: false, why: 'New objects fall back to S3-managed keys instead of the customer-managed key.' },
  // Deleting the resource suspends versioning (hashicorp/aws docs, r/s3_bucket_versioning).
  aws_s3_bucket_versioning: { kind: 'security-control', preventDestroy: false, why: 'Deleting it suspends versioning: overwritten and deleted objects become unrecoverable.' },
  aws_iam_role_policy: { kind: 'security-control', preventDestroy: false, why: 'Permissions of a role; a change can widen or break them.' },
  databricks_ip_access_list: { kind: 'security-control', preventDestroy: false, why: 'Network allow/block list of the workspace.' },
  databricks_workspace_conf: { kind: 'security-control', preventDestroy: false, why: 'Hardening switches (IP lists, token limits, downloads); deleting resets them.' },
  databricks_grants: { kind: 'security-control', preventDestroy: false, why: 'Unity Catalog privileges: deleting revokes them, an update may widen them.' },
  databricks_permissions: { kind: 'security-control', preventDestroy: false, why: 'Object permissions such as who may use a cluster policy.' },
  databricks_secret_acl: { kind: 'security-control', preventDestroy: false, why: 'Who may read or manage a secret scope.' },
  databricks_system_schema: { kind: 'security-control', preventDestroy: false, why: 'Disabling a system schema removes audit and billing visibility.' },
  databricks_mws_permission_assignment: { kind: 'security-control', preventDestroy: false, why: 'Which account groups reach the workspace, and as admins or users.' },
  databricks_restrict_workspace_admins_setting: { kind: 'security-control', preventDestroy: false, why: 'Limits what workspace admins can do as other principals.' },
  databricks_compliance_security_profile_workspace_setting: { kind: 'security-control', preventDestroy: false, why: 'Compliance security profile of the workspace.' },
  databricks_enhanced_security_monitoring_workspace_setting: { kind: 'security-control', preventDestroy: false, why: 'Enhanced security monitoring of the workspace.' },
  databricks_disable_legacy_access_setting: { kind: 'security-control', preventDestroy: false, why: 'Keeps legacy (non-Unity Catalog) data access disabled.' },
  databricks_service_principal_federation_policy: { kind: 'security-control', preventDestroy: false, why: 'Which GitHub jobs may act as a pipeline principal; a changed subject admits other jobs.' },
  databricks_service_principal_role: { kind: 'security-control', preventDestroy: false, why: 'Account roles of a principal (account admin).' },
  databricks_group_member: { kind: 'security-control', preventDestroy: false, why: 'Group membership grants everything the group holds (admins: workspaces and metastores).' },
  aws_iam_openid_connect_provider: { kind: 'security-control', preventDestroy: false, why: 'Lets GitHub Actions tokens assume the CI roles; deleting it stops the pipeline.' },
  databricks_disable_legacy_dbfs_setting: { kind: 'security-control', preventDestroy: false, why: 'Keeps the legacy DBFS root and mounts disabled.' },
} as const satisfies Record<string, ProtectedTypeNote>;

export type ProtectedResourceType = keyof typeof PROTECTED_TYPES;

const byKind = (predicate: (note: ProtectedTypeNote) => boolean): readonly ProtectedResourceType[] =>
  (Object.keys(PROTECTED_TYPES) as ProtectedResourceType[]).filter((type) => predicate(PROTECTED_TYPES[type]));

/** Every guarded type; the plan guard's list. */
export const PROTECTED_RESOURCE_TYPES: readonly ProtectedResourceType[] = byKind(() => true);
/** Types that carry prevent_destroy in protected environments (DBX-PROT-001, protectFromDestroy). */
export const PREVENT_DESTROY_TYPES: readonly ProtectedResourceType[] = byKind((note) => note.preventDestroy);
/** Types whose delete blocks but whose replace and update only warn. */
export const SECURITY_CONTROL_TYPES: readonly ProtectedResourceType[] = byKind((note) => note.kind === 'security-control');

export const isProtectedType = (type: string): type is ProtectedResourceType => Object.hasOwn(PROTECTED_TYPES, type);

/** The note of a guarded type, undefined for any other type. */
export const protectionOf = (type: string): ProtectedTypeNote | undefined =>
  isProtectedType(type) ? PROTECTED_TYPES[type] : undefined;
