import type { ResolvedEnvironment } from '../environments';
import { groupDisplayName, groupDisplayNames, withGroupDefaults, type AccountGroups } from '../environments/lib/groups';
import type { AccountConfig, SecretScopeConfig } from '../environments/schema';
import type { SecretScopeSpec } from '../constructs/databricks/secret-scopes';

/**
 * The group keys an environment file names, resolved to display names once per stack (workspace ACLs
 * and owners take display names; Unity Catalog grants are resolved in unity-catalog-props.ts).
 */
export interface EnvironmentGroupNames {
  /** account.ownerGroup. */
  readonly owner: string;
  /** workspaceSecurity.tokens.allowedGroups. */
  readonly tokenUsers: string[];
  /** clusterPolicy.groups: CAN_USE on the baseline policy, writers of the cluster-log volume. */
  readonly clusterPolicyUsers: string[];
  /** nodeTrafficEncryption.clusterOwnerGroups. */
  readonly clusterOwners: string[];
  /** secretScopes, with each ACL's group resolved. */
  readonly secretScopes: SecretScopeSpec[];
}

export function environmentGroupNames(account: Pick<AccountConfig, 'groups' | 'ownerGroup'>, resolved: ResolvedEnvironment): EnvironmentGroupNames {
  const { groups } = account;
  // The loader has filled the group defaults already; a stack built from hand-made input gets the same.
  const env = withGroupDefaults(account, resolved);
  return {
    owner: groupDisplayName(groups, account.ownerGroup),
    tokenUsers: groupDisplayNames(groups, env.workspaceSecurity.tokens.allowedGroups),
    clusterPolicyUsers: groupDisplayNames(groups, env.clusterPolicy.groups),
    clusterOwners: groupDisplayNames(groups, env.nodeTrafficEncryption.clusterOwnerGroups),
    secretScopes: env.secretScopes.map((scope) => secretScopeSpec(groups, scope)),
  };
}

/** One secret scope of the environment file -> SecretScopes props; the group key stays the ACL's address id. */
export function secretScopeSpec(groups: AccountGroups, scope: SecretScopeConfig): SecretScopeSpec {
  return {
    name: scope.name,
    acls: scope.acls.map((acl) => ({ id: acl.group, principal: groupDisplayName(groups, acl.group), permission: acl.permission })),
    secrets: scope.secrets,
  };
}
