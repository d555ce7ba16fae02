// Merging cluster-policy elements (constructs/databricks/cluster-policy-definition.ts): which pairs
// compose, what the composed element keeps (defaults, isOptional) and which pairs are refused.
import { mergePolicyDefinitions, type PolicyElement } from '../../../constructs/databricks/cluster-policy-definition';

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
