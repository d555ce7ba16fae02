import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { InstanceProfile } from '@cdktf/provider-databricks/lib/instance-profile';
import { Construct } from 'constructs';
import { IamPropagationWait } from '../aws/iam-propagation';
import { roleArnFor } from '../aws/policy';
import type { WorkspaceContext } from '../context';
import type { Naming } from '../naming';
import type { PolicyDefinition } from './cluster-policy-definition';

/** The Spark setting that makes a cluster use the AWS Glue Data Catalog as its Hive metastore. */
export const GLUE_CATALOG_SPARK_CONF = { 'spark.databricks.hive.metastore.glueCatalog.enabled': 'true' } as const;

/** Glue actions Databricks documents for a Glue-backed Hive metastore (read and write). */
export const GLUE_CATALOG_ACTIONS = [
  'glue:BatchCreatePartition', 'glue:BatchDeletePartition', 'glue:BatchGetPartition', 'glue:CreateDatabase',
  'glue:CreateTable', 'glue:CreateUserDefinedFunction', 'glue:DeleteDatabase', 'glue:DeletePartition',
  'glue:DeleteTable', 'glue:DeleteUserDefinedFunction', 'glue:GetDatabase', 'glue:GetDatabases',
  'glue:GetPartition', 'glue:GetPartitions', 'glue:GetTable', 'glue:GetTables', 'glue:GetUserDefinedFunction',
  'glue:GetUserDefinedFunctions', 'glue:UpdateDatabase', 'glue:UpdatePartition', 'glue:UpdateTable',
  'glue:UpdateUserDefinedFunction',
];

/** Name of the data role; deterministic so the cross-account role can allow passing it before it exists. */
export const glueDataRoleName = (naming: Naming) => naming.name('glue-data');
export const glueDataRoleArn = (naming: Naming, awsAccountId: string) => roleArnFor(awsAccountId, glueDataRoleName(naming));

/**
 * Cluster-policy elements for legacy Glue clusters: the Glue setting and the instance profile are
 * fixed, so a cluster under the policy always reaches the catalog with the intended role.
 */
export function glueCatalogPolicy(instanceProfileArn: string, catalogAccountId?: string): PolicyDefinition {
  const definition: PolicyDefinition = {
    'aws_attributes.instance_profile_arn': { type: 'fixed', value: instanceProfileArn },
  };
  for (const [key, value] of Object.entries(GLUE_CATALOG_SPARK_CONF)) definition[`spark_conf.${key}`] = { type: 'fixed', value };
  if (catalogAccountId) definition['spark_conf.spark.hadoop.hive.metastore.glue.catalogid'] = { type: 'fixed', value: catalogAccountId };
  return definition;
}

export interface GlueMetastoreProps {
  /** Names the role; the catalog is in its region; its workspace provider registers the instance profile. */
  readonly context: WorkspaceContext;
  /** AWS account holding the Glue catalog. Default: the context's AWS account. */
  readonly catalogAccountId?: string;
}

/**
 * Legacy, off by default: the AWS Glue Data Catalog as the workspace's Hive metastore. Creates the data
 * role clusters run as, its instance profile, and registers the profile in the workspace. The
 * cross-account role must be allowed to pass the role (`CrossAccountRole.passRoleArns`). Unity Catalog
 * remains the governed path; Glue tables are outside its grants, lineage and audit.
 */
export class GlueMetastore extends Construct {
  readonly role: IamRole;
  readonly instanceProfile: IamInstanceProfile;
  readonly databricksInstanceProfile: InstanceProfile;

  constructor(scope: Construct, id: string, props: GlueMetastoreProps) {
    super(scope, id);
    const { naming, awsAccountId, region, workspaceProvider } = props.context;
    const catalogAccountId = props.catalogAccountId ?? awsAccountId;
    const trust = new DataAwsIamPolicyDocument(this, 'trust', {
      statement: [{ sid: 'Ec2AssumeRole', actions: ['sts:AssumeRole'], principals: [{ type: 'Service', identifiers: ['ec2.amazonaws.com'] }] }],
    });
    this.role = new IamRole(this, 'role', {
      name: glueDataRoleName(naming),
      description: 'Legacy Hive metastore: clusters reach the AWS Glue Data Catalog with this role',
      assumeRolePolicy: trust.json,
    });
    const glue = new DataAwsIamPolicyDocument(this, 'permissions', {
      statement: [{
        sid: 'GlueDataCatalog',
        actions: GLUE_CATALOG_ACTIONS,
        resources: [`arn:aws:glue:${region}:${catalogAccountId}:*`],
      }],
    });
    const policy = new IamRolePolicy(this, 'policy', { name: 'glue-data-catalog', role: this.role.id, policy: glue.json });
    this.instanceProfile = new IamInstanceProfile(this, 'instance-profile', { name: glueDataRoleName(naming), role: this.role.name });
    const ready = new IamPropagationWait(this, 'propagation', [this.role, policy, this.instanceProfile]);
    this.databricksInstanceProfile = new InstanceProfile(this, 'databricks-instance-profile', {
      provider: workspaceProvider,
      instanceProfileArn: this.instanceProfile.arn,
      dependsOn: [ready.sleep],
    });
  }
}
