/**
 * Pure logic of the plan guard: reads the JSON of a saved Terraform plan (`terraform show -json`),
 * counts the changes per resource type and finds deletions/replacements of stateful resources
 * whose loss is irreversible (data, encryption keys, workspaces, Unity Catalog objects).
 */

// The protected types are the canonical list shared with prevent_destroy and the guardrails.
export { PROTECTED_RESOURCE_TYPES, isProtectedType, type ProtectedResourceType } from '../../constructs/stateful-types';
import { isProtectedType } from '../../constructs/stateful-types';

/** The subset of the documented plan format the guard relies on; unknown properties are ignored. */
export interface PlanResourceChange {
  address: string;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  provider_name?: string;
  /** Set when the change concerns an old object left behind by a failed create_before_destroy. */
  deposed?: string;
  action_reason?: string;
  change: { actions: string[]; before?: unknown; after?: unknown };
}

export interface TerraformPlan {
  format_version: string;
  terraform_version?: string;
  /** Terraform omits the list entirely when the configuration has no resources. */
  resource_changes?: PlanResourceChange[];
}

export type ChangeKind = 'add' | 'change' | 'replace' | 'delete' | 'forget';
export type ChangeCounts = Record<ChangeKind, number>;

export interface DestructiveChange {
  address: string;
  type: string;
  kind: 'replace' | 'delete';
  actions: string[];
  reason?: string;
  deposed?: string;
}

export interface PlanGuardResult {
  terraformVersion?: string;
  /** Sorted by resource type; types with only no-op/read changes are absent. */
  countsByType: Record<string, ChangeCounts>;
  totals: ChangeCounts;
  blocked: DestructiveChange[];
  allowedByReviewer: DestructiveChange[];
  /** --allow addresses that matched no destructive change: usually a typo worth surfacing. */
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
 * Checks the shape of a parsed `terraform show -json` document. A state file shares format_version
 * but has neither resource_changes nor planned_values, which is how the two are told apart.
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
    const valid = isObject(entry) && typeof entry.address === 'string' && typeof entry.type === 'string'
      && isObject(entry.change) && Array.isArray(entry.change.actions);
    if (!valid) throw new PlanFormatError(`not a Terraform plan: resource_changes[${index}] lacks address, type or change.actions`);
  }
  return json as unknown as TerraformPlan;
}

/** Maps the documented action lists to a kind; null for no-op and read, which change nothing. */
export function classifyActions(actions: readonly string[]): ChangeKind | null {
  const has = (action: string) => actions.includes(action);
  if (has('delete') && has('create')) return 'replace';
  if (has('delete')) return 'delete';
  // ["create","forget"]: Terraform calls it a replacement, but the old object survives outside state.
  if (has('forget')) return has('create') ? 'replace' : 'forget';
  if (has('create')) return 'add';
  if (has('update')) return 'change';
  return null;
}

const emptyCounts = (): ChangeCounts => ({ add: 0, change: 0, replace: 0, delete: 0, forget: 0 });

export function analysePlan(plan: TerraformPlan, options: AnalyseOptions = {}): PlanGuardResult {
  const allow = new Set(options.allow ?? []);
  const usedAllows = new Set<string>();
  const counts = new Map<string, ChangeCounts>();
  const totals = emptyCounts();
  const blocked: DestructiveChange[] = [];
  const allowedByReviewer: DestructiveChange[] = [];

  for (const resource of plan.resource_changes ?? []) {
    if (resource.mode !== 'managed') continue; // data sources are only read
    const kind = classifyActions(resource.change.actions);
    if (kind === null) continue;

    const typeCounts = counts.get(resource.type) ?? emptyCounts();
    typeCounts[kind] += 1;
    totals[kind] += 1;
    counts.set(resource.type, typeCounts);

    // Only an action list containing "delete" destroys the real object.
    if (!resource.change.actions.includes('delete') || !isProtectedType(resource.type)) continue;
    const destructive: DestructiveChange = {
      address: resource.address,
      type: resource.type,
      kind: kind === 'replace' ? 'replace' : 'delete',
      actions: resource.change.actions,
      ...(resource.action_reason ? { reason: resource.action_reason } : {}),
      ...(resource.deposed ? { deposed: resource.deposed } : {}),
    };
    if (allow.has(resource.address)) {
      usedAllows.add(resource.address);
      allowedByReviewer.push(destructive);
    } else {
      blocked.push(destructive);
    }
  }

  const sortedTypes = [...counts.keys()].sort();
  return {
    ...(plan.terraform_version ? { terraformVersion: plan.terraform_version } : {}),
    countsByType: Object.fromEntries(sortedTypes.map((type) => [type, counts.get(type)!])),
    totals,
    blocked,
    allowedByReviewer,
    unusedAllows: [...allow].filter((address) => !usedAllows.has(address)),
    passed: blocked.length === 0,
  };
}

/** Human wording of an action list; the order of a replacement matters to reviewers (downtime vs. overlap). */
export function describeChange(change: DestructiveChange): string {
  let text = change.kind === 'delete'
    ? 'delete'
    : `replace (${change.actions[0] === 'create' ? 'create before destroy' : 'destroy then create'})`;
  if (change.reason) text += `, reason: ${change.reason}`;
  if (change.deposed) text += `, deposed object ${change.deposed}`;
  return text;
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

export function renderMarkdown(result: PlanGuardResult): string {
  const lines: string[] = [];
  lines.push(result.passed
    ? '## ✅ Plan guard: passed'
    : `## ❌ Plan guard: ${plural(result.blocked.length, 'blocked change')}`);
  lines.push('');

  const { totals } = result;
  const types = Object.keys(result.countsByType);
  const version = result.terraformVersion ? `Terraform ${result.terraformVersion}: ` : '';
  if (types.length === 0) {
    lines.push(`${version}no changes.`);
  } else {
    const summary = `${totals.add} to add, ${totals.change} to change, ${totals.replace} to replace, ${totals.delete} to delete`;
    lines.push(`${version}${summary}${totals.forget ? `, ${totals.forget} to forget` : ''}.`);
    lines.push('');
    // The Forget column only appears when needed: removed blocks with destroy = false are rare.
    const withForget = totals.forget > 0;
    lines.push(`| Resource type | Add | Change | Replace | Delete |${withForget ? ' Forget |' : ''}`);
    lines.push(`|---|---:|---:|---:|---:|${withForget ? '---:|' : ''}`);
    for (const type of types) {
      const c = result.countsByType[type];
      lines.push(`| \`${type}\` | ${c.add} | ${c.change} | ${c.replace} | ${c.delete} |${withForget ? ` ${c.forget} |` : ''}`);
    }
  }

  const section = (title: string, items: string[]) => {
    if (items.length > 0) lines.push('', `### ${title}`, '', ...items);
  };
  section('Blocked changes', result.blocked.map((change) => `- \`${change.address}\`: ${describeChange(change)}`));
  section('Allowed by reviewer', result.allowedByReviewer.map(
    (change) => `- \`${change.address}\`: ${describeChange(change)} (allowed by reviewer)`,
  ));
  section('Unused --allow addresses', result.unusedAllows.map(
    (address) => `- \`${address}\`: no protected deletion or replacement at this address`,
  ));
  if (!result.passed) {
    lines.push('', 'If the destruction is intended, re-run the guard with `--allow <address>` for each blocked address.');
  }
  return `${lines.join('\n')}\n`;
}
