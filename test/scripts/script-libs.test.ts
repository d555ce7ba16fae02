/**
 * Specifications of the address lock and the retirement plan on hand-written synthesized stacks
 * (plain Terraform JSON; no synthesis), so every branch is exercised independently of the examples.
 */
import { checkLock, LOCKED_RESOURCE_TYPES, statefulAddresses, updateLock, type SynthesizedStack } from '../../scripts/lib/address-lock';
import { phaseCommands, renderRetirement, retirementPlan, type RetireStack } from '../../scripts/lib/retirement';
import { Command } from 'commander';
import { PROTECTED_RESOURCE_TYPES, SECURITY_CONTROL_TYPES } from '../../constructs/stateful-types';
import { EXIT_USAGE, runCli } from '../../scripts/lib/cli';
import { captureCliOutput } from '../support/cli-capture';

const lockOf = (addresses: string[], retired = false) => ({ stack: 'fx', retired, addresses });
/** A stack of resources by address, each with its construct path in the cdktf metadata. */
function stackOf(addresses: string[], moved?: { from: string; to: string }[]): SynthesizedStack {
  const resource: NonNullable<SynthesizedStack['resource']> = {};
  for (const address of addresses) {
    const [type, name] = address.split('.');
    (resource[type] ??= {})[name] = { '//': { metadata: { path: `fx/${name}` } } };
  }
  return { resource, ...(moved ? { moved } : {}) };
}

