import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { Aspects, TerraformStack, Testing } from 'cdktf';
import { buildApp } from '../../stacks/app';
import { checkStack, GuardrailChecks, GuardrailError } from '../../guardrails';
import { fixtureConfig } from '../support/fixtures';
import { exampleConfig } from '../support/synth';

const config = exampleConfig();
// Synthesized once: every stack, validations included (what `app.synth()` runs).
const app = buildApp(Testing.app(), config);
const stacks = app.node.children.filter(TerraformStack.isStack);

describe('the example environments', () => {
  it('carry the rule pack on every stack main.ts creates', () => {
    expect(stacks.map((s) => s.node.id).sort()).toEqual(['account', 'bootstrap', ...config.environments.map((e) => e.name)].sort());
    for (const stack of stacks) expect(Aspects.of(stack).all.some((a) => a instanceof GuardrailChecks)).toBe(true);
  });

  it.each(stacks.map((s) => [s.node.id, s]))('%s synthesizes with zero violations (errors or warnings)', (_name, stack) => {
    expect(() => Testing.synth(stack, true)).not.toThrow();
    const environment = config.environments.find((e) => e.name === stack.node.id);
    const report = checkStack(stack, { protect: environment?.protect ?? true });
    expect(report.violations).toEqual([]);
    expect(report.suppressed).toEqual([]);
  });
});

describe('app.synth()', () => {
  // Specification on a fixture: one protected environment "alpha".
  const fixture = fixtureConfig();

  it('fails with a GuardrailError naming the rule and the construct, before the stack is written', () => {
    const failing = buildApp(Testing.app(), fixture);
    const stack = failing.node.findChild('alpha') as TerraformStack;
    new S3Bucket(stack, 'unmanaged-bucket', { bucket: 'fx-unmanaged' });
    let caught: unknown;
    try {
      failing.synth();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(GuardrailError);
    const message = (caught as Error).message;
    expect(message).toContain('Guardrails failed for stack "alpha"');
    for (const id of ['DBX-S3-001', 'DBX-S3-002', 'DBX-S3-003', 'DBX-S3-004', 'DBX-PROT-001']) {
      expect(message).toContain(`${id} (error) alpha/unmanaged-bucket [aws_s3_bucket.unmanaged-bucket]`);
    }
  });

  it('treats stacks that are not environments (bootstrap, account) as protected', () => {
    const failing = buildApp(Testing.app(), fixture);
    const account = failing.node.findChild('account') as TerraformStack;
    new S3Bucket(account, 'loose', { bucket: 'fx-loose' });
    expect(() => Testing.synth(account, true)).toThrow(/DBX-PROT-001 \(error\) account\/loose/);
  });
});
