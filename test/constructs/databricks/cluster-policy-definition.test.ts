import { costAttributionTags, mergePolicyDefinitions, renderPolicyDefinition } from '../../../constructs/databricks/cluster-policy-definition';

describe('cluster policy definitions', () => {
  test('two allowlists compose to the values both accept, keeping a default both accept', () => {
    const merged = mergePolicyDefinitions(
      { node_type_id: { type: 'allowlist', values: ['m6id.large', 'm5.large', 'r6id.xlarge'], defaultValue: 'm5.large' } },
      { node_type_id: { type: 'allowlist', values: ['r6id.xlarge', 'm6id.large', 'c6i.large'], defaultValue: 'm6id.large' } },
    );
    expect(merged.node_type_id).toEqual({ type: 'allowlist', values: ['m6id.large', 'r6id.xlarge'], defaultValue: 'm6id.large' });
  });

  test('an allowlist and a regex compose to the listed values the pattern matches, in either order', () => {
    const allowlist = { node_type_id: { type: 'allowlist' as const, values: ['m6id.large', 'm5.large'] } };
    const regex = { node_type_id: { type: 'regex' as const, pattern: '^(m6id|r6id)\\.[0-9a-z]+$' } };
    expect(mergePolicyDefinitions(allowlist, regex).node_type_id).toEqual({ type: 'allowlist', values: ['m6id.large'] });
    expect(mergePolicyDefinitions(regex, allowlist).node_type_id).toEqual({ type: 'allowlist', values: ['m6id.large'] });
  });

  test('rules with nothing in common, or of other kinds, refuse to merge', () => {
    expect(() =>
      mergePolicyDefinitions({ node_type_id: { type: 'allowlist', values: ['m5.large'] } }, { node_type_id: { type: 'regex', pattern: '^m6id\\.' } }),
    ).toThrow('cluster policy key "node_type_id": the two rules accept no value in common');
    expect(() => mergePolicyDefinitions({ a: { type: 'fixed', value: 1 } }, { a: { type: 'fixed', value: 2 } })).toThrow('cluster policy key "a" is defined twice with different rules');
    expect(mergePolicyDefinitions({ a: { type: 'fixed', value: 1 } }, { a: { type: 'fixed', value: 1 } })).toEqual({ a: { type: 'fixed', value: 1 } });
  });

  test('cost-attribution tags are fixed to the environment values and rendered deterministically', () => {
    const tags = costAttributionTags({ Environment: 'gamma', CostCenter: 'FX-1', Owner: 'team', Extra: 'x' });
    expect(tags).toEqual({
      'custom_tags.Environment': { type: 'fixed', value: 'gamma' },
      'custom_tags.CostCenter': { type: 'fixed', value: 'FX-1' },
      'custom_tags.Owner': { type: 'fixed', value: 'team' },
    });
    expect(() => costAttributionTags({ Environment: 'gamma', Owner: 'team' })).toThrow('cost-attribution tag CostCenter has no value');
    expect(renderPolicyDefinition({ b: { type: 'fixed', value: 1 }, a: { type: 'range', maxValue: 3 } })).toBe('{"a":{"type":"range","maxValue":3},"b":{"type":"fixed","value":1}}');
  });
});
