import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { load } from 'js-yaml';
import { TerraformStack, Testing } from 'cdktf';
import { buildApp } from '../main';
import { exampleConfig } from './support/synth';

type Step = { uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, unknown> };
type Job = {
  uses?: string; needs?: string | string[]; environment?: unknown; steps?: Step[];
  strategy?: { matrix?: { stack?: string[] } }; concurrency?: { group: string; 'cancel-in-progress': boolean }; with?: Record<string, unknown>;
};
type Workflow = { on: Record<string, unknown>; env?: Record<string, unknown>; jobs: Record<string, Job> };

const ROOT = path.join(__dirname, '..');
const WORKFLOWS_DIR = path.join(ROOT, '.github', 'workflows');
const read = (file: string) => load(readFileSync(file, 'utf8')) as Workflow;
const workflows = Object.fromEntries(readdirSync(WORKFLOWS_DIR).filter((f) => f.endsWith('.yml')).map((f) => [f, read(path.join(WORKFLOWS_DIR, f))]));
const action = load(readFileSync(path.join(ROOT, '.github/actions/prepare-stack/action.yml'), 'utf8')) as { runs: { steps: Step[] } };
const allSteps: Step[] = [...Object.values(workflows).flatMap((w) => Object.values(w.jobs).flatMap((j) => j.steps ?? [])), ...action.runs.steps];
const runs = allSteps.map((s) => s.run ?? '').join('\n');

const scripts = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
// Stacks main.ts creates; bootstrap holds the state bucket itself and is deployed by hand.
const stacks = buildApp(Testing.app(), exampleConfig()).node.children.filter(TerraformStack.isStack).map((s) => s.node.id);
const pipelineStacks = stacks.filter((s) => s !== 'bootstrap');

/** Fails with what to do when a workflow's stack list and main.ts's stacks differ (a new environment). */
function expectStacks(where: string, listed: string[]): void {
  const missing = pipelineStacks.filter((s) => !listed.includes(s));
  const extra = listed.filter((s) => !pipelineStacks.includes(s));
  if (missing.length + extra.length > 0) {
    throw new Error(
      `${where}: ${missing.length ? `add stack(s) ${missing.join(', ')}` : ''}${missing.length && extra.length ? '; ' : ''}${extra.length ? `remove stack(s) ${extra.join(', ')} (no such environment)` : ''} — see README "Add an environment"`,
    );
  }
}

describe('workflow files', () => {
  it('exist: pull request, deploy, reusable apply and drift', () => {
    expect(Object.keys(workflows).sort()).toEqual(['apply-stack.yml', 'deploy.yml', 'drift.yml', 'pull-request.yml']);
  });

  it('call only npm scripts that package.json defines', () => {
    const called = [...runs.matchAll(/npm run (?:--silent )?([\w:-]+)/g)].map((m) => m[1]);
    expect(called.length).toBeGreaterThan(0);
    for (const name of called) expect(Object.keys(scripts)).toContain(name);
    for (const name of ['typecheck', 'lint', 'synth', 'plan-guard']) expect(called).toContain(name);
    expect(runs).toMatch(/^npm ci$/m);
    expect(runs).toMatch(/^npm test$/m);
  });

  it('reference only local files, actions and workflows that exist', () => {
    const local = Object.values(workflows).flatMap((w) => Object.values(w.jobs).flatMap((j) => [j.uses, ...(j.steps ?? []).map((s) => s.uses)]))
      .filter((u): u is string => typeof u === 'string' && u.startsWith('./'));
    expect(local.length).toBeGreaterThan(0);
    for (const ref of local) {
      const target = path.join(ROOT, ref);
      expect(existsSync(ref.endsWith('.yml') ? target : path.join(target, 'action.yml'))).toBe(true);
    }
    for (const file of runs.match(/\bscripts\/[\w./-]+/g) ?? []) expect(existsSync(path.join(ROOT, file))).toBe(true);
  });

  it('pin every third-party action to an exact version or commit', () => {
    const remote = allSteps.map((s) => s.uses).filter((u): u is string => typeof u === 'string' && !u.startsWith('./'));
    expect(remote.length).toBeGreaterThan(0);
    for (const ref of remote) expect(ref).toMatch(/@(v\d+\.\d+\.\d+|[0-9a-f]{40})$/);
  });

  it('disable the Terraform/cdktf checkpoint everywhere', () => {
    for (const workflow of Object.values(workflows)) expect(workflow.env?.CHECKPOINT_DISABLE).toBe('1');
  });
});

