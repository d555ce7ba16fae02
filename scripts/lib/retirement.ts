/**
 * Pure logic of `npm run retire`: from a retired environment's synthesized stack and its address
 * lock, the destroy phases (workspace objects, then account-level Databricks objects, then AWS),
 * the plan-guard allowance and what survives (docs/day2.md#retire-an-environment).
 */
import type { AddressLock } from '../../environments/lib/address-lock-files';
import { PROTECTED_RESOURCE_TYPES } from '../../constructs/stateful-types';
import { statefulAddresses } from './address-lock';

export interface RetireStack {
  resource?: Record<string, Record<string, { provider?: string } & Record<string, unknown>>>;
}

export interface DestroyPhase {
  name: string;
  /** `-target` addresses; empty in the last phase, which destroys whatever is left. */
  targets: string[];
}

export interface RetirementPlan {
  stack: string;
  phases: DestroyPhase[];
  /** Every guarded address the destroy deletes (the lock's, plus security controls): the reviewed allowance for the plan guard. */
  allow: string[];
  kept: string[];
}

export interface RetirementContext {
  stateBucket: string;
  stateKey: string;
}

const WORKSPACE_PROVIDER = 'databricks.workspace';
const ACCOUNT_PROVIDER = 'databricks.account';

function addressesWithProvider(stack: RetireStack, provider: string): string[] {
  const addresses: string[] = [];
  for (const [type, byName] of Object.entries(stack.resource ?? {})) {
    for (const [name, config] of Object.entries(byName)) {
      if (config.provider === provider) addresses.push(`${type}.${name}`);
    }
  }
  return addresses.sort();
}

/**
 * Terraform already destroys dependents first; the phases make the order explicit and reviewable,
 * and stop before any AWS data object is touched when a Databricks object refuses to go (a
 * non-empty schema, a catalog with tables).
 */
export function retirementPlan(stackName: string, stack: RetireStack, lock: AddressLock, context: RetirementContext): RetirementPlan {
  return {
    stack: stackName,
    phases: [
      { name: 'workspace objects (Unity Catalog securables, secrets, policies, settings)', targets: addressesWithProvider(stack, WORKSPACE_PROVIDER) },
      { name: 'account-level Databricks objects (workspace, mws configurations, metastore assignment, log delivery)', targets: addressesWithProvider(stack, ACCOUNT_PROVIDER) },
      { name: 'AWS resources and everything left (network, roles, buckets, keys)', targets: [] },
    ],
    allow: [...new Set([...lock.addresses, ...statefulAddresses(stack, PROTECTED_RESOURCE_TYPES)])].sort(),
    kept: [
      `s3://${context.stateBucket}/${context.stateKey}: the stack's state, emptied by the destroy; delete it by hand once the pull request removing the environment is merged`,
      'the account stack (metastore, account log bucket and log delivery, groups) and the bootstrap stack (state bucket and key): shared, untouched',
      'non-empty S3 buckets: force_destroy stays false, so the destroy stops at a bucket that still holds data; export or empty it deliberately, then re-run the phase',
      'KMS keys: scheduled for deletion with their deletion window (30 days when the environment was protected); `aws kms cancel-key-deletion` recovers one in that window',
    ],
  };
}

/**
 * A destroy plan first runs a refreshing normal plan, which reads every data source (hashicorp/terraform
 * #27408); once phase 2 has deleted the workspace, the workspace provider's data sources cannot be read, so
 * every phase plans from the state as it is. A destroy needs nothing refreshed.
 */
export const DESTROY_PLAN_FLAGS = '-input=false -refresh=false';

