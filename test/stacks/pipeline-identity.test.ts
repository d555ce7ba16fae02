import { stateKeyFor } from '../../environments';
import { githubSubjects, PIPELINE_MODES, type PipelineMode } from '../../constructs/pipeline-subjects';
import { Naming } from '../../constructs/naming';
import { dataAt, dataRefAt, exampleConfig, refAt, resourceAt, resourcesOf, statementsBySid, synthApp } from '../support/synth';

const config = exampleConfig();
const { account } = config;
const ci = account.ci!;
const stacks = synthApp(config);
const bootstrap = stacks.bootstrap;
const stateAccount = account.state.accountId;
const bucket = account.state.bucket;
const bucketArn = `arn:aws:s3:::${bucket}`;

/** The pipeline stacks, derived from the loaded files: account first, then the environments. */
const pipeline = [
  { name: 'account', stateKey: stateKeyFor(account, 'account'), aws: account.aws },
  ...config.environments.map((env) => ({ name: env.name, stateKey: env.stateKey, aws: env.aws })),
];
const objects = (stateKey: string) => ({ state: `${bucketArn}/${stateKey}`, lock: `${bucketArn}/${stateKey}.tflock` });
const ciRoleArn = (stack: string, mode: PipelineMode) => `arn:aws:iam::${stateAccount}:role/${new Naming(account.namePrefix, 'shared').name(`ci-${stack}-${mode}`)}`;
const providerRole = (stack: (typeof pipeline)[number], mode: PipelineMode) => (mode === 'apply' ? stack.aws.deployRoleArn : stack.aws.planRoleArn);
const condition = (statement: Record<string, any>, variable: string) => statement.condition.find((c: { variable: string }) => c.variable === variable);

describe('example configuration', () => {
  it('enables the pipeline, with deploy and plan roles for every stack', () => {
    expect(ci.githubRepository).toMatch(/^[\w-]+\/[\w.-]+$/);
    for (const stack of pipeline) expect([stack.name, typeof stack.aws.deployRoleArn, typeof stack.aws.planRoleArn]).toEqual([stack.name, 'string', 'string']);
  });
});

describe('bootstrap: GitHub OIDC provider and per-stack CI roles', () => {
  it('creates the GitHub OIDC provider for AWS STS', () => {
    expect(resourcesOf(bootstrap, 'aws_iam_openid_connect_provider').map(([, p]) => [p.url, p.client_id_list])).toEqual([
      ['https://token.actions.githubusercontent.com', ['sts.amazonaws.com']],
    ]);
  });

  it('creates exactly one plan and one apply role per pipeline stack', () => {
    expect(resourcesOf(bootstrap, 'aws_iam_role').map(([, role]) => role.name).sort())
      .toEqual(pipeline.flatMap((stack) => PIPELINE_MODES.map((mode) => ciRoleArn(stack.name, mode).split('/')[1])).sort());
  });

  describe.each(pipeline.flatMap((stack) => PIPELINE_MODES.map((mode) => [`${stack.name} ${mode}`, stack, mode] as const)))('%s role', (_label, stack, mode) => {
    const role = resourceAt(bootstrap, 'aws_iam_role', `pipeline/${stack.name}-${mode}`);

    it('trusts only the stack\'s GitHub environments of the repository, by exact subject and audience', () => {
      expect(role.assume_role_policy).toBe(dataRefAt(bootstrap, 'aws_iam_policy_document', `pipeline/${stack.name}-${mode}-trust`));
      const [statement] = dataAt(bootstrap, 'aws_iam_policy_document', `pipeline/${stack.name}-${mode}-trust`).statement;
      expect(statement.actions).toEqual(['sts:AssumeRoleWithWebIdentity']);
      expect(statement.principals).toEqual([{ type: 'Federated', identifiers: [refAt(bootstrap, 'aws_iam_openid_connect_provider', 'pipeline/github-oidc', 'arn')] }]);
      expect(statement.condition).toEqual([
        { test: 'StringEquals', variable: 'token.actions.githubusercontent.com:aud', values: ['sts.amazonaws.com'] },
        { test: 'StringEquals', variable: 'token.actions.githubusercontent.com:sub', values: githubSubjects(ci.githubRepository, stack.name, mode) },
      ]);
    });

    it('reaches exactly its own state objects and the stack\'s provider role for this mode', () => {
      const policy = resourceAt(bootstrap, 'aws_iam_role_policy', `pipeline/${stack.name}-${mode}-permissions`);
      expect(policy.role).toBe(refAt(bootstrap, 'aws_iam_role', `pipeline/${stack.name}-${mode}`));
      const statements = dataAt(bootstrap, 'aws_iam_policy_document', `pipeline/${stack.name}-${mode}-policy`).statement
        .map((s: Record<string, any>) => [s.effect, s.actions, s.resources]);
      const own = objects(stack.stateKey);
      expect(statements).toEqual([
        ['Allow', ['s3:ListBucket'], [bucketArn]],
        ...(mode === 'apply'
          ? [['Allow', ['s3:GetObject', 's3:PutObject'], [own.state]], ['Allow', ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], [own.lock]]]
          : [['Allow', ['s3:GetObject'], [own.state]]]),
        ['Allow', ['sts:AssumeRole'], [providerRole(stack, mode)]],
      ]);
    });
  });
});

