/**
 * Specifications of the policy documents the constructs render from plain inputs (no synthesis):
 * endpoint policies, state isolation, the root bucket, GitHub OIDC subjects and user-text escaping.
 * Inputs are hand-built; expectations follow from them, never from the example environments.
 */
import { restrictiveEndpointPolicies } from '../../constructs/aws/endpoint-policies';
import { stateBucketStatements, stateKeyStatements, type StateAccess } from '../../constructs/aws/state-access';
import { DATABRICKS_CONTROL_PLANE_PRINCIPAL } from '../../constructs/databricks/customer-managed-keys';
import { restrictiveRootBucketStatements, rootBucketWritePrefixes, ROOT_BUCKET_REGION_NAMES } from '../../constructs/databricks/root-bucket-policy';
import { renderGrants } from '../../constructs/databricks/grant-model';
import { Naming } from '../../constructs/naming';
import { githubEnvironments, githubSubjects } from '../../constructs/pipeline-subjects';
import { liveTemplateSequences, terraformLiteral, terraformLiteralMap } from '../../constructs/terraform-literal';

const WORKSPACE_ACCOUNT = '111111111111';
const DATABRICKS_ACCOUNT = '999999999999';

describe('restrictive endpoint policies', () => {
  const policies = restrictiveEndpointPolicies({
    region: 'eu-west-1',
    awsAccountId: WORKSPACE_ACCOUNT,
    workspaceBuckets: ['ws-root', 'ws-catalog'],
    databricks: { awsAccountId: DATABRICKS_ACCOUNT, artifactBuckets: ['art-a', 'art-b'], datasetsBucket: 'datasets', systemTablesBucket: 'system', logBucket: 'logs' },
  });
  const parse = (json: string) => JSON.parse(json) as { Version: string; Statement: Record<string, unknown>[] };
  const arns = (...buckets: string[]) => buckets.flatMap((b) => [`arn:aws:s3:::${b}`, `arn:aws:s3:::${b}/*`]);
  const read = ['s3:GetObject', 's3:GetObjectVersion', 's3:ListBucket', 's3:GetBucketLocation'];
  const workspaceRoot = `arn:aws:iam::${WORKSPACE_ACCOUNT}:root`;
  const databricksRoot = `arn:aws:iam::${DATABRICKS_ACCOUNT}:root`;

  it('S3: read-write only on the workspace buckets, reads of Databricks buckets, log writes to its log bucket', () => {
    expect(parse(policies.s3)).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'WorkspaceStorage', Effect: 'Allow', Principal: { AWS: [workspaceRoot, databricksRoot] }, Action: [...read, 's3:PutObject', 's3:DeleteObject'], Resource: arns('ws-root', 'ws-catalog') },
        {
          Sid: 'DatabricksArtifacts', Effect: 'Allow', Principal: '*', Action: read, Resource: arns('art-a', 'art-b'),
          Condition: { StringEquals: { 'aws:ResourceAccount': [DATABRICKS_ACCOUNT] } },
        },
        { Sid: 'DatabricksDatasetsAndSystemTables', Effect: 'Allow', Principal: { AWS: [databricksRoot] }, Action: read, Resource: arns('datasets', 'system') },
        { Sid: 'DatabricksLogs', Effect: 'Allow', Principal: { AWS: [databricksRoot] }, Action: ['s3:PutObject', 's3:ListBucket', 's3:GetBucketLocation'], Resource: arns('logs') },
      ],
    });
  });

  it('STS: sessions for the workspace account and Databricks (with its datasets user) only', () => {
    expect(parse(policies.sts)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'WorkspaceAccountSessions', Effect: 'Allow', Principal: { AWS: [workspaceRoot] },
          Action: ['sts:AssumeRole', 'sts:GetAccessKeyInfo', 'sts:GetSessionToken', 'sts:DecodeAuthorizationMessage', 'sts:TagSession'], Resource: '*',
        },
        {
          Sid: 'DatabricksSessions', Effect: 'Allow',
          Principal: { AWS: [databricksRoot, `arn:aws:iam::${DATABRICKS_ACCOUNT}:user/databricks-datasets-readonly-user-prod`] },
          Action: ['sts:AssumeRole', 'sts:GetSessionToken', 'sts:TagSession'], Resource: '*',
        },
      ],
    });
  });

  it('Kinesis: only the Databricks account streams of the region', () => {
    expect(parse(policies.kinesis)).toEqual({
      Version: '2012-10-17',
      Statement: [{
        Sid: 'DatabricksStreams', Effect: 'Allow', Principal: { AWS: [databricksRoot] },
        Action: ['kinesis:PutRecord', 'kinesis:PutRecords', 'kinesis:DescribeStream'],
        Resource: [`arn:aws:kinesis:eu-west-1:${DATABRICKS_ACCOUNT}:stream/*`],
      }],
    });
  });
});

