/**
 * Prints how to destroy a retired environment's stack (destroy order, plan-guard allowance, what is kept)
 * and writes the allowance to environments/retirements/<environment>.allow, committed with the retirement.
 *
 *   npm run retire -- <environment> [--json <file>] [--allow-file <file>]
 *   npm run retire -- <environment> --verify                 # the pipeline: committed allowance still fits
 *   npm run retire -- <environment> --phase-targets <n>      # the pipeline: verify, then phase n's targets
 *
 * The environment must have `retired: true` and its lock must record it (npm run lock:update).
 * Exit codes: 0 done, 2 usage or configuration error, or a missing or stale allowance (one line, nothing written).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Command } from 'commander';
import { ConfigError, environmentsDir, loadConfig } from '../environments';
import { readLocks } from '../environments/lib/address-lock-files';
import { GuardrailError } from '../guardrails';
import { runCli } from './lib/cli';
import {
  allowanceFileName, allowanceMismatch, parseAllowance, phaseTargets, renderAllowance, renderRetirement, retirementPlan, type RetirementPlan, type RetireStack,
} from './lib/retirement';
import { synthesizeStacks } from './lib/synth-app';

class UsageError extends Error {}

interface Options {
  json?: string;
  allowFile?: string;
  verify?: boolean;
  phaseTargets?: string;
}

function write(file: string, content: string): void {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  } catch (error) {
    throw new UsageError(`cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

function run(name: string, options: Options): void {
  const dir = environmentsDir();
  const locks = readLocks(dir);
  const config = loadConfig(dir);
  const env = config.environments.find((e) => e.name === name);
  if (!env) {
    const tombstone = locks.get(name)?.retired ? ' (its lock is a retired tombstone: the environment is already gone)' : '';
    throw new UsageError(`no environment "${name}"${tombstone}; environments: ${config.environments.map((e) => e.name).join(', ')}`);
  }
  if (!env.retired) throw new UsageError(`environment "${name}" is not retired: set \`retired: true\` in ${env.sourceFile}, run npm run lock:update, and open a pull request`);
  const lock = locks.get(name);
  if (!lock?.retired) throw new UsageError(`the address lock of "${name}" does not record the retirement yet: run npm run lock:update and commit it`);

  const allowanceFile = path.join(dir, allowanceFileName(name));
  const pipeline = options.verify || options.phaseTargets !== undefined;
  // Read before synthesizing: a missing file fails fast, before the (slower) synthesis.
  const committed = pipeline ? readAllowance(name, allowanceFile) : undefined;
  const stack = synthesizeStacks<RetireStack>(config).get(name)!;
  const plan = retirementPlan(name, stack, lock, { stateBucket: config.account.state.bucket, stateKey: env.stateKey });
  if (committed) {
    verifyAllowance(plan, allowanceFile, committed);
    if (options.phaseTargets === undefined) return;
    let targets: string[];
    try {
      targets = phaseTargets(plan, Number(options.phaseTargets));
    } catch (error) {
      if (error instanceof RangeError) throw new UsageError(`--phase-targets: ${error.message}`);
      throw error;
    }
    process.stdout.write(targets.map((address) => `${address}\n`).join(''));
    return;
  }
  process.stdout.write(renderRetirement(plan));
  write(allowanceFile, renderAllowance(plan));
  process.stdout.write(`\nWrote ${path.relative(process.cwd(), allowanceFile)}: commit it with the retirement; the retire workflow destroys only with it.\n`);
  if (options.json) write(options.json, `${JSON.stringify(plan, null, 2)}\n`);
  // One address per line: what a reviewed allowance for the plan guard consumes.
  if (options.allowFile) write(options.allowFile, plan.allow.map((address) => `${address}\n`).join(''));
}

function readAllowance(stack: string, file: string): string[] {
  try {
    return parseAllowance(readFileSync(file, 'utf8'));
  } catch {
    throw new UsageError(`${path.relative(process.cwd(), file)} is missing: run npm run retire -- ${stack} and commit the file it writes in a reviewed pull request`);
  }
}

/** The committed allowance must be exactly what the retirement deletes now: no more, no less. */
function verifyAllowance(plan: RetirementPlan, file: string, committed: string[]): void {
  const mismatch = allowanceMismatch(plan, committed);
  if (mismatch.length > 0) {
    throw new UsageError(
      `${path.relative(process.cwd(), file)} is stale (${mismatch.join('; ')}): run npm run retire -- ${plan.stack} again and merge the new file through a reviewed pull request`,
    );
  }
}

const program = new Command('retire')
  .description('Destroy order, plan-guard allowance and what is kept for a retired environment (docs/day2.md#retire-an-environment).')
  .argument('<environment>', 'name of an environment with retired: true')
  .option('--json <file>', 'also write the plan as JSON')
  .option('--allow-file <file>', 'also write the plan-guard allowance to this file, one address per line')
  .option('--verify', 'only check that environments/retirements/<environment>.allow matches the retirement (the pipeline)')
  .option('--phase-targets <n>', 'verify, then print the -target addresses of destroy phase n, one per line (the pipeline)')
  .action((name: string, options: Options) => run(name, options));

runCli(program, (error) => error instanceof UsageError || error instanceof ConfigError || error instanceof GuardrailError);
