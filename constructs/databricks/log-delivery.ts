import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { DataDatabricksAwsAssumeRolePolicy } from '@cdktf/provider-databricks/lib/data-databricks-aws-assume-role-policy';
import { DataDatabricksAwsBucketPolicy } from '@cdktf/provider-databricks/lib/data-databricks-aws-bucket-policy';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { CustomerManagedKey } from '../aws/customer-managed-key';
import { IamPropagationWait } from '../aws/iam-propagation';
import { awsPrincipals, condition, denyInsecureTransport, viaService, type PolicyStatement } from '../aws/policy';
import { SecureBucket } from '../aws/secure-bucket';
import type { StackContext } from '../context';
import { LogDeliveryConfigurations, type LogDeliveryTarget } from './log-delivery-configurations';

/** What the delivery role needs on the key when the bucket encrypts with SSE-KMS (S3 calls KMS as the writer). */
export const LOG_DELIVERY_KEY_ACTIONS = ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey*', 'kms:DescribeKey'];

/** Key policy statement letting the delivery role encrypt delivered objects, through S3 only. */
export function deliveryRoleKeyStatement(roleArn: string, bucketRegion: string): PolicyStatement {
  return {
    sid: 'LogDeliveryRoleEncryptsViaS3',
    principals: awsPrincipals(roleArn),
    actions: LOG_DELIVERY_KEY_ACTIONS,
    resources: ['*'],
    condition: [viaService('s3', bucketRegion)],
  };
}

/**
 * S3 actions of the delivery role, as Databricks' "Configure credentials for audit log delivery" page
 * (docs.databricks.com/en/admin/account-settings-e2/audit-aws-credentials.html) lists them.
 */
export const LOG_DELIVERY_OBJECT_ACTIONS = [
  's3:PutObject', 's3:GetObject', 's3:DeleteObject', 's3:PutObjectAcl', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts',
];
/** Bucket-level listing of in-progress multipart uploads (same page); S3 sends no s3:prefix key with it, so no prefix condition. */
export const LOG_DELIVERY_UPLOAD_LISTING = 's3:ListBucketMultipartUploads';

/**
 * Bucket statements beyond databricks_aws_bucket_policy: Databricks writes with the
 * bucket-owner-full-control canned ACL and multipart uploads, which need these actions too
 * (a bucket in another account authorises the role only through its bucket policy).
 */
