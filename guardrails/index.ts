import { Annotations, Aspects, TerraformStack, type IAspect } from 'cdktf';
import type { IConstruct } from 'constructs';
import type { LoadedConfig } from '../environments';
import { GuardrailError } from './error';
import { buildModel } from './model';
import type { Rule, Violation } from './rule';
import { iamRules } from './rules/iam';
import { kmsRules } from './rules/kms';
import { networkRules } from './rules/network';
import { protectionRules } from './rules/protection';
import { s3Rules } from './rules/s3';
import { secretRules } from './rules/secrets';
import { tagRules } from './rules/tags';
import { templateRules } from './rules/templates';
import { workspaceRules } from './rules/workspace';
import { covers, suppress as addSuppression, suppressionsOf, type Suppression } from './suppressions';

export { GuardrailError } from './error';
export type { Rule, Severity, Violation } from './rule';

/** The rule pack applied to every stack. Add a rule by adding it to a file under rules/ and here. */
export const RULES: readonly Rule[] = [
  ...s3Rules, ...kmsRules, ...iamRules, ...protectionRules, ...tagRules, ...workspaceRules, ...secretRules, ...networkRules, ...templateRules,
];
export const RULE_IDS: readonly string[] = RULES.map((r) => r.id);

/** Accepts violations of `ruleId` on `construct` (and below) with a written justification. */
export function suppress(construct: IConstruct, ruleId: string, justification: string): void {
  addSuppression(construct, ruleId, justification, RULE_IDS);
}

export interface GuardrailOptions {
  /** Whether the stack's environment is protected (stricter rules). */
  readonly protect: boolean;
  /** Rules to apply. Default: RULES. */
  readonly rules?: readonly Rule[];
  /** Every string of the environment files, so rules can tell user text from the blueprint's own. Default: none. */
  readonly userText?: readonly string[];
  /**
   * Receives a stack's GuardrailError instead of synthesis stopping at the first failing stack, so
   * main.ts can report every stack and write nothing. Default: throw.
   */
  readonly onError?: (error: GuardrailError) => void;
}

export interface GuardrailReport {
  readonly violations: Violation[];
  readonly suppressed: (Violation & { justification: string })[];
  /** Suppressions that matched nothing: stale, or aimed at the wrong construct. */
  readonly unusedSuppressions: Suppression[];
}

/** Runs the rules over the resolved stack; pure apart from reading the construct tree. */
export function checkStack(stack: TerraformStack, options: GuardrailOptions): GuardrailReport {
  const model = buildModel(stack, options.protect, options.userText);
  const suppressions = suppressionsOf(stack);
  const used = new Set<Suppression>();
  const violations: GuardrailReport['violations'] = [];
  const suppressed: GuardrailReport['suppressed'] = [];
  for (const rule of options.rules ?? RULES) {
    for (const finding of rule.check(model)) {
      const violation: Violation = {
        ruleId: rule.id,
        severity: rule.severity,
        path: finding.block.path,
        address: finding.block.address,
        message: finding.detail ? `${rule.reason} Found: ${finding.detail}.` : rule.reason,
        fix: rule.fix,
      };
      const suppression = suppressions.find((s) => covers(s, rule.id, violation.path));
      if (suppression) {
        used.add(suppression);
        suppressed.push({ ...violation, justification: suppression.justification });
      } else {
        violations.push(violation);
      }
    }
  }
  return { violations, suppressed, unusedSuppressions: suppressions.filter((s) => !used.has(s)) };
}

export function formatViolation(v: Violation): string {
  return `${v.ruleId} (${v.severity}) ${v.path} [${v.address}]: ${v.message}\n      Fix: ${v.fix}`;
}

/**
 * The cdktf Aspect: on the stack node it registers a validation, which cdktf runs during synth
 * after every aspect has run and before the stack's cdk.tf.json is written. Errors throw one
 * GuardrailError listing every error of the stack; warnings become cdktf warning annotations.
 */
export class GuardrailChecks implements IAspect {
  private readonly registered = new WeakSet<TerraformStack>();

  constructor(private readonly options: GuardrailOptions) {}

  visit(node: IConstruct): void {
    if (!TerraformStack.isStack(node) || this.registered.has(node)) return;
    this.registered.add(node);
    node.node.addValidation({ validate: () => this.validate(node) });
  }

  private validate(stack: TerraformStack): string[] {
    const report = checkStack(stack, this.options);
    for (const v of report.violations.filter((v) => v.severity === 'warning')) {
      Annotations.of(stack).addWarning(formatViolation(v));
    }
    for (const s of report.unusedSuppressions) {
      Annotations.of(stack).addWarning(`Guardrail suppression of ${s.ruleId} at ${s.path} matches no violation; remove it`);
    }
    const errors = report.violations.filter((v) => v.severity === 'error');
    if (errors.length > 0) {
      const error = new GuardrailError(
        `Guardrails failed for stack "${stack.node.id}" (${errors.length} error${errors.length === 1 ? '' : 's'}); nothing was written for it:\n` +
          errors.map((v) => `  - ${formatViolation(v)}`).join('\n') +
          '\nFix the resources, or suppress a finding with suppress(construct, ruleId, justification) — see docs/guardrails.md.',
      );
      if (!this.options.onError) throw error;
      this.options.onError(error);
    }
    return [];
  }
}

/**
 * Adds the rule pack to every stack of the app. A stack named like an environment uses its
 * `protect`; every other stack (bootstrap, account, stacks added later) counts as protected.
 */
export function applyGuardrails(
  app: IConstruct,
  config: Pick<LoadedConfig, 'environments'> & Partial<Pick<LoadedConfig, 'account'>>,
  onError?: (error: GuardrailError) => void,
): void {
  const userText = [...textOf([config.account, config.environments])];
  for (const stack of app.node.children.filter(TerraformStack.isStack)) {
    const environment = config.environments.find((env) => env.name === stack.node.id);
    Aspects.of(stack).add(new GuardrailChecks({ protect: environment?.protect ?? true, userText, onError }));
  }
}

/** Every string in the loaded configuration: values and object keys. */
function* textOf(value: unknown): Generator<string> {
  if (typeof value === 'string') yield value;
  else if (Array.isArray(value)) for (const item of value) yield* textOf(item);
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      yield key;
      yield* textOf(item);
    }
  }
}
