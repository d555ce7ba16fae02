import { z } from 'zod';

/**
 * Workspace admin settings set through databricks_workspace_conf (docs/workspace-security.md). Every
 * default is the secure value of the Security Reference Architecture (terraform-databricks-sra,
 * aws/customizations/workspace/admin_configuration) and of the Security Analysis Tool checks
 * (security-analysis-tool, configs/security_best_practices.csv). Legacy global and cluster-named init
 * scripts are not listed: Databricks stopped them for workspaces created after 2023-02-21
 * (docs.databricks.com/clusters/init-scripts.html), so there is nothing left to switch off.
 */
export const workspaceSettingsSchema = z
  .strictObject({
    resultsDownload: z.boolean().default(false).describe('Users may download notebook results (SAT DP-5). Default: false'),
    notebookExport: z.boolean().default(false).describe('Users may export notebooks (SAT DP-6). Default: false'),
    notebookTableClipboard: z.boolean().default(false).describe('Users may copy result tables to the clipboard (SAT DP-7). Default: false'),
    notebookResultsInCustomerAccount: z
      .boolean()
      .default(true)
      .describe('Store interactive notebook results in the workspace root bucket, not the control plane (SAT DP-8). Default: true'),
    fileStoreEndpoint: z.boolean().default(false).describe('Serve DBFS FileStore files over HTTPS at /files (SAT DP-9). Default: false'),
    dbfsFileBrowser: z.boolean().default(false).describe('Show the DBFS file browser in the UI (SAT DP-13). Default: false'),
    dataUploadUis: z.boolean().default(false).describe('Show the "upload data" pages that write files into the workspace. Default: false'),
    enforceUserIsolation: z.boolean().default(true).describe('Refuse to start clusters without user isolation (no-isolation shared). Default: true'),
    enforceImdsV2: z.boolean().default(true).describe('Cluster nodes answer only IMDSv2 (session-token) metadata requests (SAT GOV-14). Default: true'),
    verboseAuditLogs: z.boolean().default(true).describe('Audit every notebook command and SQL query text (SAT GOV-15). Default: true'),
    viewAcls: z
      .boolean()
      .default(true)
      .describe('Job, cluster and workspace-object view ACLs are enforced: users see only what they may view (SAT INFO-8/9/10). Default: true'),
    gitFolders: z.boolean().default(true).describe('Git folders (Repos) for versioned code in the workspace (SAT INFO-11). Default: true'),
  })
  .prefault({})
  .describe('Workspace admin settings (databricks_workspace_conf); every default is the secure value');
export type WorkspaceSettingsConfig = z.infer<typeof workspaceSettingsSchema>;

/**
 * Built-in `users` group of the workspace (every user is a member). Databricks gives it unrestricted
 * cluster creation by default; the blueprint takes that away so clusters come from cluster policies.
 */
export const usersEntitlementsSchema = z
  .strictObject({
    manage: z.boolean().default(true).describe('Set the entitlements of the workspace "users" group. Default: true'),
    allowClusterCreate: z
      .boolean()
      .default(false)
      .describe('Every user may create clusters without a policy (SAT INFO-4). Default: false; policy users keep CAN_USE on the baseline policy'),
    allowInstancePoolCreate: z.boolean().default(false).describe('Every user may create instance pools. Default: false'),
    databricksSqlAccess: z.boolean().default(true).describe('Every user may use Databricks SQL. Default: true'),
  })
  .prefault({})
  .describe('Workspace entitlements of the built-in "users" group');
export type UsersEntitlementsConfig = z.infer<typeof usersEntitlementsSchema>;
