import type { AccountInput, EnvironmentInput } from '../../environments/schema';

/**
 * A small, self-contained environment for network specification tests (not an example file).
 * `isolated()` and `firewalled()` give the two restricted egress modes with what they require.
 */
export const FIXTURE_REGION = 'eu-central-1';

export function natEnvironment(name = 'spec'): EnvironmentInput {
  return {
    name,
    aws: { accountId: '111122223333', region: FIXTURE_REGION, deployRoleArn: 'arn:aws:iam::111122223333:role/deploy' },
    databricks: { workspaceName: `${name} workspace`, deploymentName: `${name}-ws` },
    network: {
      mode: 'create',
      vpcCidr: '10.50.0.0/16',
      privateSubnets: [
        { cidr: '10.50.0.0/20', availabilityZone: `${FIXTURE_REGION}a` },
        { cidr: '10.50.16.0/20', availabilityZone: `${FIXTURE_REGION}b` },
      ],
      publicSubnets: [{ cidr: '10.50.240.0/24', availabilityZone: `${FIXTURE_REGION}a` }],
    },
    tags: { Owner: 'spec-team', CostCenter: 'CC-SPEC' },
  };
}

export const PRIVATE_LINK_SUBNETS = [
  { cidr: '10.50.250.0/28', availabilityZone: `${FIXTURE_REGION}a` },
  { cidr: '10.50.250.16/28', availabilityZone: `${FIXTURE_REGION}b` },
];

export function isolatedEnvironment(name = 'spec'): EnvironmentInput {
  const env = natEnvironment(name);
  return {
    ...env,
    network: { ...env.network, mode: 'create', publicSubnets: [], egress: 'isolated' } as EnvironmentInput['network'],
    privateLink: { enabled: true, subnets: PRIVATE_LINK_SUBNETS },
  };
}

export const HUB = {
  hubVpcCidr: '10.60.0.0/24',
  transitSubnets: [
    { cidr: '10.60.0.0/28', availabilityZone: `${FIXTURE_REGION}a` },
    { cidr: '10.60.0.16/28', availabilityZone: `${FIXTURE_REGION}b` },
  ],
  firewallSubnets: [
    { cidr: '10.60.0.32/28', availabilityZone: `${FIXTURE_REGION}a` },
    { cidr: '10.60.0.48/28', availabilityZone: `${FIXTURE_REGION}b` },
  ],
  publicSubnets: [
    { cidr: '10.60.0.64/28', availabilityZone: `${FIXTURE_REGION}a` },
    { cidr: '10.60.0.80/28', availabilityZone: `${FIXTURE_REGION}b` },
  ],
};

export function firewalledEnvironment(name = 'spec'): EnvironmentInput {
  const env = natEnvironment(name);
  return { ...env, network: { ...env.network, mode: 'create', publicSubnets: [], egress: 'firewall', firewall: HUB } as EnvironmentInput['network'] };
}

export function fixtureAccount(regions: string[] = [FIXTURE_REGION]): AccountInput {
  return {
    namePrefix: 'spec',
    databricksAccountId: '00000000-0000-4000-8000-000000000001',
    aws: { accountId: '444455556666', region: regions[0] as AccountInput['aws']['region'], deployRoleArn: 'arn:aws:iam::444455556666:role/deploy' },
    metastoreRegions: regions as AccountInput['metastoreRegions'],
    groups: {
      admins: { displayName: 'spec-admins', workspaceAccess: 'ADMIN', defaultGrants: { catalog: ['ALL_PRIVILEGES'] } },
      dataEngineers: { displayName: 'spec-engineers', createsClusters: true, defaultGrants: { catalog: ['USE_CATALOG'], schema: ['USE_SCHEMA', 'MODIFY'] } },
      analysts: { displayName: 'spec-analysts', defaultGrants: { catalog: ['USE_CATALOG'], publishedSchema: ['USE_SCHEMA', 'SELECT'] } },
    },
    state: { bucket: 'spec-terraform-state-bucket', region: regions[0] as AccountInput['aws']['region'], accountId: '444455556666' },
    tags: { Owner: 'spec-team', CostCenter: 'CC-SPEC' },
  };
}
