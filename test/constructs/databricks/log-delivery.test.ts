import { LOG_DELIVERY_OBJECT_ACTIONS } from '../../../constructs/databricks/log-delivery';
import { dataOf, referenceTo, resourcesOf, statementsBySid, synthApp, type Synthesized } from '../../support/synth';
import { environmentFixture, fixtureConfig, FIXTURE } from '../../support/fixtures';

// Specification on fixtures: the account fixture's default delivery; alpha adds a workspace-filtered
// audit delivery and a budget with two thresholds, beta a budget with the default threshold, gamma neither.
const RECIPIENTS = ['alerts@example.org', 'finance@example.org'];
const config = fixtureConfig({
  environments: [
    environmentFixture('alpha', { logDelivery: { enabled: true, billableUsage: false }, budget: { amountUsd: 20000, alertThresholdsPercent: [80, 100], recipients: RECIPIENTS } }),
    environmentFixture('beta', { budget: { amountUsd: 3000, recipients: RECIPIENTS.slice(0, 1) } }),
    environmentFixture('gamma'),
  ],
});
const stacks = synthApp(config);
const account = stacks.account;

// Testing.synth drops construct metadata, so objects are found by logical id: the construct path
// joined with "_" (a repeated segment once) plus an 8-character hash.
function entryAt(entries: [string, Record<string, any>][], id: string): [string, Record<string, any>] {
  const stem = id.split('/').filter((segment, i, all) => segment !== all[i - 1]).join('_');
  const found = entries.filter(([name]) => new RegExp(`^${stem}_[0-9A-F]{8}$`).test(name));
  if (found.length !== 1) throw new Error(`expected one object with id ${id}, found ${found.length}`);
  return found[0];
}
const logicalName = (stack: Synthesized, type: string, id: string) => entryAt(resourcesOf(stack, type), id)[0];
const resourceAt = (stack: Synthesized, type: string, id: string) => entryAt(resourcesOf(stack, type), id)[1];
const dataAt = (stack: Synthesized, type: string, id: string) => entryAt(dataOf(stack, type), id)[1];

const roleName = logicalName(account, 'aws_iam_role', 'log-delivery/role');
const roleArn = referenceTo('aws_iam_role', roleName, 'arn');
const bucketName = `fx-account-logs-${FIXTURE.accountId}`;

