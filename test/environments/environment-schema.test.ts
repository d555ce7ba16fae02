import { environmentSchema } from '../../environments/schema';
import { describeIssues } from '../../environments/lib/errors';
import { exampleInputs } from '../support/environment-files';
import { environmentFixture } from '../support/fixtures';

/** A fixture environment "alpha" with a known network, token policy, hardening and one secret scope. */
function alphaFixture(): any {
  return environmentFixture('alpha', {
    aws: { region: 'us-east-2' },
    network: {
      mode: 'create',
      vpcCidr: '10.1.0.0/16',
      privateSubnets: [{ cidr: '10.1.0.0/19', availabilityZone: 'us-east-2a' }, { cidr: '10.1.32.0/19', availabilityZone: 'us-east-2b' }],
      publicSubnets: [{ cidr: '10.1.128.0/24', availabilityZone: 'us-east-2a' }],
    },
    workspaceSecurity: { tokens: { maxLifetimeDays: 90 }, hardening: { disableLegacyDbfs: false, disableLegacyAccess: false } },
    secretScopes: [{ name: 'alpha-pipelines', acls: [{ group: 'dataEngineers', permission: 'WRITE' }], secrets: [{ key: 'signing-key', source: 'generated' }] }],
  });
}

/** Parses a modified fixture environment and returns its error lines ([] when valid). */
function problemsOf(change: (env: any) => void): string[] {
  const env = alphaFixture();
  change(env);
  const result = environmentSchema.safeParse(env);
  return result.success ? [] : describeIssues('environment "alpha"', result.error);
}

