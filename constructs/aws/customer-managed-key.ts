import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { AwsContext } from '../context';
import { protectFromDestroy } from '../protection';
import { accountRoot, awsPrincipals, condition, viaService, type PolicyStatement } from './policy';

/**
 * Key administration without use. Explicit actions rather than the wildcards of AWS' default key-policy
 * example ("Allows key administrators", docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html):
 * `kms:Create*` includes kms:CreateGrant, with which an administrator could grant itself Decrypt. What stays
 * is kms:PutKeyPolicy, which managing the key needs (Terraform updates the policy); an administrator who
 * rewrites the policy to gain use does so visibly (CloudTrail, and drift in the next plan).
 */
export const KEY_ADMIN_ACTIONS = [
  'kms:CreateAlias', 'kms:DeleteAlias', 'kms:UpdateAlias', 'kms:DescribeKey', 'kms:EnableKey', 'kms:DisableKey',
  'kms:EnableKeyRotation', 'kms:DisableKeyRotation', 'kms:RotateKeyOnDemand', 'kms:GetKeyPolicy', 'kms:PutKeyPolicy',
  'kms:GetKeyRotationStatus', 'kms:ListKeyRotations', 'kms:ListKeyPolicies', 'kms:ListGrants', 'kms:RevokeGrant',
  'kms:ListResourceTags', 'kms:TagResource', 'kms:UntagResource', 'kms:UpdateKeyDescription',
  'kms:ScheduleKeyDeletion', 'kms:CancelKeyDeletion',
];

export const KEY_USE_ACTIONS = ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'];

/** What the cross-account role needs on a key to launch clusters with encrypted EBS volumes (through EC2). */
export const EBS_KEY_ACTIONS = ['kms:Decrypt', 'kms:GenerateDataKey*', 'kms:CreateGrant', 'kms:DescribeKey'];

export interface CustomerManagedKeyProps {
  /** Names the key and alias; the key lives in the context's AWS account and region; `protect` adds prevent_destroy. */
  readonly context: AwsContext;
  /** Purpose in the alias and description, e.g. "workspace-storage". */
  readonly purpose: string;
  readonly description: string;
  /** Principals allowed to administer the key. Must not be empty. */
  readonly administratorArns: string[];
  /** Statements granting use of the key, added after the administration statement. Default: none. */
  readonly statements?: PolicyStatement[];
  /**
   * Let IAM policies of this account use the key through S3 only (for buckets encrypted with it).
   * Default: false.
   */
  readonly allowAccountUseViaS3?: boolean;
  /**
   * Let the account (its IAM policies) administer the key, never use it: the key stays manageable when every
   * named administrator role is deleted. Without any account statement a lost administrator means a call
   * to AWS Support (AWS KMS docs, "Default key policy" / "Allows access to the AWS account and enables IAM
   * policies"). Narrower than that document's `kms:*`: use still needs a statement of its own. Default: true.
   */
  readonly accountAdministration?: boolean;
  /** Days before a scheduled deletion completes. Default: 30 when protected, else 7. */
  readonly deletionWindowInDays?: number;
  /** Resources the key must wait for, e.g. roles its policy names (KMS rejects unknown principals). Default: none. */
  readonly dependsOn?: ITerraformDependable[];
}

/** A symmetric KMS key with rotation, an alias and a policy built from typed statements. */
export class CustomerManagedKey extends Construct {
  readonly key: KmsKey;
  readonly alias: KmsAlias;
  readonly policyDocument: DataAwsIamPolicyDocument;

  constructor(scope: Construct, id: string, props: CustomerManagedKeyProps) {
    super(scope, id);
    const { naming, awsAccountId, region, protect } = props.context;
    if (props.administratorArns.length === 0) {
      throw new Error(`${naming.environment}: key "${props.purpose}" needs at least one administrator (aws.keyAdministratorArns)`);
    }

    const statements: PolicyStatement[] = [
      {
        sid: 'KeyAdministration',
        principals: awsPrincipals(...props.administratorArns),
        actions: KEY_ADMIN_ACTIONS,
        resources: ['*'],
      },
    ];
    if (props.accountAdministration ?? true) {
      statements.push({ sid: 'AccountAdministration', principals: awsPrincipals(accountRoot(awsAccountId)), actions: KEY_ADMIN_ACTIONS, resources: ['*'] });
    }
    if (props.allowAccountUseViaS3) {
      statements.push({
        sid: 'AccountPrincipalsUseViaS3',
        principals: awsPrincipals(accountRoot(awsAccountId)),
        actions: KEY_USE_ACTIONS,
        resources: ['*'],
        condition: [
          condition('StringEquals', 'kms:CallerAccount', awsAccountId),
          viaService('s3', region),
        ],
      });
    }
    statements.push(...(props.statements ?? []));

    this.policyDocument = new DataAwsIamPolicyDocument(this, 'policy', { statement: statements });
    this.key = new KmsKey(this, 'key', {
      description: props.description,
      enableKeyRotation: true,
      deletionWindowInDays: props.deletionWindowInDays ?? (protect ? 30 : 7),
      policy: this.policyDocument.json,
      tags: { Name: naming.name(props.purpose), Purpose: props.purpose },
      dependsOn: props.dependsOn,
    });
    protectFromDestroy(this.key, protect);
    this.alias = new KmsAlias(this, 'alias', { name: naming.kmsAlias(props.purpose), targetKeyId: this.key.keyId });
  }

  get arn(): string {
    return this.key.arn;
  }
}
