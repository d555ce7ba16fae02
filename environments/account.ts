import type { AccountInput } from './schema';

// Shared by every environment. Replace the ids, ARNs and bucket name with your own (see README).
const account: AccountInput = {
  namePrefix: 'acme-dbx',
  databricksAccountId: '9a3c1f2e-5b7d-4e8a-b6c4-2d1f0e9a8b7c',
  aws: {
    accountId: '123456789012',
    region: 'eu-west-1',
    deployRoleArn: 'arn:aws:iam::123456789012:role/platform-terraform-deploy',
    planRoleArn: 'arn:aws:iam::123456789012:role/platform-terraform-plan',
  },
  metastoreRegions: ['eu-west-1'],
  // Display names as in the account console. Environment files refer to a group by its key (admins, ...).
  groups: {
    admins: 'platform-admins',
    dataEngineers: 'data-engineers',
    analysts: 'data-analysts',
  },
  state: {
    bucket: 'acme-dbx-terraform-state-123456789012',
    region: 'eu-west-1',
    accountId: '123456789012',
    keyPrefix: 'databricks',
  },
  // GitHub Actions plan and apply through OIDC; the bootstrap and account stacks create their identities.
  ci: { githubRepository: 'acme/databricks-platform' },
  tags: { Owner: 'data-platform', CostCenter: 'CC-1000' },
  // A network connectivity configuration per metastore region, for environments' serverless compute.
  serverlessNetworkConnectivity: true,
};

export default account;
