import { DataDatabricksGroup } from '@cdktf/provider-databricks/lib/data-databricks-group';
import { DataDatabricksServicePrincipal } from '@cdktf/provider-databricks/lib/data-databricks-service-principal';
import { Group } from '@cdktf/provider-databricks/lib/group';
import { GroupMember } from '@cdktf/provider-databricks/lib/group-member';
import type { TerraformProvider } from 'cdktf';
import type { Construct } from 'constructs';

export interface AccountGroupSpec {
  /** Stable id part of the resources (`group-<key>`): the group's key. */
  readonly key: string;
  readonly displayName: string;
  /** Service principals to add, by application id (UUID) or display name. Default: none. */
  readonly servicePrincipals?: readonly string[];
}

export interface AccountGroupsProps {
  readonly groups: readonly AccountGroupSpec[];
  /** Create the groups (true) or look them up because an identity provider syncs them (false). */
  readonly manage: boolean;
  /**
   * Service principals created in the same stack, by the application id or display name the groups
   * use, to their id: referenced directly, since a data source cannot read what is not created yet.
   * Default: none; every member is looked up.
   */
  readonly servicePrincipalIds?: Readonly<Record<string, string>>;
  /** Account-console Databricks provider. */
  readonly provider: TerraformProvider;
}

export interface AccountGroupResources {
  /** Created groups (empty when not managed); metastores owned by a group wait for them. */
  readonly created: Group[];
  /** Group id by key: created or looked up. */
  readonly ids: ReadonlyMap<string, string>;
  readonly members: GroupMember[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A reference as a construct id part: lowercase, unsafe characters replaced. */
const idPart = (reference: string) => reference.toLowerCase().replace(/[^a-z0-9-]+/g, '-');

/**
 * Account groups and the service principals that are their members (databricks_group_member at account
 * level, provider docs resources/group_member). Users come from the identity provider and are never
 * managed here. Resources are created in `scope` (the account stack) so existing addresses stay put.
 */
export function createAccountGroups(scope: Construct, props: AccountGroupsProps): AccountGroupResources {
  const { provider } = props;
  const created: Group[] = [];
  const ids = new Map<string, string>();
  for (const group of props.groups) {
    if (props.manage) {
      const resource = new Group(scope, `group-${group.key}`, { provider, displayName: group.displayName });
      created.push(resource);
      ids.set(group.key, resource.id);
    } else if (group.servicePrincipals?.length) {
      // Only looked up where a membership needs its id.
      ids.set(group.key, new DataDatabricksGroup(scope, `group-${group.key}`, { provider, displayName: group.displayName }).id);
    }
  }

  const principalIds = new Map<string, string>(Object.entries(props.servicePrincipalIds ?? {}));
  const principalId = (reference: string): string => {
    const known = principalIds.get(reference);
    if (known) return known;
    const lookup = new DataDatabricksServicePrincipal(scope, `service-principal-${idPart(reference)}`, {
      provider,
      ...(UUID.test(reference) ? { applicationId: reference } : { displayName: reference }),
    });
    principalIds.set(reference, lookup.id);
    return lookup.id;
  };

  const members = props.groups.flatMap((group) =>
    (group.servicePrincipals ?? []).map(
      (reference) =>
        new GroupMember(scope, `group-${group.key}-member-${idPart(reference)}`, {
          provider,
          groupId: ids.get(group.key)!,
          memberId: principalId(reference),
        }),
    ),
  );
  return { created, ids, members };
}
