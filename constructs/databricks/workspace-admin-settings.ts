import { DataDatabricksGroup } from '@cdktf/provider-databricks/lib/data-databricks-group';
import { Entitlements } from '@cdktf/provider-databricks/lib/entitlements';
import { Construct } from 'constructs';
import type { WorkspaceContext } from '../context';

/** Workspace admin settings; `true` enables the feature (see docs/workspace-security.md for the risk each removes). */
export interface WorkspaceAdminSettings {
  readonly resultsDownload: boolean;
  readonly notebookExport: boolean;
  readonly notebookTableClipboard: boolean;
  readonly notebookResultsInCustomerAccount: boolean;
  readonly fileStoreEndpoint: boolean;
  readonly dbfsFileBrowser: boolean;
  readonly dataUploadUis: boolean;
  readonly enforceUserIsolation: boolean;
  readonly enforceImdsV2: boolean;
  readonly verboseAuditLogs: boolean;
  readonly viewAcls: boolean;
  readonly gitFolders: boolean;
}

/**
 * workspace-conf keys of each setting, as the SRA (aws/customizations/workspace/admin_configuration) and
 * SAT (configs/security_best_practices.csv, "api" column) name them. Keys only; values come from the settings.
 */
export const WORKSPACE_CONF_KEYS: { readonly [K in keyof WorkspaceAdminSettings]: readonly string[] } = {
  resultsDownload: ['enableResultsDownloading'],
  notebookExport: ['enableExportNotebook'],
  notebookTableClipboard: ['enableNotebookTableClipboard'],
  notebookResultsInCustomerAccount: ['storeInteractiveNotebookResultsInCustomerAccount'],
  fileStoreEndpoint: ['enableFileStoreEndpoint'],
  dbfsFileBrowser: ['enableDbfsFileBrowser'],
  dataUploadUis: ['enableUploadDataUis'],
  enforceUserIsolation: ['enforceUserIsolation'],
  enforceImdsV2: ['enableEnforceImdsV2'],
  verboseAuditLogs: ['enableVerboseAuditLogs'],
  viewAcls: ['enableJobViewAcls', 'enforceClusterViewAcls', 'enforceWorkspaceViewAcls'],
  gitFolders: ['enableProjectTypeInWorkspace'],
};

/** The custom_config entries of databricks_workspace_conf (string values, as the API takes them). Every key is explicit. */
export function workspaceConfFor(settings: WorkspaceAdminSettings): Record<string, string> {
  const entries = (Object.keys(WORKSPACE_CONF_KEYS) as (keyof WorkspaceAdminSettings)[]).flatMap((setting) =>
    WORKSPACE_CONF_KEYS[setting].map((key) => [key, String(settings[setting])] as const),
  );
  return Object.fromEntries(entries);
}

export interface UsersGroupEntitlementsProps {
  /** Its workspace provider reads the users group and sets its entitlements. */
  readonly context: WorkspaceContext;
  readonly allowClusterCreate: boolean;
  readonly allowInstancePoolCreate: boolean;
  readonly databricksSqlAccess: boolean;
}

/** Display name of the workspace's built-in group of all users (provider docs, databricks_entitlements). */
export const WORKSPACE_USERS_GROUP = 'users';

/**
 * Entitlements of the built-in `users` group. Databricks lets every user create clusters by default;
 * without it, users create clusters only through the cluster policies they may use (CAN_USE).
 * Workspace access stays on: without it nobody but admins could log in.
 */
export class UsersGroupEntitlements extends Construct {
  readonly entitlements: Entitlements;

  constructor(scope: Construct, id: string, props: UsersGroupEntitlementsProps) {
    super(scope, id);
    const provider = props.context.workspaceProvider;
    const users = new DataDatabricksGroup(this, 'users', { provider, displayName: WORKSPACE_USERS_GROUP });
    this.entitlements = new Entitlements(this, 'entitlements', {
      provider,
      groupId: users.id,
      workspaceAccess: true,
      databricksSqlAccess: props.databricksSqlAccess,
      allowClusterCreate: props.allowClusterCreate,
      allowInstancePoolCreate: props.allowInstancePoolCreate,
    });
  }
}
