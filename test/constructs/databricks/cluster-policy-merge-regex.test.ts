import { mergePolicyDefinitions } from '../../../constructs/databricks/cluster-policy-definition';

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
