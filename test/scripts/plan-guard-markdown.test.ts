/**
 * The plan guard's Markdown summary (job summary and pull-request comment) on hand-built results: the
 * whole text, so a reviewer reads exactly this, and code spans no plan text can break out of.
 */
import type { GuardedChange, PlanGuardResult } from '../../scripts/lib/plan-guard';
import { code, renderMarkdown } from '../../scripts/lib/plan-guard-markdown';

const zero = { add: 0, change: 0, replace: 0, delete: 0, forget: 0 };
const result = (fields: Partial<PlanGuardResult>): PlanGuardResult => ({
  countsByType: {}, totals: zero, blocked: [], warnings: [], allowedByReviewer: [], unrecognised: [], unusedAllows: [], passed: true, ...fields,
});
const guarded = (address: string, kind: GuardedChange['kind'], actions: string[], why: string): GuardedChange =>
  ({ address, type: address.split('.')[0], kind, actions, protection: 'stateful', why });

describe('renderMarkdown', () => {
  it('writes every section of a refused plan, in order, with its counts and the way out', () => {
    const text = renderMarkdown(result({
      terraformVersion: '1.9.8',
      countsByType: { aws_kms_key: { ...zero, delete: 2 }, aws_s3_bucket: { ...zero, add: 1, replace: 1, forget: 1 } },
      totals: { add: 1, change: 0, replace: 1, delete: 2, forget: 1 },
      unrecognised: [{ address: '(plan)', problem: 'errored is true' }],
      blocked: [guarded('aws_kms_key.a', 'delete', ['delete'], 'Keys hold data.'), guarded('aws_kms_key.b', 'delete', ['delete'], 'Keys hold data.')],
      warnings: [guarded('aws_s3_bucket.f', 'forget', ['forget'], 'Buckets hold data.')],
      allowedByReviewer: [guarded('aws_s3_bucket.r', 'replace', ['create', 'delete'], 'Buckets hold data.')],
      unusedAllows: ['aws_s3_bucket.typo'],
      passed: false,
    }), { allowSource: 'dispatch by @a' });
    expect(text).toBe([
      '## ❌ Plan guard: 3 blocked changes',
      '',
      'Terraform 1.9.8: 1 to add, 0 to change, 1 to replace, 2 to delete, 1 to forget.',
      '',
      '| Resource type | Add | Change | Replace | Delete | Forget |',
      '|---|---:|---:|---:|---:|---:|',
      '| `aws_kms_key` | 0 | 0 | 0 | 2 | 0 |',
      '| `aws_s3_bucket` | 1 | 0 | 1 | 0 | 1 |',
      '',
      '### Not understood (fails closed)',
      '',
      '- `(plan)`: errored is true',
      '',
      '### Blocked changes',
      '',
      '- `aws_kms_key.a`: delete. Keys hold data.',
      '- `aws_kms_key.b`: delete. Keys hold data.',
      '',
      '### Warnings: security controls and unmanaged objects',
      '',
      '- `aws_s3_bucket.f`: forget (removed from state, not destroyed). Buckets hold data.',
      '',
      '### Allowed by reviewer',
      '',
      '- `aws_s3_bucket.r`: replace (create before destroy). Buckets hold data. (allowed by dispatch by @a)',
      '',
      '### Unused --allow addresses',
      '',
      '- `aws_s3_bucket.typo`: no blocked deletion or replacement at this address',
      '',
      'If the destruction is intended, apply it through the reviewed path in docs/plan-guard.md (`--allow <address>`).',
      '',
      'The guard refuses plans it does not fully understand; `--allow` cannot override this.',
      '',
    ].join('\n'));
  });

  it('counts one blocked change, one warning and several warnings in the heading', () => {
    const oneBlocked = renderMarkdown(result({ blocked: [guarded('aws_kms_key.a', 'delete', ['delete'], 'w')], passed: false }));
    expect(oneBlocked.split('\n')[0]).toBe('## ❌ Plan guard: 1 blocked change');
    const warning = guarded('aws_kms_key.a', 'forget', ['forget'], 'w');
    expect(renderMarkdown(result({ warnings: [warning] })).split('\n')[0]).toBe('## ✅ Plan guard: passed with 1 warning');
    expect(renderMarkdown(result({ warnings: [warning, warning] })).split('\n')[0]).toBe('## ✅ Plan guard: passed with 2 warnings');
  });

  it('without a Terraform version, a forget or an allow source, leaves each out', () => {
    const text = renderMarkdown(result({
      countsByType: { aws_s3_bucket: { ...zero, replace: 1 } },
      totals: { ...zero, replace: 1 },
      allowedByReviewer: [guarded('aws_s3_bucket.r', 'replace', ['delete', 'create'], 'w')],
    }));
    expect(text).toBe([
      '## ✅ Plan guard: passed',
      '',
      '0 to add, 0 to change, 1 to replace, 0 to delete.',
      '',
      '| Resource type | Add | Change | Replace | Delete |',
      '|---|---:|---:|---:|---:|',
      '| `aws_s3_bucket` | 0 | 0 | 1 | 0 |',
      '',
      '### Allowed by reviewer',
      '',
      '- `aws_s3_bucket.r`: replace (destroy then create). w (allowed by reviewer)',
      '',
    ].join('\n'));
    expect(renderMarkdown(result({}))).toBe('## ✅ Plan guard: passed\n\nno changes.\n');
  });
});

describe('code', () => {
  it.each([
    ['plain', '`plain`'],
    ['a`b', '``a`b``'],
    ['a``b`c', '```a``b`c```'],
    ['`lead', '`` `lead ``'],
    ['trail`', '`` trail` ``'],
    ['one\r\ntwo\n\nthree', '`one two three`'],
  ])('%j -> %s', (text, span) => {
    expect(code(text)).toBe(span);
  });
});
