import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { load } from 'js-yaml';
import { githubEnvironments } from '../constructs/pipeline-subjects';
import { LOCK_FOLDER } from '../environments/lib/address-lock-files';
import { allowanceFileName, DESTROY_PLAN_FLAGS, retirementPlan } from '../scripts/lib/retirement';
import { REGISTER_TS, REPO_ROOT } from './support/paths';

type Step = { name?: string; id?: string; uses?: string; run?: string; with?: Record<string, unknown>; if?: string };
type Job = {
  uses?: string; needs?: string; environment?: string; if?: string; steps?: Step[]; permissions?: Record<string, string>;
  with?: Record<string, unknown>; env?: Record<string, string>; concurrency?: { group: string; 'cancel-in-progress': boolean };
};
type Workflow = { on: Record<string, any>; permissions?: unknown; jobs: Record<string, Job> };

const WORKFLOWS = path.join(REPO_ROOT, '.github', 'workflows');
const text = (file: string) => readFileSync(path.join(WORKFLOWS, file), 'utf8');
const workflow = (file: string) => load(text(file)) as Workflow;
const retire = workflow('retire.yml');
const destroy = workflow('destroy-phase.yml').jobs.destroy;
const apply = workflow('apply-stack.yml').jobs.apply;
const stepNamed = (job: Job, name: string) => {
  const step = job.steps!.find((s) => s.name === name);
  if (!step) throw new Error(`no step "${name}" in ${JSON.stringify(job.steps!.map((s) => s.name ?? s.uses))}`);
  return step;
};
const stepIndex = (job: Job, predicate: (s: Step) => boolean) => job.steps!.findIndex(predicate);
// The phases the retirement defines (their count and order), independent of any environment.
const PHASES = retirementPlan('x', {}, { stack: 'x', retired: true, addresses: [] }, { stateBucket: 'b', stateKey: 'k' }).phases;
const ALLOWANCE = `environments/${allowanceFileName('$STACK')}`;

