import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import account from '../../environments/account';
import dev from '../../environments/dev';
import prod from '../../environments/prod';
import staging from '../../environments/staging';
import type { AccountInput, EnvironmentInput } from '../../environments/schema';

/** Deep copies of the example inputs, safe to mutate in a test. */
export function exampleInputs(): { account: AccountInput; environments: Record<string, EnvironmentInput> } {
  return structuredClone({ account, environments: { dev, staging, prod } });
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
