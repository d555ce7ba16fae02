import type { ResolvedEnvironment } from '../environments';
import { groupDisplayName, grantsOrDefault, workspaceAssignments, type AccountGroups } from '../environments/lib/groups';
import type { AccountConfig, CatalogConfig } from '../environments/schema';
import type { CatalogSpec } from '../constructs/databricks/catalog-layout';
import type { CatalogStorageGrants } from '../constructs/databricks/catalog-storage';
import type { UnityCatalogProps } from '../constructs/databricks/unity-catalog';

/**
 * Environment file -> UnityCatalog props: group keys become display names here, once, and every
 * securable without explicit `grants` gets the account's default grant model (account.groups.*.defaultGrants).
 */
export function unityCatalogSpec(
  account: Pick<AccountConfig, 'groups' | 'ownerGroup'>,
  env: Pick<ResolvedEnvironment, 'unityCatalog'>,
): Pick<UnityCatalogProps, 'ownerGroup' | 'workspaceGroups' | 'catalogs'> & { storageGrants: CatalogStorageGrants } {
  const { groups } = account;
  const uc = env.unityCatalog;
  return {
    ownerGroup: groupDisplayName(groups, account.ownerGroup),
    workspaceGroups: workspaceAssignments(groups),
    storageGrants: {
      storageCredential: grantsOrDefault(groups, uc.storageCredentialGrants, 'storageCredential'),
      managedLocation: grantsOrDefault(groups, uc.managedLocationGrants, 'managedLocation'),
      externalLocation: grantsOrDefault(groups, uc.externalLocationGrants, 'externalLocation'),
    },
    catalogs: uc.catalogs.map((catalog) => catalogSpec(groups, catalog)),
  };
}

export function catalogSpec(groups: AccountGroups, catalog: CatalogConfig): CatalogSpec {
  return {
    name: catalog.name,
    comment: catalog.comment,
    properties: catalog.properties,
    grants: grantsOrDefault(groups, catalog.grants, 'catalog'),
    schemas: catalog.schemas.map((schema) => ({
      name: schema.name,
      comment: schema.comment,
      properties: schema.properties,
      grants: grantsOrDefault(groups, schema.grants, schema.published ? 'publishedSchema' : 'schema'),
      volumes: schema.volumes.map((volume) => ({
        name: volume.name,
        type: volume.type,
        comment: volume.comment,
        grants: grantsOrDefault(groups, volume.grants, schema.published ? 'publishedVolume' : 'volume'),
      })),
    })),
  };
}
