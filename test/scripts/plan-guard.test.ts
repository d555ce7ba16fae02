import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { GUARD_POLICY, PROTECTED_RESOURCE_TYPES, PROTECTED_TYPES } from '../../constructs/stateful-types';
import { runScript, runScriptProcess } from '../support/run-script';
import {
  analysePlan,
  classifyActions,
  describeChange,
  parsePlan,
  PlanFormatError,
  type PlanResourceChange,
  type TerraformPlan,
} from '../../scripts/lib/plan-guard';
import { code, renderMarkdown } from '../../scripts/lib/plan-guard-markdown';

const fixturePath = (name: string) => path.join(__dirname, '../fixtures/plans', `${name}.json`);
const fixtureText = (name: string) => readFileSync(fixturePath(name), 'utf8');
const loadPlan = (name: string): TerraformPlan => parsePlan(JSON.parse(fixtureText(name)));

const counts = (add: number, change: number, replace: number, del: number) =>
  ({ add, change, replace, delete: del, forget: 0 });

/** A plan of hand-made entries; `entry` fills the fields a test does not care about. */
const entry = (type: string, actions: unknown[], extra: Partial<Record<keyof PlanResourceChange, unknown>> = {}) =>
  ({ address: `${type}.this`, mode: 'managed', type, name: 'this', change: { actions }, ...extra }) as PlanResourceChange;
const planOf = (...changes: PlanResourceChange[]): TerraformPlan => ({ format_version: '1.2', resource_changes: changes });

const WORKSPACE = 'databricks_mws_workspaces.workspace_workspace_9C0D4B62';
const KMS_KEY = 'aws_kms_key.encryption_workspace-cmk_5E21B0C9';
const TABLE_HEADER = '| Resource type | Add | Change | Replace | Delete |';

describe('classifyActions', () => {
  it.each([
    [['no-op'], null],
    [['read'], null],
    [['create'], 'add'],
    [['update'], 'change'],
    [['delete'], 'delete'],
    [['delete', 'create'], 'replace'],
    [['create', 'delete'], 'replace'],
    [['forget'], 'forget'],
    [['create', 'forget'], 'replace'],
  ])('%j -> %s', (actions, expected) => {
    expect(classifyActions(actions)).toBe(expected);
  });

  it.each([[['destroy']], [['Delete']], [[42]], [['update', 'delete']], [[]], [['delete', 'delete']], [[null]]])(
    'does not know %j', (actions) => {
      expect(classifyActions(actions)).toBeUndefined();
    },
  );
});

describe('fails closed on what it does not understand', () => {
  it.each([
    ['action "destroy"', entry('aws_kms_key', ['destroy']), /unknown action list \["destroy"\]/],
    ['action "Delete"', entry('aws_kms_key', ['Delete']), /unknown action list \["Delete"\]/],
    ['a non-string action', entry('aws_kms_key', [{ delete: true }]), /unknown action list/],
    ['actions that are not a list', entry('aws_kms_key', 'delete' as unknown as unknown[]), /change\.actions is not a list/],
    ['no mode', entry('aws_kms_key', ['delete'], { mode: undefined }), /unknown mode undefined/],
    ['mode "Managed"', entry('aws_kms_key', ['delete'], { mode: 'Managed' }), /unknown mode "Managed"/],
    ['an unprotected type with an unknown action', entry('aws_security_group', ['remove']), /unknown action list/],
  ])('%s blocks, and --allow cannot override it', (_label, change, problem) => {
    const result = analysePlan(planOf(change), { allow: [change.address] });
    expect(result.passed).toBe(false);
    expect(result.unrecognised).toEqual([{ address: change.address, problem: expect.stringMatching(problem) }]);
    expect(renderMarkdown(result)).toContain('### Not understood (fails closed)');
    expect(renderMarkdown(result)).toContain('`--allow` cannot override this');
  });

  it.each([
    ['errored: true', { errored: true }, /errored is true/],
    ['errored: "yes"', { errored: 'yes' }, /errored is "yes"/],
    ['complete: false', { complete: false }, /changes were deferred/],
    ['deferred changes', { deferred_changes: [{ reason: 'provider_config_unknown' }] }, /deferred_changes is not empty/],
  ])('a plan with %s blocks even without changes', (_label, fields, problem) => {
    const result = analysePlan({ ...planOf(), ...fields });
    expect(result.passed).toBe(false);
    expect(result.unrecognised).toEqual([{ address: '(plan)', problem: expect.stringMatching(problem) }]);
  });

  it('accepts errored: false and complete: true, which every good plan carries', () => {
    expect(analysePlan({ ...planOf(entry('aws_kms_key', ['create'])), errored: false, complete: true }).passed).toBe(true);
  });
});