describe('state isolation statements', () => {
  const STATE_ACCOUNT = '222222222222';
  const BUCKET = 'fx-state';
  const role = (account: string, name: string) => `arn:aws:iam::${account}:role/${name}`;
  const local = { plan: role(STATE_ACCOUNT, 'plan-dev'), apply: role(STATE_ACCOUNT, 'apply-dev') };
  const external = { plan: role('333333333333', 'plan-prod'), apply: role('333333333333', 'apply-prod'), deploy: role('333333333333', 'deploy-prod') };
  const breakGlass = ['arn:aws:iam::222222222222:role/break-glass'];
  const dev: StateAccess = { stack: 'dev-eu', stateKey: 'envs/dev.tfstate', readers: [local.plan], writers: [local.apply] };
  const prod: StateAccess = { stack: 'prod', stateKey: 'envs/prod.tfstate', readers: [external.plan, external.apply], writers: [external.apply, external.deploy] };
  const state = (key: string) => `arn:aws:s3:::${BUCKET}/${key}`;
  const bySid = (statements: { sid?: string }[]) => Object.fromEntries(statements.map((s) => [s.sid, s]));

  it('allows principals of other accounts exactly what their role needs, with alphanumeric statement ids', () => {
    const statements = bySid(stateBucketStatements(BUCKET, STATE_ACCOUNT, [dev, prod], breakGlass));
    // Same-account principals need no bucket policy Allow: only the prod (external) stack gets Allows.
    expect(Object.keys(statements).filter((sid) => sid?.startsWith('DevEu') && !sid.includes('OnlyByItsRoles'))).toEqual([]);
    expect(statements.ProdListState).toEqual({
      sid: 'ProdListState', effect: 'Allow', principals: [{ type: 'AWS', identifiers: [external.apply, external.deploy, external.plan] }],
      actions: ['s3:ListBucket'], resources: [`arn:aws:s3:::${BUCKET}`],
    });
    expect(statements.ProdReadWriteState).toEqual({
      sid: 'ProdReadWriteState', effect: 'Allow', principals: [{ type: 'AWS', identifiers: [external.apply, external.deploy] }],
      actions: ['s3:GetObject', 's3:PutObject'], resources: [state(prod.stateKey)],
    });
    expect(statements.ProdLockState).toEqual({
      sid: 'ProdLockState', effect: 'Allow', principals: [{ type: 'AWS', identifiers: [external.apply, external.deploy] }],
      actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], resources: [`${state(prod.stateKey)}.tflock`],
    });
    // A principal that writes is not listed again as a mere reader.
    expect(statements.ProdReadState).toEqual({
      sid: 'ProdReadState', effect: 'Allow', principals: [{ type: 'AWS', identifiers: [external.plan] }],
      actions: ['s3:GetObject'], resources: [state(prod.stateKey)],
    });
  });

  it('denies everyone but the stack\'s own roles and break-glass, and keeps old versions', () => {
    const statements = bySid(stateBucketStatements(BUCKET, STATE_ACCOUNT, [dev], breakGlass));
    expect(statements.DevEuStateReadOnlyByItsRoles).toEqual({
      sid: 'DevEuStateReadOnlyByItsRoles', effect: 'Deny', principals: [{ type: 'AWS', identifiers: ['*'] }], actions: ['s3:GetObject'],
      resources: [state(dev.stateKey)],
      condition: [{ test: 'ArnNotEquals', variable: 'aws:PrincipalArn', values: [local.apply, breakGlass[0], local.plan].sort() }],
    });
    expect(statements.DevEuStateWrittenOnlyByItsRoles).toEqual({
      sid: 'DevEuStateWrittenOnlyByItsRoles', effect: 'Deny', principals: [{ type: 'AWS', identifiers: ['*'] }],
      actions: ['s3:PutObject', 's3:DeleteObject'], resources: [state(dev.stateKey), `${state(dev.stateKey)}.tflock`],
      condition: [{ test: 'ArnNotEquals', variable: 'aws:PrincipalArn', values: [local.apply, breakGlass[0]].sort() }],
    });
    expect(statements.StateVersionsKept).toEqual({
      sid: 'StateVersionsKept', effect: 'Deny', principals: [{ type: 'AWS', identifiers: ['*'] }], actions: ['s3:DeleteObjectVersion'],
      resources: [`arn:aws:s3:::${BUCKET}/*`], condition: [{ test: 'ArnNotEquals', variable: 'aws:PrincipalArn', values: breakGlass }],
    });
    expect(Object.keys(statements)).toHaveLength(3);
  });

  it('without break-glass principals nobody deletes old versions; a stack without writers gets no deny', () => {
    const callerCredentials: StateAccess = { stack: 'boot', stateKey: 'boot.tfstate', readers: [], writers: [] };
    const statements = stateBucketStatements(BUCKET, STATE_ACCOUNT, [callerCredentials], []);
    expect(statements).toEqual([{
      sid: 'StateVersionsKept', effect: 'Deny', principals: [{ type: 'AWS', identifiers: ['*'] }], actions: ['s3:DeleteObjectVersion'], resources: [`arn:aws:s3:::${BUCKET}/*`],
    }]);
  });

  it('lets writers encrypt and readers only decrypt, through S3 and for this bucket only', () => {
    const thisBucket = [
      { test: 'StringEquals', variable: 'kms:ViaService', values: ['s3.eu-west-1.amazonaws.com'] },
      { test: 'StringEquals', variable: 'kms:EncryptionContext:aws:s3:arn', values: [`arn:aws:s3:::${BUCKET}`] },
    ];
    expect(stateKeyStatements(BUCKET, 'eu-west-1', [dev, prod])).toEqual([
      {
        sid: 'StateWritersUseKeyViaS3', effect: 'Allow', principals: [{ type: 'AWS', identifiers: [local.apply, external.apply, external.deploy].sort() }],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: ['*'], condition: thisBucket,
      },
      {
        sid: 'StateReadersDecryptViaS3', effect: 'Allow', principals: [{ type: 'AWS', identifiers: [local.plan, external.plan].sort() }],
        actions: ['kms:Decrypt'], resources: ['*'], condition: thisBucket,
      },
    ]);
    expect(stateKeyStatements(BUCKET, 'eu-west-1', [])).toEqual([]);
  });
});

