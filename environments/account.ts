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
  // Environment files name a group by its key. Each group: its display name in the account console, its
  // access to every workspace, and what it gets where an environment does not list grants (docs/groups.md).
  groups: {
    admins: {
      displayName: 'platform-admins',
      workspaceAccess: 'ADMIN',
      // Owners already hold every privilege; explicit ALL_PRIVILEGES keeps the authoritative lists readable.
      defaultGrants: { catalog: ['ALL_PRIVILEGES'], storageCredential: ['ALL_PRIVILEGES'], managedLocation: ['ALL_PRIVILEGES'], externalLocation: ['ALL_PRIVILEGES'] },
    },
    dataEngineers: {
      displayName: 'data-engineers',
      workspaceAccess: 'USER',
      // Where an environment names no groups: CAN_USE on the baseline cluster policy, READ on the node-traffic secrets.
      createsClusters: true,
      // They build pipelines: read and write the layers they own (raw, prepared), read the published one.
      defaultGrants: {
        catalog: ['USE_CATALOG'],
        schema: ['USE_SCHEMA', 'SELECT', 'MODIFY', 'CREATE_TABLE', 'READ_VOLUME', 'WRITE_VOLUME'],
        publishedSchema: ['USE_SCHEMA', 'SELECT'],
        volume: ['READ_VOLUME', 'WRITE_VOLUME'],
        externalLocation: ['READ_FILES', 'WRITE_FILES'],
      },
    },
    analysts: {
      displayName: 'data-analysts',
      workspaceAccess: 'USER',
      defaultGrants: { catalog: ['USE_CATALOG'], publishedSchema: ['USE_SCHEMA', 'SELECT'] },
    },
  },
  // Owns metastores, catalogs, credentials and locations; MANAGE on secret scopes.
  ownerGroup: 'admins',
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
