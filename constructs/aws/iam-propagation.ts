import { Sleep } from '@cdktf/provider-time/lib/sleep';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';

/**
 * IAM is eventually consistent: Databricks validates a new role within seconds of its creation and
 * fails with "role is not valid" unless we wait. Everything that hands a role to Databricks depends on this.
 */
export class IamPropagationWait extends Construct {
  readonly sleep: Sleep;

  constructor(scope: Construct, id: string, dependsOn: ITerraformDependable[], duration = '30s') {
    super(scope, id);
    this.sleep = new Sleep(this, 'wait', { createDuration: duration, dependsOn });
  }
}
