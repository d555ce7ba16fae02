import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { TerraformResource, TerraformStack, Testing } from 'cdktf';
import { protectFromDestroy } from '../../constructs/protection';
import {
  GUARD_POLICY,
  isProtectedType,
  PREVENT_DESTROY_TYPES,
  PROTECTED_RESOURCE_TYPES,
  PROTECTED_TYPES,
  protectionOf,
  SECURITY_CONTROL_TYPES,
} from '../../constructs/stateful-types';
import { protectionRules } from '../../guardrails/rules/protection';
import { buildModel } from '../../guardrails/model';
import { exampleConfig, synthApp } from '../support/synth';

const protectionRule = protectionRules.find((rule) => rule.id === 'DBX-PROT-001')!;

/** A bare resource of any type, so every listed type can be exercised without its provider class. */
const rawResource = (stack: TerraformStack, type: string) =>
  new TerraformResource(stack, type, { terraformResourceType: type });

describe('the canonical list of protected types', () => {
  it('derives each view from the one table', () => {
    expect(PROTECTED_RESOURCE_TYPES).toEqual(Object.keys(PROTECTED_TYPES));
    expect(PREVENT_DESTROY_TYPES.every((type) => PROTECTED_TYPES[type].preventDestroy)).toBe(true);
    expect(SECURITY_CONTROL_TYPES.every((type) => PROTECTED_TYPES[type].kind === 'security-control')).toBe(true);
    expect(isProtectedType('aws_kms_alias')).toBe(false); // an alias is recreated at no cost
    expect(isProtectedType('toString')).toBe(false); // no prototype keys
    expect(protectionOf('aws_security_group')).toBeUndefined();
  });

  it('explains every type, and only security controls let a replacement through with a warning', () => {
    for (const type of PROTECTED_RESOURCE_TYPES) {
      const note = PROTECTED_TYPES[type];
      expect(note.why.length).toBeGreaterThan(10);
      expect(GUARD_POLICY[note.kind].delete).toBe('block');
    }
    expect(GUARD_POLICY['security-control'].replace).toBe('warn');
    expect(GUARD_POLICY.stateful.replace).toBe('block');
  });

  it('is documented type by type in docs/plan-guard.md', () => {
    const doc = readFileSync(path.join(__dirname, '../../docs/plan-guard.md'), 'utf8');
    for (const type of PROTECTED_RESOURCE_TYPES) expect([type, doc.includes(`| \`${type}\` | ${PROTECTED_TYPES[type].kind} |`)]).toEqual([type, true]);
  });

  it('covers what an adversarial review found passing unflagged', () => {
    for (const type of [
      'databricks_system_schema', 'databricks_metastore_assignment', 'databricks_mws_vpc_endpoint',
      'databricks_mws_private_access_settings', 'aws_s3_bucket_policy', 'aws_s3_bucket_public_access_block',
      'aws_s3_bucket_server_side_encryption_configuration', 'databricks_ip_access_list', 'databricks_grants', 'aws_iam_role',
    ]) expect(isProtectedType(type)).toBe(true);
  });
});

describe('protectFromDestroy', () => {
  it.each(PREVENT_DESTROY_TYPES.map((type) => [type]))('sets prevent_destroy on %s when enabled, and nothing when not', (type) => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const resource = rawResource(stack, type);
    protectFromDestroy(resource, false);
    expect(resource.lifecycle?.preventDestroy).toBeUndefined();
    protectFromDestroy(resource, true);
    expect(resource.lifecycle?.preventDestroy).toBe(true);
  });

  it('refuses a type the canonical list does not mark, naming the file to change', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const group = new SecurityGroup(stack, 'sg', {});
    expect(() => protectFromDestroy(group, true)).toThrow(/aws_security_group is not marked preventDestroy in constructs\/stateful-types\.ts/);
  });
});

describe('DBX-PROT-001 checks every type marked preventDestroy', () => {
  it.each(PREVENT_DESTROY_TYPES.map((type) => [type]))('flags an unprotected %s in a protected environment only', (type) => {
    const stack = new TerraformStack(Testing.app(), 'test');
    rawResource(stack, type);
    expect(protectionRule.check(buildModel(stack, true)).map((finding) => finding.detail)).toEqual(['lifecycle.prevent_destroy is not true']);
    expect(protectionRule.check(buildModel(stack, false))).toEqual([]);
  });

  it('passes resources of other types', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    new SecurityGroup(stack, 'sg', {});
    expect(protectionRule.check(buildModel(stack, true))).toEqual([]);
  });

  it('still refuses force_destroy on a protected bucket', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const bucket = new S3Bucket(stack, 'bucket', { bucket: 'b', forceDestroy: true });
    protectFromDestroy(bucket, true);
    expect(protectionRule.check(buildModel(stack, true)).map((finding) => finding.detail)).toEqual(['force_destroy is true']);
  });
});

describe('the example stacks', () => {
  const config = exampleConfig();
  const stacks = synthApp(config);
  const protectedStacks = [
    ...(config.account.protect ? ['account'] : []),
    ...config.environments.filter((env) => env.protect).map((env) => env.name),
  ];

  it('protect every resource of a preventDestroy type in protected environments', () => {
    expect(protectedStacks.length).toBeGreaterThan(0);
    for (const name of protectedStacks) {
      for (const type of PREVENT_DESTROY_TYPES) {
        for (const [address, resource] of Object.entries(stacks[name].resource?.[type] ?? {})) {
          expect([name, type, address, (resource.lifecycle as { prevent_destroy?: boolean } | undefined)?.prevent_destroy])
            .toEqual([name, type, address, true]);
        }
      }
    }
  });
});
