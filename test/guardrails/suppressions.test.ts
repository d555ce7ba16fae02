import type { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { checkStack, GuardrailError, suppress } from '../../guardrails';
import { MIN_JUSTIFICATION_LENGTH, suppressionsOf } from '../../guardrails/suppressions';
import { child, compliantStack, synthError } from './fixture';

const JUSTIFICATION = 'Scratch bucket for a one-off migration; deleted by 2026-01-31 (ticket PLAT-123)';

/** An unversioned bucket with its DBX-S3-002 finding suppressed; built in each test (Stryker's per-test coverage sees only test-time code). */
function suppressedFixture() {
  const fixture = compliantStack();
  (child(fixture.bucket, 'versioning') as S3BucketVersioningA).putVersioningConfiguration({ status: 'Suspended' });
  // Suppressing on the SecureBucket covers the bucket resource below it.
  suppress(fixture.bucket, 'DBX-S3-002', JUSTIFICATION);
  return fixture;
}

describe('a suppressed violation', () => {
  it('passes synthesis and is reported as suppressed with its justification', () => {
    const fixture = suppressedFixture();
    expect(synthError(fixture.stack)).toBeUndefined();
    const report = checkStack(fixture.stack, { protect: true });
    expect(report.violations).toEqual([]);
    expect(report.suppressed).toEqual([expect.objectContaining({ ruleId: 'DBX-S3-002', path: 'test/bucket/bucket', justification: JUSTIFICATION })]);
  });

  it('keeps the justification in the synthesized metadata of cdk.tf.json', () => {
    const fixture = suppressedFixture();
    const json = fixture.stack.toTerraform() as { '//': { metadata: { guardrailSuppressions: unknown[] } } };
    expect(json['//'].metadata.guardrailSuppressions).toEqual([{ path: 'test/bucket', ruleId: 'DBX-S3-002', justification: JUSTIFICATION }]);
    expect(fixture.bucket.node.metadata.find((m) => m.type === 'guardrail-suppression')?.data).toEqual({ ruleId: 'DBX-S3-002', justification: JUSTIFICATION });
  });

  it('covers only its rule: another violation on the same construct still fails', () => {
    const other = compliantStack();
    (child(other.bucket, 'versioning') as S3BucketVersioningA).putVersioningConfiguration({ status: 'Suspended' });
    child(other.bucket, 'public-access-block').addOverride('block_public_acls', false);
    suppress(other.bucket, 'DBX-S3-002', JUSTIFICATION);
    const message = synthError(other.stack);
    expect(message).toContain('DBX-S3-003');
    expect(message).not.toContain('DBX-S3-002');
  });

  it('covers only its construct: a sibling is still checked', () => {
    const other = compliantStack();
    other.key.key.addOverride('enable_key_rotation', false);
    suppress(other.bucket, 'DBX-KMS-001', JUSTIFICATION);
    expect(synthError(other.stack)).toContain('DBX-KMS-001 (error) test/key/key');
    expect(checkStack(other.stack, { protect: true }).unusedSuppressions.map((s) => s.path)).toEqual(['test/bucket']);
  });
});

describe('suppress()', () => {
  it.each(['', '   ', 'because'])('rejects the justification %j', (justification) => {
    const fixture = compliantStack();
    expect(() => suppress(fixture.bucket, 'DBX-S3-002', justification)).toThrow(GuardrailError);
    expect(() => suppress(fixture.bucket, 'DBX-S3-002', justification)).toThrow(/test\/bucket: the justification must explain why/);
  });

  it(`needs at least ${MIN_JUSTIFICATION_LENGTH} characters of text, surrounding blanks not counted, and keeps the trimmed text`, () => {
    const fixture = compliantStack();
    const tooShort = 'x'.repeat(MIN_JUSTIFICATION_LENGTH - 1);
    expect(() => suppress(fixture.bucket, 'DBX-S3-002', `   ${tooShort}   `)).toThrow(
      `Guardrail suppression of DBX-S3-002 at test/bucket: the justification must explain why (at least ${MIN_JUSTIFICATION_LENGTH} characters); got "${tooShort}"`,
    );
    const justEnough = 'y'.repeat(MIN_JUSTIFICATION_LENGTH);
    suppress(fixture.bucket, 'DBX-S3-002', `  ${justEnough}\n`);
    expect(suppressionsOf(fixture.stack)).toEqual([{ path: 'test/bucket', ruleId: 'DBX-S3-002', justification: justEnough }]);
    expect(fixture.bucket.node.metadata.find((m) => m.type === 'guardrail-suppression')?.data).toEqual({ ruleId: 'DBX-S3-002', justification: justEnough });
  });

  it('rejects an unknown rule id', () => {
    const fixture = compliantStack();
    expect(() => suppress(fixture.bucket, 'DBX-S3-999', JUSTIFICATION)).toThrow('Guardrail suppression at test/bucket: unknown rule id "DBX-S3-999" (see docs/guardrails.md)');
    expect(suppressionsOf(fixture.stack)).toEqual([]);
  });

  it('collects every suppression of a stack in one record, in order', () => {
    const fixture = compliantStack();
    suppress(fixture.bucket, 'DBX-S3-002', JUSTIFICATION);
    suppress(fixture.key, 'DBX-KMS-001', JUSTIFICATION);
    expect(suppressionsOf(fixture.stack).map((s) => `${s.ruleId} ${s.path}`)).toEqual(['DBX-S3-002 test/bucket', 'DBX-KMS-001 test/key']);
  });
});

it('checking a stack adds nothing to it: no suppression metadata in cdk.tf.json of a stack without suppressions', () => {
  const fixture = compliantStack();
  expect(suppressionsOf(fixture.stack)).toEqual([]);
  expect(checkStack(fixture.stack, { protect: true }).unusedSuppressions).toEqual([]);
  const json = fixture.stack.toTerraform() as { '//'?: { metadata?: Record<string, unknown> } };
  expect(json['//']?.metadata).not.toHaveProperty('guardrailSuppressions');
});
