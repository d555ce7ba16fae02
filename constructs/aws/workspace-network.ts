import { Eip } from '@cdktf/provider-aws/lib/eip';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { DataAwsEc2ManagedPrefixList } from '@cdktf/provider-aws/lib/data-aws-ec2-managed-prefix-list';
import { Construct } from 'constructs';
import type { AwsContext } from '../context';
import type { Naming } from '../naming';
import type { EndpointPolicies } from './endpoint-policies';

/** A TCP port range of a security-group rule; `purpose` becomes the rule's description. */
export interface PortRange {
  readonly from: number;
  readonly to: number;
  readonly purpose: string;
}

/**
 * Egress that Databricks documents for cluster nodes in a customer-managed VPC:
 * 443 (control plane, AWS services, libraries), 3306 (legacy Hive metastore), 6666 (secure cluster
 * connectivity relay over PrivateLink), 2443 (FIPS endpoints of the compliance security profile),
 * 8443-8451 (control-plane API, Unity Catalog logging and lineage, reserved).
 */
export const DATABRICKS_EGRESS_PORTS: ReadonlyArray<PortRange> = [
  { from: 443, to: 443, purpose: 'Databricks control plane, AWS services, package repositories' },
  { from: 3306, to: 3306, purpose: 'Legacy Hive metastore' },
  { from: 6666, to: 6666, purpose: 'Secure cluster connectivity relay (PrivateLink)' },
  { from: 2443, to: 2443, purpose: 'FIPS endpoints (compliance security profile)' },
  { from: 8443, to: 8451, purpose: 'Control-plane API, Unity Catalog logging and lineage' },
];

/** The legacy Hive metastore port: unreachable without internet egress, so never opened then. */
const LEGACY_METASTORE_PORT = 3306;

export interface SubnetProps {
  readonly cidr: string;
  readonly availabilityZone: string;
}

/**
 * How nodes leave the VPC: `nat` (default route to a NAT gateway here), `isolated` (no default route,
 * security-group egress only to the VPC and the S3 prefix list) or `firewall` (the default route is
 * added by EgressFirewall, towards its transit gateway).
 */
export type EgressMode = 'nat' | 'isolated' | 'firewall';

export interface CreatedVpcProps {
  readonly mode: 'create';
  readonly vpcCidr: string;
  readonly privateSubnets: readonly SubnetProps[];
  /** NAT subnets; used with egress `nat` only. */
  readonly publicSubnets: readonly SubnetProps[];
  readonly natGateways: 'single' | 'per-az';
  readonly egress: EgressMode;
}

export interface ExistingVpcProps {
  readonly mode: 'existing';
  readonly vpcId: string;
  readonly privateSubnetIds: string[];
  readonly securityGroupIds?: string[];
}

export interface WorkspaceNetworkProps {
  /** Names the network's resources; its region names the endpoint services. */
  readonly context: AwsContext;
  readonly network: CreatedVpcProps | ExistingVpcProps;
  /** Policies of the S3, STS and Kinesis endpoints. Default: none (full access through the endpoints). */
  readonly endpointPolicies?: EndpointPolicies;
}

/** The customer-managed VPC for a workspace, or the security group inside an existing VPC. */
export class WorkspaceNetwork extends Construct {
  readonly vpcId: string;
  readonly privateSubnetIds: string[];
  readonly securityGroupIds: string[];
  /** Created VPC resources; undefined when the environment brings its own VPC. */
  readonly vpc?: Vpc;
  readonly privateRouteTables: RouteTable[] = [];
  /** One private subnet id per availability zone (interface endpoints and attachments take one per zone). */
  readonly subnetIdPerZone = new Map<string, string>();
  readonly egress: EgressMode;

