/**
 * applyGuardrails (guardrails/index.ts): which stacks it checks, which environment's `protect` and
 * suppressions a stack gets, how the account file's entries reach the shared stacks, the user text it
 * hands to the rules, and the errors for a bad entry. Small fixture stacks; every stack and
 * configuration is built inside its test (Stryker's per-test coverage sees only test-time code).
 */
import type { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { Construct } from 'constructs';
import { applyGuardrails, checkStack, configurationText, GuardrailError, RULE_IDS } from '../../guardrails';
import { child, compliantStack, synthError } from './fixture';

const JUSTIFICATION = 'Scratch bucket for a one-off migration; deleted by 2026-01-31 (ticket PLAT-123)';

function environment(name: string, protect: boolean, suppressions: unknown[] = [], extra: Record<string, unknown> = {}) {
  return { name, protect, sourceFile: `environments/${name}.ts`, guardrailSuppressions: suppressions as never[], ...extra } as never;
}

function unversioned(fixture: ReturnType<typeof compliantStack>) {
  (child(fixture.bucket, 'versioning') as S3BucketVersioningA).putVersioningConfiguration({ status: 'Suspended' });
  return fixture;
}

/** The error applyGuardrails throws, or undefined. */
function applyError(run: () => void): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(GuardrailError);
    return (error as Error).message;
  }
}

describe('configurationText: the user text the rules compare against', () => {
  it('is every string of the configuration, values and keys, depth first, without list indexes or other scalars', () => {
    const config = { name: 'alpha', tags: { Owner: 'team ${x}' }, list: ['a', { k: 'v' }], count: 3, flag: false, none: null, unset: undefined };
    expect([...configurationText(config)]).toEqual(['name', 'alpha', 'tags', 'Owner', 'team ${x}', 'list', 'a', 'k', 'v', 'count', 'flag', 'none', 'unset']);
    expect([...configurationText(['top', ['nested']])]).toEqual(['top', 'nested']);
    expect([...configurationText('alone')]).toEqual(['alone']);
    expect([...configurationText(null)]).toEqual([]);
    expect([...configurationText(7)]).toEqual([]);
  });
});

describe('user text from the data files', () => {
  // A resource that writes a string raw: Terraform would evaluate its "${var.team}".
  const rawNote = 'Owned by ${var.team}';
  const stackWritingRaw = () => {
    const fixture = compliantStack();
    new Vpc(fixture.stack, 'raw', { cidrBlock: '10.1.0.0/16', tags: { Note: rawNote } });
    return fixture;
  };

  it('from an environment file reaches DBX-TPL-001', () => {
    const fixture = stackWritingRaw();
    applyGuardrails(fixture.stack.node.scope!, { environments: [environment('test', true, [], { description: rawNote })] });
    expect(synthError(fixture.stack)).toContain('DBX-TPL-001 (error) test/raw [aws_vpc.raw]');
  });

  it('from the account file reaches DBX-TPL-001', () => {
    const fixture = stackWritingRaw();
    const account = { guardrailSuppressions: [], tags: { Note: rawNote } } as never;
    applyGuardrails(fixture.stack.node.scope!, { account, environments: [environment('test', true)] });
    expect(synthError(fixture.stack)).toContain('DBX-TPL-001 (error) test/raw [aws_vpc.raw]');
  });

  it('only: the same string written by the blueprint itself is not a finding', () => {
    const fixture = stackWritingRaw();
    applyGuardrails(fixture.stack.node.scope!, { environments: [environment('test', true)] });
    expect(synthError(fixture.stack)).toBeUndefined();
  });
});

