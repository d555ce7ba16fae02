import type { AccountConfig, EnvironmentConfig } from '../schema';
import { DEFAULT_GRANT_SECURABLES, type DefaultGrantSecurable, type GroupsConfig, type WorkspaceAccess } from '../schema/groups';
import { grantLists, type GrantConfig } from '../schema/unity-catalog';

/**
 * Environment files name account groups by their key in account.groups; the display name, workspace
 * access and default grants are written once, in the account file, and resolved here, once per stack.
 */
export type AccountGroups = GroupsConfig;

/** A grant as constructs take it: the principal's display name and its privileges. */
export interface ResolvedGrant {
  readonly principal: string;
  readonly privileges: string[];
}

/**
 * The environment with its group defaults filled in from the account's group entries, so no default
 * names a group key: token users default to account.ownerGroup, the baseline policy's users and the
 * cluster owners of node-traffic encryption to the groups with createsClusters. Applied by the loader
 * before the set rules, so the derived keys are validated like written ones.
 */
export function withGroupDefaults(account: Pick<AccountConfig, 'groups' | 'ownerGroup'>, env: EnvironmentConfig): EnvironmentConfig {
  const clusterCreators = Object.keys(account.groups).filter((key) => account.groups[key].createsClusters);
  const or = (keys: string[], fallback: string[]) => (keys.length > 0 ? keys : fallback);
  const { workspaceSecurity, clusterPolicy, nodeTrafficEncryption } = env;
  return {
    ...env,
    workspaceSecurity: { ...workspaceSecurity, tokens: { ...workspaceSecurity.tokens, allowedGroups: or(workspaceSecurity.tokens.allowedGroups, [account.ownerGroup]) } },
    clusterPolicy: { ...clusterPolicy, groups: or(clusterPolicy.groups, clusterCreators) },
    nodeTrafficEncryption: { ...nodeTrafficEncryption, clusterOwnerGroups: or(nodeTrafficEncryption.clusterOwnerGroups, clusterCreators) },
  };
}

/** Every group reference of an environment, as [field path, value, needs workspace access]. */
export function groupReferences(env: EnvironmentConfig): [string, string, boolean][] {
  const inWorkspace = (field: string, group: string): [string, string, boolean] => [field, group, true];
  return [
    ...env.workspaceSecurity.tokens.allowedGroups.map((group, i) => inWorkspace(`workspaceSecurity.tokens.allowedGroups.${i}`, group)),
    ...env.secretScopes.flatMap((scope, i) => scope.acls.map((acl, j) => inWorkspace(`secretScopes.${i}.acls.${j}.group`, acl.group))),
    ...env.clusterPolicy.groups.map((group, i) => inWorkspace(`clusterPolicy.groups.${i}`, group)),
    ...env.nodeTrafficEncryption.clusterOwnerGroups.map((group, i) => inWorkspace(`nodeTrafficEncryption.clusterOwnerGroups.${i}`, group)),
    // Unity Catalog grants reach account groups whether or not they are assigned to the workspace.
    ...grantLists(env.unityCatalog).flatMap(({ path, grants }) => grants.map((grant, i): [string, string, boolean] => [`${path}.${i}.group`, grant.group, false])),
  ];
}

/**
 * Set-level rule: each reference is a key of account.groups (a display name is pointed at its key), and
 * a workspace ACL names only groups that are assigned to the workspace.
 */
export function validateGroupReferences(account: AccountConfig, written: EnvironmentConfig): string[] {
  // Derived defaults are checked like written keys (idempotent when the loader already applied them).
  const env = withGroupDefaults(account, written);
  const entries = Object.entries(account.groups);
  const keys = entries.map(([key]) => key);
  const ntenc = env.nodeTrafficEncryption;
  // The secrets need readers: the cluster owners, plus the baseline policy's users when it carries the secret references.
  const secretReaders = [...ntenc.clusterOwnerGroups, ...(env.clusterPolicy.enabled ? env.clusterPolicy.groups : [])];
  const noReaders =
    ntenc.enabled && secretReaders.length === 0
      ? [`environment "${env.name}": nodeTrafficEncryption.clusterOwnerGroups: no group owns clusters; name keys of account.groups (${keys.join(', ')}) or set createsClusters: true on a group in account.groups`]
      : [];
  return [...noReaders, ...groupReferences(env).flatMap(([field, group, needsWorkspace]) => {
    const where = `environment "${env.name}": ${field}`;
    if (!Object.hasOwn(account.groups, group)) {
      const byDisplayName = entries.find(([, config]) => config.displayName === group);
      const hint = byDisplayName ? `; use the key "${byDisplayName[0]}" for group "${group}"` : '';
      return [`${where}: "${group}" is not a key of account.groups (${keys.join(', ')})${hint}`];
    }
    if (needsWorkspace && account.groups[group].workspaceAccess === 'NONE') {
      return [`${where}: group "${group}" has workspaceAccess NONE in account.groups, so workspace ACLs cannot name it; give it USER access or remove it here`];
    }
    return [];
  })];
}

/** Display name of a group key. Validation has already rejected unknown keys; this guards direct use. */
export function groupDisplayName(groups: AccountGroups, key: string): string {
  if (!Object.hasOwn(groups, key)) throw new Error(`group "${key}" is not a key of account.groups (${Object.keys(groups).join(', ')})`);
  return groups[key].displayName;
}

/** Display names of group keys, in order, for workspace ACLs. */
export function groupDisplayNames(groups: AccountGroups, keys: string[]): string[] {
  return keys.map((key) => groupDisplayName(groups, key));
}

/** Grants naming group keys -> grants naming display names. */
export function resolveGrants(groups: AccountGroups, grants: GrantConfig[]): ResolvedGrant[] {
  return grants.map((grant) => ({ principal: groupDisplayName(groups, grant.group), privileges: [...grant.privileges] }));
}

/** The default grant model of one securable kind: every group with privileges there, in account-file order. */
export function defaultGrants(groups: AccountGroups, securable: DefaultGrantSecurable): GrantConfig[] {
  return Object.entries(groups)
    .filter(([, group]) => group.defaultGrants[securable].length > 0)
    .map(([key, group]) => ({ group: key, privileges: [...group.defaultGrants[securable]] }));
}

/** Explicit grants of an environment entry when present (authoritative), else the default model. */
export function grantsOrDefault(groups: AccountGroups, explicit: GrantConfig[] | undefined, securable: DefaultGrantSecurable): ResolvedGrant[] {
  return resolveGrants(groups, explicit ?? defaultGrants(groups, securable));
}

/** A group's assignment to a workspace: the groups with workspace access, each once. */
export interface WorkspaceAssignment {
  readonly key: string;
  readonly displayName: string;
  readonly permission: Exclude<WorkspaceAccess, 'NONE'>;
}

export function workspaceAssignments(groups: AccountGroups): WorkspaceAssignment[] {
  return Object.entries(groups).flatMap(([key, group]) =>
    group.workspaceAccess === 'NONE' ? [] : [{ key, displayName: group.displayName, permission: group.workspaceAccess }],
  );
}

/** Every securable kind of the default model, for documentation and tests. */
export const DEFAULT_GRANT_KINDS = Object.keys(DEFAULT_GRANT_SECURABLES) as DefaultGrantSecurable[];
