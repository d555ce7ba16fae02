import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { MwsVpcEndpoint } from '@cdktf/provider-databricks/lib/mws-vpc-endpoint';
import { Construct } from 'constructs';
import type { StackContext } from '../context';
import { protectFromDestroy } from '../protection';
import type { SubnetProps } from './workspace-network';

/** Users reach the web application and REST API on HTTPS only (Databricks front-end PrivateLink requirements). */
const FRONT_END_PORT = 443;

export type TransitVpcProps =
  | { readonly mode: 'create'; readonly vpcCidr: string; readonly subnets: readonly SubnetProps[] }
  | { readonly mode: 'existing'; readonly vpcId: string; readonly subnetIds: readonly string[] };

export interface FrontEndPrivateLinkProps {
  /** Names the transit resources; the registration goes to its Databricks account (account provider) in its region. */
  readonly context: StackContext;
  /** The region's workspace (REST API) endpoint service: front-end and back-end share it. */
  readonly workspaceService: string;
  readonly transitVpc: TransitVpcProps;
  /** Sources allowed to open HTTPS to the endpoint; the created transit VPC is always one. */
  readonly clientCidrs: readonly string[];
}

/**
 * Front-end PrivateLink: an interface endpoint to the workspace service in a transit VPC (created here
 * or named), with private DNS so the workspace URL resolves to it inside that VPC, registered with
 * Databricks so the private access settings can admit it.
 */
export class FrontEndPrivateLink extends Construct {
  readonly vpcId: string;
  readonly endpoint: VpcEndpoint;
  readonly registration: MwsVpcEndpoint;
  readonly securityGroup: SecurityGroup;

  constructor(scope: Construct, id: string, props: FrontEndPrivateLinkProps) {
    super(scope, id);
    const { transitVpc } = props;
    const { naming, databricksAccountId, region, protect, accountProvider } = props.context;
    let subnetIds: string[];
    const sources = [...props.clientCidrs];
    if (transitVpc.mode === 'create') {
      // Private DNS of an interface endpoint needs DNS support and host names in its VPC.
      const vpc = new Vpc(this, 'vpc', { cidrBlock: transitVpc.vpcCidr, enableDnsSupport: true, enableDnsHostnames: true, tags: { Name: naming.name('transit') } });
      this.vpcId = vpc.id;
      // Only the local route: the endpoint answers, nothing leaves through these subnets.
      const routes = new RouteTable(this, 'rt', { vpcId: vpc.id, tags: { Name: naming.name('transit') } });
      subnetIds = transitVpc.subnets.map((config, index) => {
        const subnet = new Subnet(this, `subnet-${index}`, {
          vpcId: vpc.id,
          cidrBlock: config.cidr,
          availabilityZone: config.availabilityZone,
          tags: { Name: naming.name(`transit-${config.availabilityZone}`) },
        });
        new RouteTableAssociation(this, `subnet-${index}-rta`, { subnetId: subnet.id, routeTableId: routes.id });
        return subnet.id;
      });
      if (!sources.includes(transitVpc.vpcCidr)) sources.unshift(transitVpc.vpcCidr);
    } else {
      this.vpcId = transitVpc.vpcId;
      subnetIds = [...transitVpc.subnetIds];
    }
    this.securityGroup = new SecurityGroup(this, 'sg', {
      name: naming.name('front-end'),
      description: 'Databricks front-end PrivateLink: HTTPS from client networks only',
      vpcId: this.vpcId,
      tags: { Name: naming.name('front-end') },
    });
    sources.forEach((cidr, index) => {
      new VpcSecurityGroupIngressRule(this, `sg-https-${index}`, {
        securityGroupId: this.securityGroup.id,
        ipProtocol: 'tcp',
        fromPort: FRONT_END_PORT,
        toPort: FRONT_END_PORT,
        cidrIpv4: cidr,
        description: 'Web application and REST API',
      });
    });
    this.endpoint = new VpcEndpoint(this, 'endpoint', {
      vpcId: this.vpcId,
      serviceName: props.workspaceService,
      vpcEndpointType: 'Interface',
      privateDnsEnabled: true,
      subnetIds,
      securityGroupIds: [this.securityGroup.id],
      tags: { Name: naming.name('databricks-front-end') },
    });
    this.registration = new MwsVpcEndpoint(this, 'registration', {
      provider: accountProvider,
      accountId: databricksAccountId,
      awsVpcEndpointId: this.endpoint.id,
      vpcEndpointName: naming.name('front-end-vpce'),
      region,
    });
    protectFromDestroy(this.registration, protect);
  }
}
