import { resolveKeyAdministrators, stateKeyFor } from '../../environments';
import { accountFixture, fixtureConfig } from '../support/fixtures';
import { dataAt, exampleConfig, refAt, resourceAt, resourcesOf, statementsBySid, synthApp } from '../support/synth';

// Example tests: every expectation comes from the loaded example files.
const config = exampleConfig();
const stacks = synthApp(config);
const { account } = config;
const { state } = account;

describe('account stack', () => {
  const stack = stacks.account;

  test('has its own remote state and the account-wide AWS account', () => {
    expect(stack.terraform.backend).toMatchObject({ s3: { key: stateKeyFor(account, 'account'), encrypt: true, use_lockfile: true } });
    expect(stack.provider!.aws[0]).toMatchObject({ allowed_account_ids: [account.aws.accountId], region: account.aws.region });
    expect(stack.provider!.databricks[0]).toEqual({ alias: 'account', host: 'https://accounts.cloud.databricks.com', account_id: config.account.databricksAccountId });
  });

  test('creates the account groups when it manages them', () => {
    const groups = resourcesOf(stack, 'databricks_group').map(([, g]) => g.display_name).sort();
    expect(groups).toEqual(Object.values(account.groups).map((group) => group.displayName).sort());
    const unmanaged = synthApp(fixtureConfig({ account: accountFixture({ manageGroups: false }) }), { only: ['account'] }).account;
    expect(resourcesOf(unmanaged, 'databricks_group')).toEqual([]);
  });
});

describe('bootstrap stack', () => {
  const stack = stacks.bootstrap;

  test('keeps its own state locally', () => {
    expect(stack.terraform.backend).toEqual({ local: { path: 'terraform.bootstrap.tfstate' } });
  });

  test('creates the state bucket, protected and encrypted with its own key', () => {
    expect(resourceAt(stack, 'aws_s3_bucket', 'state-bucket/bucket')).toMatchObject({
      bucket: state.bucket,
      force_destroy: false,
      lifecycle: { prevent_destroy: true },
    });
    const encryption = resourceAt(stack, 'aws_s3_bucket_server_side_encryption_configuration', 'state-bucket/encryption');
    expect(encryption.rule[0].apply_server_side_encryption_by_default.kms_master_key_id).toBe(refAt(stack, 'aws_kms_key', 'state-key', 'arn'));
    expect(resourceAt(stack, 'aws_kms_alias', 'state-key/alias').name).toBe(`alias/${account.namePrefix}/shared/terraform-state`);
  });

  test('lets each deploy role of another account use its own stack\'s state, and nothing else', () => {
    const bucketPolicy = statementsBySid(dataAt(stack, 'aws_iam_policy_document', 'state-bucket/policy-document'));
    // The reproduction: one statement gave every deploy role Get/Put/Delete on <prefix>/*.
    expect(bucketPolicy).not.toHaveProperty('DeployRolesReadWriteState');
    const external = config.environments.filter((env) => env.aws.deployRoleArn && env.aws.deployRoleArn.split(':')[4] !== state.accountId);
    expect(external.length).toBeGreaterThan(0);
    for (const env of external) {
      const sid = env.name.split(/[^A-Za-z0-9]+/).map((w) => w[0].toUpperCase() + w.slice(1)).join('');
      const own = `arn:aws:s3:::${state.bucket}/${env.stateKey}`;
      expect(bucketPolicy[`${sid}ReadWriteState`]).toMatchObject({ principals: [{ type: 'AWS', identifiers: [env.aws.deployRoleArn] }], actions: ['s3:GetObject', 's3:PutObject'], resources: [own] });
      expect(bucketPolicy[`${sid}LockState`]).toMatchObject({ principals: [{ type: 'AWS', identifiers: [env.aws.deployRoleArn] }], resources: [`${own}.tflock`] });
      expect(bucketPolicy[`${sid}ListState`].actions).toEqual(['s3:ListBucket']);
    }
    const keyPolicy = statementsBySid(dataAt(stack, 'aws_iam_policy_document', 'state-key/policy'));
    expect(keyPolicy).not.toHaveProperty('DeployRolesUseStateKeyViaS3');
    expect(keyPolicy.StateWritersUseKeyViaS3.principals[0].identifiers).toEqual(expect.arrayContaining(external.map((env) => env.aws.deployRoleArn)));
    const administrators = resolveKeyAdministrators(account.aws.keyAdministratorArns, state.roleArn ?? account.aws.deployRoleArn);
    expect(keyPolicy.KeyAdministration.principals).toEqual([{ type: 'AWS', identifiers: administrators }]);
  });
});

describe('account-level legacy features switch', () => {
  test('is off by default and, when on, disables legacy features for new workspaces', () => {
    expect(resourcesOf(stacks.account, 'databricks_disable_legacy_features_setting')).toEqual([]);
    const hardened = synthApp(fixtureConfig({ account: accountFixture({ disableLegacyFeatures: true }) }), { only: ['account'] }).account;
    const [[, setting]] = resourcesOf(hardened, 'databricks_disable_legacy_features_setting');
    expect(setting).toEqual({ provider: 'databricks.account', disable_legacy_features: { value: true } });
  });
});
