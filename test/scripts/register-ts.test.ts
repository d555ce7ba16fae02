import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { REGISTER_TS, REPO_ROOT } from '../support/paths';

// The app's and scripts' loader: stack traces name TypeScript lines without BLUEPRINT_DEBUG.
const file = path.join(mkdtempSync(path.join(tmpdir(), 'register-ts-')), 'thrower.ts');
writeFileSync(file, [
  'interface Shape {', '  readonly side: number;', '}', '', 'type Alias = Shape;', '',
  'export function fail(shape: Alias): never {', "  throw new Error(`bad side ${shape.side}`);", '}', '', 'fail({ side: 2 });', '',
].join('\n'));
const run = (env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['--require', REGISTER_TS, file], { encoding: 'utf8', env: { ...process.env, ...env } });

it.each([['by default', {}], ['with BLUEPRINT_DEBUG=1', { BLUEPRINT_DEBUG: '1' }]])('maps frames to TypeScript lines %s', (_how, env) => {
  const { status, stderr } = run(env);
  expect(status).toBe(1);
  expect(stderr).toContain('Error: bad side 2');
  expect(stderr).toContain(`at fail (${file}:8:9)`);
  expect(stderr).toContain(`(${file}:11:1)`);
});

/** A genuine bug (not bad input) in a TypeScript file that SWC shifts: types and imports drop lines. */
const BUG = [
  "import type { Construct } from 'constructs';",
  "import { join } from 'node:path';",
  `import { applyCreationStackSetting, configureSynthRuntime } from ${JSON.stringify(path.join(REPO_ROOT, 'stacks', 'synth-runtime'))};`,
  '',
  'interface Props { readonly scope?: Construct; readonly name: string }',
  '',
  // On line 7 with the calls (as synthesizeConfig makes them): cdktf's capture of a creation stack walks no frames.
  `configureSynthRuntime(); applyCreationStackSetting(); let walks = 0; const capture = Error.captureStackTrace; Error.captureStackTrace = (...args) => { walks += 1; capture(...args); }; console.log(JSON.stringify(require(${JSON.stringify(path.join(REPO_ROOT, 'node_modules', 'cdktf', 'lib', 'tokens', 'private', 'stack-trace'))}).captureStackTrace()), walks);`,
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
  const result = spawnSync(process.execPath, ['--require', REGISTER_TS, file], { cwd: REPO_ROOT, encoding: 'utf8' });
  expect(result.status).not.toBe(0);
  expect(result.stdout).toBe('[] 0\n');
  const frames = result.stderr.split('\n').filter((line) => line.trimStart().startsWith('at '));
  expect(frames[0].trim()).toBe(`at build (${file}:9:9)`);
  expect(frames[1].trim()).toBe(`at Object.<anonymous> (${file}:12:1)`);
});
