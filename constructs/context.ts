import type { TerraformProvider } from 'cdktf';
import type { Naming } from './naming';

/**
 * What every AWS construct of a stack shares, built once by the stack: names, the AWS account and region
 * it deploys to, its tags and whether stateful resources are protected. AWS resources use the stack's
 * default AWS provider, so it is not carried here. Constructs read these from the context instead of
 * taking them as props of their own (docs/ARCHITECTURE.md, "Constructs and their props").
 */
export interface AwsContext {
  readonly naming: Naming;
  readonly awsAccountId: string;
  readonly region: string;
  /** Tags of the stack's AWS resources (provider default_tags) and Databricks clusters. */
  readonly tags: Readonly<Record<string, string>>;
  /** prevent_destroy on stateful resources, longer KMS deletion windows. */
  readonly protect: boolean;
}

/** The context of a stack that also talks to the Databricks account console. */
export interface StackContext extends AwsContext {
  readonly databricksAccountId: string;
  /** Databricks account-console provider (mws_* objects, account-level data sources). */
  readonly accountProvider: TerraformProvider;
}

/** The context once the stack's workspace exists: its id and the provider for objects inside it. */
export interface WorkspaceContext extends StackContext {
  readonly workspaceId: number;
  readonly workspaceProvider: TerraformProvider;
}
