import { PREVENT_DESTROY_TYPES, PROTECTED_TYPES } from '../../constructs/stateful-types';
import type { Json } from '../../guardrails/model';
import { SECRET_ATTRIBUTES, SECRET_PATTERNS } from '../../guardrails/rules/secrets';
import { block, BUCKET, findings, ref, rule, type BlockSpec } from './hand-built-model';

// Each rule against the ways it can be weakened, on hand-built stack models (no synthesis): the
// compliant shape passes, and every weakened variant is found, with the detail naming what is wrong.

describe('DBX-S3-001 customer-managed key encryption', () => {
  const encryption = (defaults: Json, bucket: unknown = ref('aws_s3_bucket.b')): BlockSpec => ({
    type: 'aws_s3_bucket_server_side_encryption_configuration',
    name: 'enc',
    config: { bucket, rule: [{ apply_server_side_encryption_by_default: [defaults], bucket_key_enabled: true }] },
  });
  const KEY = ref('aws_kms_key.k', 'arn');

  it.each([
    ['aws:kms with a key', { sse_algorithm: 'aws:kms', kms_master_key_id: KEY }],
    ['aws:kms:dsse with a key', { sse_algorithm: 'aws:kms:dsse', kms_master_key_id: KEY }],
  ])('accepts %s', (_what, defaults) => {
    expect(findings('DBX-S3-001', [BUCKET, encryption(defaults)])).toEqual([]);
  });

  it('accepts a companion that names the bucket by its literal name', () => {
    expect(findings('DBX-S3-001', [BUCKET, encryption({ sse_algorithm: 'aws:kms', kms_master_key_id: KEY }, 'data-bucket')])).toEqual([]);
  });

  it.each([
    ['AES256', { sse_algorithm: 'AES256' }, 'encryption is AES256 without a customer-managed key'],
    ['AES256 even with a key id', { sse_algorithm: 'AES256', kms_master_key_id: KEY }, 'encryption is AES256 without a customer-managed key'],
    ['aws:kms without a key id (the AWS-managed aws/s3 key)', { sse_algorithm: 'aws:kms' }, 'encryption is aws:kms without a customer-managed key'],
    ['aws:kms with an empty key id', { sse_algorithm: 'aws:kms', kms_master_key_id: '' }, 'encryption is aws:kms without a customer-managed key'],
  ])('finds %s', (_what, defaults, detail) => {
    expect(findings('DBX-S3-001', [BUCKET, encryption(defaults)])).toEqual([`test/b: ${detail}`]);
  });

  it('finds a bucket without encryption, also when another bucket has it', () => {
    expect(findings('DBX-S3-001', [BUCKET])).toEqual(['test/b: no server-side encryption configuration']);
    const other = encryption({ sse_algorithm: 'aws:kms', kms_master_key_id: KEY }, ref('aws_s3_bucket.other'));
    expect(findings('DBX-S3-001', [BUCKET, other])).toEqual(['test/b: no server-side encryption configuration']);
  });
});

describe('DBX-S3-002 versioning', () => {
  const versioning = (status: string, bucket: unknown = ref('aws_s3_bucket.b')): BlockSpec => ({
    type: 'aws_s3_bucket_versioning',
    name: 'v',
    config: { bucket, versioning_configuration: [{ status }] },
  });

  it('accepts Enabled, by reference or by name', () => {
    expect(findings('DBX-S3-002', [BUCKET, versioning('Enabled')])).toEqual([]);
    expect(findings('DBX-S3-002', [BUCKET, versioning('Enabled', 'data-bucket')])).toEqual([]);
  });

  it.each(['Suspended', 'Disabled', 'enabled'])('finds status %s', (status) => {
    expect(findings('DBX-S3-002', [BUCKET, versioning(status)])).toEqual([`test/b: versioning status is ${status}`]);
  });

  it('finds a bucket without versioning, or versioning of another bucket', () => {
    expect(findings('DBX-S3-002', [BUCKET])).toEqual(['test/b: no aws_s3_bucket_versioning']);
    expect(findings('DBX-S3-002', [BUCKET, versioning('Enabled', 'other-bucket')])).toEqual(['test/b: no aws_s3_bucket_versioning']);
  });
});