describe('bootstrap: state isolation', () => {
  const bucketPolicy = statementsBySid(dataAt(bootstrap, 'aws_iam_policy_document', 'state-bucket/policy-document'));
  const keyPolicy = statementsBySid(dataAt(bootstrap, 'aws_iam_policy_document', 'state-key/policy'));
  const breakGlass = account.aws.keyAdministratorArns;
  const sid = (stack: string) => stack.split(/[^A-Za-z0-9]+/).map((w) => w[0].toUpperCase() + w.slice(1)).join('');

  it('grants nobody every stack\'s state: no Allow on the whole prefix (the old DeployRolesReadWriteState)', () => {
    for (const statement of Object.values(bucketPolicy).filter((s) => s.effect === 'Allow')) {
      for (const resource of statement.resources) expect(resource).not.toMatch(/\*$/);
    }
    expect(bucketPolicy).not.toHaveProperty('DeployRolesReadWriteState');
  });

  it.each(pipeline.map((stack) => [stack.name, stack]))('%s: only its own roles read, only its apply and deploy roles write', (_name, stack) => {
    const own = objects(stack.stateKey);
    const read = bucketPolicy[`${sid(stack.name)}StateReadOnlyByItsRoles`];
    expect([read.effect, read.actions, read.resources]).toEqual(['Deny', ['s3:GetObject'], [own.state]]);
    expect(condition(read, 'aws:PrincipalArn')).toEqual({
      test: 'ArnNotEquals', variable: 'aws:PrincipalArn',
      values: [ciRoleArn(stack.name, 'apply'), ciRoleArn(stack.name, 'plan'), stack.aws.deployRoleArn!, ...breakGlass].sort(),
    });
    const write = bucketPolicy[`${sid(stack.name)}StateWrittenOnlyByItsRoles`];
    expect([write.effect, write.actions, write.resources]).toEqual(['Deny', ['s3:PutObject', 's3:DeleteObject'], [own.state, own.lock]]);
    expect(condition(write, 'aws:PrincipalArn').values).toEqual([ciRoleArn(stack.name, 'apply'), stack.aws.deployRoleArn!, ...breakGlass].sort());
  });

  it('the key serves exactly the state principals, through S3 and for this bucket only', () => {
    const readers = pipeline.map((stack) => ciRoleArn(stack.name, 'plan')).sort();
    const writers = pipeline.flatMap((stack) => [ciRoleArn(stack.name, 'apply'), stack.aws.deployRoleArn!]).sort();
    const thisBucket = [
      { test: 'StringEquals', variable: 'kms:ViaService', values: [`s3.${account.state.region}.amazonaws.com`] },
      { test: 'StringEquals', variable: 'kms:EncryptionContext:aws:s3:arn', values: [bucketArn] },
    ];
    expect(keyPolicy.StateWritersUseKeyViaS3).toMatchObject({ principals: [{ type: 'AWS', identifiers: writers }], actions: ['kms:Decrypt', 'kms:GenerateDataKey'], condition: thisBucket });
    expect(keyPolicy.StateReadersDecryptViaS3).toMatchObject({ principals: [{ type: 'AWS', identifiers: readers }], actions: ['kms:Decrypt'], condition: thisBucket });
  });

  it('no longer lets every principal of the state account use the key through S3', () => {
    expect(keyPolicy).not.toHaveProperty('AccountPrincipalsUseViaS3');
  });

  it('keeps old state versions from everyone but break-glass', () => {
    expect(bucketPolicy.StateVersionsKept).toMatchObject({ effect: 'Deny', actions: ['s3:DeleteObjectVersion'], resources: [`${bucketArn}/*`] });
  });

  it('creates the roles before the policies that name them', () => {
    const roles = resourcesOf(bootstrap, 'aws_iam_role').map(([name]) => `aws_iam_role.${name}`).sort();
    const key = resourcesOf(bootstrap, 'aws_kms_key')[0][1];
    expect([...key.depends_on].sort()).toEqual(roles);
    const policy = resourceAt(bootstrap, 'aws_s3_bucket_policy', 'state-bucket/policy');
    expect(policy.depends_on).toEqual(expect.arrayContaining(roles));
  });
});

