import { Annotations, Aspects, TerraformStack, type IAspect } from 'cdktf';
import type { IConstruct } from 'constructs';
import type { LoadedConfig } from '../environments';
import { GuardrailError } from './error';
import { buildModel, type Json } from './model';
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
  /** Receives each warning and unused suppression as one line (main.ts: the terminal). Default: none. */
  readonly report?: (line: string) => void;
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

/**
 * Runs the rules over the stack's rendering (default: `stack.toTerraform()`, what cdk.tf.json holds);
 * pure apart from reading the construct tree.
 */
export function checkStack(stack: TerraformStack, options: GuardrailOptions, terraform?: Json): GuardrailReport {
  const model = buildModel(stack, options.protect, options.userText, terraform);
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
    const terraform = stack.toTerraform() as Json;
    const report = checkStack(stack, this.options, terraform);
    const warnings = [
      ...report.violations.filter((v) => v.severity === 'warning').map((v) => `Guardrail warning: ${formatViolation(v)}`),
      ...report.unusedSuppressions.map((s) => `Guardrail suppression of ${s.ruleId} at ${s.path} matches no violation; remove it`),
    ];
    for (const warning of warnings) {
      // Recorded in manifest.json for tools, and printed where someone is watching.
      Annotations.of(stack).addWarning(warning);
      this.options.report?.(warning);
    }
    const errors = report.violations.filter((v) => v.severity === 'error');
    if (errors.length > 0) {
      const error = new GuardrailError(
        `Guardrails failed for stack "${stack.node.id}" (${errors.length} error${errors.length === 1 ? '' : 's'}); nothing was written for it:\n` +
          errors.map((v) => `  - ${formatViolation(v)}`).join('\n') +
          '\nFix the resources, or accept a finding with an entry in guardrailSuppressions of the environment file (account file for shared stacks): see docs/guardrails.md.',
      );
      if (!this.options.onError) throw error;
      this.options.onError(error);
    }
    handToSynthesizer(stack, terraform);
    return [];
  }
}

/**
 * cdktf's synthesizer renders each stack right after its validations, in the same synchronous
 * `app.synth()` (cdktf/lib/synthesize/synthesizer.js): it writes the rendering the rules judged instead
 * of resolving every token a second time (about 5% of `npm run synth`). The hand-over serves one call
 * and lapses when the synchronous synthesis ends, so a stack changed afterwards renders afresh.
 */
function handToSynthesizer(stack: TerraformStack, terraform: Json): void {
  const once = (): Json => {
    Reflect.deleteProperty(stack, 'toTerraform');
    return terraform;
  };
  Object.defineProperty(stack, 'toTerraform', { value: once, configurable: true });
  queueMicrotask(() => Reflect.deleteProperty(stack, 'toTerraform'));
}

export interface ApplyGuardrailsOptions {
  /** Receives warnings and unused suppressions, one line each. Default: none (tests read the report). */
  readonly report?: (line: string) => void;
  /** Receives each GuardrailError (failing stack, bad suppression) instead of a throw. Default: throw. */
  readonly onError?: (error: GuardrailError) => void;
}

/**
 * Adds the rule pack to every stack of the app and applies the suppressions the data files declare:
 * an environment's `guardrailSuppressions` in its stack, the account file's in the shared stacks. A
 * stack named like an environment uses its `protect`; every other stack (bootstrap, account, stacks
 * added later) counts as protected. Throws GuardrailError for a suppression of an unknown rule or of
 * a construct path that does not exist.
 */
export function applyGuardrails(
  app: IConstruct,
  config: Pick<LoadedConfig, 'environments'> & { readonly account?: Pick<LoadedConfig['account'], 'guardrailSuppressions'> },
  options: ApplyGuardrailsOptions = {},
): void {
  const userText = [...configurationText([config.account, config.environments])];
  for (const stack of app.node.children.filter(TerraformStack.isStack)) {
    const environment = config.environments.find((env) => env.name === stack.node.id);
    // Each entry with the field that declares it: its index in its own file, before the account's are filtered by stack.
    const suppressions = environment
      ? environment.guardrailSuppressions.map((s, index) => ({ ...s, where: `environment "${environment.name}" (${environment.sourceFile}): guardrailSuppressions.${index}` }))
      : (config.account?.guardrailSuppressions.map((s, index) => ({ ...s, where: `account file: guardrailSuppressions.${index}` })).filter((s) => s.stack === stack.node.id) ?? []);
    for (const { where, ...entry } of suppressions) {
      try {
        if (!RULE_IDS.includes(entry.rule)) {
          throw new GuardrailError(`${where}.rule: unknown rule id "${entry.rule}" (known: ${RULE_IDS.join(', ')}; see docs/guardrails.md)`);
        }
        suppress(constructAt(stack, entry.path, `${where}.path`), entry.rule, entry.justification);
      } catch (error) {
        // Like a failing stack: reported with the others when main.ts collects them, else thrown.
        if (!(error instanceof GuardrailError) || !options.onError) throw error;
        options.onError(error);
      }
    }
    Aspects.of(stack).add(new GuardrailChecks({ protect: environment?.protect ?? true, userText, onError: options.onError, report: options.report }));
  }
}

/** Every string in the loaded configuration, depth first: values and object keys (not list indexes). */
export function* configurationText(value: unknown): Generator<string> {
  if (typeof value === 'string') yield value;
  else if (Array.isArray(value)) for (const item of value) yield* configurationText(item);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      yield key;
      yield* configurationText(item);
    }
  }
}

/** The construct at `path` below `stack` (ids separated by "/"), or a GuardrailError naming the closest existing parent. */
function constructAt(stack: TerraformStack, path: string, field: string): IConstruct {
  let node: IConstruct = stack;
  for (const id of path.split('/')) {
    const child = node.node.tryFindChild(id);
    if (!child) {
      const children = node.node.children.map((c) => c.node.id).sort();
      throw new GuardrailError(
        `${field}: stack "${stack.node.id}" has no construct "${path}": "${node.node.path}" has no child "${id}" (its children: ${children.join(', ') || 'none'})`,
      );
    }
    node = child;
  }
  return node;
}
