import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { DatabricksProvider } from '@cdktf/provider-databricks/lib/provider';
import { Fn, Op, S3Backend, TerraformStack, TerraformVariable } from 'cdktf';
import type { Construct } from 'constructs';
import type { AccountConfig } from '../environments/schema';
import { Naming } from '../constructs/naming';
import { terraformLiteralMap } from '../constructs/terraform-literal';

export const DATABRICKS_ACCOUNTS_HOST = 'https://accounts.cloud.databricks.com';

/**
 * The oldest Terraform (and OpenTofu) every stack works with: 1.10 for the S3 backend's `use_lockfile`
 * (Terraform docs, language/backend/s3) and OpenTofu 1.10 for `removed` blocks with
 * `lifecycle { destroy = false }` (docs/workspace-security.md). An older binary then stops at init with
 * this constraint in its message instead of an odd error half-way.
 */
export const REQUIRED_TERRAFORM_VERSION = '>= 1.10.0';

export interface AwsProviderOptions {
  readonly region: string;
  readonly accountId: string;
  readonly deployRoleArn?: string;
  /** Read-only role for plans; with it, the variable `aws_role` ("deploy" or "plan") picks the role. */
  readonly planRoleArn?: string;
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
  // The prebuilt binding declares the bare source "aws"; OpenTofu resolves a bare name ambiguously
  // (opentofu/opentofu#2402), the qualified source means the same provider to both tools.
  const stack = TerraformStack.of(scope);
  stack.addOverride('terraform.required_providers.aws.source', 'hashicorp/aws');
  // Every stack has exactly one AWS provider: the stack-wide terraform settings live here with its source.
  stack.addOverride('terraform.required_version', REQUIRED_TERRAFORM_VERSION);
  return new AwsProvider(scope, 'aws', {
    region: options.region,
    allowedAccountIds: [options.accountId],
    assumeRole: options.deployRoleArn ? [{ roleArn: providerRoleArn(scope, options.deployRoleArn, options.planRoleArn), sessionName: options.sessionName }] : undefined,
    defaultTags: [{ tags: options.tags }],
  });
}

/** Name of the variable that switches the AWS provider to the plan role (TF_VAR_aws_role=plan). */
export const AWS_ROLE_VARIABLE = 'aws_role';

/**
 * The deploy role, or with a plan role a choice between the two: pipeline plans set
 * TF_VAR_aws_role=plan and so run with read-only AWS permissions; applies keep the default. The
 * role ARNs are schema-validated, so nothing user-written reaches the expression unchecked.
 */
function providerRoleArn(scope: Construct, deployRoleArn: string, planRoleArn: string | undefined): string {
  if (!planRoleArn) return deployRoleArn;
  const role = new TerraformVariable(scope, AWS_ROLE_VARIABLE, {
    type: 'string',
    default: 'deploy',
    nullable: false,
    description: 'Role the AWS provider assumes: "deploy" (apply) or "plan" (read-only, set by plan jobs)',
    validation: [{ condition: `\${contains(["deploy", "plan"], var.${AWS_ROLE_VARIABLE})}`, errorMessage: 'aws_role must be "deploy" or "plan".' }],
  });
  return Fn.conditional(Op.eq(role.stringValue, 'plan'), planRoleArn, deployRoleArn) as string;
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
