import type { DatabricksAwsRegion } from './primitives';

/**
 * Everything region-specific that the network constructs need about Databricks on AWS, in ONE table.
 * Sources (each region row cites the ones it was taken from, by key):
 * - docs: "IP addresses and domains for Databricks services and assets",
 *   docs.databricks.com/aws/en/resources/ip-domain-region (PrivateLink endpoint services, buckets).
 * - sra: databricks/terraform-databricks-sra, aws/tf/variables.tf at 72a96ea (general_access_config,
 *   scc_relay_config, artifact_storage_bucket, system_table_bucket_config, log_storage_bucket_config,
 *   shared_datasets_bucket) and aws/tf/privatelink.tf (which bucket each endpoint-policy statement names).
 * - examples: databricks/terraform-databricks-examples, modules/aws-exfiltration-protection/main.tf at
 *   fb6ff0c (regional_config: web application, SCC relay and legacy Hive metastore host names).
 * A region missing here fails validation instead of guessing a name.
 */
export const REGION_DATA_SOURCES = {
  docs: 'docs.databricks.com/aws/en/resources/ip-domain-region',
  sra: 'github.com/databricks/terraform-databricks-sra aws/tf/variables.tf @72a96ea',
  examples: 'github.com/databricks/terraform-databricks-examples modules/aws-exfiltration-protection/main.tf @fb6ff0c',
} as const;

export interface DatabricksRegion {
  /** Workspace (REST API) PrivateLink endpoint service; front-end and back-end endpoints both use it. */
  readonly workspace: string;
  /** Secure cluster connectivity relay PrivateLink endpoint service. */
  readonly relay: string;
  /** Regional web application host (without PrivateLink, clusters reach the control plane here). */
  readonly webApp: string;
  /** Secure cluster connectivity relay host (without PrivateLink). */
  readonly relayHost: string;
  /** Legacy Hive metastore (RDS, port 3306); never reachable over PrivateLink. */
  readonly legacyMetastoreHost: string;
  /** Databricks Runtime artifact buckets (read by cluster nodes at start-up). */
  readonly artifactBuckets: readonly string[];
  /** Bucket of the system tables (read). */
  readonly systemTablesBucket: string;
  /** Bucket receiving cluster logs and usage data from the nodes (write). */
  readonly logBucket: string;
  /** Sample data sets (/databricks-datasets, read). */
  readonly datasetsBucket: string;
  /** Region of the buckets above when it is not the row's own (S3 gateway endpoints reach same-region buckets only). */
  readonly bucketRegion?: DatabricksAwsRegion;
  /** Keys of REGION_DATA_SOURCES the row was taken from. */
  readonly sources: readonly (keyof typeof REGION_DATA_SOURCES)[];
  /** What differs from the pattern of the other regions, and which source says so. */
  readonly note?: string;
}

const ALL_SOURCES = ['docs', 'sra', 'examples'] as const;

