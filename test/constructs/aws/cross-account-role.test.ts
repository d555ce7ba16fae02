import { Testing } from 'cdktf';
import { CrossAccountRole, type CrossAccountRoleProps } from '../../../constructs/aws/cross-account-role';
import { stackContextFixture } from '../../support/construct-context';
import { addressOf, dataOf, resourcesOf, statementsBySid, type Synthesized } from '../../support/synth';

const DATABRICKS_ACCOUNT = '00000000-0000-4000-8000-00000000f1c5';

function synthRole(props: Partial<CrossAccountRoleProps> = {}): Synthesized {
  return JSON.parse(
    Testing.synthScope((scope) => {
      new CrossAccountRole(scope, 'role', {
        context: stackContextFixture(scope, { databricksAccountId: DATABRICKS_ACCOUNT, awsAccountId: '222222222222', region: 'us-east-2' }),
        vpcId: 'vpc-0abc12345def67890',
        securityGroupIds: ['sg-0ccccccccccccccccc'],
        ...props,
      });
    }),
  );
}

describe('CrossAccountRole', () => {
  const json = synthRole();

  test('trusts Databricks with the Databricks account id as external id', () => {
    const [[, trust]] = dataOf(json, 'databricks_aws_assume_role_policy');
    expect(trust).toMatchObject({ external_id: DATABRICKS_ACCOUNT, provider: 'databricks.account' });
    const [[, role]] = resourcesOf(json, 'aws_iam_role');
    expect(role).toMatchObject({ name: 'fx-alpha-crossaccount', assume_role_policy: `\${${addressOf(json, 'databricks_aws_assume_role_policy', 'data')}.json}` });
  });

  test('uses the restricted policy scoped to account, region, VPC and security group', () => {
    const [[, permissions]] = dataOf(json, 'databricks_aws_crossaccount_policy');
    expect(permissions).toMatchObject({
      policy_type: 'restricted',
      aws_account_id: '222222222222',
      region: 'us-east-2',
      vpc_id: 'vpc-0abc12345def67890',
      security_group_id: 'sg-0ccccccccccccccccc',
    });
    const [[, policy]] = resourcesOf(json, 'aws_iam_role_policy');
    expect(policy.policy).toBe(`\${${addressOf(json, 'databricks_aws_crossaccount_policy', 'data')}.json}`);
  });

  test('falls back to the customer-managed-VPC policy with several security groups', () => {
    const [[, permissions]] = dataOf(synthRole({ securityGroupIds: ['sg-0aaaaaaaaaaaaaaaa', 'sg-0bbbbbbbbbbbbbbbb'] }), 'databricks_aws_crossaccount_policy');
    expect(permissions.policy_type).toBe('customer');
    expect(permissions.vpc_id).toBeUndefined();
  });

  test('waits for IAM propagation after the role and its policies', () => {
    const [[, sleep]] = resourcesOf(json, 'time_sleep');
    expect(sleep.create_duration).toBe('30s');
    expect(sleep.depends_on.sort()).toEqual([addressOf(json, 'aws_iam_role'), addressOf(json, 'aws_iam_role_policy')].sort());
  });

  test('a storage key in another account gets an EBS-only IAM grant', () => {
    const keyArn = 'arn:aws:kms:us-east-2:999999999999:key/11111111-2222-3333-4444-555555555555';
    const withKey = synthRole({ crossAccountEbsKeyArns: [keyArn] });
    expect(resourcesOf(withKey, 'aws_iam_role_policy')).toHaveLength(2);
    const [[, document]] = dataOf(withKey, 'aws_iam_policy_document');
    expect(statementsBySid(document).UseCrossAccountKeyForEbs).toEqual({
      sid: 'UseCrossAccountKeyForEbs',
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*', 'kms:CreateGrant', 'kms:DescribeKey'],
      resources: [keyArn],
      condition: [{ test: 'StringEquals', variable: 'kms:ViaService', values: ['ec2.us-east-2.amazonaws.com'] }],
    });
    expect(resourcesOf(withKey, 'time_sleep')[0][1].depends_on).toHaveLength(3);
  });
});
