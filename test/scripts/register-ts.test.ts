import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { REGISTER_TS } from '../support/paths';

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
