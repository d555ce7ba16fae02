/**
 * Prints how to destroy a retired environment's stack: destroy order, plan-guard allowance, what is kept.
 *
 *   npm run retire -- <environment> [--json <file>] [--allow-file <file>]
 *
 * The environment must have `retired: true` and its lock must record it (npm run lock:update).
 * Exit codes: 0 printed, 2 usage or configuration error (one line, nothing written).
 */
import { writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { ConfigError, environmentsDir, loadConfig } from '../environments';
import { readLocks } from '../environments/lib/address-lock-files';
import { GuardrailError } from '../guardrails';
import { runCli } from './lib/cli';
import { renderRetirement, retirementPlan, type RetireStack } from './lib/retirement';
import { synthesizeStacks } from './lib/synth-app';

class UsageError extends Error {}

interface Options {
  json?: string;
  allowFile?: string;
}

function write(file: string, content: string): void {
  try {
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

  const stack = synthesizeStacks<RetireStack>(config).get(name)!;
  const plan = retirementPlan(name, stack, lock, { stateBucket: config.account.state.bucket, stateKey: env.stateKey });
  process.stdout.write(renderRetirement(plan));
  if (options.json) write(options.json, `${JSON.stringify(plan, null, 2)}\n`);
  // One address per line: what a reviewed allowance for the plan guard consumes.
  if (options.allowFile) write(options.allowFile, plan.allow.map((address) => `${address}\n`).join(''));
}

const program = new Command('retire')
  .description('Destroy order, plan-guard allowance and what is kept for a retired environment (docs/day2.md#retire-an-environment).')
  .argument('<environment>', 'name of an environment with retired: true')
  .option('--json <file>', 'also write the plan as JSON')
  .option('--allow-file <file>', 'write the plan-guard allowance, one address per line')
  .action((name: string, options: Options) => run(name, options));

runCli(program, (error) => error instanceof UsageError || error instanceof ConfigError || error instanceof GuardrailError);