describe('DBX-S3-003 public access block', () => {
  const SETTINGS = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'];
  const pab = (config: Json): BlockSpec => ({ type: 'aws_s3_bucket_public_access_block', name: 'pab', config: { bucket: ref('aws_s3_bucket.b'), ...config } });
  const all = Object.fromEntries(SETTINGS.map((s) => [s, true]));

  it('accepts all four settings true', () => {
    expect(findings('DBX-S3-003', [BUCKET, pab(all)])).toEqual([]);
  });

  it.each(SETTINGS)('finds %s omitted, false, or "true" as a string', (setting) => {
    const rest = Object.fromEntries(Object.entries(all).filter(([key]) => key !== setting));
    expect(findings('DBX-S3-003', [BUCKET, pab(rest)])).toEqual([`test/b: not true: ${setting}`]);
    expect(findings('DBX-S3-003', [BUCKET, pab({ ...all, [setting]: false })])).toEqual([`test/b: not true: ${setting}`]);
    expect(findings('DBX-S3-003', [BUCKET, pab({ ...all, [setting]: 'true' })])).toEqual([`test/b: not true: ${setting}`]);
  });

  it('finds a missing block and names every missing setting', () => {
    expect(findings('DBX-S3-003', [BUCKET])).toEqual(['test/b: no aws_s3_bucket_public_access_block']);
    expect(findings('DBX-S3-003', [BUCKET, pab({ block_public_acls: true })])).toEqual([`test/b: not true: ${SETTINGS.slice(1).join(', ')}`]);
  });
});

describe('DBX-S3-004 TLS-only bucket policy', () => {
  const TLS = { sid: 'DenyInsecureTransport', effect: 'Deny', actions: ['s3:*'], resources: ['*'], condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }] };
  const withStatement = (statement: Json): BlockSpec[] => [
    BUCKET,
    { type: 'aws_s3_bucket_policy', name: 'pol', config: { bucket: ref('aws_s3_bucket.b'), policy: ref('data.aws_iam_policy_document.doc', 'json') } },
    { kind: 'data', type: 'aws_iam_policy_document', name: 'doc', config: { statement: [statement] } },
  ];
  const MISSING = 'test/b: the bucket policy has no statement denying s3:* when aws:SecureTransport is false';

  it('accepts the deny statement, also for action "*" and in a literal JSON policy', () => {
    expect(findings('DBX-S3-004', withStatement(TLS))).toEqual([]);
    expect(findings('DBX-S3-004', withStatement({ ...TLS, actions: ['*'] }))).toEqual([]);
    const literal = JSON.stringify({ Statement: [{ Effect: 'Deny', Action: 's3:*', Resource: '*', Principal: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] });
    expect(findings('DBX-S3-004', [BUCKET, { type: 'aws_s3_bucket_policy', config: { bucket: 'data-bucket', policy: literal } }])).toEqual([]);
  });

  it.each([
    ['an Allow instead of a Deny', { ...TLS, effect: 'Allow' }],
    ['no effect (defaults to Allow)', { ...TLS, effect: undefined }],
    ['narrow actions', { ...TLS, actions: ['s3:GetObject', 's3:PutObject'] }],
    ['the wrong value', { ...TLS, condition: [{ ...TLS.condition[0], values: ['true'] }] }],
    ['the wrong variable', { ...TLS, condition: [{ ...TLS.condition[0], variable: 'aws:SecureTransports' }] }],
    ['a string test instead of Bool', { ...TLS, condition: [{ ...TLS.condition[0], test: 'StringEquals' }] }],
    ['no condition at all', { ...TLS, condition: [] }],
  ])('finds %s', (_what, statement) => {
    expect(findings('DBX-S3-004', withStatement(statement))).toEqual([MISSING]);
  });

  it('finds a bucket without a policy, or with a policy that cannot be read at synth', () => {
    expect(findings('DBX-S3-004', [BUCKET])).toEqual(['test/b: no aws_s3_bucket_policy']);
    const unreadable = { type: 'aws_s3_bucket_policy', config: { bucket: ref('aws_s3_bucket.b'), policy: ref('data.databricks_aws_bucket_policy.p', 'json') } };
    expect(findings('DBX-S3-004', [BUCKET, unreadable])).toEqual([MISSING]);
  });
});

