/**
 * The app as cdktf runs it (a spawned process), given a bad environment file: one short screen, exit 1,
 * nothing written. Kept apart from load-config.test.ts, whose loader specifications are pure and run in
 * the environments mutation group.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { writeEnvironmentsDir } from '../support/environment-files';
import { loadConfigFixtureInputs as fixtureInputs } from '../support/load-config-fixture';
import { REPO_ROOT } from '../support/paths';

describe('the app (cdktf.json "app", what cdktf synth/diff/deploy run) with a bad environment file', () => {
  test('prints one short screen naming environment and field, exits 1 and synthesizes nothing', () => {
    const { account, environments } = fixtureInputs();
    environments.alpha.network.privateSubnets[0].cidr = '10.99.0.0/19';
    const dir = writeEnvironmentsDir(account, environments);
    const outdir = path.join(dir, 'out');
    // Lists, at exit, which of the libraries that take a second to load the process loaded.
    const loaded = path.join(dir, 'loaded.json');
    const probe = path.join(dir, 'probe.cjs');
    writeFileSync(probe, `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(loaded)}, JSON.stringify(Object.keys(require.cache).filter((file) => /node_modules\\/(cdktf|@cdktf)\\//.test(file)))));\n`);
    // The command exactly as cdktf.json gives it to the CLI, run from the repository root as the CLI does.
    const [command, ...args] = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'cdktf.json'), 'utf8')).app as string).split(' ');
    const result = spawnSync(command === 'node' ? process.execPath : command, args, {
      cwd: REPO_ROOT,
      env: { ...process.env, BLUEPRINT_ENVIRONMENTS_DIR: dir, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: '1', NODE_OPTIONS: `--require ${probe}` },
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `Invalid configuration:\n  - environment "alpha" (${path.relative(REPO_ROOT, path.join(dir, 'alpha.json'))}): network.privateSubnets.0.cidr: 10.99.0.0/19 is outside the VPC CIDR 10.1.0.0/16\n` +
        `Nothing was written; ${path.relative(REPO_ROOT, outdir)} is unchanged.\n`,
    );
    expect(existsSync(outdir)).toBe(false);
    expect(existsSync(path.join(dir, 'cdktf.out'))).toBe(false);
    // Reported before cdktf and the providers load (main.ts defers stacks/app.ts).
    expect(JSON.parse(readFileSync(loaded, 'utf8'))).toEqual([]);
  });
});
