import { Naming } from '../../constructs/naming';
import { s3BucketNameProblem } from '../schema/aws-names';
import type { AccountConfig, EnvironmentConfig } from '../schema';
import { adoptionFile } from './adoption';

/**
 * Names that share a namespace across environments: buckets (global), IAM roles (per AWS account),
 * Unity Catalog securables (per metastore, i.e. per region), secret scopes (per workspace) and log
 * delivery locations (per bucket). Each file can be valid and two of them still collide, or the
 * generated name can break the service's own rules: both are set-level errors, never an apply failure.
 */

/** One name the blueprint will create, with who asked for it (the field a fix would change). */
export interface NameClaim {
  /** "bucket", "IAM role", "catalog", ... */
  readonly kind: string;
  /** The namespace the name must be unique in, e.g. "AWS account 123456789012". */
  readonly scope: string;
  readonly name: string;
  /** `environment "dev"` or `account`. */
  readonly owner: string;
  /** Field path the message points at. */
  readonly field: string;
}

const envLabel = (env: EnvironmentConfig) => `environment "${env.name}"`;

/** Log types and their folders under the delivery prefix. */
const LOG_FOLDERS = [['billableUsage', 'billable-usage'], ['auditLogs', 'audit-logs']] as const;

/** Mirrors constructs/databricks/log-delivery-configurations.ts: the account-level delivery objects. */
const accountNaming = (account: AccountConfig) => new Naming(account.namePrefix, 'account');

/**
 * Every shared-namespace name of the account file and the environments, as the constructs will build them.
 * `adoptedRootBuckets`: environment -> the root bucket its adoption file imports, which keeps its name.
 */
export function nameClaims(account: AccountConfig, environments: EnvironmentConfig[], adoptedRootBuckets: ReadonlyMap<string, string> = new Map()): NameClaim[] {
  const claims: NameClaim[] = [];
  const claim = (kind: string, scope: string, name: string, owner: string, field: string) => claims.push({ kind, scope, name, owner, field });

  claim('bucket', 'S3 (global)', account.state.bucket, 'account', 'state.bucket');
  const delivery = account.logDelivery;
  const external = delivery.bucket.mode === 'external' ? delivery.bucket : undefined;
  // The account's log bucket; environments with a delivery of their own write into it too.
  const logBucket = delivery.enabled ? (external?.name ?? accountNaming(account).bucketName('logs', account.aws.accountId)) : undefined;
  if (logBucket !== undefined) {
    claim('bucket', 'S3 (global)', logBucket, 'account', external ? 'logDelivery.bucket.name' : 'namePrefix');
    claim('IAM role', `AWS account ${account.aws.accountId}`, accountNaming(account).name('log-delivery'), 'account', 'namePrefix');
    for (const [type, folder] of LOG_FOLDERS) {
      if (delivery[type]) claim('log delivery location', `bucket ${logBucket}`, `${delivery.prefix}/${folder}/`, 'account', 'logDelivery.prefix');
    }
  }

  for (const env of environments) {
    const owner = envLabel(env);
    const naming = new Naming(account.namePrefix, env.name);
    const awsAccount = `AWS account ${env.aws.accountId}`;
    const metastore = `the ${env.aws.region} metastore`;
    const adoptedRoot = adoptedRootBuckets.get(env.name);
    if (adoptedRoot) claim('bucket', 'S3 (global)', adoptedRoot, owner, ADOPTED_ROOT_FIELD);
    else claim('bucket', 'S3 (global)', naming.bucketName('root', env.aws.accountId), owner, 'name');
    claim('bucket', 'S3 (global)', naming.bucketName('catalog', env.aws.accountId), owner, 'name');
    for (const purpose of ['crossaccount', 'uc-storage']) claim('IAM role', awsAccount, naming.name(purpose), owner, 'name');
    if (env.unityCatalog.glueMetastore.enabled) claim('IAM role', awsAccount, naming.name('glue-data'), owner, 'name');
    claim('storage credential', metastore, naming.sqlName('catalog_storage'), owner, 'name');
    for (const purpose of ['managed_storage', 'external_storage']) claim('external location', metastore, naming.sqlName(purpose), owner, 'name');
    env.unityCatalog.catalogs.forEach((catalog, i) => claim('catalog', metastore, naming.sqlName(catalog.name), owner, `unityCatalog.catalogs.${i}.name`));

    const workspace = `workspace ${env.databricks.deploymentName}`;
    const nte = env.nodeTrafficEncryption;
    // constructs/databricks/node-traffic-encryption.ts: the scope holding the shared secret.
    if (nte.enabled && nte.mode !== 'nitro-only') claim('secret scope', workspace, naming.name('node-traffic-encryption'), owner, 'nodeTrafficEncryption');
    env.secretScopes.forEach((scope, i) => claim('secret scope', workspace, scope.name, owner, `secretScopes.${i}.name`));

    if (logBucket !== undefined && env.logDelivery.enabled) {
      for (const [type, folder] of LOG_FOLDERS) {
        if (env.logDelivery[type]) claim('log delivery location', `bucket ${logBucket}`, `${delivery.prefix}/environments/${env.name}/${folder}/`, owner, 'logDelivery');
      }
    }
  }
  return claims;
}