/** The commands of each phase, as the pipeline and an operator run them in cdktf.out/stacks/<stack>. */
export function phaseCommands(plan: RetirementPlan): string[][] {
  // The plan guard requires a source with every --allow (docs/plan-guard.md): the reviewed retirement.
  const allow = `${plan.allow.map((address) => `--allow ${address}`).join(' ')} --allow-source "retired in environments/${plan.stack}.ts (npm run retire -- ${plan.stack})"`;
  return plan.phases.map((phase, index) => {
    const planFile = `destroy-${index + 1}.tfplan`;
    const targets = phase.targets.map((address) => `-target=${address}`).join(' ');
    return [
      `terraform plan -destroy ${DESTROY_PLAN_FLAGS} ${targets ? `${targets} ` : ''}-out=${planFile}`,
      // The plan JSON holds sensitive values: it goes to the guard through a pipe, never to disk.
      `terraform show -json ${planFile} | npm run --silent plan-guard -- - ${allow}`,
      `terraform apply -input=false ${planFile}`,
    ];
  });
}

export function renderRetirement(plan: RetirementPlan): string {
  const lines = [`## Retiring stack \`${plan.stack}\``, '', '### Destroy order', ''];
  plan.phases.forEach((phase, index) => {
    lines.push(`${index + 1}. ${phase.name}: ${phase.targets.length > 0 ? `${phase.targets.length} targeted resource(s)` : 'everything that remains'}`);
  });
  lines.push('', `### Plan-guard allowance (${plan.allow.length} guarded address(es): the address lock and the security controls)`, '', ...plan.allow.map((a) => `- \`${a}\``));
  lines.push('', 'As the `allow-destroy` input of deploy.yml (space-separated):', '', '```', plan.allow.join(' '), '```');
  lines.push('', '### Kept', '', ...plan.kept.map((k) => `- ${k}`));
  lines.push('', `After the merge, run the retire workflow (Actions > retire, environment \`${plan.stack}\`): it runs these phases in order, each`,
    `approved in the stack's GitHub environment, with the committed ${allowanceFileName(plan.stack)} as the allowance.`);
  lines.push('', '### Commands (in cdktf.out/stacks/' + plan.stack + ')', '');
  phaseCommands(plan).forEach((commands, index) => lines.push(`Phase ${index + 1}:`, '```sh', ...commands, '```'));
  return `${lines.join('\n')}\n`;
}

/** Where `npm run retire` writes the reviewed allowance, committed with the retirement (environments/retirements/<env>.allow). */
export const ALLOWANCE_DIR = 'retirements';
export const allowanceFileName = (stack: string): string => `${ALLOWANCE_DIR}/${stack}.allow`;

/** The committed allowance file: a comment line, then one address per line. */
export function renderAllowance(plan: RetirementPlan): string {
  return [`# Plan-guard allowance for retiring ${plan.stack}; written by npm run retire -- ${plan.stack}, reviewed in its pull request.`, ...plan.allow, ''].join('\n');
}

export function parseAllowance(text: string): string[] {
  return text.split('\n').map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'));
}

/**
 * Why a committed allowance does not fit the stack as synthesized now (empty when it does): the pipeline
 * destroys only with the allowance the pull request reviewed, and refuses a stale one.
 */
export function allowanceMismatch(plan: RetirementPlan, committed: string[]): string[] {
  const missing = plan.allow.filter((address) => !committed.includes(address));
  const extra = committed.filter((address) => !plan.allow.includes(address));
  return [
    ...(missing.length ? [`missing ${missing.length} guarded address(es) the destroy deletes: ${missing.join(', ')}`] : []),
    ...(extra.length ? [`${extra.length} address(es) the stack no longer has: ${extra.join(', ')}`] : []),
  ];
}

/**
 * The `-target` addresses of phase `number` (1-based). The last phase targets nothing (everything left); an
 * earlier phase without targets would destroy the whole stack at once, so it is refused.
 */
export function phaseTargets(plan: RetirementPlan, number: number): string[] {
  const phase = plan.phases[number - 1];
  if (!Number.isInteger(number) || !phase) throw new RangeError(`phase must be 1 to ${plan.phases.length}; got ${number}`);
  if (number < plan.phases.length && phase.targets.length === 0) {
    throw new RangeError(`phase ${number} (${phase.name}) has no resource to target in stack "${plan.stack}": an untargeted destroy would take everything at once`);
  }
  return phase.targets;
}
