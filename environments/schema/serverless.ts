import { z } from 'zod';
import { awsRegion } from './primitives';

const dnsName = z
  .string()
  .regex(/^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'must be a lower-case DNS name such as api.example.com');

const bucketName = z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name');

export const serverlessSchema = z
  .strictObject({
    networkConnectivity: z
      .boolean()
      .default(false)
      .describe(
        "Bind the region's network connectivity configuration (created by the account stack; needs account.serverlessNetworkConnectivity) " +
          "and reach the workspace's buckets from serverless compute through S3 private endpoint rules. Default: false",
      ),
    egress: z
      .strictObject({
        restricted: z
          .boolean()
          .default(false)
          .describe("A network policy limits serverless egress to the catalogs' storage and the destinations below. Default: false (full access)"),
        enforcement: z
          .enum(['enforced', 'dry-run'])
          .default('enforced')
          .describe('"dry-run" only logs what the policy would block (to roll it out safely). Default: enforced'),
        allowedDomains: z.array(dnsName).default([]).describe('Internet destinations serverless compute may reach. Default: none'),
        allowedBuckets: z
          .array(z.strictObject({ bucket: bucketName, region: awsRegion }))
          .default([])
          .describe("Further S3 buckets, besides the catalogs' storage that the blueprint adds. Default: none"),
      })
      .prefault({}),
  })
  .prefault({})
  .describe('Network security of serverless compute (docs/network.md)');
export type ServerlessConfig = z.infer<typeof serverlessSchema>;

/** Rules inside the section. */
export function refineServerless(serverless: ServerlessConfig, ctx: z.RefinementCtx): void {
  const egress = serverless.egress;
  if (!egress.restricted && (egress.allowedDomains.length > 0 || egress.allowedBuckets.length > 0)) {
    ctx.addIssue({
      code: 'custom',
      path: ['serverless', 'egress', 'restricted'],
      message: 'must be true when allowedDomains or allowedBuckets are listed (with full access they would have no effect)',
    });
  }
}
