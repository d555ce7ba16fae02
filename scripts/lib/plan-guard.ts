/**
 * Pure logic of the plan guard: reads the JSON of a saved Terraform plan (`terraform show -json`),
 * counts the changes per resource type, blocks deletions and replacements of protected resources,
 * warns on changes to security controls, and fails closed on anything it does not understand.
 * What is protected, and how, is the canonical list in constructs/stateful-types.ts.
 */
import { GUARD_POLICY, protectionOf, type ProtectionKind } from '../../constructs/stateful-types';

export { PROTECTED_RESOURCE_TYPES, isProtectedType, type ProtectedResourceType } from '../../constructs/stateful-types';

/** The subset of the documented plan format the guard relies on, after parsePlan checked it. */
export interface PlanResourceChange {
  address: string;
  mode: string;
  type: string;
  name?: string;
  /** Set when the change concerns an old object left behind by a failed create_before_destroy. */
  deposed?: string;
  action_reason?: string;
  change: { actions: unknown[] };
}

export interface TerraformPlan {
  format_version: string;
  terraform_version?: string;
  /** Terraform omits the list entirely when the configuration has no resources. */
  resource_changes?: PlanResourceChange[];
  /** True when planning failed: the plan is incomplete (plan JSON format, "errored"). */
  errored?: unknown;
  /** False when some changes were deferred to a later plan (Terraform 1.8+, "complete"). */
  complete?: unknown;
  deferred_changes?: unknown;
}

export type ChangeKind = 'add' | 'change' | 'replace' | 'delete' | 'forget';
export type ChangeCounts = Record<ChangeKind, number>;

/** A change to a protected type, blocked or warned about. */
export interface GuardedChange {
  address: string;
  type: string;
  kind: ChangeKind;
  actions: string[];
  protection: ProtectionKind;
  /** Why the type is protected (constructs/stateful-types.ts). */
  why: string;
  reason?: string;
  deposed?: string;
}

/** Something in the plan the guard cannot judge; always blocks (fail closed). */
export interface Unrecognised {
  address: string;
  problem: string;
}

export interface PlanGuardResult {
  terraformVersion?: string;
  /** Sorted by resource type; types with only no-op/read changes are absent. */
  countsByType: Record<string, ChangeCounts>;
  totals: ChangeCounts;
  blocked: GuardedChange[];
  warnings: GuardedChange[];
  allowedByReviewer: GuardedChange[];
  unrecognised: Unrecognised[];
  /** --allow addresses that matched no blocked change: usually a typo worth surfacing. */
  unusedAllows: string[];
  passed: boolean;
}

export interface AnalyseOptions {
  allow?: readonly string[];
}

