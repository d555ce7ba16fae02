import { z } from 'zod';
import { DATABRICKS_REGIONS } from './databricks-regions';
import { ipv4Cidr, type DatabricksAwsRegion } from './primitives';

export interface PrivateLinkServices {
  /** Workspace (REST API) endpoint service; also usable for front-end PrivateLink. */
  readonly workspace: string;
  /** Secure cluster connectivity relay endpoint service. */
  readonly relay: string;
}

/** PrivateLink endpoint services per region, from the one region table (databricks-regions.ts). */
export const PRIVATE_LINK_SERVICES: Partial<Record<DatabricksAwsRegion, PrivateLinkServices>> = Object.fromEntries(
  Object.entries(DATABRICKS_REGIONS).map(([region, row]) => [region, { workspace: row.workspace, relay: row.relay }]),
);

/** Smallest subnet AWS allows; the endpoints need only a few addresses per availability zone. */
const ENDPOINT_SUBNET_PREFIX = { min: 16, max: 28 };
export { ENDPOINT_SUBNET_PREFIX };

export const privateLinkSchema = z
  .strictObject({
    enabled: z.boolean().default(false).describe('Back-end PrivateLink: cluster traffic to the control plane stays on AWS PrivateLink. Default: false'),
    subnets: z
      .array(
        z.strictObject({
          cidr: ipv4Cidr.describe(`Endpoint subnet, /${ENDPOINT_SUBNET_PREFIX.min} to /${ENDPOINT_SUBNET_PREFIX.max}, inside the VPC`),
          availabilityZone: z.string().regex(/^[a-z]{2}-[a-z]+-\d[a-z]$/, 'must be an availability zone name such as eu-west-1a'),
        }),
      )
      .default([])
      .describe('Dedicated subnets for the two interface endpoints, one per availability zone'),
    publicAccessEnabled: z
      .boolean()
      .default(true)
      .describe('Users may still reach the UI/API over the internet (subject to IP access lists). false needs your own front-end PrivateLink. Default: true'),
    allowedFrontEndVpcEndpointIds: z
      .array(z.uuid({ error: 'must be a Databricks VPC endpoint registration id (a UUID)' }))
      .default([])
      .describe('Registered front-end endpoints (from a transit VPC) allowed besides this workspace\'s own REST endpoint. Default: none'),
  })
  .prefault({})
  .describe('AWS PrivateLink for the workspace (needs network.mode "create" and a region with known endpoint services)');
export type PrivateLinkConfig = z.infer<typeof privateLinkSchema>;

/** The endpoint services of a region, or an error message naming the rule. */
export function privateLinkServicesFor(
  region: string,
  table: Partial<Record<string, PrivateLinkServices>> = PRIVATE_LINK_SERVICES,
): PrivateLinkServices | string {
  return table[region] ?? `has no known Databricks endpoint service names for region ${region}; supported: ${Object.keys(table).sort().join(', ')}`;
}
