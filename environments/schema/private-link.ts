import { z } from 'zod';
import { ipv4Cidr, type DatabricksAwsRegion } from './primitives';

export interface PrivateLinkServices {
  /** Workspace (REST API) endpoint service; also usable for front-end PrivateLink. */
  readonly workspace: string;
  /** Secure cluster connectivity relay endpoint service. */
  readonly relay: string;
}

/**
 * Databricks' PrivateLink endpoint services per region, from the "PrivateLink VPC endpoint services"
 * table of docs.databricks.com/aws/en/resources/ip-domain-region (cross-checked against the Security
 * Reference Architecture). A region missing here fails validation rather than guessing a name.
 */
export const PRIVATE_LINK_SERVICES: Partial<Record<DatabricksAwsRegion, PrivateLinkServices>> = {
  'ap-northeast-1': { workspace: 'com.amazonaws.vpce.ap-northeast-1.vpce-svc-02691fd610d24fd64', relay: 'com.amazonaws.vpce.ap-northeast-1.vpce-svc-02aa633bda3edbec0' },
  'ap-northeast-2': { workspace: 'com.amazonaws.vpce.ap-northeast-2.vpce-svc-0babb9bde64f34d7e', relay: 'com.amazonaws.vpce.ap-northeast-2.vpce-svc-0dc0e98a5800db5c4' },
  'ap-south-1': { workspace: 'com.amazonaws.vpce.ap-south-1.vpce-svc-0dbfe5d9ee18d6411', relay: 'com.amazonaws.vpce.ap-south-1.vpce-svc-03fd4d9b61414f3de' },
  'ap-southeast-1': { workspace: 'com.amazonaws.vpce.ap-southeast-1.vpce-svc-02535b257fc253ff4', relay: 'com.amazonaws.vpce.ap-southeast-1.vpce-svc-0557367c6fc1a0c5c' },
  'ap-southeast-2': { workspace: 'com.amazonaws.vpce.ap-southeast-2.vpce-svc-0b87155ddd6954974', relay: 'com.amazonaws.vpce.ap-southeast-2.vpce-svc-0b4a72e8f825495f6' },
  'ca-central-1': { workspace: 'com.amazonaws.vpce.ca-central-1.vpce-svc-0205f197ec0e28d65', relay: 'com.amazonaws.vpce.ca-central-1.vpce-svc-0c4e25bdbcbfbb684' },
  'eu-central-1': { workspace: 'com.amazonaws.vpce.eu-central-1.vpce-svc-081f78503812597f7', relay: 'com.amazonaws.vpce.eu-central-1.vpce-svc-08e5dfca9572c85c4' },
  'eu-west-1': { workspace: 'com.amazonaws.vpce.eu-west-1.vpce-svc-0da6ebf1461278016', relay: 'com.amazonaws.vpce.eu-west-1.vpce-svc-09b4eb2bc775f4e8c' },
  'eu-west-2': { workspace: 'com.amazonaws.vpce.eu-west-2.vpce-svc-01148c7cdc1d1326c', relay: 'com.amazonaws.vpce.eu-west-2.vpce-svc-05279412bf5353a45' },
  'eu-west-3': { workspace: 'com.amazonaws.vpce.eu-west-3.vpce-svc-008b9368d1d011f37', relay: 'com.amazonaws.vpce.eu-west-3.vpce-svc-005b039dd0b5f857d' },
  'sa-east-1': { workspace: 'com.amazonaws.vpce.sa-east-1.vpce-svc-0bafcea8cdfe11b66', relay: 'com.amazonaws.vpce.sa-east-1.vpce-svc-0e61564963be1b43f' },
  'us-east-1': { workspace: 'com.amazonaws.vpce.us-east-1.vpce-svc-09143d1e626de2f04', relay: 'com.amazonaws.vpce.us-east-1.vpce-svc-00018a8c3ff62ffdf' },
  'us-east-2': { workspace: 'com.amazonaws.vpce.us-east-2.vpce-svc-041dc2b4d7796b8d3', relay: 'com.amazonaws.vpce.us-east-2.vpce-svc-090a8fab0d73e39a6' },
  'us-west-1': { workspace: 'com.amazonaws.vpce.us-west-1.vpce-svc-09bb6ca26208063f2', relay: 'com.amazonaws.vpce.us-west-1.vpce-svc-04cb91f9372b792fe' },
  'us-west-2': { workspace: 'com.amazonaws.vpce.us-west-2.vpce-svc-0129f463fcfbc46c5', relay: 'com.amazonaws.vpce.us-west-2.vpce-svc-0158114c0c730c3bb' },
};

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
  return table[region] ?? `has no known Databricks endpoint service names for region ${region}; supported: ${Object.keys(table).join(', ')}`;
}
