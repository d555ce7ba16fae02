/**
 * One source for every cloud object name: <prefix>-<environment>-<purpose>.
 * Two environments (or two prefixes) can never produce the same name.
 */
export class Naming {
  constructor(
    readonly prefix: string,
    readonly environment: string,
  ) {}

  /** Generic name for IAM roles, security groups, Databricks objects (64 characters at most). */
  name(purpose: string): string {
    return limit(`${this.prefix}-${this.environment}-${purpose}`, 64, 'name');
  }

  /** S3 bucket names are global: the AWS account id makes them unique across organisations' forks. */
  bucketName(purpose: string, awsAccountId: string): string {
    return limit(`${this.prefix}-${this.environment}-${purpose}-${awsAccountId}`, 63, 'bucket name');
  }

  kmsAlias(purpose: string): string {
    return `alias/${this.prefix}/${this.environment}/${purpose}`;
  }

  /** Names of Unity Catalog objects: underscores, since hyphens need quoting in SQL. */
  sqlName(purpose: string): string {
    return `${this.environment}_${purpose}`.replace(/-/g, '_');
  }
}

function limit(name: string, max: number, kind: string): string {
  if (name.length > max) {
    throw new Error(`${kind} "${name}" is ${name.length} characters; the limit is ${max}. Shorten namePrefix or the environment name.`);
  }
  return name;
}
