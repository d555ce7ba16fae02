import { Eip } from '@cdktf/provider-aws/lib/eip';
import { Ec2TransitGateway } from '@cdktf/provider-aws/lib/ec2-transit-gateway';
import { Ec2TransitGatewayRoute } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route';
import { Ec2TransitGatewayVpcAttachment } from '@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { NetworkfirewallFirewall } from '@cdktf/provider-aws/lib/networkfirewall-firewall';
import { NetworkfirewallFirewallPolicy } from '@cdktf/provider-aws/lib/networkfirewall-firewall-policy';
import { NetworkfirewallRuleGroup } from '@cdktf/provider-aws/lib/networkfirewall-rule-group';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { Construct } from 'constructs';
import type { AwsContext } from '../context';
import type { SubnetProps } from './workspace-network';

/**
 * Capacity of the allow-list rule group. It is fixed at creation ("Setting rule group capacity in AWS
 * Network Firewall"), so it leaves room to grow; the stateful maximum is 30,000 (Network Firewall quotas).
 */
export const ALLOW_LIST_CAPACITY = 1000;

export interface EgressFirewallProps {
  /** Names the hub's resources. */
  readonly context: AwsContext;
  /** The workspace VPC whose default route goes to the hub. */
  readonly spoke: {
    readonly vpcId: string;
    readonly vpcCidr: string;
    /** One private subnet per availability zone for the transit gateway attachment. */
    readonly attachmentSubnetIds: readonly string[];
    /** Route tables of the private subnets: they get 0.0.0.0/0 -> transit gateway. */
    readonly routeTableIds: readonly string[];
  };
  readonly hub: {
    readonly vpcCidr: string;
    readonly transitSubnets: readonly SubnetProps[];
    readonly firewallSubnets: readonly SubnetProps[];
    readonly publicSubnets: readonly SubnetProps[];
  };
  /** Domains nodes may reach over TLS (SNI) or HTTP (Host); a leading dot includes subdomains. */
  readonly allowedDomains: readonly string[];
}

/**
 * Hub-and-spoke egress inspection after the examples repository's aws-exfiltration-protection module:
 * spoke -> transit gateway -> hub transit subnet -> AWS Network Firewall endpoint of the zone -> NAT
 * gateway of the zone -> internet gateway, and back the same way. The firewall passes only TLS/HTTP to
 * allow-listed domains (strict rule order, drop everything else once established).
 */
export class EgressFirewall extends Construct {
  readonly hubVpc: Vpc;
  readonly transitGateway: Ec2TransitGateway;
  readonly firewall: NetworkfirewallFirewall;
  readonly ruleGroup: NetworkfirewallRuleGroup;
  readonly policy: NetworkfirewallFirewallPolicy;
  readonly spokeAttachment: Ec2TransitGatewayVpcAttachment;