describe('DBX-S3-005 bucket keys (warning)', () => {
  const encryption = (algorithm: string, bucketKey: unknown): BlockSpec => ({
    type: 'aws_s3_bucket_server_side_encryption_configuration',
    config: { bucket: ref('aws_s3_bucket.b'), rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: algorithm, kms_master_key_id: 'k' }], bucket_key_enabled: bucketKey }] },
  });

  it('warns for SSE-KMS without bucket keys, not for AES256 (DBX-S3-001 reports that) or with them', () => {
    expect(rule('DBX-S3-005').severity).toBe('warning');
    expect(findings('DBX-S3-005', [BUCKET, encryption('aws:kms', false)])).toEqual(['test/b: bucket_key_enabled is not true']);
    expect(findings('DBX-S3-005', [BUCKET, encryption('aws:kms', undefined)])).toEqual(['test/b: bucket_key_enabled is not true']);
    expect(findings('DBX-S3-005', [BUCKET, encryption('aws:kms', true)])).toEqual([]);
    expect(findings('DBX-S3-005', [BUCKET, encryption('AES256', false)])).toEqual([]);
    expect(findings('DBX-S3-005', [BUCKET])).toEqual([]);
  });
});

describe('DBX-KMS-001 rotation', () => {
  it.each([[false], [undefined], ['true']])('finds enable_key_rotation %j', (value) => {
    expect(findings('DBX-KMS-001', [{ type: 'aws_kms_key', name: 'k', config: { enable_key_rotation: value } }])).toEqual(['test/k: enable_key_rotation is not true']);
  });

  it('accepts true', () => {
    expect(findings('DBX-KMS-001', [{ type: 'aws_kms_key', config: { enable_key_rotation: true } }])).toEqual([]);
  });
});

describe('DBX-KMS-002 deletion window', () => {
  const key = (days: unknown): BlockSpec => ({ type: 'aws_kms_key', name: 'k', config: { deletion_window_in_days: days } });

  it('needs 30 days in protected environments, 7 elsewhere; unset is the AWS default 30', () => {
    expect(findings('DBX-KMS-002', [key(29)])).toEqual(['test/k: deletion_window_in_days is 29; needs >= 30 (protected environment)']);
    expect(findings('DBX-KMS-002', [key(30)])).toEqual([]);
    expect(findings('DBX-KMS-002', [key(undefined)])).toEqual([]);
    expect(findings('DBX-KMS-002', [key(6)], false)).toEqual(['test/k: deletion_window_in_days is 6; needs >= 7']);
    expect(findings('DBX-KMS-002', [key(7)], false)).toEqual([]);
  });

  it('leaves a value only known at apply time to the provider', () => {
    expect(findings('DBX-KMS-002', [key('${var.days}')])).toEqual([]);
  });
});

