import type { Construct } from 'constructs';
import type { ResolvedEnvironment } from '../environments';
import { databricksRegion, DATABRICKS_CONTROL_PLANE_AWS_ACCOUNT, PACKAGE_REPOSITORIES, type AccountConfig, type DatabricksRegion } from '../environments/schema';
import { restrictiveEndpointPolicies, type EndpointPolicies } from '../constructs/aws/endpoint-policies';
import { EgressFirewall } from '../constructs/aws/egress-firewall';
import { FrontEndPrivateLink } from '../constructs/aws/front-end-private-link';
import type { WorkspaceNetwork } from '../constructs/aws/workspace-network';
import { nccName, ServerlessNetwork } from '../constructs/databricks/serverless-network';
import type { StackContext } from '../constructs/context';
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

export interface ServerlessWiring {
  readonly context: StackContext;
  readonly workspaceId: number;
  /** References to the bucket names, so the rules follow the buckets the stack creates. */
  readonly rootBucket: string;
  readonly catalogBucket: string;
}

/**
 * The environment's serverless network security: NCC binding and S3 private endpoint rules, and a
 * restricted network policy whose storage destinations come from the catalogs' storage. Undefined
 * when the environment asks for neither.
 */
export function addServerlessNetwork(scope: Construct, account: AccountConfig, env: ResolvedEnvironment, wiring: ServerlessWiring): ServerlessNetwork | undefined {
  const { serverless } = env;
  if (!serverless.networkConnectivity && !serverless.egress.restricted) return undefined;
  const region = env.aws.region;
  const metastoreRoot = account.metastoreStorageRoot[region];
  const catalogStorage = [wiring.catalogBucket, ...(metastoreRoot ? [bucketOfUrl(metastoreRoot)] : [])];
  return new ServerlessNetwork(scope, 'serverless-network', {
    context: wiring.context,
    workspaceId: wiring.workspaceId,
    networkConnectivity: serverless.networkConnectivity
      ? { nccName: nccName(account.namePrefix, region), privateBuckets: [wiring.rootBucket, ...catalogStorage] }
      : undefined,
    egressPolicy: serverless.egress.restricted
      ? {
          id: `${account.namePrefix}-${env.name}`,
          enforcement: serverless.egress.enforcement === 'dry-run' ? 'DRY_RUN' : 'ENFORCED',
          allowedDomains: serverless.egress.allowedDomains,
          storage: [...catalogStorage.map((bucket) => ({ bucket, region })), ...serverless.egress.allowedBuckets],
        }
      : undefined,
  });
}

/** The environment's front-end PrivateLink in its transit VPC; undefined without privateLink.frontEnd. */
export function addFrontEndPrivateLink(scope: Construct, env: ResolvedEnvironment, context: StackContext): FrontEndPrivateLink | undefined {
  const frontEnd = env.privateLink.frontEnd;
  if (!frontEnd) return undefined;
  const region = databricksRegion(env.aws.region);
  if (typeof region === 'string') throw new Error(`environment "${env.name}": privateLink.frontEnd: ${region}`);
  return new FrontEndPrivateLink(scope, 'front-end-private-link', {
    context,
    workspaceService: region.workspace,
    transitVpc: frontEnd.transitVpc,
    clientCidrs: frontEnd.clientCidrs,
  });
}

/**
 * What the egress firewall lets nodes reach: the workspace and the region's control-plane hosts (used
 * when back-end PrivateLink is off), Databricks' regional buckets (S3 of the region goes through the
 * gateway endpoint anyway; a bucket served from another region does not), AWS Glue when the legacy
 * Glue metastore is on, the chosen package repositories and the environment's own domains.
 */
export function firewallAllowList(env: ResolvedEnvironment, region: DatabricksRegion): string[] {
  const firewall = env.network.mode === 'create' ? env.network.firewall : undefined;
  if (!firewall) return [];
  const buckets = [...region.artifactBuckets, region.logBucket, region.systemTablesBucket, region.datasetsBucket];
  return [...new Set([
    `${env.databricks.deploymentName}.cloud.databricks.com`,
    region.webApp,
    region.relayHost,
    ...buckets.flatMap((bucket) => [`${bucket}.s3.${env.aws.region}.amazonaws.com`, `${bucket}.s3.amazonaws.com`]),
    ...(env.unityCatalog.glueMetastore.enabled ? [`glue.${env.aws.region}.amazonaws.com`] : []),
    ...firewall.packageRepositories.flatMap((repository) => PACKAGE_REPOSITORIES[repository]),
    ...firewall.allowedDomains,
  ])];
}

/** The hub-and-spoke egress firewall of `firewall` egress; undefined in the other modes. */
export function addEgressFirewall(scope: Construct, env: ResolvedEnvironment, naming: Naming, network: WorkspaceNetwork): EgressFirewall | undefined {
  if (env.network.mode !== 'create' || env.network.egress !== 'firewall' || !env.network.firewall) return undefined;
  const firewall = env.network.firewall;
  const region = databricksRegion(env.aws.region);
  if (typeof region === 'string') throw new Error(`environment "${env.name}": network.egress: ${region}`);
  return new EgressFirewall(scope, 'egress-firewall', {
    naming,
    spoke: {
      vpcId: network.vpcId,
      vpcCidr: env.network.vpcCidr,
      attachmentSubnetIds: [...network.subnetIdPerZone.values()],
      routeTableIds: network.privateRouteTables.map((table) => table.id),
    },
    hub: {
      vpcCidr: firewall.hubVpcCidr,
      transitSubnets: firewall.transitSubnets,
      firewallSubnets: firewall.firewallSubnets,
      publicSubnets: firewall.publicSubnets,
    },
    allowedDomains: firewallAllowList(env, region),
  });
}
