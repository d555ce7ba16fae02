/**
 * The guardrail engine below the rules: how a stack becomes the model the rules read, how findings
 * become violations, and how the aspect reports them. Small hand-built stacks, no example app.
 */
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { Aspects, S3Backend, TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { checkStack, formatViolation, GuardrailChecks, GuardrailError, type Rule } from '../../guardrails';
import { asList, buildModel, dataOf, isExpression, referencedBlock, refersTo, resourcesOf, stringsIn, type StackModel } from '../../guardrails/model';
import { GuardrailsFailed } from '../../guardrails/error';
import { covers } from '../../guardrails/suppressions';

function smallStack() {
  const stack = new TerraformStack(Testing.app(), 'eng');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  new AwsProvider(stack, 'aws-us', { region: 'us-east-1', alias: 'us' });
  new S3Backend(stack, { bucket: 'state', key: 'eng.tfstate', region: 'eu-west-1' });
  const bucket = new S3Bucket(stack, 'data', { bucket: 'eng-data' });
  const document = new DataAwsIamPolicyDocument(stack, 'doc', { statement: [{ actions: ['s3:GetObject'], resources: [`${bucket.arn}/*`] }] });
  new TerraformOutput(stack, 'out', { value: bucket.id });
  return { stack, bucket, document };
}

/**
 * Built inside each test, never at describe time: Stryker's per-test coverage only sees code a test
 * runs (describe-time code counts as static, and its assertions never run against a mutant).
 */
function smallModel() {
  const model = buildModel(smallStack().stack, true, ['user text']);
  return { model, byAddress: Object.fromEntries(model.blocks.map((b) => [b.address, b])) };
}

describe('the stack model', () => {
  it('holds every block once, resolved, with its kind, type, name, address and construct path', () => {
    const { model, byAddress } = smallModel();
    expect(model.stackName).toBe('eng');
    expect(model.protect).toBe(true);
    expect(model.userText).toEqual(['user text']);
    // Exactly one block per resource, data source, provider (alias included), backend and other element.
    expect(model.blocks.map((b) => b.address)).toEqual(['provider.aws', 'provider.aws.us', 'backend.s3', 'aws_s3_bucket.data', 'data.aws_iam_policy_document.doc', 'eng/out']);
    expect(byAddress['aws_s3_bucket.data']).toMatchObject({ kind: 'resource', type: 'aws_s3_bucket', name: 'data', path: 'eng/data', config: expect.objectContaining({ bucket: 'eng-data' }) });
    expect(byAddress['data.aws_iam_policy_document.doc']).toMatchObject({ kind: 'data', type: 'aws_iam_policy_document', name: 'doc', path: 'eng/doc' });
    // Tokens are resolved the way cdk.tf.json renders them.
    expect((byAddress['data.aws_iam_policy_document.doc'].config.statement as { resources: string[] }[])[0].resources).toEqual(['${aws_s3_bucket.data.arn}/*']);
    expect(byAddress['provider.aws']).toMatchObject({ kind: 'provider', type: 'aws', name: 'default', path: 'eng/aws', config: expect.objectContaining({ region: 'eu-west-1' }) });
    expect(byAddress['provider.aws.us']).toMatchObject({ kind: 'provider', type: 'aws', name: 'us', path: 'eng/aws-us', config: expect.objectContaining({ alias: 'us', region: 'us-east-1' }) });
    expect(byAddress['backend.s3']).toMatchObject({ kind: 'backend', type: 's3', name: 's3', path: 'eng/backend', config: expect.objectContaining({ bucket: 'state' }) });
    // Outputs are neither resources nor providers: kept as "other" blocks under their path, with their whole fragment.
    expect(byAddress['eng/out']).toMatchObject({ kind: 'other', type: '', name: 'eng/out', path: 'eng/out', config: { output: { out: expect.objectContaining({ value: '${aws_s3_bucket.data.id}' }) } } });
    // Each block keeps the construct that rendered it, for rules reading the construct.
    expect(byAddress['aws_s3_bucket.data'].construct.node.path).toBe('eng/data');
  });

  it('selects resources and data sources by type and kind', () => {
    const { model } = smallModel();
    expect(resourcesOf(model, 'aws_s3_bucket').map((b) => b.address)).toEqual(['aws_s3_bucket.data']);
    expect(resourcesOf(model, 'aws_iam_policy_document')).toEqual([]);
    expect(dataOf(model, 'aws_iam_policy_document').map((b) => b.address)).toEqual(['data.aws_iam_policy_document.doc']);
    expect(dataOf(model, 'aws_s3_bucket')).toEqual([]);
  });

  it('tells references from literals and finds the block a whole-value reference names', () => {
    const { model, byAddress } = smallModel();
    const bucket = byAddress['aws_s3_bucket.data'];
    expect(isExpression('${aws_s3_bucket.data.id}')).toBe(true);
    expect(isExpression('plain $ {text}')).toBe(false);
    expect(isExpression(42)).toBe(false);
    expect(refersTo('arn ${aws_s3_bucket.data.arn}/*', bucket)).toBe(true);
    expect(refersTo('${aws_s3_bucket.database.arn}', bucket)).toBe(false);
    expect(refersTo(['${aws_s3_bucket.data.arn}'], bucket)).toBe(false);
    expect(refersTo(7, bucket)).toBe(false);
    expect(referencedBlock(model, '${data.aws_iam_policy_document.doc.json}')?.address).toBe('data.aws_iam_policy_document.doc');
    expect(referencedBlock(model, '${aws_s3_bucket.data.id}')?.address).toBe('aws_s3_bucket.data');
    // Only a whole-value reference to an attribute points at a block.
    expect(referencedBlock(model, 'x${aws_s3_bucket.data.id}')).toBeUndefined();
    expect(referencedBlock(model, '${aws_s3_bucket.data.id}x')).toBeUndefined();
    expect(referencedBlock(model, '${aws_s3_bucket.data}')).toBeUndefined();
    expect(referencedBlock(model, '${aws_s3_bucket.other.id}')).toBeUndefined();
    expect(referencedBlock(model, 7)).toBeUndefined();
    // A list holding a reference is not a whole-value reference (even though it prints like one).
    expect(referencedBlock(model, ['${aws_s3_bucket.data.id}'])).toBeUndefined();
  });
});

describe('model helpers', () => {
  it('read a nested block written as an object or as a list alike', () => {
    expect(asList(undefined)).toEqual([]);
    expect(asList(null)).toEqual([]);
    expect(asList({ a: 1 })).toEqual([{ a: 1 }]);
    expect(asList([1, 2])).toEqual([1, 2]);
    expect(asList(0)).toEqual([0]);
  });

  it('list every string with its dotted path, skipping cdktf metadata', () => {
    const value = { '//': { metadata: 'skip' }, a: 'x', b: [{ c: 'y' }, 'z'], d: 3, e: null, u: undefined, t: true, f: { g: { h: 'w' } } };
    expect([...stringsIn(value)]).toEqual([['a', 'x'], ['b[0].c', 'y'], ['b[1]', 'z'], ['f.g.h', 'w']]);
    expect([...stringsIn('top')]).toEqual([['', 'top']]);
    expect([...stringsIn(['q'], 'list')]).toEqual([['list[0]', 'q']]);
  });
});

describe('checking a stack', () => {
  const errorRule: Rule = {
    id: 'T-ERR', severity: 'error', reason: 'Buckets are refused.', fix: 'Remove it.',
    check: (model: StackModel) => resourcesOf(model, 'aws_s3_bucket').map((block) => ({ block, detail: `bucket ${String(block.config.bucket)}` })),
  };
  const warningRule: Rule = {
    id: 'T-WARN', severity: 'warning', reason: 'Documents are noted.', fix: 'Nothing to do.',
    check: (model: StackModel) => dataOf(model, 'aws_iam_policy_document').map((block) => ({ block })),
  };

  it('turns findings into violations, with the detail when there is one', () => {
    const { stack } = smallStack();
    const report = checkStack(stack, { protect: false, rules: [errorRule, warningRule] });
    expect(report.violations).toEqual([
      { ruleId: 'T-ERR', severity: 'error', path: 'eng/data', address: 'aws_s3_bucket.data', message: 'Buckets are refused. Found: bucket eng-data.', fix: 'Remove it.' },
      { ruleId: 'T-WARN', severity: 'warning', path: 'eng/doc', address: 'data.aws_iam_policy_document.doc', message: 'Documents are noted.', fix: 'Nothing to do.' },
    ]);
    expect(report.suppressed).toEqual([]);
    expect(report.unusedSuppressions).toEqual([]);
    expect(formatViolation(report.violations[0])).toBe('T-ERR (error) eng/data [aws_s3_bucket.data]: Buckets are refused. Found: bucket eng-data.\n      Fix: Remove it.');
  });

  it('fails synthesis with every error of the stack and reports warnings once, through the aspect', () => {
    const { stack } = smallStack();
    new S3Bucket(stack, 'more', { bucket: 'eng-more' });
    const lines: string[] = [];
    Aspects.of(stack).add(new GuardrailChecks({ protect: true, rules: [errorRule, warningRule], report: (line) => lines.push(line) }));
    Aspects.of(stack).add(new GuardrailChecks({ protect: true, rules: [], report: (line) => lines.push(line) }));
    let message = '';
    try {
      Testing.synth(stack, true);
    } catch (error) {
      expect(error).toBeInstanceOf(GuardrailError);
      message = (error as Error).message;
    }
    expect(message).toBe(
      'Guardrails failed for stack "eng" (2 errors); nothing was written for it:\n' +
        '  - T-ERR (error) eng/data [aws_s3_bucket.data]: Buckets are refused. Found: bucket eng-data.\n      Fix: Remove it.\n' +
        '  - T-ERR (error) eng/more [aws_s3_bucket.more]: Buckets are refused. Found: bucket eng-more.\n      Fix: Remove it.\n' +
        'Fix the resources, or accept a finding with an entry in guardrailSuppressions of the environment file (account file for shared stacks): see docs/guardrails.md.',
    );
    expect(lines).toEqual(['Guardrail warning: T-WARN (warning) eng/doc [data.aws_iam_policy_document.doc]: Documents are noted.\n      Fix: Nothing to do.']);
  });

  it('says "1 error" for one, and hands the error to onError instead of throwing when asked', () => {
    const { stack } = smallStack();
    const errors: GuardrailError[] = [];
    Aspects.of(stack).add(new GuardrailChecks({ protect: true, rules: [errorRule], onError: (error) => errors.push(error) }));
    expect(() => Testing.synth(stack, true)).not.toThrow();
    expect(errors.map((e) => e.message.split('\n')[0])).toEqual(['Guardrails failed for stack "eng" (1 error); nothing was written for it:']);
    expect(errors[0].name).toBe('GuardrailError');
  });

  it('GuardrailsFailed carries every stack\'s error, their messages a blank line apart', () => {
    const failures = [new GuardrailError('first stack:\n  - one'), new GuardrailError('second stack:\n  - two')];
    const failed = new GuardrailsFailed(failures);
    expect(failed.failures).toBe(failures);
    expect(failed.message).toBe('first stack:\n  - one\n\nsecond stack:\n  - two');
    expect(failed.name).toBe('GuardrailsFailed');
  });

  it('passes a stack with warnings only', () => {
    const { stack } = smallStack();
    Aspects.of(stack).add(new GuardrailChecks({ protect: true, rules: [warningRule] }));
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });
});

describe('the rendering the rules judge', () => {
  it('is the stack as cdk.tf.json holds it, stack-level overrides included', () => {
    const { stack } = smallStack();
    stack.addOverride('resource.aws_s3_bucket.data.force_destroy', true);
    stack.addOverride('data.aws_iam_policy_document.doc.version', '2008-10-17');
    const { blocks } = buildModel(stack, true);
    const bucket = blocks.find((b) => b.address === 'aws_s3_bucket.data')!;
    expect(bucket.config).toMatchObject({ bucket: 'eng-data', force_destroy: true });
    expect(bucket.construct.node.path).toBe('eng/data');
    expect(blocks.find((b) => b.address === 'data.aws_iam_policy_document.doc')!.config).toMatchObject({ version: '2008-10-17' });
  });

  it('is the one the synthesizer writes: each element renders once per synthesis', () => {
    const { stack, bucket } = smallStack();
    const renders = jest.spyOn(bucket, 'toTerraform');
    Aspects.of(stack).add(new GuardrailChecks({ protect: true, rules: [] }));
    const written = JSON.parse(Testing.synth(stack, true)) as { resource: Record<string, Record<string, unknown>> };
    expect(renders).toHaveBeenCalledTimes(1);
    expect(written.resource.aws_s3_bucket.data).toMatchObject({ bucket: 'eng-data' });
  });

  it('is handed over for one render in that synthesis: a stack changed afterwards renders afresh', async () => {
    const buckets = (stack: TerraformStack) => Object.keys((stack.toTerraform() as { resource: Record<string, object> }).resource.aws_s3_bucket);
    const validated = () => {
      const { stack } = smallStack();
      new GuardrailChecks({ protect: true, rules: [] }).visit(stack);
      expect(stack.node.validate()).toEqual([]);
      return stack;
    };
    // The synthesizer's render takes the hand-over; the next one renders again.
    const rendered = validated();
    expect(buckets(rendered)).toEqual(['data']);
    new S3Bucket(rendered, 'later', { bucket: 'eng-later' });
    expect(buckets(rendered)).toEqual(['data', 'later']);
    // Never rendered in that synthesis (it stopped): the hand-over lapses with it.
    const stopped = validated();
    await Promise.resolve();
    new S3Bucket(stopped, 'later', { bucket: 'eng-later' });
    expect(buckets(stopped)).toEqual(['data', 'later']);
  });
});

describe('what a suppression covers', () => {
  const suppression = { path: 'eng/unity', ruleId: 'T-ERR', justification: 'x' };
  it('its rule on its construct and everything below, nothing else', () => {
    expect(covers(suppression, 'T-ERR', 'eng/unity')).toBe(true);
    expect(covers(suppression, 'T-ERR', 'eng/unity/bucket')).toBe(true);
    expect(covers(suppression, 'T-ERR', 'eng/unity-catalog')).toBe(false);
    expect(covers(suppression, 'T-ERR', 'eng')).toBe(false);
    expect(covers(suppression, 'T-WARN', 'eng/unity')).toBe(false);
  });
});
