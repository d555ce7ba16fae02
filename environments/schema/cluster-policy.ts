import { z } from 'zod';
import { clusterHardeningFields } from './cluster-hardening';
import { groupRef } from './primitives';

/** Access modes with user isolation; NONE and the LEGACY_* modes bypass Unity Catalog and are never allowed. */
export const ALLOWED_DATA_SECURITY_MODES = ['USER_ISOLATION', 'SINGLE_USER', 'DATA_SECURITY_MODE_STANDARD', 'DATA_SECURITY_MODE_DEDICATED'] as const;

// Databricks' documented bounds for auto-termination (minutes).
const AUTO_TERMINATION = { min: 10, max: 43_200 };

const compiles = (pattern: string) => {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
};

export const clusterPolicySchema = z
  .strictObject({
    enabled: z.boolean().default(true).describe('Create the baseline cluster policy. Default: true'),
    autoTerminationMinutes: z
      .strictObject({
        min: z.number().int().min(AUTO_TERMINATION.min, `must be at least ${AUTO_TERMINATION.min} (Databricks minimum)`).default(10),
        max: z.number().int().max(AUTO_TERMINATION.max, `must be at most ${AUTO_TERMINATION.max}`).default(120),
        default: z.number().int().default(30),
      })
      .prefault({})
      .describe('Allowed idle minutes before a cluster stops; min = max fixes the value. Default: 10-120, 30'),
    nodeTypes: z
      .array(z.string().regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, 'must be an EC2 instance type such as m6id.xlarge'))
      .min(1)
      .default(['m6id.large', 'm6id.xlarge', 'm6id.2xlarge', 'r6id.xlarge', 'r6id.2xlarge'])
      .describe('Allowed worker and driver instance types; the first is the default. Default: m6id/r6id sizes'),
    runtimeVersionPattern: z
      .string()
      .refine(compiles, 'must be a valid regular expression')
      .default('^(1[5-9]|[2-9][0-9])\\.[0-9]+\\.x-(cpu-ml-|gpu-ml-)?scala2\\.1[23]$')
      .describe('Regex for spark_version (Databricks Runtime). Default: 15.x LTS and later, standard and ML'),
    dataSecurityModes: z
      .array(z.enum(ALLOWED_DATA_SECURITY_MODES, { error: `must be one of ${ALLOWED_DATA_SECURITY_MODES.join(', ')} (NONE and legacy modes are refused)` }))
      .min(1)
      .default(['USER_ISOLATION', 'SINGLE_USER'])
      .describe('Allowed access modes; the first is the default. Default: USER_ISOLATION, SINGLE_USER'),
    maxDbuPerHour: z.number().positive().max(10_000).default(50).describe('Largest cluster size in DBU/hour (dbus_per_hour). Default: 50'),
    maxWorkers: z.number().int().min(1).max(1_000).default(10).describe('Largest autoscale.max_workers / num_workers. Default: 10'),
    groups: z
      .array(groupRef)
      .default([])
      .describe('Groups that may create clusters with the policy (CAN_USE). Default (also for an empty list): the account.groups entries with createsClusters: true'),
    ...clusterHardeningFields,
  })
  .prefault({})
  .superRefine((policy, ctx) => {
    const { min, max, default: fallback } = policy.autoTerminationMinutes;
    if (min > max) ctx.addIssue({ code: 'custom', path: ['autoTerminationMinutes', 'min'], message: `must not exceed max (${max}); got ${min}` });
    if (fallback < min || fallback > max) {
      ctx.addIssue({ code: 'custom', path: ['autoTerminationMinutes', 'default'], message: `must lie between min (${min}) and max (${max}); got ${fallback}` });
    }
    if (new Set(policy.nodeTypes).size !== policy.nodeTypes.length) ctx.addIssue({ code: 'custom', path: ['nodeTypes'], message: 'must not repeat an instance type' });
  })
  .describe('Baseline cluster policy: auto-termination, instance types, runtimes, access modes, size, cost tags');
export type ClusterPolicyConfig = z.infer<typeof clusterPolicySchema>;
