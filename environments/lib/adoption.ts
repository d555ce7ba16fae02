import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';

/**
 * Adoption of existing objects (docs/day2.md#adopt-an-existing-workspace): `npm run adopt` writes
 * `<environments>/imports/<environment>.json`; the workspace stack turns each entry into a plain
 * Terraform `import` block, so the first plan imports the object instead of creating a new one.
 * The file stays committed: it records the names the adopted objects keep, and an import block
 * for an object already in state is a no-op.
 */
export const IMPORTS_FOLDER = 'imports';

// Id formats, each from the Import section of the resource's provider documentation
// (terraform-provider-databricks v1.99.0 docs/resources/*.md, terraform-provider-aws v6.25.0 website/docs/r/*).
const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'must be a Databricks id such as 0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d (account console)');
/** Workspace ids are numeric (databricks_mws_workspaces: `<account_id>/<workspace_id>`). */
const workspaceId = z.string().regex(/^\d{1,19}$/, 'must be the numeric workspace id (the number after ?o= in the workspace URL)');
/** aws_kms_key imports by key id: a UUID, or mrk-<32 hex> for a multi-Region key (not an ARN or alias). */
const kmsKeyId = z.string().regex(/^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/, 'must be a KMS key id (1234abcd-12ab-34cd-56ef-1234567890ab or mrk-…), not an ARN or alias');
/** aws_s3_bucket imports by bucket name (S3 bucket naming rules: 3-63 lowercase letters, digits, dots, hyphens). */
const bucketName = z.string().regex(/^(?!.*\.\.)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name (3-63 lowercase letters, digits, dots, hyphens), not an ARN or s3:// URL');
/** aws_iam_role imports by role name (IAM: up to 64 of letters, digits and +=,.@_-). */
const roleName = z.string().regex(/^[\w+=,.@-]{1,64}$/, 'must be an IAM role name (not an ARN)');

/** What can be imported into an environment stack; everything else is created (see docs/day2.md). */
export const importsSchema = z.strictObject({
  workspace: workspaceId.optional().describe('databricks_mws_workspaces'),
  credentials: uuid.optional().describe('databricks_mws_credentials'),
  'storage-configuration': uuid.optional().describe('databricks_mws_storage_configurations'),
  network: uuid.optional().describe('databricks_mws_networks'),
  'managed-services-key-configuration': uuid.optional().describe('databricks_mws_customer_managed_keys (MANAGED_SERVICES)'),
  'storage-key-configuration': uuid.optional().describe('databricks_mws_customer_managed_keys (STORAGE)'),
  'shared-key-configuration': uuid.optional().describe('databricks_mws_customer_managed_keys (both use cases, encryption.shareKey)'),
  'managed-services-key': kmsKeyId.optional().describe('aws_kms_key for managed services'),
  'storage-key': kmsKeyId.optional().describe('aws_kms_key for workspace storage'),
  'shared-key': kmsKeyId.optional().describe('aws_kms_key for both use cases (encryption.shareKey)'),
  'root-bucket': bucketName.optional().describe('aws_s3_bucket of the workspace root (DBFS); the bucket keeps this name'),
  'cross-account-role': roleName.optional().describe('aws_iam_role Databricks assumes'),
  'metastore-assignment': uuid.optional().describe('databricks_metastore_assignment: the id of the metastore the workspace is assigned to'),
});
export type ImportKey = keyof z.infer<typeof importsSchema>;
export const IMPORT_KEYS = Object.keys(importsSchema.shape) as ImportKey[];

export const adoptionSchema = z
  .strictObject({
    '//': z.string().optional(),
    environment: z.string(),
    imports: importsSchema,
    /** Names of adopted objects that cannot be renamed without replacing the workspace. */
    storageConfigurationName: z.string().min(1).max(256).regex(/^[\w .-]+$/, 'must be letters, digits, spaces, _ . or -').optional()
      .describe('Name of the adopted storage configuration (immutable, and a workspace cannot change it)'),
  })
  // databricks_mws_storage_configurations supports no update, and storage_configuration_id is not
  // among the fields a running workspace can change (provider docs, databricks_mws_workspaces Import).
  .refine((file) => !file.imports['storage-configuration'] || (file.imports['root-bucket'] && file.storageConfigurationName), {
    path: ['imports', 'storage-configuration'],
    message: 'needs root-bucket and storageConfigurationName too: a storage configuration cannot be updated, so the blueprint must keep its name and bucket',
  })
  .refine((file) => !file.imports['metastore-assignment'] || file.imports.workspace, {
    path: ['imports', 'metastore-assignment'],
    message: 'needs workspace too (its import id is <workspace_id>|<metastore_id>)',
  });
export type Adoption = z.infer<typeof adoptionSchema>;

/** Environment name -> the bucket its adoption file adopts as root bucket, for each environment that adopts one. */
export function adoptedRootBuckets(adoptions: Iterable<readonly [string, Adoption | undefined]>): Map<string, string> {
  const buckets = new Map<string, string>();
  for (const [environment, adoption] of adoptions) {
    const bucket = adoption?.imports['root-bucket'];
    if (bucket) buckets.set(environment, bucket);
  }
  return buckets;
}

export const adoptionFile = (environmentsDir: string, environment: string) => path.join(environmentsDir, IMPORTS_FOLDER, `${environment}.json`);

/** The adoption file of an environment, or undefined; problems are pushed one line each. */
export function readAdoption(environmentsDir: string, environment: string, problems: string[]): Adoption | undefined {
  const file = adoptionFile(environmentsDir, environment);
  if (!existsSync(file)) return undefined;
  const subject = `environment "${environment}" (${path.relative(process.cwd(), file)})`;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    problems.push(`${subject}: (file): not valid JSON: ${(error as Error).message}`);
    return undefined;
  }
  const parsed = adoptionSchema.safeParse(json);
  if (!parsed.success) {
    problems.push(...parsed.error.issues.map((issue) => `${subject}: ${issue.path.join('.') || '(top level)'}: ${issue.message}`));
    return undefined;
  }
  if (parsed.data.environment !== environment) {
    problems.push(`${subject}: environment: must equal the file name "${environment}"; got "${parsed.data.environment}"`);
    return undefined;
  }
  return parsed.data;
}
