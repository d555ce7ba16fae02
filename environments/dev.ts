import type { EnvironmentInput } from './schema';

const dev: EnvironmentInput = {
  name: 'dev',
  aws: {
    accountId: '210987654321',
    region: 'eu-west-1',
    deployRoleArn: 'arn:aws:iam::210987654321:role/platform-terraform-deploy',
    planRoleArn: 'arn:aws:iam::210987654321:role/platform-terraform-plan',
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
  // Relaxed: engineers may use tokens, no IP lists, legacy DBFS/Hive still reachable for migrations.
  workspaceSecurity: {
    tokens: { maxLifetimeDays: 90, allowedGroups: ['admins', 'dataEngineers'] },
    hardening: { disableLegacyDbfs: false, disableLegacyAccess: false },
    // Opt-outs of secure defaults: dev holds synthetic data, and engineers export results and notebooks.
    settings: { resultsDownload: true, notebookExport: true },
  },
  secretScopes: [
    {
      name: 'dev-pipelines',
      acls: [{ group: 'dataEngineers', permission: 'WRITE' }],
      secrets: [{ key: 'api-signing-key', source: 'generated' }],
    },
  ],
  clusterPolicy: {
    autoTerminationMinutes: { min: 10, max: 60, default: 20 },
    maxDbuPerHour: 20,
    maxWorkers: 4,
    groups: ['dataEngineers', 'analysts'],
  },
};

export default dev;
