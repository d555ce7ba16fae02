import { z } from 'zod';
import { encryptionSchema } from './encryption';
import { guardrailSuppressionsSchema } from './guardrail-suppressions';
import { budgetSchema, environmentLogDeliverySchema } from './log-delivery';
import { networkSchema } from './network';
import { nodeTrafficEncryptionSchema } from './node-traffic-encryption';
import { awsAccountId, awsRegion, databricksAccountId, dnsLabel, iamPrincipalArn, iamRoleArn } from './primitives';
import { tagsSchema } from './tags';
import { unityCatalogSchema } from './unity-catalog';
import { clusterPolicySchema } from './cluster-policy';
import { privateLinkSchema } from './private-link';
import { secretScopesSchema } from './secret-scopes';
import { refineServerless, serverlessSchema } from './serverless';
import { refineEgressEnvironment } from './egress-rules';
import { refineSecurity } from './security-rules';
import { refineConsistency } from './consistency-rules';
import { workspaceSecuritySchema } from './workspace-security';

export const PRICING_TIERS = ['PREMIUM', 'ENTERPRISE'] as const;

export const environmentSchema = z
  .strictObject({
    name: dnsLabel(16).describe('Environment name; also the cdktf stack name (dev, staging, prod)'),
    aws: z.strictObject({
      accountId: awsAccountId.describe('AWS account that holds the workspace data plane'),
      region: awsRegion.describe('AWS region of the workspace; a metastore must exist there (account.metastoreRegions)'),
      deployRoleArn: iamRoleArn
        .optional()
        .describe('Role Terraform assumes in the account. Default: the caller credentials are used as they are'),
      planRoleArn: iamRoleArn
        .optional()
        .describe('Read-only role plans assume in the account (needed with account.ci). Default: none'),
      keyAdministratorArns: z
        .array(iamPrincipalArn)
        .default([])
        .describe('Principals that administer (not use) the KMS keys. Default: the deploy role, when set'),
    }),
    databricks: z.strictObject({
      accountId: databricksAccountId.optional().describe('Databricks account id. Default: the one in environments/account.ts'),
      workspaceName: z.string().min(3).max(64).regex(/^[\w -]+$/, 'must be letters, digits, spaces, _ or -'),
      deploymentName: dnsLabel(30).describe('Becomes https://<deploymentName>.cloud.databricks.com; unique in the Databricks account'),
      pricingTier: z.enum(PRICING_TIERS).default('ENTERPRISE').describe('Default: ENTERPRISE (needed for customer-managed keys)'),
      restrictiveRootBucketPolicy: z
        .boolean()
        .default(true)
        .describe(
          'Root bucket policy of the SRA: Databricks reads the bucket but writes only under its workspace paths. ' +
            'false: databricks_aws_bucket_policy (writes anywhere in the bucket). Default: true',
        ),
    }),
    network: networkSchema,
    tags: tagsSchema,
    state: z
      .strictObject({
        key: z
          .string()
          .regex(/^[\w./-]+\.tfstate$/, 'must be an S3 key ending in .tfstate')
          .optional()
          .describe('State object key. Default: <account.state.keyPrefix>/<name>.tfstate'),
      })
      .prefault({}),
    protect: z
      .boolean()
      .default(true)
      .describe('Protect stateful resources (buckets, keys, workspace, catalogs) from destroy. Default: true'),
    retired: z
      .boolean()
      .default(false)
      .describe('Retire the environment: lifts destroy protection for it alone so the pipeline can destroy its stack (docs/day2.md#retire-an-environment). Default: false'),
    encryption: encryptionSchema,
    unityCatalog: unityCatalogSchema.describe('Catalogs, schemas, volumes and grants of the environment (docs/unity-catalog.md)'),
    logDelivery: environmentLogDeliverySchema.describe('Log delivery filtered to this workspace (see docs/log-delivery.md)'),
    budget: budgetSchema,
    workspaceSecurity: workspaceSecuritySchema,
    secretScopes: secretScopesSchema,
    clusterPolicy: clusterPolicySchema,
    privateLink: privateLinkSchema,
    nodeTrafficEncryption: nodeTrafficEncryptionSchema,
    guardrailSuppressions: guardrailSuppressionsSchema,
    serverless: serverlessSchema,
  })
  .superRefine((env, ctx) => {
    refineSecurity(env, ctx);
    refineConsistency(env, ctx);
    refineEgressEnvironment(env, ctx);
    refineServerless(env.serverless, ctx);
    const usesCmk = env.encryption.managedServices.enabled || env.encryption.storage.enabled;
    if (usesCmk && env.databricks.pricingTier !== 'ENTERPRISE') {
      ctx.addIssue({
        code: 'custom',
        path: ['databricks', 'pricingTier'],
        message: `customer-managed keys need the ENTERPRISE tier; got ${env.databricks.pricingTier} (or disable encryption.managedServices and encryption.storage)`,
      });
    }
    if ('Environment' in env.tags && env.tags.Environment !== env.name) {
      ctx.addIssue({ code: 'custom', path: ['tags', 'Environment'], message: `must equal the environment name "${env.name}" or be left out` });
    }
    if (env.network.mode === 'create') {
      for (const kind of ['privateSubnets', 'publicSubnets'] as const) {
        env.network[kind].forEach((subnet, index) => {
          if (!subnet.availabilityZone.startsWith(env.aws.region)) {
            ctx.addIssue({ code: 'custom', path: ['network', kind, index, 'availabilityZone'], message: `${subnet.availabilityZone} is not in region ${env.aws.region}` });
          }
        });
      }
    }
    // disable_legacy_access turns off direct Hive metastore access, which is what a Glue metastore is.
    if (env.unityCatalog.glueMetastore.enabled && env.workspaceSecurity.hardening.disableLegacyAccess) {
      ctx.addIssue({
        code: 'custom',
        path: ['workspaceSecurity', 'hardening', 'disableLegacyAccess'],
        message: 'must be false while unityCatalog.glueMetastore is enabled (it disables direct Hive metastore access, Glue included)',
      });
    }
    const { clusterLogs } = env.clusterPolicy;
    if (env.clusterPolicy.enabled && clusterLogs.enabled) {
      const [catalog] = env.unityCatalog.catalogs;
      if (!catalog) {
        ctx.addIssue({ code: 'custom', path: ['clusterPolicy', 'clusterLogs', 'enabled'], message: 'needs a Unity Catalog catalog for the log volume (unityCatalog.catalogs), or set it to false' });
      } else if (catalog.schemas.some((schema) => schema.name === clusterLogs.schema)) {
        ctx.addIssue({
          code: 'custom',
          path: ['clusterPolicy', 'clusterLogs', 'schema'],
          message: `"${clusterLogs.schema}" is also declared in unityCatalog.catalogs.0 ("${catalog.name}"); the blueprint creates this schema for cluster logs, pick another name`,
        });
      }
    }
    // Destroying the owner's stack disables the system schemas for every workspace of the region.
    if (env.unityCatalog.enablesSystemSchemas && !env.protect) {
      ctx.addIssue({
        code: 'custom',
        path: ['unityCatalog', 'enablesSystemSchemas'],
        message: 'needs protect: true (destroying this stack would disable the system schemas for every workspace of the region)',
      });
    }
    const createsKeys = !env.encryption.managedServices.existingKeyArn || !env.encryption.storage.existingKeyArn;
    if (createsKeys && env.aws.keyAdministratorArns.length === 0 && !env.aws.deployRoleArn) {
      ctx.addIssue({
        code: 'custom',
        path: ['aws', 'keyAdministratorArns'],
        message: 'needs at least one key administrator (or a deployRoleArn) so that created KMS keys stay manageable',
      });
    }
  });

/** What an environment file declares (defaults may be left out). */
export type EnvironmentInput = z.input<typeof environmentSchema>;
/** A validated environment with every default filled in. */
export type EnvironmentConfig = z.infer<typeof environmentSchema>;
