import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadConfig } from '../../environments';
import { writeEnvironmentsDir } from '../support/environment-files';
import { accountFixture, environmentFixture } from '../support/fixtures';
import { synthApp } from '../support/synth';

const ROOT = path.join(__dirname, '..', '..');
const SCRIPT = path.join(ROOT, 'scripts', 'migrate-bootstrap-state.sh');

/** A fixture account (one environment) whose account file selects the given bootstrap backend. */
function environmentsWith(backend: 'local' | 's3', environments: Record<string, unknown> = { alpha: environmentFixture('alpha') }): string {
  return writeEnvironmentsDir(accountFixture({ state: { bootstrapBackend: backend } }), environments);
}

describe('bootstrap backend switch', () => {
  test('local by default: the state file lives in the stack folder under cdktf.out', () => {
    const stacks = synthApp(loadConfig(environmentsWith('local')), { only: ['bootstrap'] });
    expect(stacks.bootstrap.terraform.backend).toEqual({ local: { path: 'terraform.bootstrap.tfstate' } });
  });

  test('s3 after the hand-over: the bootstrap state sits in the bucket it manages, encrypted, locked', () => {
    const config = loadConfig(environmentsWith('s3'));
    const { s3 } = (synthApp(config, { only: ['bootstrap'] }).bootstrap.terraform as { backend: { s3: Record<string, unknown> } }).backend;
    expect(s3).toMatchObject({
      bucket: config.account.state.bucket,
      key: `${config.account.state.keyPrefix}/bootstrap.tfstate`,
      region: config.account.state.region,
      encrypt: true,
      use_lockfile: true,
    });
    expect(s3.kms_key_id).toMatch(/^arn:aws:kms:.+:alias\//);
  });
});

/** A sandbox as an operator's machine: a stack folder with the local state and a fake terraform on PATH. */
function sandbox(backend: 'local' | 's3', withState = true, environments?: Record<string, unknown>) {
  const root = mkdtempSync(path.join(tmpdir(), 'blueprint-handover-'));
  const outdir = path.join(root, 'cdktf.out');
  const stackDir = path.join(outdir, 'stacks', 'bootstrap');
  mkdirSync(stackDir, { recursive: true });
  const state = { version: 4, serial: 3, lineage: 'fixture', resources: [{ mode: 'managed', type: 'aws_s3_bucket', name: 'state-bucket', instances: [] }] };
  if (withState) writeFileSync(path.join(stackDir, 'terraform.bootstrap.tfstate'), JSON.stringify(state));
  const bin = path.join(root, 'bin');
  mkdirSync(bin);
  const log = path.join(root, 'terraform.log');
  const remote = path.join(root, 'remote.tfstate');
  // Records each call; `state push` stores the file as the remote state, `state list` reads it back.
  writeFileSync(path.join(bin, 'terraform'), [
    '#!/usr/bin/env bash',
    'set -euo pipefail',
    `echo "$*" >> '${log}'`,
    'case "$*" in',
    `  *"state push "*) cp "\${@: -1}" '${remote}' ;;`,
    // The pushed state is the fixture's compact JSON: "type" then "name" in each resource.
    `  *"state list"*) grep -o '"type":"[^"]*","name":"[^"]*"' '${remote}' | sed -E 's/"type":"([^"]*)","name":"([^"]*)"/\\1.\\2/' ;;`,
    'esac',
    '',
  ].join('\n'));
  chmodSync(path.join(bin, 'terraform'), 0o755);
  const run = () => spawnSync('bash', [SCRIPT], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, BLUEPRINT_OUTDIR: outdir, BLUEPRINT_ENVIRONMENTS_DIR: environmentsWith(backend, environments) },
  });
  const calls = () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []);
  return { stackDir, state, remote, run, calls };
}

describe('npm run bootstrap:migrate-state', () => {
  test('backs up the local state, switches to the S3 backend and pushes the state there', () => {
    const box = sandbox('s3');
    const result = box.run();
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const backups = readdirSync(box.stackDir).filter((file) => file.endsWith('.backup'));
    expect(backups).toHaveLength(1);
    expect(JSON.parse(readFileSync(path.join(box.stackDir, backups[0]), 'utf8'))).toEqual(box.state);
    expect(JSON.parse(readFileSync(path.join(box.stackDir, 'cdk.tf.json'), 'utf8')).terraform.backend.s3).toBeDefined();
    expect(box.calls()).toEqual([
      `-chdir=${box.stackDir} init -input=false -reconfigure`,
      `-chdir=${box.stackDir} state push ${path.join(box.stackDir, backups[0])}`,
      `-chdir=${box.stackDir} state list`,
    ]);
    expect(JSON.parse(readFileSync(box.remote, 'utf8'))).toEqual(box.state);
  }, 120_000);

  test('refuses while the bootstrap stack still has the local backend, and changes nothing', () => {
    const box = sandbox('local');
    const result = box.run();
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/set state\.bootstrapBackend: 's3' in environments\/account\.ts first/);
    expect(box.calls()).toEqual([]);
    // Refused before anything was backed up or synthesized.
    expect(readdirSync(box.stackDir)).toEqual(['terraform.bootstrap.tfstate']);
    expect(JSON.parse(readFileSync(path.join(box.stackDir, 'terraform.bootstrap.tfstate'), 'utf8'))).toEqual(box.state);
  }, 120_000);

  test('refuses a bad environment file with its one-screen message, and changes nothing', () => {
    const box = sandbox('s3', true, { alpha: { ...environmentFixture('alpha'), protekt: true } });
    const result = box.run();
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^Invalid configuration:\n {2}- environment "alpha" \(\S*alpha\.json\): protekt: unknown field/);
    expect(result.stderr).toMatch(/\nbootstrap:migrate-state: fix the environment files first \(the local state is untouched\)\n$/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(box.calls()).toEqual([]);
    expect(readdirSync(box.stackDir)).toEqual(['terraform.bootstrap.tfstate']);
  }, 120_000);

  test.each([
    ['holds no state bucket', JSON.stringify({ version: 4, resources: [{ mode: 'data', type: 'aws_s3_bucket', name: 'looked-up', instances: [] }] })],
    ['is not JSON', 'not a state'],
  ])('refuses a local state file that %s (not the bootstrap state), and changes nothing', (_label, content) => {
    const box = sandbox('s3');
    const stateFile = path.join(box.stackDir, 'terraform.bootstrap.tfstate');
    writeFileSync(stateFile, content);
    const result = box.run();
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/terraform\.bootstrap\.tfstate is not the bootstrap state \(no aws_s3_bucket in it\); nothing was changed\n$/);
    expect(box.calls()).toEqual([]);
    expect(readdirSync(box.stackDir)).toEqual(['terraform.bootstrap.tfstate']);
    expect(readFileSync(stateFile, 'utf8')).toBe(content);
  }, 120_000);

  test('refuses without a local state file, before calling terraform', () => {
    const box = sandbox('s3', false);
    const result = box.run();
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/no local state at .*terraform\.bootstrap\.tfstate: deploy bootstrap first/);
    expect(box.calls()).toEqual([]);
  });
});
