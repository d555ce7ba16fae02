import type { z } from 'zod';
import { databricksRegion, DATABRICKS_REGIONS, type DatabricksRegion } from './databricks-regions';
import type { NetworkConfig } from './network';
import { cidrContains, cidrPrefix, cidrsOverlap } from './primitives';
import { ENDPOINT_SUBNET_PREFIX, type PrivateLinkConfig } from './private-link';

interface EgressEnvironment {
  aws: { region: string };
  network: NetworkConfig;
  privateLink: PrivateLinkConfig;
  unityCatalog: { glueMetastore: { enabled: boolean } };
  workspaceSecurity: { hardening: { disableLegacyAccess: boolean } };
}

/** Combinations of network.egress with the rest of an environment that cannot work (docs/network.md). */
export function refineEgressEnvironment(
  env: EgressEnvironment,
  ctx: z.RefinementCtx,
  regions: Partial<Record<string, DatabricksRegion>> = DATABRICKS_REGIONS,
): void {
  refineFrontEnd(env, ctx);
  const network = env.network;
  if (network.mode !== 'create' || network.egress === 'nat') return;
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  const egress = `network.egress "${network.egress}"`;
  const region = databricksRegion(env.aws.region, regions);
  if (typeof region === 'string') issue(['network', 'egress'], `${network.egress} ${region}`);
  else if (network.egress === 'isolated' && region.bucketRegion) {
    issue(['network', 'egress'], `"isolated" cannot work in ${env.aws.region}: Databricks serves its artifacts there from ${region.bucketRegion} buckets, which an S3 gateway endpoint does not reach; use egress "firewall"`);
  }
  if (network.egress === 'isolated' && !env.privateLink.enabled) {
    issue(['privateLink', 'enabled'], `must be true with ${egress}: without back-end PrivateLink the nodes have no path to the control plane`);
  }
  if (network.egress === 'isolated' && env.unityCatalog.glueMetastore.enabled) {
    issue(['unityCatalog', 'glueMetastore', 'enabled'], `must be false with ${egress}: AWS Glue is not reachable without internet egress (use egress "firewall" and allow glue.${env.aws.region}.amazonaws.com)`);
  }
  if (!env.workspaceSecurity.hardening.disableLegacyAccess) {
    issue(['workspaceSecurity', 'hardening', 'disableLegacyAccess'], `must be true with ${egress}: the legacy Hive metastore (MySQL, port 3306) is reachable neither over PrivateLink nor through an FQDN allow-list`);
  }
  for (const list of ['transitSubnets', 'firewallSubnets', 'publicSubnets'] as const) {
    network.firewall?.[list].forEach((subnet, index) => {
      if (!subnet.availabilityZone.startsWith(env.aws.region)) {
        issue(['network', 'firewall', list, index, 'availabilityZone'], `${subnet.availabilityZone} is not in region ${env.aws.region}`);
      }
    });
  }
}

/** Front-end PrivateLink and private access (docs/network.md, "Front-end PrivateLink"). */
function refineFrontEnd(env: EgressEnvironment, ctx: z.RefinementCtx): void {
  const link = env.privateLink;
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path: ['privateLink', ...path], message });
  const frontEnd = link.frontEnd;
  if (frontEnd && !link.enabled) {
    issue(['frontEnd'], 'needs privateLink.enabled: true (the private access settings admitting the front-end endpoint come with back-end PrivateLink)');
  }
  if (link.enabled && !link.publicAccessEnabled && !frontEnd && link.allowedFrontEndVpcEndpointIds.length === 0) {
    issue(['publicAccessEnabled'], 'false leaves no way to reach the workspace: add privateLink.frontEnd (or allowedFrontEndVpcEndpointIds of an endpoint registered elsewhere)');
  }
  if (!frontEnd) return;
  const transit = frontEnd.transitVpc;
  if (transit.mode === 'existing') {
    if (frontEnd.clientCidrs.length === 0) issue(['frontEnd', 'clientCidrs'], 'must name the networks users and the deploy pipeline connect from when the transit VPC is an existing one');
    return;
  }
  const taken = env.network.mode === 'create' ? [{ cidr: env.network.vpcCidr, at: 'network.vpcCidr' }] : [];
  if (env.network.mode === 'create' && env.network.firewall) taken.push({ cidr: env.network.firewall.hubVpcCidr, at: 'network.firewall.hubVpcCidr' });
  const clash = taken.find((t) => cidrsOverlap(t.cidr, transit.vpcCidr));
  if (clash) issue(['frontEnd', 'transitVpc', 'vpcCidr'], `${transit.vpcCidr} overlaps ${clash.at} ${clash.cidr}`);
  const zones = new Set<string>();
  const subnets: string[] = [];
  transit.subnets.forEach((subnet, i) => {
    const at = ['frontEnd', 'transitVpc', 'subnets', i];
    const prefix = cidrPrefix(subnet.cidr);
    if (prefix < ENDPOINT_SUBNET_PREFIX.min || prefix > ENDPOINT_SUBNET_PREFIX.max) {
      issue([...at, 'cidr'], `must be between /${ENDPOINT_SUBNET_PREFIX.min} and /${ENDPOINT_SUBNET_PREFIX.max}; got /${prefix}`);
    }
    if (!cidrContains(transit.vpcCidr, subnet.cidr)) issue([...at, 'cidr'], `${subnet.cidr} is outside the transit VPC CIDR ${transit.vpcCidr}`);
    const overlap = subnets.find((other) => cidrsOverlap(other, subnet.cidr));
    if (overlap) issue([...at, 'cidr'], `${subnet.cidr} overlaps subnet ${overlap}`);
    subnets.push(subnet.cidr);
    if (!subnet.availabilityZone.startsWith(env.aws.region)) issue([...at, 'availabilityZone'], `${subnet.availabilityZone} is not in region ${env.aws.region}`);
    if (zones.has(subnet.availabilityZone)) issue([...at, 'availabilityZone'], `${subnet.availabilityZone} already has an endpoint subnet (one per zone)`);
    zones.add(subnet.availabilityZone);
  });
}
