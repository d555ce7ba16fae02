import type { AccountConfig, EnvironmentConfig } from '../schema';
import { grantLists } from '../schema/unity-catalog';

/**
 * Environment files name account groups by their key in account.groups (admins, dataEngineers,
 * analysts); the display name is written once, in the account file, and resolved here.
 */
export type AccountGroups = AccountConfig['groups'];
export type GroupKey = keyof AccountGroups;

/** Every group reference of an environment, as [field path, value]. */
export function groupReferences(env: EnvironmentConfig): [string, string][] {
  return [
    ...env.workspaceSecurity.tokens.allowedGroups.map((group, i): [string, string] => [`workspaceSecurity.tokens.allowedGroups.${i}`, group]),
    ...env.secretScopes.flatMap((scope, i) => scope.acls.map((acl, j): [string, string] => [`secretScopes.${i}.acls.${j}.group`, acl.group])),
    ...env.clusterPolicy.groups.map((group, i): [string, string] => [`clusterPolicy.groups.${i}`, group]),
    ...env.nodeTrafficEncryption.clusterOwnerGroups.map((group, i): [string, string] => [`nodeTrafficEncryption.clusterOwnerGroups.${i}`, group]),
    ...grantLists(env.unityCatalog).flatMap(({ path, grants }) => grants.map((grant, i): [string, string] => [`${path}.${i}.group`, grant.group])),
  ];
}

/** Set-level rule: each reference is a key of account.groups; a display name is pointed at its key. */
export function validateGroupReferences(account: AccountConfig, env: EnvironmentConfig): string[] {
  const entries = Object.entries(account.groups);
  const keys = entries.map(([key]) => key);
  return groupReferences(env)
    .filter(([, group]) => !keys.includes(group))
    .map(([field, group]) => {
      const byDisplayName = entries.find(([, display]) => display === group);
      const hint = byDisplayName ? `; use the key "${byDisplayName[0]}" for group "${group}"` : '';
      return `environment "${env.name}": ${field}: "${group}" is not a key of account.groups (${keys.join(', ')})${hint}`;
    });
}

/** Display name of a group key. Validation has already rejected unknown keys; this guards direct construct use. */
export function groupDisplayName(groups: AccountGroups, key: string): string {
  const name = Object.hasOwn(groups, key) ? groups[key as GroupKey] : undefined;
  if (!name) throw new Error(`group "${key}" is not a key of account.groups (${Object.keys(groups).join(', ')})`);
  return name;
}

/** Display names of group keys, in order, for workspace ACLs and grants. */
export function groupDisplayNames(groups: AccountGroups, keys: string[]): string[] {
  return keys.map((key) => groupDisplayName(groups, key));
}
