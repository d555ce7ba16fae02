// Cluster-policy definitions (constructs/databricks/cluster-policy-definition.ts): rendering, cost tags, and
// merging elements: which pairs compose, what the composed element keeps (defaults, isOptional), which are refused.
import { costAttributionTags, mergePolicyDefinitions, renderPolicyDefinition, type PolicyElement } from '../../../constructs/databricks/cluster-policy-definition';

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

// Two regex rules for one key (e.g. the baseline runtime pattern and node-traffic encryption's runtime
// range) compose into one rule that requires both, never the looser of the two.
describe('mergePolicyDefinitions: regex and regex', () => {
  const merged = (a: object, b: object) => mergePolicyDefinitions({ key: { type: 'regex', ...a } as never }, { key: { type: 'regex', ...b } as never }).key as Record<string, any>;

  it('accepts only values both patterns accept, as whole values, under either anchoring style', () => {
    const rule = merged({ pattern: '^1[5-9]\\..*$' }, { pattern: '(1[3-8])\\..*' });
    const pattern = new RegExp(rule.pattern);
    expect(['15.4.x-scala2.12', '18.1.x-scala2.13'].map((v) => pattern.test(v))).toEqual([true, true]);
    expect(['14.3.x-scala2.12', '19.0.x-scala2.13', 'x15.4.x', '115.4.x'].map((v) => pattern.test(v))).toEqual([false, false, false, false]);
  });

  it('keeps a default value only if it satisfies both, and isOptional only if both are optional', () => {
    expect(merged({ pattern: 'a.*', defaultValue: 'ab', isOptional: true }, { pattern: '.*b', isOptional: true })).toMatchObject({ defaultValue: 'ab', isOptional: true });
    const rule = merged({ pattern: 'a.*', defaultValue: 'ac' }, { pattern: '.*b', isOptional: true });
    expect(rule.defaultValue).toBeUndefined();
    expect(rule.isOptional).toBeUndefined();
  });

  it('leaves an identical rule as it is', () => {
    expect(merged({ pattern: '^a$' }, { pattern: '^a$' })).toEqual({ type: 'regex', pattern: '^a$' });
  });
});

// Copied into this file's realm with every own key (an undefined-valued key stays): the app's modules
// are shared natively by the files of a jest worker, and toStrictEqual also compares prototypes.
const merge = (first: PolicyElement, second: PolicyElement) => Object.fromEntries(Object.entries(mergePolicyDefinitions({ key: first }, { key: second }).key)) as PolicyElement;

describe('merging two elements of one key', () => {
  it('an allowlist and a regex keep the listed values the regex accepts, in either order', () => {
    const list: PolicyElement = { type: 'allowlist', values: ['a1', 'b1', 'a2'] };
    const regex: PolicyElement = { type: 'regex', pattern: 'a[0-9]' };
    expect(merge(list, regex)).toStrictEqual({ type: 'allowlist', values: ['a1', 'a2'] });
    expect(merge(regex, list)).toStrictEqual({ type: 'allowlist', values: ['a1', 'a2'] });
  });

  it('two regexes become one that requires both over the whole value', () => {
    const merged = merge({ type: 'regex', pattern: '[a-z]+[0-9]' }, { type: 'regex', pattern: 'x.*' });
    expect(merged).toStrictEqual({ type: 'regex', pattern: '^(?=(?:[a-z]+[0-9])$)(?=(?:x.*)$).*$' });
    const pattern = new RegExp((merged as { pattern: string }).pattern);
    expect(['xy1', 'x1'].filter((value) => pattern.test(value))).toEqual(['xy1', 'x1']);
    expect(['ay1', 'xy', 'xy12'].some((value) => pattern.test(value))).toBe(false);
  });

  it.each<[string, PolicyElement, PolicyElement]>([
    ['fixed and forbidden', { type: 'fixed', value: true }, { type: 'forbidden' }],
    ['two different fixed values', { type: 'fixed', value: 'a' }, { type: 'fixed', value: 'b' }],
    ['an allowlist and a range', { type: 'allowlist', values: [1, 2] }, { type: 'range', maxValue: 2 }],
    ['a regex and a fixed value', { type: 'regex', pattern: 'a.*' }, { type: 'fixed', value: 'ab' }],
    ['a fixed value and an allowlist', { type: 'fixed', value: 'a' }, { type: 'allowlist', values: ['a'] }],
  ])('%s are refused, never overwritten', (_name, first, second) => {
    expect(() => merge(first, second)).toThrow('cluster policy key "key" is defined twice with different rules');
  });

  it('an allowlist and a regex with no value in common are refused', () => {
    expect(() => merge({ type: 'allowlist', values: ['b1'] }, { type: 'regex', pattern: 'a.*' })).toThrow('accept no value in common');
  });

  it('the composed element is optional only when both were', () => {
    const list = (isOptional?: boolean): PolicyElement => ({ type: 'allowlist', values: ['a'], ...(isOptional === undefined ? {} : { isOptional }) });
    expect(merge(list(true), { type: 'allowlist', values: ['a', 'b'], isOptional: true })).toStrictEqual({ type: 'allowlist', values: ['a'], isOptional: true });
    expect(merge(list(true), list())).toStrictEqual({ type: 'allowlist', values: ['a'] });
    expect(merge(list(), { type: 'allowlist', values: ['a', 'b'], isOptional: true })).toStrictEqual({ type: 'allowlist', values: ['a'] });
    expect(merge({ type: 'regex', pattern: 'a', isOptional: true }, { type: 'regex', pattern: '.', isOptional: true })).toMatchObject({ isOptional: true });
    expect(merge({ type: 'regex', pattern: 'a', isOptional: true }, { type: 'regex', pattern: '.' })).not.toHaveProperty('isOptional');
  });

  it('keeps the first default the composed rule still accepts, and none when neither is accepted', () => {
    expect(merge({ type: 'allowlist', values: ['a', 'b'], defaultValue: 'b' }, { type: 'allowlist', values: ['a'], defaultValue: 'a' })).toStrictEqual({
      type: 'allowlist',
      values: ['a'],
      defaultValue: 'a',
    });
    expect(merge({ type: 'allowlist', values: ['a', 'b'], defaultValue: 'b' }, { type: 'regex', pattern: 'a', defaultValue: 'c' })).not.toHaveProperty('defaultValue');
    expect(merge({ type: 'regex', pattern: '[ab]' }, { type: 'regex', pattern: '[bc]', defaultValue: 'b' })).toMatchObject({ defaultValue: 'b' });
    expect(merge({ type: 'regex', pattern: '[ab]', defaultValue: 'a' }, { type: 'regex', pattern: '[bc]', defaultValue: 'b' })).toMatchObject({ defaultValue: 'b' });
    expect(merge({ type: 'regex', pattern: '[ab]', defaultValue: 'a' }, { type: 'regex', pattern: '[bc]' })).not.toHaveProperty('defaultValue');
  });
});
