import { Testing } from 'cdktf';
import { DATABRICKS_EGRESS_PORTS, WorkspaceNetwork, type WorkspaceNetworkProps } from '../../../constructs/aws/workspace-network';
import { awsContextFixture } from '../../support/construct-context';
import { addressOf, refAt, resourceAt, resourcesOf, type Synthesized } from '../../support/synth';

type NetworkProps = WorkspaceNetworkProps['network'];

const created = {
  mode: 'create' as const,
  egress: 'nat' as const,
  vpcCidr: '10.77.0.0/16',
  natGateways: 'per-az',
  privateSubnets: [
    { cidr: '10.77.0.0/19', availabilityZone: 'us-east-2a' },
    { cidr: '10.77.32.0/19', availabilityZone: 'us-east-2b' },
    { cidr: '10.77.64.0/19', availabilityZone: 'us-east-2b' },
  ],
  publicSubnets: [
    { cidr: '10.77.128.0/24', availabilityZone: 'us-east-2a' },
    { cidr: '10.77.129.0/24', availabilityZone: 'us-east-2b' },
  ],
} satisfies NetworkProps;

function synthNetwork(network: NetworkProps): Synthesized {
  return JSON.parse(Testing.synthScope((scope) => new WorkspaceNetwork(scope, 'net', { context: awsContextFixture({ region: 'us-east-2' }), network })));
}

describe('WorkspaceNetwork (created VPC)', () => {
  const json = synthNetwork(created);
  const ref = (type: string, suffix: string) => refAt(json, type, suffix);

  test('creates the VPC with DNS support and every configured subnet in its zone', () => {
    expect(resourcesOf(json, 'aws_vpc')[0][1]).toMatchObject({ cidr_block: '10.77.0.0/16', enable_dns_hostnames: true, enable_dns_support: true });
    const subnets = resourcesOf(json, 'aws_subnet').map(([, s]) => [s.cidr_block, s.availability_zone]);
    expect(subnets.sort()).toEqual(
      [
        ['10.77.128.0/24', 'us-east-2a'],
        ['10.77.129.0/24', 'us-east-2b'],
        ['10.77.0.0/19', 'us-east-2a'],
        ['10.77.32.0/19', 'us-east-2b'],
        ['10.77.64.0/19', 'us-east-2b'],
      ].sort(),
    );
    expect(resourcesOf(json, 'aws_subnet').every(([, s]) => s.map_public_ip_on_launch !== true)).toBe(true);
  });

  test('routes each private subnet through the NAT gateway of its own zone', () => {
    expect(resourcesOf(json, 'aws_nat_gateway')).toHaveLength(2);
    expect(resourceAt(json, 'aws_route', 'private-0-default-route').nat_gateway_id).toBe(ref('aws_nat_gateway', 'nat-0'));
    expect(resourceAt(json, 'aws_route', 'private-1-default-route').nat_gateway_id).toBe(ref('aws_nat_gateway', 'nat-1'));
    expect(resourceAt(json, 'aws_route', 'private-2-default-route').nat_gateway_id).toBe(ref('aws_nat_gateway', 'nat-1'));
    expect(resourceAt(json, 'aws_route', 'public-default-route')).toMatchObject({ destination_cidr_block: '0.0.0.0/0', gateway_id: ref('aws_internet_gateway', 'igw') });
  });

  test('a single NAT gateway serves every zone by default', () => {
    const single = synthNetwork({ ...created, natGateways: 'single' });
    expect(resourcesOf(single, 'aws_nat_gateway')).toHaveLength(1);
    const nat = `\${${addressOf(single, 'aws_nat_gateway')}.id}`;
    expect(resourcesOf(single, 'aws_route').filter(([, r]) => r.nat_gateway_id === nat)).toHaveLength(3);
  });

  test('the workspace security group allows all traffic within itself and only documented egress', () => {
    const sg = ref('aws_security_group', 'workspace-sg');
    const ingress = resourcesOf(json, 'aws_vpc_security_group_ingress_rule').filter(([, r]) => r.security_group_id === sg);
    expect(ingress.map(([, r]) => [r.ip_protocol, r.referenced_security_group_id])).toEqual([['-1', sg]]);
    const egress = resourcesOf(json, 'aws_vpc_security_group_egress_rule').map(([, r]) => r);
    expect(egress.find((r) => r.ip_protocol === '-1')).toMatchObject({ referenced_security_group_id: sg });
    const ports = egress.filter((r) => r.ip_protocol === 'tcp').map((r) => [r.from_port, r.to_port, r.cidr_ipv4]);
    const byPort = (a: any[], b: any[]) => a[0] - b[0];
    expect(ports.sort(byPort)).toEqual(DATABRICKS_EGRESS_PORTS.map((p) => [p.from, p.to, '0.0.0.0/0']).sort(byPort));
    expect(ports).toContainEqual([443, 443, '0.0.0.0/0']);
    expect(ports).toContainEqual([8443, 8451, '0.0.0.0/0']);
  });

  test('has an S3 gateway endpoint on the private route tables and STS and Kinesis interface endpoints', () => {
    const s3 = resourceAt(json, 'aws_vpc_endpoint', 's3-endpoint');
    expect(s3).toMatchObject({ service_name: 'com.amazonaws.us-east-2.s3', vpc_endpoint_type: 'Gateway' });
    expect(s3.route_table_ids).toEqual([0, 1, 2].map((i) => ref('aws_route_table', `private-${i}-rt`)));
    for (const service of ['sts', 'kinesis-streams']) {
      const endpoint = resourceAt(json, 'aws_vpc_endpoint', `${service}-endpoint`);
      expect(endpoint).toMatchObject({ service_name: `com.amazonaws.us-east-2.${service}`, vpc_endpoint_type: 'Interface', private_dns_enabled: true });
      // One subnet per zone: interface endpoints refuse two subnets of the same zone.
      expect(endpoint.subnet_ids).toEqual([ref('aws_subnet', 'private-0'), ref('aws_subnet', 'private-1')]);
      expect(endpoint.security_group_ids).toEqual([ref('aws_security_group', 'endpoint-sg')]);
    }
    expect(resourceAt(json, 'aws_vpc_security_group_ingress_rule', 'endpoint-sg-https')).toMatchObject({
      from_port: 443,
      to_port: 443,
      referenced_security_group_id: ref('aws_security_group', 'workspace-sg'),
    });
  });
});

