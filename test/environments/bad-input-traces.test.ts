import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const repo = path.join(__dirname, '..', '..');
const loader = path.join(repo, 'scripts', 'register-ts.cjs');

/** A genuine bug (not bad input) in a TypeScript file that SWC shifts: types and imports drop lines. */
const BUG = [
  "import type { Construct } from 'constructs';",
  "import { join } from 'node:path';",
  `import { configureSynthRuntime } from ${JSON.stringify(path.join(repo, 'stacks', 'synth-runtime'))};`,
  '',
  'interface Props { readonly scope?: Construct; readonly name: string }',
  '',
  'configureSynthRuntime();',
  'export function build(props: Props): string {',
  '  throw new Error(`cannot build ${join(props.name, "x")}`); // line 9',
  '}',
  '',
  'build({ name: "a" });',
].join('\n');

test('the app loader reports TypeScript line numbers in the stack of a real error, also after synth-runtime', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'blueprint-trace-'));
  const file = path.join(dir, 'bug.ts');
  writeFileSync(file, BUG);
  const result = spawnSync(process.execPath, ['--require', loader, file], { cwd: repo, encoding: 'utf8' });
  expect(result.status).not.toBe(0);
  const frames = result.stderr.split('\n').filter((line) => line.trimStart().startsWith('at '));
  expect(frames[0].trim()).toBe(`at build (${file}:9:9)`);
  expect(frames[1].trim()).toBe(`at Object.<anonymous> (${file}:12:1)`);
});