export function deliveryBucketStatements(bucketArn: string, roleArn: string, prefix: string): PolicyStatement[] {
  return [
    {
      sid: 'LogDeliveryRoleWritesWithAcl',
      principals: awsPrincipals(roleArn),
      actions: ['s3:PutObjectAcl', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
      resources: [`${bucketArn}/${prefix}/*`],
    },
    { sid: 'LogDeliveryRoleListsUploads', principals: awsPrincipals(roleArn), actions: [LOG_DELIVERY_UPLOAD_LISTING], resources: [bucketArn] },
  ];
}

/** The role's own permissions, as Databricks documents them; required when the bucket is in another account. */
export function deliveryRoleStatements(bucketArn: string, prefix: string, keyArn?: string): PolicyStatement[] {
  const statements: PolicyStatement[] = [
    { sid: 'LocateLogBucket', actions: ['s3:GetBucketLocation'], resources: [bucketArn] },
    {
      sid: 'ListLogPrefix',
      actions: ['s3:ListBucket'],
      resources: [bucketArn],
      condition: [condition('StringLike', 's3:prefix', prefix, `${prefix}/*`)],
    },
    { sid: 'ListMultipartUploads', actions: [LOG_DELIVERY_UPLOAD_LISTING], resources: [bucketArn] },
    { sid: 'WriteLogs', actions: LOG_DELIVERY_OBJECT_ACTIONS, resources: [`${bucketArn}/${prefix}/`, `${bucketArn}/${prefix}/*`] },
  ];
  if (keyArn) statements.push({ sid: 'EncryptLogs', actions: LOG_DELIVERY_KEY_ACTIONS, resources: [keyArn] });
  return statements;
}

/** Storage-class transitions and expiry of delivered logs, in days; undefined: never. */
export interface LogBucketLifecycle {
  readonly transitionToInfrequentAccessDays?: number;
  readonly transitionToGlacierDays?: number;
  readonly expireDays?: number;
  readonly noncurrentVersionExpireDays: number;
}

export interface AccountLogDeliveryProps {
  /**
   * The account stack's context: names the role, key and configurations (`<prefix>-account-...`); the role
   * (and a created bucket) live in its AWS account and region; its Databricks account is the trust's external id.
   */
  readonly context: StackContext;
  readonly target: LogDeliveryTarget;
  /** `create`: the bucket and its key are made here; `external`: its owner applies the policy this construct outputs. */
  readonly bucket:
    | { readonly mode: 'create'; readonly lifecycle: LogBucketLifecycle }
    | { readonly mode: 'external'; /** Key of the bucket's default encryption, when SSE-KMS. */ readonly kmsKeyArn?: string };
  readonly billableUsage: boolean;
  readonly auditLogs: boolean;
  /** First month delivered (YYYY-MM). Default: the month of creation. */
  readonly deliveryStartTime?: string;
  /** Administrators of the bucket key. Must not be empty when the bucket is created. */
  readonly administratorArns: string[];
}

/**
 * Account-wide billable-usage and audit log delivery: the delivery role, the bucket (created here,
 * or external with a policy document for its owner to apply) and the account-wide configurations.
 */
export class AccountLogDelivery extends Construct {
  readonly role: IamRole;
  readonly bucket?: SecureBucket;
  readonly key?: CustomerManagedKey;
  /** For an external bucket: the policy its owner applies; for a created bucket: the applied policy. */
  readonly bucketPolicy: DataAwsIamPolicyDocument;
  /** For an external SSE-KMS bucket: the key policy statement its owner adds. */
  readonly externalKeyPolicy?: DataAwsIamPolicyDocument;
  readonly configurations: LogDeliveryConfigurations;

  constructor(scope: Construct, id: string, props: AccountLogDeliveryProps) {
    super(scope, id);
    const { context, target, bucket } = props;
    const { accountProvider: provider, protect } = context;
    const bucketArn = `arn:aws:s3:::${target.bucketName}`;

    const trust = new DataDatabricksAwsAssumeRolePolicy(this, 'trust', {
      provider,
      externalId: context.databricksAccountId,
      forLogDelivery: true,
    });
    this.role = new IamRole(this, 'role', {
      name: target.roleName,
      description: 'Assumed by Databricks to deliver billable-usage and audit logs',
      assumeRolePolicy: trust.json,
      maxSessionDuration: 3600,
    });
    const databricksAccess = new DataDatabricksAwsBucketPolicy(this, 'bucket-access', {
      provider,
      bucket: target.bucketName,
      fullAccessRole: this.role.arn,
    });
    const extraStatements = deliveryBucketStatements(bucketArn, this.role.arn, target.prefix);

    let keyArn: string | undefined;
    const ready: ITerraformDependable[] = [this.role];
    if (bucket.mode === 'create') {
      this.key = new CustomerManagedKey(this, 'key', {
        context,
        purpose: 'log-delivery',
        description: 'Databricks billable-usage and audit logs',
        administratorArns: props.administratorArns,
        allowAccountUseViaS3: true,
        statements: [deliveryRoleKeyStatement(this.role.arn, target.bucketRegion)],
      });
      keyArn = this.key.arn;
      const lifecycle = bucket.lifecycle;
      this.bucket = new SecureBucket(this, 'bucket', {
        bucketName: target.bucketName,
        kmsKeyArn: keyArn,
        // What Databricks' log-delivery docs ask for. Databricks uploads with the bucket-owner-full-control
        // canned ACL; under BucketOwnerPreferred such objects belong to the bucket owner even when the writing
        // role is in another AWS account. (The role here is in the bucket's account, so it owns them anyway.)
        // ACLs stay enabled on this bucket; the public-access block still ignores and blocks public ACLs.
        objectOwnership: 'BucketOwnerPreferred',
        policyDocuments: [databricksAccess.json],
        statements: extraStatements,
        lifecycle: {
          transitionToInfrequentAccessDays: lifecycle.transitionToInfrequentAccessDays,
          transitionToGlacierDays: lifecycle.transitionToGlacierDays,
          expireDays: lifecycle.expireDays,
          noncurrentVersionExpireDays: lifecycle.noncurrentVersionExpireDays,
        },
        protect,
      });
      this.bucketPolicy = this.bucket.policyDocument;
      ready.push(this.bucket.policy);
    } else {
      keyArn = bucket.kmsKeyArn;
      // Applied by the bucket owner in the other account (output of the account stack).
      this.bucketPolicy = new DataAwsIamPolicyDocument(this, 'external-bucket-policy', {
        sourcePolicyDocuments: [databricksAccess.json],
        statement: [denyInsecureTransport(bucketArn), ...extraStatements],
      });
      if (keyArn) {
        this.externalKeyPolicy = new DataAwsIamPolicyDocument(this, 'external-key-policy', {
          statement: [deliveryRoleKeyStatement(this.role.arn, target.bucketRegion)],
        });
      }
    }

    const rolePolicy = new DataAwsIamPolicyDocument(this, 'role-policy-document', {
      statement: deliveryRoleStatements(bucketArn, target.prefix, keyArn),
    });
    ready.push(new IamRolePolicy(this, 'role-policy', { name: 'log-delivery', role: this.role.id, policy: rolePolicy.json }));
    const propagation = new IamPropagationWait(this, 'propagation', ready);

    this.configurations = new LogDeliveryConfigurations(this, 'configurations', {
      context,
      roleArn: this.role.arn,
      bucketName: target.bucketName,
      prefix: target.prefix,
      billableUsage: props.billableUsage,
      auditLogs: props.auditLogs,
      deliveryStartTime: props.deliveryStartTime,
      dependsOn: [propagation.sleep],
    });
  }
}