describe('DBX-KMS-003 wildcard key principals', () => {
  const keyWith = (statement: Json): BlockSpec[] => [
    { type: 'aws_kms_key', name: 'k', config: { policy: ref('data.aws_iam_policy_document.kp', 'json') } },
    { kind: 'data', type: 'aws_iam_policy_document', name: 'kp', config: { statement: [statement] } },
  ];
  const OPEN = { sid: 'Open', effect: 'Allow', principals: [{ type: 'AWS', identifiers: ['*'] }], actions: ['kms:Decrypt'], resources: ['*'] };

  it.each([
    ['AWS "*"', OPEN],
    ['type "*"', { ...OPEN, principals: [{ type: '*', identifiers: ['*'] }] }],
    ['"*" among named principals', { ...OPEN, principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::111122223333:root', '*'] }] }],
  ])('finds %s without conditions', (_what, statement) => {
    expect(findings('DBX-KMS-003', keyWith(statement))).toEqual(['test/k: statement Open allows principal "*" without conditions']);
  });

  it('finds Principal "*" in a literal JSON key policy and names a statement without sid', () => {
    const policy = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*' }] });
    expect(findings('DBX-KMS-003', [{ type: 'aws_kms_key', name: 'k', config: { policy } }])).toEqual(['test/k: statement (no sid) allows principal "*" without conditions']);
  });

  it('accepts a wildcard with conditions, a Deny, and named principals', () => {
    expect(findings('DBX-KMS-003', keyWith({ ...OPEN, condition: [{ test: 'StringEquals', variable: 'kms:CallerAccount', values: ['111122223333'] }] }))).toEqual([]);
    expect(findings('DBX-KMS-003', keyWith({ ...OPEN, effect: 'Deny' }))).toEqual([]);
    expect(findings('DBX-KMS-003', keyWith({ ...OPEN, principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::111122223333:root'] }] }))).toEqual([]);
  });
});

describe('DBX-IAM-001 external id on roles Databricks assumes', () => {
  const DATABRICKS_ROLE = 'arn:aws:iam::414351767826:role/unity-catalog-prod-UCMasterRole-14S5ZJVKOTYTL';
  const EXTERNAL_ID = { test: 'StringEquals', variable: 'sts:ExternalId', values: ['0a1b2c3d-0000-4000-8000-000000000001'] };
  const TRUST = { sid: 'Databricks', effect: 'Allow', principals: [{ type: 'AWS', identifiers: [DATABRICKS_ROLE] }], actions: ['sts:AssumeRole'], condition: [EXTERNAL_ID] };
  const roleWith = (statement: Json): BlockSpec[] => [
    { type: 'aws_iam_role', name: 'r', config: { assume_role_policy: ref('data.aws_iam_policy_document.trust', 'json') } },
    { kind: 'data', type: 'aws_iam_policy_document', name: 'trust', config: { statement: [statement] } },
  ];
  const FOUND = ['test/r: trust statement Databricks lets Databricks assume the role without sts:ExternalId'];

  it('accepts an exact or pattern external id, in either spelling of the key', () => {
    expect(findings('DBX-IAM-001', roleWith(TRUST))).toEqual([]);
    expect(findings('DBX-IAM-001', roleWith({ ...TRUST, condition: [{ ...EXTERNAL_ID, test: 'StringLike', variable: 'sts:externalid' }] }))).toEqual([]);
  });

  it.each(['sts:AssumeRole', 'sts:AssumeRole*', 'sts:AssumeRoleWithWebIdentity', 'STS:ASSUMEROLE', 'sts:*', '*'])('finds action %s without an external id', (action) => {
    expect(findings('DBX-IAM-001', roleWith({ ...TRUST, actions: [action], condition: [] }))).toEqual(FOUND);
  });

  it.each([
    ['an empty value list', { ...EXTERNAL_ID, values: [] }],
    ['an empty external id', { ...EXTERNAL_ID, values: [''] }],
    ['a blank external id', { ...EXTERNAL_ID, values: ['  '] }],
    ['a wildcard external id', { ...EXTERNAL_ID, test: 'StringLike', values: ['*'] }],
    ['one empty value among others', { ...EXTERNAL_ID, values: ['abc', ''] }],
    ['an IfExists operator (absent id passes)', { ...EXTERNAL_ID, test: 'StringEqualsIfExists' }],
    ['a negated operator', { ...EXTERNAL_ID, test: 'StringNotEquals' }],
    ['another variable', { ...EXTERNAL_ID, variable: 'aws:PrincipalAccount' }],
  ])('finds %s', (_what, condition) => {
    expect(findings('DBX-IAM-001', roleWith({ ...TRUST, condition: [condition] }))).toEqual(FOUND);
  });

  it('finds Databricks named by account id or root ARN, in a literal trust policy too', () => {
    expect(findings('DBX-IAM-001', roleWith({ ...TRUST, principals: [{ type: 'AWS', identifiers: ['414351767826'] }], condition: [] }))).toEqual(FOUND);
    const literal = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::414351767826:root' }, Action: 'sts:AssumeRole' }] });
    expect(findings('DBX-IAM-001', [{ type: 'aws_iam_role', name: 'r', config: { assume_role_policy: literal } }])).toEqual([
      'test/r: trust statement (no sid) lets Databricks assume the role without sts:ExternalId',
    ]);
  });

  it('leaves other principals, Deny statements and other actions alone', () => {
    expect(findings('DBX-IAM-001', roleWith({ ...TRUST, principals: [{ type: 'Service', identifiers: ['ec2.amazonaws.com'] }], condition: [] }))).toEqual([]);
    expect(findings('DBX-IAM-001', roleWith({ ...TRUST, effect: 'Deny', condition: [] }))).toEqual([]);
    expect(findings('DBX-IAM-001', roleWith({ ...TRUST, actions: ['sts:TagSession'], condition: [] }))).toEqual([]);
  });

  it.each([[undefined], [''], ['   '], [42]])('finds databricks_aws_assume_role_policy with external_id %j', (externalId) => {
    expect(findings('DBX-IAM-001', [{ kind: 'data', type: 'databricks_aws_assume_role_policy', name: 'd', config: { external_id: externalId } }])).toEqual([
      'test/d: external_id is not set',
    ]);
  });

  it('accepts databricks_aws_assume_role_policy with an external id', () => {
    expect(findings('DBX-IAM-001', [{ kind: 'data', type: 'databricks_aws_assume_role_policy', config: { external_id: 'acc' } }])).toEqual([]);
  });
});

describe('DBX-IAM-002 administrator access', () => {
  const ADMIN = { sid: 'Admin', effect: 'Allow', actions: ['*'], resources: ['*'] };

  it('finds "*" on "*" in a policy document, a literal policy, an inline policy and a trust policy', () => {
    expect(findings('DBX-IAM-002', [{ kind: 'data', type: 'aws_iam_policy_document', name: 'doc', config: { statement: [ADMIN] } }])).toEqual([
      'test/doc: statement Admin allows Action "*" on Resource "*"',
    ]);
    const literal = JSON.stringify({ Statement: [{ Sid: 'All', Effect: 'Allow', Action: '*', Resource: '*' }] });
    expect(findings('DBX-IAM-002', [{ type: 'aws_iam_policy', name: 'p', config: { policy: literal } }])).toEqual(['test/p: policy: statement All allows Action "*" on Resource "*"']);
    expect(findings('DBX-IAM-002', [{ type: 'aws_iam_role', name: 'r', config: { inline_policy: [{ name: 'a', policy: literal }] } }])).toEqual([
      'test/r: inline_policy[0].policy: statement All allows Action "*" on Resource "*"',
    ]);
    expect(findings('DBX-IAM-002', [{ type: 'aws_iam_role', name: 'r', config: { assume_role_policy: literal } }])).toEqual([
      'test/r: assume_role_policy: statement All allows Action "*" on Resource "*"',
    ]);
  });

  it.each(['arn:aws:iam::aws:policy/AdministratorAccess', 'arn:aws-us-gov:iam::aws:policy/AdministratorAccess'])('finds an attachment of %s', (arn) => {
    expect(findings('DBX-IAM-002', [{ type: 'aws_iam_role_policy_attachment', name: 'a', config: { policy_arn: arn } }])).toEqual([
      'test/a: attaches the AWS managed AdministratorAccess policy',
    ]);
  });

  it('accepts narrower statements, Deny, other managed policies and references (checked at their document)', () => {
    const doc = (statement: Json): BlockSpec => ({ kind: 'data', type: 'aws_iam_policy_document', config: { statement: [statement] } });
    expect(findings('DBX-IAM-002', [doc({ ...ADMIN, resources: ['arn:aws:s3:::b'] })])).toEqual([]);
    expect(findings('DBX-IAM-002', [doc({ ...ADMIN, actions: ['s3:*'] })])).toEqual([]);
    expect(findings('DBX-IAM-002', [doc({ ...ADMIN, effect: 'Deny' })])).toEqual([]);
    expect(findings('DBX-IAM-002', [{ type: 'aws_iam_role_policy_attachment', config: { policy_arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' } }])).toEqual([]);
    expect(findings('DBX-IAM-002', [{ type: 'aws_iam_policy', config: { policy: ref('data.aws_iam_policy_document.doc', 'json') } }])).toEqual([]);
  });
});

describe('DBX-PROT-001 protected types', () => {
  const withLifecycle = (type: string, config: Json = {}): BlockSpec => ({ type, name: 'r', config: { lifecycle: { prevent_destroy: true }, ...config } });

  it.each(PREVENT_DESTROY_TYPES.map((type) => [type]))('%s: finds a missing prevent_destroy when protected, not otherwise', (type) => {
    expect(findings('DBX-PROT-001', [{ type, name: 'r', config: {} }])).toEqual(['test/r: lifecycle.prevent_destroy is not true']);
    expect(findings('DBX-PROT-001', [{ type, name: 'r', config: { lifecycle: { prevent_destroy: false } } }])).toEqual(['test/r: lifecycle.prevent_destroy is not true']);
    expect(findings('DBX-PROT-001', [withLifecycle(type)])).toEqual([]);
    expect(findings('DBX-PROT-001', [{ type, name: 'r', config: {} }], false)).toEqual([]);
  });

  it.each(Object.keys(PROTECTED_TYPES).map((type) => [type]))('%s: finds force_destroy = true when protected', (type) => {
    const problems = findings('DBX-PROT-001', [withLifecycle(type, { force_destroy: true })]);
    expect(problems).toEqual(['test/r: force_destroy is true']);
    expect(findings('DBX-PROT-001', [withLifecycle(type, { force_destroy: false })])).toEqual([]);
  });

  it('reports both problems of one resource in one finding, and ignores data sources and other types', () => {
    expect(findings('DBX-PROT-001', [{ type: 'aws_s3_bucket', name: 'r', config: { force_destroy: true } }])).toEqual([
      'test/r: lifecycle.prevent_destroy is not true; force_destroy is true',
    ]);
    expect(findings('DBX-PROT-001', [{ kind: 'data', type: 'aws_s3_bucket', config: {} }])).toEqual([]);
    expect(findings('DBX-PROT-001', [{ type: 'aws_vpc', config: { force_destroy: true } }])).toEqual([]);
  });
});

describe('DBX-TAG-001 cost-attribution tags', () => {
  const provider = (tags: Json, alias?: string): BlockSpec => ({
    kind: 'provider',
    type: 'aws',
    name: alias ?? 'default',
    config: { ...(alias ? { alias } : {}), default_tags: [{ tags }] },
  });
  const vpc = (config: Json = {}): BlockSpec => ({ type: 'aws_vpc', name: 'v', config, taggable: true });
  const ALL = { Environment: 'e', Owner: 'o', CostCenter: 'c' };

  it('accepts the tags from default_tags, from the resource, or both merged', () => {
    expect(findings('DBX-TAG-001', [provider(ALL), vpc()])).toEqual([]);
    expect(findings('DBX-TAG-001', [vpc({ tags: ALL })])).toEqual([]);
    expect(findings('DBX-TAG-001', [provider({ Environment: 'e' }), vpc({ tags: { Owner: 'o', CostCenter: 'c' } })])).toEqual([]);
  });

  it.each(['Environment', 'Owner', 'CostCenter'])('finds %s missing or empty', (tag) => {
    const rest = Object.fromEntries(Object.entries(ALL).filter(([key]) => key !== tag));
    expect(findings('DBX-TAG-001', [provider(rest), vpc()])).toEqual([`test/v: missing tags: ${tag}`]);
    expect(findings('DBX-TAG-001', [provider(ALL), vpc({ tags: { [tag]: '' } })])).toEqual([`test/v: missing tags: ${tag}`]);
  });

  it('reads the default_tags of the aliased provider the resource uses, not the default one', () => {
    const blocks = [provider(ALL), provider({ Environment: 'e' }, 'bare'), vpc({ provider: 'aws.bare' })];
    expect(findings('DBX-TAG-001', blocks)).toEqual(['test/v: missing tags: Owner, CostCenter']);
    expect(findings('DBX-TAG-001', [provider({}), provider(ALL, 'full'), vpc({ provider: 'aws.full' })])).toEqual([]);
  });

  it('only checks taggable AWS resources', () => {
    expect(findings('DBX-TAG-001', [{ type: 'aws_iam_role_policy', config: {} }])).toEqual([]);
    expect(findings('DBX-TAG-001', [{ type: 'databricks_catalog', config: {}, taggable: true }])).toEqual([]);
    expect(findings('DBX-TAG-001', [{ kind: 'data', type: 'aws_vpc', config: {}, taggable: true }])).toEqual([]);
  });
});

describe('DBX-WS-001 workspace customer-managed keys', () => {
  const workspace = (config: Json): BlockSpec => ({ type: 'databricks_mws_workspaces', name: 'w', config });
  const BOTH = { managed_services_customer_managed_key_id: 'ms', storage_customer_managed_key_id: 'st' };

  it.each([
    ['the managed-services key missing', { storage_customer_managed_key_id: 'st' }, 'managed_services_customer_managed_key_id'],
    ['the storage key missing', { managed_services_customer_managed_key_id: 'ms' }, 'storage_customer_managed_key_id'],
    ['an empty managed-services key', { ...BOTH, managed_services_customer_managed_key_id: '' }, 'managed_services_customer_managed_key_id'],
    ['both missing', {}, 'managed_services_customer_managed_key_id, storage_customer_managed_key_id'],
  ])('finds %s in a protected environment', (_what, config, missing) => {
    expect(findings('DBX-WS-001', [workspace(config)])).toEqual([`test/w: not set: ${missing}`]);
  });

  it('accepts both keys, and anything in an unprotected environment', () => {
    expect(findings('DBX-WS-001', [workspace(BOTH)])).toEqual([]);
    expect(findings('DBX-WS-001', [workspace({})], false)).toEqual([]);
  });
});

describe('DBX-SEC-001 literal credentials', () => {
  it.each([...SECRET_ATTRIBUTES].map((attribute) => [attribute]))('finds a literal %s, at the top level and nested', (attribute) => {
    expect(findings('DBX-SEC-001', [{ type: 'some_resource', name: 'r', config: { [attribute]: 'literal' } }])).toEqual([`test/r: ${attribute} is a literal value`]);
    expect(findings('DBX-SEC-001', [{ kind: 'provider', type: 'p', name: 'r', config: { auth: [{ [attribute]: 'literal' }] } }])).toEqual([
      `test/r: auth[0].${attribute} is a literal value`,
    ]);
  });

  it('finds literals in data sources and backends, and in list-valued attributes', () => {
    expect(findings('DBX-SEC-001', [{ kind: 'data', type: 'd', name: 'r', config: { token: 'x' } }])).toEqual(['test/r: token is a literal value']);
    expect(findings('DBX-SEC-001', [{ kind: 'backend', type: 's3', name: 'r', config: { secret_key: 'x' } }])).toEqual(['test/r: secret_key is a literal value']);
    expect(findings('DBX-SEC-001', [{ type: 't', name: 'r', config: { password: ['x'] } }])).toEqual(['test/r: password[0] is a literal value']);
  });

  it('accepts references, variables, empty values and other attributes; skips other blocks', () => {
    expect(findings('DBX-SEC-001', [{ type: 't', config: { password: '${random_password.p.result}' } }])).toEqual([]);
    expect(findings('DBX-SEC-001', [{ type: 't', config: { string_value: '${var.secret}' } }])).toEqual([]);
    expect(findings('DBX-SEC-001', [{ type: 't', config: { token: '' } }])).toEqual([]);
    expect(findings('DBX-SEC-001', [{ type: 't', config: { token_name: 'literal', description: 'password' } }])).toEqual([]);
    expect(findings('DBX-SEC-001', [{ kind: 'other', type: '', config: { password: 'x' } }])).toEqual([]);
  });
});

describe('DBX-SEC-002 credential-shaped strings', () => {
  // Built at runtime so that no credential-shaped literal lives in the source.
  const samples: Record<string, string> = {
    'Databricks personal access token': ['dapi', '0123456789abcdef'.repeat(2)].join(''),
    'Databricks OAuth secret': ['dose', 'fedcba9876543210'.repeat(2)].join(''),
    'AWS access key id': ['AKIA', 'ABCDEFGHIJKLMNOP'].join(''),
    'AWS secret access key': ['aws_secret_access_key', ' = ', 'x'.repeat(40)].join(''),
    'private key': ['-----BEGIN', 'RSA PRIVATE KEY-----'].join(' '),
    'GitHub token': ['ghp_', 'A'.repeat(36)].join(''),
  };

  it('has a sample for every pattern', () => {
    expect(Object.keys(samples).sort()).toEqual(SECRET_PATTERNS.map(([what]) => what).sort());
  });

  it.each(SECRET_PATTERNS.map(([what]) => [what]))('finds a %s anywhere in any block', (what) => {
    const value = `note: ${samples[what]} end`;
    expect(findings('DBX-SEC-002', [{ type: 't', name: 'r', config: { tags: { Note: value } } }])).toEqual([`test/r: tags.Note contains a ${what}`]);
    expect(findings('DBX-SEC-002', [{ kind: 'other', type: '', name: 'r', config: { value: [value] } }])).toEqual([`test/r: value[0] contains a ${what}`]);
  });

  it.each([
    ['a session key id', ['ASIA', 'ABCDEFGHIJKLMNOP'].join(''), 'AWS access key id'],
    ['a private key without algorithm', ['-----BEGIN', 'PRIVATE KEY-----'].join(' '), 'private key'],
    ['the colon form of a secret key', ['AWS_SECRET_ACCESS_KEY', ':', 'y'.repeat(40)].join(''), 'AWS secret access key'],
    ['a GitHub app token', ['ghs_', 'b'.repeat(36)].join(''), 'GitHub token'],
  ])('finds %s', (_what, value, kind) => {
    expect(findings('DBX-SEC-002', [{ type: 't', name: 'r', config: { x: value } }])).toEqual([`test/r: x contains a ${kind}`]);
  });

  it('accepts near misses and a bare string value is named "(value)"', () => {
    const nearMisses = [['dapi', 'abc'].join(''), ['AKIA', 'abc'].join(''), 'aws_secret_access_key = short', 'BEGIN PUBLIC KEY', ['ghp_', 'short'].join('')];
    for (const value of nearMisses) expect(findings('DBX-SEC-002', [{ type: 't', config: { x: value } }])).toEqual([]);
    expect(rule('DBX-SEC-002').check({ stackName: 't', protect: true, blocks: [{ ...block({ type: 't', name: 'r', config: {} }), config: samples['GitHub token'] as never }] }).map((f) => f.detail)).toEqual([
      '(value) contains a GitHub token',
    ]);
  });
});
