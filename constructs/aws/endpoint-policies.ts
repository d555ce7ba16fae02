import { accountRoot } from './policy';

/** What the restrictive endpoint policies of an isolated or firewalled workspace VPC allow. */
export interface EndpointPolicyProps {
  readonly region: string;
  /** AWS account of the workspace: its roles use the workspace buckets and STS. */
  readonly awsAccountId: string;
  /** Buckets of this workspace (root bucket, catalog storage, a metastore root in the region). */
  readonly workspaceBuckets: readonly string[];
  /** Databricks' side: control-plane AWS account and its buckets in the region (environments/schema/databricks-regions.ts). */
  readonly databricks: {
    readonly awsAccountId: string;
    readonly artifactBuckets: readonly string[];
    readonly datasetsBucket: string;
    readonly systemTablesBucket: string;
    readonly logBucket: string;
  };
}

export interface EndpointPolicies {
  readonly s3: string;
  readonly sts: string;
  readonly kinesis: string;
}

type PolicyStatement = Record<string, unknown>;

const READ = ['s3:GetObject', 's3:GetObjectVersion', 's3:ListBucket', 's3:GetBucketLocation'];
const READ_WRITE = [...READ, 's3:PutObject', 's3:DeleteObject'];
const bucketArns = (buckets: readonly string[]) => buckets.flatMap((bucket) => [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`]);
const document = (statements: PolicyStatement[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

/**
 * Endpoint policies after the Security Reference Architecture (aws/tf/privatelink.tf): the S3 gateway
 * endpoint reaches only this workspace's buckets and Databricks' regional buckets, STS serves only the
 * workspace account and Databricks, Kinesis only Databricks' streams. Everything else through the
 * endpoints is denied, so a node cannot copy data to a bucket or account of someone else's.
 */
export function restrictiveEndpointPolicies(props: EndpointPolicyProps): EndpointPolicies {
  const { databricks } = props;
  const workspaceAccount = accountRoot(props.awsAccountId);
  const databricksAccount = accountRoot(databricks.awsAccountId);
  const s3: PolicyStatement[] = [
    {
      Sid: 'WorkspaceStorage',
      Effect: 'Allow',
      // Catalog data through the workspace's roles; DBFS root through credentials Databricks issues.
      Principal: { AWS: [workspaceAccount, databricksAccount] },
      Action: READ_WRITE,
      Resource: bucketArns(props.workspaceBuckets),
    },
    {
      Sid: 'DatabricksArtifacts',
      Effect: 'Allow',
      // Nodes fetch runtime artifacts with URLs Databricks signs; the SRA scopes this statement by the
      // bucket owner (aws:ResourceAccount) instead of the caller, and only for reads.
      Principal: '*',
      Action: READ,
      Resource: bucketArns(databricks.artifactBuckets),
      Condition: { StringEquals: { 'aws:ResourceAccount': [databricks.awsAccountId] } },
    },
    {
      Sid: 'DatabricksDatasetsAndSystemTables',
      Effect: 'Allow',
      Principal: { AWS: [databricksAccount] },
      Action: READ,
      Resource: bucketArns([databricks.datasetsBucket, databricks.systemTablesBucket]),
    },
    {
      Sid: 'DatabricksLogs',
      Effect: 'Allow',
      Principal: { AWS: [databricksAccount] },
      Action: ['s3:PutObject', 's3:ListBucket', 's3:GetBucketLocation'],
      Resource: bucketArns([databricks.logBucket]),
    },
  ];
  const sts: PolicyStatement[] = [
    {
      Sid: 'WorkspaceAccountSessions',
      Effect: 'Allow',
      Principal: { AWS: [workspaceAccount] },
      Action: ['sts:AssumeRole', 'sts:GetAccessKeyInfo', 'sts:GetSessionToken', 'sts:DecodeAuthorizationMessage', 'sts:TagSession'],
      Resource: '*',
    },
    {
      Sid: 'DatabricksSessions',
      Effect: 'Allow',
      // The datasets user reads /databricks-datasets (sra aws/tf/privatelink.tf, sts_vpc_endpoint_policy).
      Principal: { AWS: [databricksAccount, `arn:aws:iam::${databricks.awsAccountId}:user/databricks-datasets-readonly-user-prod`] },
      Action: ['sts:AssumeRole', 'sts:GetSessionToken', 'sts:TagSession'],
      Resource: '*',
    },
  ];
  const kinesis: PolicyStatement[] = [
    {
      Sid: 'DatabricksStreams',
      Effect: 'Allow',
      Principal: { AWS: [databricksAccount] },
      Action: ['kinesis:PutRecord', 'kinesis:PutRecords', 'kinesis:DescribeStream'],
      Resource: [`arn:aws:kinesis:${props.region}:${databricks.awsAccountId}:stream/*`],
    },
  ];
  return { s3: document(s3), sts: document(sts), kinesis: document(kinesis) };
}