describe('account log delivery: bucket', () => {
  it('lets the bucket owner own delivered objects (BucketOwnerPreferred)', () => {
    expect(resourceAt(account, 'aws_s3_bucket_ownership_controls', 'log-delivery/bucket/ownership').rule.object_ownership).toBe('BucketOwnerPreferred');
  });

  it('encrypts with SSE-KMS under its own customer-managed key and keeps versions', () => {
    const keyName = logicalName(account, 'aws_kms_key', 'log-delivery/key/key');
    const rule = resourceAt(account, 'aws_s3_bucket_server_side_encryption_configuration', 'log-delivery/bucket/encryption').rule[0];
    expect(rule.apply_server_side_encryption_by_default).toEqual({ sse_algorithm: 'aws:kms', kms_master_key_id: referenceTo('aws_kms_key', keyName, 'arn') });
    expect(resourceAt(account, 'aws_s3_bucket_versioning', 'log-delivery/bucket/versioning').versioning_configuration.status).toBe('Enabled');
    expect(resourceAt(account, 'aws_s3_bucket', 'log-delivery/bucket/bucket')).toMatchObject({ bucket: bucketName, lifecycle: { prevent_destroy: true } });
  });

  it('applies the default lifecycle: STANDARD_IA at 90 days, GLACIER_IR at 365, no expiry', () => {
    const rule = resourceAt(account, 'aws_s3_bucket_lifecycle_configuration', 'log-delivery/bucket/lifecycle').rule[0];
    expect(rule.transition).toEqual([{ days: 90, storage_class: 'STANDARD_IA' }, { days: 365, storage_class: 'GLACIER_IR' }]);
    expect(rule.expiration).toBeUndefined();
    expect(rule.noncurrent_version_expiration).toEqual([{ noncurrent_days: 30 }]);
  });

  it('merges the Databricks bucket policy (delivery role, full access) with TLS-only and ACL statements', () => {
    const access = dataAt(account, 'databricks_aws_bucket_policy', 'log-delivery/bucket-access');
    expect(access).toMatchObject({ bucket: bucketName, full_access_role: roleArn });
    const accessName = dataOf(account, 'databricks_aws_bucket_policy')[0][0];
    const document = dataAt(account, 'aws_iam_policy_document', 'log-delivery/bucket/policy-document');
    expect(document.source_policy_documents).toEqual([referenceTo('data.databricks_aws_bucket_policy', accessName, 'json')]);
    const statements = statementsBySid(document);
    expect(statements.DenyInsecureTransport).toMatchObject({ effect: 'Deny', condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }] });
    expect(statements.LogDeliveryRoleWritesWithAcl).toMatchObject({
      principals: [{ type: 'AWS', identifiers: [roleArn] }],
      actions: expect.arrayContaining(['s3:PutObjectAcl']),
      resources: [expect.stringMatching(/\/databricks\/\*$/)],
    });
  });

  it('lets the delivery role use the key only through S3, next to administration', () => {
    const statements = statementsBySid(dataAt(account, 'aws_iam_policy_document', 'log-delivery/key/policy'));
    expect(statements.LogDeliveryRoleEncryptsViaS3).toMatchObject({
      principals: [{ type: 'AWS', identifiers: [roleArn] }],
      actions: expect.arrayContaining(['kms:GenerateDataKey*', 'kms:Encrypt']),
      condition: [{ test: 'StringEquals', variable: 'kms:ViaService', values: [`s3.${FIXTURE.region}.amazonaws.com`] }],
    });
    expect(statements.KeyAdministration.principals[0].identifiers).toEqual([config.account.aws.deployRoleArn]);
  });
});

