import type { AccountConfig, EnvironmentConfig } from '../schema';

/** Every group an environment names (tokens, secret ACLs, cluster policy) must be a key of account.groups. */
export function validateGroupReferences(account: AccountConfig, env: EnvironmentConfig): string[] {
  const known = Object.keys(account.groups);
  const references: [string, string][] = [
    ...env.workspaceSecurity.tokens.allowedGroups.map((group, i): [string, string] => [`workspaceSecurity.tokens.allowedGroups.${i}`, group]),
    ...env.secretScopes.flatMap((scope, i) => scope.acls.map((acl, j): [string, string] => [`secretScopes.${i}.acls.${j}.group`, acl.group])),
    ...env.clusterPolicy.groups.map((group, i): [string, string] => [`clusterPolicy.groups.${i}`, group]),
  ];
  return references
    .filter(([, group]) => !known.includes(group))
    .map(([field, group]) => `environment "${env.name}": ${field}: "${group}" is not a group in account.groups (${known.join(', ')})`);
}

/** Display names of group keys, for workspace ACLs. Validation has already rejected unknown keys. */
export function groupDisplayNames(account: AccountConfig, keys: string[]): string[] {
  return keys.map((key) => {
    const name = (account.groups as Record<string, string>)[key];
    if (!name) throw new Error(`group "${key}" is not in account.groups`);
    return name;
  });
}
