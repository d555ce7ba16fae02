import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

// scripts/export-terraform-variables.cjs, the workflows' step that hands secrets to Terraform: the apply-time
// TF_VAR_* secrets, and the plan-time placeholders for the sensitive variables.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { exportVariables, exportPlanPlaceholders } = require('../../scripts/export-terraform-variables.cjs') as {
  exportVariables: (json: string, envFile: string, log: (line: string) => void) => string[];
  exportPlanPlaceholders: (stackJsonFile: string, envFile: string, log: (line: string) => void) => string[];
};

describe('export-terraform-variables', () => {
  test('exports only TF_VAR_* secrets, masked, as GITHUB_ENV heredocs', () => {
    const envFile = path.join(mkdtempSync(path.join(tmpdir(), 'gh-env-')), 'env');
    writeFileSync(envFile, '');
    const logged: string[] = [];
    const secrets = { TF_VAR_secret_pipelines_api_key: 'fake-api-key-value', DATABRICKS_CLIENT_SECRET: 'not-exported', TF_VAR_multi: 'line1\nline2', github_token: 'x' };
    expect(exportVariables(JSON.stringify(secrets), envFile, (line) => logged.push(line))).toEqual(['TF_VAR_secret_pipelines_api_key', 'TF_VAR_multi']);
    expect(logged).toEqual([
      '::add-mask::fake-api-key-value',
      '::add-mask::line1',
      '::add-mask::line2',
      'exported 2 Terraform variable(s): TF_VAR_secret_pipelines_api_key, TF_VAR_multi',
    ]);
    const written = readFileSync(envFile, 'utf8');
    expect(written).toMatch(/^TF_VAR_secret_pipelines_api_key<<(EOF_[0-9a-f-]{36})\nfake-api-key-value\n\1\nTF_VAR_multi<<(EOF_[0-9a-f-]{36})\nline1\nline2\n\2\n$/);
    expect(written).not.toContain('not-exported');
  });

  test('an empty or missing secrets object exports nothing', () => {
    const envFile = path.join(mkdtempSync(path.join(tmpdir(), 'gh-env-')), 'env');
    writeFileSync(envFile, '');
    expect(exportVariables('', envFile, () => undefined)).toEqual([]);
    expect(readFileSync(envFile, 'utf8')).toBe('');
  });
});

const SCRIPT = path.join(__dirname, '../../scripts/export-terraform-variables.cjs');

function fixture(variables: Record<string, unknown>) {
  const dir = mkdtempSync(path.join(tmpdir(), 'plan-placeholders-'));
  const stackFile = path.join(dir, 'cdk.tf.json');
  const envFile = path.join(dir, 'env');
  writeFileSync(stackFile, JSON.stringify({ variable: variables }));
  writeFileSync(envFile, '');
  return { stackFile, envFile };
}

describe('plan placeholders for apply-time secrets', () => {
  it('gives every sensitive variable without a default a random, masked placeholder, and nothing else', () => {
    const { stackFile, envFile } = fixture({
      secret_b_key: { type: 'string', sensitive: true, nullable: false },
      secret_a_key: { type: 'string', sensitive: true },
      aws_role: { type: 'string', default: 'deploy' },
      with_default: { type: 'string', sensitive: true, default: 'x' },
      plain: { type: 'string' },
    });
    const logged: string[] = [];
    expect(exportPlanPlaceholders(stackFile, envFile, (line) => logged.push(line))).toEqual(['secret_a_key', 'secret_b_key']);
    const lines = readFileSync(envFile, 'utf8').trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/^TF_VAR_secret_a_key=plan-placeholder-[0-9a-f]{24}$/),
      expect.stringMatching(/^TF_VAR_secret_b_key=plan-placeholder-[0-9a-f]{24}$/),
    ]);
    // Each value is masked before it is written, and no two runs share one.
    for (const line of lines) expect(logged).toContain(`::add-mask::${line.split('=')[1]}`);
    expect(new Set(lines.map((line) => line.split('=')[1])).size).toBe(2);
  });

  it('runs from the prepare step with --plan-placeholders', () => {
    const { stackFile, envFile } = fixture({ secret_s_k: { type: 'string', sensitive: true } });
    const run = spawnSync(process.execPath, [SCRIPT, '--plan-placeholders', stackFile], { encoding: 'utf8', env: { ...process.env, GITHUB_ENV: envFile } });
    expect(run.status).toBe(0);
    expect(readFileSync(envFile, 'utf8')).toMatch(/^TF_VAR_secret_s_k=plan-placeholder-/);
  });
});
