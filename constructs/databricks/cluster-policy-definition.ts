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

/** Merges definitions; a key defined twice with different rules is a bug, never silently overwritten. */
export function mergePolicyDefinitions(...definitions: PolicyDefinition[]): PolicyDefinition {
  const merged: PolicyDefinition = {};
  for (const definition of definitions) {
    for (const [key, element] of Object.entries(definition)) {
      if (key in merged && JSON.stringify(merged[key]) !== JSON.stringify(element)) {
        throw new Error(`cluster policy key "${key}" is defined twice with different rules`);
      }
      merged[key] = element;
    }
  }
  return merged;
}

/** Renders the JSON that `databricks_cluster_policy.definition` expects. */
export function renderPolicyDefinition(definition: PolicyDefinition): string {
  return JSON.stringify(definition, Object.keys(definition).sort().concat(policyElementKeys()));
}

function policyElementKeys(): string[] {
  return ['type', 'value', 'values', 'hidden', 'defaultValue', 'isOptional', 'pattern', 'minValue', 'maxValue'];
}
