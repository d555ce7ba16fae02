import { z } from 'zod';
import { groupRef, tagValue } from './primitives';
import { artifactListsSchema } from './artifact-allowlists';

/**
 * Unity Catalog privileges the blueprint lets environment files grant, and the securables each one
 * applies to (Databricks "Unity Catalog privileges reference", privilege model 1.0). A privilege
 * outside this list, or on the wrong securable, is a validation error rather than a failed apply.
 */
export const PRIVILEGES_BY_SECURABLE = {
  catalog: [
    'ALL_PRIVILEGES', 'APPLY_TAG', 'BROWSE', 'CREATE_FUNCTION', 'CREATE_MATERIALIZED_VIEW', 'CREATE_MODEL',
    'CREATE_SCHEMA', 'CREATE_TABLE', 'CREATE_VOLUME', 'EXECUTE', 'EXTERNAL_USE_SCHEMA', 'MANAGE', 'MODIFY',
    'READ_VOLUME', 'REFRESH', 'SELECT', 'USE_CATALOG', 'USE_SCHEMA', 'WRITE_VOLUME',
  ],
  schema: [
    'ALL_PRIVILEGES', 'APPLY_TAG', 'CREATE_FUNCTION', 'CREATE_MATERIALIZED_VIEW', 'CREATE_MODEL', 'CREATE_TABLE',
    'CREATE_VOLUME', 'EXECUTE', 'EXTERNAL_USE_SCHEMA', 'MANAGE', 'MODIFY', 'READ_VOLUME', 'REFRESH', 'SELECT',
    'USE_SCHEMA', 'WRITE_VOLUME',
  ],
  volume: ['ALL_PRIVILEGES', 'APPLY_TAG', 'MANAGE', 'READ_VOLUME', 'WRITE_VOLUME'],
  externalLocation: [
    'ALL_PRIVILEGES', 'BROWSE', 'CREATE_EXTERNAL_TABLE', 'CREATE_EXTERNAL_VOLUME', 'CREATE_FOREIGN_SECURABLE',
    'CREATE_MANAGED_STORAGE', 'EXTERNAL_USE_LOCATION', 'MANAGE', 'READ_FILES', 'WRITE_FILES',
  ],
  storageCredential: ['ALL_PRIVILEGES', 'CREATE_EXTERNAL_LOCATION', 'CREATE_EXTERNAL_TABLE', 'MANAGE', 'READ_FILES', 'WRITE_FILES'],
} as const;

export type SecurableType = keyof typeof PRIVILEGES_BY_SECURABLE;
export const PRIVILEGES = [...new Set(Object.values(PRIVILEGES_BY_SECURABLE).flat())].sort() as Privilege[];
export type Privilege = (typeof PRIVILEGES_BY_SECURABLE)[SecurableType][number];

const SECURABLE_LABEL: Record<SecurableType, string> = {
  catalog: 'a catalog',
  schema: 'a schema',
  volume: 'a volume',
  externalLocation: 'an external location',
  storageCredential: 'a storage credential',
};

/** A privilege valid on `securable`: unknown names and misplaced privileges get different messages. */
export const privilegeOn = (securable: SecurableType) =>
  z.string().superRefine((value, ctx) => {
    const allowed: readonly string[] = PRIVILEGES_BY_SECURABLE[securable];
    if (allowed.includes(value)) return;
    const known = (PRIVILEGES as string[]).includes(value);
    ctx.addIssue({
      code: 'custom',
      message: known
        ? `${value} does not apply to ${SECURABLE_LABEL[securable]} (allowed: ${allowed.join(', ')})`
        : `unknown privilege "${value}" (known: ${PRIVILEGES.join(', ')})`,
    });
  }).transform((value) => value as Privilege);

/** One `grant` block: an account group (by its key in account.groups) and what it may do. */
const grantFor = (securable: SecurableType) =>
  z.strictObject({
    group: groupRef.describe('Key of account.groups; the grant names its display name'),
    privileges: z.array(privilegeOn(securable)).min(1, 'needs at least one privilege').describe(`Privileges on ${SECURABLE_LABEL[securable]}`),
  });

/**
 * Grants on one securable. `databricks_grants` is authoritative: when set, this list replaces the
 * default model for that securable and any grant made outside Terraform is revoked on apply.
 */
