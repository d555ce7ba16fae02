import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { AccountInput, EnvironmentInput } from '../../environments/schema';

const EXAMPLES = path.join(__dirname, '..', '..', 'environments');

/**
 * Deep copies of the example inputs (every data file in environments/, whatever their names), safe
 * to mutate in a test. For example tests only: specification tests build fixtures (./fixtures).
 */
export function exampleInputs(): { account: AccountInput; environments: Record<string, EnvironmentInput> } {
  const data = (file: string) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const loaded = require(path.join(EXAMPLES, file));
    return file.endsWith('.json') ? loaded : loaded.default;
  };
  const files = readdirSync(EXAMPLES).filter((f) => /\.(ts|json)$/.test(f) && !f.endsWith('.d.ts') && !['index', 'schema'].includes(path.parse(f).name));
  const accountFile = files.find((f) => path.parse(f).name === 'account')!;
  const environments = Object.fromEntries(files.filter((f) => f !== accountFile).map((f) => [path.parse(f).name, data(f) as EnvironmentInput]));
  return structuredClone({ account: data(accountFile) as AccountInput, environments });
}

/** Writes account.json and <name>.json files into a fresh temporary folder and returns it. */
export function writeEnvironmentsDir(accountInput: unknown, environments: Record<string, unknown>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'blueprint-env-'));
  writeFileSync(path.join(dir, 'account.json'), JSON.stringify(accountInput));
  for (const [file, content] of Object.entries(environments)) {
    writeFileSync(path.join(dir, `${file}.json`), JSON.stringify(content));
  }
  return dir;
}
