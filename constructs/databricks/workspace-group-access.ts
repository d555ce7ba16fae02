import { DataDatabricksGroup } from '@cdktf/provider-databricks/lib/data-databricks-group';
import { MwsPermissionAssignment } from '@cdktf/provider-databricks/lib/mws-permission-assignment';
import { Token, type ITerraformDependable, type TerraformProvider } from 'cdktf';
import type { Construct } from 'constructs';

/** One account group's access to a workspace (identity federation). */
export interface WorkspaceGroupAssignment {
  /** Stable id part of the resources (`group-<key>`, `workspace-access-<key>`): the group's key. */
  readonly key: string;
  readonly displayName: string;
  /** Values databricks_mws_permission_assignment accepts (provider docs resources/mws_permission_assignment). */
  readonly permission: 'ADMIN' | 'USER';
}

/**
 * Assigns account groups to a workspace. Identity federation needs the workspace on Unity Catalog
 * first, hence `dependsOn` (the metastore assignment). Creates its resources in `scope` so that their
 * addresses do not change when the construct tree is reorganised.
 */
export function assignGroupsToWorkspace(
  scope: Construct,
  groups: readonly WorkspaceGroupAssignment[],
  workspaceId: number,
  dependsOn: ITerraformDependable[],
  accountProvider: TerraformProvider,
): MwsPermissionAssignment[] {
  return groups.map((group) => {
    const lookup = new DataDatabricksGroup(scope, `group-${group.key}`, { provider: accountProvider, displayName: group.displayName });
    return new MwsPermissionAssignment(scope, `workspace-access-${group.key}`, {
      provider: accountProvider,
      workspaceId,
      principalId: Token.asNumber(lookup.id),
      permissions: [group.permission],
      dependsOn,
    });
  });
}
