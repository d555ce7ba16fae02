import { z } from 'zod';
import { groupRef } from './primitives';

export const NODE_TRAFFIC_ENCRYPTION_MODES = ['init-script', 'nitro-only', 'both'] as const;
export type NodeTrafficEncryptionMode = (typeof NODE_TRAFFIC_ENCRYPTION_MODES)[number];

/**
 * Encryption of traffic between cluster nodes (docs/node-traffic-encryption.md): a shared Spark secret
 * delivered by an init script, and/or instance types that encrypt traffic between instances in hardware.
 */
export const nodeTrafficEncryptionSchema = z
  .strictObject({
    enabled: z.boolean().default(true).describe('Enforce encrypted traffic between cluster nodes through a cluster policy. Default: true'),
    mode: z
      .enum(NODE_TRAFFIC_ENCRYPTION_MODES, {
        error: (issue) => `must be one of ${NODE_TRAFFIC_ENCRYPTION_MODES.join(', ')}; got ${JSON.stringify(issue.input)}`,
      })
      .default('init-script')
      .describe('init-script (Spark auth + AES/TLS on any instance), nitro-only (instance types with hardware in-transit encryption), or both. Default: init-script'),
    rotationPeriodDays: z
      .number()
      .int()
      .min(7, 'must be at least 7 days')
      .max(365, 'must be at most 365 days')
      .default(90)
      .describe('A new shared-secret version becomes current every this many days. Default: 90'),
    gracePeriodDays: z
      .number()
      .int()
      .min(1, 'must be at least 1 day')
      .default(7)
      .describe('The previous secret version stays readable this many days after a rotation; clusters must restart within it. Default: 7'),
    clusterOwnerGroups: z
      .array(groupRef)
      .min(1, 'needs at least one group')
      .default(['dataEngineers'])
      .describe('Keys of account.groups that may use the policy and read the secrets (cluster owners). Default: ["dataEngineers"]'),
    volumePath: z
      .string()
      .regex(/^\/Volumes\/[\w-]+\/[\w-]+\/[\w-]+(\/[\w.-]+)*$/, 'must be a Unity Catalog volume path /Volumes/<catalog>/<schema>/<volume>[/<dir>]')
      .refine((path) => !path.split('/').some((segment) => segment === '.' || segment === '..'), 'must not contain "." or ".." segments (the allowlist would cover another folder)')
      .optional()
      .describe('Also allowlist init scripts under this volume for standard (shared) access mode. Default: none (workspace file only)'),
  })
  .prefault({})
  .superRefine((config, ctx) => {
    if (config.gracePeriodDays >= config.rotationPeriodDays) {
      ctx.addIssue({
        code: 'custom',
        path: ['gracePeriodDays'],
        message: `must be shorter than rotationPeriodDays (${config.rotationPeriodDays}); got ${config.gracePeriodDays}`,
      });
    }
  });
export type NodeTrafficEncryptionConfig = z.infer<typeof nodeTrafficEncryptionSchema>;
