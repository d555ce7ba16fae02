import { z } from 'zod';

const sqlIdentifier = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'must be a lowercase SQL identifier (letters, digits, _; starting with a letter)');

/**
 * Rules the baseline cluster policy adds for SAT checks DP-2 (local disk encryption), GOV-8/GOV-9 (cluster
 * log delivery) and for SSH access (security-analysis-tool, configs/security_best_practices.csv).
 */
export const clusterHardeningFields = {
  localDiskEncryption: z
    .boolean()
    .default(true)
    .describe('Fix enable_local_disk_encryption = true: shuffle and spill files on local disks are encrypted (SAT DP-2). Default: true'),
  forbidSshPublicKeys: z
    .boolean()
    .default(true)
    .describe('Forbid ssh_public_keys: nobody logs into cluster nodes around Unity Catalog and the audit log. Default: true'),
  clusterLogs: z
    .strictObject({
      enabled: z
        .boolean()
        .default(true)
        .describe('Fix cluster log delivery to a Unity Catalog volume of the environment (SAT GOV-8/GOV-9). Default: true'),
      schema: sqlIdentifier.default('operations').describe('Schema created for it in the first catalog of the environment. Default: operations'),
      volume: sqlIdentifier.default('cluster_logs').describe('Managed volume receiving the logs. Default: cluster_logs'),
    })
    .prefault({})
    .describe('Cluster logs (driver, worker and init-script logs) delivered to a managed volume the environment owns'),
};
