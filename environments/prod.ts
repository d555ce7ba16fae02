import type { EnvironmentInput } from './schema';

const prod: EnvironmentInput = {
  name: 'prod',
  aws: {
    accountId: '432109876543',
    region: 'eu-west-1',
    deployRoleArn: 'arn:aws:iam::432109876543:role/platform-terraform-deploy',
    keyAdministratorArns: ['arn:aws:iam::432109876543:role/platform-terraform-deploy', 'arn:aws:iam::432109876543:role/security-key-admins'],
  },
  databricks: {
    workspaceName: 'acme-prod',
    deploymentName: 'acme-prod',
  },
  network: {
    mode: 'create',
    vpcCidr: '10.30.0.0/16',
    privateSubnets: [
      { cidr: '10.30.0.0/19', availabilityZone: 'eu-west-1a' },
      { cidr: '10.30.32.0/19', availabilityZone: 'eu-west-1b' },
      { cidr: '10.30.64.0/19', availabilityZone: 'eu-west-1c' },
    ],
    publicSubnets: [
      { cidr: '10.30.128.0/24', availabilityZone: 'eu-west-1a' },
      { cidr: '10.30.129.0/24', availabilityZone: 'eu-west-1b' },
      { cidr: '10.30.130.0/24', availabilityZone: 'eu-west-1c' },
    ],
    // A NAT gateway per AZ so an AZ outage does not cut the other AZs' egress.
    natGateways: 'per-az',
  },
  tags: { Owner: 'data-platform', CostCenter: 'CC-1300', DataClassification: 'confidential' },
  protect: true,
  // Defence in depth: the init script on instance types that also encrypt in hardware.
  nodeTrafficEncryption: { mode: 'both' },
};

export default prod;