describe('every protected type (constructs/stateful-types.ts)', () => {
  it.each(PROTECTED_RESOURCE_TYPES.map((type) => [type]))('%s: delete blocks, --allow lets it through and records it', (type) => {
    const change = entry(type, ['delete']);
    const result = analysePlan(planOf(change));
    expect(result.passed).toBe(false);
    expect(result.blocked).toEqual([expect.objectContaining({ address: change.address, kind: 'delete', why: PROTECTED_TYPES[type].why })]);

    const allowed = analysePlan(planOf(change), { allow: [change.address] });
    expect(allowed.passed).toBe(true);
    expect(allowed.allowedByReviewer.map((c) => c.address)).toEqual([change.address]);
  });

  it.each(PROTECTED_RESOURCE_TYPES.map((type) => [type]))('%s: replace and update follow its kind', (type) => {
    const policy = GUARD_POLICY[PROTECTED_TYPES[type].kind];
    for (const [actions, verdict] of [[['delete', 'create'], policy.replace], [['create', 'delete'], policy.replace], [['update'], policy.update]] as const) {
      const result = analysePlan(planOf(entry(type, [...actions])));
      expect([actions, result.blocked.length, result.warnings.length]).toEqual([actions, verdict === 'block' ? 1 : 0, verdict === 'warn' ? 1 : 0]);
    }
  });

  it.each(PROTECTED_RESOURCE_TYPES.map((type) => [type]))('%s: forget (removed from state, not destroyed) warns', (type) => {
    for (const actions of [['forget'], ['create', 'forget']]) {
      const result = analysePlan(planOf(entry(type, actions)));
      expect(result).toMatchObject({ passed: true, blocked: [] });
      expect(result.warnings).toHaveLength(1);
    }
  });

  it('security controls: a replacement or update passes with a warning naming what the control does', () => {
    const result = analysePlan(planOf(entry('aws_s3_bucket_policy', ['update']), entry('databricks_ip_access_list', ['delete', 'create'])));
    expect(result.passed).toBe(true);
    expect(result.warnings.map((c) => c.address)).toEqual(['aws_s3_bucket_policy.this', 'databricks_ip_access_list.this']);
    const markdown = renderMarkdown(result);
    expect(markdown).toContain('## ✅ Plan guard: passed with 2 warnings');
    expect(markdown).toContain(`- \`aws_s3_bucket_policy.this\`: update in place. ${PROTECTED_TYPES.aws_s3_bucket_policy.why}`);
  });
});

