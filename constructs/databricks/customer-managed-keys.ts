import { MwsCustomerManagedKeys } from '@cdktf/provider-databricks/lib/mws-customer-managed-keys';
import { Construct } from 'constructs';
import { CustomerManagedKey, EBS_KEY_ACTIONS, KEY_USE_ACTIONS, type CustomerManagedKeyProps } from '../aws/customer-managed-key';
import { awsPrincipals, condition, viaService, type PolicyStatement } from '../aws/policy';
import type { StackContext } from '../context';
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

/** One Databricks key use case: registered or not, with a key created here or an existing one. */
export interface KeyUseCase {
  readonly enabled: boolean;
  /** Use this key (possibly in another AWS account) instead of creating one. Default: create a key. */
  readonly existingKeyArn?: string;
}

export interface WorkspaceKeysProps {
  /** Names the keys (created in its AWS account and region); configurations go to its Databricks account. */
  readonly context: StackContext;
  /** Control-plane managed services (notebooks, secrets, queries). */
  readonly managedServices: KeyUseCase;
  /** Workspace storage (root bucket, EBS). The storage key is always created or brought: it encrypts the root bucket. */
  readonly storage: KeyUseCase;
  /** One key registered for both use cases. */
  readonly shareKey: boolean;
  readonly administratorArns: string[];
  /** The AWS account may administer (not use) created keys; see CustomerManagedKeyProps. Default: true. */
  readonly accountAdministration?: boolean;
  /** KMS deletion window of created keys. Default: 30 days when protected, else 7. */
  readonly deletionWindowDays?: number;
  readonly crossAccountRoleArn: string;
}

type KeySettings = Omit<CustomerManagedKeyProps, 'purpose' | 'description' | 'statements'>;

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
    const { context } = props;
    const keyProps: KeySettings = {
      context,
      administratorArns: props.administratorArns,
      accountAdministration: props.accountAdministration,
      deletionWindowInDays: props.deletionWindowDays,
    };
    const storage = storageStatements(context.databricksAccountId, props.crossAccountRoleArn, context.region);
    const managedServices = managedServicesStatements(context.databricksAccountId);

    if (props.shareKey) {
      const arn = props.storage.existingKeyArn ?? this.createKey('workspace', 'Databricks managed services and workspace storage', [...managedServices, ...storage], keyProps, true);
      this.storageKeyArn = arn;
      const config = this.registerKey('workspace', arn, ['MANAGED_SERVICES', 'STORAGE'], context);
      this.managedServicesKeyId = config.customerManagedKeyId;
      this.storageKeyId = config.customerManagedKeyId;
      return;
    }
    this.storageKeyArn = props.storage.existingKeyArn ?? this.createKey('workspace-storage', 'Databricks workspace storage (root bucket, EBS)', storage, keyProps, true);
    if (props.storage.enabled) {
      this.storageKeyId = this.registerKey('storage', this.storageKeyArn, ['STORAGE'], context).customerManagedKeyId;
    }
    if (props.managedServices.enabled) {
      const arn = props.managedServices.existingKeyArn ?? this.createKey('managed-services', 'Databricks managed services (notebooks, secrets, queries)', managedServices, keyProps, false);
      this.managedServicesKeyId = this.registerKey('managed-services', arn, ['MANAGED_SERVICES'], context).customerManagedKeyId;
    }
  }

  /** `encryptsBucket`: account principals may also use the key through S3 (SSE-KMS on the root bucket); no other key gets that. */
  private createKey(
    purpose: string,
    description: string,
    statements: PolicyStatement[],
    keyProps: KeySettings,
    encryptsBucket: boolean,
  ): string {
    const key = new CustomerManagedKey(this, `${purpose}-key`, { ...keyProps, purpose, description, statements, allowAccountUseViaS3: encryptsBucket });
    this.createdKeys.push(key);
    return key.arn;
  }

  private registerKey(purpose: string, keyArn: string, useCases: string[], context: StackContext): MwsCustomerManagedKeys {
    const config = new MwsCustomerManagedKeys(this, `${purpose}-config`, {
      provider: context.accountProvider,
      accountId: context.databricksAccountId,
      awsKeyInfo: { keyArn },
      useCases,
    });
    protectFromDestroy(config, context.protect);
    return config;
  }
}
