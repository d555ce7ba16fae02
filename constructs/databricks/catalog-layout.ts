import { Catalog } from '@cdktf/provider-databricks/lib/catalog';
import { Schema } from '@cdktf/provider-databricks/lib/schema';
import { Volume } from '@cdktf/provider-databricks/lib/volume';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { WorkspaceContext } from '../context';
import { protectFromDestroy } from '../protection';
import { terraformLiteral, terraformLiteralMap } from '../terraform-literal';
import { grantOn, type GrantSpec } from './grant-model';

/** Where managed and external data of a catalog live in the catalog bucket. */
export const storagePaths = {
  managedRoot: (bucket: string) => `s3://${bucket}/managed`,
  externalRoot: (bucket: string) => `s3://${bucket}/external`,
  // "_catalog" cannot clash with a schema (schema names start with a letter), so locations never nest.
  catalog: (bucket: string, catalog: string) => `s3://${bucket}/managed/${catalog}/_catalog`,
  schema: (bucket: string, catalog: string, schema: string) => `s3://${bucket}/managed/${catalog}/${schema}`,
  externalVolume: (bucket: string, catalog: string, schema: string, volume: string) => `s3://${bucket}/external/${catalog}/${schema}/${volume}`,
};

export interface VolumeSpec {
  readonly name: string;
  /** MANAGED lives in the schema storage; EXTERNAL under the external location (`storagePaths`). */
  readonly type: 'MANAGED' | 'EXTERNAL';
  /** Default: none. */
  readonly comment?: string;
  /** Authoritative grants; none renders no databricks_grants. */
  readonly grants: readonly GrantSpec[];
}

export interface SchemaSpec {
  readonly name: string;
  /** Default: "<name> data layer". */
  readonly comment?: string;
  /** Added to `environment` and `layer`. */
  readonly properties: Readonly<Record<string, string>>;
  readonly volumes: readonly VolumeSpec[];
  readonly grants: readonly GrantSpec[];
}

export interface CatalogSpec {
  /** Purpose; the catalog is named `<environment>_<name>`. */
  readonly name: string;
  /** Default: "<name> catalog of environment <environment>". */
  readonly comment?: string;
  /** Added to `environment`. */
  readonly properties: Readonly<Record<string, string>>;
  readonly schemas: readonly SchemaSpec[];
  readonly grants: readonly GrantSpec[];
}

export interface CatalogLayoutProps {
  readonly context: WorkspaceContext;
  readonly catalogs: readonly CatalogSpec[];
  /** Catalog bucket; managed storage and external volumes live under it (see `storagePaths`). */
  readonly bucketName: string;
  /** Display name of the group owning every catalog, schema and volume. */
  readonly ownerGroup: string;
  /** The metastore assignment and the external locations covering the storage paths. */
  readonly dependsOn: ITerraformDependable[];
}

/**
 * Catalogs, schemas and volumes of one environment with their grants. Catalogs are ISOLATED, which binds
 * them to the creating (this environment's) workspace only, so dev data is never visible from prod.
 * force_destroy is always false; prevent_destroy follows the context's protection.
 */
export class CatalogLayout extends Construct {
  readonly catalogs = new Map<string, Catalog>();
  readonly schemas = new Map<string, Schema>();
  readonly volumes = new Map<string, Volume>();

  constructor(scope: Construct, id: string, props: CatalogLayoutProps) {
    super(scope, id);
    const { context, bucketName: bucket, ownerGroup: owner } = props;
    const { naming, workspaceProvider: provider } = context;

    for (const config of props.catalogs) {
      const name = naming.sqlName(config.name);
      const catalog = new Catalog(this, `catalog-${config.name}`, {
        provider,
        name,
        comment: terraformLiteral(config.comment ?? `${config.name} catalog of environment ${naming.environment}`),
        properties: terraformLiteralMap({ environment: naming.environment, ...config.properties }),
        storageRoot: storagePaths.catalog(bucket, name),
        isolationMode: 'ISOLATED',
        owner,
        forceDestroy: false,
        dependsOn: props.dependsOn,
      });
      protectFromDestroy(catalog, context.protect);
      this.catalogs.set(name, catalog);
      grantOn(this, `catalog-${config.name}`, { catalog: catalog.name }, config.grants, provider);

      for (const schemaConfig of config.schemas) {
        const key = `${config.name}-${schemaConfig.name}`;
        const schema = new Schema(this, `schema-${key}`, {
          provider,
          catalogName: catalog.name,
          name: schemaConfig.name,
          comment: terraformLiteral(schemaConfig.comment ?? `${schemaConfig.name} data layer`),
          properties: terraformLiteralMap({ environment: naming.environment, layer: schemaConfig.name, ...schemaConfig.properties }),
          storageRoot: storagePaths.schema(bucket, name, schemaConfig.name),
          owner,
          forceDestroy: false,
        });
        protectFromDestroy(schema, context.protect);
        this.schemas.set(`${name}.${schemaConfig.name}`, schema);
        grantOn(this, `schema-${key}`, { schema: schema.id }, schemaConfig.grants, provider);

        for (const volumeConfig of schemaConfig.volumes) {
          const volumeKey = `${key}-${volumeConfig.name}`;
          const external = volumeConfig.type === 'EXTERNAL';
          const volume = new Volume(this, `volume-${volumeKey}`, {
            provider,
            catalogName: catalog.name,
            schemaName: schema.name,
            name: volumeConfig.name,
            volumeType: volumeConfig.type,
            storageLocation: external ? storagePaths.externalVolume(bucket, name, schemaConfig.name, volumeConfig.name) : undefined,
            comment: volumeConfig.comment === undefined ? undefined : terraformLiteral(volumeConfig.comment),
            owner,
          });
          protectFromDestroy(volume, context.protect);
          this.volumes.set(`${name}.${schemaConfig.name}.${volumeConfig.name}`, volume);
          grantOn(this, `volume-${volumeKey}`, { volume: volume.id }, volumeConfig.grants, provider);
        }
      }
    }
  }
}
