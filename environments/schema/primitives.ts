import { z } from 'zod';
import * as ipaddr from 'ipaddr.js';

/** Regions where Databricks E2 workspaces run on AWS (commercial partition). */
export const DATABRICKS_AWS_REGIONS = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ca-central-1', 'sa-east-1',
  'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-central-1',
  'ap-south-1', 'ap-southeast-1', 'ap-southeast-2', 'ap-northeast-1', 'ap-northeast-2',
] as const;
export type DatabricksAwsRegion = (typeof DATABRICKS_AWS_REGIONS)[number];

export const awsRegion = z.enum(DATABRICKS_AWS_REGIONS, {
  error: (issue) => `must be a region where Databricks runs on AWS (${DATABRICKS_AWS_REGIONS.join(', ')}); got ${JSON.stringify(issue.input)}`,
});

// abort: true on identifiers that cross-field refinements compare (account of an ARN, region of a key),
// so those refinements run only on values that passed their own rule.
export const awsAccountId = z.string().regex(/^\d{12}$/, { message: 'must be a 12-digit AWS account id', abort: true });

export const databricksAccountId = z.uuid({ error: 'must be a Databricks account id (a UUID)' });

export const iamRoleArn = z
  .string()
  .regex(/^arn:aws:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/, { message: 'must be an IAM role ARN (arn:aws:iam::<12 digits>:role/<name>)', abort: true });

export const iamPrincipalArn = z
  .string()
  .regex(/^arn:aws:iam::\d{12}:(role|user)\/[\w+=,.@/-]{1,512}$/, 'must be an IAM role or user ARN (no wildcards)');

export const kmsKeyArn = z
  .string()
  .regex(/^arn:aws:kms:[a-z0-9-]+:\d{12}:key\/[0-9a-f-]{36}$/, { message: 'must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<uuid>)', abort: true });

/** Lowercase DNS-safe label: used in stack names, resource names and bucket names. */
export const dnsLabel = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .regex(/^[a-z][a-z0-9-]*[a-z0-9]$/, 'must be lowercase letters, digits and hyphens, start with a letter and not end with a hyphen');

/** Databricks account group name as displayed in the account console. */
export const groupName = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[\w .@-]+$/, 'must be a group display name (letters, digits, spaces, . _ @ -)');

/**
 * How environment files name a group: a key of account.groups (e.g. admins), so
 * the display name lives in the account file only. Any string parses; the set-level check knows the
 * account file and can point a display name at its key (environments/lib/groups.ts).
 */
export const groupRef = z
  .string()
  .min(1, 'must be a key of account.groups (a group key, not its display name)')
  .describe('Key of account.groups, not the display name');

/** An IPv4 CIDR block whose address is the network address (10.0.0.0/16, not 10.0.0.1/16). */
export const ipv4Cidr = z.string().refine(isCanonicalIpv4Cidr, {
  // abort: refinements of the enclosing objects do CIDR arithmetic and run only on valid blocks.
  abort: true,
  error: (issue) => `must be an IPv4 CIDR block with its network address, e.g. 10.10.0.0/16; got ${JSON.stringify(issue.input)}`,
});

export function isCanonicalIpv4Cidr(value: string): boolean {
  if (!ipaddr.IPv4.isValidCIDR(value)) return false;
  const [address, prefix] = ipaddr.IPv4.parseCIDR(value);
  return ipaddr.IPv4.networkAddressFromCIDR(value).toString() === address.toString() && prefix >= 0;
}

export function cidrPrefix(cidr: string): number {
  return ipaddr.IPv4.parseCIDR(cidr)[1];
}

/** True when `inner` lies entirely within `outer`. */
export function cidrContains(outer: string, inner: string): boolean {
  const [innerAddress, innerPrefix] = ipaddr.IPv4.parseCIDR(inner);
  const outerRange = ipaddr.IPv4.parseCIDR(outer);
  return innerPrefix >= outerRange[1] && innerAddress.match(outerRange);
}

/** Two CIDR blocks overlap exactly when one contains the other. */
export function cidrsOverlap(a: string, b: string): boolean {
  return cidrContains(a, b) || cidrContains(b, a);
}

/** Tag values AWS accepts (and Databricks custom tags propagate to clusters). */
export const tagValue = z.string().min(1).max(256).regex(/^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u, 'contains characters AWS tags do not allow');
