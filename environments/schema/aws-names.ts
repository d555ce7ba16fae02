import { z } from 'zod';

// Amazon S3 User Guide, "General purpose bucket naming rules": prefixes and suffixes S3 reserves.
const RESERVED_BUCKET_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const RESERVED_BUCKET_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];

/** Why S3 would refuse `name` as a general purpose bucket name, or undefined when it is valid. */
export function s3BucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return `must be 3 to 63 characters (S3 bucket naming rules); "${name}" has ${name.length}`;
  if (!/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(name)) return `must be lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit; got "${name}"`;
  if (name.includes('..')) return `must not contain two adjacent dots; got "${name}"`;
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return `must not be formatted as an IP address; got "${name}"`;
  const prefix = RESERVED_BUCKET_PREFIXES.find((reserved) => name.startsWith(reserved));
  if (prefix) return `must not start with "${prefix}" (reserved by S3); got "${name}"`;
  const suffix = RESERVED_BUCKET_SUFFIXES.find((reserved) => name.endsWith(reserved));
  if (suffix) return `must not end with "${suffix}" (reserved by S3); got "${name}"`;
  return undefined;
}

/** A general purpose S3 bucket name, checked against every S3 naming rule. */
export const s3BucketName = z.string().superRefine((name, ctx) => {
  const problem = s3BucketNameProblem(name);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

// AWS "Tagging best practices" / Tag API: key 1-128 and value 0-256 Unicode characters of this set;
// the aws: prefix is reserved for AWS-created tags.
const TAG_CHARACTERS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
export const MAX_TAG_KEY_LENGTH = 128;

/** Why AWS would refuse `key` as a tag key, or undefined when it is valid. */
export function tagKeyProblem(key: string): string | undefined {
  if (key.length === 0) return 'a tag key must not be empty';
  if (key.length > MAX_TAG_KEY_LENGTH) return `tag key "${key.slice(0, 20)}…" has ${key.length} characters; AWS allows at most ${MAX_TAG_KEY_LENGTH}`;
  if (key.toLowerCase().startsWith('aws:')) return `tag key "${key}" starts with "aws:", a prefix AWS reserves for its own tags`;
  if (!TAG_CHARACTERS.test(key)) return `tag key ${JSON.stringify(key)} contains characters AWS tags do not allow (letters, digits, spaces and _ . : / = + - @)`;
  return undefined;
}

/** The AWS account id inside an ARN (`arn:aws:<service>:<region>:<account>:...`). */
export function arnAccountId(arn: string): string {
  return arn.split(':')[4] ?? '';
}

/** The region inside an ARN (empty for global services such as IAM). */
export function arnRegion(arn: string): string {
  return arn.split(':')[3] ?? '';
}
