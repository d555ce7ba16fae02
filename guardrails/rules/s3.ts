import { asList, refersTo, resourcesOf, type Block, type Json, type StackModel } from '../model';
import { policyStatements } from '../policy';
import type { Finding, Rule } from '../rule';

/** Companion resources (versioning, encryption, ...) of a bucket: their `bucket` references it. */
function companions(model: StackModel, bucket: Block, type: string): Block[] {
  return resourcesOf(model, type).filter((b) => refersTo(b.config.bucket, bucket) || (typeof b.config.bucket === 'string' && b.config.bucket === bucket.config.bucket));
}

function perBucket(model: StackModel, failure: (bucket: Block) => string | undefined): Finding[] {
  return resourcesOf(model, 'aws_s3_bucket').flatMap((block) => {
    const detail = failure(block);
    return detail === undefined ? [] : [{ block, detail }];
  });
}

const sseDefaults = (config: Json) => asList<Json>(config.rule).flatMap((r) => asList<Json>(r.apply_server_side_encryption_by_default));

export const s3Rules: Rule[] = [
  {
    id: 'DBX-S3-001',
    severity: 'error',
    reason: 'S3 buckets are encrypted with a customer-managed KMS key (SSE-KMS), not SSE-S3/AES256.',
    fix: 'Use SecureBucket, or add aws_s3_bucket_server_side_encryption_configuration with sse_algorithm "aws:kms" and kms_master_key_id.',
    check: (model) => perBucket(model, (bucket) => {
      const defaults = companions(model, bucket, 'aws_s3_bucket_server_side_encryption_configuration').flatMap((c) => sseDefaults(c.config));
      if (defaults.length === 0) return 'no server-side encryption configuration';
      // Every rule counts: of two configurations for one bucket, either may be the one AWS keeps.
      const weak = defaults.filter((d) => !(String(d.sse_algorithm).startsWith('aws:kms') && typeof d.kms_master_key_id === 'string' && d.kms_master_key_id !== ''));
      return weak.length === 0 ? undefined : `encryption is ${weak.map((d) => d.sse_algorithm).join(', ')} without a customer-managed key`;
    }),
  },
  {
    id: 'DBX-S3-002',
    severity: 'error',
    reason: 'S3 buckets are versioned, so overwritten or deleted objects can be recovered.',
    fix: 'Use SecureBucket, or add aws_s3_bucket_versioning with versioning_configuration.status "Enabled".',
    check: (model) => perBucket(model, (bucket) => {
      const statuses = companions(model, bucket, 'aws_s3_bucket_versioning').flatMap((v) => asList<Json>(v.config.versioning_configuration)).map((c) => c.status);
      if (statuses.length === 0) return 'no aws_s3_bucket_versioning';
      const off = statuses.filter((status) => status !== 'Enabled');
      return off.length === 0 ? undefined : `versioning status is ${off.join(', ')}`;
    }),
  },
  {
    id: 'DBX-S3-003',
    severity: 'error',
    reason: 'S3 buckets block every form of public access (all four public-access-block settings).',
    fix: 'Use SecureBucket, or add aws_s3_bucket_public_access_block with block_public_acls, block_public_policy, ignore_public_acls and restrict_public_buckets = true.',
    check: (model) => perBucket(model, (bucket) => {
      const settings = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'];
      const blocks = companions(model, bucket, 'aws_s3_bucket_public_access_block');
      if (blocks.length === 0) return 'no aws_s3_bucket_public_access_block';
      const missing = settings.filter((s) => !blocks.every((b) => b.config[s] === true));
      return missing.length === 0 ? undefined : `not true: ${missing.join(', ')}`;
    }),
  },
  {
    id: 'DBX-S3-004',
    severity: 'error',
    reason: 'S3 bucket policies deny every request that does not use TLS (aws:SecureTransport = false).',
    fix: 'Use SecureBucket, or put the denyInsecureTransport(bucketArn) statement (constructs/aws/policy.ts) in the bucket policy.',
    check: (model) => perBucket(model, (bucket) => {
      const policies = companions(model, bucket, 'aws_s3_bucket_policy');
      if (policies.length === 0) return 'no aws_s3_bucket_policy';
      const statements = policies.flatMap((p) => policyStatements(model, p.config.policy));
      const denies = statements.some((s) =>
        s.effect === 'Deny' &&
        s.actions.some((a) => a === 's3:*' || a === '*') &&
        s.conditions.some((c) => c.test === 'Bool' && c.variable === 'aws:SecureTransport' && c.values.includes('false')),
      );
      return denies ? undefined : 'the bucket policy has no statement denying s3:* when aws:SecureTransport is false';
    }),
  },
  {
    id: 'DBX-S3-005',
    severity: 'warning',
    reason: 'SSE-KMS buckets enable S3 bucket keys, which cut KMS requests (and cost) by orders of magnitude.',
    fix: 'Set bucket_key_enabled = true in the encryption rule (SecureBucket does).',
    check: (model) => perBucket(model, (bucket) => {
      const rules = companions(model, bucket, 'aws_s3_bucket_server_side_encryption_configuration').flatMap((c) => asList<Json>(c.config.rule));
      const kmsRules = rules.filter((r) => asList<Json>(r.apply_server_side_encryption_by_default).some((d) => String(d.sse_algorithm).startsWith('aws:kms')));
      return kmsRules.some((r) => r.bucket_key_enabled !== true) ? 'bucket_key_enabled is not true' : undefined;
    }),
  },
];
