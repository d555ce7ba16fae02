import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadConfig } from '../../environments';
import { readLocks, writeLock } from '../../environments/lib/address-lock-files';
import { updateLock, type SynthesizedStack } from '../../scripts/lib/address-lock';
import { allowanceFileName, parseAllowance, renderAllowance, retirementPlan, type RetireStack } from '../../scripts/lib/retirement';
import { accountFixture, environmentFixture } from '../support/fixtures';
import { writeEnvironmentsDir } from '../support/environment-files';
import { REPO_ROOT } from '../support/paths';
import { runScript, runScriptProcess } from '../support/run-script';
import { synthApp } from '../support/synth';

// Fixture: "alpha" retired and alone in its region (no hand-over), "beta" active in another region.
const OTHER_REGION = 'eu-central-1';
const dir = writeEnvironmentsDir(accountFixture({ metastoreRegions: ['us-east-2', OTHER_REGION] }), {
  alpha: environmentFixture('alpha', { retired: true }),
  beta: environmentFixture('beta', { aws: { region: OTHER_REGION } }),
});
const config = loadConfig(dir);
const stacks = synthApp(config);
for (const [name, stack] of Object.entries(stacks)) {
  const retired = config.environments.find((env) => env.name === name)?.retired ?? false;
  writeLock(dir, updateLock(name, stack as unknown as SynthesizedStack, undefined, retired).lock);
}
const alpha = config.environments.find((env) => env.name === 'alpha')!;
const plan = retirementPlan('alpha', stacks.alpha as unknown as RetireStack, readLocks(dir).get('alpha')!, { stateBucket: config.account.state.bucket, stateKey: alpha.stateKey });
const allowanceFile = path.join(dir, allowanceFileName('alpha'));

// The first run is `npm run retire` end to end, in a process of its own; the others run it in this one.
const retireProcess = (...args: string[]) => runScriptProcess('retire', args, { env: { BLUEPRINT_ENVIRONMENTS_DIR: dir } });
const retire = (...args: string[]) => runScript('retire', args, { BLUEPRINT_ENVIRONMENTS_DIR: dir });

describe('npm run retire for the pipeline', () => {
  it('writes the allowance file the retire workflow reads, then prints a phase\'s targets after verifying it', () => {
    const written = retireProcess('alpha');
    expect([written.status, written.stderr]).toEqual([0, '']);
    expect(written.stdout).toContain(`Wrote ${path.relative(REPO_ROOT, allowanceFile)}`);
    expect(parseAllowance(readFileSync(allowanceFile, 'utf8'))).toEqual(plan.allow);
    const targets = retire('alpha', '--phase-targets', '1');
    expect([targets.status, targets.stderr]).toEqual([0, '']);
    expect(targets.stdout).toBe(plan.phases[0].targets.map((address) => `${address}\n`).join(''));
  }, 120_000);

  it('refuses a stale or missing allowance, and an environment that is not retired, with exit 2 and one line', () => {
    writeFileSync(allowanceFile, renderAllowance({ ...plan, allow: plan.allow.slice(1) }));
    const stale = retire('alpha', '--verify');
    expect(stale.status).toBe(2);
    expect(stale.stderr).toMatch(/retirements\/alpha\.allow is stale \(missing 1 guarded address\(es\) the destroy deletes: .*\): run npm run retire -- alpha again/);
    expect(stale.stdout).toBe('');
    rmSync(allowanceFile);
    const missing = retire('alpha', '--phase-targets', '2');
    expect([missing.status, missing.stdout]).toEqual([2, '']);
    expect(missing.stderr).toMatch(/retirements\/alpha\.allow is missing: run npm run retire -- alpha and commit the file/);
    const active = retire('beta', '--verify');
    expect(active.status).toBe(2);
    expect(active.stderr).toContain('environment "beta" is not retired');
    for (const result of [stale, missing, active]) expect(result.stderr.trim().split('\n')).toHaveLength(1);
  }, 120_000);
});