  constructor(scope: Construct, id: string, props: WorkspaceNetworkProps) {
    super(scope, id);
    const { network } = props;
    const { naming, region } = props.context;
    if (network.mode === 'existing') {
      this.egress = 'nat';
      this.vpcId = network.vpcId;
      this.privateSubnetIds = network.privateSubnetIds;
      this.securityGroupIds = network.securityGroupIds ?? [this.createWorkspaceSecurityGroup(naming, region).id];
      return;
    }
    this.egress = network.egress;
    this.vpc = new Vpc(this, 'vpc', {
      cidrBlock: network.vpcCidr,
      enableDnsHostnames: true,
      enableDnsSupport: true,
      tags: { Name: naming.name('vpc') },
    });
    this.vpcId = this.vpc.id;
    const natGatewayIdByZone = network.egress === 'nat' ? this.createPublicEgress(naming, network) : new Map<string, string>();
    const privateSubnets = this.createPrivateSubnets(naming, network, natGatewayIdByZone);
    this.privateSubnetIds = privateSubnets.map((s) => s.id);
    network.privateSubnets.forEach((config, index) => {
      if (!this.subnetIdPerZone.has(config.availabilityZone)) this.subnetIdPerZone.set(config.availabilityZone, privateSubnets[index].id);
    });
    const securityGroup = this.createWorkspaceSecurityGroup(naming, region, network);
    this.securityGroupIds = [securityGroup.id];
    this.createEndpoints(naming, region, securityGroup, props.endpointPolicies);
  }

  private createPublicEgress(naming: Naming, network: CreatedVpcProps): Map<string, string> {
    const igw = new InternetGateway(this, 'igw', { vpcId: this.vpcId, tags: { Name: naming.name('igw') } });
    const publicRoutes = new RouteTable(this, 'public-rt', { vpcId: this.vpcId, tags: { Name: naming.name('public') } });
    new Route(this, 'public-default-route', { routeTableId: publicRoutes.id, destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.id });

    const natGatewayIdByZone = new Map<string, string>();
    network.publicSubnets.forEach((config, index) => {
      const subnet = new Subnet(this, `public-${index}`, {
        vpcId: this.vpcId,
        cidrBlock: config.cidr,
        availabilityZone: config.availabilityZone,
        mapPublicIpOnLaunch: false,
        tags: { Name: naming.name(`public-${config.availabilityZone}`) },
      });
      new RouteTableAssociation(this, `public-${index}-rta`, { subnetId: subnet.id, routeTableId: publicRoutes.id });
      const wanted = network.natGateways === 'per-az' ? !natGatewayIdByZone.has(config.availabilityZone) : index === 0;
      if (!wanted) return;
      const eip = new Eip(this, `nat-${index}-eip`, { domain: 'vpc', tags: { Name: naming.name(`nat-${config.availabilityZone}`) } });
      const nat = new NatGateway(this, `nat-${index}`, {
        allocationId: eip.id,
        subnetId: subnet.id,
        tags: { Name: naming.name(`nat-${config.availabilityZone}`) },
        dependsOn: [igw],
      });
      natGatewayIdByZone.set(config.availabilityZone, nat.id);
    });
    return natGatewayIdByZone;
  }

  private createPrivateSubnets(naming: Naming, network: CreatedVpcProps, natGatewayIdByZone: Map<string, string>): Subnet[] {
    const fallbackNat = [...natGatewayIdByZone.values()][0];
    return network.privateSubnets.map((config, index) => {
      const subnet = new Subnet(this, `private-${index}`, {
        vpcId: this.vpcId,
        cidrBlock: config.cidr,
        availabilityZone: config.availabilityZone,
        tags: { Name: naming.name(`private-${config.availabilityZone}`) },
      });
      const routes = new RouteTable(this, `private-${index}-rt`, { vpcId: this.vpcId, tags: { Name: naming.name(`private-${index}`) } });
      // Same-AZ NAT when there is one, so cross-AZ data charges and AZ failures stay contained.
      const natGatewayId = natGatewayIdByZone.get(config.availabilityZone) ?? fallbackNat;
      if (natGatewayId) new Route(this, `private-${index}-default-route`, { routeTableId: routes.id, destinationCidrBlock: '0.0.0.0/0', natGatewayId });
      new RouteTableAssociation(this, `private-${index}-rta`, { subnetId: subnet.id, routeTableId: routes.id });
      this.privateRouteTables.push(routes);
      return subnet;
    });
  }

