import { AccountNetworkPolicy } from '@cdktf/provider-databricks/lib/account-network-policy';
import { DataDatabricksMwsNetworkConnectivityConfig } from '@cdktf/provider-databricks/lib/data-databricks-mws-network-connectivity-config';
import { MwsNccBinding } from '@cdktf/provider-databricks/lib/mws-ncc-binding';
import { MwsNccPrivateEndpointRule } from '@cdktf/provider-databricks/lib/mws-ncc-private-endpoint-rule';
import { MwsNetworkConnectivityConfig } from '@cdktf/provider-databricks/lib/mws-network-connectivity-config';
import { WorkspaceNetworkOption } from '@cdktf/provider-databricks/lib/workspace-network-option';
import { Construct } from 'constructs';
import type { StackContext } from '../context';

/**
 * Name of the account's network connectivity configuration for a region. NCC names take 3 to 30
 * letters, digits, hyphens and underscores (Account API, network connectivity); a name prefix of at
 * most 12 characters plus the longest region name stays within that.
 */
export const nccName = (namePrefix: string, region: string) => `${namePrefix}-${region}`;

export interface RegionalNetworkConnectivityProps {
  /** The account stack's context: its name prefix names the NCC, its account provider creates it. */
  readonly context: StackContext;
  /** The region this NCC serves (one per metastore region, not the stack's region). */
  readonly nccRegion: string;
}

/** The account's NCC of one region (account stack); workspaces of the region bind it by name. */
export class RegionalNetworkConnectivity extends Construct {
  readonly ncc: MwsNetworkConnectivityConfig;

  constructor(scope: Construct, id: string, props: RegionalNetworkConnectivityProps) {
    super(scope, id);
    this.ncc = new MwsNetworkConnectivityConfig(this, 'ncc', {
      provider: props.context.accountProvider,
      name: nccName(props.context.naming.prefix, props.nccRegion),
      region: props.nccRegion,
    });
  }
}

export interface S3Destination {
  readonly bucket: string;
  readonly region: string;
}

export interface ServerlessNetworkProps {
  /** Its region names the S3 service of the private endpoint rule; its account provider creates everything. */
  readonly context: StackContext;
  /** Numeric workspace id (a reference to databricks_mws_workspaces.workspace_id). */
  readonly workspaceId: number;
  /** Bind the region's NCC (looked up by this name) and reach these same-region buckets privately. */
  readonly networkConnectivity?: { readonly nccName: string; readonly privateBuckets: string[] };
  /** A restricted network policy for the workspace's serverless egress. */
  readonly egressPolicy?: {
    /** network_policy_id: at most 32 characters (SRA aws/tf/modules/databricks_account/network_policy). */
    readonly id: string;
    readonly enforcement: 'ENFORCED' | 'DRY_RUN';
    readonly allowedDomains: string[];
    readonly storage: S3Destination[];
  };
}

/**
 * Serverless compute runs in Databricks' account, outside the workspace VPC: its private paths come
 * from the region's NCC (binding plus S3 private endpoint rules, public preview on AWS) and its egress
 * from a network policy attached to the workspace (serverless egress control).
 */
export class ServerlessNetwork extends Construct {
  readonly binding?: MwsNccBinding;
  readonly privateEndpointRule?: MwsNccPrivateEndpointRule;
  readonly policy?: AccountNetworkPolicy;
  readonly networkOption?: WorkspaceNetworkOption;

  constructor(scope: Construct, id: string, props: ServerlessNetworkProps) {
    super(scope, id);
    const { accountProvider: provider, region } = props.context;
    const connectivity = props.networkConnectivity;
    if (connectivity) {
      const ncc = new DataDatabricksMwsNetworkConnectivityConfig(this, 'ncc', { provider, name: connectivity.nccName });
      this.binding = new MwsNccBinding(this, 'ncc-binding', {
        provider,
        networkConnectivityConfigId: ncc.networkConnectivityConfigId,
        workspaceId: props.workspaceId,
      });
      if (connectivity.privateBuckets.length > 0) {
        // AWS rules towards S3 name the regional S3 service and same-region buckets (provider docs, mws_ncc_private_endpoint_rule).
        this.privateEndpointRule = new MwsNccPrivateEndpointRule(this, 's3-private-endpoint', {
          provider,
          networkConnectivityConfigId: ncc.networkConnectivityConfigId,
          endpointService: `com.amazonaws.${region}.s3`,
          resourceNames: connectivity.privateBuckets,
        });
      }
    }
    const egress = props.egressPolicy;
    if (egress) {
      if (egress.id.length > 32) throw new Error(`network policy id "${egress.id}" is ${egress.id.length} characters; the limit is 32`);
      this.policy = new AccountNetworkPolicy(this, 'egress-policy', {
        provider,
        networkPolicyId: egress.id,
        egress: {
          networkAccess: {
            restrictionMode: 'RESTRICTED_ACCESS',
            allowedInternetDestinations: egress.allowedDomains.map((destination) => ({ destination, internetDestinationType: 'DNS_NAME' })),
            allowedStorageDestinations: egress.storage.map((s) => ({ bucketName: s.bucket, region: s.region, storageDestinationType: 'AWS_S3' })),
            policyEnforcement: { enforcementMode: egress.enforcement },
          },
        },
      });
      this.networkOption = new WorkspaceNetworkOption(this, 'network-option', {
        provider,
        workspaceId: props.workspaceId,
        networkPolicyId: this.policy.networkPolicyId,
      });
    }
  }
}
