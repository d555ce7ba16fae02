import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { DataDatabricksAwsUnityCatalogAssumeRolePolicy } from '@cdktf/provider-databricks/lib/data-databricks-aws-unity-catalog-assume-role-policy';
import { DataDatabricksAwsUnityCatalogPolicy } from '@cdktf/provider-databricks/lib/data-databricks-aws-unity-catalog-policy';
import { DataDatabricksGroup } from '@cdktf/provider-databricks/lib/data-databricks-group';
import { DataDatabricksMetastore } from '@cdktf/provider-databricks/lib/data-databricks-metastore';
import { ExternalLocation } from '@cdktf/provider-databricks/lib/external-location';
import { MetastoreAssignment } from '@cdktf/provider-databricks/lib/metastore-assignment';
import { MwsPermissionAssignment } from '@cdktf/provider-databricks/lib/mws-permission-assignment';
import { StorageCredential } from '@cdktf/provider-databricks/lib/storage-credential';
import { SystemSchema } from '@cdktf/provider-databricks/lib/system-schema';
import { Token, type TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import type { UnityCatalogConfig } from '../../environments/schema/unity-catalog';
import { CustomerManagedKey, KEY_USE_ACTIONS } from '../aws/customer-managed-key';
import { IamPropagationWait } from '../aws/iam-propagation';
import { accountRoot, awsPrincipals, condition, roleArnFor, viaService } from '../aws/policy';
import { SecureBucket } from '../aws/secure-bucket';
import type { Naming } from '../naming';
import { CatalogLayout, storagePaths } from './catalog-layout';
import { defaultGrants, grantOn, type AccountGroups } from './grant-model';
import { metastoreName } from './metastore';

/** IAM propagation wait before Databricks validates the storage role (external location creation). */
export const UC_IAM_PROPAGATION_WAIT = '60s';

/** Workspace permission of each account group (identity federation). */
export const WORKSPACE_PERMISSIONS: Record<keyof AccountGroups, 'ADMIN' | 'USER'> = {
  admins: 'ADMIN',
  dataEngineers: 'USER',
  analysts: 'USER',
};

export interface UnityCatalogProps {
  readonly naming: Naming;
  /** Used to find the region's metastore by name (created by the account stack). */
  readonly namePrefix: string;
  readonly awsAccountId: string;
  readonly region: string;
  readonly workspaceId: number;
  /** Display names by key; grants in `config` name groups by key. */
  readonly groups: AccountGroups;
  readonly config: UnityCatalogConfig;
  /** Administrators of the catalog storage key. Must not be empty. */
  readonly keyAdministratorArns: string[];
  /** The AWS account may administer (not use) the catalog key; see CustomerManagedKeyProps. Default: true. */
  readonly keyAccountAdministration?: boolean;
  /** KMS deletion window. Default: 30 days when protected, else 7. */
  readonly keyDeletionWindowDays?: number;
  /** Enable these system schemas on the metastore from this workspace. Default: none. */
  readonly systemSchemas?: string[];
  readonly protect: boolean;
  readonly accountProvider: TerraformProvider;
  readonly workspaceProvider: TerraformProvider;
}

/**
 * Unity Catalog for one environment: attaches the workspace to its region's metastore, grants the
 * account groups access to the workspace, and creates the environment's catalog storage (bucket, key,
 * IAM role, storage credential, external locations) and its catalogs, schemas, volumes and grants.
 */
export class UnityCatalog extends Construct {
  readonly metastoreId: string;
  readonly assignment: MetastoreAssignment;
  readonly key: CustomerManagedKey;
  readonly bucket: SecureBucket;
  readonly role: IamRole;
  readonly storageCredential: StorageCredential;
  readonly managedLocation: ExternalLocation;
  readonly externalLocation: ExternalLocation;
  readonly layout: CatalogLayout;
  /** Assignments of the account groups to the workspace; workspace ACLs naming a group must wait for them. */
  readonly workspaceAccess: MwsPermissionAssignment[] = [];

  constructor(scope: Construct, id: string, props: UnityCatalogProps) {
    super(scope, id);
    const { naming, groups, config, workspaceId } = props;
    const account = props.accountProvider;
    const provider = props.workspaceProvider;

    // Looked up by name rather than a cross-stack reference, so each environment plans on its own.
    const metastore = new DataDatabricksMetastore(this, 'metastore', { provider: account, name: metastoreName(props.namePrefix, props.region) });
    this.metastoreId = metastore.id;
    this.assignment = new MetastoreAssignment(this, 'metastore-assignment', { provider: account, metastoreId: metastore.id, workspaceId });

    // Identity federation needs the workspace on Unity Catalog first.
    for (const [role, permission] of Object.entries(WORKSPACE_PERMISSIONS) as [keyof AccountGroups, string][]) {
      const group = new DataDatabricksGroup(this, `group-${role}`, { provider: account, displayName: groups[role] });
      const access = new MwsPermissionAssignment(this, `workspace-access-${role}`, {
        provider: account,
        workspaceId,
        principalId: Token.asNumber(group.id),
        permissions: [permission],
        dependsOn: [this.assignment],
      });
      this.workspaceAccess.push(access);
    }

    // The role name is fixed, so the credential can name the role before it exists: the role's trust
    // policy needs the credential's external id, and the credential only needs the role's ARN.
    const roleName = naming.name('uc-storage');
    const roleArn = roleArnFor(props.awsAccountId, roleName);
    const bucketName = naming.bucketName('catalog', props.awsAccountId);

    this.key = new CustomerManagedKey(this, 'key', {
      naming,
      purpose: 'catalog-storage',
      description: `Unity Catalog storage of environment ${naming.environment}`,
      awsAccountId: props.awsAccountId,
      region: props.region,
      administratorArns: props.keyAdministratorArns,
      accountAdministration: props.keyAccountAdministration,
      // Account root + PrincipalArn: a key policy naming the role directly fails while the role does not exist yet.
      statements: [{
        sid: 'UnityCatalogRoleUseViaS3',
        principals: awsPrincipals(accountRoot(props.awsAccountId)),
        actions: KEY_USE_ACTIONS,
        resources: ['*'],
        condition: [
          condition('ArnEquals', 'aws:PrincipalArn', roleArn),
          viaService('s3', props.region),
        ],
      }],
      deletionWindowInDays: props.keyDeletionWindowDays,
      protect: props.protect,
    });
    this.bucket = new SecureBucket(this, 'bucket', { bucketName, kmsKeyArn: this.key.arn, protect: props.protect });

    this.storageCredential = new StorageCredential(this, 'storage-credential', {
      provider,
      name: naming.sqlName('catalog_storage'),
      comment: `Catalog storage of environment ${naming.environment} (${roleName})`,
      awsIamRole: { roleArn },
      isolationMode: 'ISOLATION_MODE_ISOLATED',
      owner: groups.admins,
      forceDestroy: false,
      dependsOn: [this.assignment],
    });
    const trust = new DataDatabricksAwsUnityCatalogAssumeRolePolicy(this, 'role-trust', {
      provider: account,
      awsAccountId: props.awsAccountId,
      roleName,
      externalId: this.storageCredential.awsIamRole.externalId,
    });
    const permissions = new DataDatabricksAwsUnityCatalogPolicy(this, 'role-permissions', {
      provider: account,
      awsAccountId: props.awsAccountId,
      bucketName: this.bucket.name,
      roleName,
      kmsName: this.key.arn,
    });
    this.role = new IamRole(this, 'role', {
      name: roleName,
      description: `Unity Catalog storage credential of environment ${naming.environment}`,
      assumeRolePolicy: trust.json,
      maxSessionDuration: 3600,
    });
    const rolePolicy = new IamRolePolicy(this, 'role-policy', { name: 'unity-catalog-storage', role: this.role.id, policy: permissions.json });
    // 60 s as the SRA waits before its external location (aws/tf/modules/databricks_workspace/unity_catalog_catalog_creation).
    const ready = new IamPropagationWait(this, 'propagation', [this.role, rolePolicy], UC_IAM_PROPAGATION_WAIT);

    // ISOLATED securables created through Terraform are bound to the creating workspace by the provider
    // (databricks_workspace_binding docs, 1.99); an explicit binding of that workspace is redundant.
    grantOn(this, 'storage-credential', { storageCredential: this.storageCredential.id }, config.storageCredentialGrants ?? defaultGrants.storageCredential(), groups, provider);

    const location = (purpose: string, url: string, comment: string) =>
      new ExternalLocation(this, `${purpose}-location`, {
        provider,
        name: naming.sqlName(purpose.replace(/-/g, '_')),
        url,
        credentialName: this.storageCredential.name,
        comment,
        isolationMode: 'ISOLATION_MODE_ISOLATED',
        owner: groups.admins,
        forceDestroy: false,
        // Databricks validates access on creation: wait for the role, its policy and the bucket.
        dependsOn: [ready.sleep, this.bucket.bucket],
      });
    this.managedLocation = location('managed-storage', storagePaths.managedRoot(this.bucket.name), 'Managed storage of the catalogs and schemas');
    this.externalLocation = location('external-storage', storagePaths.externalRoot(this.bucket.name), 'External volumes and tables');
    grantOn(this, 'managed-storage-location', { externalLocation: this.managedLocation.id }, config.managedLocationGrants ?? defaultGrants.managedLocation(), groups, provider);
    grantOn(this, 'external-storage-location', { externalLocation: this.externalLocation.id }, config.externalLocationGrants ?? defaultGrants.externalLocation(), groups, provider);

    this.layout = new CatalogLayout(this, 'catalogs', {
      naming,
      catalogs: config.catalogs,
      bucketName: this.bucket.name,
      groups,
      protect: props.protect,
      databricksProvider: provider,
      dependsOn: [this.assignment, this.managedLocation, this.externalLocation],
    });

    for (const schema of props.systemSchemas ?? []) {
      new SystemSchema(this, `system-schema-${schema}`, { provider, schema, dependsOn: [this.assignment] });
    }
  }
}
