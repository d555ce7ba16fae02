/**
 * Typed cluster-policy elements (Databricks "policy definition" language), so policies are built
 * from values instead of hand-written JSON and tests can parse them back value by value.
 */
export type PolicyElement =
  | { type: 'fixed'; value: string | number | boolean; hidden?: boolean }
  | { type: 'forbidden' }
  | { type: 'allowlist'; values: (string | number | boolean)[]; defaultValue?: string | number | boolean; isOptional?: boolean }
  | { type: 'blocklist'; values: (string | number | boolean)[] }
  | { type: 'regex'; pattern: string; defaultValue?: string; isOptional?: boolean }
  | { type: 'range'; minValue?: number; maxValue?: number; defaultValue?: number; isOptional?: boolean }
  | { type: 'unlimited'; defaultValue?: string | number | boolean; isOptional?: boolean };

export type PolicyDefinition = Record<string, PolicyElement>;

/** Tags every cluster must carry so each billable-usage row can be attributed. */
export const COST_ATTRIBUTION_TAGS = ['Environment', 'CostCenter', 'Owner'] as const;

/** Fixes the cost-attribution custom tags: users can neither remove nor change them. */
export function costAttributionTags(tags: Record<string, string>): PolicyDefinition {
  return Object.fromEntries(
    COST_ATTRIBUTION_TAGS.map((tag) => {
      const value = tags[tag];
      if (!value) throw new Error(`cost-attribution tag ${tag} has no value`);
      return [`custom_tags.${tag}`, { type: 'fixed', value } satisfies PolicyElement];
    }),
  );
}

/**
 * Merges definitions. Two allowlists, or an allowlist and a regex, for one key compose to the values
 * both accept; two regexes compose to one that requires both (both rules hold). Any other key defined
 * twice differently is a bug, never overwritten.
 */
export function mergePolicyDefinitions(...definitions: PolicyDefinition[]): PolicyDefinition {
  const merged: PolicyDefinition = {};
  for (const definition of definitions) {
    for (const [key, element] of Object.entries(definition)) {
      const existing = merged[key];
      if (!existing || JSON.stringify(existing) === JSON.stringify(element)) {
        merged[key] = element;
      } else if (existing.type === 'allowlist' && (element.type === 'allowlist' || element.type === 'regex')) {
        merged[key] = intersectAllowlist(key, existing, element);
      } else if (existing.type === 'regex' && element.type === 'allowlist') {
        merged[key] = intersectAllowlist(key, element, existing);
      } else if (existing.type === 'regex' && element.type === 'regex') {
        merged[key] = intersectRegex(existing, element);
      } else {
        throw new Error(`cluster policy key "${key}" is defined twice with different rules`);
      }
    }
  }
  return merged;
}

type Allowlist = Extract<PolicyElement, { type: 'allowlist' }>;
type Regex = Extract<PolicyElement, { type: 'regex' }>;

function intersectAllowlist(key: string, list: Allowlist, other: Allowlist | Regex): Allowlist {
  const accepts = (value: string | number | boolean) =>
    other.type === 'allowlist' ? other.values.includes(value) : new RegExp(other.pattern).test(String(value));
  const values = list.values.filter(accepts);
  if (values.length === 0) throw new Error(`cluster policy key "${key}": the two rules accept no value in common`);
  const defaults = [list.defaultValue, other.defaultValue].filter((value) => value !== undefined && values.includes(value as never));
  const isOptional = list.isOptional === true && other.isOptional === true;
  return { type: 'allowlist', values, ...(defaults.length > 0 ? { defaultValue: defaults[0] } : {}), ...(isOptional ? { isOptional } : {}) };
}

/**
 * Both patterns must match the whole value: lookaheads anchored at the start, each running to the end
 * (Java and JavaScript regexes both support them). Stricter than either pattern alone, never looser.
 */
function intersectRegex(first: Regex, second: Regex): Regex {
  const pattern = `^(?=(?:${first.pattern})$)(?=(?:${second.pattern})$).*$`;
  const defaults = [first.defaultValue, second.defaultValue].filter((value) => value !== undefined && new RegExp(pattern).test(value));
  const isOptional = first.isOptional === true && second.isOptional === true;
  return { type: 'regex', pattern, ...(defaults.length > 0 ? { defaultValue: defaults[0] } : {}), ...(isOptional ? { isOptional } : {}) };
}

/** Renders the JSON that `databricks_cluster_policy.definition` expects. */
export function renderPolicyDefinition(definition: PolicyDefinition): string {
  return JSON.stringify(definition, Object.keys(definition).sort().concat(POLICY_ELEMENT_KEYS));
}

/** Property order inside each element (JSON.stringify's key allowlist also fixes the order). */
const POLICY_ELEMENT_KEYS = ['type', 'value', 'values', 'hidden', 'defaultValue', 'isOptional', 'pattern', 'minValue', 'maxValue'];
