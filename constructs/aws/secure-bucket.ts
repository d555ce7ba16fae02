import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { protectFromDestroy } from '../protection';
import { denyInsecureTransport, type PolicyStatement } from './policy';

export interface BucketLifecycle {
  /** Days before current objects move to STANDARD_IA. Default: no transition. */
  readonly transitionToInfrequentAccessDays?: number;
  /** Days before current objects move to GLACIER_IR. Default: no transition. */
  readonly transitionToGlacierDays?: number;
  /** Days before current objects expire. Default: never. */
  readonly expireDays?: number;
  /** Days before noncurrent versions expire. Default: 90. */
  readonly noncurrentVersionExpireDays?: number;
}

export interface SecureBucketProps {
  readonly bucketName: string;
  /** Customer-managed KMS key for SSE-KMS; required, there is no SSE-S3 fallback. */
  readonly kmsKeyArn: string;
  /**
   * Object ownership. Default: BucketOwnerEnforced (ACLs off). The log bucket uses BucketOwnerPreferred,
   * as Databricks' log-delivery docs ask (uploads carry the bucket-owner-full-control ACL).
   */
  readonly objectOwnership?: 'BucketOwnerEnforced' | 'BucketOwnerPreferred';
  /** Policy JSON documents to merge (e.g. from databricks_aws_bucket_policy). Default: none. */
  readonly policyDocuments?: string[];
  /** Extra statements for the bucket policy. Default: none. */
  readonly statements?: PolicyStatement[];
  /** Lifecycle rules. Default: noncurrent versions expire after 90 days, incomplete uploads after 7. */
  readonly lifecycle?: BucketLifecycle;
  /** Adds prevent_destroy (force_destroy is always false). Default: true. */
  readonly protect?: boolean;
  /** Resources the bucket policy must wait for, e.g. roles it names (S3 rejects unknown principals). Default: none. */
  readonly policyDependsOn?: ITerraformDependable[];
}

/**
 * An S3 bucket with the blueprint's baseline: SSE-KMS with a customer-managed key and bucket keys,
 * versioning, all four public-access blocks, explicit object ownership, a TLS-only policy, lifecycle.
 */
export class SecureBucket extends Construct {
  readonly bucket: S3Bucket;
  readonly policyDocument: DataAwsIamPolicyDocument;
  readonly publicAccessBlock: S3BucketPublicAccessBlock;
  /** Depend on this before handing the bucket to a service that writes with the policy's grants. */
  readonly policy: S3BucketPolicy;

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    this.bucket = new S3Bucket(this, 'bucket', { bucket: props.bucketName, forceDestroy: false });
    protectFromDestroy(this.bucket, props.protect ?? true);
    const bucket = this.bucket.id;

    new S3BucketVersioningA(this, 'versioning', { bucket, versioningConfiguration: { status: 'Enabled' } });
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: props.kmsKeyArn }, bucketKeyEnabled: true }],
    });
    this.publicAccessBlock = new S3BucketPublicAccessBlock(this, 'public-access-block', {
      bucket,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, 'ownership', {
      bucket,
      rule: { objectOwnership: props.objectOwnership ?? 'BucketOwnerEnforced' },
    });

    this.policyDocument = new DataAwsIamPolicyDocument(this, 'policy-document', {
      sourcePolicyDocuments: props.policyDocuments,
      statement: [denyInsecureTransport(this.bucket.arn), ...(props.statements ?? [])],
    });
    // The public-access block must exist first, or a policy naming other accounts can be rejected.
    this.policy = new S3BucketPolicy(this, 'policy', { bucket, policy: this.policyDocument.json, dependsOn: [this.publicAccessBlock, ...(props.policyDependsOn ?? [])] });

    const lifecycle = props.lifecycle ?? {};
    const transitions = [
      { days: lifecycle.transitionToInfrequentAccessDays, storageClass: 'STANDARD_IA' },
      { days: lifecycle.transitionToGlacierDays, storageClass: 'GLACIER_IR' },
    ].filter((t): t is { days: number; storageClass: string } => t.days !== undefined);
    new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      bucket,
      rule: [
        {
          id: 'baseline',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
          noncurrentVersionExpiration: [{ noncurrentDays: lifecycle.noncurrentVersionExpireDays ?? 90 }],
          transition: transitions.length > 0 ? transitions : undefined,
          expiration: lifecycle.expireDays !== undefined ? [{ days: lifecycle.expireDays }] : undefined,
        },
      ],
    });
  }

  get arn(): string {
    return this.bucket.arn;
  }

  get name(): string {
    return this.bucket.bucket;
  }
}