describe('analysePlan and renderMarkdown on saved plans', () => {
  it('passes a safe plan of creates, updates and no-ops, warning on the security control it updates', () => {
    const result = analysePlan(loadPlan('safe'));
    expect(result.passed).toBe(true);
    expect(result.countsByType).toEqual({
      aws_iam_role_policy: counts(0, 1, 0, 0),
      aws_s3_bucket_versioning: counts(1, 0, 0, 0),
      databricks_cluster_policy: counts(2, 0, 0, 0),
      // An in-place update of a stateful type is harmless.
      databricks_mws_workspaces: counts(0, 1, 0, 0),
    });
    expect(result.totals).toEqual(counts(3, 2, 0, 0));
    expect(result.warnings.map((c) => c.type)).toEqual(['aws_iam_role_policy']);

    const markdown = renderMarkdown(result);
    expect(markdown.startsWith('## ✅ Plan guard: passed with 1 warning\n')).toBe(true);
    expect(markdown).toContain('Terraform 1.9.8: 3 to add, 2 to change, 0 to replace, 0 to delete.');
    expect(markdown).toContain(`${TABLE_HEADER}\n|---|---:|---:|---:|---:|\n`);
    expect(markdown).toContain('| `databricks_cluster_policy` | 2 | 0 | 0 | 0 |');
    expect(markdown).not.toContain('aws_s3_bucket`'); // no-op only
    expect(markdown).not.toContain('Blocked changes');
  });

  it('blocks the deletion of a KMS key but not of its alias', () => {
    const result = analysePlan(loadPlan('delete-kms-key'));
    expect(result.passed).toBe(false);
    expect(result.countsByType).toEqual({ aws_kms_alias: counts(0, 0, 0, 1), aws_kms_key: counts(1, 0, 0, 1) });
    expect(result.blocked).toEqual([expect.objectContaining({
      address: KMS_KEY, type: 'aws_kms_key', kind: 'delete', actions: ['delete'], reason: 'delete_because_no_resource_config',
    })]);
    const markdown = renderMarkdown(result);
    expect(markdown.startsWith('## ❌ Plan guard: 1 blocked change\n')).toBe(true);
    expect(markdown).toContain(`### Blocked changes\n\n- \`${KMS_KEY}\`: delete, reason: delete_because_no_resource_config. ${PROTECTED_TYPES.aws_kms_key.why}\n`);
    expect(markdown).toContain('--allow <address>');
  });

  it('blocks the replacement of a workspace, naming the order', () => {
    const result = analysePlan(loadPlan('replace-workspace'));
    expect(result.totals).toEqual(counts(0, 1, 1, 0));
    expect(result.blocked.map((change) => [change.address, change.kind])).toEqual([[WORKSPACE, 'replace']]);
    expect(renderMarkdown(result)).toContain(`- \`${WORKSPACE}\`: replace (destroy then create), reason: replace_because_cannot_update.`);
  });

  it('passes deletions of unprotected resources and counts them', () => {
    const result = analysePlan(loadPlan('delete-unprotected'));
    expect(result).toMatchObject({ passed: true, blocked: [], warnings: [] });
    expect(renderMarkdown(result)).toContain('| `aws_security_group_rule` | 0 | 0 | 0 | 2 |');
  });

  it('records who allowed a blocked replacement and flags allows that matched nothing', () => {
    const result = analysePlan(loadPlan('replace-workspace'), { allow: [WORKSPACE, 'aws_s3_bucket.typo'] });
    expect(result).toMatchObject({ passed: true, blocked: [], unusedAllows: ['aws_s3_bucket.typo'] });
    const markdown = renderMarkdown(result, { allowSource: 'workflow_dispatch by @octocat' });
    expect(markdown).toContain('### Allowed by reviewer');
    expect(markdown).toContain('(allowed by workflow_dispatch by @octocat)');
    expect(markdown).toContain('- `aws_s3_bucket.typo`: no blocked deletion or replacement at this address');
  });

  it('ignores data-source reads, even of a protected type, and passes empty plans', () => {
    expect(renderMarkdown(analysePlan(loadPlan('data-source-read')))).toBe('## ✅ Plan guard: passed\n\nTerraform 1.9.8: no changes.\n');
    expect(analysePlan(planOf(entry('aws_s3_bucket', ['read'], { mode: 'data' })))).toMatchObject({ passed: true, countsByType: {} });
    const empty = analysePlan(loadPlan('empty'));
    expect(empty).toMatchObject({ passed: true, countsByType: {}, totals: counts(0, 0, 0, 0) });
    expect(renderMarkdown(empty)).not.toContain(TABLE_HEADER);
  });

  it('adds a Forget column only when something is removed from state without being destroyed', () => {
    const result = analysePlan(planOf(entry('aws_s3_bucket', ['forget'])));
    expect(renderMarkdown(result)).toContain('| `aws_s3_bucket` | 0 | 0 | 0 | 0 | 1 |');
  });

  it('keeps plan text inside its code span', () => {
    expect(code('aws_s3_bucket.b["x`y"]')).toBe('``aws_s3_bucket.b["x`y"]``');
    expect(code('a\n## injected')).toBe('`a ## injected`');
  });
});