/** Raised for input that is not the JSON of a plan; the CLI maps it to exit code 2. */
export class PlanFormatError extends Error {
  override name = 'PlanFormatError';
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks the document-level shape of a parsed `terraform show -json` document. A state file shares
 * format_version but has neither resource_changes nor planned_values, which is how the two are told
 * apart. Entries are checked one by one in analysePlan, so that one odd entry names its address.
 */
export function parsePlan(json: unknown): TerraformPlan {
  if (!isObject(json) || typeof json.format_version !== 'string') {
    throw new PlanFormatError('not a Terraform plan: format_version is missing');
  }
  // The format promises compatibility within a major version only.
  if (!json.format_version.startsWith('1.')) {
    throw new PlanFormatError(`unsupported plan format_version ${json.format_version} (expected 1.x)`);
  }
  const changes = json.resource_changes;
  if (changes === undefined && !isObject(json.planned_values)) {
    throw new PlanFormatError('not a Terraform plan: resource_changes is missing (is this a state file?)');
  }
  if (changes !== undefined && !Array.isArray(changes)) {
    throw new PlanFormatError('not a Terraform plan: resource_changes is not a list');
  }
  for (const [index, entry] of (changes ?? []).entries()) {
    const valid = isObject(entry) && typeof entry.address === 'string' && typeof entry.type === 'string' && isObject(entry.change);
    if (!valid) throw new PlanFormatError(`not a Terraform plan: resource_changes[${index}] lacks address, type or change`);
  }
  return json as unknown as TerraformPlan;
}

/**
 * Maps an action list the plan format documents to its kind; null for no-op and read, which change
 * nothing; undefined for any other list (unknown names, other casing, other order). A list holding
 * anything but strings serialises to none of these. A switch rather than a module-level table, so that
 * mutation testing runs each list's specification against its mutants (a table is built at module load).
 */
export function classifyActions(actions: readonly unknown[]): ChangeKind | null | undefined {
  switch (JSON.stringify(actions)) {
    case '["no-op"]':
    case '["read"]':
      return null;
    case '["create"]':
      return 'add';
    case '["update"]':
      return 'change';
    case '["delete"]':
      return 'delete';
    case '["delete","create"]':
    case '["create","delete"]':
    case '["create","forget"]':
      return 'replace';
    // A removed block with destroy = false: the real object survives outside Terraform's state.
    case '["forget"]':
      return 'forget';
  }
  return undefined;
}

const emptyCounts = (): ChangeCounts => ({ add: 0, change: 0, replace: 0, delete: 0, forget: 0 });

/** Plan-level reasons to refuse the whole plan, whatever its entries say. */
function planProblems(plan: TerraformPlan): Unrecognised[] {
  const problems: Unrecognised[] = [];
  if (plan.errored !== undefined && plan.errored !== false) problems.push({ address: '(plan)', problem: `errored is ${JSON.stringify(plan.errored)}: planning failed, the plan is incomplete` });
  if (plan.complete !== undefined && plan.complete !== true) problems.push({ address: '(plan)', problem: `complete is ${JSON.stringify(plan.complete)}: changes were deferred to a later plan` });
  if (Array.isArray(plan.deferred_changes) ? plan.deferred_changes.length > 0 : plan.deferred_changes !== undefined) {
    problems.push({ address: '(plan)', problem: 'deferred_changes is not empty: changes the guard cannot see yet' });
  }
  return problems;
}

/** What the guard does with one recognised managed change; "pass" for unprotected types. */
function verdictOf(type: string, kind: ChangeKind, actions: readonly string[]): 'block' | 'warn' | 'pass' {
  const note = protectionOf(type);
  if (!note) return 'pass';
  // Forgetting a protected object leaves it unmanaged, not destroyed ("forget", "create"+"forget").
  if (actions.includes('forget')) return 'warn';
  const policy = GUARD_POLICY[note.kind];
  if (kind === 'delete') return policy.delete;
  if (kind === 'replace') return policy.replace;
  if (kind === 'change') return policy.update;
  return 'pass';
}

export function analysePlan(plan: TerraformPlan, options: AnalyseOptions = {}): PlanGuardResult {
  const allow = new Set(options.allow ?? []);
  const usedAllows = new Set<string>();
  const counts = new Map<string, ChangeCounts>();
  const totals = emptyCounts();
  const blocked: GuardedChange[] = [];
  const warnings: GuardedChange[] = [];
  const allowedByReviewer: GuardedChange[] = [];
  const unrecognised = planProblems(plan);

  for (const resource of plan.resource_changes ?? []) {
    const { address, type, mode } = resource;
    const actions = resource.change.actions;
    if (!Array.isArray(actions)) {
      unrecognised.push({ address, problem: 'change.actions is not a list' });
      continue;
    }
    const kind = classifyActions(actions);
    if (kind === undefined) {
      unrecognised.push({ address, problem: `unknown action list ${JSON.stringify(actions)}` });
      continue;
    }
    if (mode === 'data') continue; // data sources are only read
    if (mode !== 'managed') {
      unrecognised.push({ address, problem: `unknown mode ${JSON.stringify(mode)} (expected "managed" or "data")` });
      continue;
    }
    if (kind === null) continue;

    const typeCounts = counts.get(type) ?? emptyCounts();
    typeCounts[kind] += 1;
    totals[kind] += 1;
    counts.set(type, typeCounts);

    const verdict = verdictOf(type, kind, actions as string[]);
    if (verdict === 'pass') continue;
    const note = protectionOf(type)!;
    const guarded: GuardedChange = {
      address, type, kind, actions: actions as string[], protection: note.kind, why: note.why,
      ...(resource.action_reason ? { reason: resource.action_reason } : {}),
      ...(resource.deposed ? { deposed: resource.deposed } : {}),
    };
    if (verdict === 'warn') {
      warnings.push(guarded);
    } else if (allow.has(address)) {
      usedAllows.add(address);
      allowedByReviewer.push(guarded);
    } else {
      blocked.push(guarded);
    }
  }

  const sortedTypes = [...counts.keys()].sort();
  return {
    ...(plan.terraform_version ? { terraformVersion: plan.terraform_version } : {}),
    countsByType: Object.fromEntries(sortedTypes.map((type) => [type, counts.get(type)!])),
    totals,
    blocked,
    warnings,
    allowedByReviewer,
    unrecognised,
    unusedAllows: [...allow].filter((address) => !usedAllows.has(address)),
    passed: blocked.length === 0 && unrecognised.length === 0,
  };
}

/** Human wording of a change; the order of a replacement matters to reviewers (downtime vs. overlap). */
export function describeChange(change: Pick<GuardedChange, 'kind' | 'actions' | 'reason' | 'deposed'>): string {
  let text: string = change.kind === 'replace'
    ? `replace (${change.actions[0] === 'create' ? 'create before destroy' : 'destroy then create'})`
    : { add: 'create', change: 'update in place', delete: 'delete', forget: 'forget (removed from state, not destroyed)' }[change.kind];
  if (change.reason) text += `, reason: ${change.reason}`;
  if (change.deposed) text += `, deposed object ${change.deposed}`;
  return text;
}
