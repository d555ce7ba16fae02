/**
 * How a schema error becomes the one-line problems a user reads (environments/lib/errors.ts), on small
 * schemas of the test's own: field paths, unknown fields with the closest known name or the allowed
 * list, missing fields, non-finite numbers, and the field names a schema accepts at a path.
 */
import { z } from 'zod';
import { ConfigError, describeIssues, knownKeys } from '../../environments/lib/errors';

const problemsOf = (schema: z.ZodType, input: unknown, withContext: 'schema' | 'input' | 'both' | 'none' = 'both') => {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('expected a schema error');
  const context = { both: { schema, input }, schema: { schema }, input: { input }, none: {} }[withContext];
  return describeIssues('file "x"', result.error, context);
};

describe('ConfigError', () => {
  it('lists every problem on its own line under one heading', () => {
    const error = new ConfigError(['a: first', 'b: second']);
    expect(error.message).toBe('Invalid configuration:\n  - a: first\n  - b: second');
    expect(error.name).toBe('ConfigError');
    expect(error.problems).toEqual(['a: first', 'b: second']);
  });
});

describe('unknown fields', () => {
  const schema = z.strictObject({
    maxLifetimeDays: z.number().optional(),
    allowedGroups: z.array(z.string()).optional(),
    nested: z.strictObject({ volumePath: z.string().optional(), mode: z.string().optional() }).optional(),
  });

  it('names each unknown key at its own path, with the closest known field', () => {
    // zod reports the nested object's keys first.
    expect(problemsOf(schema, { maxLifetimeDay: 1, nested: { volumepath: 'x' } })).toEqual([
      'file "x": nested.volumepath: unknown field (did you mean "volumePath"?)',
      'file "x": maxLifetimeDay: unknown field (did you mean "maxLifetimeDays"?)',
    ]);
    expect(problemsOf(schema, { maxLifetimeDay: 1, allowedGroup: [] })).toEqual([
      'file "x": maxLifetimeDay: unknown field (did you mean "maxLifetimeDays"?)',
      'file "x": allowedGroup: unknown field (did you mean "allowedGroups"?)',
    ]);
  });

  it('suggests within max(2, length / 4) edits, the closest first, else lists the allowed fields sorted', () => {
    // "modex" -> "mode": 1 edit; "mxdy" -> "mode": 2 edits (the floor of 2 for short keys); "mxyz": 3.
    expect(problemsOf(schema, { nested: { modex: 1 } })).toEqual(['file "x": nested.modex: unknown field (did you mean "mode"?)']);
    expect(problemsOf(schema, { nested: { mxdy: 1 } })).toEqual(['file "x": nested.mxdy: unknown field (did you mean "mode"?)']);
    expect(problemsOf(schema, { nested: { mxyz: 1 } })).toEqual(['file "x": nested.mxyz: unknown field (allowed: mode, volumePath)']);
    // A 10-character key allows 2 edits from "volumePath", not 4; a 12-character key 3, not 4.
    expect(problemsOf(schema, { nested: { vXXumePath: 1 } })).toEqual(['file "x": nested.vXXumePath: unknown field (did you mean "volumePath"?)']);
    expect(problemsOf(schema, { nested: { vXXXXePath: 1 } })).toEqual(['file "x": nested.vXXXXePath: unknown field (allowed: mode, volumePath)']);
    expect(problemsOf(schema, { nested: { volumXXXPath: 1 } })).toEqual(['file "x": nested.volumXXXPath: unknown field (did you mean "volumePath"?)']);
    expect(problemsOf(schema, { nested: { volumXXXPatX: 1 } })).toEqual(['file "x": nested.volumXXXPatX: unknown field (allowed: mode, volumePath)']);
    // Case does not count as an edit.
    expect(problemsOf(schema, { MAXLIFETIMEDAYSX: 1 })).toEqual(['file "x": MAXLIFETIMEDAYSX: unknown field (did you mean "maxLifetimeDays"?)']);
  });

  it('picks the nearest of several close fields', () => {
    const close = z.strictObject({ abcdef: z.number().optional(), abcxyz: z.number().optional(), abcdxy: z.number().optional() });
    expect(problemsOf(close, { abcdez: 1 })).toEqual(['file "x": abcdez: unknown field (did you mean "abcdef"?)']);
    expect(problemsOf(close, { abcxyq: 1 })).toEqual(['file "x": abcxyq: unknown field (did you mean "abcxyz"?)']);
  });

  it('gives no hint without the schema', () => {
    expect(problemsOf(schema, { maxLifetimeDay: 1 }, 'input')).toEqual(['file "x": maxLifetimeDay: unknown field']);
  });

  it('says "(top level)" for a problem of the whole value', () => {
    expect(problemsOf(schema, 'text')).toEqual(['file "x": (top level): Invalid input: expected object, received string']);
  });
});

