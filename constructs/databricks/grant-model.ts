import type { GrantsGrant } from '@cdktf/provider-databricks/lib/grants';
import type { AccountConfig } from '../../environments/schema';
import type { GrantConfig, Privilege } from '../../environments/schema/unity-catalog';

export type AccountGroups = AccountConfig['groups'];

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
  catalog: (g: AccountGroups): GrantConfig[] => [
    { group: g.admins, privileges: ['ALL_PRIVILEGES'] },
    { group: g.dataEngineers, privileges: ['USE_CATALOG'] },
    { group: g.analysts, privileges: ['USE_CATALOG'] },
  ],
  schema: (g: AccountGroups, published: boolean): GrantConfig[] =>
    published
      ? [{ group: g.dataEngineers, privileges: READER }, { group: g.analysts, privileges: READER }]
      : [{ group: g.dataEngineers, privileges: ENGINEER_WRITE }],
  volume: (g: AccountGroups, published: boolean): GrantConfig[] =>
    published ? [] : [{ group: g.dataEngineers, privileges: ['READ_VOLUME', 'WRITE_VOLUME'] }],
  storageCredential: (g: AccountGroups): GrantConfig[] => [{ group: g.admins, privileges: ['ALL_PRIVILEGES'] }],
  /** Managed storage is reached through tables and volumes only; nobody reads its files directly. */
  managedLocation: (g: AccountGroups): GrantConfig[] => [{ group: g.admins, privileges: ['ALL_PRIVILEGES'] }],
  externalLocation: (g: AccountGroups): GrantConfig[] => [
    { group: g.admins, privileges: ['ALL_PRIVILEGES'] },
    { group: g.dataEngineers, privileges: ['READ_FILES', 'WRITE_FILES'] },
  ],
};

/** `grant` blocks in a stable order (group, then privilege), so plans show no spurious diffs. */
export function renderGrants(grants: GrantConfig[]): GrantsGrant[] {
  return [...grants]
    .sort((a, b) => a.group.localeCompare(b.group))
    .map((grant) => ({ principal: grant.group, privileges: [...new Set(grant.privileges)].sort() }));
}
