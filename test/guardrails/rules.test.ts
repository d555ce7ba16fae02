import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { Testing } from 'cdktf';
import { checkStack, GuardrailError, RULES } from '../../guardrails';
import { buildModel } from '../../guardrails/model';
import { child, compliantStack, FIXTURE_USER_TEXT, synthError, UC_MASTER_ROLE, type Fixture } from './fixture';

// Overrides merge lists (they append), so list-valued settings are replaced through the typed setters.
const encryptionOf = (f: Fixture) => child(f.bucket, 'encryption') as S3BucketServerSideEncryptionConfigurationA;

// Built at runtime so that no credential-shaped literal lives in the source.
const FAKE_PAT = ['dapi', 'ab'.repeat(16)].join('');

/** One violation per rule: [rule id, construct path that must be named, how to break the fixture]. */
const violations: [string, string, (f: Fixture) => void][] = [
  ['DBX-S3-001', 'test/bucket/bucket', (f) => encryptionOf(f).putRule([{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }])],
  ['DBX-S3-002', 'test/bucket/bucket', (f) => child(f.bucket, 'versioning').addOverride('versioning_configuration', { status: 'Suspended' })],
  ['DBX-S3-003', 'test/bucket/bucket', (f) => child(f.bucket, 'public-access-block').addOverride('restrict_public_buckets', false)],
  ['DBX-S3-004', 'test/bucket/bucket', (f) => f.bucket.policyDocument.putStatement([{ sid: 'Read', effect: 'Allow', actions: ['s3:GetObject'], resources: ['*'] }])],
  ['DBX-KMS-001', 'test/key/key', (f) => f.key.key.addOverride('enable_key_rotation', false)],
  ['DBX-KMS-002', 'test/key/key', (f) => f.key.key.addOverride('deletion_window_in_days', 7)],
  ['DBX-KMS-003', 'test/key/key', (f) => f.key.policyDocument.putStatement([
    { sid: 'Open', effect: 'Allow', principals: [{ type: 'AWS', identifiers: ['*'] }], actions: ['kms:Decrypt'], resources: ['*'] },
  ])],
  ['DBX-IAM-001', 'test/role', (f) => f.trustDocument.putStatement([{ sid: 'NoExternalId', principals: [{ type: 'AWS', identifiers: [UC_MASTER_ROLE] }], actions: ['sts:AssumeRole'] }])],
  ['DBX-IAM-001', 'test/databricks-trust', (f) => f.databricksTrust.addOverride('external_id', '')],
  ['DBX-IAM-002', 'test/literal-policy', (f) => f.literalPolicy.addOverride('policy', JSON.stringify({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }))],
  ['DBX-IAM-002', 'test/trust', (f) => f.trustDocument.putStatement([{ sid: 'Admin', actions: ['*'], resources: ['*'] }])],
  ['DBX-IAM-002', 'test/admin', (f) => new IamRolePolicyAttachment(f.stack, 'admin', { role: f.role.name, policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' })],
  ['DBX-PROT-001', 'test/workspace', (f) => f.workspace.addOverride('lifecycle.prevent_destroy', false)],
  ['DBX-PROT-001', 'test/naked', (f) => new S3Bucket(f.stack, 'naked', { bucket: 'fx-naked', forceDestroy: true })],
  ['DBX-TAG-001', 'test/untagged-vpc', (f) => {
    const bare = new AwsProvider(f.stack, 'aws-bare', { region: 'us-east-2', alias: 'bare', defaultTags: [{ tags: { Environment: 'test' } }] });
    new Vpc(f.stack, 'untagged-vpc', { provider: bare, cidrBlock: '10.1.0.0/16', tags: { Owner: 'fx-owner' } });
  }],
  ['DBX-WS-001', 'test/workspace', (f) => f.workspace.resetStorageCustomerManagedKeyId()],
  ['DBX-SEC-001', 'test/secret', (f) => f.secret.addOverride('string_value', 'literal-value')],
  ['DBX-SEC-001', 'test/databricks', (f) => f.databricks.addOverride('client_secret', 'literal-value')],
  ['DBX-SEC-002', 'test/vpc', (f) => f.vpc.addOverride('tags.Note', `token ${FAKE_PAT}`)],
  ['DBX-TPL-001', 'test/vpc', (f) => f.vpc.addOverride('tags.Note', FIXTURE_USER_TEXT[0])],
  ['DBX-TPL-001', 'test/vpc', (f) => f.vpc.addOverride('tags', { [FIXTURE_USER_TEXT[0]]: 'x', Note: 'y' })],
];

describe('the compliant fixture', () => {
  const fixture = compliantStack();
  const report = checkStack(fixture.stack, { protect: true, userText: FIXTURE_USER_TEXT });
  const model = buildModel(fixture.stack, true, FIXTURE_USER_TEXT);

  it('synthesizes with validations and has no finding, not even a warning', () => {
    expect(report.violations).toEqual([]);
    expect(synthError(fixture.stack)).toBeUndefined();
  });

  it.each(RULES.map((r) => [r.id, r]))('%s: passes while the fixture holds what it inspects', (_id, rule) => {
    expect(rule.check(model)).toEqual([]);
  });

  it('exercises every rule: each one has a violating case below', () => {
    expect(new Set(violations.map(([id]) => id))).toEqual(new Set(RULES.filter((r) => r.severity === 'error').map((r) => r.id)));
    for (const rule of RULES) expect(rule.reason).toMatch(/\.$/);
  });
});

describe.each(violations)('%s at %s', (ruleId, path, breakIt) => {
  it('fails synthesis with the rule id, the construct path and the fix', () => {
    const fixture = compliantStack();
    breakIt(fixture);
    const message = synthError(fixture.stack);
    expect(message).toContain(`${ruleId} (error) ${path} [`);
    expect(message).toContain(`Fix: ${RULES.find((r) => r.id === ruleId)!.fix}`);
    expect(message).not.toMatch(/^\s+at /m);
  });
});

describe('environment protection', () => {
  it('lets an unprotected environment go without prevent_destroy, customer-managed keys or a 30-day window', () => {
    const fixture = compliantStack(false);
    fixture.workspace.resetManagedServicesCustomerManagedKeyId();
    fixture.key.key.addOverride('deletion_window_in_days', 7);
    expect(checkStack(fixture.stack, { protect: false }).violations).toEqual([]);
    expect(synthError(fixture.stack)).toBeUndefined();
  });

  it('still requires at least 7 days when unprotected', () => {
    const fixture = compliantStack(false);
    fixture.key.key.addOverride('deletion_window_in_days', 5);
    expect(checkStack(fixture.stack, { protect: false }).violations.map((v) => v.ruleId)).toEqual(['DBX-KMS-002']);
  });
});

describe('warnings', () => {
  it('DBX-S3-005 reports a bucket without bucket keys but does not fail synthesis', () => {
    const fixture = compliantStack();
    encryptionOf(fixture).putRule([{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: 'alias/x' }, bucketKeyEnabled: false }]);
    expect(checkStack(fixture.stack, { protect: true }).violations.map((v) => [v.ruleId, v.severity])).toEqual([['DBX-S3-005', 'warning']]);
    expect(synthError(fixture.stack)).toBeUndefined();
  });
});

describe('the error', () => {
  it('is a GuardrailError listing every error of the stack at once', () => {
    const fixture = compliantStack();
    fixture.key.key.addOverride('enable_key_rotation', false);
    child(fixture.bucket, 'versioning').addOverride('versioning_configuration', { status: 'Suspended' });
    let caught: unknown;
    try {
      Testing.synth(fixture.stack, true);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(GuardrailError);
    expect((caught as Error).message).toMatch(/^Guardrails failed for stack "test" \(2 errors\)/);
    expect((caught as Error).message).toContain('DBX-KMS-001');
    expect((caught as Error).message).toContain('DBX-S3-002');
  });
});

