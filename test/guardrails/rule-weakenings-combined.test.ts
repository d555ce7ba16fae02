/**
 * Weakenings that hide behind a second block or a mixed list: two companions for one bucket, several
 * principals or actions in one statement, policies written as literals or references, list indexes.
 * A rule must judge every one of them, not the first compliant one. Hand-built models, no synthesis.
 */
import { TerraformStack, Testing } from 'cdktf';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { buildModel, type Json } from '../../guardrails/model';
import { hasWildcardPrincipal, policyStatements } from '../../guardrails/policy';
import { terraformLiteral } from '../../constructs/terraform-literal';
import { BUCKET, findings, modelOf, ref, rule, type BlockSpec } from './hand-built-model';

const KEY = ref('aws_kms_key.k', 'arn');
const onBucket = (type: string, name: string, config: Json): BlockSpec => ({ type, name, config: { bucket: ref('aws_s3_bucket.b'), ...config } });
const encryption = (name: string, defaults: Json, bucketKey = true) =>
  onBucket('aws_s3_bucket_server_side_encryption_configuration', name, { rule: [{ apply_server_side_encryption_by_default: [defaults], bucket_key_enabled: bucketKey }] });

describe('S3 rules judge every companion of a bucket', () => {
  it('DBX-S3-001: a second configuration with AES256 is found, named by its algorithm', () => {
    const kms = encryption('kms', { sse_algorithm: 'aws:kms', kms_master_key_id: KEY });
    expect(findings('DBX-S3-001', [BUCKET, kms, encryption('aes', { sse_algorithm: 'AES256' })])).toEqual(['test/b: encryption is AES256 without a customer-managed key']);
    expect(findings('DBX-S3-001', [BUCKET, encryption('a', { sse_algorithm: 'AES256' }), encryption('c', { sse_algorithm: 'aws:kms' })])).toEqual([
      'test/b: encryption is AES256, aws:kms without a customer-managed key',
    ]);
    expect(findings('DBX-S3-001', [BUCKET, kms, encryption('kms2', { sse_algorithm: 'aws:kms:dsse', kms_master_key_id: KEY })])).toEqual([]);
  });

  it('DBX-S3-002: a second versioning resource that suspends versioning is found', () => {
    const versioning = (name: string, status: string) => onBucket('aws_s3_bucket_versioning', name, { versioning_configuration: { status } });
    expect(findings('DBX-S3-002', [BUCKET, versioning('on', 'Enabled'), versioning('off', 'Suspended')])).toEqual(['test/b: versioning status is Suspended']);
    expect(findings('DBX-S3-002', [BUCKET, versioning('a', 'Suspended'), versioning('b', 'Disabled')])).toEqual(['test/b: versioning status is Suspended, Disabled']);
    expect(findings('DBX-S3-002', [BUCKET, versioning('a', 'Enabled'), versioning('b', 'Enabled')])).toEqual([]);
  });

  it('DBX-S3-003: a second public access block that turns a setting off is found', () => {
    const all = { block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true };
    const pab = (name: string, config: Json) => onBucket('aws_s3_bucket_public_access_block', name, config);
    expect(findings('DBX-S3-003', [BUCKET, pab('full', all), pab('weak', { ...all, block_public_policy: false })])).toEqual(['test/b: not true: block_public_policy']);
    expect(findings('DBX-S3-003', [BUCKET, pab('a', all), pab('b', all)])).toEqual([]);
  });

  it('DBX-S3-005: one KMS rule without bucket keys warns; AES256 rules need none', () => {
    expect(findings('DBX-S3-005', [BUCKET, encryption('a', { sse_algorithm: 'aws:kms', kms_master_key_id: KEY }), encryption('b', { sse_algorithm: 'aws:kms:dsse', kms_master_key_id: KEY }, false)])).toEqual([
      'test/b: bucket_key_enabled is not true',
    ]);
    expect(findings('DBX-S3-005', [BUCKET, encryption('a', { sse_algorithm: 'AES256' }, false)])).toEqual([]);
    expect(findings('DBX-S3-005', [BUCKET, encryption('a', { sse_algorithm: 'x-aws:kms' }, false)])).toEqual([]);
  });

  it('a companion without a bucket argument belongs to no bucket', () => {
    const unnamed: BlockSpec = { type: 'aws_s3_bucket', name: 'b', config: { bucket_prefix: 'tmp-' } };
    const stray: BlockSpec = { type: 'aws_s3_bucket_versioning', name: 'v', config: { versioning_configuration: { status: 'Enabled' } } };
    expect(findings('DBX-S3-002', [unnamed, stray])).toEqual(['test/b: no aws_s3_bucket_versioning']);
  });

  it('DBX-S3-004: a TLS deny that also lists narrower actions still covers s3:*', () => {
    const statement = { sid: 'Tls', effect: 'Deny', actions: ['s3:GetObject', 's3:*'], resources: ['*'], condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }] };
    expect(findings('DBX-S3-004', [
      BUCKET,
      onBucket('aws_s3_bucket_policy', 'p', { policy: ref('data.aws_iam_policy_document.d', 'json') }),
      { kind: 'data', type: 'aws_iam_policy_document', name: 'd', config: { statement: [statement] } },
    ])).toEqual([]);
  });
});