const grantsFor = (securable: SecurableType) =>
  z
    .array(grantFor(securable))
    .optional()
    .superRefine((grants, ctx) => {
      const seen = new Set<string>();
      grants?.forEach((grant, index) => {
        if (seen.has(grant.group)) ctx.addIssue({ code: 'custom', path: [index, 'group'], message: `"${grant.group}" is listed twice; merge its privileges` });
        seen.add(grant.group);
      });
    })
    .describe('Grants on this securable. Default: the blueprint model (docs/unity-catalog.md)');

/**
 * What a published layer (the trusted schema and its volumes) may grant: reading only. Anything that
 * writes data or files, or lets the holder grant itself more (MANAGE, ALL_PRIVILEGES), is refused
 * (Databricks "Unity Catalog privileges reference").
 */
export const PUBLISHED_READ_PRIVILEGES: readonly Privilege[] = ['USE_SCHEMA', 'SELECT', 'EXECUTE', 'READ_VOLUME', 'BROWSE'];

/** `group` is a key of account.groups; constructs resolve it to the display name. */
export type GrantConfig = { group: string; privileges: Privilege[] };

/** Lowercase SQL identifier: no quoting needed in SQL, and safe as an S3 path segment. */
export const sqlIdentifier = z
  .string()
  .max(64, 'must be at most 64 characters')
  .regex(/^[a-z][a-z0-9_]*$/, 'must be a lowercase SQL identifier: letters, digits and underscores, starting with a letter');

const properties = z.record(z.string().regex(/^[\w.-]{1,255}$/, 'must be a property key of letters, digits, _ . -'), tagValue).default({});

const volumeSchema = z.strictObject({
  name: sqlIdentifier.describe('Volume name inside its schema'),
  type: z.enum(['MANAGED', 'EXTERNAL']).default('MANAGED').describe('MANAGED (in the schema storage) or EXTERNAL (under the external location). Default: MANAGED'),
  comment: z.string().max(1024).optional(),
  grants: grantsFor('volume'),
});

const schemaSchema = z
  .strictObject({
    name: sqlIdentifier.describe('Schema name inside its catalog (raw, prepared, trusted, ...)'),
    comment: z.string().max(1024).optional().describe('Default: "<name> data layer"'),
    properties: properties.describe('Schema properties (tags). Default: none; layer and environment are added'),
    published: z
      .boolean()
      .default(false)
      .describe('Analysts read it; data engineers only read it (the trusted layer). Default: false: data engineers write it'),
    volumes: z.array(volumeSchema).default([]).describe('Volumes for files (landing zones). Default: none'),
    grants: grantsFor('schema'),
  })
  .superRefine((schema, ctx) => {
    uniqueNames(schema.volumes, ['volumes'], ctx);
    if (!schema.published) return;
    // A published volume is never writable, whoever the grant names (the schema itself may be curated by grants).
    schema.volumes.forEach((volume, v) =>
      volume.grants?.forEach((grant, g) =>
        grant.privileges.forEach((privilege, p) => {
          if (PUBLISHED_READ_PRIVILEGES.includes(privilege)) return;
          ctx.addIssue({
            code: 'custom',
            path: ['volumes', v, 'grants', g, 'privileges', p],
            message: `${privilege} writes or administers; volumes of a published schema are read-only (allowed: READ_VOLUME)`,
          });
        }),
      ),
    );
  });

const catalogSchema = z
  .strictObject({
    name: sqlIdentifier.describe('Catalog purpose; the catalog is named <environment>_<name> so environments never collide'),
    comment: z.string().max(1024).optional(),
    properties: properties.describe('Catalog properties (tags). Default: none; environment is added'),
    schemas: z.array(schemaSchema).min(1, 'needs at least one schema').describe('Schemas (data layers) of the catalog'),
    grants: grantsFor('catalog'),
  })
  .superRefine((catalog, ctx) => uniqueNames(catalog.schemas, ['schemas'], ctx));

/** The article's data layers: raw (as landed), prepared (cleaned), trusted (published). */
export const DEFAULT_CATALOGS: z.input<typeof catalogSchema>[] = [
  {
    name: 'lakehouse',
    comment: 'Lakehouse data layers of the environment',
    schemas: [
      { name: 'raw', comment: 'Data as landed from the sources', volumes: [{ name: 'landing', comment: 'Files as delivered by the sources' }] },
      { name: 'prepared', comment: 'Cleaned, conformed data' },
      { name: 'trusted', comment: 'Published data products', published: true },
    ],
  },
];