describe('environment schema', () => {
  test('the example environments are valid', () => {
    for (const input of Object.values(exampleInputs().environments)) expect(environmentSchema.safeParse(input).error).toBeUndefined();
  });

  test('a minimal environment gets the documented defaults', () => {
    const input = environmentFixture('alpha');
    const env = environmentSchema.parse(input);
    expect(env.databricks.pricingTier).toBe('ENTERPRISE');
    expect(env.encryption).toEqual({ managedServices: { enabled: true }, storage: { enabled: true }, shareKey: false, accountAdministration: true });
    expect(env.network.mode === 'create' && env.network.natGateways).toBe('single');
    expect(env.protect).toBe(true);
  });

  test.each([
    ['a subnet outside the VPC CIDR', (e: any) => (e.network.privateSubnets[1].cidr = '10.98.0.0/19'), 'environment "alpha": network.privateSubnets.1.cidr: 10.98.0.0/19 is outside the VPC CIDR 10.1.0.0/16'],
    ['overlapping subnets', (e: any) => (e.network.privateSubnets[1].cidr = '10.1.16.0/20'), 'network.privateSubnets.1.cidr: 10.1.16.0/20 overlaps 10.1.0.0/19 (privateSubnets.0)'],
    ['a single availability zone', (e: any) => (e.network.privateSubnets[1].availabilityZone = 'us-east-2a'), 'network.privateSubnets: must span at least two distinct availability zones'],
    ['one private subnet', (e: any) => e.network.privateSubnets.pop(), 'network.privateSubnets: needs at least two private subnets'],
    ['a VPC larger than /16', (e: any) => (e.network.vpcCidr = '10.0.0.0/15'), 'network.vpcCidr: must be between /16 and /25'],
    ['a subnet smaller than /26', (e: any) => (e.network.privateSubnets[0].cidr = '10.1.0.0/27'), 'network.privateSubnets.0.cidr: must be between /17 and /26'],
    ['a CIDR with host bits', (e: any) => (e.network.vpcCidr = '10.1.0.1/16'), 'network.vpcCidr: must be an IPv4 CIDR block with its network address'],
    ['a zone outside the region', (e: any) => (e.network.publicSubnets[0].availabilityZone = 'eu-west-1a'), 'network.publicSubnets.0.availabilityZone: eu-west-1a is not in region us-east-2'],
    ['no public subnet', (e: any) => (e.network.publicSubnets = []), 'network.publicSubnets: needs at least one public subnet for NAT egress'],
    ['an unknown network mode', (e: any) => (e.network.mode = 'shared'), 'network.mode: must set mode to "create"'],
    ['a short AWS account id', (e: any) => (e.aws.accountId = '12345'), 'aws.accountId: must be a 12-digit AWS account id'],
    ['an unsupported region', (e: any) => (e.aws.region = 'mars-north-1'), 'aws.region: must be a region where Databricks runs on AWS'],
    ['a malformed deploy role', (e: any) => (e.aws.deployRoleArn = 'arn:aws:iam::*:role/x'), 'aws.deployRoleArn: must be an IAM role ARN'],
    ['an upper-case deployment name', (e: any) => (e.databricks.deploymentName = 'Fx-Alpha'), 'databricks.deploymentName: must be lowercase letters'],
    ['a misspelt field', (e: any) => (e.protekt = true), 'environment "alpha": protekt: unknown field'],
    ['a misspelt nested field', (e: any) => (e.workspaceSecurity.tokens.maxLifetimeDay = 30), 'environment "alpha": workspaceSecurity.tokens.maxLifetimeDay: unknown field'],
    ['a misspelt field in a list', (e: any) => (e.secretScopes[0].acls[0].permision = 'READ'), 'secretScopes.0.acls.0.permision: unknown field'],
    ['a missing CostCenter tag', (e: any) => delete e.tags.CostCenter, 'tags.CostCenter:'],
    ['an Environment tag that disagrees', (e: any) => (e.tags.Environment = 'beta'), 'tags.Environment: must equal the environment name "alpha"'],
    ['CMK on the PREMIUM tier', (e: any) => (e.databricks.pricingTier = 'PREMIUM'), 'databricks.pricingTier: customer-managed keys need the ENTERPRISE tier; got PREMIUM'],
    ['a shared key with one use case off', (e: any) => (e.encryption = { shareKey: true, storage: { enabled: false } }), 'encryption.shareKey: a shared key needs both managedServices and storage enabled'],
    [
      'a shared key with two existing keys',
      (e: any) => (e.encryption = {
        shareKey: true,
        storage: { existingKeyArn: 'arn:aws:kms:us-east-2:222222222222:key/11111111-2222-3333-4444-555555555555' },
      }),
      'encryption.shareKey: a shared key cannot have different existingKeyArn values per use case',
    ],
    ['a key ARN that is an alias', (e: any) => (e.encryption = { storage: { existingKeyArn: 'alias/mine' } }), 'encryption.storage.existingKeyArn: must be a KMS key ARN'],
    ['no key administrator', (e: any) => delete e.aws.deployRoleArn, 'aws.keyAdministratorArns: needs at least one key administrator'],
    ['a deletion window over 30 days', (e: any) => (e.encryption = { deletionWindowDays: 45 }), 'encryption.deletionWindowDays:'],
    [
      'a Glue metastore with legacy access disabled',
      (e: any) => {
        e.unityCatalog = { glueMetastore: { enabled: true } };
        e.workspaceSecurity.hardening.disableLegacyAccess = true;
      },
      'workspaceSecurity.hardening.disableLegacyAccess: must be false while unityCatalog.glueMetastore is enabled',
    ],
    ['a state key without .tfstate', (e: any) => (e.state = { key: 'alpha/state' }), 'state.key: must be an S3 key ending in .tfstate'],
  ])('rejects %s with a message naming the field', (_case, change, expected) => {
    const problems = problemsOf(change);
    expect(problems.join('\n')).toContain(expected);
  });

  test('CMK may be turned off to run on the PREMIUM tier', () => {
    const problems = problemsOf((e) => {
      e.databricks.pricingTier = 'PREMIUM';
      e.encryption = { managedServices: { enabled: false }, storage: { enabled: false } };
    });
    expect(problems).toEqual([]);
  });

  test('an existing VPC needs two subnets and well-formed ids', () => {
    expect(problemsOf((e) => (e.network = { mode: 'existing', vpcId: 'vpc-0abc12345def67890', privateSubnetIds: ['subnet-0abc12345def67890', 'subnet-0abc12345def67891'] }))).toEqual([]);
    expect(problemsOf((e) => (e.network = { mode: 'existing', vpcId: 'vpc-1', privateSubnetIds: ['subnet-0abc12345def67890'] })).join('\n')).toMatch(
      /network\.vpcId: must be a VPC id[\s\S]*network\.privateSubnetIds: needs at least two private subnets/,
    );
  });
});
