import { z } from 'zod';
import { NODE_TRAFFIC_ENCRYPTION_MODES } from '../../constructs/databricks/in-transit-encryption';
import { groupRef } from './primitives';

// Platform facts (instance families, access modes, the init-script compatibility matrix) live with the
// construct that enforces them; validation uses the same tables.
export {
  DEDICATED_ACCESS_MODES,
  IN_TRANSIT_ENCRYPTING_FAMILIES,
  IN_TRANSIT_ENCRYPTING_FAMILY_LIST,
  IN_TRANSIT_ENCRYPTING_NODE_TYPE_PATTERN,
  initScriptCompatibility,
  NODE_TRAFFIC_ENCRYPTION_MODES,
  nodeTypesWithoutInTransitEncryption,
  STANDARD_ACCESS_MODES,
  type NodeTrafficEncryptionMode,
  type RuntimeRange,
} from '../../constructs/databricks/in-transit-encryption';


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
      .default('nitro-only')
      .describe(
        'nitro-only (instance types that encrypt traffic between instances in hardware; any access mode and runtime), init-script (Spark auth + AES/TLS on any instance; see the compatibility matrix), or both. Default: nitro-only',
      ),
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
      .default([])
      .describe(
        'Keys of account.groups that may use the policy and read the secrets (cluster owners). Default (also for an empty list): the account.groups entries with createsClusters: true',
      ),
    volumePath: z
      .string()
      .regex(/^\/Volumes\/[\w-]+\/[\w-]+\/[\w-]+(\/[\w.-]+)*$/, 'must be a Unity Catalog volume path /Volumes/<catalog>/<schema>/<volume>[/<dir>]')
      .refine((path) => !path.split('/').some((segment) => segment === '.' || segment === '..'), 'must not contain "." or ".." segments (the allowlist would cover another folder)')
      .optional()
      .describe(
        'Deliver the init script from this Unity Catalog volume (uploaded and allowlisted); required for standard access mode. Default: none (an admin-only workspace file, dedicated access mode only)',
      ),
  })
  .prefault({})
  .superRefine((config, ctx) => {
    if (config.mode === 'nitro-only' && config.volumePath) {
      ctx.addIssue({ code: 'custom', path: ['volumePath'], message: 'delivers the init script, which mode "nitro-only" does not use; remove it or use mode "init-script" or "both"' });
    }
    if (config.gracePeriodDays >= config.rotationPeriodDays) {
      ctx.addIssue({
        code: 'custom',
        path: ['gracePeriodDays'],
        message: `must be shorter than rotationPeriodDays (${config.rotationPeriodDays}); got ${config.gracePeriodDays}`,
      });
    }
  });
export type NodeTrafficEncryptionConfig = z.infer<typeof nodeTrafficEncryptionSchema>;