export const unityCatalogSchema = z
  .strictObject({
    catalogs: z
      .array(catalogSchema)
      .prefault(DEFAULT_CATALOGS)
      .describe('Catalogs of the environment. Default: <env>_lakehouse with schemas raw, prepared and trusted'),
    storageCredentialGrants: grantsFor('storageCredential'),
    managedLocationGrants: grantsFor('externalLocation').describe('Grants on the external location holding managed storage. Default: admins only'),
    externalLocationGrants: grantsFor('externalLocation').describe('Grants on the external location for external volumes and tables. Default: data engineers read and write files'),
    glueMetastore: z
      .strictObject({
        enabled: z.boolean().default(false).describe('Legacy: AWS Glue Data Catalog as the Hive metastore. Default: false (Unity Catalog only)'),
        catalogAccountId: z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id').optional().describe('AWS account of the Glue catalog. Default: the environment account'),
      })
      .prefault({}),
    // Databricks, "Delta Lake limitations on S3": if bucket versioning stays on, keep three versions and at most 7 days.
    noncurrentVersions: z
      .strictObject({
        days: z.number().int().min(1).max(365).default(7).describe('Days a noncurrent object version of the catalog bucket is kept. Default: 7 (Databricks: 7 or less)'),
        keep: z.number().int().min(0).max(100).default(3).describe('Newest noncurrent versions kept regardless of age. Default: 3 (Databricks: three)'),
      })
      .prefault({})
      .describe(
        'Catalog bucket versioning stays on (recovery, guardrail DBX-S3-002) but is limited as Databricks advises for Delta data, ' +
          'which versions itself: VACUUMed files otherwise linger as noncurrent versions and slow S3 listings',
      ),
    artifactAllowlist: artifactListsSchema
      .prefault({})
      .describe(
        'Entries this environment needs in its region\'s metastore allowlists; the environment that enables the system schemas applies the ' +
          'merged lists of all environments of the region (one resource per type). Default: none',
      ),
    enablesSystemSchemas: z
      .boolean()
      .default(false)
      .describe(
        'This environment enables the system schemas of its region\'s metastore (needs protect: true; one per region). ' +
          'Default: false; without a claim, the region\'s only protected environment does it (several protected and no claim: none)',
      ),
  })
  .prefault({})
  .superRefine((uc, ctx) => uniqueNames(uc.catalogs, ['catalogs'], ctx));

export type UnityCatalogConfig = z.infer<typeof unityCatalogSchema>;
export type CatalogConfig = z.infer<typeof catalogSchema>;
export type SchemaConfig = z.infer<typeof schemaSchema>;
export type VolumeConfig = z.infer<typeof volumeSchema>;

function uniqueNames(items: { name: string }[], path: (string | number)[], ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (seen.has(item.name)) ctx.addIssue({ code: 'custom', path: [...path, index, 'name'], message: `"${item.name}" is declared twice` });
    seen.add(item.name);
  });
}

/** Every grant list in an environment's Unity Catalog section, with its field path, for set-level checks. */
export function grantLists(uc: UnityCatalogConfig): { path: string; grants: { group: string }[] }[] {
  const lists: { path: string; grants: { group: string }[] | undefined }[] = [
    { path: 'unityCatalog.storageCredentialGrants', grants: uc.storageCredentialGrants },
    { path: 'unityCatalog.managedLocationGrants', grants: uc.managedLocationGrants },
    { path: 'unityCatalog.externalLocationGrants', grants: uc.externalLocationGrants },
  ];
  uc.catalogs.forEach((catalog, c) => {
    lists.push({ path: `unityCatalog.catalogs.${c}.grants`, grants: catalog.grants });
    catalog.schemas.forEach((schema, s) => {
      lists.push({ path: `unityCatalog.catalogs.${c}.schemas.${s}.grants`, grants: schema.grants });
      schema.volumes.forEach((volume, v) => lists.push({ path: `unityCatalog.catalogs.${c}.schemas.${s}.volumes.${v}.grants`, grants: volume.grants }));
    });
  });
  return lists.filter((l): l is { path: string; grants: { group: string }[] } => l.grants !== undefined);
}