describe('the retire workflow', () => {
  const jobs = Object.entries(retire.jobs);

  it('is started by hand for one environment named as a free string (no example list to maintain)', () => {
    expect(Object.keys(retire.on)).toEqual(['workflow_dispatch']);
    expect(retire.on.workflow_dispatch.inputs.environment).toMatchObject({ type: 'string', required: true });
    expect(retire.permissions).toEqual({});
  });

  it('verifies without any credential first: retired, with the committed allowance, from the default branch', () => {
    const [[name, verify]] = jobs;
    expect(name).toBe('verify');
    expect(verify.if).toBe("github.ref == format('refs/heads/{0}', github.event.repository.default_branch)");
    expect(verify.permissions).toEqual({ contents: 'read' });
    expect(verify.environment).toBeUndefined();
    expect(verify.env).toEqual({ ENVIRONMENT: '${{ inputs.environment }}' });
    expect(verify.steps!.map((s) => s.run).filter(Boolean)).toEqual(['npm ci', 'npm run --silent retire -- "$ENVIRONMENT" --verify']);
    expect(text('retire.yml')).not.toMatch(/secrets\./);
  });

  it('then runs the documented phases in order, each after the previous one, through the reusable destroy phase', () => {
    const phases = jobs.slice(1);
    expect(phases.map(([, job]) => job.with?.phase)).toEqual(PHASES.map((_, index) => index + 1));
    phases.forEach(([, job], index) => {
      expect(job.needs).toBe(jobs[index][0]);
      expect(job.uses).toBe('./.github/workflows/destroy-phase.yml');
      expect(job.with?.stack).toBe('${{ inputs.environment }}');
      // Reusable workflows get no more than the caller grants: OIDC for the phase jobs only.
      expect(job.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    });
  });
});

describe('one destroy phase', () => {
  it('runs as the stack\'s apply does: its GitHub environment and reviewers, its apply role and principal, one at a time', () => {
    expect(githubEnvironments('<stack>').apply).toContain(String(destroy.environment).replace('${{ inputs.stack }}', '<stack>'));
    expect(destroy.environment).toBe(apply.environment);
    expect(destroy.permissions).toEqual(apply.permissions);
    expect(destroy.concurrency).toEqual(apply.concurrency);
    const identity = (env: Record<string, string>) => Object.fromEntries(Object.entries(env).filter(([key]) => key.startsWith('DATABRICKS_')));
    expect(identity(destroy.env!)).toEqual(identity(apply.env!));
    const prepare = (job: Job) => job.steps!.find((s) => s.uses === './.github/actions/prepare-stack')!.with;
    expect(prepare(destroy)).toEqual(prepare(apply));
  });

  it('targets the phase, guards the plan with the committed allowance, then applies that plan', () => {
    const body = (s: Step) => s.run ?? '';
    const targets = stepIndex(destroy, (s) => body(s).includes('retire -- "$STACK" --phase-targets "$PHASE"'));
    // The flags npm run retire prints for an operator, so the pipeline and the manual path plan alike.
    const plan = stepIndex(destroy, (s) => body(s).includes(` plan -destroy ${DESTROY_PLAN_FLAGS} `) && body(s).includes('-out=plan.tfplan'));
    const guard = stepIndex(destroy, (s) => body(s).includes('plan-guard'));
    const applied = stepIndex(destroy, (s) => body(s).includes(' apply -input=false -lock-timeout=10m plan.tfplan'));
    expect([targets, plan, guard, applied].every((i) => i >= 0)).toBe(true);
    expect(targets).toBeLessThanOrEqual(plan);
    expect(plan).toBeLessThan(guard);
    expect(guard).toBeLessThan(applied);
    const guardRun = body(destroy.steps![guard]);
    expect(guardRun).toContain(`done < "${ALLOWANCE}"`);
    expect(guardRun).toContain('--allow "${allow[*]}"');
    expect(guardRun).toMatch(/--allow-source "retirement of \$STACK reviewed in environments\/retirements\/\$STACK\.allow at \$GITHUB_SHA/);
  });
});

describe('normal runs leave a retired stack alone', () => {
  it.each([['apply-stack.yml', 'apply'], ['drift.yml', 'drift']])('%s checks the lock before touching credentials or Terraform', (file, name) => {
    const job = workflow(file).jobs[name];
    const check = stepIndex(job, (s) => s.id === 'retired');
    expect(job.steps![check].run).toContain(`"environments/${LOCK_FOLDER}/$STACK.json"`);
    expect(job.steps![check].run).toContain("jq -e '.retired == true'");
    const gated = job.steps!.filter((s) => s.uses === './.github/actions/prepare-stack' || /\bterraform\b/.test(s.run ?? ''));
    expect(gated.length).toBeGreaterThan(0);
    for (const step of gated) {
      if (step.if === 'always()') continue;
      expect([step.name ?? step.uses, step.if]).toEqual([step.name ?? step.uses, "steps.retired.outputs.skip != 'true'"]);
      expect(job.steps!.indexOf(step)).toBeGreaterThan(check);
    }
  });
});

describe('the retired check in a sandbox (jq, as on the runner)', () => {
  const check = apply.steps!.find((s) => s.id === 'retired')!.run!;
  const runWith = (lock: object | undefined) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'retired-check-'));
    mkdirSync(path.join(dir, 'environments', LOCK_FOLDER), { recursive: true });
    if (lock) writeFileSync(path.join(dir, 'environments', LOCK_FOLDER, 'fx.json'), JSON.stringify(lock));
    const output = path.join(dir, 'output');
    writeFileSync(output, '');
    const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', check], {
      cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH, STACK: 'fx', GITHUB_OUTPUT: output },
    });
    return { status: result.status, output: readFileSync(output, 'utf8') };
  };

  it('skips a stack whose lock records the retirement, and nothing else', () => {
    expect(runWith({ stack: 'fx', retired: true, addresses: [] })).toEqual({ status: 0, output: 'skip=true\n' });
    expect(runWith({ stack: 'fx', retired: false, addresses: [] })).toEqual({ status: 0, output: '' });
    expect(runWith(undefined)).toEqual({ status: 0, output: '' });
  });
});

/**
 * The two shell steps run in a sandbox as the runner would (bash -eo pipefail), with a fake terraform and a
 * fake npm whose plan-guard is the real one.
 */
