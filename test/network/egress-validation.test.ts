import { ConfigError, loadConfig } from '../../environments';
import { DATABRICKS_REGIONS, MAX_ALLOWED_DOMAINS, type EnvironmentInput } from '../../environments/schema';
import { writeEnvironmentsDir } from '../support/environment-files';
import { firewalledEnvironment, fixtureAccount, FIXTURE_REGION, HUB, isolatedEnvironment, natEnvironment } from '../support/network-fixture';

/** Problems the real loader reports for one fixture environment named "spec". */
function problemsOf(env: EnvironmentInput): string[] {
  const dir = writeEnvironmentsDir(fixtureAccount(), { spec: env });
  try {
    loadConfig(dir);
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.map((problem) => problem.replace(/ \([^)]*spec\.json\)/, ''));
  }
}

const withNetwork = (env: EnvironmentInput, change: Record<string, unknown>): EnvironmentInput =>
  ({ ...env, network: { ...env.network, ...change } }) as EnvironmentInput;

describe('network.egress validation', () => {
  test.each([
    ['nat', natEnvironment()],
    ['isolated', isolatedEnvironment()],
    ['firewall', firewalledEnvironment()],
  ])('accepts a complete %s environment', (_mode, env) => {
    expect(problemsOf(env)).toEqual([]);
  });

  test('nat is the default, so existing environment files keep their behaviour', () => {
    const dir = writeEnvironmentsDir(fixtureAccount(), { spec: natEnvironment() });
    const [env] = loadConfig(dir).environments;
    expect(env.network).toMatchObject({ mode: 'create', egress: 'nat' });
  });

  test('isolated without back-end PrivateLink is refused, naming the field and the reason', () => {
    const env = { ...isolatedEnvironment(), privateLink: { enabled: false } };
    expect(problemsOf(env)).toEqual([
      'environment "spec": privateLink.enabled: must be true with network.egress "isolated": without back-end PrivateLink the nodes have no path to the control plane',
    ]);
  });

  test('isolated refuses NAT subnets, a Glue metastore and legacy Hive access', () => {
    const env: any = withNetwork(isolatedEnvironment(), { publicSubnets: [{ cidr: '10.50.240.0/24', availabilityZone: `${FIXTURE_REGION}a` }] });
    env.unityCatalog = { glueMetastore: { enabled: true } };
    env.workspaceSecurity = { hardening: { disableLegacyAccess: false } };
    const problems = problemsOf(env);
    expect(problems).toContainEqual('environment "spec": network.publicSubnets: must be empty with egress "isolated": an isolated VPC has no internet path');
    expect(problems).toContainEqual(expect.stringMatching(/^environment "spec": unityCatalog\.glueMetastore\.enabled: must be false with network\.egress "isolated": AWS Glue is not reachable/));
    expect(problems).toContainEqual(expect.stringMatching(/^environment "spec": workspaceSecurity\.hardening\.disableLegacyAccess: must be true with network\.egress "isolated"/));
  });

  test('nat needs a public subnet for its NAT gateway', () => {
    expect(problemsOf(withNetwork(natEnvironment(), { publicSubnets: [] }))).toEqual([
      'environment "spec": network.publicSubnets: needs at least one public subnet for NAT egress (or choose egress "isolated" or "firewall")',
    ]);
  });

  test('firewall needs its hub section, and the hub is refused with any other mode', () => {
    const withoutHub = { ...firewalledEnvironment().network, firewall: undefined } as Record<string, unknown>;
    expect(problemsOf({ ...natEnvironment(), network: withoutHub } as EnvironmentInput)).toEqual([
      'environment "spec": network.egress: "firewall" needs a firewall section (hubVpcCidr, transitSubnets, firewallSubnets, publicSubnets): see docs/network.md',
    ]);
    expect(problemsOf(withNetwork(natEnvironment(), { firewall: HUB }))).toEqual([
      'environment "spec": network.firewall: is only used with egress "firewall"; got egress "nat" (remove it or set egress: "firewall")',
    ]);
  });

  test('the hub must not overlap the workspace VPC, and its subnets fit, do not clash and cover the same zones', () => {
    const hub = structuredClone(HUB);
    hub.firewallSubnets[1] = { cidr: '10.60.0.0/28', availabilityZone: `${FIXTURE_REGION}a` };
    hub.publicSubnets[0].cidr = '10.61.0.0/28';
    const env = withNetwork(firewalledEnvironment(), { firewall: { ...hub, hubVpcCidr: '10.60.0.0/24' } });
    expect(problemsOf(env)).toEqual([
      'environment "spec": network.firewall.firewallSubnets.1.cidr: 10.60.0.0/28 overlaps 10.60.0.0/28 (firewall.transitSubnets.0)',
      `environment "spec": network.firewall.firewallSubnets.1.availabilityZone: ${FIXTURE_REGION}a already has a subnet in firewall.firewallSubnets (one per zone)`,
      'environment "spec": network.firewall.publicSubnets.0.cidr: 10.61.0.0/28 is outside the hub VPC CIDR 10.60.0.0/24',
      `environment "spec": network.firewall.firewallSubnets: must cover the same availability zones as firewall.transitSubnets (${FIXTURE_REGION}a, ${FIXTURE_REGION}b); got ${FIXTURE_REGION}a, ${FIXTURE_REGION}a`,
    ]);
    expect(problemsOf(withNetwork(firewalledEnvironment(), { firewall: { ...HUB, hubVpcCidr: '10.50.0.0/16' } }))).toContainEqual(
      'environment "spec": network.firewall.hubVpcCidr: 10.50.0.0/16 overlaps the workspace VPC 10.50.0.0/16; the transit gateway routes between them',
    );
  });

  test('hub subnets must lie in the environment region', () => {
    const hub = structuredClone(HUB);
    hub.transitSubnets[0].availabilityZone = 'eu-west-1a';
    const problems = problemsOf(withNetwork(firewalledEnvironment(), { firewall: hub }));
    expect(problems).toContainEqual(`environment "spec": network.firewall.transitSubnets.0.availabilityZone: eu-west-1a is not in region ${FIXTURE_REGION}`);
  });

  test('an existing VPC takes no egress mode (its routes belong to the network team)', () => {
    const env = { ...natEnvironment(), network: { mode: 'existing', vpcId: 'vpc-0abc12345def67890', privateSubnetIds: ['subnet-0aaaaaaaaaaaaaaaa', 'subnet-0bbbbbbbbbbbbbbbb'], egress: 'isolated' } };
    expect(problemsOf(env as EnvironmentInput).join('\n')).toMatch(/network.*egress/);
  });

  test('isolated is refused where Databricks serves the region from another region\'s buckets', () => {
    const region = Object.entries(DATABRICKS_REGIONS).find(([, row]) => row?.bucketRegion)?.[0];
    expect(region).toBeDefined();
    const env = isolatedEnvironment() as any;
    env.aws.region = region;
    env.network.privateSubnets = env.network.privateSubnets.map((s: any, i: number) => ({ ...s, availabilityZone: `${region}${'ab'[i]}` }));
    env.privateLink.subnets = env.privateLink.subnets.map((s: any, i: number) => ({ ...s, availabilityZone: `${region}${'ab'[i]}` }));
    const problems = loadProblems(env, region!);
    expect(problems).toContainEqual(expect.stringMatching(new RegExp(`^environment "spec": network\\.egress: "isolated" cannot work in ${region}: Databricks serves its artifacts there from`)));
  });

  test('the firewall allow-list is bounded by the rule group capacity', () => {
    const env = firewalledEnvironment() as any;
    env.network.firewall.allowedDomains = Array.from({ length: MAX_ALLOWED_DOMAINS + 1 }, (_, i) => `host${i}.example.com`);
    expect(problemsOf(env)).toEqual([`environment "spec": network.firewall.allowedDomains: at most ${MAX_ALLOWED_DOMAINS} domains (the allow-list rule group has a fixed capacity)`]);
  });
});

function loadProblems(env: EnvironmentInput, region: string): string[] {
  const dir = writeEnvironmentsDir(fixtureAccount([region]), { spec: env });
  try {
    loadConfig(dir);
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.map((problem) => problem.replace(/ \([^)]*spec\.json\)/, ''));
  }
}
