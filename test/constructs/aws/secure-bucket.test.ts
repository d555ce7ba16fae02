import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Testing } from 'cdktf';
import { SecureBucket, type SecureBucketProps } from '../../../constructs/aws/secure-bucket';
import { addressOf, dataOf, resourcesOf, statementsBySid, type Synthesized } from '../../support/synth';

const KEY = 'arn:aws:kms:us-east-2:222222222222:key/11111111-2222-3333-4444-555555555555';

function synthBucket(props: Partial<SecureBucketProps> = {}): { raw: string; json: Synthesized } {
  const raw = Testing.synthScope((scope) => new SecureBucket(scope, 'logs', { bucketName: 'fx-alpha-logs-222222222222', kmsKeyArn: KEY, ...props }));
  return { raw, json: JSON.parse(raw) };
}

describe('SecureBucket', () => {
  const { raw, json } = synthBucket();

  test('is SSE-KMS with the customer-managed key and bucket keys', () => {
    expect(raw).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
      rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: KEY }, bucket_key_enabled: true }],
    });
  });

  test('is versioned, blocks all public access and enforces bucket ownership', () => {
    expect(raw).toHaveResourceWithProperties(S3BucketVersioningA, { versioning_configuration: { status: 'Enabled' } });
    expect(raw).toHaveResourceWithProperties(S3BucketPublicAccessBlock, {
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(raw).toHaveResourceWithProperties(S3BucketOwnershipControls, { rule: { object_ownership: 'BucketOwnerEnforced' } });
  });

  test('is protected from destroy by default and never force-destroyed', () => {
    expect(raw).toHaveResourceWithProperties(S3Bucket, { bucket: 'fx-alpha-logs-222222222222', force_destroy: false, lifecycle: { prevent_destroy: true } });
    const unprotected = synthBucket({ protect: false }).json;
    const [[, bucket]] = resourcesOf(unprotected, 'aws_s3_bucket');
    expect(bucket.lifecycle).toBeUndefined();
    expect(bucket.force_destroy).toBe(false);
  });

  test('denies every non-TLS request in its policy', () => {
    const [[, document]] = dataOf(json, 'aws_iam_policy_document');
    const deny = statementsBySid(document).DenyInsecureTransport;
    expect(deny).toMatchObject({
      effect: 'Deny',
      actions: ['s3:*'],
      principals: [{ type: '*', identifiers: ['*'] }],
      condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
    });
    const bucket = addressOf(json, 'aws_s3_bucket');
    expect(deny.resources).toEqual([`\${${bucket}.arn}`, `\${${bucket}.arn}/*`]);
    const [[, policy]] = resourcesOf(json, 'aws_s3_bucket_policy');
    expect(policy.policy).toBe(`\${${addressOf(json, 'aws_iam_policy_document', 'data')}.json}`);
    expect(policy.depends_on).toEqual([addressOf(json, 'aws_s3_bucket_public_access_block')]);
  });

  test('merges extra policy documents and statements with the TLS deny', () => {
    const { json: merged } = synthBucket({
      policyDocuments: ['{"Version":"2012-10-17","Statement":[]}'],
      statements: [{ sid: 'Extra', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::x/*'], principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::222222222222:role/r'] }] }],
      objectOwnership: 'BucketOwnerPreferred',
    });
    const [[, document]] = dataOf(merged, 'aws_iam_policy_document');
    expect(document.source_policy_documents).toEqual(['{"Version":"2012-10-17","Statement":[]}']);
    expect(Object.keys(statementsBySid(document))).toEqual(['DenyInsecureTransport', 'Extra']);
    const [[, ownership]] = resourcesOf(merged, 'aws_s3_bucket_ownership_controls');
    expect(ownership.rule.object_ownership).toBe('BucketOwnerPreferred');
  });

  test('has a baseline lifecycle and optional transitions and expiry', () => {
    const [[, baseline]] = resourcesOf(json, 'aws_s3_bucket_lifecycle_configuration');
    expect(baseline.rule).toEqual([
      expect.objectContaining({
        status: 'Enabled',
        abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
        noncurrent_version_expiration: [{ noncurrent_days: 90 }],
      }),
    ]);
    expect(baseline.rule[0].transition).toBeUndefined();
    expect(baseline.rule[0].expiration).toBeUndefined();
    const { json: tiered } = synthBucket({ lifecycle: { transitionToInfrequentAccessDays: 30, transitionToGlacierDays: 90, expireDays: 365 } });
    const [[, rules]] = resourcesOf(tiered, 'aws_s3_bucket_lifecycle_configuration');
    expect(rules.rule[0].transition).toEqual([
      { days: 30, storage_class: 'STANDARD_IA' },
      { days: 90, storage_class: 'GLACIER_IR' },
    ]);
    expect(rules.rule[0].expiration).toEqual([{ days: 365 }]);
  });
});
