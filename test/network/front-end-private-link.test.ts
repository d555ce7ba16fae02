import { loadConfig } from '../../environments';
import { ConfigError } from '../../environments/lib/errors';
import { DATABRICKS_REGIONS, type EnvironmentInput } from '../../environments/schema';
import { writeEnvironmentsDir } from '../support/environment-files';
import { fixtureAccount, FIXTURE_REGION, isolatedEnvironment } from '../support/network-fixture';
import { refAt, resourceAt, resourcesOf, synthApp } from '../support/synth';

const TRANSIT = {
  mode: 'create',
  vpcCidr: '10.70.0.0/24',
  subnets: [
    { cidr: '10.70.0.0/28', availabilityZone: `${FIXTURE_REGION}a` },
    { cidr: '10.70.0.16/28', availabilityZone: `${FIXTURE_REGION}b` },
  ],
};

function withFrontEnd(privateLink: Record<string, unknown>): EnvironmentInput {
  const env = isolatedEnvironment();
  return { ...env, privateLink: { ...env.privateLink, ...privateLink } } as EnvironmentInput;
}

const synth = (env: EnvironmentInput) => synthApp(loadConfig(writeEnvironmentsDir(fixtureAccount(), { spec: env }))).spec;

function problemsOf(env: EnvironmentInput): string[] {
  try {
    loadConfig(writeEnvironmentsDir(fixtureAccount(), { spec: env }));
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.map((problem) => problem.replace(/ \([^)]*spec\.json\)/, ''));
  }
}

describe('front-end PrivateLink created by the blueprint', () => {
  const stack = synth(withFrontEnd({ publicAccessEnabled: false, frontEnd: { transitVpc: TRANSIT, clientCidrs: ['172.16.0.0/12'] } }));
  const ref = (type: string, suffix: string, attribute = 'id') => refAt(stack, type, suffix, attribute);

  test('a transit VPC with DNS support, endpoint subnets that route only locally', () => {
    expect(resourceAt(stack, 'aws_vpc', 'front-end-private-link/vpc')).toMatchObject({ cidr_block: TRANSIT.vpcCidr, enable_dns_support: true, enable_dns_hostnames: true });
    const subnets = resourcesOf(stack, 'aws_subnet').map(([, s]) => s).filter((s) => s.vpc_id === ref('aws_vpc', 'front-end-private-link/vpc'));
    expect(subnets.map((s) => [s.cidr_block, s.availability_zone])).toEqual(TRANSIT.subnets.map((s) => [s.cidr, s.availabilityZone]));
    const transitTable = ref('aws_route_table', 'front-end-private-link/rt');
    expect(resourcesOf(stack, 'aws_route').filter(([, r]) => r.route_table_id === transitTable)).toEqual([]);
  });

  test('the front-end endpoint targets the region\'s workspace service with private DNS and HTTPS from client networks only', () => {
    const endpoint = resourceAt(stack, 'aws_vpc_endpoint', 'front-end-private-link/endpoint');
    expect(endpoint).toMatchObject({
      service_name: DATABRICKS_REGIONS[FIXTURE_REGION]!.workspace,
      vpc_endpoint_type: 'Interface',
      private_dns_enabled: true,
      vpc_id: ref('aws_vpc', 'front-end-private-link/vpc'),
      security_group_ids: [ref('aws_security_group', 'front-end-private-link/sg')],
    });
    const sg = ref('aws_security_group', 'front-end-private-link/sg');
    const ingress = resourcesOf(stack, 'aws_vpc_security_group_ingress_rule').map(([, r]) => r).filter((r) => r.security_group_id === sg);
    expect(ingress.map((r) => [r.ip_protocol, r.from_port, r.to_port, r.cidr_ipv4])).toEqual([
      ['tcp', 443, 443, TRANSIT.vpcCidr],
      ['tcp', 443, 443, '172.16.0.0/12'],
    ]);
    expect(resourcesOf(stack, 'aws_vpc_security_group_egress_rule').some(([, r]) => r.security_group_id === sg)).toBe(false);
  });

  test('the registration is admitted by private access settings that refuse public access', () => {
    const registration = resourceAt(stack, 'databricks_mws_vpc_endpoint', 'front-end-private-link/registration');
    expect(registration.aws_vpc_endpoint_id).toBe(ref('aws_vpc_endpoint', 'front-end-private-link/endpoint'));
    expect(registration.region).toBe(FIXTURE_REGION);
    const pas = resourceAt(stack, 'databricks_mws_private_access_settings', 'private-access-settings');
    expect(pas.public_access_enabled).toBe(false);
    expect(pas.private_access_level).toBe('ENDPOINT');
    expect(pas.allowed_vpc_endpoint_ids).toContain(ref('databricks_mws_vpc_endpoint', 'front-end-private-link/registration', 'vpc_endpoint_id'));
    expect(pas.allowed_vpc_endpoint_ids).toContain(ref('databricks_mws_vpc_endpoint', 'rest-api-registration', 'vpc_endpoint_id'));
  });

  test('an existing transit VPC gets only the endpoint, its security group and the registration', () => {
    const existing = synth(withFrontEnd({
      frontEnd: { transitVpc: { mode: 'existing', vpcId: 'vpc-0abc12345def67890', subnetIds: ['subnet-0aaaaaaaaaaaaaaaa'] }, clientCidrs: ['10.0.0.0/8'] },
    }));
    expect(resourcesOf(existing, 'aws_vpc').length).toBe(1);
    expect(resourceAt(existing, 'aws_vpc_endpoint', 'front-end-private-link/endpoint')).toMatchObject({ vpc_id: 'vpc-0abc12345def67890', subnet_ids: ['subnet-0aaaaaaaaaaaaaaaa'] });
  });

  test('validation refuses combinations that cannot work', () => {
    expect(problemsOf(withFrontEnd({ publicAccessEnabled: false }))).toEqual([
      'environment "spec": privateLink.publicAccessEnabled: false leaves no way to reach the workspace: add privateLink.frontEnd (or allowedFrontEndVpcEndpointIds of an endpoint registered elsewhere)',
    ]);
    expect(problemsOf(withFrontEnd({ frontEnd: { transitVpc: { mode: 'existing', vpcId: 'vpc-0abc12345def67890', subnetIds: ['subnet-0aaaaaaaaaaaaaaaa'] } } }))).toEqual([
      'environment "spec": privateLink.frontEnd.clientCidrs: must name the networks users and the deploy pipeline connect from when the transit VPC is an existing one',
    ]);
    const overlapping = { ...TRANSIT, vpcCidr: '10.50.0.0/24', subnets: [{ cidr: '10.50.0.0/28', availabilityZone: 'eu-west-1a' }] };
    expect(problemsOf(withFrontEnd({ frontEnd: { transitVpc: overlapping } }))).toEqual([
      'environment "spec": privateLink.frontEnd.transitVpc.vpcCidr: 10.50.0.0/24 overlaps network.vpcCidr 10.50.0.0/16',
      `environment "spec": privateLink.frontEnd.transitVpc.subnets.0.availabilityZone: eu-west-1a is not in region ${FIXTURE_REGION}`,
    ]);
    const natWithFrontEnd = { ...isolatedEnvironment(), privateLink: { enabled: false, frontEnd: { transitVpc: TRANSIT } } } as EnvironmentInput;
    expect(problemsOf(natWithFrontEnd)).toContainEqual(
      'environment "spec": privateLink.frontEnd: needs privateLink.enabled: true (the private access settings admitting the front-end endpoint come with back-end PrivateLink)',
    );
  });
});