export const DATABRICKS_REGIONS: Partial<Record<DatabricksAwsRegion, DatabricksRegion>> = {
  'us-east-1': {
    workspace: 'com.amazonaws.vpce.us-east-1.vpce-svc-09143d1e626de2f04',
    relay: 'com.amazonaws.vpce.us-east-1.vpce-svc-00018a8c3ff62ffdf',
    webApp: 'nvirginia.cloud.databricks.com',
    relayHost: 'tunnel.us-east-1.cloud.databricks.com',
    legacyMetastoreHost: 'mdb7sywh50xhpr.chkweekm4xjq.us-east-1.rds.amazonaws.com',
    artifactBuckets: ['databricks-prod-artifacts-us-east-1'],
    systemTablesBucket: 'system-tables-prod-us-east-1-uc-metastore-bucket',
    logBucket: 'databricks-prod-storage-virginia',
    datasetsBucket: 'databricks-datasets-virginia',
    sources: ALL_SOURCES,
  },
  'us-east-2': {
    workspace: 'com.amazonaws.vpce.us-east-2.vpce-svc-041dc2b4d7796b8d3',
    relay: 'com.amazonaws.vpce.us-east-2.vpce-svc-090a8fab0d73e39a6',
    webApp: 'ohio.cloud.databricks.com',
    relayHost: 'tunnel.us-east-2.cloud.databricks.com',
    legacyMetastoreHost: 'md7wf1g369xf22.cluz8hwxjhb6.us-east-2.rds.amazonaws.com',
    artifactBuckets: ['databricks-prod-artifacts-us-east-2'],
    systemTablesBucket: 'system-tables-prod-us-east-2-uc-metastore-bucket',
    logBucket: 'databricks-prod-storage-ohio',
    datasetsBucket: 'databricks-datasets-ohio',
    sources: ALL_SOURCES,
  },
  'us-west-1': {
    workspace: 'com.amazonaws.vpce.us-west-1.vpce-svc-09bb6ca26208063f2',
    relay: 'com.amazonaws.vpce.us-west-1.vpce-svc-04cb91f9372b792fe',
    webApp: 'oregon.cloud.databricks.com',
    relayHost: 'tunnel.cloud.databricks.com',
    legacyMetastoreHost: 'mdzsbtnvk0rnce.c13weuwubexq.us-west-1.rds.amazonaws.com',
    artifactBuckets: ['databricks-prod-artifacts-us-west-2'],
    systemTablesBucket: 'system-tables-prod-us-west-1-uc-metastore-bucket',
    logBucket: 'databricks-prod-storage-oregon',
    datasetsBucket: 'databricks-datasets-oregon',
    sources: ALL_SOURCES,
    bucketRegion: 'us-west-2',
    note: 'Served from us-west-2: artifact, log and datasets buckets and the oregon host names (sra, examples)',
  },
  'us-west-2': {
    workspace: 'com.amazonaws.vpce.us-west-2.vpce-svc-0129f463fcfbc46c5',
    relay: 'com.amazonaws.vpce.us-west-2.vpce-svc-0158114c0c730c3bb',
    webApp: 'oregon.cloud.databricks.com',
    relayHost: 'tunnel.cloud.databricks.com',
    legacyMetastoreHost: 'mdpartyyphlhsp.caj77bnxuhme.us-west-2.rds.amazonaws.com',
    artifactBuckets: ['databricks-prod-artifacts-us-west-2', 'databricks-update-oregon'],
    systemTablesBucket: 'system-tables-prod-us-west-2-uc-metastore-bucket',
    logBucket: 'databricks-prod-storage-oregon',
    datasetsBucket: 'databricks-datasets-oregon',
    sources: ALL_SOURCES,
  },
  'ca-central-1': {
    workspace: 'com.amazonaws.vpce.ca-central-1.vpce-svc-0205f197ec0e28d65',
    relay: 'com.amazonaws.vpce.ca-central-1.vpce-svc-0c4e25bdbcbfbb684',
    webApp: 'canada.cloud.databricks.com',
    relayHost: 'tunnel.ca-central-1.cloud.databricks.com',
    legacyMetastoreHost: 'md1w81rjeh9i4n5.co1tih5pqdrl.ca-central-1.rds.amazonaws.com',
    artifactBuckets: ['databricks-prod-artifacts-ca-central-1'],
    systemTablesBucket: 'system-tables-prod-ca-central-1-uc-metastore-bucket',
    logBucket: 'databricks-prod-storage-montreal',
    datasetsBucket: 'databricks-datasets-montreal',
    sources: ALL_SOURCES,
  },
  'sa-east-1': {
    workspace: 'com.amazonaws.vpce.sa-east-1.vpce-svc-0bafcea8cdfe11b66',
    relay: 'com.amazonaws.vpce.sa-east-1.vpce-svc-0e61564963be1b43f',
    webApp: 'saopaulo.cloud.databricks.com',
    relayHost: 'tunnel.sa-east-1.cloud.databricks.com',
    legacyMetastoreHost: 'metastorerds-dbconsolidationmetastore-fqekf3pck8yw.cog1aduyg4im.sa-east-1.rds.amazonaws.com',
    artifactBuckets: ['databricks-prod-artifacts-sa-east-1'],
    systemTablesBucket: 'system-tables-prod-sa-east-1-uc-metastore-bucket',
    logBucket: 'databricks-prod-storage-saopaulo',
    datasetsBucket: 'databricks-datasets-saopaulo',
    sources: ALL_SOURCES,
  },
  'eu-west-1': {
    workspace: 'com.amazonaws.vpce.eu-west-1.vpce-svc-0da6ebf1461278016',
    relay: 'com.amazonaws.vpce.eu-west-1.vpce-svc-09b4eb2bc775f4e8c',
    webApp: 'ireland.cloud.databricks.com',
    relayHost: 'tunnel.eu-west-1.cloud.databricks.com',
    legacyMetastoreHost: 'md15cf9e1wmjgny.cxg30ia2wqgj.eu-west-1.rds.amazonaws.com',
    artifactBuckets: ['databricks-prod-artifacts-eu-west-1'],
    systemTablesBucket: 'system-tables-prod-eu-west-1-uc-metastore-bucket',
    logBucket: 'databricks-prod-storage-ireland',
    datasetsBucket: 'databricks-datasets-ireland',
    sources: ALL_SOURCES,
  },
  'eu-west-2': {
    workspace: 'com.amazonaws.vpce.eu-west-2.vpce-svc-01148c7cdc1d1326c',
    relay: 'com.amazonaws.vpce.eu-west-2.vpce-svc-05279412bf5353a45',
    webApp: 'london.cloud.databricks.com',
    relayHost: 'tunnel.eu-west-2.cloud.databricks.com',
    legacyMetastoreHost: 'mdio2468d9025m.c6fvhwk6cqca.eu-west-2.rds.amazonaws.com',
    artifactBuckets: ['databricks-prod-artifacts-eu-west-2'],
    systemTablesBucket: 'system-tables-prod-eu-west-2-uc-metastore-bucket',
    logBucket: 'databricks-prod-storage-london',
    datasetsBucket: 'databricks-datasets-london',
    sources: ALL_SOURCES,
  },
  'eu-west-3': {
    workspace: 'com.amazonaws.vpce.eu-west-3.vpce-svc-008b9368d1d011f37',
    relay: 'com.amazonaws.vpce.eu-west-3.vpce-svc-005b039dd0b5f857d',
    webApp: 'paris.cloud.databricks.com',
    relayHost: 'tunnel.eu-west-3.cloud.databricks.com',
    legacyMetastoreHost: 'metastorerds-dbconsolidationmetastore-asda4em2u6eg.c2ybp3dss6ua.eu-west-3.rds.amazonaws.com',
    artifactBuckets: ['databricks-prod-artifacts-eu-west-3'],
    systemTablesBucket: 'system-tables-prod-eu-west-3-uc-metastore-bucket',
    logBucket: 'databricks-prod-storage-paris',
    datasetsBucket: 'databricks-datasets-paris',
    sources: ALL_SOURCES,
  },
  'eu-central-1': {
    workspace: 'com.amazonaws.vpce.eu-central-1.vpce-svc-081f78503812597f7',
    relay: 'com.amazonaws.vpce.eu-central-1.vpce-svc-08e5dfca9572c85c4',
    webApp: 'frankfurt.cloud.databricks.com',
    relayHost: 'tunnel.eu-central-1.cloud.databricks.com',
    legacyMetastoreHost: 'mdv2llxgl8lou0.ceptxxgorjrc.eu-central-1.rds.amazonaws.com',
    artifactBuckets: ['databricks-prod-artifacts-eu-central-1'],
    systemTablesBucket: 'system-tables-prod-eu-central-1-uc-metastore-bucket',
    logBucket: 'databricks-prod-storage-frankfurt',
    datasetsBucket: 'databricks-datasets-frankfurt',
    sources: ALL_SOURCES,
  },
  'ap-south-1': {
    workspace: 'com.amazonaws.vpce.ap-south-1.vpce-svc-0dbfe5d9ee18d6411',
    relay: 'com.amazonaws.vpce.ap-south-1.vpce-svc-03fd4d9b61414f3de',
    webApp: 'mumbai.cloud.databricks.com',
    relayHost: 'tunnel.ap-south-1.cloud.databricks.com',
    legacyMetastoreHost: 'mdjanpojt83v6j.c5jml0fhgver.ap-south-1.rds.amazonaws.com',
    artifactBuckets: ['databricks-prod-artifacts-ap-south-1'],
    systemTablesBucket: 'system-tables-prod-ap-south-1-uc-metastore-bucket',
    logBucket: 'databricks-prod-storage-mumbai',
    datasetsBucket: 'databricks-datasets-mumbai',
    sources: ALL_SOURCES,
  },
  'ap-southeast-1': {
    workspace: 'com.amazonaws.vpce.ap-southeast-1.vpce-svc-02535b257fc253ff4',
    relay: 'com.amazonaws.vpce.ap-southeast-1.vpce-svc-0557367c6fc1a0c5c',
    webApp: 'singapore.cloud.databricks.com',
    relayHost: 'tunnel.ap-southeast-1.cloud.databricks.com',
    legacyMetastoreHost: 'md1n4trqmokgnhr.csnrqwqko4ho.ap-southeast-1.rds.amazonaws.com',
    artifactBuckets: ['databricks-prod-artifacts-ap-southeast-1'],
    systemTablesBucket: 'system-tables-prod-ap-southeast-1-uc-metastore-bucket',
    logBucket: 'databricks-prod-storage-singapore',
    datasetsBucket: 'databricks-datasets-singapore',
    sources: ALL_SOURCES,
  },
  'ap-southeast-2': {
    workspace: 'com.amazonaws.vpce.ap-southeast-2.vpce-svc-0b87155ddd6954974',
    relay: 'com.amazonaws.vpce.ap-southeast-2.vpce-svc-0b4a72e8f825495f6',
    webApp: 'sydney.cloud.databricks.com',
    relayHost: 'tunnel.ap-southeast-2.cloud.databricks.com',
    legacyMetastoreHost: 'mdnrak3rme5y1c.c5f38tyb1fdu.ap-southeast-2.rds.amazonaws.com',
    artifactBuckets: ['databricks-prod-artifacts-ap-southeast-2'],
    systemTablesBucket: 'system-tables-prod-ap-southeast-2-uc-metastore-bucket',
    logBucket: 'databricks-prod-storage-sydney',
    datasetsBucket: 'databricks-datasets-sydney',
    sources: ALL_SOURCES,
  },
  'ap-northeast-1': {
    workspace: 'com.amazonaws.vpce.ap-northeast-1.vpce-svc-02691fd610d24fd64',
    relay: 'com.amazonaws.vpce.ap-northeast-1.vpce-svc-02aa633bda3edbec0',
    webApp: 'tokyo.cloud.databricks.com',
    relayHost: 'tunnel.ap-northeast-1.cloud.databricks.com',
    legacyMetastoreHost: 'mddx5a4bpbpm05.cfrfsun7mryq.ap-northeast-1.rds.amazonaws.com',
    artifactBuckets: ['databricks-prod-artifacts-ap-northeast-1'],
    systemTablesBucket: 'system-tables-prod-ap-northeast-1-uc-metastore-bucket',
    logBucket: 'databricks-prod-storage-tokyo',
    datasetsBucket: 'databricks-datasets-tokyo',
    sources: ALL_SOURCES,
  },
  'ap-northeast-2': {
    workspace: 'com.amazonaws.vpce.ap-northeast-2.vpce-svc-0babb9bde64f34d7e',
    relay: 'com.amazonaws.vpce.ap-northeast-2.vpce-svc-0dc0e98a5800db5c4',
    webApp: 'seoul.cloud.databricks.com',
    relayHost: 'tunnel.ap-northeast-2.cloud.databricks.com',
    legacyMetastoreHost: 'md1915a81ruxky5.cfomhrbro6gt.ap-northeast-2.rds.amazonaws.com',
    artifactBuckets: ['databricks-prod-artifacts-ap-northeast-2'],
    systemTablesBucket: 'system-tables-prod-ap-northeast-2-uc-metastore-bucket',
    logBucket: 'databricks-prod-storage-seoul',
    datasetsBucket: 'databricks-datasets-seoul',
    sources: ALL_SOURCES,
  },
};

