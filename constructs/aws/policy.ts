import type { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';

/** A typed IAM policy statement, rendered by the aws_iam_policy_document data source. */
export type PolicyStatement = DataAwsIamPolicyDocumentStatement;

export const awsPrincipals = (...identifiers: string[]) => [{ type: 'AWS', identifiers }];

export const condition = (test: string, variable: string, ...values: string[]) => ({ test, variable, values });

export const accountRoot = (awsAccountId: string) => `arn:aws:iam::${awsAccountId}:root`;

/** ARN of a role by name: lets a policy name a role whose ARN is needed before the role exists. */
export const roleArnFor = (awsAccountId: string, roleName: string) => `arn:aws:iam::${awsAccountId}:role/${roleName}`;

/** The AWS account id field of an ARN. */
export const accountIdOf = (arn: string) => arn.split(':')[4];

/** Limits a KMS grant to requests a service (s3, ec2) makes on the caller's behalf in `region`. */
export const viaService = (service: 's3' | 'ec2', region: string) => condition('StringEquals', 'kms:ViaService', `${service}.${region}.amazonaws.com`);

/** Denies every request that does not use TLS: the baseline for every bucket. */
export function denyInsecureTransport(bucketArn: string): PolicyStatement {
  return {
    sid: 'DenyInsecureTransport',
    effect: 'Deny',
    principals: [{ type: '*', identifiers: ['*'] }],
    actions: ['s3:*'],
    resources: [bucketArn, `${bucketArn}/*`],
    condition: [condition('Bool', 'aws:SecureTransport', 'false')],
  };
}
