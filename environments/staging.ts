import type { EnvironmentInput } from './schema';

const staging: EnvironmentInput = {
  name: 'staging',
  aws: {
    accountId: '321098765432',
    region: 'eu-west-1',
    deployRoleArn: 'arn:aws:iam::321098765432:role/platform-terraform-deploy',
    planRoleArn: 'arn:aws:iam::321098765432:role/platform-terraform-plan',
  },
  databricks: {
    workspaceName: 'acme-staging',
    deploymentName: 'acme-staging',
  },
  network: {
    mode: 'create',
    vpcCidr: '10.20.0.0/16',
    privateSubnets: [
      { cidr: '10.20.0.0/19', availabilityZone: 'eu-west-1a' },
      { cidr: '10.20.32.0/19', availabilityZone: 'eu-west-1b' },
    ],
    publicSubnets: [{ cidr: '10.20.128.0/24', availabilityZone: 'eu-west-1a' }],
  },
  tags: { Owner: 'data-platform', CostCenter: 'CC-1200' },
  // One key for both use cases keeps staging cheaper while exercising the CMK path.
  encryption: { shareKey: true },
  budget: { amountUsd: 3000, recipients: ['data-platform@example.com'] },
  // Schema defaults for tokens (admins, 90 days) and hardening (legacy DBFS and access off).
  secretScopes: [
    {
      name: 'staging-pipelines',
      acls: [
        { group: 'admins', permission: 'MANAGE' },
        { group: 'dataEngineers', permission: 'READ' },
      ],
      // Supplied by the deploy job as TF_VAR_secret_staging_pipelines_warehouse_password.
      secrets: [{ key: 'warehouse-password', source: 'environment' }],
    },
  ],
};

export default staging;
