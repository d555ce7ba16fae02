import type { z } from 'zod';
import { databricksRegion, DATABRICKS_REGIONS, type DatabricksRegion } from './databricks-regions';
import type { NetworkConfig } from './network';
import type { PrivateLinkConfig } from './private-link';

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
  const network = env.network;
  if (network.mode !== 'create' || network.egress === 'nat') return;
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  const egress = `network.egress "${network.egress}"`;
  const region = databricksRegion(env.aws.region, regions);
  if (typeof region === 'string') issue(['network', 'egress'], `${network.egress} ${region}`);
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
