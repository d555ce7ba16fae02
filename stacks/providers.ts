import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { DatabricksProvider } from '@cdktf/provider-databricks/lib/provider';
import { S3Backend, type TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import type { AccountConfig } from '../environments/schema';
import { Naming } from '../constructs/naming';
import { terraformLiteralMap } from '../constructs/terraform-literal';

export const DATABRICKS_ACCOUNTS_HOST = 'https://accounts.cloud.databricks.com';

export interface AwsProviderOptions {
  readonly region: string;
  readonly accountId: string;
  readonly deployRoleArn?: string;
  readonly sessionName: string;
  readonly tags: Record<string, string>;
}

/** Default tags of a stack's AWS resources: the configured tags, plus which environment and tool own them. */
export function stackTags(tags: Record<string, string>, environment: string): Record<string, string> {
  return terraformLiteralMap({ ...tags, Environment: environment, ManagedBy: 'cdktf' });
}

/**
 * AWS provider pinned to one account (`allowed_account_ids` refuses any other credentials) with
 * default tags on every taggable resource. Credentials come from the caller's environment.
 */
export function awsProvider(scope: Construct, options: AwsProviderOptions): AwsProvider {
  return new AwsProvider(scope, 'aws', {
    region: options.region,
    allowedAccountIds: [options.accountId],
    assumeRole: options.deployRoleArn ? [{ roleArn: options.deployRoleArn, sessionName: options.sessionName }] : undefined,
    defaultTags: [{ tags: options.tags }],
  });
}

/**
 * Account-console provider. Authentication (OAuth M2M: DATABRICKS_CLIENT_ID / DATABRICKS_CLIENT_SECRET)
 * comes from the environment and never appears in the synthesized JSON.
 */
export function databricksAccountProvider(scope: Construct, databricksAccountId: string): DatabricksProvider {
  return new DatabricksProvider(scope, 'databricks-account', {
    alias: 'account',
    host: DATABRICKS_ACCOUNTS_HOST,
    accountId: databricksAccountId,
  });
}

/** Workspace-level provider for a workspace created in the same stack (host = its URL). */
export function databricksWorkspaceProvider(scope: Construct, workspaceUrl: string): DatabricksProvider {
  return new DatabricksProvider(scope, 'databricks-workspace', { alias: 'workspace', host: workspaceUrl });
}

/** The alias the bootstrap stack gives the state key; every S3 backend names it as `kms_key_id`. */
export function stateKeyAliasArn(account: AccountConfig): string {
  return `arn:aws:kms:${account.state.region}:${account.state.accountId}:${new Naming(account.namePrefix, 'shared').kmsAlias('terraform-state')}`;
}

/**
 * Each stack has its own state object: encrypted, with S3-native locking (`use_lockfile`, no DynamoDB).
 */
export function remoteState(stack: TerraformStack, account: AccountConfig, key: string): S3Backend {
  const backend = new S3Backend(stack, {
    bucket: account.state.bucket,
    key,
    region: account.state.region,
    encrypt: true,
    kmsKeyId: stateKeyAliasArn(account),
    assumeRole: account.state.roleArn ? { roleArn: account.state.roleArn } : undefined,
  });
  // cdktf 0.21 predates the typed option; the override renders the plain Terraform argument.
  backend.addOverride('use_lockfile', true);
  return backend;
}