  constructor(scope: Construct, id: string, props: EgressFirewallProps) {
    super(scope, id);
    const { hub, spoke } = props;
    const { naming } = props.context;
    this.hubVpc = new Vpc(this, 'hub-vpc', { cidrBlock: hub.vpcCidr, enableDnsSupport: true, enableDnsHostnames: true, tags: { Name: naming.name('egress-hub') } });
    const vpcId = this.hubVpc.id;
    const subnets = (kind: string, configs: readonly SubnetProps[]) =>
      configs.map((config, index) => new Subnet(this, `${kind}-${index}`, {
        vpcId,
        cidrBlock: config.cidr,
        availabilityZone: config.availabilityZone,
        mapPublicIpOnLaunch: false,
        tags: { Name: naming.name(`hub-${kind}-${config.availabilityZone}`) },
      }));
    const transitSubnets = subnets('transit', hub.transitSubnets);
    const firewallSubnets = subnets('firewall', hub.firewallSubnets);
    const publicSubnets = subnets('public', hub.publicSubnets);

    // Stateful engine in strict order: the generated allow-list rules pass, everything else is dropped.
    this.ruleGroup = new NetworkfirewallRuleGroup(this, 'allow-list', {
      name: naming.name('egress-allow-list'),
      type: 'STATEFUL',
      capacity: ALLOW_LIST_CAPACITY,
      ruleGroup: {
        // HOME_NET must include the spoke: its traffic reaches the firewall from outside the hub VPC.
        ruleVariables: { ipSets: [{ key: 'HOME_NET', ipSet: { definition: [spoke.vpcCidr, hub.vpcCidr] } }] },
        rulesSource: { rulesSourceList: { generatedRulesType: 'ALLOWLIST', targetTypes: ['TLS_SNI', 'HTTP_HOST'], targets: [...props.allowedDomains] } },
        statefulRuleOptions: { ruleOrder: 'STRICT_ORDER' },
      },
      tags: { Name: naming.name('egress-allow-list') },
    });
    this.policy = new NetworkfirewallFirewallPolicy(this, 'policy', {
      name: naming.name('egress-policy'),
      firewallPolicy: {
        statelessDefaultActions: ['aws:forward_to_sfe'],
        statelessFragmentDefaultActions: ['aws:forward_to_sfe'],
        statefulEngineOptions: { ruleOrder: 'STRICT_ORDER' },
        // drop_established lets the TCP handshake through so that the SNI/Host can be read, then drops.
        statefulDefaultActions: ['aws:drop_established', 'aws:alert_established'],
        statefulRuleGroupReference: [{ priority: 1, resourceArn: this.ruleGroup.arn }],
      },
      tags: { Name: naming.name('egress-policy') },
    });
    this.firewall = new NetworkfirewallFirewall(this, 'firewall', {
      name: naming.name('egress-firewall'),
      vpcId,
      firewallPolicyArn: this.policy.arn,
      subnetMapping: firewallSubnets.map((subnet) => ({ subnetId: subnet.id })),
      tags: { Name: naming.name('egress-firewall') },
    });
    // The firewall's endpoint in a zone: firewall_status is a set, so select by availability zone.
    const firewallEndpoint = (zone: string) =>
      `\${[for s in ${this.firewall.fqn}.firewall_status[0].sync_states : s.attachment[0].endpoint_id if s.availability_zone == "${zone}"][0]}`;

    const igw = new InternetGateway(this, 'igw', { vpcId, tags: { Name: naming.name('egress-hub') } });
    this.transitGateway = new Ec2TransitGateway(this, 'tgw', {
      description: `Egress hub of ${naming.environment}`,
      autoAcceptSharedAttachments: 'disable',
      defaultRouteTableAssociation: 'enable',
      defaultRouteTablePropagation: 'enable',
      dnsSupport: 'enable',
      tags: { Name: naming.name('egress-tgw') },
    });
    const hubAttachment = new Ec2TransitGatewayVpcAttachment(this, 'hub-attachment', {
      transitGatewayId: this.transitGateway.id,
      vpcId,
      subnetIds: transitSubnets.map((s) => s.id),
      // Appliance mode keeps both directions of a flow in one zone, so the stateful firewall sees both.
      applianceModeSupport: 'enable',
      tags: { Name: naming.name('egress-hub') },
    });
    this.spokeAttachment = new Ec2TransitGatewayVpcAttachment(this, 'spoke-attachment', {
      transitGatewayId: this.transitGateway.id,
      vpcId: spoke.vpcId,
      subnetIds: [...spoke.attachmentSubnetIds],
      tags: { Name: naming.name('egress-spoke') },
    });
    new Ec2TransitGatewayRoute(this, 'tgw-default-route', {
      transitGatewayRouteTableId: this.transitGateway.associationDefaultRouteTableId,
      destinationCidrBlock: '0.0.0.0/0',
      transitGatewayAttachmentId: hubAttachment.id,
    });
    spoke.routeTableIds.forEach((routeTableId, index) => {
      new Route(this, `spoke-default-route-${index}`, {
        routeTableId,
        destinationCidrBlock: '0.0.0.0/0',
        transitGatewayId: this.transitGateway.id,
        dependsOn: [this.spokeAttachment],
      });
    });

    // Per zone: transit -> firewall -> NAT -> IGW; return: public -> firewall -> transit gateway.
    // One NAT per zone: a shared NAT would return traffic through another zone's firewall endpoint.
    hub.transitSubnets.forEach((config, index) => {
      const zone = config.availabilityZone;
      const zoneIndex = (list: readonly SubnetProps[]) => list.findIndex((s) => s.availabilityZone === zone);
      const firewallSubnet = firewallSubnets[zoneIndex(hub.firewallSubnets)];
      const publicSubnet = publicSubnets[zoneIndex(hub.publicSubnets)];
      const table = (kind: string, subnet: Subnet) => {
        const routes = new RouteTable(this, `${kind}-rt-${index}`, { vpcId, tags: { Name: naming.name(`hub-${kind}-${zone}`) } });
        new RouteTableAssociation(this, `${kind}-rta-${index}`, { subnetId: subnet.id, routeTableId: routes.id });
        return routes;
      };
      const eip = new Eip(this, `nat-eip-${index}`, { domain: 'vpc', tags: { Name: naming.name(`egress-nat-${zone}`) } });
      const nat = new NatGateway(this, `nat-${index}`, { allocationId: eip.id, subnetId: publicSubnet.id, dependsOn: [igw], tags: { Name: naming.name(`egress-nat-${zone}`) } });

      const transitRoutes = table('transit', transitSubnets[index]);
      new Route(this, `transit-default-route-${index}`, { routeTableId: transitRoutes.id, destinationCidrBlock: '0.0.0.0/0', vpcEndpointId: firewallEndpoint(zone) });
      const firewallRoutes = table('firewall', firewallSubnet);
      new Route(this, `firewall-default-route-${index}`, { routeTableId: firewallRoutes.id, destinationCidrBlock: '0.0.0.0/0', natGatewayId: nat.id });
      new Route(this, `firewall-spoke-route-${index}`, {
        routeTableId: firewallRoutes.id,
        destinationCidrBlock: spoke.vpcCidr,
        transitGatewayId: this.transitGateway.id,
        dependsOn: [hubAttachment],
      });
      const publicRoutes = table('public', publicSubnet);
      new Route(this, `public-default-route-${index}`, { routeTableId: publicRoutes.id, destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.id });
      new Route(this, `public-spoke-route-${index}`, { routeTableId: publicRoutes.id, destinationCidrBlock: spoke.vpcCidr, vpcEndpointId: firewallEndpoint(zone) });
    });
  }
}
