import { z } from 'zod';
import { awsAccountId, awsRegion, kmsKeyArn } from './primitives';
import { s3BucketName } from './aws-names';

/**
 * Databricks limits on enabled log delivery configurations, per log type: two without a workspace
 * filter (account level), and two naming any one workspace id in their filter.
 */
export const LOG_DELIVERY_LIMITS = { accountLevel: 2, perWorkspace: 2 } as const;

// Characters S3 documents as safe in object keys, less "*": the prefix becomes part of IAM resource
// ARNs of the delivery role and bucket policy, where "*" is a wildcard over other keys.
const SAFE_SEGMENT = /^[A-Za-z0-9!_.'()-]+$/;

/** A delivery path prefix: a valid S3 key without leading or trailing slash (Databricks' rule). */
export const deliveryPathPrefix = z
  .string()
  .min(1, 'must not be empty')
  .max(128, 'must be at most 128 characters')
  .superRefine((prefix, ctx) => {
    if (prefix === '') return;
    if (prefix.startsWith('/') || prefix.endsWith('/')) {
      ctx.addIssue({ code: 'custom', message: `must not start or end with "/"; got "${prefix}"` });
      return;
    }
    const segments = prefix.split('/');
    if (segments.some((segment) => !SAFE_SEGMENT.test(segment) || segment === '.' || segment === '..')) {
      ctx.addIssue({
        code: 'custom',
        message: `must be path segments of letters, digits and ! _ . ' ( ) - joined by single "/" (no empty, "." or ".." segments); got "${prefix}"`,
      });
    }
  });

export { s3BucketName } from './aws-names';

const days = (min: number) => z.number().int().min(min).max(36500);

const lifecycleSchema = z
  .strictObject({
    transitionToInfrequentAccessDays: days(30)
      .nullable()
      .default(90)
      .describe('Days before log objects move to STANDARD_IA (S3 minimum 30); null keeps them in STANDARD. Default: 90'),
    transitionToGlacierDays: days(1)
      .nullable()
      .default(365)
      .describe('Days before log objects move to GLACIER_IR; null never. Default: 365'),
    expireDays: days(1)
      .nullable()
      .default(null)
      .describe('Days before log objects are deleted; null keeps them forever (audit evidence). Default: null'),
    noncurrentVersionExpireDays: days(1)
      .default(30)
      .describe('Days before overwritten versions are deleted (billable-usage CSVs are rewritten daily). Default: 30'),
  })
  .prefault({})
  .superRefine((lifecycle, ctx) => {
    const ia = lifecycle.transitionToInfrequentAccessDays;
    const glacier = lifecycle.transitionToGlacierDays;
    if (ia !== null && glacier !== null && glacier <= ia) {
      ctx.addIssue({ code: 'custom', path: ['transitionToGlacierDays'], message: `must be after transitionToInfrequentAccessDays (${ia}); got ${glacier}` });
    }
    const lastTransition = Math.max(ia ?? 0, glacier ?? 0);
    if (lifecycle.expireDays !== null && lifecycle.expireDays <= lastTransition) {
      ctx.addIssue({ code: 'custom', path: ['expireDays'], message: `must be after the last transition (day ${lastTransition}); got ${lifecycle.expireDays}` });
    }
  });
export type LogBucketLifecycleConfig = z.infer<typeof lifecycleSchema>;

const createdBucket = z.strictObject({
  mode: z.literal('create').describe('The account stack creates the bucket, its KMS key and its policy'),
  lifecycle: lifecycleSchema.describe('Storage-class transitions and expiry of delivered logs'),
});

const externalBucket = z.strictObject({
  mode: z.literal('external').describe('The bucket exists elsewhere (e.g. a log-archive account); its owner applies the policy this stack outputs'),
  name: s3BucketName.describe('Name of the existing bucket'),
  accountId: awsAccountId.describe('AWS account that owns the bucket'),
  region: awsRegion.optional().describe('Region of the bucket. Default: account.aws.region'),
  kmsKeyArn: kmsKeyArn.optional().describe('KMS key of the bucket default encryption, when SSE-KMS. Default: none'),
});

const unmanagedCounts = z
  .strictObject({
    billableUsage: z.number().int().min(0).default(0).describe('Enabled BILLABLE_USAGE configurations not managed here. Default: 0'),
    auditLogs: z.number().int().min(0).default(0).describe('Enabled AUDIT_LOGS configurations not managed here. Default: 0'),
  })
  .prefault({})
  .describe('Enabled configurations created outside this blueprint (console, other tools); counted against the Databricks limits');

export const accountLogDeliverySchema = z
  .strictObject({
    enabled: z.boolean().default(true).describe('Deliver billable-usage and audit logs to S3. Default: true'),
    bucket: z
      .discriminatedUnion('mode', [createdBucket, externalBucket], { error: 'must set mode to "create" or "external"' })
      .prefault({ mode: 'create' })
      .describe('Where logs land. Default: a bucket created in account.aws.accountId'),
    prefix: deliveryPathPrefix.default('databricks').describe('Key prefix of every delivered file. Default: "databricks"'),
    billableUsage: z.boolean().default(true).describe('Deliver BILLABLE_USAGE (CSV) account-wide. Default: true'),
    auditLogs: z.boolean().default(true).describe('Deliver AUDIT_LOGS (JSON) account-wide, including account-level events. Default: true'),
    deliveryStartTime: z
      .string()
      .regex(/^20\d\d-(0[1-9]|1[0-2])$/, 'must be a month as YYYY-MM')
      .optional()
      .describe('First month to deliver (YYYY-MM). Default: the month the configuration is created'),
    unmanagedConfigurations: unmanagedCounts,
  })
  .prefault({});
export type AccountLogDeliveryConfig = z.infer<typeof accountLogDeliverySchema>;

export const environmentLogDeliverySchema = z
  .strictObject({
    enabled: z
      .boolean()
      .default(false)
      .describe('Extra delivery filtered to this workspace, under <account prefix>/environments/<name>. Default: false'),
    billableUsage: z.boolean().default(true).describe('Include BILLABLE_USAGE when enabled. Default: true'),
    auditLogs: z.boolean().default(true).describe('Include AUDIT_LOGS when enabled. Default: true'),
    unmanagedConfigurations: unmanagedCounts.describe('Enabled configurations naming this workspace that are managed outside this blueprint'),
  })
  .prefault({});
export type EnvironmentLogDeliveryConfig = z.infer<typeof environmentLogDeliverySchema>;

/** Databricks evaluates budgets per calendar month; a budget holds up to four alert thresholds. */
/** Upper bound on alert thresholds per environment (a blueprint choice: each threshold is one budget object). */
export const MAX_BUDGET_THRESHOLDS = 10;

export const budgetSchema = z
  .strictObject({
    amountUsd: z
      .number()
      .min(0.01, { message: 'must be at least 0.01 (one cent)', abort: true })
      .max(1e9)
      .refine((amount) => Number.isInteger(Math.round(amount * 100 * 1e6) / 1e6), 'must be whole cents (at most two decimal places)')
      .describe('Budget per period in list-price US dollars (whole cents)'),
    period: z.enum(['MONTH']).default('MONTH').describe('Evaluation window; Databricks supports MONTH only. Default: MONTH'),
    alertThresholdsPercent: z
      .array(z.number().int().min(1).max(1000))
      .min(1, 'needs at least one threshold')
      // The blueprint's bound, not Databricks': each threshold becomes a budget of its own.
      .max(MAX_BUDGET_THRESHOLDS, `must list at most ${MAX_BUDGET_THRESHOLDS} thresholds (each becomes its own budget)`)
      .refine((values) => new Set(values).size === values.length, 'must not repeat a threshold')
      .default([100])
      .describe('Alert when spending passes these percentages of amountUsd; one budget per threshold (the API takes one alert per budget). Default: [100]'),
    recipients: z
      .array(z.email({ error: 'must be an email address' }))
      .min(1, 'needs at least one recipient email')
      .describe('Email addresses notified when an alert triggers'),
  })
  .optional()
  .describe('Databricks budget filtered to this workspace. Default: none');
export type BudgetConfig = z.infer<typeof budgetSchema>;
