import { Testing } from 'cdktf';
import { CustomerManagedKey, KEY_ADMIN_ACTIONS, type CustomerManagedKeyProps } from '../../../constructs/aws/customer-managed-key';
import { awsContextFixture } from '../../support/construct-context';
import { addressOf, dataOf, resourcesOf, statementsBySid, type Synthesized } from '../../support/synth';

const ADMIN = 'arn:aws:iam::222222222222:role/fx-deploy';

function synthKey(props: Partial<CustomerManagedKeyProps> = {}, protect = true): Synthesized {
  return JSON.parse(
    Testing.synthScope(
      (scope) =>
        new CustomerManagedKey(scope, 'key', {
          context: awsContextFixture({ awsAccountId: '222222222222', region: 'us-east-2', protect }),
          purpose: 'catalog',
          description: 'Catalog storage',
          administratorArns: [ADMIN],
          ...props,
        }),
    ),
  );
}

describe('CustomerManagedKey', () => {
  const json = synthKey();
  const [[, key]] = resourcesOf(json, 'aws_kms_key');

  test('rotates, is protected and has a 30-day deletion window by default', () => {
    expect(key).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30, lifecycle: { prevent_destroy: true } });
    expect(key.policy).toBe(`\${${addressOf(json, 'aws_iam_policy_document', 'data')}.json}`);
  });

  test('an unprotected key has a 7-day window and no prevent_destroy; an explicit window wins', () => {
    const [[, devKey]] = resourcesOf(synthKey({}, false), 'aws_kms_key');
    expect(devKey.deletion_window_in_days).toBe(7);
    expect(devKey.lifecycle).toBeUndefined();
    const [[, explicit]] = resourcesOf(synthKey({ deletionWindowInDays: 14 }, false), 'aws_kms_key');
    expect(explicit.deletion_window_in_days).toBe(14);
  });

  test('has an alias from the naming helper', () => {
    const [[, alias]] = resourcesOf(json, 'aws_kms_alias');
    expect(alias.name).toBe('alias/fx/alpha/catalog');
    expect(alias.target_key_id).toBe(`\${${addressOf(json, 'aws_kms_key')}.key_id}`);
  });

  test('administrators and the account manage the key but cannot use it or grant use, and nobody gets kms:*', () => {
    const [[, policy]] = dataOf(json, 'aws_iam_policy_document');
    const statements = statementsBySid(policy);
    expect(Object.keys(statements)).toEqual(['KeyAdministration', 'AccountAdministration']);
    expect(statements.KeyAdministration.principals).toEqual([{ type: 'AWS', identifiers: [ADMIN] }]);
    expect(statements.AccountAdministration.principals).toEqual([{ type: 'AWS', identifiers: ['arn:aws:iam::222222222222:root'] }]);
    for (const statement of Object.values(statements)) {
      expect(statement.actions).toEqual(KEY_ADMIN_ACTIONS);
      expect(statement.condition).toBeUndefined();
    }
    // No wildcard: kms:Create* would include CreateGrant, kms:* everything.
    for (const action of KEY_ADMIN_ACTIONS) expect(action).not.toMatch(/\*/);
    for (const use of ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncryptFrom', 'kms:ReEncryptTo', 'kms:GenerateDataKey', 'kms:CreateGrant']) {
      expect(KEY_ADMIN_ACTIONS).not.toContain(use);
    }
    // Terraform updates the policy as an administrator.
    expect(KEY_ADMIN_ACTIONS).toContain('kms:PutKeyPolicy');
  });

  test('accountAdministration: false leaves only the named administrators', () => {
    const [[, policy]] = dataOf(synthKey({ accountAdministration: false }), 'aws_iam_policy_document');
    expect(Object.keys(statementsBySid(policy))).toEqual(['KeyAdministration']);
  });

  test('account principals may use it through S3 only when asked', () => {
    const [[, policy]] = dataOf(synthKey({ allowAccountUseViaS3: true }), 'aws_iam_policy_document');
    const viaS3 = statementsBySid(policy).AccountPrincipalsUseViaS3;
    expect(viaS3.principals).toEqual([{ type: 'AWS', identifiers: ['arn:aws:iam::222222222222:root'] }]);
    expect(viaS3.condition).toEqual([
      { test: 'StringEquals', variable: 'kms:CallerAccount', values: ['222222222222'] },
      { test: 'StringEquals', variable: 'kms:ViaService', values: ['s3.us-east-2.amazonaws.com'] },
    ]);
  });

  test('refuses a key without administrators', () => {
    expect(() => synthKey({ administratorArns: [] })).toThrow('alpha: key "catalog" needs at least one administrator (aws.keyAdministratorArns)');
  });
});
