import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { load } from 'js-yaml';
import { TerraformStack, Testing } from 'cdktf';
import { githubEnvironments } from '../constructs/pipeline-subjects';
import { buildApp } from '../stacks/app';
import { exampleConfig } from './support/synth';

type Step = { uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, unknown>; if?: string };
type Job = {
  uses?: string; needs?: string | string[]; environment?: unknown; steps?: Step[]; if?: string; permissions?: Record<string, string>;
  strategy?: { matrix?: { stack?: string[] } }; concurrency?: { group: string; 'cancel-in-progress': boolean };
  with?: Record<string, unknown>; env?: Record<string, unknown>;
};
type Workflow = { on: Record<string, unknown>; env?: Record<string, unknown>; permissions?: unknown; jobs: Record<string, Job> };

const ROOT = path.join(__dirname, '..');
const WORKFLOWS_DIR = path.join(ROOT, '.github', 'workflows');
const ACTION_FILE = path.join(ROOT, '.github/actions/prepare-stack/action.yml');
const files = readdirSync(WORKFLOWS_DIR).filter((f) => f.endsWith('.yml'));
const texts: Record<string, string> = Object.fromEntries(files.map((f) => [f, readFileSync(path.join(WORKFLOWS_DIR, f), 'utf8')]));
const workflows = Object.fromEntries(files.map((f) => [f, load(texts[f]) as Workflow]));
const actionText = readFileSync(ACTION_FILE, 'utf8');
const action = load(actionText) as { runs: { steps: Step[] } };
const allJobs = Object.entries(workflows).flatMap(([file, w]) => Object.entries(w.jobs).map(([name, job]) => ({ file, name, job })));
const allSteps: Step[] = [...allJobs.flatMap(({ job }) => job.steps ?? []), ...action.runs.steps];
const runs = allSteps.map((s) => s.run ?? '').join('\n');
const body = (job: Job) => (job.steps ?? []).map((s) => s.run ?? '').join('\n');
const gitops = readFileSync(path.join(ROOT, 'docs/gitops.md'), 'utf8');

const scripts = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
// Stacks main.ts creates; bootstrap holds the state bucket itself and is deployed by hand.
const stacks = buildApp(Testing.app(), exampleConfig()).node.children.filter(TerraformStack.isStack).map((s) => s.node.id);
const pipelineStacks = stacks.filter((s) => s !== 'bootstrap');
const DEFAULT_BRANCH_ONLY = "github.ref == format('refs/heads/{0}', github.event.repository.default_branch)";

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

/** The GitHub environment name a job runs in, with the stack placeholder `<stack>`. */
const environmentPattern = (job: Job) => String(job.environment).replace(/\$\{\{ (matrix|inputs)\.stack \}\}/, '<stack>');
const modeEnvironments = (mode: 'plan' | 'apply') => githubEnvironments('<stack>')[mode];

