import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { DataDatabricksAwsUnityCatalogAssumeRolePolicy } from '@cdktf/provider-databricks/lib/data-databricks-aws-unity-catalog-assume-role-policy';
import { DataDatabricksAwsUnityCatalogPolicy } from '@cdktf/provider-databricks/lib/data-databricks-aws-unity-catalog-policy';
import { ExternalLocation } from '@cdktf/provider-databricks/lib/external-location';
import { StorageCredential } from '@cdktf/provider-databricks/lib/storage-credential';
import type { ITerraformDependable } from 'cdktf';
import type { Construct } from 'constructs';
import { CustomerManagedKey, KEY_USE_ACTIONS } from '../aws/customer-managed-key';
import { IamPropagationWait } from '../aws/iam-propagation';
import { accountRoot, awsPrincipals, condition, roleArnFor, viaService } from '../aws/policy';
import { SecureBucket } from '../aws/secure-bucket';
import type { WorkspaceContext } from '../context';
import { storagePaths } from './catalog-layout';
import { grantOn, type GrantSpec } from './grant-model';

export interface CatalogStorageGrants {
  readonly storageCredential: readonly GrantSpec[];
  /** Managed storage is reached through tables and volumes; usually only the owners hold grants here. */
  readonly managedLocation: readonly GrantSpec[];
  readonly externalLocation: readonly GrantSpec[];
}

/** What the environment decides about its catalog storage; UnityCatalog takes these as they are. */
export interface CatalogStorageSettings {
  readonly grants: CatalogStorageGrants;
  /** Administrators of the catalog storage key. Must not be empty. */
  readonly keyAdministratorArns: string[];
  /** The AWS account may administer (not use) the key; see CustomerManagedKeyProps. Default: true. */
  readonly keyAccountAdministration?: boolean;
  /** KMS deletion window. Default: 30 days when protected, else 7. */
  readonly keyDeletionWindowDays?: number;
  /** Noncurrent S3 versions kept (Delta keeps its own history). Default: the SecureBucket lifecycle default. */
  readonly noncurrentVersions?: { readonly days: number; readonly keep: number };
}

export interface CatalogStorageProps extends CatalogStorageSettings {
  readonly context: WorkspaceContext;
  /** Display name of the group owning the credential and the locations. */
  readonly ownerGroup: string;
  /** The metastore assignment: credentials live in the metastore. */
  readonly dependsOn: ITerraformDependable[];
}

export interface CatalogStorage {
  readonly key: CustomerManagedKey;
  readonly bucket: SecureBucket;
  readonly role: IamRole;
  readonly storageCredential: StorageCredential;
  readonly managedLocation: ExternalLocation;
  readonly externalLocation: ExternalLocation;
}

/** IAM propagation wait before Databricks validates the storage role (external location creation). */
export const UC_IAM_PROPAGATION_WAIT = '60s';

/**
 * The environment's catalog storage: KMS key, bucket, the IAM role Unity Catalog assumes, the storage
 * credential naming it, and the managed and external locations, each ISOLATED (so bound to the creating
 * workspace by the provider, databricks_workspace_binding docs 1.99) and granted. Creates its resources in `scope` (the UnityCatalog construct) so their addresses stay put.
 */
export function createCatalogStorage(scope: Construct, props: CatalogStorageProps): CatalogStorage {
  const { context, ownerGroup: owner, grants } = props;
  const { naming, awsAccountId, region, workspaceProvider: provider, accountProvider } = context;

  // The role name is fixed, so the credential can name the role before it exists: the role's trust
  // policy needs the credential's external id, and the credential only needs the role's ARN.
  const roleName = naming.name('uc-storage');
  const roleArn = roleArnFor(awsAccountId, roleName);

  const key = new CustomerManagedKey(scope, 'key', {
    context,
    purpose: 'catalog-storage',
    description: `Unity Catalog storage of environment ${naming.environment}`,
    administratorArns: props.keyAdministratorArns,
    accountAdministration: props.keyAccountAdministration,
    // Account root + PrincipalArn: a key policy naming the role directly fails while the role does not exist yet.
    statements: [{
      sid: 'UnityCatalogRoleUseViaS3',
      principals: awsPrincipals(accountRoot(awsAccountId)),
      actions: KEY_USE_ACTIONS,
      resources: ['*'],
      condition: [condition('ArnEquals', 'aws:PrincipalArn', roleArn), viaService('s3', region)],
    }],
    deletionWindowInDays: props.keyDeletionWindowDays,
  });
  const versions = props.noncurrentVersions;
  // Delta keeps its own versions: noncurrent S3 versions are limited (unityCatalog.noncurrentVersions).
  const bucket = new SecureBucket(scope, 'bucket', {
    bucketName: naming.bucketName('catalog', awsAccountId),
    kmsKeyArn: key.arn,
    lifecycle: versions ? { noncurrentVersionExpireDays: versions.days, newerNoncurrentVersions: versions.keep } : undefined,
    protect: context.protect,
  });

  const storageCredential = new StorageCredential(scope, 'storage-credential', {
    provider,
    name: naming.sqlName('catalog_storage'),
    comment: `Catalog storage of environment ${naming.environment} (${roleName})`,
    awsIamRole: { roleArn },
    isolationMode: 'ISOLATION_MODE_ISOLATED',
    owner,
    forceDestroy: false,
    dependsOn: props.dependsOn,
  });
  const trust = new DataDatabricksAwsUnityCatalogAssumeRolePolicy(scope, 'role-trust', {
    provider: accountProvider,
    awsAccountId,
    roleName,
    externalId: storageCredential.awsIamRole.externalId,
  });
  const permissions = new DataDatabricksAwsUnityCatalogPolicy(scope, 'role-permissions', {
    provider: accountProvider,
    awsAccountId,
    bucketName: bucket.name,
    roleName,
    kmsName: key.arn,
  });
  const role = new IamRole(scope, 'role', {
    name: roleName,
    description: `Unity Catalog storage credential of environment ${naming.environment}`,
    assumeRolePolicy: trust.json,
    maxSessionDuration: 3600,
  });
  const rolePolicy = new IamRolePolicy(scope, 'role-policy', { name: 'unity-catalog-storage', role: role.id, policy: permissions.json });
  // 60 s as the SRA waits before its external location (aws/tf/modules/databricks_workspace/unity_catalog_catalog_creation).
  const ready = new IamPropagationWait(scope, 'propagation', [role, rolePolicy], UC_IAM_PROPAGATION_WAIT);
  grantOn(scope, 'storage-credential', { storageCredential: storageCredential.id }, grants.storageCredential, provider);

  const location = (purpose: string, url: string, comment: string) =>
    new ExternalLocation(scope, `${purpose}-location`, {
      provider,
      name: naming.sqlName(purpose.replace(/-/g, '_')),
      url,
      credentialName: storageCredential.name,
      comment,
      isolationMode: 'ISOLATION_MODE_ISOLATED',
      owner,
      forceDestroy: false,
      // Databricks validates access on creation: wait for the role, its policy and the bucket.
      dependsOn: [ready.sleep, bucket.bucket],
    });
  const managedLocation = location('managed-storage', storagePaths.managedRoot(bucket.name), 'Managed storage of the catalogs and schemas');
  const externalLocation = location('external-storage', storagePaths.externalRoot(bucket.name), 'External volumes and tables');
  grantOn(scope, 'managed-storage-location', { externalLocation: managedLocation.id }, grants.managedLocation, provider);
  grantOn(scope, 'external-storage-location', { externalLocation: externalLocation.id }, grants.externalLocation, provider);

  return { key, bucket, role, storageCredential, managedLocation, externalLocation };
}
