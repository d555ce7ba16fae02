import { Testing } from 'cdktf';
import { KEY_ADMIN_ACTIONS, KEY_USE_ACTIONS } from '../../../constructs/aws/customer-managed-key';
import { DATABRICKS_CONTROL_PLANE_PRINCIPAL, WorkspaceKeys } from '../../../constructs/databricks/customer-managed-keys';
import { stackContextFixture } from '../../support/construct-context';
import { encryptionSchema, type EncryptionConfig } from '../../../environments/schema';
import { dataAt, refAt, resourceAt, resourcesOf, statementsBySid, type Synthesized } from '../../support/synth';

const DATABRICKS_ACCOUNT = '00000000-0000-4000-8000-00000000f1c5';
const ROLE = 'arn:aws:iam::222222222222:role/fx-alpha-crossaccount';
const ADMIN = 'arn:aws:iam::222222222222:role/fx-deploy';
const onlyThisAccount = { test: 'StringEquals', variable: 'aws:PrincipalTag/DatabricksAccountId', values: [DATABRICKS_ACCOUNT] };

function synthKeys(encryption: unknown = {}): { json: Synthesized; keys: WorkspaceKeys } {
  let keys!: WorkspaceKeys;
  const raw = Testing.synthScope((scope) => {
    const parsed = encryptionSchema.parse(encryption) as EncryptionConfig;
    keys = new WorkspaceKeys(scope, 'keys', {
      context: stackContextFixture(scope, { databricksAccountId: DATABRICKS_ACCOUNT, awsAccountId: '222222222222', region: 'us-east-2' }),
      managedServices: parsed.managedServices,
      storage: parsed.storage,
      shareKey: parsed.shareKey,
      deletionWindowDays: parsed.deletionWindowDays,
      administratorArns: [ADMIN],
      crossAccountRoleArn: ROLE,
    });
  });
  return { json: JSON.parse(raw), keys };
}

describe('WorkspaceKeys (separate keys, the default)', () => {
  const { json } = synthKeys();

  test('creates one key per use case with rotation and protection', () => {
    const keys = resourcesOf(json, 'aws_kms_key').map(([, k]) => k);
    expect(keys).toHaveLength(2);
    for (const key of keys) expect(key).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30, lifecycle: { prevent_destroy: true } });
  });

  test('the managed-services key policy: admins administer, Databricks only encrypts and decrypts for this account', () => {
    const statements = statementsBySid(dataAt(json, 'aws_iam_policy_document', 'managed-services-key/policy'));
    // It encrypts no bucket: no S3 use statement.
    expect(Object.keys(statements)).toEqual(['KeyAdministration', 'AccountAdministration', 'DatabricksManagedServices']);
    expect(statements.KeyAdministration).toMatchObject({ principals: [{ type: 'AWS', identifiers: [ADMIN] }], actions: KEY_ADMIN_ACTIONS });
    expect(statements.DatabricksManagedServices).toEqual({
      sid: 'DatabricksManagedServices',
      principals: [{ type: 'AWS', identifiers: [DATABRICKS_CONTROL_PLANE_PRINCIPAL] }],
      actions: ['kms:Encrypt', 'kms:Decrypt'],
      resources: ['*'],
      condition: [onlyThisAccount],
    });
    expect(DATABRICKS_CONTROL_PLANE_PRINCIPAL).toBe('arn:aws:iam::414351767826:root');
  });

  test('the storage key policy: Databricks uses it, grants only for AWS resources, the role only through EC2', () => {
    const statements = statementsBySid(dataAt(json, 'aws_iam_policy_document', 'workspace-storage-key/policy'));
    expect(Object.keys(statements)).toEqual([
      'KeyAdministration',
      'AccountAdministration',
      'AccountPrincipalsUseViaS3',
      'DatabricksWorkspaceStorage',
      'DatabricksGrantsForAwsResources',
      'CrossAccountRoleEbsVolumes',
    ]);
    expect(statements.DatabricksWorkspaceStorage).toMatchObject({
      principals: [{ type: 'AWS', identifiers: [DATABRICKS_CONTROL_PLANE_PRINCIPAL] }],
      actions: KEY_USE_ACTIONS,
      condition: [onlyThisAccount],
    });
    expect(KEY_USE_ACTIONS).toEqual(['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey']);
    expect(statements.DatabricksGrantsForAwsResources).toMatchObject({
      principals: [{ type: 'AWS', identifiers: [DATABRICKS_CONTROL_PLANE_PRINCIPAL] }],
      actions: ['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant'],
      condition: [{ test: 'Bool', variable: 'kms:GrantIsForAWSResource', values: ['true'] }, onlyThisAccount],
    });
    expect(statements.CrossAccountRoleEbsVolumes).toMatchObject({
      principals: [{ type: 'AWS', identifiers: [ROLE] }],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*', 'kms:CreateGrant', 'kms:DescribeKey'],
      condition: [{ test: 'StringEquals', variable: 'kms:ViaService', values: ['ec2.us-east-2.amazonaws.com'] }],
    });
  });

  test('registers each key with Databricks for its use case', () => {
    expect(resourceAt(json, 'databricks_mws_customer_managed_keys', 'managed-services-config')).toMatchObject({
      account_id: DATABRICKS_ACCOUNT,
      use_cases: ['MANAGED_SERVICES'],
      aws_key_info: { key_arn: refAt(json, 'aws_kms_key', 'managed-services-key', 'arn') },
      lifecycle: { prevent_destroy: true },
      provider: 'databricks.account',
    });
    expect(resourceAt(json, 'databricks_mws_customer_managed_keys', 'storage-config')).toMatchObject({
      use_cases: ['STORAGE'],
      aws_key_info: { key_arn: refAt(json, 'aws_kms_key', 'workspace-storage-key', 'arn') },
    });
  });
});

