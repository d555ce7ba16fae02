/**
 * AWS instance families (x86, Databricks-supported) that encrypt traffic between instances in hardware
 * (AWS EC2 "Encryption in transit": Nitro instances with automatic in-transit encryption, same VPC or
 * peered VPCs; Databricks "Encrypt traffic between cluster worker nodes" lists them among the instance
 * types that encrypt automatically). Check both pages before adding a family: m5/m5d/r5/c5 (no "n") are
 * NOT on them.
 */
export const IN_TRANSIT_ENCRYPTING_FAMILIES = {
  generalPurpose: ['m5dn', 'm5n', 'm5zn', 'm6a', 'm6i', 'm6id', 'm6idn', 'm6in', 'm7a', 'm7i'],
  computeOptimized: ['c5a', 'c5ad', 'c5n', 'c6a', 'c6i', 'c6id', 'c6in', 'c7a', 'c7i'],
  memoryOptimized: ['r5dn', 'r5n', 'r6a', 'r6i', 'r6id', 'r6idn', 'r6in', 'r7a', 'r7i', 'x2idn', 'x2iedn'],
  storageOptimized: ['i3en', 'i4i'],
  accelerated: ['g4dn', 'g5', 'p3dn', 'p4d'],
} as const satisfies Record<string, readonly string[]>;

export const IN_TRANSIT_ENCRYPTING_FAMILY_LIST: readonly string[] = Object.values(IN_TRANSIT_ENCRYPTING_FAMILIES).flat().sort();

/** `node_type_id` values of those families, any size (m6i.xlarge, r6id.4xlarge, ...). */
export const IN_TRANSIT_ENCRYPTING_NODE_TYPE_PATTERN = `^(${IN_TRANSIT_ENCRYPTING_FAMILY_LIST.join('|')})\\.[0-9a-z]+$`;

export const NODE_TRAFFIC_ENCRYPTION_MODES = ['init-script', 'nitro-only', 'both'] as const;
export type NodeTrafficEncryptionMode = (typeof NODE_TRAFFIC_ENCRYPTION_MODES)[number];

/** Standard (formerly shared) access mode: init scripts only from allowlisted volumes or cloud storage. */
export const STANDARD_ACCESS_MODES = ['USER_ISOLATION', 'DATA_SECURITY_MODE_STANDARD'] as const;
/** Dedicated (formerly single user) access mode. */
export const DEDICATED_ACCESS_MODES = ['SINGLE_USER', 'DATA_SECURITY_MODE_DEDICATED'] as const;

/** Databricks Runtime versions, as major.minor from `min` up to, not including, major `belowMajor`. */
export interface RuntimeRange {
  readonly min: readonly [number, number];
  readonly belowMajor?: number;
}

// Databricks "What are init scripts?" / "Compute compatibility with libraries and init scripts": init scripts
// in workspace files from Databricks Runtime 11.3 LTS; in Unity Catalog volumes, and the allowlist that
// standard access mode requires, from 13.3 LTS.
const WORKSPACE_FILE_RUNTIME_MIN = [11, 3] as const;
const VOLUME_RUNTIME_MIN = [13, 3] as const;
// Databricks "Set and use environment variables with init scripts": in standard access mode on Databricks
// Runtime 19 and above, init scripts get only a predefined set of environment variables, not the secret.
const STANDARD_MODE_ENV_VARS_BELOW_MAJOR = 19;

/**
 * The compatibility matrix (docs/node-traffic-encryption.md#compatibility) for the init script delivered
 * from a volume or a workspace file to clusters in `accessModes`: the runtimes it works on, or why it
 * cannot work. nitro-only needs no script and has no such limits.
 */
export function initScriptCompatibility(options: { volume: boolean; accessModes: readonly string[] }): {
  runtimes: RuntimeRange;
  problems: { field: 'volumePath'; message: string }[];
} {
  const dedicated: readonly string[] = DEDICATED_ACCESS_MODES;
  // Any mode that is not dedicated is treated like standard: user isolation, allowlist, limited environment.
  const standard = options.accessModes.filter((mode) => !dedicated.includes(mode));
  const problems: { field: 'volumePath'; message: string }[] = [];
  if (standard.length > 0 && !options.volume) {
    problems.push({
      field: 'volumePath',
      message:
        `clusterPolicy.dataSecurityModes allows ${standard.join(', ')} (standard access mode), which runs init scripts only from an allowlisted ` +
        `Unity Catalog volume; set volumePath, allow only dedicated modes (${DEDICATED_ACCESS_MODES.join(', ')}), or use mode "nitro-only"`,
    });
  }
  const min = options.volume ? VOLUME_RUNTIME_MIN : WORKSPACE_FILE_RUNTIME_MIN;
  return { runtimes: standard.length > 0 ? { min, belowMajor: STANDARD_MODE_ENV_VARS_BELOW_MAJOR } : { min }, problems };
}

/** clusterPolicy.nodeTypes entries the nitro modes would silently drop from the policy: reported instead. */
export function nodeTypesWithoutInTransitEncryption(nodeTypes: readonly string[]): { index: number; nodeType: string }[] {
  const pattern = new RegExp(IN_TRANSIT_ENCRYPTING_NODE_TYPE_PATTERN);
  return nodeTypes.map((nodeType, index) => ({ index, nodeType })).filter(({ nodeType }) => !pattern.test(nodeType));
}