  private createWorkspaceSecurityGroup(naming: Naming, region: string, network?: CreatedVpcProps): SecurityGroup {
    const group = new SecurityGroup(this, 'workspace-sg', {
      name: naming.name('workspace'),
      description: 'Databricks cluster nodes: all traffic within the group, documented egress only',
      vpcId: this.vpcId,
      tags: { Name: naming.name('workspace') },
    });
    const securityGroupId = group.id;
    new VpcSecurityGroupIngressRule(this, 'workspace-sg-ingress-self', {
      securityGroupId,
      ipProtocol: '-1',
      referencedSecurityGroupId: securityGroupId,
      description: 'All traffic between cluster nodes',
    });
    new VpcSecurityGroupEgressRule(this, 'workspace-sg-egress-self', {
      securityGroupId,
      ipProtocol: '-1',
      referencedSecurityGroupId: securityGroupId,
      description: 'All traffic between cluster nodes',
    });
    const egress = network?.egress ?? 'nat';
    // Without NAT there is no path to the legacy Hive metastore; validation requires legacy access off.
    const ports = egress === 'nat' ? DATABRICKS_EGRESS_PORTS : DATABRICKS_EGRESS_PORTS.filter((port) => port.from !== LEGACY_METASTORE_PORT);
    // Isolated: the ports reach only the VPC (PrivateLink and AWS interface endpoints live there).
    const destination = egress === 'isolated' && network ? network.vpcCidr : '0.0.0.0/0';
    for (const port of ports) {
      new VpcSecurityGroupEgressRule(this, `workspace-sg-egress-${port.from}`, {
        securityGroupId,
        ipProtocol: 'tcp',
        fromPort: port.from,
        toPort: port.to,
        cidrIpv4: destination,
        description: port.purpose,
      });
    }
    if (egress === 'isolated') {
      // S3 through the gateway endpoint: its addresses are AWS's managed prefix list, not the VPC.
      const s3PrefixList = new DataAwsEc2ManagedPrefixList(this, 's3-prefix-list', { name: `com.amazonaws.${region}.s3` });
      new VpcSecurityGroupEgressRule(this, 'workspace-sg-egress-s3', {
        securityGroupId,
        ipProtocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        prefixListId: s3PrefixList.id,
        description: 'S3 through the gateway endpoint',
      });
    }
    return group;
  }

  private createEndpoints(naming: Naming, region: string, workspaceSg: SecurityGroup, policies: EndpointPolicies | undefined): void {
    new VpcEndpoint(this, 's3-endpoint', {
      vpcId: this.vpcId,
      serviceName: `com.amazonaws.${region}.s3`,
      vpcEndpointType: 'Gateway',
      routeTableIds: this.privateRouteTables.map((rt) => rt.id),
      policy: policies?.s3,
      tags: { Name: naming.name('s3') },
    });
    const endpointSg = new SecurityGroup(this, 'endpoint-sg', {
      name: naming.name('endpoints'),
      description: 'Interface endpoints: HTTPS from cluster nodes only',
      vpcId: this.vpcId,
      tags: { Name: naming.name('endpoints') },
    });
    new VpcSecurityGroupIngressRule(this, 'endpoint-sg-https', {
      securityGroupId: endpointSg.id,
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      referencedSecurityGroupId: workspaceSg.id,
      description: 'HTTPS from Databricks cluster nodes',
    });
    for (const [service, policy] of [['sts', policies?.sts], ['kinesis-streams', policies?.kinesis]] as const) {
      new VpcEndpoint(this, `${service}-endpoint`, {
        vpcId: this.vpcId,
        serviceName: `com.amazonaws.${region}.${service}`,
        vpcEndpointType: 'Interface',
        privateDnsEnabled: true,
        policy,
        // Interface endpoints take one subnet per availability zone.
        subnetIds: [...this.subnetIdPerZone.values()],
        securityGroupIds: [endpointSg.id],
        tags: { Name: naming.name(service) },
      });
    }
  }
}
