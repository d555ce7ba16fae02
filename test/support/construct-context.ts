/**
 * Stack contexts for tests that build one construct on its own (constructs/context.ts): fixture values
 * (prefix "fx", environment "alpha", FIXTURE accounts and region), any field overridden.
 */
import { DatabricksProvider } from '@cdktf/provider-databricks/lib/provider';
import type { Construct } from 'constructs';
import type { AwsContext, StackContext, WorkspaceContext } from '../../constructs/context';
import { Naming } from '../../constructs/naming';
import { FIXTURE } from './fixtures';

export function awsContextFixture(overrides: Partial<AwsContext> = {}): AwsContext {
  return {
    naming: new Naming(FIXTURE.namePrefix, 'alpha'),
    awsAccountId: FIXTURE.accountId,
    region: FIXTURE.region,
    tags: { Environment: 'alpha', Owner: 'fx-owner', CostCenter: 'FX-1' },
    protect: true,
    ...overrides,
  };
}

/** With an account-console provider (alias "account") created in `scope` unless one is given. */
export function stackContextFixture(scope: Construct, overrides: Partial<StackContext> = {}): StackContext {
  return {
    ...awsContextFixture(overrides),
    databricksAccountId: FIXTURE.databricksAccountId,
    accountProvider: overrides.accountProvider ?? new DatabricksProvider(scope, 'databricks-account', { alias: 'account', host: 'https://accounts.cloud.databricks.com' }),
    ...overrides,
  };
}

/** With a workspace provider (alias "workspace") created in `scope` unless one is given. */
export function workspaceContextFixture(scope: Construct, overrides: Partial<WorkspaceContext> = {}): WorkspaceContext {
  return {
    ...stackContextFixture(scope, overrides),
    workspaceId: 1234567890,
    workspaceProvider:
      overrides.workspaceProvider ?? new DatabricksProvider(scope, 'databricks-workspace', { alias: 'workspace', host: 'https://fx-alpha.cloud.databricks.com' }),
    ...overrides,
  };
}