describe('account log delivery: role and Databricks objects', () => {
  it('trusts Databricks log delivery with the account id as external id', () => {
    const trust = dataAt(account, 'databricks_aws_assume_role_policy', 'log-delivery/trust');
    expect(trust).toMatchObject({ for_log_delivery: true, external_id: config.account.databricksAccountId, provider: 'databricks.account' });
    const trustName = dataOf(account, 'databricks_aws_assume_role_policy')[0][0];
    expect(resourceAt(account, 'aws_iam_role', 'log-delivery/role')).toMatchObject({
      name: 'fx-account-log-delivery',
      assume_role_policy: referenceTo('data.databricks_aws_assume_role_policy', trustName, 'json'),
    });
  });

  it('scopes the role policy to the bucket and prefix', () => {
    const statements = statementsBySid(dataAt(account, 'aws_iam_policy_document', 'log-delivery/role-policy-document'));
    expect(statements.WriteLogs.resources).toEqual([`arn:aws:s3:::${bucketName}/databricks/`, `arn:aws:s3:::${bucketName}/databricks/*`]);
    expect(statements.ListLogPrefix.condition[0]).toMatchObject({ test: 'StringLike', variable: 's3:prefix' });
    // The documented action list, s3:ListBucketMultipartUploads included (bucket-level, no prefix key in its request).
    expect(statements.WriteLogs.actions).toEqual(LOG_DELIVERY_OBJECT_ACTIONS);
    expect(statements.ListMultipartUploads).toEqual({ sid: 'ListMultipartUploads', actions: ['s3:ListBucketMultipartUploads'], resources: [`arn:aws:s3:::${bucketName}`] });
    const granted = Object.values(statements).flatMap((statement) => statement.actions as string[]);
    for (const action of ['s3:GetBucketLocation', 's3:ListBucket', 's3:ListBucketMultipartUploads', 's3:PutObject', 's3:GetObject', 's3:DeleteObject', 's3:PutObjectAcl', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts']) {
      expect(granted).toContain(action);
    }
    expect(statements.EncryptLogs.resources[0]).toMatch(/^\$\{aws_kms_key\./);
  });

  it('registers the role only after IAM and the bucket policy have propagated', () => {
    const sleepName = logicalName(account, 'time_sleep', 'log-delivery/propagation/wait');
    const sleep = resourceAt(account, 'time_sleep', 'log-delivery/propagation/wait');
    expect(sleep.depends_on).toEqual(expect.arrayContaining([`aws_iam_role.${roleName}`, expect.stringMatching(/^aws_s3_bucket_policy\./), expect.stringMatching(/^aws_iam_role_policy\./)]));
    expect(resourceAt(account, 'databricks_mws_credentials', 'log-delivery/configurations/credentials')).toMatchObject({
      role_arn: roleArn,
      credentials_name: 'fx-account-log-delivery',
      depends_on: [`time_sleep.${sleepName}`],
    });
    expect(resourceAt(account, 'databricks_mws_storage_configurations', 'log-delivery/configurations/storage').bucket_name).toBe(bucketName);
  });

  it('delivers billable usage as CSV and audit logs as JSON, account-wide, under the prefix', () => {
    const billable = resourceAt(account, 'databricks_mws_log_delivery', 'log-delivery/configurations/billable-usage');
    const audit = resourceAt(account, 'databricks_mws_log_delivery', 'log-delivery/configurations/audit-logs');
    expect(billable).toMatchObject({ log_type: 'BILLABLE_USAGE', output_format: 'CSV', delivery_path_prefix: 'databricks', config_name: 'fx-account-billable-usage', status: 'ENABLED' });
    expect(audit).toMatchObject({ log_type: 'AUDIT_LOGS', output_format: 'JSON', delivery_path_prefix: 'databricks/audit-logs', config_name: 'fx-account-audit-logs' });
    for (const delivery of [billable, audit]) {
      expect(delivery.workspace_ids_filter).toBeUndefined();
      expect(delivery.credentials_id).toMatch(/^\$\{databricks_mws_credentials\./);
      expect(delivery.storage_configuration_id).toMatch(/^\$\{databricks_mws_storage_configurations\./);
    }
  });

  it('outputs no external policy when the bucket is created here', () => {
    expect(Object.keys(account.output ?? {}).filter((name) => name.startsWith('log_delivery')).sort()).toEqual(['log_delivery_bucket', 'log_delivery_role_arn']);
  });
});

describe('per-environment delivery and budgets', () => {
  it('adds workspace-filtered audit delivery where enabled, reusing the account role and bucket', () => {
    const prod = stacks.alpha;
    const deliveries = resourcesOf(prod, 'databricks_mws_log_delivery').map(([, c]) => c);
    expect(deliveries).toHaveLength(1);
    const workspaceName = resourcesOf(prod, 'databricks_mws_workspaces')[0][0];
    expect(deliveries[0]).toMatchObject({
      log_type: 'AUDIT_LOGS',
      config_name: 'fx-alpha-audit-logs',
      delivery_path_prefix: 'databricks/environments/alpha/audit-logs',
      workspace_ids_filter: [referenceTo('databricks_mws_workspaces', workspaceName, 'workspace_id')],
    });
    expect(resourceAt(prod, 'databricks_mws_credentials', 'log-delivery/credentials').role_arn).toBe(`arn:aws:iam::${FIXTURE.accountId}:role/fx-account-log-delivery`);
    expect(resourceAt(prod, 'databricks_mws_storage_configurations', 'log-delivery/storage').bucket_name).toBe(bucketName);
    expect(resourcesOf(stacks.gamma, 'databricks_mws_log_delivery')).toHaveLength(0);
  });
});
