import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Testing, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { readLocks } from '../../environments/lib/address-lock-files';
import { SecureBucket } from '../../constructs/aws/secure-bucket';
import { checkLock, LOCKED_RESOURCE_TYPES, statefulAddresses, updateLock, type SynthesizedStack } from '../../scripts/lib/address-lock';
import { EXAMPLE_ENVIRONMENTS_DIR, exampleConfig, synthApp } from '../support/synth';

/** A stack with one secure bucket under `parent/<bucketId>`, as a refactor would move it. */
function bucketStack(bucketId: string, options: { moveFrom?: string; extraBucket?: boolean } = {}): SynthesizedStack {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'fixture');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  const parent = new Construct(stack, 'parent');
  const bucket = new SecureBucket(parent, bucketId, { bucketName: 'fixture-data', kmsKeyArn: 'arn:aws:kms:eu-west-1:111122223333:key/fixture' });
  if (options.moveFrom) bucket.bucket.moveFromId(options.moveFrom);
  if (options.extraBucket) new SecureBucket(parent, 'extra', { bucketName: 'fixture-extra', kmsKeyArn: 'arn:aws:kms:eu-west-1:111122223333:key/fixture' });
  return JSON.parse(Testing.synth(stack)) as SynthesizedStack;
}

describe('address lock of the example app', () => {
  const config = exampleConfig();
  const stacks = synthApp(config) as unknown as Record<string, SynthesizedStack>;
  const locks = readLocks(EXAMPLE_ENVIRONMENTS_DIR);
  const retired = new Set(config.environments.filter((env) => env.retired).map((env) => env.name));

  test.each(Object.keys(stacks))('stack %s matches its committed lock', (name) => {
    expect(checkLock(name, stacks[name], locks.get(name), retired.has(name)).map((f) => f.message)).toEqual([]);
  });

  test('every lock belongs to a stack of the app or records a retired environment', () => {
    const stale = [...locks.values()].filter((lock) => !(lock.stack in stacks) && !lock.retired).map((lock) => lock.stack);
    expect(stale).toEqual([]);
  });

  test('each lock holds exactly the stateful addresses, of the canonical stateful types only', () => {
    for (const [name, stack] of Object.entries(stacks)) {
      const lock = locks.get(name)!;
      expect(lock.addresses).toEqual(statefulAddresses(stack));
      for (const address of lock.addresses) expect(LOCKED_RESOURCE_TYPES).toContain(address.split('.')[0]);
    }
  });
});

describe('renaming a stateful construct', () => {
  const original = bucketStack('data');
  const { lock } = updateLock('fixture', original, undefined);
  const [oldAddress] = statefulAddresses(original);

  test('the lock records the bucket address', () => {
    expect(lock.addresses).toEqual([oldAddress]);
    expect(checkLock('fixture', original, lock)).toEqual([]);
  });

  test('fails with the moved block to add', () => {
    const renamed = bucketStack('storage');
    const [newAddress] = statefulAddresses(renamed);
    expect(newAddress).not.toEqual(oldAddress);
    const findings = checkLock('fixture', renamed, lock);
    expect(findings.map((f) => f.kind)).toEqual(['missing']);
    expect(findings[0].message).toContain(`moved { from = ${oldAddress}  to = ${newAddress} }`);
    expect(findings[0].message).toContain(`.moveFromId('${oldAddress}')`);
  });

  test('passes once the moved block exists, which is a plain Terraform moved block', () => {
    const moved = bucketStack('storage', { moveFrom: oldAddress });
    const [newAddress] = statefulAddresses(moved);
    expect(checkLock('fixture', moved, lock)).toEqual([]);
    expect(moved.moved).toEqual([{ from: oldAddress, to: newAddress }]);
    expect(updateLock('fixture', moved, lock)).toEqual({ lock: { stack: 'fixture', retired: false, addresses: [newAddress] }, refused: [] });
  });

  test('lock:update refuses to drop a locked address without a moved block', () => {
    const { refused } = updateLock('fixture', bucketStack('storage'), lock);
    expect(refused.map((f) => f.address)).toEqual([oldAddress]);
  });

  test('lock:update drops a locked address only when a reviewer names it (--remove)', () => {
    const app = Testing.app();
    const empty = new TerraformStack(app, 'fixture');
    new AwsProvider(empty, 'aws', { region: 'eu-west-1' });
    const synthesized = JSON.parse(Testing.synth(empty)) as SynthesizedStack;
    expect(updateLock('fixture', synthesized, lock).refused.map((f) => f.address)).toEqual([oldAddress]);
    expect(updateLock('fixture', synthesized, lock, false, new Set([oldAddress]))).toEqual({ lock: { stack: 'fixture', retired: false, addresses: [] }, refused: [] });
  });

  test('a deleted stateful resource without replacement says so and points at --remove and retirement', () => {
    const app = Testing.app();
    const empty = new TerraformStack(app, 'fixture');
    new AwsProvider(empty, 'aws', { region: 'eu-west-1' });
    const [finding] = checkLock('fixture', JSON.parse(Testing.synth(empty)) as SynthesizedStack, lock);
    expect(finding.message).toMatch(/destroy that aws_s3_bucket and create nothing/);
    expect(finding.message).toContain(`npm run lock:update -- --remove ${oldAddress}`);
    expect(finding.message).toContain('retire');
  });
});

describe('intended additions and retirement', () => {
  const base = bucketStack('data');
  const { lock } = updateLock('fixture', base, undefined);

  test('a new stateful resource fails until lock:update records it', () => {
    const grown = bucketStack('data', { extraBucket: true });
    const findings = checkLock('fixture', grown, lock);
    expect(findings.map((f) => f.kind)).toEqual(['unlocked']);
    expect(findings[0].message).toContain('npm run lock:update');
    const updated = updateLock('fixture', grown, lock);
    expect(updated.refused).toEqual([]);
    expect(checkLock('fixture', grown, updated.lock)).toEqual([]);
  });

  test('a retired environment must be recorded in its lock', () => {
    expect(checkLock('fixture', base, lock, true).map((f) => f.kind)).toEqual(['retirement']);
    const retiredLock = updateLock('fixture', base, lock, true).lock;
    expect(retiredLock.retired).toBe(true);
    expect(checkLock('fixture', base, retiredLock, true)).toEqual([]);
  });

  test('a stack without a lock is a finding', () => {
    expect(checkLock('fixture', base, undefined)[0].message).toContain('no address lock');
  });
});
