import { MwsCustomerManagedKeys } from '@cdktf/provider-databricks/lib/mws-customer-managed-keys';
import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import type { EncryptionConfig } from '../../environments/schema';
import { CustomerManagedKey, EBS_KEY_ACTIONS, KEY_USE_ACTIONS } from '../aws/customer-managed-key';
import { awsPrincipals, condition, viaService, type PolicyStatement } from '../aws/policy';
import type { Naming } from '../naming';
import { protectFromDestroy } from '../protection';

/** The AWS account Databricks' control plane runs in (commercial partition). */
export const DATABRICKS_CONTROL_PLANE_PRINCIPAL = 'arn:aws:iam::414351767826:root';

/** Narrows the control plane's access to requests made on behalf of this Databricks account. */
const onlyThisDatabricksAccount = (databricksAccountId: string) =>
  condition('StringEquals', 'aws:PrincipalTag/DatabricksAccountId', databricksAccountId);

export function managedServicesStatements(databricksAccountId: string): PolicyStatement[] {
  return [
    {
      sid: 'DatabricksManagedServices',
      principals: awsPrincipals(DATABRICKS_CONTROL_PLANE_PRINCIPAL),
      actions: ['kms:Encrypt', 'kms:Decrypt'],
      resources: ['*'],
      condition: [onlyThisDatabricksAccount(databricksAccountId)],
    },
  ];
}

export function storageStatements(databricksAccountId: string, crossAccountRoleArn: string, region: string): PolicyStatement[] {
  return [
    {
      sid: 'DatabricksWorkspaceStorage',
      principals: awsPrincipals(DATABRICKS_CONTROL_PLANE_PRINCIPAL),
      actions: KEY_USE_ACTIONS,
      resources: ['*'],
      condition: [onlyThisDatabricksAccount(databricksAccountId)],
    },
    {
      sid: 'DatabricksGrantsForAwsResources',
      principals: awsPrincipals(DATABRICKS_CONTROL_PLANE_PRINCIPAL),
      actions: ['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant'],
      resources: ['*'],
      condition: [condition('Bool', 'kms:GrantIsForAWSResource', 'true'), onlyThisDatabricksAccount(databricksAccountId)],
    },
    {
      sid: 'CrossAccountRoleEbsVolumes',
      principals: awsPrincipals(crossAccountRoleArn),
      actions: EBS_KEY_ACTIONS,
      resources: ['*'],
      condition: [viaService('ec2', region)],
    },
  ];
}

export interface WorkspaceKeysProps {
  readonly naming: Naming;
  readonly encryption: EncryptionConfig;
  readonly databricksAccountId: string;
  readonly awsAccountId: string;
  readonly region: string;
  readonly administratorArns: string[];
  /** The AWS account may administer (not use) created keys; see CustomerManagedKeyProps. Default: true. */
  readonly accountAdministration?: boolean;
  readonly crossAccountRoleArn: string;
  readonly protect: boolean;
  /** Account-level Databricks provider. */
  readonly databricksProvider: TerraformProvider;
}

/**
 * KMS keys for a workspace and their Databricks key configurations. The storage key always exists
 * (it encrypts the root bucket); it is registered with Databricks only when the storage use case is on.
 */
export class WorkspaceKeys extends Construct {
  /** Key for the root bucket's SSE-KMS (the storage key, created or brought). */
  readonly storageKeyArn: string;
  /** `customer_managed_key_id` values for databricks_mws_workspaces; undefined when a use case is off. */
  readonly managedServicesKeyId?: string;
  readonly storageKeyId?: string;
  readonly createdKeys: CustomerManagedKey[] = [];

  constructor(scope: Construct, id: string, props: WorkspaceKeysProps) {
    super(scope, id);
    const { encryption } = props;
    const keyProps = {
      naming: props.naming,
      awsAccountId: props.awsAccountId,
      region: props.region,
      administratorArns: props.administratorArns,
      accountAdministration: props.accountAdministration,
      deletionWindowInDays: encryption.deletionWindowDays,
      protect: props.protect,
    };
    const storage = storageStatements(props.databricksAccountId, props.crossAccountRoleArn, props.region);
    const managedServices = managedServicesStatements(props.databricksAccountId);

    if (encryption.shareKey) {
      const arn = encryption.storage.existingKeyArn ?? this.createKey('workspace', 'Databricks managed services and workspace storage', [...managedServices, ...storage], keyProps, true);
      this.storageKeyArn = arn;
      const config = this.registerKey('workspace', arn, ['MANAGED_SERVICES', 'STORAGE'], props);
      this.managedServicesKeyId = config.customerManagedKeyId;
      this.storageKeyId = config.customerManagedKeyId;
      return;
    }
    this.storageKeyArn = encryption.storage.existingKeyArn ?? this.createKey('workspace-storage', 'Databricks workspace storage (root bucket, EBS)', storage, keyProps, true);
    if (encryption.storage.enabled) {
      this.storageKeyId = this.registerKey('storage', this.storageKeyArn, ['STORAGE'], props).customerManagedKeyId;
    }
    if (encryption.managedServices.enabled) {
      const arn = encryption.managedServices.existingKeyArn ?? this.createKey('managed-services', 'Databricks managed services (notebooks, secrets, queries)', managedServices, keyProps, false);
      this.managedServicesKeyId = this.registerKey('managed-services', arn, ['MANAGED_SERVICES'], props).customerManagedKeyId;
    }
  }

  /** `encryptsBucket`: account principals may also use the key through S3 (SSE-KMS on the root bucket); no other key gets that. */
  private createKey(
    purpose: string,
    description: string,
    statements: PolicyStatement[],
    keyProps: Omit<ConstructorParameters<typeof CustomerManagedKey>[2], 'purpose' | 'description' | 'statements'>,
    encryptsBucket: boolean,
  ): string {
    const key = new CustomerManagedKey(this, `${purpose}-key`, { ...keyProps, purpose, description, statements, allowAccountUseViaS3: encryptsBucket });
    this.createdKeys.push(key);
    return key.arn;
  }

  private registerKey(purpose: string, keyArn: string, useCases: string[], props: WorkspaceKeysProps): MwsCustomerManagedKeys {
    const config = new MwsCustomerManagedKeys(this, `${purpose}-config`, {
      provider: props.databricksProvider,
      accountId: props.databricksAccountId,
      awsKeyInfo: { keyArn },
      useCases,
    });
    protectFromDestroy(config, props.protect);
    return config;
  }
}