describe('the destroy phase scripts in a sandbox', () => {
  const ALLOWED = ['aws_s3_bucket.fx_root_1', 'databricks_mws_workspaces.fx_ws_2'];

  function sandbox(targets: string[], retireExit = 0) {
    const dir = mkdtempSync(path.join(tmpdir(), 'destroy-phase-'));
    const bin = path.join(dir, 'bin');
    mkdirSync(bin);
    mkdirSync(path.join(dir, 'environments', 'retirements'), { recursive: true });
    writeFileSync(path.join(dir, 'environments', 'retirements', 'fx.allow'), `# reviewed\n${ALLOWED.join('\n')}\n`);
    const script = (name: string, body: string) => {
      writeFileSync(path.join(bin, name), `#!/usr/bin/env bash\n${body}\n`);
      chmodSync(path.join(bin, name), 0o755);
    };
    script('terraform', `printf '%s\\n' "$*" >> "$SANDBOX/terraform.log"\nif [ "$2" = show ]; then cat "$SANDBOX/plan.json"; fi`);
    script('npm', [
      'case "$3" in',
      `  retire) printf '%s\\n' "$*" > "$SANDBOX/retire.log"; printf '${targets.map((t) => `${t}\\n`).join('')}'; exit ${retireExit} ;;`,
      `  plan-guard) shift 4; exec node --require "${REGISTER_TS}" "${path.join(REPO_ROOT, 'scripts', 'plan-guard.ts')}" "$@" ;;`,
      '  *) exit 99 ;;',
      'esac',
    ].join('\n'));
    const run = (step: string, deleted: string[] = []) => {
      writeFileSync(path.join(dir, 'plan.json'), JSON.stringify({
        format_version: '1.2',
        resource_changes: deleted.map((address) => {
          const [type, name] = address.split('.');
          return { address, mode: 'managed', type, name, change: { actions: ['delete'] } };
        }),
      }));
      return spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', stepNamed(destroy, step).run!], {
        cwd: dir,
        encoding: 'utf8',
        env: {
          PATH: `${bin}:${process.env.PATH}`, SANDBOX: dir, STACK: 'fx', PHASE: '1', RUNNER_TEMP: dir, CHECKPOINT_DISABLE: '1',
          GITHUB_STEP_SUMMARY: path.join(dir, 'summary.md'), GITHUB_SHA: 'f'.repeat(40), GITHUB_RUN_ID: '7', GITHUB_ACTOR: 'fx-operator',
        },
      });
    };
    const log = (file: string) => { try { return readFileSync(path.join(dir, file), 'utf8'); } catch { return ''; } };
    return { run, log };
  }

  it('plans a targeted destroy of the phase\'s addresses, and an untargeted one when the phase targets everything left', () => {
    const targeted = sandbox(['databricks_grants.a', 'databricks_catalog.b']);
    expect(targeted.run('terraform plan -destroy').status).toBe(0);
    expect(targeted.log('retire.log').trim()).toBe('run --silent retire -- fx --phase-targets 1');
    expect(targeted.log('terraform.log').trim()).toBe(
      '-chdir=cdktf.out/stacks/fx plan -destroy -input=false -refresh=false -lock-timeout=10m -target=databricks_grants.a -target=databricks_catalog.b -out=plan.tfplan',
    );
    const rest = sandbox([]);
    expect(rest.run('terraform plan -destroy').status).toBe(0);
    expect(rest.log('terraform.log').trim()).toBe('-chdir=cdktf.out/stacks/fx plan -destroy -input=false -refresh=false -lock-timeout=10m -out=plan.tfplan');
  });

  it('plans nothing when the retirement check refuses (not retired, stale or missing allowance)', () => {
    const refused = sandbox(['databricks_grants.a'], 2);
    expect(refused.run('terraform plan -destroy').status).not.toBe(0);
    expect(refused.log('terraform.log')).toBe('');
  });

  it('lets the guard pass exactly the reviewed deletions, attributed, and blocks anything else', () => {
    const box = sandbox([]);
    const passed = box.run('plan guard with the reviewed allowance', ALLOWED);
    expect([passed.status, passed.stderr]).toEqual([0, '']);
    expect(passed.stdout).toContain('retirement of fx reviewed in environments/retirements/fx.allow');
    const blocked = box.run('plan guard with the reviewed allowance', [...ALLOWED, 'aws_kms_key.fx_unreviewed_3']);
    expect(blocked.status).toBe(1);
    expect(blocked.stdout).toContain('aws_kms_key.fx_unreviewed_3');
  }, 60_000);
});
