import { Catalog } from '@cdktf/provider-databricks/lib/catalog';
import { Schema } from '@cdktf/provider-databricks/lib/schema';
import { Volume } from '@cdktf/provider-databricks/lib/volume';
import type { ITerraformDependable, TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import type { CatalogConfig } from '../../environments/schema/unity-catalog';
import type { Naming } from '../naming';
import { protectFromDestroy } from '../protection';
import { terraformLiteral, terraformLiteralMap } from '../terraform-literal';
import { defaultGrants, grantOn, type AccountGroups } from './grant-model';

/** Where managed and external data of a catalog live in the catalog bucket. */
export const storagePaths = {
  managedRoot: (bucket: string) => `s3://${bucket}/managed`,
  externalRoot: (bucket: string) => `s3://${bucket}/external`,
  // "_catalog" cannot clash with a schema (schema names start with a letter), so locations never nest.
  catalog: (bucket: string, catalog: string) => `s3://${bucket}/managed/${catalog}/_catalog`,
  schema: (bucket: string, catalog: string, schema: string) => `s3://${bucket}/managed/${catalog}/${schema}`,
  externalVolume: (bucket: string, catalog: string, schema: string, volume: string) => `s3://${bucket}/external/${catalog}/${schema}/${volume}`,
};

export interface CatalogLayoutProps {
  readonly naming: Naming;
  readonly catalogs: CatalogConfig[];
  /** Catalog bucket; managed storage and external volumes live under it (see `storagePaths`). */
  readonly bucketName: string;
  /** Resolves the group keys of grants to display names. */
  readonly groups: AccountGroups;
  /** prevent_destroy on catalogs, schemas and volumes (force_destroy is always false). */
  readonly protect: boolean;
  /** Workspace-level Databricks provider. */
  readonly databricksProvider: TerraformProvider;
  /** The metastore assignment and the external locations covering the storage paths. */
  readonly dependsOn: ITerraformDependable[];
}

/**
 * Catalogs, schemas and volumes of one environment with their grants. Catalogs are ISOLATED, which binds
 * them to the creating (this environment's) workspace only, so dev data is never visible from prod.
 */
export class CatalogLayout extends Construct {
  readonly catalogs = new Map<string, Catalog>();
  readonly schemas = new Map<string, Schema>();
  readonly volumes = new Map<string, Volume>();

  constructor(scope: Construct, id: string, props: CatalogLayoutProps) {
    super(scope, id);
    const { naming, groups, bucketName: bucket } = props;
    const provider = props.databricksProvider;
    const owner = groups.admins;

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
      protectFromDestroy(catalog, props.protect);
      this.catalogs.set(name, catalog);
      grantOn(this, `catalog-${config.name}`, { catalog: catalog.name }, config.grants ?? defaultGrants.catalog(), groups, provider);

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
        protectFromDestroy(schema, props.protect);
        this.schemas.set(`${name}.${schemaConfig.name}`, schema);
        grantOn(this, `schema-${key}`, { schema: schema.id }, schemaConfig.grants ?? defaultGrants.schema(schemaConfig.published), groups, provider);

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
          protectFromDestroy(volume, props.protect);
          this.volumes.set(`${name}.${schemaConfig.name}.${volumeConfig.name}`, volume);
          const grants = volumeConfig.grants ?? defaultGrants.volume(schemaConfig.published);
          grantOn(this, `volume-${volumeKey}`, { volume: volume.id }, grants, groups, provider);
        }
      }
    }
  }
}
