import { z } from 'zod';
import { PACKAGE_REPOSITORIES, type PackageRepository } from './databricks-regions';
import { cidrContains, cidrsOverlap, ipv4Cidr } from './primitives';
import { subnet, type SubnetConfig } from './subnet';

/** How cluster nodes reach anything outside the VPC (docs/network.md). */
export const EGRESS_MODES = ['nat', 'isolated', 'firewall'] as const;
export type EgressMode = (typeof EGRESS_MODES)[number];

/** Keeps the generated allow-list well inside the rule group's fixed capacity (constructs/aws/egress-firewall.ts). */
export const MAX_ALLOWED_DOMAINS = 200;

const domainName = z
  .string()
  .regex(/^\.?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'must be a lower-case DNS name such as pypi.org (a leading dot also allows its subdomains)');

const hubSubnets = (purpose: string) => z.array(subnet).min(1, `needs at least one ${purpose} subnet`).describe(`Hub subnets for ${purpose}, one per availability zone`);

export const firewallSchema = z.strictObject({
  hubVpcCidr: ipv4Cidr.describe('CIDR of the hub (inspection) VPC; must not overlap the workspace VPC'),
  transitSubnets: hubSubnets('the transit gateway attachment'),
  firewallSubnets: hubSubnets('the AWS Network Firewall endpoints'),
  publicSubnets: hubSubnets('the NAT gateways'),
  packageRepositories: z
    .array(z.enum(Object.keys(PACKAGE_REPOSITORIES) as [PackageRepository, ...PackageRepository[]]))
    .default(['pypi', 'maven'])
    .describe(`Package repositories the allow-list opens (${Object.keys(PACKAGE_REPOSITORIES).join(', ')}). Default: pypi, maven`),
  allowedDomains: z
    .array(domainName)
    .max(MAX_ALLOWED_DOMAINS, `at most ${MAX_ALLOWED_DOMAINS} domains (the allow-list rule group has a fixed capacity)`)
    .default([])
    .describe('Further domains cluster nodes may reach over HTTPS/HTTP. Default: none'),
});
export type FirewallConfig = z.infer<typeof firewallSchema>;

interface EgressSubject {
  vpcCidr: string;
  egress: EgressMode;
  publicSubnets: SubnetConfig[];
  firewall?: FirewallConfig;
}

/** Rules between the egress mode and the rest of a created network. */
export function refineEgress(network: EgressSubject, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  if (network.egress === 'nat' && network.publicSubnets.length === 0) {
    issue(['publicSubnets'], 'needs at least one public subnet for NAT egress (or choose egress "isolated" or "firewall")');
  }
  if (network.egress !== 'nat' && network.publicSubnets.length > 0) {
    issue(['publicSubnets'], `must be empty with egress "${network.egress}": ${network.egress === 'isolated' ? 'an isolated VPC has no internet path' : 'the firewall hub holds the NAT gateways (firewall.publicSubnets)'}`);
  }
  if (network.egress !== 'firewall') {
    if (network.firewall) issue(['firewall'], `is only used with egress "firewall"; got egress "${network.egress}" (remove it or set egress: "firewall")`);
    return;
  }
  const firewall = network.firewall;
  if (!firewall) {
    issue(['egress'], '"firewall" needs a firewall section (hubVpcCidr, transitSubnets, firewallSubnets, publicSubnets): see docs/network.md');
    return;
  }
  if (cidrsOverlap(firewall.hubVpcCidr, network.vpcCidr)) {
    issue(['firewall', 'hubVpcCidr'], `${firewall.hubVpcCidr} overlaps the workspace VPC ${network.vpcCidr}; the transit gateway routes between them`);
  }
  const lists = ['transitSubnets', 'firewallSubnets', 'publicSubnets'] as const;
  const taken: { cidr: string; at: string }[] = [];
  for (const list of lists) {
    const zones = new Set<string>();
    firewall[list].forEach((s, i) => {
      const path = ['firewall', list, i];
      if (!cidrContains(firewall.hubVpcCidr, s.cidr)) issue([...path, 'cidr'], `${s.cidr} is outside the hub VPC CIDR ${firewall.hubVpcCidr}`);
      const clash = taken.find((t) => cidrsOverlap(t.cidr, s.cidr));
      if (clash) issue([...path, 'cidr'], `${s.cidr} overlaps ${clash.cidr} (${clash.at})`);
      taken.push({ cidr: s.cidr, at: `firewall.${list}.${i}` });
      if (zones.has(s.availabilityZone)) issue([...path, 'availabilityZone'], `${s.availabilityZone} already has a subnet in firewall.${list} (one per zone)`);
      zones.add(s.availabilityZone);
    });
  }
  // Routing is per zone: transit -> firewall endpoint -> NAT of the same zone.
  const zonesOf = (list: (typeof lists)[number]) => firewall[list].map((s) => s.availabilityZone).sort().join(', ');
  for (const list of ['firewallSubnets', 'publicSubnets'] as const) {
    if (zonesOf(list) !== zonesOf('transitSubnets')) {
      issue(['firewall', list], `must cover the same availability zones as firewall.transitSubnets (${zonesOf('transitSubnets')}); got ${zonesOf(list)}`);
    }
  }
}