describe('pull requests', () => {
  const { checks, plan } = workflows['pull-request.yml'].jobs;

  it('install, type-check, lint, test and synthesize before planning', () => {
    expect(checks.steps!.map((s) => s.run).filter(Boolean)).toEqual(['npm ci', 'npm run typecheck', 'npm run lint', 'npm test', 'npm run synth']);
    expect(plan.needs).toBe('checks');
  });

  it('plan every stack main.ts creates (except bootstrap) with OIDC credentials and a plan-guard comment', () => {
    expectStacks('.github/workflows/pull-request.yml jobs.plan.strategy.matrix.stack', plan.strategy!.matrix!.stack!);
    const prepare = plan.steps!.find((s) => s.uses === './.github/actions/prepare-stack')!;
    expect(prepare.with!['aws-role-arn']).toBe('${{ vars.AWS_PLAN_ROLE_ARN }}');
    const body = plan.steps!.map((s) => s.run ?? '').join('\n');
    expect(body).toContain('terraform show -json plan.tfplan > plan.json');
    expect(body).toMatch(/npm run --silent plan-guard -- .*plan\.json" --summary-file/);
    expect(body).toContain('gh pr comment');
    expect(JSON.stringify(plan)).toContain('secrets.DATABRICKS_CLIENT_SECRET');
  });
});

describe('deploy on merge', () => {
  const deploy = workflows['deploy.yml'];
  const apply = workflows['apply-stack.yml'].jobs.apply;

  it('applies account, then every environment in order, each through the reusable workflow', () => {
    expect(deploy.on).toHaveProperty('push', { branches: ['main'] });
    expectStacks('.github/workflows/deploy.yml jobs (one per stack, chained with needs)', Object.keys(deploy.jobs));
    expect(Object.values(deploy.jobs).map((j) => j.with?.stack)).toEqual(Object.keys(deploy.jobs));
    for (const job of Object.values(deploy.jobs)) expect(job.uses).toBe('./.github/workflows/apply-stack.yml');
    // One chain in file order: account first, each environment after the one above it.
    const order = Object.keys(deploy.jobs);
    expect(order[0]).toBe('account');
    expect(order.map((job) => deploy.jobs[job].needs)).toEqual([undefined, ...order.slice(0, -1)]);
  });

  it('runs each stack in its GitHub environment (prod approval) with one run per stack at a time', () => {
    expect(apply.environment).toBe('${{ inputs.stack }}');
    expect(apply.concurrency).toEqual({ group: 'terraform-${{ inputs.stack }}', 'cancel-in-progress': false });
    const body = apply.steps!.map((s) => s.run ?? '').join('\n');
    expect(body.indexOf('plan-guard')).toBeLessThan(body.indexOf('terraform apply'));
    expect(body).toContain('terraform apply -input=false -lock-timeout=10m plan.tfplan');
  });
});

describe('drift check', () => {
  const drift = workflows['drift.yml'];

  it('plans every pipeline stack on a schedule and fails on changes', () => {
    expect((drift.on.schedule as { cron: string }[])[0].cron).toMatch(/^\S+ \S+ \S+ \S+ \S+$/);
    expectStacks('.github/workflows/drift.yml jobs.drift.strategy.matrix.stack', drift.jobs.drift.strategy!.matrix!.stack!);
    expect(drift.jobs.drift.concurrency).toEqual({ group: 'terraform-${{ matrix.stack }}', 'cancel-in-progress': false });
    expect(drift.jobs.drift.steps!.map((s) => s.run ?? '').join('\n')).toContain('-detailed-exitcode');
  });
});

describe('the shared setup action', () => {
  it('assumes the role through OIDC and keeps the raw Terraform CLI', () => {
    const aws = action.runs.steps.find((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'))!;
    expect(aws.with).toHaveProperty('role-to-assume');
    const terraform = action.runs.steps.find((s) => s.uses?.startsWith('hashicorp/setup-terraform@'))!;
    expect(terraform.with).toHaveProperty('terraform_wrapper', false);
  });
});
