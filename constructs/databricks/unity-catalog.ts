import { DataDatabricksMetastore } from '@cdktf/provider-databricks/lib/data-databricks-metastore';
import { MetastoreAssignment } from '@cdktf/provider-databricks/lib/metastore-assignment';
import type { MwsPermissionAssignment } from '@cdktf/provider-databricks/lib/mws-permission-assignment';
import { SystemSchema } from '@cdktf/provider-databricks/lib/system-schema';
import { Construct } from 'constructs';
import type { WorkspaceContext } from '../context';
import { CatalogLayout, type CatalogSpec } from './catalog-layout';
import { createCatalogStorage, type CatalogStorage, type CatalogStorageSettings } from './catalog-storage';

export { UC_IAM_PROPAGATION_WAIT } from './catalog-storage';
import { protectFromDestroy } from '../protection';
import { metastoreName } from './metastore';
import { assignGroupsToWorkspace, type WorkspaceGroupAssignment } from './workspace-group-access';

export interface UnityCatalogProps {
  readonly context: WorkspaceContext;
  /** Display name of the group owning credentials, locations, catalogs, schemas and volumes. */
  readonly ownerGroup: string;
  /** Account groups assigned to the workspace, with their permission. */
  readonly workspaceGroups: readonly WorkspaceGroupAssignment[];
  /** Key, bucket, credential and locations of the catalogs (catalog-storage.ts); owned by `ownerGroup`. */
  readonly storage: CatalogStorageSettings;
  readonly catalogs: readonly CatalogSpec[];
  /** Enable these system schemas on the metastore from this workspace. Default: none. */
  readonly systemSchemas?: readonly string[];
}

/**
 * Unity Catalog for one environment: attaches the workspace to its region's metastore, assigns the
 * account groups to the workspace (workspace-group-access.ts), creates the catalog storage
 * (catalog-storage.ts) and the catalogs, schemas, volumes and grants (catalog-layout.ts).
 */
export class UnityCatalog extends Construct {
  readonly metastoreId: string;
  readonly assignment: MetastoreAssignment;
  /** Key, bucket, role, storage credential and locations of the catalogs (catalog-storage.ts). */
  readonly storage: CatalogStorage;
  readonly layout: CatalogLayout;
  /** Assignments of the account groups to the workspace; workspace ACLs naming a group must wait for them. */
  readonly workspaceAccess: MwsPermissionAssignment[];

  constructor(scope: Construct, id: string, props: UnityCatalogProps) {
    super(scope, id);
    const { context } = props;
    const { accountProvider, workspaceId } = context;

    // Looked up by name rather than a cross-stack reference, so each environment plans on its own.
    const metastore = new DataDatabricksMetastore(this, 'metastore', { provider: accountProvider, name: metastoreName(context.naming.prefix, context.region) });
    this.metastoreId = metastore.id;
    this.assignment = new MetastoreAssignment(this, 'metastore-assignment', { provider: accountProvider, metastoreId: metastore.id, workspaceId });
    this.workspaceAccess = assignGroupsToWorkspace(this, props.workspaceGroups, workspaceId, [this.assignment], accountProvider);

    this.storage = createCatalogStorage(this, { ...props.storage, context, ownerGroup: props.ownerGroup, dependsOn: [this.assignment] });

    this.layout = new CatalogLayout(this, 'catalogs', {
      context,
      catalogs: props.catalogs,
      bucketName: this.storage.bucket.name,
      ownerGroup: props.ownerGroup,
      dependsOn: [this.assignment, this.storage.managedLocation, this.storage.externalLocation],
    });

    for (const schema of props.systemSchemas ?? []) {
      const systemSchema = new SystemSchema(this, `system-schema-${schema}`, { provider: context.workspaceProvider, schema, dependsOn: [this.assignment] });
      // Always: the environment set validation only lets a protected environment enable them.
      protectFromDestroy(systemSchema, true);
    }
  }
}
