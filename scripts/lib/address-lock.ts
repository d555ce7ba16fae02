/**
 * Pure logic of the address lock (docs/day2.md#address-lock): compares the stateful resource
 * addresses of a synthesized stack with its committed lock, and says which `moved` block a
 * refactor needs before Terraform would destroy and recreate a bucket, key or workspace.
 */
import type { AddressLock } from '../../environments/lib/address-lock-files';
import { PROTECTED_RESOURCE_TYPES, protectionOf } from '../../constructs/stateful-types';

/**
 * Types whose address the lock pins: the `stateful` and `binding` kinds of the one canonical list
 * (constructs/stateful-types.ts). Security controls are guarded by the plan guard, but recreating
 * one loses nothing, so a rename of one needs no moved block.
 */
export const LOCKED_RESOURCE_TYPES: readonly string[] = PROTECTED_RESOURCE_TYPES.filter((type) => protectionOf(type)?.kind !== 'security-control');

/** The parts of a synthesized cdk.tf.json the lock reads. */
export interface SynthesizedStack {
  resource?: Record<string, Record<string, { '//'?: { metadata?: { path?: string } } } & Record<string, unknown>>>;
  moved?: { from: string; to: string }[];
}

export interface LockFinding {
  kind: 'missing' | 'unlocked' | 'retirement';
  address?: string;
  message: string;
}

const typeOf = (address: string) => address.slice(0, address.indexOf('.'));

/** Sorted addresses of every resource of a locked type in the stack. */
export function statefulAddresses(stack: SynthesizedStack, types: readonly string[] = LOCKED_RESOURCE_TYPES): string[] {
  const addresses: string[] = [];
  for (const type of types) {
    for (const name of Object.keys(stack.resource?.[type] ?? {})) addresses.push(`${type}.${name}`);
  }
  return addresses.sort();
}

/** `from -> to` of the stack's moved blocks (Terraform follows chains, so do we). */
function movedTargets(stack: SynthesizedStack): Map<string, string> {
  return new Map(stack.moved?.map((block) => [block.from, block.to]));
}

function follow(address: string, moves: Map<string, string>): string {
  const seen = new Set<string>();
  let current = address;
  while (moves.has(current) && !seen.has(current)) {
    seen.add(current);
    current = moves.get(current)!;
  }
  return current;
}

/** The construct path cdktf records for a resource of the stack (`address` is one of its own). */
const constructPath = (resources: NonNullable<SynthesizedStack['resource']>, address: string): string | undefined => {
  const dot = address.indexOf('.');
  return resources[address.slice(0, dot)][address.slice(dot + 1)]['//']?.metadata?.path;
};

/** The text a reviewer needs: what would happen, and the exact moved block that prevents it. */
function missingMessage(stackName: string, address: string, candidates: string[], stack: SynthesizedStack): string {
  const head = `stack "${stackName}": locked address ${address} is gone: Terraform would destroy that ${typeOf(address)}`;
  if (candidates.length === 0) {
    return `${head} and create nothing in its place. If that destroy is intended (a feature turned off), record it with ` +
      `\`npm run lock:update -- --remove ${address}\` (the plan guard then needs a reviewed allowance for it); to drop a whole environment, ` +
      'retire it (docs/day2.md#retire-an-environment); if the resource moved to another stack, see docs/day2.md#address-lock';
  }
  const hints = candidates.map((to) => {
    const where = constructPath(stack.resource!, to); // a candidate is one of the stack's resources
    return `moved { from = ${address}  to = ${to} }  — in code: \`<resource${where ? ` at ${where}` : ''}>.moveFromId('${address}')\``;
  });
  return `${head} and create ${candidates.join(' or ')}. If this is a rename or refactor, add the moved block: ${hints.join('; or ')}`;
}

/**
 * Differences between a stack and its lock. `retired` is the environment's switch: the lock must
 * record it, so deleting the environment file later is allowed (environments/lib/address-lock-files.ts).
 */
export function checkLock(stackName: string, stack: SynthesizedStack, lock: AddressLock | undefined, retired = false): LockFinding[] {
  const present = statefulAddresses(stack);
  if (!lock) {
    return [{ kind: 'unlocked', message: `stack "${stackName}" has no address lock; run \`npm run lock:update\` and commit environments/address-lock/${stackName}.json` }];
  }
  const findings: LockFinding[] = [];
  const moves = movedTargets(stack);
  const presentSet = new Set(present);
  const covered = new Set<string>();
  for (const address of lock.addresses) {
    const target = follow(address, moves);
    if (presentSet.has(target)) {
      covered.add(target);
      continue;
    }
    const candidates = present.filter((other) => typeOf(other) === typeOf(address) && !lock.addresses.includes(other));
    // A candidate is explained by the missing address's hint; it needs no second finding.
    for (const candidate of candidates) covered.add(candidate);
    findings.push({ kind: 'missing', address, message: missingMessage(stackName, address, candidates, stack) });
  }
  for (const address of present.filter((a) => !covered.has(a))) {
    findings.push({
      kind: 'unlocked',
      address,
      message: `stack "${stackName}": new stateful resource ${address} is not in the lock; if the addition is intended, run \`npm run lock:update\``,
    });
  }
  if (lock.retired !== retired) {
    findings.push({
      kind: 'retirement',
      message: `stack "${stackName}": the environment ${retired ? 'is' : 'is no longer'} retired but its lock says retired: ${lock.retired}; run \`npm run lock:update\``,
    });
  }
  return findings;
}

/**
 * The lock after intended changes: new addresses are added and moved addresses follow their moved
 * block. Refuses (returns the findings) when a locked address would disappear: that is a destroy,
 * and a lock update must never hide one, unless that address is named in `removals`.
 */
export function updateLock(
  stackName: string,
  stack: SynthesizedStack,
  lock: AddressLock | undefined,
  retired = false,
  /** Addresses whose destruction a reviewer intends (`--remove`): dropped instead of refused. */
  removals: ReadonlySet<string> = new Set(),
): { lock: AddressLock; refused: LockFinding[] } {
  const refused = lock
    ? checkLock(stackName, stack, lock, retired).filter((finding) => finding.kind === 'missing' && !removals.has(finding.address!))
    : [];
  return { lock: { stack: stackName, retired, addresses: statefulAddresses(stack) }, refused };
}
