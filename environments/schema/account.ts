import { z } from 'zod';
import { awsAccountId, awsRegion, databricksAccountId, dnsLabel, iamPrincipalArn, iamRoleArn } from './primitives';
import { groupsSchema } from './groups';
import { sharedGuardrailSuppressionsSchema } from './guardrail-suppressions';
import { accountLogDeliverySchema } from './log-delivery';
import { tagsSchema } from './tags';
import { systemSchemasSchema } from './system-schemas';
import { pipelineSchema } from './pipeline';
import { arnAccountId, s3BucketName } from './aws-names';
import { artifactListsSchema } from './artifact-allowlists';

/** The key of the only group with workspaceAccess ADMIN; undefined when there are none or several. */
function soleAdminGroup(groups: Record<string, { workspaceAccess: string }>): string | undefined {
  const admins = Object.keys(groups).filter((key) => groups[key].workspaceAccess === 'ADMIN');
  return admins.length === 1 ? admins[0] : undefined;
}

export const accountSchema = z.strictObject({
  namePrefix: dnsLabel(12).describe('Prefix of every cloud object name, e.g. "acme-dbx"'),
  databricksAccountId: databricksAccountId.describe('Databricks account id (account console > user menu)'),
  aws: z.strictObject({
    accountId: awsAccountId.describe('AWS account for account-wide resources (log delivery bucket)'),
    region: awsRegion.describe('Region of account-wide AWS resources'),
    deployRoleArn: iamRoleArn.optional().describe('Role Terraform assumes for account-wide resources. Default: none'),
    planRoleArn: iamRoleArn.optional().describe('Read-only role plans assume for account-wide resources (needed with ci). Default: none'),
    keyAdministratorArns: z.array(iamPrincipalArn).default([]).describe('Administrators of account-wide KMS keys. Default: the deploy role'),
  }),
  metastoreRegions: z
    .array(awsRegion)
    .min(1, 'needs at least one region with a Unity Catalog metastore')
    .refine((regions) => new Set(regions).size === regions.length, 'must not repeat a region')
    .describe('Regions that get a Unity Catalog metastore; every environment region must be listed'),
  metastoreStorageRoot: z
    .partialRecord(awsRegion, z.string().regex(/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/[\w.\/-]*)?$/, 'must be an s3://bucket/path URL'))
    .default({})
    .describe('Metastore-level root storage per region (legacy pattern). Default: none; catalogs bring their own storage'),
  systemSchemas: systemSchemasSchema,
  artifactAllowlists: z
    .partialRecord(awsRegion, artifactListsSchema)
    .default({})
    .describe(
      'Artifact allowlists of each region\'s metastore (databricks_artifact_allowlist INIT_SCRIPT / LIBRARY_JAR / LIBRARY_MAVEN), merged with the ' +
        'entries of every environment of the region and applied by the environment that enables the system schemas there (docs/workspace-security.md). ' +
        'Default: none (standard access mode runs no init script and installs no library beyond the blueprint\'s own)',
    ),
  groups: groupsSchema,
  ownerGroup: z
    .string()
    // '' until derived below from the group entries.
    .default('')
    .describe(
      'Key of the group that owns metastores, catalogs, credentials and locations and administers secret scopes. ' +
        'Default: the one group with workspaceAccess ADMIN (required when there is not exactly one)',
    ),
  manageGroups: z
    .boolean()
    .default(true)
    .describe('Create the groups in the account stack. Set false when an identity provider syncs them. Default: true'),
  state: z.strictObject({
    bucket: s3BucketName.describe('Remote-state bucket, created by the bootstrap stack'),
    region: awsRegion.describe('Region of the state bucket'),
    accountId: awsAccountId.describe('AWS account of the state bucket'),
    keyPrefix: z.string().regex(/^[\w-]+(\/[\w-]+)*$/, 'must be a key prefix without leading or trailing slash').default('databricks'),
    roleArn: iamRoleArn.optional().describe('Role the S3 backend assumes to reach the state bucket. Default: caller credentials'),
    bootstrapBackend: z
      .enum(['local', 's3'])
      .default('local')
      .describe('Where the bootstrap stack keeps its own state: local (first deploy) or s3 once `npm run bootstrap:migrate-state` moved it into the state bucket (docs/day2.md#bootstrap-hand-over). Default: local'),
  }),
  tags: tagsSchema.describe('Tags of account-wide resources'),
  protect: z.boolean().default(true).describe('Protect account-wide stateful resources from destroy. Default: true'),
  disableLegacyFeatures: z
    .boolean()
    .default(false)
    .describe(
      'Account setting: workspaces created afterwards start without DBFS root and mounts, the Hive metastore, ' +
        'no-isolation shared compute and runtimes before 13.3. Existing workspaces are unaffected. Default: false',
    ),
  ci: pipelineSchema.optional().describe('GitHub Actions pipeline identities (docs/gitops.md). Default: none, deploy by hand'),
  serverlessNetworkConnectivity: z
    .boolean()
    .default(false)
    .describe('One network connectivity configuration (NCC) per metastore region for serverless compute; environments bind it with serverless.networkConnectivity. Default: false'),
  logDelivery: accountLogDeliverySchema.describe('Billable-usage and audit log delivery to S3 (see docs/log-delivery.md)'),
  guardrailSuppressions: sharedGuardrailSuppressionsSchema,
}).overwrite((account) => (account.ownerGroup ? account : { ...account, ownerGroup: soleAdminGroup(account.groups) ?? '' })).superRefine((account, ctx) => {
  if (!account.ownerGroup) {
    const admins = Object.keys(account.groups).filter((key) => account.groups[key].workspaceAccess === 'ADMIN');
    ctx.addIssue({
      code: 'custom',
      path: ['ownerGroup'],
      message: `required: ${admins.length === 0 ? 'no group has' : `${admins.length} groups (${admins.join(', ')}) have`} workspaceAccess ADMIN, so the owner cannot be derived; set the key of the owning group (${Object.keys(account.groups).join(', ')})`,
    });
  } else if (!Object.hasOwn(account.groups, account.ownerGroup)) {
    ctx.addIssue({ code: 'custom', path: ['ownerGroup'], message: `"${account.ownerGroup}" is not a key of groups (${Object.keys(account.groups).join(', ')})` });
  }
  // The account stack's aws provider allows only aws.accountId; a deploy role elsewhere fails every plan.
  const role = account.aws.deployRoleArn;
  if (role && arnAccountId(role) !== account.aws.accountId) {
    ctx.addIssue({ code: 'custom', path: ['aws', 'deployRoleArn'], message: `is in AWS account ${arnAccountId(role)}, but the provider only allows aws.accountId ${account.aws.accountId}; use a role in ${account.aws.accountId}` });
  }
  // The bootstrap stack creates the state bucket with state.roleArn, else the account deploy role.
  const stateRole = account.state.roleArn ?? role;
  if (stateRole && arnAccountId(stateRole) !== account.state.accountId) {
    const field = account.state.roleArn ? 'roleArn' : 'accountId';
    ctx.addIssue({
      code: 'custom',
      path: ['state', field],
      message: `the bootstrap stack would assume ${stateRole} (AWS account ${arnAccountId(stateRole)}) to create the state bucket in account ${account.state.accountId}; set state.roleArn to a role in ${account.state.accountId}`,
    });
  }
});

export type AccountInput = z.input<typeof accountSchema>;
export type AccountConfig = z.infer<typeof accountSchema>;
