import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { REGISTER_TS } from '../support/paths';
import {
  analysePlan,
  classifyActions,
  describeChange,
  parsePlan,
  PlanFormatError,
  renderMarkdown,
  type TerraformPlan,
} from '../../scripts/lib/plan-guard';

const repoRoot = path.resolve(__dirname, '../..');
const fixturePath = (name: string) => path.join(__dirname, '../fixtures/plans', `${name}.json`);
const loadPlan = (name: string): TerraformPlan => parsePlan(JSON.parse(readFileSync(fixturePath(name), 'utf8')));

const counts = (add: number, change: number, replace: number, del: number) =>
  ({ add, change, replace, delete: del, forget: 0 });

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
});

describe('analysePlan and renderMarkdown', () => {
  it('passes a safe plan of creates, updates and no-ops, counting no-ops nowhere', () => {
    const result = analysePlan(loadPlan('safe'));
    expect(result.passed).toBe(true);
    expect(result.countsByType).toEqual({
      aws_iam_role_policy: counts(0, 1, 0, 0),
      aws_s3_bucket_versioning: counts(1, 0, 0, 0),
      databricks_cluster_policy: counts(2, 0, 0, 0),
      // An in-place update of a protected type is harmless.
      databricks_mws_workspaces: counts(0, 1, 0, 0),
    });
    expect(result.totals).toEqual(counts(3, 2, 0, 0));

    const markdown = renderMarkdown(result);
    expect(markdown.startsWith('## ✅ Plan guard: passed\n')).toBe(true);
    expect(markdown).toContain('Terraform 1.9.8: 3 to add, 2 to change, 0 to replace, 0 to delete.');
    expect(markdown).toContain(`${TABLE_HEADER}\n|---|---:|---:|---:|---:|\n`);
    expect(markdown).toContain('| `databricks_cluster_policy` | 2 | 0 | 0 | 0 |');
    expect(markdown).toContain('| `databricks_mws_workspaces` | 0 | 1 | 0 | 0 |');
    expect(markdown).not.toContain('aws_s3_bucket`'); // no-op only
    expect(markdown).not.toContain('Blocked changes');
  });

  it('blocks the deletion of a KMS key but not of its alias', () => {
    const result = analysePlan(loadPlan('delete-kms-key'));
    expect(result.passed).toBe(false);
    expect(result.countsByType).toEqual({
      aws_kms_alias: counts(0, 0, 0, 1),
      aws_kms_key: counts(1, 0, 0, 1),
    });
    expect(result.blocked).toEqual([{
      address: KMS_KEY,
      type: 'aws_kms_key',
      kind: 'delete',
      actions: ['delete'],
      reason: 'delete_because_no_resource_config',
    }]);

    const markdown = renderMarkdown(result);
    expect(markdown.startsWith('## ❌ Plan guard: 1 blocked change\n')).toBe(true);
    expect(markdown).toContain('| `aws_kms_key` | 1 | 0 | 0 | 1 |');
    expect(markdown).toContain(`### Blocked changes\n\n- \`${KMS_KEY}\`: delete, reason: delete_because_no_resource_config\n`);
    expect(markdown).toContain('--allow <address>');
  });

  it('blocks the replacement of a workspace', () => {
    const result = analysePlan(loadPlan('replace-workspace'));
    expect(result.passed).toBe(false);
    expect(result.totals).toEqual(counts(0, 1, 1, 0));
    expect(result.blocked.map((change) => [change.address, change.kind])).toEqual([[WORKSPACE, 'replace']]);

    const markdown = renderMarkdown(result);
    expect(markdown).toContain('| `databricks_mws_workspaces` | 0 | 0 | 1 | 0 |');
    expect(markdown).toContain(`- \`${WORKSPACE}\`: replace (destroy then create), reason: replace_because_cannot_update\n`);
  });

  it('passes deletions of unprotected resources and counts them', () => {
    const result = analysePlan(loadPlan('delete-unprotected'));
    expect(result.passed).toBe(true);
    expect(result.blocked).toEqual([]);
    expect(result.countsByType).toEqual({
      aws_security_group_rule: counts(0, 0, 0, 2),
      aws_vpc_security_group_egress_rule: counts(1, 0, 0, 0),
    });
    expect(renderMarkdown(result)).toContain('| `aws_security_group_rule` | 0 | 0 | 0 | 2 |');
  });

  it('passes a replacement allowed by a reviewer and lists it, flagging allows that matched nothing', () => {
    const result = analysePlan(loadPlan('replace-workspace'), { allow: [WORKSPACE, 'aws_s3_bucket.typo'] });
    expect(result.passed).toBe(true);
    expect(result.blocked).toEqual([]);
    expect(result.allowedByReviewer.map((change) => change.address)).toEqual([WORKSPACE]);
    expect(result.unusedAllows).toEqual(['aws_s3_bucket.typo']);

    const markdown = renderMarkdown(result);
    expect(markdown.startsWith('## ✅ Plan guard: passed\n')).toBe(true);
    expect(markdown).toContain(`### Allowed by reviewer\n\n- \`${WORKSPACE}\`: replace (destroy then create), `
      + 'reason: replace_because_cannot_update (allowed by reviewer)\n');
    expect(markdown).toContain('- `aws_s3_bucket.typo`: no protected deletion or replacement at this address');
  });

  it('ignores data-source reads', () => {
    const result = analysePlan(loadPlan('data-source-read'));
    expect(result.passed).toBe(true);
    expect(result.countsByType).toEqual({});
    expect(renderMarkdown(result)).toBe('## ✅ Plan guard: passed\n\nTerraform 1.9.8: no changes.\n');
  });

  it('only counts managed resources, even for a protected type', () => {
    const plan: TerraformPlan = {
      format_version: '1.2',
      resource_changes: [{
        address: 'data.aws_s3_bucket.logs', mode: 'data', type: 'aws_s3_bucket', name: 'logs', change: { actions: ['delete'] },
      }],
    };
    expect(analysePlan(plan)).toMatchObject({ passed: true, countsByType: {}, blocked: [] });
  });

  it('passes an empty plan, which Terraform writes without resource_changes', () => {
    const result = analysePlan(loadPlan('empty'));
    expect(result).toMatchObject({ passed: true, countsByType: {}, totals: counts(0, 0, 0, 0) });
    expect(renderMarkdown(result)).toContain('no changes.');
    expect(renderMarkdown(result)).not.toContain(TABLE_HEADER);
  });

  it('adds a Forget column only when a resource is removed from state without being destroyed', () => {
    const plan: TerraformPlan = {
      format_version: '1.2',
      resource_changes: [{
        address: 'aws_s3_bucket.legacy', mode: 'managed', type: 'aws_s3_bucket', name: 'legacy', change: { actions: ['forget'] },
      }],
    };
    const result = analysePlan(plan);
    expect(result.passed).toBe(true);
    expect(renderMarkdown(result)).toContain('| `aws_s3_bucket` | 0 | 0 | 0 | 0 | 1 |');
  });
});

