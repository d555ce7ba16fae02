import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { DataDatabricksAwsAssumeRolePolicy } from '@cdktf/provider-databricks/lib/data-databricks-aws-assume-role-policy';
import { DataDatabricksAwsCrossaccountPolicy } from '@cdktf/provider-databricks/lib/data-databricks-aws-crossaccount-policy';
import { Construct } from 'constructs';
import type { StackContext } from '../context';
import { IamPropagationWait } from './iam-propagation';
import { EBS_KEY_ACTIONS } from './customer-managed-key';
import { viaService, type PolicyStatement } from './policy';

export interface CrossAccountRoleProps {
  /** Names the role; its Databricks account is the trust's external id; data sources use its account provider. */
  readonly context: StackContext;
  readonly vpcId: string;
  /**
   * The cluster security group. With exactly one, the policy is Databricks' "restricted" type
   * (scoped to account, region, VPC and group); otherwise the "customer" type (customer-managed VPC).
   */
  readonly securityGroupIds: string[];
  /** Roles the workspace may pass to clusters (instance profiles). Default: none. */
  readonly passRoleArns?: string[];
  /**
   * KMS keys in other AWS accounts used for EBS volumes: their key policies alone cannot grant this
   * role access, so it also needs an IAM permission. Default: none.
   */
  readonly crossAccountEbsKeyArns?: string[];
}

/** The role Databricks assumes to launch clusters in the customer's VPC. */
export class CrossAccountRole extends Construct {
  readonly role: IamRole;
  /** Depend on this before handing the role to Databricks (databricks_mws_credentials). */
  readonly ready: IamPropagationWait;

  constructor(scope: Construct, id: string, props: CrossAccountRoleProps) {
    super(scope, id);
    const { naming, databricksAccountId, awsAccountId, region, accountProvider: provider } = props.context;
    const trust = new DataDatabricksAwsAssumeRolePolicy(this, 'trust', { provider, externalId: databricksAccountId });
    this.role = new IamRole(this, 'role', {
      name: naming.name('crossaccount'),
      description: 'Assumed by the Databricks control plane to manage cluster instances',
      assumeRolePolicy: trust.json,
      maxSessionDuration: 3600,
    });
    const restricted = props.securityGroupIds.length === 1;
    const permissions = new DataDatabricksAwsCrossaccountPolicy(this, 'permissions', {
      provider,
      policyType: restricted ? 'restricted' : 'customer',
      ...(restricted
        ? { awsAccountId, region, vpcId: props.vpcId, securityGroupId: props.securityGroupIds[0] }
        : {}),
      passRoles: props.passRoleArns && props.passRoleArns.length > 0 ? props.passRoleArns : undefined,
    });
    const policies = [
      new IamRolePolicy(this, 'databricks-policy', { name: 'databricks-crossaccount', role: this.role.id, policy: permissions.json }),
    ];
    const keyArns = props.crossAccountEbsKeyArns ?? [];
    if (keyArns.length > 0) {
      const ebsKeyUse: PolicyStatement = {
        sid: 'UseCrossAccountKeyForEbs',
        actions: EBS_KEY_ACTIONS,
        resources: keyArns,
        condition: [viaService('ec2', region)],
      };
      const document = new DataAwsIamPolicyDocument(this, 'ebs-key-document', { statement: [ebsKeyUse] });
      policies.push(new IamRolePolicy(this, 'ebs-key-policy', { name: 'cross-account-ebs-key', role: this.role.id, policy: document.json }));
    }
    this.ready = new IamPropagationWait(this, 'propagation', [this.role, ...policies]);
  }

  get arn(): string {
    return this.role.arn;
  }
}
