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

const endpointSubnet = z.strictObject({
  cidr: ipv4Cidr.describe('Endpoint subnet, /16 to /28, inside its VPC'),
  availabilityZone: z.string().regex(/^[a-z]{2}-[a-z]+-\d[a-z]$/, 'must be an availability zone name such as eu-west-1a'),
});

const frontEndSchema = z.strictObject({
  transitVpc: z.discriminatedUnion(
    'mode',
    [
      z.strictObject({
        mode: z.literal('create').describe('A new transit VPC holding only the front-end endpoint'),
        vpcCidr: ipv4Cidr.describe('CIDR of the transit VPC; must not overlap the workspace VPC'),
        subnets: z.array(endpointSubnet).min(1, 'needs at least one endpoint subnet').describe('Endpoint subnets, one per availability zone'),
      }),
      z.strictObject({
        mode: z.literal('existing').describe('A transit VPC the network team runs (connected to the corporate network)'),
        vpcId: z.string().regex(/^vpc-[0-9a-f]{8,17}$/, 'must be a VPC id such as vpc-0abc12345def67890'),
        subnetIds: z
          .array(z.string().regex(/^subnet-[0-9a-f]{8,17}$/, 'must be a subnet id such as subnet-0abc12345def67890'))
          .min(1, 'needs at least one subnet, one per availability zone'),
      }),
    ],
    { error: 'must set mode to "create" (new transit VPC) or "existing" (name one)' },
  ),
  clientCidrs: z
    .array(ipv4Cidr)
    .default([])
    .describe('Networks users and the deploy pipeline connect from (VPN, Direct Connect, CI runners): HTTPS to the endpoint. Default: the created transit VPC; required with an existing one'),
});
export type FrontEndConfig = z.infer<typeof frontEndSchema>;

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
    frontEnd: frontEndSchema
      .optional()
      .describe('Front-end PrivateLink created by the blueprint: users and the deploy pipeline reach the workspace through an endpoint in a transit VPC. Default: none'),
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