describe('workflow files', () => {
  it('exist: pull request, deploy, reusable apply, drift, and retire with its reusable destroy phase', () => {
    expect(files.sort()).toEqual(['apply-stack.yml', 'deploy.yml', 'destroy-phase.yml', 'drift.yml', 'pull-request.yml', 'retire.yml']);
  });

  it('call only npm scripts that package.json defines', () => {
    const called = [...runs.matchAll(/npm run (?:--silent )?([\w:-]+)/g)].map((m) => m[1]);
    for (const name of called) expect(Object.keys(scripts)).toContain(name);
    for (const name of ['typecheck', 'lint', 'synth', 'plan-guard']) expect(called).toContain(name);
    expect(runs).toMatch(/^npm ci$/m);
    expect(runs).toMatch(/^npm test$/m);
  });

  it('reference only local files, actions and workflows that exist', () => {
    const local = allJobs.flatMap(({ job }) => [job.uses, ...(job.steps ?? []).map((s) => s.uses)])
      .filter((u): u is string => typeof u === 'string' && u.startsWith('./'));
    expect(local.length).toBeGreaterThan(0);
    for (const ref of local) {
      const target = path.join(ROOT, ref);
      expect(existsSync(ref.endsWith('.yml') ? target : path.join(target, 'action.yml'))).toBe(true);
    }
    for (const file of runs.match(/\bscripts\/[\w./-]+/g) ?? []) expect(existsSync(path.join(ROOT, file))).toBe(true);
  });

  it('pin every third-party action to a full commit SHA with its version in a comment, one SHA per action', () => {
    const lines = [...Object.values(texts), actionText].flatMap((text) => text.split('\n')).filter((l) => /^\s*-?\s*uses:\s*[^.\s]/.test(l));
    expect(lines.length).toBeGreaterThan(0);
    const shaOf = new Map<string, string>();
    for (const line of lines) {
      const match = /uses:\s*([\w.-]+\/[\w./-]+)@([0-9a-f]{40}) # (v\d+\.\d+\.\d+)\s*$/.exec(line);
      expect([line, match !== null]).toEqual([line, true]);
      const [, name, sha] = match!;
      expect([name, shaOf.get(name) ?? sha]).toEqual([name, sha]);
      shaOf.set(name, sha);
    }
  });

  it('grant nothing at the top level; jobs ask for what they need', () => {
    for (const [file, workflow] of Object.entries(workflows)) expect([file, workflow.permissions]).toEqual([file, {}]);
    for (const { file, name, job } of allJobs) expect([file, name, job.permissions?.contents]).toEqual([file, name, 'read']);
  });

  it('give OIDC tokens only to jobs that run in a GitHub environment, the identity the trust policies name', () => {
    const oidcJobs = allJobs.filter(({ job }) => job.permissions?.['id-token'] === 'write' && !job.uses);
    expect(oidcJobs.length).toBeGreaterThan(0);
    for (const { file, name, job } of oidcJobs) expect([file, name, typeof job.environment]).toEqual([file, name, 'string']);
    for (const { file, name, job } of allJobs.filter(({ job }) => !job.environment && !job.uses)) {
      expect([file, name, job.permissions?.['id-token']]).toEqual([file, name, undefined]);
    }
  });

  it('never write, upload or keep the plan JSON, and delete the saved plan', () => {
    expect(runs).not.toMatch(/>\s*\S*plan\.json/);
    expect(allSteps.some((s) => s.uses?.includes('upload-artifact'))).toBe(false);
    for (const { job } of allJobs.filter(({ job }) => body(job).includes('plan-guard'))) {
      expect(body(job)).toMatch(/show -json plan\.tfplan \\\n\s*\| npm run --silent plan-guard -- - /);
      expect(body(job)).toMatch(/set (\+e )?-o pipefail/);
      expect(body(job)).toMatch(/rm -f "cdktf\.out\/stacks\/\$STACK\/plan\.tfplan"/);
    }
  });

  it('keep workflow inputs and event text out of run scripts (no expression injection)', () => {
    for (const step of allSteps) expect(step.run ?? '').not.toMatch(/\$\{\{\s*(inputs|github\.event|steps|matrix)\./);
  });

  it('disable the Terraform/cdktf checkpoint everywhere', () => {
    for (const workflow of Object.values(workflows)) expect(workflow.env?.CHECKPOINT_DISABLE).toBe('1');
  });

  it('check out without persisting the GitHub token', () => {
    const checkouts = allSteps.filter((s) => s.uses?.startsWith('actions/checkout@'));
    expect(checkouts.length).toBeGreaterThan(0);
    for (const step of checkouts) expect(step.with).toHaveProperty('persist-credentials', false);
  });
});

describe('pull requests', () => {
  const workflow = workflows['pull-request.yml'];
  const { checks, plan } = workflow.jobs;

  it('install, type-check, lint, test and synthesize without any credential before planning', () => {
    expect(checks.steps!.map((s) => s.run).filter(Boolean)).toEqual(['npm ci', 'npm run typecheck', 'npm run lint', 'npm test', 'npm run synth']);
    expect(checks.permissions).toEqual({ contents: 'read' });
    expect(plan.needs).toBe('checks');
  });

  it('plan every stack in its reviewer-gated plan environment, with read-only identities and no secret', () => {
    expectStacks('.github/workflows/pull-request.yml jobs.plan.strategy.matrix.stack', plan.strategy!.matrix!.stack!);
    expect(modeEnvironments('plan')).toContain(environmentPattern(plan));
    expect(plan.permissions).toEqual({ contents: 'read', 'id-token': 'write', 'pull-requests': 'write' });
    expect(plan.env).toMatchObject({ TF_VAR_aws_role: 'plan', DATABRICKS_AUTH_TYPE: 'github-oidc' });
    expect(texts['pull-request.yml']).not.toMatch(/secrets\./);
    expect(body(plan)).toContain('plan -input=false -lock=false -out=plan.tfplan');
    expect(body(plan)).toContain('gh pr comment');
    // Pull requests never pass --allow: a blocked destroy fails the check reviewers see.
    expect(body(plan)).not.toContain('--allow');
  });
});

describe('deploy on merge', () => {
  const deploy = workflows['deploy.yml'];
  const apply = workflows['apply-stack.yml'].jobs.apply;

  it('applies account, then every environment in order, each through the reusable workflow, from the default branch only', () => {
    expect(deploy.on).toHaveProperty('push', { branches: ['main'] });
    expectStacks('.github/workflows/deploy.yml jobs (one per stack, chained with needs)', Object.keys(deploy.jobs));
    expect(Object.values(deploy.jobs).map((j) => j.with?.stack)).toEqual(Object.keys(deploy.jobs));
    for (const job of Object.values(deploy.jobs)) {
      expect(job.uses).toBe('./.github/workflows/apply-stack.yml');
      expect(job.if).toBe(DEFAULT_BRANCH_ONLY);
      expect(job.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    }
    const order = Object.keys(deploy.jobs);
    expect(order[0]).toBe('account');
    expect(order.map((job) => deploy.jobs[job].needs)).toEqual([undefined, ...order.slice(0, -1)]);
    // No repository secret flows into an apply: each stack's secrets live in its environment.
    expect(texts['deploy.yml']).not.toContain('secrets: inherit');
  });

  it('offers the reviewed destroy path: dispatch inputs reach only the chosen stack, attributed in the summary', () => {
    const dispatch = deploy.on.workflow_dispatch as { inputs: Record<string, { options?: string[] }> };
    expectStacks('.github/workflows/deploy.yml on.workflow_dispatch.inputs.stack.options', dispatch.inputs.stack.options!);
    for (const [stack, job] of Object.entries(deploy.jobs)) {
      expect(job.with!['allow-destroy']).toBe(`\${{ inputs.stack == '${stack}' && inputs.allow-destroy || '' }}`);
    }
    expect(apply.env!.ALLOW_DESTROY).toBe('${{ inputs.allow-destroy }}');
    expect(body(apply)).toContain('--allow-source "workflow_dispatch by @$GITHUB_ACTOR, run $GITHUB_RUN_ID"');
    expect(body(apply)).toContain('--summary-file "$GITHUB_STEP_SUMMARY"');
  });

  it('runs each stack in its apply environment, one apply per stack at a time, guard before apply', () => {
    expect(modeEnvironments('apply')).toContain(environmentPattern(apply));
    expect(apply.concurrency).toEqual({ group: 'terraform-${{ inputs.stack }}', 'cancel-in-progress': false });
    expect(body(apply).indexOf('plan-guard')).toBeLessThan(body(apply).indexOf(' apply -input=false'));
    expect(apply.env).not.toHaveProperty('TF_VAR_aws_role');
    expect(apply.env!.DATABRICKS_AUTH_TYPE).toBe("${{ vars.DATABRICKS_AUTH_TYPE || 'github-oidc' }}");
  });
});

describe('drift check', () => {
  const drift = workflows['drift.yml'];
  const job = drift.jobs.drift;

  it('plans every pipeline stack on a schedule with the plan identities and fails on changes', () => {
    expect((drift.on.schedule as { cron: string }[])[0].cron).toMatch(/^\S+ \S+ \S+ \S+ \S+$/);
    expectStacks('.github/workflows/drift.yml jobs.drift.strategy.matrix.stack', job.strategy!.matrix!.stack!);
    expect(modeEnvironments('plan')).toContain(environmentPattern(job));
    expect(job.if).toBe(DEFAULT_BRANCH_ONLY);
    expect(job.env).toMatchObject({ TF_VAR_aws_role: 'plan', DATABRICKS_AUTH_TYPE: 'github-oidc' });
    expect(texts['drift.yml']).not.toMatch(/secrets\./);
    expect(body(job)).toContain('-lock=false -detailed-exitcode');
  });

  it('has its own concurrency group, so it never cancels or delays a deploy', () => {
    const applyGroup = workflows['apply-stack.yml'].jobs.apply.concurrency!.group.replace('inputs', 'matrix');
    expect(job.concurrency!.group).toBe('drift-${{ matrix.stack }}');
    expect(job.concurrency!.group).not.toBe(applyGroup);
  });
});

describe('GitHub environments', () => {
  const used = new Set(allJobs.filter(({ job }) => typeof job.environment === 'string').map(({ job }) => environmentPattern(job)));

  it('are exactly the ones the trust and federation policies name', () => {
    expect([...used].sort()).toEqual([...modeEnvironments('apply'), ...modeEnvironments('plan')].sort());
  });

  it.each([...modeEnvironments('apply'), ...modeEnvironments('plan')].map((name) => [name]))(
    '%s has its protection rules (deployment branches, reviewers) documented in docs/gitops.md', (name) => {
      expect(gitops).toMatch(new RegExp(`^\\| \`${name.replace(/[<>]/g, '\\$&')}\` \\| [^|]+ \\| [^|]+ \\|`, 'm'));
    },
  );
});

describe('secrets', () => {
  it('reach only apply jobs; plans get placeholders for apply-time secrets', () => {
    for (const { file, name, job } of allJobs.filter(({ job }) => !job.uses)) {
      const prepare = (job.steps ?? []).find((s) => s.uses === './.github/actions/prepare-stack');
      if (!prepare) continue;
      const applies = body(job).includes(' apply -input=false');
      expect([file, name, prepare.with!.mode]).toEqual([file, name, applies ? 'apply' : 'plan']);
      expect([file, name, 'terraform-variables' in prepare.with!]).toEqual([file, name, applies]);
    }
  });

  it('the trust model table in README.md Deploy is the one in docs/gitops.md', () => {
    const trust = (text: string) => {
      const start = text.indexOf('| Principal | Obtained by |');
      return start < 0 ? '' : text.slice(start).split('\n\n')[0];
    };
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    expect(trust(gitops).length).toBeGreaterThan(0);
    expect(trust(readme)).toBe(trust(gitops));
  });
});

describe('the shared setup action', () => {
  it('assumes the role through OIDC and keeps the raw Terraform CLI', () => {
    const aws = action.runs.steps.find((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'))!;
    expect(aws.with).toHaveProperty('role-to-assume', '${{ inputs.aws-role-arn }}');
    const terraform = action.runs.steps.find((s) => s.uses?.startsWith('hashicorp/setup-terraform@'))!;
    expect(terraform.with).toHaveProperty('terraform_wrapper', false);
  });
});