describe('which environment a stack belongs to', () => {
  it('the one named like the stack: its protect and its suppressions, not another environment\'s', () => {
    // Unprotected resources: they pass only under the unprotected environment "test".
    const fixture = compliantStack(false);
    const other = environment('other', true, [{ rule: 'DBX-S3-002', path: 'no/such/construct', justification: JUSTIFICATION }]);
    applyGuardrails(fixture.stack.node.scope!, { environments: [other, environment('test', false)] });
    expect(synthError(fixture.stack)).toBeUndefined();
  });

  it('none for a stack named like no environment: it counts as protected, also without an account file', () => {
    const fixture = compliantStack(false);
    applyGuardrails(fixture.stack.node.scope!, { environments: [environment('other', false)] });
    expect(synthError(fixture.stack)).toContain('DBX-PROT-001 (error)');
  });

  it('only stacks are checked: a construct of the app that is not a stack gets no suppressions, even named like a shared stack', () => {
    const fixture = compliantStack();
    const app = fixture.stack.node.scope!;
    new Construct(app, 'account');
    const account = { guardrailSuppressions: [{ stack: 'account' as const, rule: 'DBX-S3-002', path: 'bucket', justification: JUSTIFICATION }] };
    expect(applyError(() => applyGuardrails(app, { account, environments: [environment('test', true)] }))).toBeUndefined();
  });
});

describe('suppressions of the account file', () => {
  it('apply to the shared stack each entry names, and only there', () => {
    const fixture = unversioned(compliantStack(true, 'account'));
    const account = {
      guardrailSuppressions: [
        { stack: 'bootstrap' as const, rule: 'DBX-KMS-001', path: 'no/such/construct', justification: JUSTIFICATION },
        { stack: 'account' as const, rule: 'DBX-S3-002', path: 'bucket', justification: JUSTIFICATION },
      ],
    };
    applyGuardrails(fixture.stack.node.scope!, { account, environments: [] });
    expect(synthError(fixture.stack)).toBeUndefined();
    expect(checkStack(fixture.stack, { protect: true }).suppressed.map((s) => `${s.ruleId} ${s.path}: ${s.justification}`)).toEqual([
      `DBX-S3-002 account/bucket/bucket: ${JUSTIFICATION}`,
    ]);
  });

  it('name the entry by its index in the account file when it is wrong', () => {
    const fixture = compliantStack(true, 'account');
    const account = {
      guardrailSuppressions: [
        { stack: 'bootstrap' as const, rule: 'DBX-S3-002', path: 'bucket', justification: JUSTIFICATION },
        { stack: 'account' as const, rule: 'DBX-S3-002', path: 'bucket/nothing', justification: JUSTIFICATION },
      ],
    };
    expect(applyError(() => applyGuardrails(fixture.stack.node.scope!, { account, environments: [] }))).toMatch(
      /^account file: guardrailSuppressions\.1\.path: stack "account" has no construct "bucket\/nothing"/,
    );
  });
});

describe('a wrong suppression entry', () => {
  it('names every known rule id when the rule is unknown', () => {
    const fixture = compliantStack();
    const entry = { rule: 'DBX-S3-999', path: 'bucket', justification: JUSTIFICATION };
    expect(applyError(() => applyGuardrails(fixture.stack.node.scope!, { environments: [environment('test', true, [entry])] }))).toBe(
      `environment "test" (environments/test.ts): guardrailSuppressions.0.rule: unknown rule id "DBX-S3-999" (known: ${RULE_IDS.join(', ')}; see docs/guardrails.md)`,
    );
  });

  it('names the closest existing construct and its children, sorted, when the path does not exist', () => {
    const fixture = compliantStack();
    const group = new Construct(fixture.stack, 'group');
    for (const id of ['zeta', 'alpha', 'mid']) new Construct(group, id);
    const apply = (path: string) => () =>
      applyGuardrails(fixture.stack.node.scope!, { environments: [environment('test', true, [{ rule: 'DBX-S3-002', path, justification: JUSTIFICATION }])] });
    expect(applyError(apply('group/beta'))).toBe(
      'environment "test" (environments/test.ts): guardrailSuppressions.0.path: stack "test" has no construct "group/beta": "test/group" has no child "beta" (its children: alpha, mid, zeta)',
    );
    expect(applyError(apply('group/alpha/deeper'))).toBe(
      'environment "test" (environments/test.ts): guardrailSuppressions.0.path: stack "test" has no construct "group/alpha/deeper": "test/group/alpha" has no child "deeper" (its children: none)',
    );
  });
});
