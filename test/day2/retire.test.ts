import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ConfigError, loadConfig, type LoadedConfig } from '../../environments';
import { readLocks, writeLock } from '../../environments/lib/address-lock-files';
import { validateRetirements } from '../../environments/lib/validate-retired';
import { PROTECTED_RESOURCE_TYPES } from '../../constructs/stateful-types';
import { statefulAddresses, updateLock, type SynthesizedStack } from '../../scripts/lib/address-lock';
import { retirementPlan, type RetireStack } from '../../scripts/lib/retirement';
import { exampleInputs, writeEnvironmentsDir } from '../support/environment-files';
import { runScript } from '../support/run-script';
import { exampleConfig, resourcesOf, synthApp, type Synthesized } from '../support/synth';


/** Example environments in a temporary folder, with a lock per stack as lock:update writes it. */
function lockedExampleDir(change: (inputs: ReturnType<typeof exampleInputs>) => void = () => undefined): { dir: string; stacks: Record<string, Synthesized> } {
  const inputs = exampleInputs();
  change(inputs);
  const dir = writeEnvironmentsDir(inputs.account, inputs.environments);
  const config = loadConfig(dir);
  const stacks = synthApp(config);
  for (const [name, stack] of Object.entries(stacks)) {
    const retired = config.environments.find((env) => env.name === name)?.retired ?? false;
    writeLock(dir, updateLock(name, stack as unknown as SynthesizedStack, undefined, retired).lock);
  }
  return { dir, stacks };
}

/** The example environments with locks that only record which environments exist (no synthesis). */
function knownExampleDir(retiredName?: string): string {
  const inputs = exampleInputs();
  const dir = writeEnvironmentsDir(inputs.account, inputs.environments);
  for (const name of Object.keys(inputs.environments)) writeLock(dir, { stack: name, retired: name === retiredName, addresses: [] });
  return dir;
}

/** An example environment that may retire without handing anything over first (derived, not named). */
function retirableName(): string {
  const { account, environments } = exampleConfig();
  const candidate = environments.find((env) => validateRetirements(account, environments.map((e) => (e === env ? { ...e, retired: true } : e))).length === 0);
  if (!candidate) throw new Error('no example environment can retire without a hand-over');
  return candidate.name;
}

const stateful = (stack: Synthesized) => statefulAddresses(stack as unknown as SynthesizedStack).map((address) => {
  const [type, name] = address.split('.');
  return stack.resource[type][name];
});

describe('retiring an example environment', () => {
  const name = retirableName();
  const { dir, stacks } = lockedExampleDir((inputs) => { (inputs.environments[name] as { retired?: boolean }).retired = true; });
  const config: LoadedConfig = loadConfig(dir);
  const before = synthApp(exampleConfig());
  const retired = config.environments.find((env) => env.name === name)!;

  test('lifts destroy protection for that environment only', () => {
    expect(retired.protect).toBe(false);
    for (const resource of stateful(stacks[name])) expect((resource.lifecycle as any)?.prevent_destroy).toBeUndefined();
    for (const other of config.environments.filter((env) => env.name !== name)) {
      expect(stacks[other.name]).toEqual(before[other.name]);
    }
  });

  test('keeps the deletion window its keys had while protected', () => {
    const windows = (stack: Synthesized) => resourcesOf(stack, 'aws_kms_key').map(([, key]) => key.deletion_window_in_days);
    expect(windows(stacks[name])).toEqual(windows(before[name]));
  });

  test('the lock must record the retirement, and lock:update does', () => {
    const lock = readLocks(dir).get(name)!;
    expect(lock.retired).toBe(true);
    expect(lock.addresses).toEqual(statefulAddresses(stacks[name] as unknown as SynthesizedStack));
  });

  test('produces the allowance from the lock and destroys workspace objects, then account objects, then the rest', () => {
    const stack = stacks[name] as unknown as RetireStack;
    const lock = readLocks(dir).get(name)!;
    const plan = retirementPlan(name, stack, lock, { stateBucket: config.account.state.bucket, stateKey: retired.stateKey });
    // The allowance covers the lock and every other type the plan guard blocks on delete.
    expect(plan.allow).toEqual(statefulAddresses(stacks[name] as unknown as SynthesizedStack, PROTECTED_RESOURCE_TYPES));
    expect(plan.allow).toEqual(expect.arrayContaining(lock.addresses));
    const byProvider = (provider: string) => Object.entries(stack.resource ?? {})
      .flatMap(([type, byName]) => Object.entries(byName).filter(([, r]) => r.provider === provider).map(([n]) => `${type}.${n}`)).sort();
    expect(plan.phases.map((phase) => phase.targets)).toEqual([byProvider('databricks.workspace'), byProvider('databricks.account'), []]);
    expect(plan.phases[0].targets.length).toBeGreaterThan(0);
    expect(plan.phases[1].targets).toContain(statefulAddresses(stacks[name] as unknown as SynthesizedStack).find((a) => a.startsWith('databricks_mws_workspaces.')));
    expect(plan.kept.join('\n')).toContain(`s3://${config.account.state.bucket}/${retired.stateKey}`);
  });

  test('npm run retire prints the order and writes the allowance file', () => {
    const allowFile = path.join(dir, 'allow.txt');
    // In-process; test/day2/retire-pipeline.test.ts runs the tool in a process of its own.
    const { status, stdout: output } = runScript('retire', [name, '--allow-file', allowFile], { BLUEPRINT_ENVIRONMENTS_DIR: dir });
    expect(status).toBe(0);
    expect(output).toContain(`## Retiring stack \`${name}\``);
    expect(readFileSync(allowFile, 'utf8').trim().split('\n')).toEqual(statefulAddresses(stacks[name] as unknown as SynthesizedStack, PROTECTED_RESOURCE_TYPES));
  }, 60_000);
});

