import { accountSchema } from '../../../environments/schema';
import { fixtureConfig } from '../../support/fixtures';
import { dataOf, resourcesOf, statementsBySid, synthApp } from '../../support/synth';

// The bucket lives in a log-archive account: only the role and Databricks objects are created here.
const base = fixtureConfig();
const config = {
  ...base,
  account: accountSchema.parse({
    ...base.account,
    logDelivery: {
      prefix: 'org/databricks',
      bucket: { mode: 'external', name: 'fx-log-archive', accountId: '999999999999', region: 'eu-central-1', kmsKeyArn: 'arn:aws:kms:eu-central-1:999999999999:key/11111111-2222-3333-4444-555555555555' },
    },
  }),
};
const account = synthApp(config, { only: ['account'] }).account;
const documents = Object.fromEntries(dataOf(account, 'aws_iam_policy_document').map(([name, doc]) => [name.replace(/_[0-9A-F]{8}$/, ''), doc]));

describe('account log delivery to an external bucket', () => {
  it('creates no bucket and no key in this account', () => {
    expect(resourcesOf(account, 'aws_s3_bucket')).toHaveLength(0);
    expect(resourcesOf(account, 'aws_kms_key')).toHaveLength(0);
  });

  it('outputs the bucket policy and key policy statement for the log-archive account', () => {
    expect(account.output?.log_delivery_bucket_policy.value).toMatch(/^\$\{data\.aws_iam_policy_document\.log-delivery_external-bucket-policy_/);
    expect(account.output?.log_delivery_bucket_policy.description).toContain('fx-log-archive in AWS account 999999999999');
    expect(account.output?.log_delivery_key_policy.value).toMatch(/^\$\{data\.aws_iam_policy_document\.log-delivery_external-key-policy_/);
  });

  it('builds the bucket policy from the Databricks policy, TLS-only and ACL statements on the prefix', () => {
    const policy = documents['log-delivery_external-bucket-policy'];
    expect(policy.source_policy_documents[0]).toMatch(/^\$\{data\.databricks_aws_bucket_policy\./);
    const statements = statementsBySid(policy);
    expect(statements.DenyInsecureTransport.resources).toEqual(['arn:aws:s3:::fx-log-archive', 'arn:aws:s3:::fx-log-archive/*']);
    expect(statements.LogDeliveryRoleWritesWithAcl.resources).toEqual(['arn:aws:s3:::fx-log-archive/org/databricks/*']);
    const keyStatement = statementsBySid(documents['log-delivery_external-key-policy']).LogDeliveryRoleEncryptsViaS3;
    expect(keyStatement.condition[0].values).toEqual(['s3.eu-central-1.amazonaws.com']);
  });

  it('grants the role its own S3 and KMS permissions, needed across accounts', () => {
    const statements = statementsBySid(documents['log-delivery_role-policy-document']);
    expect(statements.WriteLogs.resources).toEqual(['arn:aws:s3:::fx-log-archive/org/databricks/', 'arn:aws:s3:::fx-log-archive/org/databricks/*']);
    expect(statements.EncryptLogs.resources).toEqual([config.account.logDelivery.bucket.mode === 'external' && config.account.logDelivery.bucket.kmsKeyArn]);
  });

  it('still registers the external bucket and delivers both log types', () => {
    const [[, storage]] = resourcesOf(account, 'databricks_mws_storage_configurations');
    expect(storage.bucket_name).toBe('fx-log-archive');
    const deliveries = resourcesOf(account, 'databricks_mws_log_delivery').map(([, c]) => [c.log_type, c.delivery_path_prefix]);
    expect(deliveries.sort()).toEqual([['AUDIT_LOGS', 'org/databricks/audit-logs'], ['BILLABLE_USAGE', 'org/databricks']]);
  });
});
