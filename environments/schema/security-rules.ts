import type { z } from 'zod';
import { cidrContains, cidrPrefix, cidrsOverlap } from './primitives';
import { ENDPOINT_SUBNET_PREFIX, PRIVATE_LINK_SERVICES, privateLinkServicesFor, type PrivateLinkConfig, type PrivateLinkServices } from './private-link';
import type { NetworkConfig } from './network';
import type { WorkspaceSecurityConfig } from './workspace-security';

interface SecuritySubject {
  aws: { region: string };
  databricks: { pricingTier: string };
  network: NetworkConfig;
  privateLink: PrivateLinkConfig;
  workspaceSecurity: WorkspaceSecurityConfig;
}

/** Rules between the security sections and the rest of one environment (region, network, tier). */
export function refineSecurity(
  env: SecuritySubject,
  ctx: z.RefinementCtx,
  services: Partial<Record<string, PrivateLinkServices>> = PRIVATE_LINK_SERVICES,
): void {
  const hardening = env.workspaceSecurity.hardening;
  if ((hardening.complianceSecurityProfile.enabled || hardening.enhancedSecurityMonitoring) && env.databricks.pricingTier !== 'ENTERPRISE') {
    ctx.addIssue({
      code: 'custom',
      path: ['workspaceSecurity', 'hardening'],
      message: `the compliance security profile and enhanced security monitoring need the ENTERPRISE tier; got ${env.databricks.pricingTier}`,
    });
  }

  const link = env.privateLink;
  if (!link.enabled) return;
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path: ['privateLink', ...path], message });
  const found = privateLinkServicesFor(env.aws.region, services);
  if (typeof found === 'string') issue(['enabled'], found);
  if (env.databricks.pricingTier !== 'ENTERPRISE') issue(['enabled'], `PrivateLink needs the ENTERPRISE tier; got ${env.databricks.pricingTier}`);
  if (env.network.mode !== 'create') {
    issue(['enabled'], 'PrivateLink is supported with network.mode "create" only (an existing VPC\'s endpoints belong to its network team)');
    return;
  }
  if (link.subnets.length === 0) issue(['subnets'], 'needs at least one dedicated endpoint subnet when PrivateLink is enabled');
  const network = env.network;
  const taken = [...network.privateSubnets, ...network.publicSubnets].map((s) => s.cidr);
  const zones = new Set<string>();
  link.subnets.forEach((subnet, i) => {
    const prefix = cidrPrefix(subnet.cidr);
    if (prefix < ENDPOINT_SUBNET_PREFIX.min || prefix > ENDPOINT_SUBNET_PREFIX.max) {
      issue(['subnets', i, 'cidr'], `must be between /${ENDPOINT_SUBNET_PREFIX.min} and /${ENDPOINT_SUBNET_PREFIX.max}; got /${prefix}`);
    }
    if (!cidrContains(network.vpcCidr, subnet.cidr)) issue(['subnets', i, 'cidr'], `${subnet.cidr} is outside the VPC CIDR ${network.vpcCidr}`);
    const clash = taken.find((cidr) => cidrsOverlap(cidr, subnet.cidr));
    if (clash) issue(['subnets', i, 'cidr'], `${subnet.cidr} overlaps subnet ${clash}`);
    taken.push(subnet.cidr);
    if (!subnet.availabilityZone.startsWith(env.aws.region)) issue(['subnets', i, 'availabilityZone'], `${subnet.availabilityZone} is not in region ${env.aws.region}`);
    if (zones.has(subnet.availabilityZone)) issue(['subnets', i, 'availabilityZone'], `${subnet.availabilityZone} already has an endpoint subnet (interface endpoints take one per zone)`);
    zones.add(subnet.availabilityZone);
  });
}