describe('deleting an environment file', () => {
  const name = retirableName();

  test('without retiring it first is refused, naming the procedure', () => {
    const dir = knownExampleDir();
    rmSync(path.join(dir, `${name}.json`));
    expect(() => loadConfig(dir)).toThrow(ConfigError);
    expect(() => loadConfig(dir)).toThrow(new RegExp(`environment "${name}".*Retire it first: restore the file, set \`retired: true\``));
  });

  test('after retiring it (the lock records retired: true) is accepted', () => {
    const dir = knownExampleDir(name);
    rmSync(path.join(dir, `${name}.json`));
    expect(loadConfig(dir).environments.map((env) => env.name)).not.toContain(name);
  });

  test('a corrupt lock file is a configuration error naming the file', () => {
    const dir = knownExampleDir();
    writeFileSync(path.join(dir, 'address-lock', `${name}.json`), '{ not json');
    expect(() => loadConfig(dir)).toThrow(/address-lock.*not valid JSON/);
  });
});

describe('retirement rules', () => {
  const { account, environments } = exampleConfig();
  const [first] = environments;
  // Spec fixture: two environments sharing a region; the owner claims its system schemas.
  const owner = {
    ...first, name: 'aaa-owner', retired: true,
    unityCatalog: { ...first.unityCatalog, enablesSystemSchemas: true },
    nodeTrafficEncryption: { ...first.nodeTrafficEncryption, volumePath: undefined },
  };
  const neighbour = { ...first, name: 'zzz-neighbour', unityCatalog: { ...first.unityCatalog, enablesSystemSchemas: false } };
  const fixtureAccount = { ...account, systemSchemas: { ...account.systemSchemas, environments: {} } };

  test('an environment that enables its region\'s system schemas for neighbours hands them over first', () => {
    const problems = validateRetirements(fixtureAccount, [owner, neighbour]);
    expect(problems).toEqual([expect.stringContaining(`account.systemSchemas.environments["${first.aws.region}"] = "zzz-neighbour"`)]);
  });

  test('the last environment of a region retires without a hand-over', () => {
    expect(validateRetirements(fixtureAccount, [owner])).toEqual([]);
  });

  test('an environment delivering its init script from a volume retires without a hand-over: the metastore owner holds its entry', () => {
    const scriptUser = { ...neighbour, name: 'bbb', retired: true, nodeTrafficEncryption: { ...first.nodeTrafficEncryption, enabled: true, mode: 'init-script' as const, volumePath: '/Volumes/x/y/z' } };
    expect(validateRetirements(fixtureAccount, [{ ...owner, retired: false }, scriptUser])).toEqual([]);
  });
});
