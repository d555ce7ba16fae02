import { awsPrincipals, condition, type PolicyStatement } from '../aws/policy';
import { DATABRICKS_CONTROL_PLANE_PRINCIPAL } from './customer-managed-keys';

/**
 * The shard name Databricks uses in root-bucket paths (`<name>-prod/...`) per region, from the SRA's
 * region_name_config (terraform-databricks-sra, aws/tf/variables.tf, primary_name; us-west-1 is served from oregon there).
 */
// Keyed by region name; a test keeps the keys equal to the schema's DATABRICKS_AWS_REGIONS.
export const ROOT_BUCKET_REGION_NAMES: Readonly<Record<string, string>> = {
  'us-east-1': 'nvirginia',
  'us-east-2': 'ohio',
  'us-west-1': 'oregon',
  'us-west-2': 'oregon',
  'ca-central-1': 'canada',
  'sa-east-1': 'saopaulo',
  'eu-west-1': 'ireland',
  'eu-west-2': 'london',
  'eu-west-3': 'paris',
  'eu-central-1': 'frankfurt',
  'ap-south-1': 'mumbai',
  'ap-southeast-1': 'singapore',
  'ap-southeast-2': 'sydney',
  'ap-northeast-1': 'tokyo',
  'ap-northeast-2': 'seoul',
};

/** The prefixes Databricks may write under in a workspace root bucket. */
export function rootBucketWritePrefixes(region: string): string[] {
  const name = ROOT_BUCKET_REGION_NAMES[region];
  if (!name) throw new Error(`no root-bucket path name is known for region ${region} (ROOT_BUCKET_REGION_NAMES)`);
  const shard = `${name}-prod`;
  // The SRA also names the workspace id (`<shard>/<id>/*`, `<shard>/<id>.*/*`, `ephemeral/<shard>/<id>/*`), but the
  // id exists only after the workspace, whose creation already validates this policy; the bucket serves one
  // workspace, so the shard prefixes hold the same objects. `<shard>/0_databricks_dev` is the creation check's object.
  return [`${shard}/*`, `ephemeral/${shard}/*`];
}

/**
 * Restrictive root-bucket policy after the SRA (aws/tf/modules/databricks_workspace/restrictive_root_bucket):
 * Databricks' control plane reads the whole bucket but writes and deletes only under its workspace paths,
 * and only for this Databricks account. Replaces databricks_aws_bucket_policy, which grants writes anywhere.
 */
export function restrictiveRootBucketStatements(bucketArn: string, databricksAccountId: string, region: string): PolicyStatement[] {
  const thisAccountOnly = condition('StringEquals', 'aws:PrincipalTag/DatabricksAccountId', databricksAccountId);
  return [
    {
      sid: 'DatabricksReadsRootBucket',
      principals: awsPrincipals(DATABRICKS_CONTROL_PLANE_PRINCIPAL),
      actions: ['s3:GetObject', 's3:GetObjectVersion', 's3:ListBucket', 's3:GetBucketLocation'],
      resources: [bucketArn, `${bucketArn}/*`],
      condition: [thisAccountOnly],
    },
    {
      sid: 'DatabricksWritesWorkspacePaths',
      principals: awsPrincipals(DATABRICKS_CONTROL_PLANE_PRINCIPAL),
      actions: ['s3:PutObject', 's3:DeleteObject'],
      resources: rootBucketWritePrefixes(region).map((prefix) => `${bucketArn}/${prefix}`),
      condition: [thisAccountOnly],
    },
  ];
}
