import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { MwsPrivateAccessSettings } from '@cdktf/provider-databricks/lib/mws-private-access-settings';
import { MwsVpcEndpoint } from '@cdktf/provider-databricks/lib/mws-vpc-endpoint';
import { Construct } from 'constructs';
import type { StackContext } from '../context';
import type { PortRange, SubnetProps } from './workspace-network';
import { protectFromDestroy } from '../protection';

/**
 * Ports cluster nodes use towards the PrivateLink endpoints: 443 (REST API), 6666 (secure cluster
 * connectivity relay), 2443 (FIPS, compliance security profile), 8443-8451 (control-plane API,
 * Unity Catalog logging and lineage).
 */
export const PRIVATE_LINK_PORTS: ReadonlyArray<PortRange> = [
  { from: 443, to: 443, purpose: 'Workspace REST API' },
  { from: 6666, to: 6666, purpose: 'Secure cluster connectivity relay' },
  { from: 2443, to: 2443, purpose: 'FIPS endpoints (compliance security profile)' },
  { from: 8443, to: 8451, purpose: 'Control-plane API, Unity Catalog logging and lineage' },
];

export interface PrivateLinkSettings {
  /** Dedicated endpoint subnets, one per availability zone. */
  readonly subnets: readonly SubnetProps[];
  /** Whether users may still reach the workspace over the internet. */
  readonly publicAccessEnabled: boolean;
  /** Registration ids of front-end endpoints the private access settings admit. */
  readonly allowedFrontEndVpcEndpointIds: readonly string[];
}

/** The region's Databricks endpoint services (environments/schema/databricks-regions.ts). */
export interface PrivateLinkEndpointServices {
  /** Workspace (REST API) endpoint service; front-end and back-end share it. */
  readonly workspace: string;
  /** Secure cluster connectivity relay endpoint service. */
  readonly relay: string;
}

export interface PrivateLinkProps {
  /** Names the endpoints; registrations go to its Databricks account (account provider) in its region. */
  readonly context: StackContext;
  readonly endpointServices: PrivateLinkEndpointServices;
  readonly vpcId: string;
  /** Security groups of the cluster nodes: the only sources allowed to reach the endpoints. */
  readonly workspaceSecurityGroupIds: string[];
  readonly config: PrivateLinkSettings;
}

/**
 * Back-end AWS PrivateLink: interface endpoints for the workspace REST API and the secure cluster
 * connectivity relay in dedicated subnets, registered with Databricks, plus the private access
 * settings the workspace attaches. Feed `vpcEndpoints` to the network configuration and
 * `privateAccessSettingsId` to the workspace.
 */
export class PrivateLink extends Construct {
  readonly restApiEndpoint: MwsVpcEndpoint;
  readonly relayEndpoint: MwsVpcEndpoint;
  readonly privateAccessSettings: MwsPrivateAccessSettings;
  readonly securityGroup: SecurityGroup;

  constructor(scope: Construct, id: string, props: PrivateLinkProps) {
    super(scope, id);
    const { config, vpcId, endpointServices: services } = props;
    const { naming, databricksAccountId, region, protect, accountProvider } = props.context;
    if (config.subnets.length === 0) throw new Error(`environment "${naming.environment}": privateLink.subnets: needs at least one endpoint subnet`);

    // Endpoint subnets route only inside the VPC: no NAT, nothing leaves through them.
    const routes = new RouteTable(this, 'rt', { vpcId, tags: { Name: naming.name('privatelink') } });
    const subnetIds = config.subnets.map((subnetConfig, index) => {
      const subnet = new Subnet(this, `subnet-${index}`, {
        vpcId,
        cidrBlock: subnetConfig.cidr,
        availabilityZone: subnetConfig.availabilityZone,
        tags: { Name: naming.name(`privatelink-${subnetConfig.availabilityZone}`) },
      });
      new RouteTableAssociation(this, `subnet-${index}-rta`, { subnetId: subnet.id, routeTableId: routes.id });
      return subnet.id;
    });

    this.securityGroup = new SecurityGroup(this, 'sg', {
      name: naming.name('privatelink'),
      description: 'Databricks PrivateLink endpoints: documented ports from cluster nodes only',
      vpcId,
      tags: { Name: naming.name('privatelink') },
    });
    // No egress rules: security groups are stateful, so replies flow without one.
    props.workspaceSecurityGroupIds.forEach((source, sourceIndex) => {
      for (const port of PRIVATE_LINK_PORTS) {
        new VpcSecurityGroupIngressRule(this, `sg-ingress-${port.from}-${sourceIndex}`, {
          securityGroupId: this.securityGroup.id,
          ipProtocol: 'tcp',
          fromPort: port.from,
          toPort: port.to,
          referencedSecurityGroupId: source,
          description: port.purpose,
        });
      }
    });

    const register = (purpose: 'rest-api' | 'relay', serviceName: string): MwsVpcEndpoint => {
      const endpoint = new VpcEndpoint(this, `${purpose}-endpoint`, {
        vpcId,
        serviceName,
        vpcEndpointType: 'Interface',
        privateDnsEnabled: true,
        subnetIds,
        securityGroupIds: [this.securityGroup.id],
        tags: { Name: naming.name(`databricks-${purpose}`) },
      });
      const registration = new MwsVpcEndpoint(this, `${purpose}-registration`, {
        provider: accountProvider,
        accountId: databricksAccountId,
        awsVpcEndpointId: endpoint.id,
        vpcEndpointName: naming.name(`${purpose}-vpce`),
        region,
      });
      protectFromDestroy(registration, protect);
      return registration;
    };
    this.restApiEndpoint = register('rest-api', services.workspace);
    this.relayEndpoint = register('relay', services.relay);

    // ENDPOINT level: only this workspace's REST endpoint (and named front-end endpoints) may connect privately.
    this.privateAccessSettings = new MwsPrivateAccessSettings(this, 'private-access-settings', {
      provider: accountProvider,
      accountId: databricksAccountId,
      privateAccessSettingsName: naming.name('pas'),
      region,
      publicAccessEnabled: config.publicAccessEnabled,
      privateAccessLevel: 'ENDPOINT',
      allowedVpcEndpointIds: [this.restApiEndpoint.vpcEndpointId, ...config.allowedFrontEndVpcEndpointIds],
    });
    protectFromDestroy(this.privateAccessSettings, protect);
  }

  /** `vpc_endpoints` of databricks_mws_networks. */
  get vpcEndpoints(): { restApi: string[]; dataplaneRelay: string[] } {
    return { restApi: [this.restApiEndpoint.vpcEndpointId], dataplaneRelay: [this.relayEndpoint.vpcEndpointId] };
  }

  get privateAccessSettingsId(): string {
    return this.privateAccessSettings.privateAccessSettingsId;
  }
}