describe('providers switch to the read-only role for plans', () => {
  it.each(pipeline.map((stack) => [stack.name, stack]))('%s: aws_role picks the plan or the deploy role', (name, stack) => {
    const synthesized = stacks[name];
    expect(synthesized.variable?.aws_role).toMatchObject({ type: 'string', default: 'deploy', nullable: false });
    const roleArn = (synthesized.provider!.aws[0].assume_role as { role_arn: string }[])[0].role_arn;
    expect(roleArn).toBe(`\${(var.aws_role == "plan") ? "${stack.aws.planRoleArn}" : "${stack.aws.deployRoleArn}"}`);
  });
});

describe('account stack: Databricks pipeline principals', () => {
  const accountStack = stacks.account;
  const accountNaming = new Naming(account.namePrefix, 'account');

  it.each(pipeline.flatMap((stack) => PIPELINE_MODES.map((mode) => [stack.name, mode] as const)))('%s %s: one principal, federated to exactly the stack\'s environments, admin roles', (stack, mode) => {
    const principal = resourceAt(accountStack, 'databricks_service_principal', `pipeline/${stack}-${mode}`);
    expect(principal.display_name).toBe(accountNaming.name(`ci-${stack}-${mode}`));
    expect(principal).not.toHaveProperty('application_id');
    const id = refAt(accountStack, 'databricks_service_principal', `pipeline/${stack}-${mode}`);
    const policies = resourcesOf(accountStack, 'databricks_service_principal_federation_policy')
      .map(([, policy]) => policy)
      .filter((policy) => policy.service_principal_id === id);
    expect(policies.map((policy) => policy.oidc_policy)).toEqual(githubSubjects(ci.githubRepository, stack, mode).map((subject) => ({
      issuer: 'https://token.actions.githubusercontent.com',
      audiences: [account.databricksAccountId],
      subject,
    })));
    expect(resourceAt(accountStack, 'databricks_service_principal_role', `pipeline/${stack}-${mode}-account-admin`))
      .toMatchObject({ service_principal_id: id, role: 'account_admin' });
    expect(resourceAt(accountStack, 'databricks_group_member', `pipeline/${stack}-${mode}-admins`))
      .toMatchObject({ member_id: id, group_id: refAt(accountStack, 'databricks_group', 'group-admins') });
  });

  it('creates no client secret', () => {
    expect(resourcesOf(accountStack, 'databricks_service_principal_secret')).toEqual([]);
  });
});
