import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const root = path.join(__dirname, '..');

// The fixtures are excluded from `npm run lint`; one eslint process lints both (flat config needs its own process).
const result = spawnSync(process.execPath, [path.join(root, 'node_modules', 'eslint', 'bin', 'eslint.js'), '--no-ignore', '--format', 'json', 'test/fixtures/lint'], {
  cwd: root,
  encoding: 'utf8',
});
const reports = JSON.parse(result.stdout) as { filePath: string; messages: { ruleId: string; message: string }[] }[];

function restrictedImportMessages(fixture: string): string[] {
  const report = reports.find((r) => path.basename(r.filePath) === fixture)!;
  return report.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('lint rules', () => {
  test('forbid root imports of the provider packages', () => {
    expect(restrictedImportMessages('root-import.ts')).toEqual([
      "'@cdktf/provider-aws' import is restricted from being used. Import from '@cdktf/provider-aws/lib/<resource>' instead of the package root.",
      "'@cdktf/provider-databricks' import is restricted from being used. Import from '@cdktf/provider-databricks/lib/<resource>' instead of the package root.",
    ]);
  });

  test('allow deep imports', () => {
    expect(restrictedImportMessages('deep-import.ts')).toEqual([]);
  });
});
