import type { TerraformProvider } from 'cdktf';
import type { Naming } from './naming';

/**
 * What every construct of a stack shares, built once by the stack: names, the accounts and region it
 * deploys to, its tags, whether stateful resources are protected, and the account-console provider.
 * AWS resources use the stack's default AWS provider, so it is not carried here.
 */
export interface StackContext {
  readonly naming: Naming;
  readonly awsAccountId: string;
  readonly databricksAccountId: string;
  readonly region: string;
  /** Tags of the stack's AWS resources (provider default_tags) and Databricks clusters. */
  readonly tags: Readonly<Record<string, string>>;
  /** prevent_destroy on stateful resources, longer KMS deletion windows. */
  readonly protect: boolean;
  /** Databricks account-console provider (mws_* objects, account-level data sources). */
  readonly accountProvider: TerraformProvider;
}

/** The context once the stack's workspace exists: its id and the provider for objects inside it. */
export interface WorkspaceContext extends StackContext {
  readonly workspaceId: number;
  readonly workspaceProvider: TerraformProvider;
}