describe('address lock', () => {
  it('pins stateful and binding types, never security controls', () => {
    expect(LOCKED_RESOURCE_TYPES).toContain('aws_s3_bucket');
    for (const type of SECURITY_CONTROL_TYPES) expect(LOCKED_RESOURCE_TYPES).not.toContain(type);
    expect(LOCKED_RESOURCE_TYPES).toEqual(PROTECTED_RESOURCE_TYPES.filter((type) => !SECURITY_CONTROL_TYPES.includes(type)));
  });

  it('lists the locked addresses of a stack, sorted, ignoring other types', () => {
    const stack = stackOf(['aws_s3_bucket.b', 'aws_vpc.v', 'aws_kms_key.k', 'aws_s3_bucket.a', 'aws_s3_bucket_policy.p']);
    expect(statefulAddresses(stack)).toEqual(['aws_kms_key.k', 'aws_s3_bucket.a', 'aws_s3_bucket.b']);
    expect(statefulAddresses(stack, ['aws_vpc'])).toEqual(['aws_vpc.v']);
    expect(statefulAddresses({})).toEqual([]);
  });

  it('follows chains of moved blocks and survives a cycle', () => {
    const chain = stackOf(['aws_s3_bucket.c'], [{ from: 'aws_s3_bucket.a', to: 'aws_s3_bucket.b' }, { from: 'aws_s3_bucket.b', to: 'aws_s3_bucket.c' }]);
    expect(checkLock('fx', chain, lockOf(['aws_s3_bucket.a']))).toEqual([]);
    const cycle = stackOf(['aws_s3_bucket.c'], [{ from: 'aws_s3_bucket.a', to: 'aws_s3_bucket.b' }, { from: 'aws_s3_bucket.b', to: 'aws_s3_bucket.a' }]);
    expect(checkLock('fx', cycle, lockOf(['aws_s3_bucket.a'])).map((f) => [f.kind, f.address])).toEqual([['missing', 'aws_s3_bucket.a']]);
  });

  it('names every same-type candidate with its moved block and construct path, and reports it only once', () => {
    const stack = stackOf(['aws_s3_bucket.new1', 'aws_s3_bucket.new2', 'aws_s3_bucket.kept', 'aws_kms_key.other']);
    const findings = checkLock('fx', stack, lockOf(['aws_s3_bucket.old', 'aws_s3_bucket.kept', 'aws_kms_key.other']));
    expect(findings).toEqual([{
      kind: 'missing',
      address: 'aws_s3_bucket.old',
      message:
        'stack "fx": locked address aws_s3_bucket.old is gone: Terraform would destroy that aws_s3_bucket and create aws_s3_bucket.new1 or aws_s3_bucket.new2. ' +
        'If this is a rename or refactor, add the moved block: ' +
        "moved { from = aws_s3_bucket.old  to = aws_s3_bucket.new1 }  — in code: `<resource at fx/new1>.moveFromId('aws_s3_bucket.old')`; or " +
        "moved { from = aws_s3_bucket.old  to = aws_s3_bucket.new2 }  — in code: `<resource at fx/new2>.moveFromId('aws_s3_bucket.old')`",
    }]);
  });

  it('names a candidate without construct metadata by its resource alone', () => {
    for (const fresh of [{}, { '//': {} }]) {
      const stack: SynthesizedStack = { resource: { aws_s3_bucket: { fresh } } };
      const [finding] = checkLock('fx', stack, lockOf(['aws_s3_bucket.old']));
      expect(finding.message).toContain("in code: `<resource>.moveFromId('aws_s3_bucket.old')`");
    }
  });

  it('offers only candidates of the missing address\'s type; a new resource of another type is an addition', () => {
    const findings = checkLock('fx', stackOf(['aws_s3_bucket.new', 'aws_kms_key.added']), lockOf(['aws_s3_bucket.old']));
    expect(findings.map((f) => [f.kind, f.address])).toEqual([['missing', 'aws_s3_bucket.old'], ['unlocked', 'aws_kms_key.added']]);
    expect(findings[0].message).toContain('and create aws_s3_bucket.new. If this is a rename');
  });

  it('explains a destroy without replacement, an unlocked addition and a retirement mismatch', () => {
    expect(checkLock('fx', stackOf(['aws_kms_key.k']), lockOf(['aws_s3_bucket.gone', 'aws_kms_key.k']))).toEqual([{
      kind: 'missing',
      address: 'aws_s3_bucket.gone',
      message:
        'stack "fx": locked address aws_s3_bucket.gone is gone: Terraform would destroy that aws_s3_bucket and create nothing in its place. ' +
        'If that destroy is intended (a feature turned off), record it with `npm run lock:update -- --remove aws_s3_bucket.gone` (the plan guard then needs a reviewed allowance for it); ' +
        'to drop a whole environment, retire it (docs/day2.md#retire-an-environment); if the resource moved to another stack, see docs/day2.md#address-lock',
    }]);
    expect(checkLock('fx', stackOf(['aws_kms_key.k', 'aws_kms_key.extra']), lockOf(['aws_kms_key.k']))).toEqual([{
      kind: 'unlocked',
      address: 'aws_kms_key.extra',
      message: 'stack "fx": new stateful resource aws_kms_key.extra is not in the lock; if the addition is intended, run `npm run lock:update`',
    }]);
    expect(checkLock('fx', stackOf([]), lockOf([], false), true)).toEqual([
      { kind: 'retirement', message: 'stack "fx": the environment is retired but its lock says retired: false; run `npm run lock:update`' },
    ]);
    expect(checkLock('fx', stackOf([]), lockOf([], true), false)).toEqual([
      { kind: 'retirement', message: 'stack "fx": the environment is no longer retired but its lock says retired: true; run `npm run lock:update`' },
    ]);
    expect(checkLock('fx', stackOf([]), undefined)).toEqual([
      { kind: 'unlocked', message: 'stack "fx" has no address lock; run `npm run lock:update` and commit environments/address-lock/fx.json' },
    ]);
  });

  it('updates the lock but refuses to hide a destroy, unless a reviewer names it', () => {
    const stack = stackOf(['aws_kms_key.k', 'aws_kms_key.added']);
    const lock = lockOf(['aws_kms_key.k', 'aws_s3_bucket.gone']);
    const updated = updateLock('fx', stack, lock);
    expect(updated.lock).toEqual({ stack: 'fx', retired: false, addresses: ['aws_kms_key.added', 'aws_kms_key.k'] });
    expect(updated.refused.map((f) => [f.kind, f.address])).toEqual([['missing', 'aws_s3_bucket.gone']]);
    expect(updateLock('fx', stack, lock, true, new Set(['aws_s3_bucket.gone']))).toEqual({
      lock: { stack: 'fx', retired: true, addresses: ['aws_kms_key.added', 'aws_kms_key.k'] },
      refused: [],
    });
    // A first lock refuses nothing; unlocked additions and retirement changes are what an update records.
    expect(updateLock('fx', stack, undefined).refused).toEqual([]);
    expect(updateLock('fx', stack, lockOf(['aws_kms_key.k'], true)).refused).toEqual([]);
  });
});

