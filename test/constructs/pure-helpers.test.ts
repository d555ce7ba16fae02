import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { DatabricksProvider } from '@cdktf/provider-databricks/lib/provider';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { TerraformStack, Testing } from 'cdktf';
import { accountIdOf, accountRoot, awsPrincipals, condition, denyInsecureTransport, roleArnFor, viaService } from '../../constructs/aws/policy';
import { grantOn, renderGrants } from '../../constructs/databricks/grant-model';
import { protectFromDestroy } from '../../constructs/protection';
import { Naming } from '../../constructs/naming';

describe('policy helpers', () => {
  it('build principals, conditions and ARNs', () => {
    expect(awsPrincipals('a', 'b')).toEqual([{ type: 'AWS', identifiers: ['a', 'b'] }]);
    expect(condition('StringEquals', 'aws:PrincipalAccount', '1', '2')).toEqual({ test: 'StringEquals', variable: 'aws:PrincipalAccount', values: ['1', '2'] });
    expect(accountRoot('111122223333')).toBe('arn:aws:iam::111122223333:root');
    expect(roleArnFor('111122223333', 'r')).toBe('arn:aws:iam::111122223333:role/r');
    expect(accountIdOf('arn:aws:kms:eu-west-1:444455556666:key/abc')).toBe('444455556666');
    expect(viaService('ec2', 'us-east-1')).toEqual({ test: 'StringEquals', variable: 'kms:ViaService', values: ['ec2.us-east-1.amazonaws.com'] });
  });

  it('denies every non-TLS request to the bucket and its objects, for everyone', () => {
    expect(denyInsecureTransport('arn:aws:s3:::b')).toEqual({
      sid: 'DenyInsecureTransport',
      effect: 'Deny',
      principals: [{ type: '*', identifiers: ['*'] }],
      actions: ['s3:*'],
      resources: ['arn:aws:s3:::b', 'arn:aws:s3:::b/*'],
      condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
    });
  });
});

describe('protectFromDestroy', () => {
  const stack = () => new TerraformStack(Testing.app(), 's');

  it('adds prevent_destroy when enabled, keeping other lifecycle settings', () => {
    const bucket = new S3Bucket(stack(), 'b', { bucket: 'b', lifecycle: { ignoreChanges: ['tags'] } });
    protectFromDestroy(bucket, true);
    expect(bucket.lifecycle).toEqual({ ignoreChanges: ['tags'], preventDestroy: true });
  });

  it('leaves the resource alone when disabled', () => {
    const bucket = new S3Bucket(stack(), 'b', { bucket: 'b' });
    protectFromDestroy(bucket, false);
    expect(bucket.lifecycle).toBeUndefined();
  });

  it('refuses a type outside the canonical list, enabled or not', () => {
    const vpc = new Vpc(stack(), 'v', {});
    expect(() => protectFromDestroy(vpc, false)).toThrow('protectFromDestroy: aws_vpc is not marked preventDestroy in constructs/stateful-types.ts; add it there first');
  });
});

describe('grant helpers', () => {
  const scope = () => {
    const stack = new TerraformStack(Testing.app(), 's');
    return { stack, provider: new DatabricksProvider(stack, 'p', { host: 'https://example.cloud.databricks.com' }) };
  };

  it('render grants sorted by principal, privileges deduplicated and sorted', () => {
    expect(renderGrants([{ principal: 'b', privileges: ['SELECT', 'USE_SCHEMA', 'SELECT'] }, { principal: 'a', privileges: ['X'] }])).toEqual([
      { principal: 'a', privileges: ['X'] },
      { principal: 'b', privileges: ['SELECT', 'USE_SCHEMA'] },
    ]);
  });

  it('never emit an empty databricks_grants (it would revoke every grant on the securable)', () => {
    const { stack, provider } = scope();
    expect(grantOn(stack, 'c', { catalog: 'c' }, [], provider)).toBeUndefined();
    expect(stack.node.tryFindChild('c-grants')).toBeUndefined();
    const grants = grantOn(stack, 'd', { catalog: 'd' }, [{ principal: 'g', privileges: ['USE_CATALOG'] }], provider);
    expect(grants?.node.id).toBe('d-grants');
    const json = JSON.parse(Testing.synth(stack)) as { resource: { databricks_grants: Record<string, { catalog: string; grant: unknown[] }> } };
    expect(Object.values(json.resource.databricks_grants)).toEqual([{ provider: 'databricks', catalog: 'd', grant: [{ principal: 'g', privileges: ['USE_CATALOG'] }] }]);
  });
});

describe('Naming', () => {
  const naming = new Naming('fx', 'beta');

  test('builds every kind of name from prefix, environment and purpose', () => {
    expect(naming.name('crossaccount')).toBe('fx-beta-crossaccount');
    expect(naming.bucketName('root', '222222222222')).toBe('fx-beta-root-222222222222');
    expect(naming.kmsAlias('workspace-storage')).toBe('alias/fx/beta/workspace-storage');
    expect(naming.sqlName('raw-zone')).toBe('beta_raw_zone');
  });

  test('two environments never share a name', () => {
    const other = new Naming('fx', 'gamma');
    expect(other.bucketName('root', '222222222222')).not.toBe(naming.bucketName('root', '222222222222'));
  });

  test('refuses names over the service limits', () => {
    expect(() => new Naming('fx-prefix-lo', 'environment-name').bucketName('catalog-storage-archive', '222222222222')).toThrow(/bucket name .* the limit is 63/);
  });
});
