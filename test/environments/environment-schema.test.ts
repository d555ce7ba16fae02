import { environmentSchema } from '../../environments/schema';
import { describeIssues } from '../../environments/lib/errors';
import { exampleInputs } from '../support/environment-files';

/** Parses a modified dev environment and returns its error lines ([] when valid). */
function problemsOf(change: (env: any) => void): string[] {
  const env: any = exampleInputs().environments.dev;
  change(env);
  const result = environmentSchema.safeParse(env);
  return result.success ? [] : describeIssues('environment "dev"', result.error);
}

describe('environment schema', () => {
  test('the example environments are valid and get documented defaults', () => {
    const { environments } = exampleInputs();
    for (const input of Object.values(environments)) expect(environmentSchema.safeParse(input).success).toBe(true);
    const dev = environmentSchema.parse(environments.dev);
    expect(dev.databricks.pricingTier).toBe('ENTERPRISE');
    expect(dev.encryption).toEqual({ managedServices: { enabled: true }, storage: { enabled: true }, shareKey: false, accountAdministration: true });
    expect(dev.network.mode === 'create' && dev.network.natGateways).toBe('single');
    expect(environmentSchema.parse({ ...environments.dev, protect: undefined }).protect).toBe(true);
  });

  test.each([
    ['a subnet outside the VPC CIDR', (e: any) => (e.network.privateSubnets[1].cidr = '10.99.0.0/19'), 'environment "dev": network.privateSubnets.1.cidr: 10.99.0.0/19 is outside the VPC CIDR 10.10.0.0/16'],
    ['overlapping subnets', (e: any) => (e.network.privateSubnets[1].cidr = '10.10.16.0/20'), 'network.privateSubnets.1.cidr: 10.10.16.0/20 overlaps 10.10.0.0/19 (privateSubnets.0)'],
    ['a single availability zone', (e: any) => (e.network.privateSubnets[1].availabilityZone = 'eu-west-1a'), 'network.privateSubnets: must span at least two distinct availability zones'],
    ['one private subnet', (e: any) => e.network.privateSubnets.pop(), 'network.privateSubnets: needs at least two private subnets'],
    ['a VPC larger than /16', (e: any) => (e.network.vpcCidr = '10.0.0.0/15'), 'network.vpcCidr: must be between /16 and /25'],
    ['a subnet smaller than /26', (e: any) => (e.network.privateSubnets[0].cidr = '10.10.0.0/27'), 'network.privateSubnets.0.cidr: must be between /17 and /26'],
    ['a CIDR with host bits', (e: any) => (e.network.vpcCidr = '10.10.0.1/16'), 'network.vpcCidr: must be an IPv4 CIDR block with its network address'],
    ['a zone outside the region', (e: any) => (e.network.publicSubnets[0].availabilityZone = 'us-east-1a'), 'network.publicSubnets.0.availabilityZone: us-east-1a is not in region eu-west-1'],
    ['no public subnet', (e: any) => (e.network.publicSubnets = []), 'network.publicSubnets: needs at least one public subnet for NAT egress'],
    ['an unknown network mode', (e: any) => (e.network.mode = 'shared'), 'network.mode: must set mode to "create"'],
    ['a short AWS account id', (e: any) => (e.aws.accountId = '12345'), 'aws.accountId: must be a 12-digit AWS account id'],
    ['an unsupported region', (e: any) => (e.aws.region = 'mars-north-1'), 'aws.region: must be a region where Databricks runs on AWS'],
    ['a malformed deploy role', (e: any) => (e.aws.deployRoleArn = 'arn:aws:iam::*:role/x'), 'aws.deployRoleArn: must be an IAM role ARN'],
    ['an upper-case deployment name', (e: any) => (e.databricks.deploymentName = 'Acme-Dev'), 'databricks.deploymentName: must be lowercase letters'],
    ['a misspelt field', (e: any) => (e.protekt = true), 'environment "dev": protekt: unknown field'],
    ['a misspelt nested field', (e: any) => (e.workspaceSecurity.tokens.maxLifetimeDay = 30), 'environment "dev": workspaceSecurity.tokens.maxLifetimeDay: unknown field'],
    ['a misspelt field in a list', (e: any) => (e.secretScopes[0].acls[0].permision = 'READ'), 'secretScopes.0.acls.0.permision: unknown field'],
    ['a missing CostCenter tag', (e: any) => delete e.tags.CostCenter, 'tags.CostCenter:'],
    ['an Environment tag that disagrees', (e: any) => (e.tags.Environment = 'prod'), 'tags.Environment: must equal the environment name "dev"'],
    ['CMK on the PREMIUM tier', (e: any) => (e.databricks.pricingTier = 'PREMIUM'), 'databricks.pricingTier: customer-managed keys need the ENTERPRISE tier; got PREMIUM'],
    ['a shared key with one use case off', (e: any) => (e.encryption = { shareKey: true, storage: { enabled: false } }), 'encryption.shareKey: a shared key needs both managedServices and storage enabled'],
    [
      'a shared key with two existing keys',
      (e: any) => (e.encryption = {
        shareKey: true,
        storage: { existingKeyArn: 'arn:aws:kms:eu-west-1:210987654321:key/11111111-2222-3333-4444-555555555555' },
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
    ['a state key without .tfstate', (e: any) => (e.state = { key: 'dev/state' }), 'state.key: must be an S3 key ending in .tfstate'],
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