describe('restrictive root bucket statements', () => {
  it('reads everywhere, writes only under the region shard, for one Databricks account', () => {
    const arn = 'arn:aws:s3:::root';
    const onlyThisAccount = [{ test: 'StringEquals', variable: 'aws:PrincipalTag/DatabricksAccountId', values: ['acc-1'] }];
    const shard = `${ROOT_BUCKET_REGION_NAMES['eu-central-1']}-prod`;
    expect(rootBucketWritePrefixes('eu-central-1')).toEqual([`${shard}/*`, `ephemeral/${shard}/*`]);
    expect(() => rootBucketWritePrefixes('xx-north-9')).toThrow('no root-bucket path name is known for region xx-north-9 (ROOT_BUCKET_REGION_NAMES)');
    expect(restrictiveRootBucketStatements(arn, 'acc-1', 'eu-central-1')).toEqual([
      {
        sid: 'DatabricksReadsRootBucket', principals: [{ type: 'AWS', identifiers: [DATABRICKS_CONTROL_PLANE_PRINCIPAL] }],
        actions: ['s3:GetObject', 's3:GetObjectVersion', 's3:ListBucket', 's3:GetBucketLocation'], resources: [arn, `${arn}/*`], condition: onlyThisAccount,
      },
      {
        sid: 'DatabricksWritesWorkspacePaths', principals: [{ type: 'AWS', identifiers: [DATABRICKS_CONTROL_PLANE_PRINCIPAL] }],
        actions: ['s3:PutObject', 's3:DeleteObject'], resources: [`${arn}/${shard}/*`, `${arn}/ephemeral/${shard}/*`], condition: onlyThisAccount,
      },
    ]);
  });
});