describe('WorkspaceKeys variants', () => {
  test('one shared key carries both policies and both use cases', () => {
    const { json, keys } = synthKeys({ shareKey: true });
    expect(resourcesOf(json, 'aws_kms_key')).toHaveLength(1);
    const statements = statementsBySid(dataAt(json, 'aws_iam_policy_document', 'workspace-key/policy'));
    expect(Object.keys(statements)).toEqual(expect.arrayContaining(['DatabricksManagedServices', 'DatabricksWorkspaceStorage', 'CrossAccountRoleEbsVolumes']));
    const [[, config]] = resourcesOf(json, 'databricks_mws_customer_managed_keys');
    expect(config.use_cases).toEqual(['MANAGED_SERVICES', 'STORAGE']);
    expect(keys.managedServicesKeyId).toBeDefined();
    expect(keys.storageKeyId).toBeDefined();
  });

  test('existing keys are registered, not created', () => {
    const storageKey = 'arn:aws:kms:us-east-2:999999999999:key/11111111-2222-3333-4444-555555555555';
    const servicesKey = 'arn:aws:kms:us-east-2:222222222222:key/66666666-2222-3333-4444-555555555555';
    const { json, keys } = synthKeys({ storage: { existingKeyArn: storageKey }, managedServices: { existingKeyArn: servicesKey } });
    expect(resourcesOf(json, 'aws_kms_key')).toHaveLength(0);
    expect(resourcesOf(json, 'databricks_mws_customer_managed_keys').map(([, c]) => c.aws_key_info.key_arn).sort()).toEqual([servicesKey, storageKey].sort());
    expect(keys.storageKeyArn).toBe(storageKey);
  });

  test('with both use cases off, the root bucket still gets a storage key that is not registered', () => {
    const { json, keys } = synthKeys({ storage: { enabled: false }, managedServices: { enabled: false } });
    expect(resourcesOf(json, 'aws_kms_key')).toHaveLength(1);
    expect(resourcesOf(json, 'databricks_mws_customer_managed_keys')).toHaveLength(0);
    expect(keys.storageKeyId).toBeUndefined();
    expect(keys.managedServicesKeyId).toBeUndefined();
  });
});
