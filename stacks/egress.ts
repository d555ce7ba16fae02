import type { ResolvedEnvironment } from '../environments';
import { databricksRegion, DATABRICKS_CONTROL_PLANE_AWS_ACCOUNT, type AccountConfig } from '../environments/schema';
import { restrictiveEndpointPolicies, type EndpointPolicies } from '../constructs/aws/endpoint-policies';
import type { Naming } from '../constructs/naming';

/** The bucket of an s3://bucket/path URL. */
export const bucketOfUrl = (url: string) => url.replace(/^s3:\/\//, '').split('/')[0];

/**
 * Buckets this environment's compute reads and writes: the workspace root bucket, the catalog storage
 * (names as DatabricksWorkspace and UnityCatalog give them) and a metastore root in the region.
 */
export function workspaceBuckets(account: AccountConfig, env: ResolvedEnvironment, naming: Naming): string[] {
  const metastoreRoot = account.metastoreStorageRoot[env.aws.region];
  return [
    naming.bucketName('root', env.aws.accountId),
    naming.bucketName('catalog', env.aws.accountId),
    ...(metastoreRoot ? [bucketOfUrl(metastoreRoot)] : []),
  ];
}

/** Restrictive S3/STS/Kinesis endpoint policies for `isolated` and `firewall` egress; none for `nat`. */
export function endpointPoliciesFor(account: AccountConfig, env: ResolvedEnvironment, naming: Naming): EndpointPolicies | undefined {
  if (env.network.mode !== 'create' || env.network.egress === 'nat') return undefined;
  const region = databricksRegion(env.aws.region);
  // Validation refuses such regions; this guards direct construction.
  if (typeof region === 'string') throw new Error(`environment "${env.name}": network.egress: ${region}`);
  return restrictiveEndpointPolicies({
    region: env.aws.region,
    awsAccountId: env.aws.accountId,
    workspaceBuckets: workspaceBuckets(account, env, naming),
    databricks: { awsAccountId: DATABRICKS_CONTROL_PLANE_AWS_ACCOUNT, ...region },
  });
}