describe('describeChange', () => {
  it('tells the order of a replacement apart, since it decides between downtime and overlap', () => {
    const change = { address: 'aws_s3_bucket.b', type: 'aws_s3_bucket', kind: 'replace' as const };
    expect(describeChange({ ...change, actions: ['create', 'delete'] })).toBe('replace (create before destroy)');
    expect(describeChange({ ...change, actions: ['delete', 'create'] })).toBe('replace (destroy then create)');
  });
});

describe('parsePlan', () => {
  it.each([
    ['a state file', { format_version: '1.0', values: { root_module: {} } }, /resource_changes is missing/],
    ['an object without format_version', { resource_changes: [] }, /format_version is missing/],
    ['a future major version', { format_version: '2.0', resource_changes: [] }, /unsupported plan format_version 2\.0/],
    ['a malformed change', { format_version: '1.2', resource_changes: [{ address: 'x' }] }, /resource_changes\[0\]/],
  ])('rejects %s', (_label, json, message) => {
    expect(() => parsePlan(json)).toThrow(PlanFormatError);
    expect(() => parsePlan(json)).toThrow(message);
  });
});

describe('plan-guard CLI', () => {
  const runCli = (...args: string[]) => spawnSync(
    process.execPath, ['--require', REGISTER_TS, 'scripts/plan-guard.ts', ...args],
    { cwd: repoRoot, encoding: 'utf8' },
  );

  it('exits 0 for a safe plan and writes the summary file', () => {
    const summaryFile = path.join(mkdtempSync(path.join(tmpdir(), 'plan-guard-')), 'summary.md');
    const run = runCli(fixturePath('safe'), '--summary-file', summaryFile);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('## ✅ Plan guard: passed');
    expect(readFileSync(summaryFile, 'utf8')).toBe(run.stdout);
  });

  it('exits 1 when a protected resource is replaced and no --allow covers it', () => {
    const blocked = runCli(fixturePath('replace-workspace'), '--allow', 'aws_s3_bucket.other');
    expect(blocked.status).toBe(1);
    expect(blocked.stdout).toContain('## ❌ Plan guard: 1 blocked change');
  });

  it('exits 2 with a one-line message for input that is not a plan', () => {
    const run = runCli(fixturePath('state-not-a-plan'));
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^plan-guard: .*state-not-a-plan\.json: not a Terraform plan: resource_changes is missing/),
    ]);
  });
});
