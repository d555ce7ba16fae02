import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { writeEnvironmentsDir } from '../support/environment-files';
import { accountFixture, environmentFixture } from '../support/fixtures';
import { REGISTER_TS, REPO_ROOT } from '../support/paths';

// `npm run synth` (scripts/synth.ts) on a fixture set: the cdktf.out layout `cdktf synth` writes.
const environments = writeEnvironmentsDir(accountFixture(), { alpha: environmentFixture('alpha'), beta: environmentFixture('beta') });
const outdir = path.join(mkdtempSync(path.join(tmpdir(), 'synth-')), 'cdktf.out');
mkdirSync(path.join(outdir, 'stacks', 'removed-environment'), { recursive: true });
writeFileSync(path.join(outdir, 'stacks', 'removed-environment', 'cdk.tf.json'), '{}');
const run = (env: Record<string, string>) =>
  spawnSync(process.execPath, ['--require', REGISTER_TS, path.join(REPO_ROOT, 'scripts', 'synth.ts')], {
    cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1', ...env },
  });
const result = run({ BLUEPRINT_ENVIRONMENTS_DIR: environments, CDKTF_OUTDIR: outdir });

it('writes manifest.json and one cdk.tf.json per stack, and says which', () => {
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  expect(result.stdout).toMatch(/^Generated Terraform code for the stacks: account, alpha, beta, bootstrap in /);
  const manifest = JSON.parse(readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
  expect(Object.keys(manifest.stacks).sort()).toEqual(['account', 'alpha', 'beta', 'bootstrap']);
  for (const [name, stack] of Object.entries<any>(manifest.stacks)) {
    expect(stack).toMatchObject({ name, synthesizedStackPath: `stacks/${name}/cdk.tf.json`, workingDirectory: `stacks/${name}` });
    expect(JSON.parse(readFileSync(path.join(outdir, stack.synthesizedStackPath), 'utf8')).terraform).toBeDefined();
  }
});

it('removes the folder of a stack the app no longer creates, as cdktf synth does', () => {
  expect(readdirSync(path.join(outdir, 'stacks')).sort()).toEqual(['account', 'alpha', 'beta', 'bootstrap']);
});

it('a bad environment file: one screen, exit 1, nothing written', () => {
  const bad = writeEnvironmentsDir(accountFixture(), { alpha: { ...environmentFixture('alpha'), protekt: true } });
  const empty = path.join(mkdtempSync(path.join(tmpdir(), 'synth-')), 'cdktf.out');
  const failed = run({ BLUEPRINT_ENVIRONMENTS_DIR: bad, CDKTF_OUTDIR: empty });
  expect(failed.status).toBe(1);
  expect(failed.stderr).toMatch(/^Invalid configuration:\n {2}- environment "alpha" \(\S*alpha\.json\): protekt: unknown field/);
  expect(failed.stderr).not.toMatch(/\n\s+at /);
  expect(existsSync(empty)).toBe(false);
});
