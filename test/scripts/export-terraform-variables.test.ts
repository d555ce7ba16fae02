import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { exportVariables } = require('../../scripts/export-terraform-variables.cjs') as {
  exportVariables: (json: string, envFile: string, log: (line: string) => void) => string[];
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
