import type { EnvironmentInput } from './schema';

const dev: EnvironmentInput = {
  name: 'dev',
  aws: {
    accountId: '210987654321',
    region: 'eu-west-1',
    deployRoleArn: 'arn:aws:iam::210987654321:role/platform-terraform-deploy',
  },
  databricks: {
    workspaceName: 'acme-dev',
    deploymentName: 'acme-dev',
  },
  network: {
    mode: 'create',
    vpcCidr: '10.10.0.0/16',
    privateSubnets: [
      { cidr: '10.10.0.0/19', availabilityZone: 'eu-west-1a' },
      { cidr: '10.10.32.0/19', availabilityZone: 'eu-west-1b' },
    ],
    publicSubnets: [{ cidr: '10.10.128.0/24', availabilityZone: 'eu-west-1a' }],
  },
  tags: { Owner: 'data-platform', CostCenter: 'CC-1100' },
  // Dev can be torn down and rebuilt; keys get the shortest deletion window.
  protect: false,
};

export default dev;
