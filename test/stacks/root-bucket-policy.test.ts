import { DATABRICKS_CONTROL_PLANE_PRINCIPAL } from '../../constructs/databricks/customer-managed-keys';
import { ROOT_BUCKET_REGION_NAMES } from '../../constructs/databricks/root-bucket-policy';
import { DATABRICKS_AWS_REGIONS, environmentSchema } from '../../environments/schema';
import { dataAt, dataOf, exampleConfig, resourceAt, statementsBySid, synthApp, type Synthesized } from '../support/synth';

const base = exampleConfig();
const examples = synthApp(base);
const template = base.environments[0];

function synthWith(databricks: Record<string, unknown>): Synthesized {
  const env = { ...template, databricks: environmentSchema.shape.databricks.parse({ ...template.databricks, ...databricks }) };
  return synthApp({ account: base.account, environments: [env] }, { only: [env.name] })[env.name];
}
const rootPolicy = (stack: Synthesized) => statementsBySid(dataAt(stack, 'aws_iam_policy_document', 'root-bucket/policy-document'));

describe('restrictive root bucket policy (SRA)', () => {
  const stack = synthWith({});
  const bucket = resourceAt(stack, 'aws_s3_bucket', 'workspace/root-bucket/bucket').bucket;
  const shard = `${ROOT_BUCKET_REGION_NAMES[template.aws.region]}-prod`;
  const onlyThisAccount = [{ test: 'StringEquals', variable: 'aws:PrincipalTag/DatabricksAccountId', values: [template.databricksAccountId] }];

  it('is the default: Databricks reads the whole bucket for this Databricks account only', () => {
    const statements = rootPolicy(stack);
    expect(Object.keys(statements).sort()).toEqual(['DatabricksReadsRootBucket', 'DatabricksWritesWorkspacePaths', 'DenyInsecureTransport']);
    expect(statements.DatabricksReadsRootBucket).toEqual({
      sid: 'DatabricksReadsRootBucket',
      principals: [{ type: 'AWS', identifiers: [DATABRICKS_CONTROL_PLANE_PRINCIPAL] }],
      actions: ['s3:GetObject', 's3:GetObjectVersion', 's3:ListBucket', 's3:GetBucketLocation'],
      resources: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
      condition: onlyThisAccount,
    });
    expect(dataOf(stack, 'databricks_aws_bucket_policy')).toEqual([]);
  });

  it('lets Databricks write and delete only under its workspace paths, the creation check object included', () => {
    const write = rootPolicy(stack).DatabricksWritesWorkspacePaths;
    expect(write.actions).toEqual(['s3:PutObject', 's3:DeleteObject']);
    expect(write.condition).toEqual(onlyThisAccount);
    expect(write.resources).toEqual([`arn:aws:s3:::${bucket}/${shard}/*`, `arn:aws:s3:::${bucket}/ephemeral/${shard}/*`]);
    const covers = (key: string) => write.resources.some((resource: string) => new RegExp(`^${resource.replace(/[.]/g, '\\.').replace(/\*/g, '.*')}$`).test(`arn:aws:s3:::${bucket}/${key}`));
    for (const key of [`${shard}/0_databricks_dev`, `${shard}/1234567890/notebook`, `${shard}/1234567890.jobs/x`, `ephemeral/${shard}/1234567890/tmp`]) expect(covers(key)).toBe(true);
    for (const key of ['anything.txt', `other-prod/1234567890/x`]) expect(covers(key)).toBe(false);
  });

  it('knows the path name of every region the schema accepts', () => {
    expect(Object.keys(ROOT_BUCKET_REGION_NAMES).sort()).toEqual([...DATABRICKS_AWS_REGIONS].sort());
  });

  it('opt-out: databricks_aws_bucket_policy (writes anywhere) with restrictiveRootBucketPolicy: false', () => {
    const relaxed = synthWith({ restrictiveRootBucketPolicy: false });
    expect(Object.keys(rootPolicy(relaxed))).toEqual(['DenyInsecureTransport']);
    expect(dataAt(relaxed, 'databricks_aws_bucket_policy', 'root-bucket-access').databricks_e2_account_id).toBe(template.databricksAccountId);
  });

  it.each(base.environments.map((env) => [env.name, env] as const))('%s: follows the environment file', (name, env) => {
    const statements = rootPolicy(examples[name]);
    expect('DatabricksWritesWorkspacePaths' in statements).toBe(env.databricks.restrictiveRootBucketPolicy);
    expect(dataOf(examples[name], 'databricks_aws_bucket_policy').some(([id]) => id.includes('root-bucket-access'))).toBe(!env.databricks.restrictiveRootBucketPolicy);
  });
});