describe('WorkspaceNetwork (existing VPC)', () => {
  test('creates only the workspace security group when none is given', () => {
    const json = synthNetwork({ mode: 'existing', vpcId: 'vpc-0abc12345def67890', privateSubnetIds: ['subnet-0aaaaaaaaaaaaaaaa', 'subnet-0bbbbbbbbbbbbbbbb'] });
    expect(Object.keys(json.resource).sort()).toEqual(['aws_security_group', 'aws_vpc_security_group_egress_rule', 'aws_vpc_security_group_ingress_rule']);
    expect(resourcesOf(json, 'aws_security_group')[0][1].vpc_id).toBe('vpc-0abc12345def67890');
  });

  test('creates nothing when security groups are given', () => {
    const json = JSON.parse(
      Testing.synthScope((scope) => {
        const network = new WorkspaceNetwork(scope, 'net', {
          context: awsContextFixture({ region: 'us-east-2' }),
          network: { mode: 'existing', vpcId: 'vpc-0abc12345def67890', privateSubnetIds: ['subnet-0aaaaaaaaaaaaaaaa', 'subnet-0bbbbbbbbbbbbbbbb'], securityGroupIds: ['sg-0ccccccccccccccccc'] },
        });
        expect(network.securityGroupIds).toEqual(['sg-0ccccccccccccccccc']);
        expect(network.privateSubnetIds).toEqual(['subnet-0aaaaaaaaaaaaaaaa', 'subnet-0bbbbbbbbbbbbbbbb']);
      }),
    );
    expect(json.resource ?? {}).toEqual({});
  });
});
