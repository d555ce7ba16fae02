import { Grants, type GrantsConfig, type GrantsGrant } from '@cdktf/provider-databricks/lib/grants';
import type { TerraformProvider } from 'cdktf';
import type { Construct } from 'constructs';
import { groupDisplayName, type AccountGroups, type GroupKey } from '../../environments/lib/groups';
import type { GrantConfig, Privilege } from '../../environments/schema/unity-catalog';

export type { AccountGroups } from '../../environments/lib/groups';

/** Data engineers build pipelines: they read and write the layers they own (raw, prepared). */
export const ENGINEER_WRITE: Privilege[] = ['USE_SCHEMA', 'SELECT', 'MODIFY', 'CREATE_TABLE', 'READ_VOLUME', 'WRITE_VOLUME'];
/** Readers of a published (trusted) layer. */
export const READER: Privilege[] = ['USE_SCHEMA', 'SELECT'];

/**
 * The default grant model (docs/unity-catalog.md), used for a securable whose environment entry has
 * no `grants`. Admins own every object (owner = admins group) and also hold ALL_PRIVILEGES on the
 * roots (catalog, credential, locations) so the authoritative grant lists keep them explicit.
 */
export const defaultGrants = {
  catalog: (): GrantConfig[] => [grant('admins', ['ALL_PRIVILEGES']), grant('dataEngineers', ['USE_CATALOG']), grant('analysts', ['USE_CATALOG'])],
  schema: (published: boolean): GrantConfig[] =>
    published ? [grant('dataEngineers', READER), grant('analysts', READER)] : [grant('dataEngineers', ENGINEER_WRITE)],
  volume: (published: boolean): GrantConfig[] => (published ? [] : [grant('dataEngineers', ['READ_VOLUME', 'WRITE_VOLUME'])]),
  storageCredential: (): GrantConfig[] => [grant('admins', ['ALL_PRIVILEGES'])],
  /** Managed storage is reached through tables and volumes only; nobody reads its files directly. */
  managedLocation: (): GrantConfig[] => [grant('admins', ['ALL_PRIVILEGES'])],
  externalLocation: (): GrantConfig[] => [grant('admins', ['ALL_PRIVILEGES']), grant('dataEngineers', ['READ_FILES', 'WRITE_FILES'])],
};

function grant(group: GroupKey, privileges: Privilege[]): GrantConfig {
  return { group, privileges };
}

/**
 * `grant` blocks naming each group's display name (grants hold group keys), in a stable order
 * (display name, then privilege), so plans show no spurious diffs.
 */
export function renderGrants(grants: GrantConfig[], groups: AccountGroups): GrantsGrant[] {
  return grants
    .map((g) => ({ principal: groupDisplayName(groups, g.group), privileges: [...new Set(g.privileges)].sort() }))
    .sort((a, b) => a.principal.localeCompare(b.principal));
}

/** The securable a databricks_grants resource governs: exactly one of these. */
export type Securable = Pick<GrantsConfig, 'catalog' | 'schema' | 'volume' | 'storageCredential' | 'externalLocation'>;

/** One authoritative databricks_grants per securable (`<id>-grants`); none when there is nothing to grant. */
export function grantOn(scope: Construct, id: string, securable: Securable, grants: GrantConfig[], groups: AccountGroups, provider: TerraformProvider): void {
  if (grants.length === 0) return;
  new Grants(scope, `${id}-grants`, { provider, ...securable, grant: renderGrants(grants, groups) });
}