describe('reading policies', () => {
  const ADMIN = { Effect: 'Allow', Action: '*', Resource: '*' };
  const model = modelOf([
    { kind: 'data', type: 'aws_iam_policy_document', name: 'doc', config: { statement: [{ effect: 'Deny', actions: ['s3:*'], resources: ['*'] }] } },
    // Another data source with a `statement`-shaped config: not a policy document the guard can read.
    { kind: 'data', type: 'other_policy', name: 'other', config: { statement: [{ actions: ['*'], resources: ['*'] }] } },
    { type: 'aws_iam_policy_document', name: 'not-data', config: { statement: [{ actions: ['*'], resources: ['*'] }] } },
  ]);

  it('reads a referenced policy document and literal JSON in one shape', () => {
    expect(policyStatements(model, ref('data.aws_iam_policy_document.doc', 'json'))).toEqual([
      { sid: undefined, effect: 'Deny', actions: ['s3:*'], resources: ['*'], principals: [], conditions: [] },
    ]);
    const literal = JSON.stringify({ Statement: { Sid: 'Open', Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalAccount': '111' } } } });
    expect(policyStatements(model, literal)).toEqual([{
      sid: 'Open', effect: 'Allow', actions: ['kms:*'], resources: ['*'],
      principals: [{ type: '*', identifiers: ['*'] }],
      conditions: [{ test: 'StringEquals', variable: 'aws:PrincipalAccount', values: ['111'] }],
    }]);
    expect(policyStatements(model, JSON.stringify({ Statement: [{ Principal: { AWS: ['a', 'b'], Service: 's' }, Action: [], Resource: [] }] }))[0].principals).toEqual([
      { type: 'AWS', identifiers: ['a', 'b'] },
      { type: 'Service', identifiers: ['s'] },
    ]);
  });

  it('reads nothing it cannot judge at synth: other data sources, expressions, non-JSON, non-policies', () => {
    expect(policyStatements(model, ref('data.other_policy.other', 'json'))).toEqual([]);
    expect(policyStatements(model, ref('aws_iam_policy_document.not-data', 'json'))).toEqual([]);
    expect(policyStatements(model, `{"Statement": [${JSON.stringify(ADMIN)}], "Id": "\${var.id}"}`)).toEqual([]);
    expect(policyStatements(model, '{ not json')).toEqual([]);
    expect(policyStatements(model, 'null')).toEqual([]);
    expect(policyStatements(model, '42')).toEqual([]);
    expect(policyStatements(model, 42)).toEqual([]);
    expect(policyStatements(model, undefined)).toEqual([]);
  });

  it('counts a statement as open to anyone when any principal is a wildcard', () => {
    const statement = (principals: { type: string; identifiers: string[] }[]) => ({ effect: 'Allow' as const, actions: [], resources: [], principals, conditions: [] });
    expect(hasWildcardPrincipal(statement([{ type: 'AWS', identifiers: ['arn:a'] }, { type: '*', identifiers: ['x'] }]))).toBe(true);
    expect(hasWildcardPrincipal(statement([{ type: 'AWS', identifiers: ['arn:a'] }, { type: 'AWS', identifiers: ['arn:b', '*'] }]))).toBe(true);
    expect(hasWildcardPrincipal(statement([{ type: 'AWS', identifiers: ['arn:a'] }, { type: 'Service', identifiers: ['s'] }]))).toBe(false);
    expect(hasWildcardPrincipal(statement([]))).toBe(false);
  });
});

describe('DBX-IAM-001 with several principals or actions', () => {
  const DATABRICKS = 'arn:aws:iam::414351767826:root';
  const trust = (statement: Json): BlockSpec => ({ type: 'aws_iam_role', name: 'r', config: { assume_role_policy: JSON.stringify({ Statement: [{ Effect: 'Allow', ...statement }] }) } });
  const FOUND = ['test/r: trust statement (no sid) lets Databricks assume the role without sts:ExternalId'];

  it('finds Databricks among other principals, and an AssumeRole among other actions', () => {
    expect(findings('DBX-IAM-001', [trust({ Principal: { AWS: ['arn:aws:iam::111122223333:root', DATABRICKS] }, Action: 'sts:AssumeRole' })])).toEqual(FOUND);
    expect(findings('DBX-IAM-001', [trust({ Principal: { Service: 'ec2.amazonaws.com', AWS: DATABRICKS }, Action: 'sts:AssumeRole' })])).toEqual(FOUND);
    expect(findings('DBX-IAM-001', [trust({ Principal: { AWS: DATABRICKS }, Action: ['sts:TagSession', 'sts:AssumeRole'] })])).toEqual(FOUND);
  });

  it('finds an external id that is only wildcards of either kind, or only blanks around them', () => {
    const withId = (values: string[]) => trust({ Principal: { AWS: DATABRICKS }, Action: 'sts:AssumeRole', Condition: { StringLike: { 'sts:ExternalId': values } } });
    for (const values of [['?'], ['*?'], [' ? '], ['abc', '??']]) expect(findings('DBX-IAM-001', [withId(values)])).toEqual(FOUND);
    expect(findings('DBX-IAM-001', [withId(['acc-?'])])).toEqual([]);
  });

  it('leaves roles Databricks cannot assume alone', () => {
    expect(findings('DBX-IAM-001', [trust({ Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole' })])).toEqual([]);
    expect(findings('DBX-IAM-001', [trust({ Principal: { AWS: DATABRICKS }, Action: 'sts:TagSession' })])).toEqual([]);
    expect(findings('DBX-IAM-001', [trust({ Effect: 'Deny', Principal: { AWS: DATABRICKS }, Action: 'sts:AssumeRole' })])).toEqual([]);
  });
});

describe('DBX-IAM-002 on literal policies and managed policy ARNs', () => {
  const ADMIN = JSON.stringify({ Statement: [{ Sid: 'All', Effect: 'Allow', Action: '*', Resource: '*' }] });
  const NARROW = JSON.stringify({ Statement: [{ Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });

  it('checks literal policies of resources, not data sources that only read a policy', () => {
    expect(findings('DBX-IAM-002', [{ type: 'aws_iam_policy', name: 'p', config: { policy: NARROW } }])).toEqual([]);
    expect(findings('DBX-IAM-002', [{ type: 'aws_iam_policy', name: 'p', config: { policy: ADMIN } }])).toEqual(['test/p: policy: statement All allows Action "*" on Resource "*"']);
    expect(findings('DBX-IAM-002', [{ kind: 'data', type: 'aws_iam_policy', name: 'p', config: { policy: ADMIN } }])).toEqual([]);
    expect(findings('DBX-IAM-002', [{ type: 'aws_iam_role', name: 'r', config: { inline_policy: { policy: ADMIN } } }])).toEqual([
      'test/r: inline_policy[0].policy: statement All allows Action "*" on Resource "*"',
    ]);
  });

  it('reports an administrator document once, at the document, not again at each role using it', () => {
    const document: BlockSpec = { kind: 'data', type: 'aws_iam_policy_document', name: 'admin', config: { statement: [{ sid: 'All', actions: ['*'], resources: ['*'] }] } };
    const role: BlockSpec = { type: 'aws_iam_role_policy', name: 'rp', config: { policy: ref('data.aws_iam_policy_document.admin', 'json') } };
    expect(findings('DBX-IAM-002', [document, role])).toEqual(['test/admin: statement All allows Action "*" on Resource "*"']);
  });

  it('finds AdministratorAccess exactly, not the narrower managed policies named after it', () => {
    const attach = (arn: unknown): BlockSpec => ({ type: 'aws_iam_role_policy_attachment', name: 'a', config: { policy_arn: arn } });
    expect(findings('DBX-IAM-002', [attach('arn:aws-us-gov:iam::aws:policy/AdministratorAccess')])).toEqual(['test/a: attaches the AWS managed AdministratorAccess policy']);
    expect(findings('DBX-IAM-002', [attach('arn:aws:iam::aws:policy/AdministratorAccess-Amplify')])).toEqual([]);
    expect(findings('DBX-IAM-002', [attach('arn:aws:iam::aws:policy/job-function/AdministratorAccess')])).toEqual([]);
    expect(findings('DBX-IAM-002', [attach(undefined)])).toEqual([]);
  });
});

describe('DBX-KMS-002 with a numeric string', () => {
  it('reads "7" as the number Terraform makes of it', () => {
    const key = (days: unknown): BlockSpec => ({ type: 'aws_kms_key', name: 'k', config: { deletion_window_in_days: days } });
    expect(findings('DBX-KMS-002', [key('7')])).toEqual(['test/k: deletion_window_in_days is 7; needs >= 30 (protected environment)']);
    expect(findings('DBX-KMS-002', [key(' 29 ')])).toEqual(['test/k: deletion_window_in_days is 29; needs >= 30 (protected environment)']);
    expect(findings('DBX-KMS-002', [key('30')])).toEqual([]);
    expect(findings('DBX-KMS-002', [key('7')], false)).toEqual([]);
    expect(findings('DBX-KMS-002', [key('6')], false)).toEqual(['test/k: deletion_window_in_days is 6; needs >= 7']);
  });
});

describe('DBX-TAG-001 provider lookup', () => {
  const TAGS = { Environment: 'e', Owner: 'o', CostCenter: 'c' };
  const provider = (type: string, name: string, tags: Json, kind: BlockSpec['kind'] = 'provider'): BlockSpec => ({ kind, type, name, config: { default_tags: [{ tags }] } });
  const vpc = (provider?: string): BlockSpec => ({ type: 'aws_vpc', name: 'v', taggable: true, config: provider ? { provider } : {} });
  const blockOf = (spec: BlockSpec, name: string) => ({ ...spec, name });

  it('takes default tags from the AWS provider of the resource\'s alias only', () => {
    expect(findings('DBX-TAG-001', [blockOf(provider('aws', 'default', TAGS), 'default'), vpc()])).toEqual([]);
    expect(findings('DBX-TAG-001', [provider('aws', 'default', TAGS), vpc('aws.eu')])).toEqual(['test/v: missing tags: Environment, Owner, CostCenter']);
    // A provider of another type with the same alias, or a resource of that name, gives no AWS default tags.
    expect(findings('DBX-TAG-001', [provider('google', 'eu', TAGS), vpc('aws.eu')])).toEqual(['test/v: missing tags: Environment, Owner, CostCenter']);
    expect(findings('DBX-TAG-001', [provider('aws', 'eu', TAGS, 'resource'), vpc('aws.eu')])).toEqual(['test/v: missing tags: Environment, Owner, CostCenter']);
    expect(findings('DBX-TAG-001', [provider('aws', 'eu', TAGS), vpc('aws.eu')])).toEqual([]);
    expect(findings('DBX-TAG-001', [provider('aws', 'default', TAGS), vpc('aws')])).toEqual([]);
  });
});

describe('DBX-SEC-001 in long lists', () => {
  it('finds a literal credential at any list index of a credential attribute', () => {
    const references = Array.from({ length: 11 }, (_, i) => `\${var.token_${i}}`);
    expect(findings('DBX-SEC-001', [{ type: 't', name: 'r', config: { token: [...references, 'literal'] } }])).toEqual(['test/r: token[11] is a literal value']);
    expect(findings('DBX-SEC-001', [{ type: 't', name: 'r', config: { items: [{ password: ['${var.p}', 'literal'] }] } }])).toEqual(['test/r: items[0].password[1] is a literal value']);
    expect(findings('DBX-SEC-001', [{ type: 't', name: 'r', config: { password: { note: 'not a credential' } } }])).toEqual([]);
  });
});

describe('DBX-TPL-001 user text in the synthesized configuration', () => {
  const USER = 'Owned by ${var.secret} %{ if true }x%{ endif }';
  function stackWith(tags: Record<string, string>) {
    const stack = new TerraformStack(Testing.app(), 'tpl');
    const bucket = new S3Bucket(stack, 'b', { bucket: 'tpl-data', tags });
    return { stack, bucket };
  }
  const check = (stack: TerraformStack, userText: string[] = [USER]) => rule('DBX-TPL-001').check(buildModel(stack, true, userText)).map((f) => `${f.block.path}: ${f.detail}`);

  it('finds user text that Terraform would evaluate, in values and in keys', () => {
    expect(check(stackWith({ Note: USER }).stack)).toEqual([
      'tpl/b: resource.aws_s3_bucket.b.tags.Note would evaluate "${var.secret}" from an environment file',
      'tpl/b: resource.aws_s3_bucket.b.tags.Note would evaluate "%{ if true }" from an environment file',
      'tpl/b: resource.aws_s3_bucket.b.tags.Note would evaluate "%{ endif }" from an environment file',
    ]);
    expect(check(stackWith({ [USER]: 'v' }).stack)[0]).toBe(`tpl/b: resource.aws_s3_bucket.b.tags.${USER} (key) would evaluate "\${var.secret}" from an environment file`);
  });

  it('accepts escaped user text, the blueprint\'s own references and sequences no environment file wrote', () => {
    expect(check(stackWith({ Note: terraformLiteral(USER) }).stack)).toEqual([]);
    const { stack, bucket } = stackWith({ Note: 'x' });
    new S3Bucket(stack, 'ref', { bucket: 'tpl-ref', tags: { Of: bucket.id, Text: '${var.blueprint}' } });
    expect(check(stack)).toEqual([]);
    expect(check(stackWith({ Note: USER }).stack, [])).toEqual([]);
    expect(check(stackWith({ Note: USER }).stack, ['plain text'])).toEqual([]);
  });

  it('skips cdktf\'s "//" metadata (Terraform reads it as a comment) and blocks that are no Terraform element', () => {
    const stack = new TerraformStack(Testing.app(), 'tpl');
    // A construct id carrying user text reaches only the metadata path, never an evaluated string.
    new S3Bucket(stack, 'b ${var.secret}', { bucket: 'tpl-data' });
    expect(check(stack)).toEqual([]);
    const handBuilt = modelOf([{ type: 'aws_s3_bucket', name: 'b', config: { bucket: '${var.secret}' } }]);
    expect(rule('DBX-TPL-001').check({ ...handBuilt, userText: [USER] })).toEqual([]);
  });

  it('reports a construct once, with every path into lists', () => {
    const { stack } = stackWith({ Note: 'x' });
    new S3Bucket(stack, 'list', { bucket: 'tpl-list', lifecycleRule: [{ enabled: true, id: 'r', prefix: '${var.secret}' }] });
    expect(check(stack)).toEqual(['tpl/list: resource.aws_s3_bucket.list.lifecycle_rule[0].prefix would evaluate "${var.secret}" from an environment file']);
  });
});

describe('DBX-NET-001/002 on hand-built production stacks', () => {
  const prod = (environment = 'prod'): BlockSpec => ({ kind: 'provider', type: 'aws', name: 'default', config: { default_tags: [{ tags: { Environment: environment } }] } });
  const VPC_REF = ref('aws_vpc.v');
  const subnet: BlockSpec = { type: 'aws_subnet', name: 'public', config: { vpc_id: VPC_REF } };
  const nat = (subnetId: string = ref('aws_subnet.public')): BlockSpec => ({ type: 'aws_nat_gateway', name: 'nat', config: { subnet_id: subnetId } });
  const firewall = (vpcId: string): BlockSpec => ({ type: 'aws_networkfirewall_firewall', name: 'fw', config: { vpc_id: vpcId } });
  const workspace: BlockSpec = { type: 'databricks_mws_workspaces', name: 'ws', config: {} };
  const policy = (mode: string): BlockSpec => ({ type: 'databricks_account_network_policy', name: 'np', config: { egress: { network_access: { restriction_mode: mode } } } });
  const option = (policyId: unknown): BlockSpec => ({ type: 'databricks_workspace_network_option', name: 'opt', config: { network_policy_id: policyId } });

  it('DBX-NET-001: a NAT gateway counts as filtered only in a VPC with a network firewall', () => {
    const found = ['test/nat: egress leaves through a NAT gateway no firewall inspects'];
    expect(findings('DBX-NET-001', [prod(), subnet, nat()])).toEqual(found);
    expect(findings('DBX-NET-001', [prod(), subnet, nat(), firewall(VPC_REF)])).toEqual([]);
    expect(findings('DBX-NET-001', [prod(), subnet, nat(), firewall(ref('aws_vpc.inspection'))])).toEqual(found);
    // A NAT gateway in a subnet the stack does not define: nothing shows a firewall, so it is flagged.
    expect(findings('DBX-NET-001', [prod(), subnet, nat('subnet-0123'), firewall(VPC_REF)])).toEqual(found);
    expect(findings('DBX-NET-001', [prod('staging'), subnet, nat()])).toEqual([]);
  });

  it('production is read from the AWS provider\'s Environment default tag only', () => {
    const google: BlockSpec = { kind: 'provider', type: 'google', name: 'default', config: { default_tags: [{ tags: { Environment: 'prod' } }] } };
    expect(findings('DBX-NET-001', [google, subnet, nat()])).toEqual([]);
    expect(findings('DBX-NET-001', [{ ...prod(), kind: 'resource' }, subnet, nat()])).toEqual([]);
    expect(findings('DBX-NET-001', [{ kind: 'provider', type: 'aws', name: 'default', config: { default_tags: [{}] } }, subnet, nat()])).toEqual([]);
    expect(findings('DBX-NET-001', [{ kind: 'provider', type: 'aws', name: 'default', config: { default_tags: [{ tags: { Environment: 1 } }] } }, subnet, nat()])).toEqual([]);
    expect(findings('DBX-NET-001', [prod('dev'), { ...prod('prod-eu'), name: 'eu' }, subnet, nat()])).toEqual(['test/nat: egress leaves through a NAT gateway no firewall inspects']);
  });

  it('DBX-NET-002: a workspace needs an attached RESTRICTED_ACCESS policy', () => {
    const found = ['test/ws: no restricted network policy is attached to the workspace'];
    expect(findings('DBX-NET-002', [prod(), workspace])).toEqual(found);
    expect(findings('DBX-NET-002', [prod(), workspace, policy('RESTRICTED_ACCESS'), option(ref('databricks_account_network_policy.np', 'network_policy_id'))])).toEqual([]);
    expect(findings('DBX-NET-002', [prod(), workspace, policy('FULL_ACCESS'), option(ref('databricks_account_network_policy.np', 'network_policy_id'))])).toEqual(found);
    expect(findings('DBX-NET-002', [prod(), workspace, policy('RESTRICTED_ACCESS'), option('literal-policy-id')])).toEqual(found);
    expect(findings('DBX-NET-002', [prod(), workspace, policy('RESTRICTED_ACCESS'), option(7)])).toEqual(found);
    expect(findings('DBX-NET-002', [prod(), workspace, policy('RESTRICTED_ACCESS')])).toEqual(found);
    expect(findings('DBX-NET-002', [prod('staging'), workspace])).toEqual([]);
  });
});
