import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { DataDatabricksAwsAssumeRolePolicy } from '@cdktf/provider-databricks/lib/data-databricks-aws-assume-role-policy';
import { MwsWorkspaces } from '@cdktf/provider-databricks/lib/mws-workspaces';
import { DatabricksProvider } from '@cdktf/provider-databricks/lib/provider';
import { Secret } from '@cdktf/provider-databricks/lib/secret';
import { Aspects, TerraformStack, TerraformVariable, Testing, type TerraformResource } from 'cdktf';
import { CustomerManagedKey } from '../../constructs/aws/customer-managed-key';
import { SecureBucket } from '../../constructs/aws/secure-bucket';
import { Naming } from '../../constructs/naming';
import { protectFromDestroy } from '../../constructs/protection';
import { terraformLiteral } from '../../constructs/terraform-literal';
import { GuardrailChecks } from '../../guardrails';

const ACCOUNT = '111122223333';
/** Text "from the environment files" of the fixture: a comment trying to interpolate a variable. */
export const FIXTURE_USER_TEXT = ['Owned by ${var.secret_value} %{ if true }team%{ endif }'];
export const UC_MASTER_ROLE = 'arn:aws:iam::414351767826:role/unity-catalog-prod-UCMasterRole-14S5ZJVKOTYTL';

/** A small stack that satisfies every rule; tests break one thing at a time. Named "test" unless told. */
export function compliantStack(protect = true, stackName = 'test') {
  const stack = new TerraformStack(Testing.app(), stackName);
  Aspects.of(stack).add(new GuardrailChecks({ protect, userText: FIXTURE_USER_TEXT }));
  const aws = new AwsProvider(stack, 'aws', {
    region: 'us-east-2',
    defaultTags: [{ tags: { Environment: 'test', Owner: 'fx-owner', CostCenter: 'FX-1' } }],
  });
  const databricks = new DatabricksProvider(stack, 'databricks', { host: 'https://accounts.cloud.databricks.com', accountId: 'acc' });
  const naming = new Naming('fx', 'test');
  const key = new CustomerManagedKey(stack, 'key', {
    context: { naming, awsAccountId: ACCOUNT, region: 'us-east-2', tags: {}, protect },
    purpose: 'data', description: 'test key', administratorArns: [`arn:aws:iam::${ACCOUNT}:role/admin`],
  });
  const bucket = new SecureBucket(stack, 'bucket', { bucketName: 'fx-test-data', kmsKeyArn: key.arn, protect });
  const trustDocument = new DataAwsIamPolicyDocument(stack, 'trust', {
    statement: [{
      sid: 'UnityCatalog',
      principals: [{ type: 'AWS', identifiers: [UC_MASTER_ROLE] }],
      actions: ['sts:AssumeRole'],
      condition: [{ test: 'StringEquals', variable: 'sts:ExternalId', values: ['external-id'] }],
    }],
  });
  const role = new IamRole(stack, 'role', { name: 'uc-access', assumeRolePolicy: trustDocument.json });
  const databricksTrust = new DataDatabricksAwsAssumeRolePolicy(stack, 'databricks-trust', { provider: databricks, externalId: 'acc' });
  const literalPolicy = new IamPolicy(stack, 'literal-policy', {
    name: 'read-data',
    policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: '*' }] }),
  });
  const workspace = new MwsWorkspaces(stack, 'workspace', {
    provider: databricks, accountId: 'acc', workspaceName: 'test', awsRegion: 'us-east-2',
    managedServicesCustomerManagedKeyId: 'cmk-managed', storageCustomerManagedKeyId: 'cmk-storage',
  });
  protectFromDestroy(workspace, protect);
  const secretValue = new TerraformVariable(stack, 'secret_value', { type: 'string', sensitive: true });
  const secret = new Secret(stack, 'secret', { provider: databricks, scope: 'app', key: 'password', stringValue: secretValue.stringValue });
  const vpc = new Vpc(stack, 'vpc', { cidrBlock: '10.0.0.0/16', tags: { Note: terraformLiteral(FIXTURE_USER_TEXT[0]) } });
  return { stack, aws, databricks, key, bucket, trustDocument, role, databricksTrust, literalPolicy, workspace, secret, vpc };
}

export type Fixture = ReturnType<typeof compliantStack>;

export const child = (scope: { node: { findChild(id: string): unknown } }, id: string) => scope.node.findChild(id) as TerraformResource;

/** Synthesizes with validations, as `app.synth()` does; returns the error message or undefined. */
export function synthError(stack: TerraformStack): string | undefined {
  try {
    Testing.synth(stack, true);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
