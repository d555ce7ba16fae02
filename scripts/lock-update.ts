/**
 * Updates the address locks (environments/address-lock/<stack>.json) after intended changes:
 *
 *   npm run lock:update              add new stateful addresses, follow moved blocks, record retirements
 *   npm run lock:update -- --remove <address> ...   also drop these addresses: an intended destroy, reviewed in the diff
 *   npm run lock:update -- --init    rewrite every lock from scratch (a fork's first step; nothing deployed yet)
 *
 * It refuses, writing nothing, when a locked address would disappear without a moved block.
 * Exit codes: 0 updated (or nothing to do), 1 refused, 2 usage or configuration error.
 */
import { Command } from 'commander';
import { ConfigError, environmentsDir, loadConfig } from '../environments';
import { deleteLock, lockFile, readLocks, SHARED_STACKS, writeLock, type AddressLock } from '../environments/lib/address-lock-files';
import { GuardrailError } from '../guardrails';
import { updateLock, type LockFinding, type SynthesizedStack } from './lib/address-lock';
import { runCli } from './lib/cli';
import { synthesizeStacks } from './lib/synth-app';
import * as path from 'node:path';

const EXIT_REFUSED = 1;

class UsageError extends Error {}

interface Options {
  init?: boolean;
  remove: string[];
}

function run(options: Options): number {
  const dir = environmentsDir();
  const config = loadConfig(dir, { checkRetirements: !options.init });
  const existing = options.init ? new Map<string, AddressLock>() : readLocks(dir);
  const stacks = synthesizeStacks<SynthesizedStack>(config);
  const retired = new Set(config.environments.filter((env) => env.retired).map((env) => env.name));
  const removals = new Set(options.remove);
  const locked = new Set([...existing.values()].flatMap((lock) => lock.addresses));
  const unknown = options.remove.filter((address) => !locked.has(address));
  if (unknown.length > 0) throw new UsageError(`--remove: not a locked address: ${unknown.join(', ')}`);

  const updates: AddressLock[] = [];
  const refused: LockFinding[] = [];
  for (const [name, stack] of stacks) {
    const result = updateLock(name, stack, existing.get(name), retired.has(name), removals);
    updates.push(result.lock);
    refused.push(...result.refused);
  }
  if (refused.length > 0) {
    process.stderr.write(`lock:update refused; nothing was written:\n${refused.map((f) => `  - ${f.message}`).join('\n')}\n`);
    return EXIT_REFUSED;
  }
  const relative = (stack: string) => path.relative(process.cwd(), lockFile(dir, stack));
  for (const lock of updates) {
    const before = existing.get(lock.stack);
    const added = lock.addresses.filter((a) => !before?.addresses.includes(a));
    const dropped = (before?.addresses ?? []).filter((a) => !lock.addresses.includes(a) && !removals.has(a));
    const removed = (before?.addresses ?? []).filter((a) => removals.has(a) && !lock.addresses.includes(a));
    writeLock(dir, lock);
    if (!before || added.length + dropped.length + removed.length > 0 || before.retired !== lock.retired) {
      process.stdout.write(`${relative(lock.stack)}: ${lock.addresses.length} address(es)${added.length ? `, +${added.length}` : ''}` +
        `${dropped.length ? `, ${dropped.length} followed a moved block` : ''}${removed.length ? `, -${removed.length} removed` : ''}${lock.retired ? ', retired' : ''}\n`);
    }
  }
  if (options.init) {
    // A fresh lock set: locks of stacks the app no longer builds (the replaced examples) go.
    for (const stack of readLocks(dir).keys()) {
      if (!stacks.has(stack) && !SHARED_STACKS.includes(stack)) {
        deleteLock(dir, stack);
        process.stdout.write(`${relative(stack)}: deleted (no such stack)\n`);
      }
    }
  }
  return 0;
}

const program = new Command('lock:update')
  .description('Record the Terraform addresses of stateful resources per stack (docs/day2.md#address-lock).')
  .option('--remove <address>', 'drop this locked address: its destroy is intended (repeatable)',
    (address: string, previous: string[]) => [...previous, address], [] as string[])
  .option('--init', 'rewrite every lock from the current synthesis; only for a repository with nothing deployed (a fork\'s first run)')
  .action((options: Options) => {
    process.exitCode = run(options);
  });

runCli(program, (error) => error instanceof UsageError || error instanceof ConfigError || error instanceof GuardrailError);
