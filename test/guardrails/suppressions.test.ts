import type { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { checkStack, GuardrailError, suppress } from '../../guardrails';
import { child, compliantStack, synthError } from './fixture';

const JUSTIFICATION = 'Scratch bucket for a one-off migration; deleted by 2026-01-31 (ticket PLAT-123)';

describe('a suppressed violation', () => {
  const fixture = compliantStack();
  (child(fixture.bucket, 'versioning') as S3BucketVersioningA).putVersioningConfiguration({ status: 'Suspended' });
  // Suppressing on the SecureBucket covers the bucket resource below it.
  suppress(fixture.bucket, 'DBX-S3-002', JUSTIFICATION);

  it('passes synthesis and is reported as suppressed with its justification', () => {
    expect(synthError(fixture.stack)).toBeUndefined();
    const report = checkStack(fixture.stack, { protect: true });
    expect(report.violations).toEqual([]);
    expect(report.suppressed).toEqual([expect.objectContaining({ ruleId: 'DBX-S3-002', path: 'test/bucket/bucket', justification: JUSTIFICATION })]);
  });

  it('keeps the justification in the synthesized metadata of cdk.tf.json', () => {
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

  it('rejects an unknown rule id', () => {
    const fixture = compliantStack();
    expect(() => suppress(fixture.bucket, 'DBX-S3-999', JUSTIFICATION)).toThrow(/unknown rule id "DBX-S3-999"/);
  });
});