describe('missing and wrong values', () => {
  const schema = z.strictObject({
    name: z.string(),
    budget: z.strictObject({ amountUsd: z.number(), recipients: z.array(z.string(), { error: 'list who is alerted' }) }),
    count: z.number().optional(),
  });

  it('calls a missing field required, with the expected type or the schema\'s own message', () => {
    expect(problemsOf(schema, { budget: { amountUsd: 1 } })).toEqual([
      'file "x": name: is required (string)',
      'file "x": budget.recipients: is required: list who is alerted',
    ]);
  });

  it('keeps zod\'s text for a present value of the wrong type, and for anything without the input', () => {
    expect(problemsOf(schema, { name: 1, budget: { amountUsd: 'ten', recipients: [] } })).toEqual([
      'file "x": name: Invalid input: expected string, received number',
      'file "x": budget.amountUsd: Invalid input: expected number, received string',
    ]);
    expect(problemsOf(schema, { budget: { amountUsd: 1, recipients: [] } }, 'schema')).toEqual(['file "x": name: Invalid input: expected string, received undefined']);
    expect(problemsOf(schema, { budget: { amountUsd: 1, recipients: [] } }, 'none')).toEqual(['file "x": name: Invalid input: expected string, received undefined']);
  });

  it('reads the value through the path only while it is an object: a field under null or a string is missing', () => {
    expect(problemsOf(schema, { name: 'a', budget: null })).toEqual(['file "x": budget: Invalid input: expected object, received null']);
    const deep = z.strictObject({ a: z.union([z.string(), z.strictObject({ b: z.string() })]) });
    expect(problemsOf(deep, { a: { b: 2 } })).toEqual(['file "x": a: Invalid input']);
  });

  it('keeps a rule\'s own text at a field the input leaves out, or below a missing or null one', () => {
    // A refinement may point at any path; the input (before defaults) need not hold it.
    const refined = z
      .strictObject({ settings: z.strictObject({ mode: z.string().default('a') }).nullable().default({ mode: 'a' }), extra: z.string().optional() })
      .superRefine((_value, ctx) => {
        ctx.addIssue({ code: 'custom', path: ['settings', 'mode'], message: 'must be set with extra' });
        ctx.addIssue({ code: 'custom', path: ['extra'], message: 'needs a value' });
      });
    const expected = ['file "x": settings.mode: must be set with extra', 'file "x": extra: needs a value'];
    expect(problemsOf(refined, {})).toEqual(expected);
    expect(problemsOf(refined, { settings: null })).toEqual(expected);
  });

  it('says "finite number" only where zod complains about the type; other rules on such a value keep their text', () => {
    expect(problemsOf(z.strictObject({ level: z.literal(5) }), { level: NaN })).toEqual(['file "x": level: Invalid input: expected 5']);
  });

  it('says "finite number" for Infinity and NaN, which zod calls a number of the wrong type', () => {
    expect(problemsOf(schema, { name: 'a', budget: { amountUsd: Infinity, recipients: [] }, count: NaN })).toEqual([
      'file "x": budget.amountUsd: must be a finite number; got Infinity',
      'file "x": count: must be a finite number; got NaN',
    ]);
  });
});

describe('knownKeys', () => {
  const schema = z.strictObject({
    top: z.string(),
    list: z.array(z.strictObject({ b: z.string(), a: z.string().default('x') })).default([]),
    pair: z.tuple([z.strictObject({ first: z.string() }), z.strictObject({ second: z.string() })]).optional(),
    byName: z.record(z.string(), z.strictObject({ value: z.string() })).optional(),
    either: z.union([z.strictObject({ kind: z.literal('a'), alpha: z.string() }), z.strictObject({ kind: z.literal('b'), beta: z.string() })]).optional(),
    tagged: z.discriminatedUnion('mode', [z.strictObject({ mode: z.literal('x'), ex: z.string() }), z.strictObject({ mode: z.literal('y'), why: z.string() })]).optional(),
    both: z.intersection(z.object({ left: z.string() }), z.object({ right: z.string() })).optional(),
  });

  it('lists the fields of the object at a path, sorted, through arrays, tuples, records and every option of a union', () => {
    expect(knownKeys(schema, [])).toEqual(['both', 'byName', 'either', 'list', 'pair', 'tagged', 'top']);
    expect(knownKeys(schema, ['list', 3])).toEqual(['a', 'b']);
    expect(knownKeys(schema, ['pair', 0])).toEqual(['first']);
    expect(knownKeys(schema, ['pair', 1])).toEqual(['second']);
    expect(knownKeys(schema, ['byName', 'any-key'])).toEqual(['value']);
    expect(knownKeys(schema, ['either'])).toEqual(['alpha', 'beta', 'kind']);
    expect(knownKeys(schema, ['tagged'])).toEqual(['ex', 'mode', 'why']);
    expect(knownKeys(schema, ['both'])).toEqual(['left', 'right']);
  });

  it('knows nothing below a field that is not an object, or a path the schema does not have', () => {
    expect(knownKeys(schema, ['top'])).toEqual([]);
    expect(knownKeys(schema, ['missing'])).toEqual([]);
    expect(knownKeys(schema, ['list', 0, 'a'])).toEqual([]);
    // An index where no array is, and a path below an unknown field.
    expect(knownKeys(schema, ['top', 0])).toEqual([]);
    expect(knownKeys(schema, ['either', 1])).toEqual([]);
    expect(knownKeys(schema, ['missing', 'deeper'])).toEqual([]);
  });
});
