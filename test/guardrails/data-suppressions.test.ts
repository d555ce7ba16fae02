import type { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { applyGuardrails, checkStack, GuardrailError } from '../../guardrails';
import { accountSchema, environmentSchema } from '../../environments/schema';
import { child, compliantStack, synthError } from './fixture';

const JUSTIFICATION = 'Scratch bucket for a one-off migration; deleted by 2026-01-31 (ticket PLAT-123)';

/** The fixture stack is named "test": an environment of that name carries its suppressions. */
function environment(suppressions: unknown[], protect = true) {
  return { name: 'test', protect, sourceFile: 'environments/test.ts', guardrailSuppressions: suppressions as never[] };
}

function fixtureWithUnversionedBucket() {
  const fixture = compliantStack();
  (child(fixture.bucket, 'versioning') as S3BucketVersioningA).putVersioningConfiguration({ status: 'Suspended' });
  return fixture;
}

describe('suppressions declared in an environment file', () => {
  it('accept exactly the finding they name, with the justification in the report and cdk.tf.json', () => {
    const fixture = fixtureWithUnversionedBucket();
    const app = fixture.stack.node.scope!;
    const lines: string[] = [];
    applyGuardrails(app, { environments: [environment([{ rule: 'DBX-S3-002', path: 'bucket', justification: JUSTIFICATION }]) as never] }, { report: (l) => lines.push(l) });
    expect(synthError(fixture.stack)).toBeUndefined();
    const report = checkStack(fixture.stack, { protect: true });
    expect(report.suppressed).toEqual([expect.objectContaining({ ruleId: 'DBX-S3-002', path: 'test/bucket/bucket', justification: JUSTIFICATION })]);
    const json = fixture.stack.toTerraform() as { '//': { metadata: { guardrailSuppressions: unknown[] } } };
    expect(json['//'].metadata.guardrailSuppressions).toEqual([{ path: 'test/bucket', ruleId: 'DBX-S3-002', justification: JUSTIFICATION }]);
    expect(lines).toEqual([]);
  });

  it('report an unused suppression on the terminal line by line', () => {
    const fixture = compliantStack();
    const lines: string[] = [];
    applyGuardrails(fixture.stack.node.scope!, { environments: [environment([{ rule: 'DBX-S3-002', path: 'bucket', justification: JUSTIFICATION }]) as never] }, { report: (l) => lines.push(l) });
    expect(synthError(fixture.stack)).toBeUndefined();
    expect(lines).toEqual(['Guardrail suppression of DBX-S3-002 at test/bucket matches no violation; remove it']);
  });

  it('report warnings on the terminal too', () => {
    const fixture = compliantStack();
    child(fixture.bucket, 'encryption').addOverride('rule.0.bucket_key_enabled', false);
    const lines: string[] = [];
    applyGuardrails(fixture.stack.node.scope!, { environments: [environment([]) as never] }, { report: (l) => lines.push(l) });
    expect(synthError(fixture.stack)).toBeUndefined();
    expect(lines).toEqual([expect.stringMatching(/^Guardrail warning: DBX-S3-005 \(warning\) test\/bucket\/bucket /)]);
  });

  it('refuse an unknown rule id and a path with no construct, naming the file and the field', () => {
    const unknown = compliantStack();
    expect(() => applyGuardrails(unknown.stack.node.scope!, { environments: [environment([{ rule: 'DBX-S3-999', path: 'bucket', justification: JUSTIFICATION }]) as never] })).toThrow(
      GuardrailError,
    );
    expect(() => applyGuardrails(compliantStack().stack.node.scope!, { environments: [environment([{ rule: 'DBX-S3-999', path: 'bucket', justification: JUSTIFICATION }]) as never] })).toThrow(
      /^environment "test" \(environments\/test.ts\): guardrailSuppressions.0.rule: unknown rule id "DBX-S3-999" \(known: DBX-S3-001/,
    );
    expect(() => applyGuardrails(compliantStack().stack.node.scope!, { environments: [environment([{ rule: 'DBX-S3-002', path: 'bucket/nothing', justification: JUSTIFICATION }]) as never] })).toThrow(
      'environment "test" (environments/test.ts): guardrailSuppressions.0.path: stack "test" has no construct "bucket/nothing": "test/bucket" has no child "nothing" (its children:',
    );
  });

  it('hand a bad entry to onError with the failing stacks when synthesis collects them (main.ts), instead of throwing', () => {
    const errors: GuardrailError[] = [];
    const env = environment([{ rule: 'DBX-S3-999', path: 'bucket', justification: JUSTIFICATION }]) as never;
    expect(() => applyGuardrails(compliantStack().stack.node.scope!, { environments: [env] }, { onError: (e) => errors.push(e) })).not.toThrow();
    expect(errors.map((e) => e.message)).toEqual([expect.stringContaining('guardrailSuppressions.0.rule: unknown rule id "DBX-S3-999"')]);
  });

  it('apply the account file entries to the shared stack they name only', () => {
    const fixture = fixtureWithUnversionedBucket();
    const account = { guardrailSuppressions: [{ stack: 'account' as const, rule: 'DBX-S3-002', path: 'bucket', justification: JUSTIFICATION }] };
    // The stack is called "test", not "account": the entry does not apply and the finding stays.
    applyGuardrails(fixture.stack.node.scope!, { account, environments: [] });
    expect(synthError(fixture.stack)).toContain('DBX-S3-002');
  });
});

describe('suppression entries in the schema', () => {
  const base = { rule: 'DBX-S3-002', path: 'unity-catalog/bucket', justification: JUSTIFICATION };
  const issues = (entry: Record<string, unknown>) => {
    const result = environmentSchema.shape.guardrailSuppressions.safeParse([entry]);
    return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('accepts a rule id, a construct path and a justification; defaults to none', () => {
    expect(issues(base)).toEqual([]);
    expect(environmentSchema.shape.guardrailSuppressions.parse(undefined)).toEqual([]);
  });

  it.each([
    [{ ...base, justification: '   because   ' }, '0.justification: must explain why (at least 20 characters)'],
    [{ ...base, rule: 's3-002' }, '0.rule: must be a guardrail rule id such as "DBX-S3-002"'],
    [{ ...base, path: '/prod/bucket' }, '0.path: must be a construct path inside the stack'],
    [{ ...base, path: 'bucket/' }, '0.path: must be a construct path inside the stack'],
    [{ ...base, reason: 'x' }, '0: Unrecognized key: "reason"'],
  ])('refuses %j', (entry, message) => {
    expect(issues(entry)[0]).toContain(message);
  });

  it('requires the stack in the account file', () => {
    const result = accountSchema.shape.guardrailSuppressions.safeParse([base]);
    expect(result.success).toBe(false);
    expect(accountSchema.shape.guardrailSuppressions.parse([{ ...base, stack: 'bootstrap' }])).toEqual([{ ...base, stack: 'bootstrap' }]);
  });
});
