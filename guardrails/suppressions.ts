import { TerraformElement, TerraformStack } from 'cdktf';
import type { IConstruct } from 'constructs';
import { MIN_JUSTIFICATION_LENGTH } from '../environments/schema/guardrail-suppressions';
import { GuardrailError } from './error';

// One minimum for suppressions in data files and in code.
export { MIN_JUSTIFICATION_LENGTH };

export interface Suppression {
  /** Construct path; the suppression covers this construct and everything below it. */
  readonly path: string;
  readonly ruleId: string;
  readonly justification: string;
}

/**
 * Holds a stack's suppressions and writes them into the stack's `//` metadata of cdk.tf.json
 * (`"//": {"metadata": {"guardrailSuppressions": [...]}}`), so the justification ships with the
 * configuration and shows up in review. It renders no Terraform block of its own.
 */
class SuppressionRecord extends TerraformElement {
  readonly entries: Suppression[] = [];

  override toMetadata(): Record<string, unknown> {
    return { guardrailSuppressions: this.entries };
  }
}

const RECORD_ID = 'guardrail-suppressions';

function recordOf(stack: TerraformStack, create: boolean): SuppressionRecord | undefined {
  const existing = stack.node.tryFindChild(RECORD_ID);
  if (existing instanceof SuppressionRecord) return existing;
  return create ? new SuppressionRecord(stack, RECORD_ID) : undefined;
}

/**
 * Accepts violations of `ruleId` on `construct` and its children. The written justification is
 * required (why the rule does not apply here, who decided) and is kept in the synthesized metadata.
 */
export function suppress(construct: IConstruct, ruleId: string, justification: string, knownRuleIds?: readonly string[]): void {
  const text = justification.trim();
  const where = construct.node.path;
  if (knownRuleIds && !knownRuleIds.includes(ruleId)) {
    throw new GuardrailError(`Guardrail suppression at ${where}: unknown rule id "${ruleId}" (see docs/guardrails.md)`);
  }
  if (text.length < MIN_JUSTIFICATION_LENGTH) {
    throw new GuardrailError(
      `Guardrail suppression of ${ruleId} at ${where}: the justification must explain why (at least ${MIN_JUSTIFICATION_LENGTH} characters); got "${text}"`,
    );
  }
  const record = recordOf(TerraformStack.of(construct), true)!;
  record.entries.push({ path: where, ruleId, justification: text });
  construct.node.addMetadata('guardrail-suppression', { ruleId, justification: text });
}

export function suppressionsOf(stack: TerraformStack): readonly Suppression[] {
  return recordOf(stack, false)?.entries ?? [];
}

export const covers = (s: Suppression, ruleId: string, path: string) =>
  s.ruleId === ruleId && (path === s.path || path.startsWith(`${s.path}/`));
