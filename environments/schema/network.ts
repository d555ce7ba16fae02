import { z } from 'zod';
import { EGRESS_MODES, firewallSchema, refineEgress } from './network-egress';
import { cidrContains, cidrPrefix, cidrsOverlap, ipv4Cidr } from './primitives';
import { subnet } from './subnet';

export { EGRESS_MODES, MAX_ALLOWED_DOMAINS, type EgressMode, type FirewallConfig } from './network-egress';
export type { SubnetConfig } from './subnet';

// Databricks' documented limits for customer-managed VPCs.
const VPC_PREFIX = { min: 16, max: 25 };
const SUBNET_PREFIX = { min: 17, max: 26 };

const createdNetwork = z
  .strictObject({
    mode: z.literal('create').describe('The blueprint creates the VPC, subnets, NAT egress and endpoints'),
    vpcCidr: ipv4Cidr.describe(`VPC CIDR block, /${VPC_PREFIX.min} to /${VPC_PREFIX.max}`),
    privateSubnets: z
      .array(subnet)
      .min(2, 'needs at least two private subnets (Databricks requires two availability zones)')
      .describe('Subnets for cluster nodes, in at least two distinct availability zones'),
    publicSubnets: z
      .array(subnet)
      .default([])
      .describe('Subnets holding the NAT gateway(s); egress "nat" only (isolated has no internet path, firewall NATs in the hub)'),
    natGateways: z
      .enum(['single', 'per-az'])
      .default('single')
      .describe('One NAT gateway (cheaper) or one per availability zone (survives an AZ outage), in this VPC or the firewall hub. Default: single'),
    egress: z
      .enum(EGRESS_MODES)
      .default('nat')
      .describe('Egress of cluster nodes: "nat" (internet through NAT), "isolated" (no internet; AWS endpoints and back-end PrivateLink only) or "firewall" (through an AWS Network Firewall hub with an FQDN allow-list). See docs/network.md. Default: nat'),
    firewall: firewallSchema.optional().describe('The egress firewall hub; required with egress "firewall", refused otherwise'),
  })
  .superRefine((network, ctx) => {
    refineEgress(network, ctx);
    const vpcPrefix = cidrPrefix(network.vpcCidr);
    if (vpcPrefix < VPC_PREFIX.min || vpcPrefix > VPC_PREFIX.max) {
      ctx.addIssue({ code: 'custom', path: ['vpcCidr'], message: `must be between /${VPC_PREFIX.min} and /${VPC_PREFIX.max} (Databricks limit); got /${vpcPrefix}` });
    }
    const all = [
      ...network.privateSubnets.map((s, i) => ({ ...s, path: ['privateSubnets', i] })),
      ...network.publicSubnets.map((s, i) => ({ ...s, path: ['publicSubnets', i] })),
    ];
    for (const [index, s] of all.entries()) {
      if (!cidrContains(network.vpcCidr, s.cidr)) {
        ctx.addIssue({ code: 'custom', path: [...s.path, 'cidr'], message: `${s.cidr} is outside the VPC CIDR ${network.vpcCidr}` });
      }
      const clash = all.slice(0, index).find((other) => cidrsOverlap(other.cidr, s.cidr));
      if (clash) {
        ctx.addIssue({ code: 'custom', path: [...s.path, 'cidr'], message: `${s.cidr} overlaps ${clash.cidr} (${clash.path.join('.')})` });
      }
    }
    network.privateSubnets.forEach((s, i) => {
      const prefix = cidrPrefix(s.cidr);
      if (prefix < SUBNET_PREFIX.min || prefix > SUBNET_PREFIX.max) {
        ctx.addIssue({ code: 'custom', path: ['privateSubnets', i, 'cidr'], message: `must be between /${SUBNET_PREFIX.min} and /${SUBNET_PREFIX.max} (Databricks limit); got /${prefix}` });
      }
    });
    const zones = new Set(network.privateSubnets.map((s) => s.availabilityZone));
    if (zones.size < 2) {
      ctx.addIssue({ code: 'custom', path: ['privateSubnets'], message: 'must span at least two distinct availability zones' });
    }
  });

const existingNetwork = z.strictObject({
  mode: z.literal('existing').describe('Use a VPC the network team already runs (NAT, routes and endpoints are theirs)'),
  vpcId: z.string().regex(/^vpc-[0-9a-f]{8,17}$/, 'must be a VPC id such as vpc-0abc12345def67890'),
  privateSubnetIds: z
    .array(z.string().regex(/^subnet-[0-9a-f]{8,17}$/, 'must be a subnet id such as subnet-0abc12345def67890'))
    .min(2, 'needs at least two private subnets in distinct availability zones')
    .refine((ids) => new Set(ids).size === ids.length, 'must not repeat a subnet id'),
  securityGroupIds: z
    .array(z.string().regex(/^sg-[0-9a-f]{8,17}$/, 'must be a security group id'))
    .min(1, 'needs one security group, or leave the field out to let the blueprint create it')
    // The restricted cross-account policy (databricks_aws_crossaccount_policy) names one security group;
    // more would silently need the broader "customer" policy.
    .max(1, 'must name exactly one security group: the restricted cross-account policy is scoped to one')
    .optional()
    .describe('Existing security group for cluster nodes (one). Default: the blueprint creates one meeting Databricks rules'),
});

export const networkSchema = z.discriminatedUnion('mode', [createdNetwork, existingNetwork], {
  error: 'must set mode to "create" (new VPC) or "existing" (bring your own VPC)',
});
export type NetworkConfig = z.infer<typeof networkSchema>;
export type CreatedNetworkConfig = z.infer<typeof createdNetwork>;
