import { loadConfig } from '../../environments';
import { DATABRICKS_REGIONS, PACKAGE_REPOSITORIES, type EnvironmentInput } from '../../environments/schema';
import { ALLOW_LIST_CAPACITY } from '../../constructs/aws/egress-firewall';
import { Testing, type TerraformStack } from 'cdktf';
import { checkStack } from '../../guardrails';
import { buildApp } from '../../stacks/app';
import { writeEnvironmentsDir } from '../support/environment-files';
import { firewalledEnvironment, fixtureAccount, FIXTURE_REGION, HUB } from '../support/network-fixture';
import { refAt, resourceAt, resourcesOf, synthApp, type Synthesized } from '../support/synth';

function synthSpec(env: EnvironmentInput): Synthesized {
  return synthApp(loadConfig(writeEnvironmentsDir(fixtureAccount(), { spec: env }))).spec;
}

describe('egress "firewall" (hub and spoke with AWS Network Firewall)', () => {
  const env = firewalledEnvironment();
  (env.network as { firewall: Record<string, unknown> }).firewall = { ...HUB, packageRepositories: ['pypi'], allowedDomains: ['api.partner.example'] };
  const stack = synthSpec(env);
  const spokeCidr = (env.network as { vpcCidr: string }).vpcCidr;
  const ref = (type: string, suffix: string, attribute = 'id') => refAt(stack, type, suffix, attribute);
  const tgw = ref('aws_ec2_transit_gateway', 'egress-firewall/tgw');
  const firewallName = Object.keys(stack.resource.aws_networkfirewall_firewall)[0];
  const endpointIn = (zone: string) =>
    `\${[for s in aws_networkfirewall_firewall.${firewallName}.firewall_status[0].sync_states : s.attachment[0].endpoint_id if s.availability_zone == "${zone}"][0]}`;

  test('the workspace VPC has no NAT or internet gateway; its private subnets default to the transit gateway', () => {
    const spokeVpc = ref('aws_vpc', 'network/vpc');
    const natSubnets = resourcesOf(stack, 'aws_nat_gateway').map(([, n]) => n.subnet_id);
    const spokeSubnets = resourcesOf(stack, 'aws_subnet').filter(([, s]) => s.vpc_id === spokeVpc).map(([name]) => `\${aws_subnet.${name}.id}`);
    expect(natSubnets.some((s) => spokeSubnets.includes(s))).toBe(false);
    expect(resourcesOf(stack, 'aws_internet_gateway').every(([, g]) => g.vpc_id !== spokeVpc)).toBe(true);
    const privateTables = resourcesOf(stack, 'aws_route_table').filter(([name, t]) => t.vpc_id === spokeVpc && /network_private-\d+-rt/.test(name)).map(([name]) => `\${aws_route_table.${name}.id}`);
    expect(privateTables.length).toBeGreaterThan(0);
    for (const table of privateTables) {
      const defaults = resourcesOf(stack, 'aws_route').map(([, r]) => r).filter((r) => r.route_table_id === table && r.destination_cidr_block === '0.0.0.0/0');
      expect(defaults).toEqual([expect.objectContaining({ transit_gateway_id: tgw })]);
    }
  });

  test('the transit gateway sends everything else to the hub, with appliance mode on the hub attachment', () => {
    const hubAttachment = resourceAt(stack, 'aws_ec2_transit_gateway_vpc_attachment', 'hub-attachment');
    expect(hubAttachment).toMatchObject({ appliance_mode_support: 'enable', vpc_id: ref('aws_vpc', 'egress-firewall/hub-vpc') });
    expect(resourceAt(stack, 'aws_ec2_transit_gateway_vpc_attachment', 'spoke-attachment').vpc_id).toBe(ref('aws_vpc', 'network/vpc'));
    expect(resourceAt(stack, 'aws_ec2_transit_gateway_route', 'tgw-default-route')).toMatchObject({
      destination_cidr_block: '0.0.0.0/0',
      transit_gateway_attachment_id: ref('aws_ec2_transit_gateway_vpc_attachment', 'hub-attachment'),
      transit_gateway_route_table_id: ref('aws_ec2_transit_gateway', 'egress-firewall/tgw', 'association_default_route_table_id'),
    });
  });

  test('per zone the hub routes transit -> firewall endpoint -> NAT -> internet gateway and back through the same endpoint', () => {
    HUB.transitSubnets.forEach(({ availabilityZone: zone }, index) => {
      const route = (suffix: string) => resourceAt(stack, 'aws_route', `egress-firewall/${suffix}-${index}`);
      expect(route('transit-default-route')).toMatchObject({ destination_cidr_block: '0.0.0.0/0', vpc_endpoint_id: endpointIn(zone) });
      expect(route('firewall-default-route')).toMatchObject({ destination_cidr_block: '0.0.0.0/0', nat_gateway_id: ref('aws_nat_gateway', `egress-firewall/nat-${index}`) });
      expect(route('firewall-spoke-route')).toMatchObject({ destination_cidr_block: spokeCidr, transit_gateway_id: tgw });
      expect(route('public-default-route')).toMatchObject({ destination_cidr_block: '0.0.0.0/0', gateway_id: ref('aws_internet_gateway', 'egress-firewall/igw') });
      expect(route('public-spoke-route')).toMatchObject({ destination_cidr_block: spokeCidr, vpc_endpoint_id: endpointIn(zone) });
      const nat = resourceAt(stack, 'aws_nat_gateway', `egress-firewall/nat-${index}`);
      const publicSubnet = resourceAt(stack, 'aws_subnet', `egress-firewall/public-${HUB.publicSubnets.findIndex((s) => s.availabilityZone === zone)}`);
      expect(publicSubnet.availability_zone).toBe(zone);
      expect(nat.subnet_id).toBe(ref('aws_subnet', `egress-firewall/public-${HUB.publicSubnets.findIndex((s) => s.availabilityZone === zone)}`));
    });
  });

  test('the firewall passes only allow-listed domains over TLS/HTTP and drops everything else', () => {
    const policy = resourceAt(stack, 'aws_networkfirewall_firewall_policy', 'policy').firewall_policy;
    expect(policy.stateful_engine_options).toEqual({ rule_order: 'STRICT_ORDER' });
    expect(policy.stateful_default_actions).toEqual(['aws:drop_established', 'aws:alert_established']);
    expect(policy.stateless_default_actions).toEqual(['aws:forward_to_sfe']);
    expect(policy.stateful_rule_group_reference).toEqual([{ priority: 1, resource_arn: ref('aws_networkfirewall_rule_group', 'allow-list', 'arn') }]);

    const group = resourceAt(stack, 'aws_networkfirewall_rule_group', 'allow-list');
    expect(group).toMatchObject({ type: 'STATEFUL', capacity: ALLOW_LIST_CAPACITY });
    expect(group.rule_group.stateful_rule_options).toEqual({ rule_order: 'STRICT_ORDER' });
    expect(group.rule_group.rule_variables.ip_sets).toEqual([{ key: 'HOME_NET', ip_set: { definition: [spokeCidr, HUB.hubVpcCidr] } }]);
    const list = group.rule_group.rules_source.rules_source_list;
    expect(list.generated_rules_type).toBe('ALLOWLIST');
    expect(list.target_types).toEqual(['TLS_SNI', 'HTTP_HOST']);

    const region = DATABRICKS_REGIONS[FIXTURE_REGION]!;
    const targets: string[] = list.targets;
    expect(new Set(targets).size).toBe(targets.length);
    expect(targets).toEqual(expect.arrayContaining([
      `${env.databricks.deploymentName}.cloud.databricks.com`,
      region.webApp,
      region.relayHost,
      ...region.artifactBuckets.map((b) => `${b}.s3.${FIXTURE_REGION}.amazonaws.com`),
      `${region.logBucket}.s3.${FIXTURE_REGION}.amazonaws.com`,
      `${region.systemTablesBucket}.s3.${FIXTURE_REGION}.amazonaws.com`,
      ...PACKAGE_REPOSITORIES.pypi,
      'api.partner.example',
    ]));
    for (const host of PACKAGE_REPOSITORIES.maven) expect(targets).not.toContain(host);
    expect(targets).not.toContain(region.legacyMetastoreHost);
  });

  test('the endpoints carry the restrictive policies and the SG keeps no legacy metastore port', () => {
    expect(JSON.parse(resourceAt(stack, 'aws_vpc_endpoint', 'network/s3-endpoint').policy).Statement.length).toBeGreaterThan(0);
    const egress = resourcesOf(stack, 'aws_vpc_security_group_egress_rule').map(([, r]) => r);
    expect(egress.some((r) => r.from_port === 3306)).toBe(false);
  });

  test('DBX-NET-001 does not flag the hub\'s NAT gateways in production: their traffic is inspected', () => {
    const prodEnv = { ...env, name: 'prod', databricks: { workspaceName: 'prod ws', deploymentName: 'prod-ws' } };
    const app = buildApp(Testing.app(), loadConfig(writeEnvironmentsDir(fixtureAccount(), { prod: prodEnv })));
    const prod = app.node.children.find((child) => child.node.id === 'prod') as TerraformStack;
    const rules = checkStack(prod, { protect: true }).violations.map((v) => v.ruleId);
    expect(rules).not.toContain('DBX-NET-001');
  });
});