/** The row of a region, or an error message naming the supported regions. */
export function databricksRegion(region: string, table: Partial<Record<string, DatabricksRegion>> = DATABRICKS_REGIONS): DatabricksRegion | string {
  return table[region] ?? `has no known Databricks endpoint data for region ${region}; supported: ${Object.keys(table).sort().join(', ')}`;
}

/**
 * AWS account of the Databricks control plane (commercial partition): it owns the artifact,
 * system-table and log buckets and the Kinesis streams nodes write to (sra aws/tf/variables.tf, locals).
 */
export const DATABRICKS_CONTROL_PLANE_AWS_ACCOUNT = '414351767826';

/**
 * Package repositories a firewall allow-list can open by key (network.firewall.packageRepositories).
 * Host names from each repository's own documentation (pypi.org/help, maven.apache.org, cran.r-project.org)
 * and the Maven mirror Databricks libraries resolve through (examples aws-exfiltration-protection,
 * whitelisted_urls). A leading dot allows the domain and its subdomains (AWS Network Firewall domain lists).
 */
export const PACKAGE_REPOSITORIES = {
  pypi: ['pypi.org', 'files.pythonhosted.org'],
  maven: ['repo1.maven.org', 'repo.maven.apache.org', 'maven-central.storage-download.googleapis.com', 'repos.spark-packages.org'],
  cran: ['cran.r-project.org', '.r-project.org'],
} as const satisfies Record<string, readonly string[]>;
export type PackageRepository = keyof typeof PACKAGE_REPOSITORIES;
