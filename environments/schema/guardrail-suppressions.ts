import { z } from 'zod';

/** Long enough to say why the rule does not apply here and who decided (docs/guardrails.md). */
export const MIN_JUSTIFICATION_LENGTH = 20;

/** A guardrail rule id such as DBX-S3-002; that the rule exists is checked when the guardrails run. */
const ruleId = z.string().regex(/^DBX-[A-Z0-9]+-\d{3}$/, 'must be a guardrail rule id such as "DBX-S3-002" (docs/guardrails.md)');

const suppressionFields = {
  rule: ruleId.describe('The rule whose findings are accepted'),
  path: z
    .string()
    .regex(/^[\w.-]+(\/[\w.-]+)*$/, 'must be a construct path inside the stack, e.g. "unity-catalog/bucket" (as printed in the finding, without the stack name)')
    .describe('Construct path inside the stack; the suppression covers that construct and everything below it'),
  justification: z
    .string()
    .trim()
    .min(MIN_JUSTIFICATION_LENGTH, `must explain why (at least ${MIN_JUSTIFICATION_LENGTH} characters): what makes the rule not apply, who decided, until when`)
    .describe('Why the rule does not apply here; shipped in cdk.tf.json metadata for review'),
};

/** Accepted findings of an environment stack, with the reason: data, reviewed like any other change. */
export const guardrailSuppressionsSchema = z
  .array(z.strictObject(suppressionFields))
  .default([])
  .describe('Accepted guardrail findings of this stack, each with a justification. Default: none');

/** The account file suppresses findings in the shared stacks, so each entry names its stack. */
export const sharedGuardrailSuppressionsSchema = z
  .array(z.strictObject({ stack: z.enum(['account', 'bootstrap']).describe('Shared stack the path is in'), ...suppressionFields }))
  .default([])
  .describe('Accepted guardrail findings of the account and bootstrap stacks, each with a justification. Default: none');

export type GuardrailSuppressionConfig = z.infer<typeof guardrailSuppressionsSchema>[number];