describe('describeChange', () => {
  it('tells the order of a replacement apart, since it decides between downtime and overlap', () => {
    expect(describeChange({ kind: 'replace', actions: ['create', 'delete'] })).toBe('replace (create before destroy)');
    expect(describeChange({ kind: 'replace', actions: ['delete', 'create'] })).toBe('replace (destroy then create)');
  });
});

describe('parsePlan', () => {
  it.each([
    ['a state file', { format_version: '1.0', values: { root_module: {} } }, /resource_changes is missing/],
    ['an object without format_version', { resource_changes: [] }, /format_version is missing/],
    ['a future major version', { format_version: '2.0', resource_changes: [] }, /unsupported plan format_version 2\.0/],
    ['a malformed change', { format_version: '1.2', resource_changes: [{ address: 'x' }] }, /resource_changes\[0\]/],
    ['resource_changes that is not a list', { format_version: '1.2', resource_changes: {} }, /not a list/],
  ])('rejects %s', (_label, json, message) => {
    expect(() => parsePlan(json)).toThrow(PlanFormatError);
    expect(() => parsePlan(json)).toThrow(message);
  });
});

describe('plan-guard CLI', () => {
  // Standard input needs a process of its own (as `npm run plan-guard` starts it); plans read from files run
  // the tool in this one.
  const runCli = (args: string[], input?: string) => (input === undefined ? runScript('plan-guard', args) : runScriptProcess('plan-guard', args, { input }));

  it('reads the plan from standard input and appends the summary file', () => {
    const summaryFile = path.join(mkdtempSync(path.join(tmpdir(), 'plan-guard-')), 'summary.md');
    const run = runCli(['-', '--summary-file', summaryFile], fixtureText('safe'));
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('## ✅ Plan guard: passed');
    expect(readFileSync(summaryFile, 'utf8')).toBe(run.stdout);
  });

  it('exits 1 when a protected resource is replaced, and 0 with an attributed --allow', () => {
    expect(runCli([fixturePath('replace-workspace'), '--allow', 'aws_s3_bucket.other', '--allow-source', 'test']).status).toBe(1);
    const allowed = runCli([fixturePath('replace-workspace'), '--allow', `aws_s3_bucket.other ${WORKSPACE}`, '--allow-source', 'dispatch by @a']);
    expect(allowed.status).toBe(0);
    expect(allowed.stdout).toContain('(allowed by dispatch by @a)');
  });

  it('refuses --allow without --allow-source, so every allowed destroy is attributed', () => {
    const run = runCli([fixturePath('replace-workspace'), '--allow', WORKSPACE]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--allow needs --allow-source/);
  });

  it('exits 1 for an errored plan', () => {
    expect(runCli(['-'], JSON.stringify({ format_version: '1.2', errored: true, resource_changes: [] })).status).toBe(1);
  });

  it.each([
    ['a state file', fixturePath('state-not-a-plan'), undefined, /state-not-a-plan\.json: not a Terraform plan: resource_changes is missing/],
    ['empty standard input (terraform show failed)', '-', '', /standard input is empty/],
    ['a binary plan', '-', 'PK\u0003\u0004', /binary plan file/],
  ])('exits 2 with a one-line message for %s', (_label, file, input, message) => {
    const run = runCli([file], input);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(message)]);
  });
});