describe('grant rendering', () => {
  it('sorts the privileges of each grant, whatever order the data lists them in', () => {
    expect(renderGrants([{ principal: 'g', privileges: ['USE_SCHEMA', 'SELECT', 'MODIFY', 'SELECT'] }])).toEqual([{ principal: 'g', privileges: ['MODIFY', 'SELECT', 'USE_SCHEMA'] }]);
  });
});

describe('GitHub OIDC subjects', () => {
  it('apply from the stack environment, plan and drift from their own environments', () => {
    expect(githubEnvironments('qa')).toEqual({ apply: ['qa'], plan: ['qa-plan', 'qa-drift'] });
    expect(githubSubjects('org/repo', 'qa', 'apply')).toEqual(['repo:org/repo:environment:qa']);
    expect(githubSubjects('org/repo', 'qa', 'plan')).toEqual(['repo:org/repo:environment:qa-plan', 'repo:org/repo:environment:qa-drift']);
  });
});

describe('user text in Terraform JSON', () => {
  it('escapes every interpolation and directive opener, keys and values alike', () => {
    expect(terraformLiteral('a ${x} and ${y} %{ if } %{ endif }')).toBe('a $${x} and $${y} %%{ if } %%{ endif }');
    expect(terraformLiteral('$ { } % plain')).toBe('$ { } % plain');
    expect(terraformLiteralMap({ '${k}': '%{v}', plain: 'text' })).toEqual({ '$${k}': '%%{v}', plain: 'text' });
  });

  it('finds live template sequences, not escaped ones', () => {
    expect(liveTemplateSequences('${a} $${b} %{c} %%{d} ${open')).toEqual(['${a}', '%{c}', '${open']);
    expect(liveTemplateSequences('${x}')).toEqual(['${x}']);
    expect(liveTemplateSequences('x${')).toEqual(['${']);
    expect(liveTemplateSequences('{$}')).toEqual([]);
    // Only "$" and "%" open a template: JSON-like braces in user text are plain characters.
    expect(liveTemplateSequences('a{b} {c} #{d}')).toEqual([]);
    expect(liveTemplateSequences(terraformLiteral('${a}%{b}'))).toEqual([]);
  });
});

describe('Naming limits', () => {
  it('accepts names exactly at the limit and refuses one character more', () => {
    // 'p-e-' + purpose: a 64-character name and a 63-character bucket name are the service maxima.
    const naming = new Naming('p', 'e');
    expect(naming.name('x'.repeat(60))).toHaveLength(64);
    expect(() => naming.name('x'.repeat(61))).toThrow('name "p-e-' + 'x'.repeat(61) + '" is 65 characters; the limit is 64. Shorten namePrefix or the environment name.');
    expect(naming.bucketName('x'.repeat(46), '999988887777')).toHaveLength(63);
    expect(() => naming.bucketName('x'.repeat(47), '999988887777')).toThrow(/^bucket name "p-e-x+-999988887777" is 64 characters; the limit is 63/);
  });

  it('makes SQL names from every hyphen', () => {
    expect(new Naming('p', 'dev-eu').sqlName('raw-zone-a')).toBe('dev_eu_raw_zone_a');
  });
});