const ADOPTED_ROOT_FIELD = 'imports.root-bucket';

/** Problems: a bucket name S3 refuses, a name claimed twice in one namespace. */
export function validateNames(account: AccountConfig, environments: EnvironmentConfig[], adoptedRootBuckets?: ReadonlyMap<string, string>): string[] {
  const problems: string[] = [];
  const claims = nameClaims(account, environments, adoptedRootBuckets);
  const where = (c: NameClaim) => `${c.owner} (${c.field})`;
  /** Owner -> its adoption file, relative to the environments folder. */
  const adoptionFileOf = new Map(environments.map((env) => [envLabel(env), adoptionFile('', env.name)]));

  const reported = new Set<string>();
  for (const c of claims.filter((c) => c.kind === 'bucket')) {
    const problem = s3BucketNameProblem(c.name);
    if (problem && !reported.has(c.name)) {
      reported.add(c.name);
      const generated = c.field === 'name' || c.field === 'namePrefix';
      const fix = generated ? `; the name is <namePrefix>-<environment>-<purpose>-<AWS account>: change account.namePrefix${c.owner === 'account' ? '' : ' or the environment name'}` : '';
      problems.push(`${c.owner}: ${c.field}: bucket name ${problem}${fix}`);
    }
  }

  const first = new Map<string, NameClaim>();
  for (const c of claims) {
    const key = `${c.kind}\u0000${c.scope}\u0000${c.name}`;
    const earlier = first.get(key);
    if (!earlier) {
      first.set(key, c);
      continue;
    }
    const sameOwner = earlier.owner === c.owner;
    // An adopted bucket exists and keeps its name: the fix is in an adoption file, not a rename.
    const adoptionFiles = [c, earlier].filter((claim) => claim.field === ADOPTED_ROOT_FIELD).map((claim) => adoptionFileOf.get(claim.owner));
    const fix = adoptionFiles.length > 0
      ? `an existing bucket belongs to one environment: remove ${ADOPTED_ROOT_FIELD} from ${adoptionFiles.join(' or ')}`
      : `names in one ${c.kind === 'bucket' ? 'partition' : 'namespace'} must be unique, rename one`;
    problems.push(`${c.owner}: ${c.field}: ${c.kind} "${c.name}" is already ${sameOwner ? `created by ${earlier.field}` : `used by ${where(earlier)}`} in ${c.scope}; ${fix}`);
  }
  // Log delivery locations cannot nest: the account's are <prefix>/<type>/, an environment's
  // <prefix>/environments/<name>/<type>/, so the uniqueness check above is the whole rule.
  return problems;
}
