import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { writeEnvironmentsDir } from '../support/environment-files';
import { accountFixture, environmentFixture } from '../support/fixtures';
import { loadConfigFixtureInputs as fixtureInputs } from '../support/load-config-fixture';
import { cdktfNestedFiles, cdktfNestedPackages, loadedFiles, reportingLoadedModules } from '../support/loaded-modules';
import { REPO_ROOT } from '../support/paths';
import { runScriptProcess } from '../support/run-script';

// The two ways the app runs, each in a process of its own: `npm run synth` (scripts/synth.ts) on a fixture
// set, which writes the cdktf.out layout `cdktf synth` writes; and the app command of cdktf.json (what cdktf
// synth/diff/deploy run) on a bad environment file.
// One environment: the layout is per stack, and each process start costs about a second of CPU.
const environments = writeEnvironmentsDir(accountFixture(), { alpha: environmentFixture('alpha') });
const outdir = path.join(mkdtempSync(path.join(tmpdir(), 'synth-')), 'cdktf.out');
mkdirSync(path.join(outdir, 'stacks', 'removed-environment'), { recursive: true });
writeFileSync(path.join(outdir, 'stacks', 'removed-environment', 'cdk.tf.json'), '{}');
// `npm run synth`: the command line package.json gives, without npm.
const run = (env: Record<string, string>) => runScriptProcess('synth', [], { env });
const loadedBySynth = path.join(path.dirname(outdir), 'loaded.json');
const result = run({ BLUEPRINT_ENVIRONMENTS_DIR: environments, CDKTF_OUTDIR: outdir, ...reportingLoadedModules(loadedBySynth) });

it('writes manifest.json and one cdk.tf.json per stack, and says which', () => {
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  expect(result.stdout).toMatch(/^Generated Terraform code for the stacks: account, alpha, bootstrap in /);
  const manifest = JSON.parse(readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
  expect(Object.keys(manifest.stacks).sort()).toEqual(['account', 'alpha', 'bootstrap']);
  for (const [name, stack] of Object.entries<any>(manifest.stacks)) {
    expect(stack).toMatchObject({ name, synthesizedStackPath: `stacks/${name}/cdk.tf.json`, workingDirectory: `stacks/${name}` });
    expect(JSON.parse(readFileSync(path.join(outdir, stack.synthesizedStackPath), 'utf8')).terraform).toBeDefined();
  }
});

it('removes the folder of a stack the app no longer creates, as cdktf synth does', () => {
  expect(readdirSync(path.join(outdir, 'stacks')).sort()).toEqual(['account', 'alpha', 'bootstrap']);
});

it('loads neither archiver nor semver, which cdktf loads and the app never calls (stacks/deferred-modules.ts)', () => {
  const nested = cdktfNestedFiles(loadedFiles(loadedBySynth));
  const packages = cdktfNestedPackages(loadedFiles(loadedBySynth));
  expect(packages.length).toBeGreaterThan(0);
  // Each is only its stand-in; none of archiver's own dependencies loaded.
  for (const library of ['archiver', 'semver']) expect(nested.filter((file) => file.startsWith(`${library}/`))).toHaveLength(1);
  for (const dependency of ['archiver-utils', 'zip-stream']) expect(packages).not.toContain(dependency);
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

describe('the app (cdktf.json "app", what cdktf synth/diff/deploy run) with a bad environment file', () => {
  test('prints one short screen naming environment and field, exits 1 and synthesizes nothing', () => {
    const { account, environments } = fixtureInputs();
    environments.alpha.network.privateSubnets[0].cidr = '10.99.0.0/19';
    const dir = writeEnvironmentsDir(account, environments);
    const outdir = path.join(dir, 'out');
    const loaded = path.join(dir, 'loaded.json');
    // The command exactly as cdktf.json gives it to the CLI, run from the repository root as the CLI does.
    const [command, ...args] = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'cdktf.json'), 'utf8')).app as string).split(' ');
    const result = spawnSync(command === 'node' ? process.execPath : command, args, {
      cwd: REPO_ROOT,
      env: { ...process.env, BLUEPRINT_ENVIRONMENTS_DIR: dir, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: '1', ...reportingLoadedModules(loaded) },
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
    // Reported before cdktf and the providers, the libraries that take a second to load (main.ts defers stacks/app.ts).
    expect(loadedFiles(loaded).filter((file) => /node_modules\/(cdktf|@cdktf)\//.test(file))).toEqual([]);
  });
});

test('every command that synthesizes starts Node with the options of `npm run synth` (docs/performance.md, item 5)', () => {
  const optionsOf = (line: string) => line.slice(line.indexOf('node ') + 'node '.length, line.indexOf(' --require'));
  const scripts = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const app = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'cdktf.json'), 'utf8')) as { app: string }).app;
  const handOver = readFileSync(path.join(REPO_ROOT, 'scripts', 'migrate-bootstrap-state.sh'), 'utf8').split('\n').filter((line) => / node .*--require/.test(line));
  expect(handOver).toHaveLength(1);
  const synthOptions = optionsOf(scripts.synth);
  expect(synthOptions).toMatch(/^--max-semi-space-size=\d+$/);
  expect([scripts.retire, scripts.adopt, scripts['lock:update'], app, handOver[0]].map(optionsOf)).toEqual(Array(5).fill(synthOptions));
});
