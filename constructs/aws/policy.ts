import type { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';

/** A typed IAM policy statement, rendered by the aws_iam_policy_document data source. */
export type PolicyStatement = DataAwsIamPolicyDocumentStatement;

export const awsPrincipals = (...identifiers: string[]) => [{ type: 'AWS', identifiers }];

export const condition = (test: string, variable: string, ...values: string[]) => ({ test, variable, values });

export const accountRoot = (awsAccountId: string) => `arn:aws:iam::${awsAccountId}:root`;

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
