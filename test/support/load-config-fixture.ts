import { accountFixture, environmentFixture, FIXTURE } from './fixtures';

/** Fixture set: alpha (VPC 10.1.0.0/16, in FIXTURE.region), beta and gamma; mutable. */
export function loadConfigFixtureInputs(): { account: any; environments: Record<string, any> } {
  const region = FIXTURE.region;
  const alpha = environmentFixture('alpha', {
    network: {
      mode: 'create',
      vpcCidr: '10.1.0.0/16',
      privateSubnets: [{ cidr: '10.1.0.0/19', availabilityZone: `${region}a` }, { cidr: '10.1.32.0/19', availabilityZone: `${region}b` }],
      publicSubnets: [{ cidr: '10.1.128.0/24', availabilityZone: `${region}a` }],
    },
  });
  return { account: accountFixture(), environments: { alpha, beta: environmentFixture('beta'), gamma: environmentFixture('gamma') } };
}