describe('retirement plan', () => {
  const stack: RetireStack = {
    resource: {
      databricks_catalog: { c: { provider: 'databricks.workspace' } },
      databricks_schema: { s: { provider: 'databricks.workspace' } },
      databricks_mws_workspaces: { w: { provider: 'databricks.account' } },
      aws_s3_bucket: { b: {} },
      aws_s3_bucket_policy: { p: {} },
      aws_vpc: { v: { provider: 'aws.other' } },
    },
  };
  // Built inside each test: Stryker's per-test coverage does not see code run at describe level.
  const planOf = () => retirementPlan('qa', stack, lockOf(['aws_s3_bucket.b', 'aws_s3_bucket.old']), { stateBucket: 'st', stateKey: 'qa.tfstate' });

  it('destroys workspace objects, then account objects, then everything else', () => {
    const plan = planOf();
    expect(plan.stack).toBe('qa');
    expect(plan.phases.map((p) => p.targets)).toEqual([['databricks_catalog.c', 'databricks_schema.s'], ['databricks_mws_workspaces.w'], []]);
    expect(plan.phases.map((p) => p.name)).toEqual([
      'workspace objects (Unity Catalog securables, secrets, policies, settings)',
      'account-level Databricks objects (workspace, mws configurations, metastore assignment, log delivery)',
      'AWS resources and everything left (network, roles, buckets, keys)',
    ]);
    expect(retirementPlan('qa', {}, lockOf([]), { stateBucket: 'st', stateKey: 'k' }).phases.map((p) => p.targets)).toEqual([[], [], []]);
  });

  it('allows exactly the lock and the guarded addresses of the stack, each once', () => {
    const plan = planOf();
    // aws_vpc is not guarded; the locked aws_s3_bucket.old is allowed although already gone.
    expect(plan.allow).toEqual(['aws_s3_bucket.b', 'aws_s3_bucket.old', 'aws_s3_bucket_policy.p', 'databricks_catalog.c', 'databricks_mws_workspaces.w', 'databricks_schema.s']);
    expect(plan.kept[0]).toBe("s3://st/qa.tfstate: the stack's state, emptied by the destroy; delete it by hand once the pull request removing the environment is merged");
  });

  it('runs plan, guard and apply per phase, the plan JSON piped to the guard with the reviewed allowance', () => {
    const plan = planOf();
    const allow = `${plan.allow.map((a) => `--allow ${a}`).join(' ')} --allow-source "retired in environments/qa.ts (npm run retire -- qa)"`;
    expect(phaseCommands(plan)).toEqual([
      ['terraform plan -destroy -input=false -refresh=false -target=databricks_catalog.c -target=databricks_schema.s -out=destroy-1.tfplan', `terraform show -json destroy-1.tfplan | npm run --silent plan-guard -- - ${allow}`, 'terraform apply -input=false destroy-1.tfplan'],
      ['terraform plan -destroy -input=false -refresh=false -target=databricks_mws_workspaces.w -out=destroy-2.tfplan', `terraform show -json destroy-2.tfplan | npm run --silent plan-guard -- - ${allow}`, 'terraform apply -input=false destroy-2.tfplan'],
      ['terraform plan -destroy -input=false -refresh=false -out=destroy-3.tfplan', `terraform show -json destroy-3.tfplan | npm run --silent plan-guard -- - ${allow}`, 'terraform apply -input=false destroy-3.tfplan'],
    ]);
  });

  it('renders the review text: order, allowance, kept objects and commands', () => {
    const plan = planOf();
    const text = renderRetirement(plan);
    expect(text.startsWith('## Retiring stack `qa`\n\n### Destroy order\n\n')).toBe(true);
    expect(text).toContain(`1. ${plan.phases[0].name}: 2 targeted resource(s)\n2. ${plan.phases[1].name}: 1 targeted resource(s)\n3. ${plan.phases[2].name}: everything that remains\n`);
    expect(text).toContain(`### Plan-guard allowance (${plan.allow.length} guarded address(es): the address lock and the security controls)\n\n${plan.allow.map((a) => `- \`${a}\``).join('\n')}\n`);
    expect(text).toContain(`As the \`allow-destroy\` input of deploy.yml (space-separated):\n\n\`\`\`\n${plan.allow.join(' ')}\n\`\`\`\n`);
    expect(text).toContain(`### Kept\n\n${plan.kept.map((k) => `- ${k}`).join('\n')}\n`);
    expect(text).toContain('### Commands (in cdktf.out/stacks/qa)\n\nPhase 1:\n```sh\n' + phaseCommands(plan)[0].join('\n') + '\n```\nPhase 2:');
    expect(text.endsWith('```\n')).toBe(true);
  });
});

describe('runCli', () => {
  const output = captureCliOutput();
  const program = (action: () => void) => new Command('tool').option('--flag').configureOutput({ writeErr: (s) => output.stderr.push(s) }).action(action);
  const run = (args: string[], action: () => void = () => undefined, isUsageError?: (e: unknown) => boolean) => {
    process.argv = ['node', 'tool', ...args];
    runCli(program(action), isUsageError);
    return process.exitCode;
  };

  it('leaves the exit code to the action on success, 0 for help', () => {
    expect(run([])).toBeUndefined();
    expect(run(['--help'])).toBe(0);
  });

  it('exits 2 for bad usage and for errors the tool calls the user\'s, with one line and no stack trace', () => {
    expect(run(['--unknown'])).toBe(EXIT_USAGE);
    expect(EXIT_USAGE).toBe(2);
    output.stderr = [];
    expect(run([], () => { throw new Error('missing file x.json'); })).toBe(2);
    expect(output.stderr).toEqual(['tool: missing file x.json\n']);
    output.stderr = [];
    expect(run([], () => { throw 'plain text'; })).toBe(2);
    expect(output.stderr).toEqual(['tool: plain text\n']);
  });

  it('rethrows what is not a usage error (a bug keeps its stack trace)', () => {
    const bug = new TypeError('bug');
    expect(() => run([], () => { throw bug; }, (error) => !(error instanceof TypeError))).toThrow(bug);
    expect(run([], () => { throw new Error('user'); }, (error) => !(error instanceof TypeError))).toBe(2);
  });
});
