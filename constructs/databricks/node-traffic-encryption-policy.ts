import type { NodeTrafficEncryptionMode } from '../../environments/schema';
import type { PolicyDefinition } from './cluster-policy-definition';

/**
 * AWS instance families (x86, Databricks-supported) that encrypt traffic between instances in hardware
 * (AWS EC2 "Encryption in transit": Nitro instances with automatic in-transit encryption, same VPC or
 * peered VPCs). Check the AWS page before adding a family: m5/m5d/r5/c5 (no "n") are NOT on it.
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

/** Spark settings the init script writes that the policy language can also pin on the cluster itself. */
export const ENFORCED_SPARK_CONF = {
  'spark.authenticate': 'true',
  'spark.network.crypto.enabled': 'true',
  'spark.network.crypto.saslFallback': 'false',
  'spark.io.encryption.enabled': 'true',
} as const;

export const SECRET_ENV_VAR = 'NODE_TRAFFIC_ENCRYPTION_SECRET';
export const KEYSTORE_PASSWORD_ENV_VAR = 'NODE_TRAFFIC_KEYSTORE_PASSWORD';

export interface NodeTrafficEncryptionPolicyOptions {
  readonly mode: NodeTrafficEncryptionMode;
  /** Workspace path of the init script (`init_scripts.0.workspace.destination`). Needed unless nitro-only. */
  readonly initScriptPath?: string;
  /** Secret reference of the current shared-secret version, `{{secrets/<scope>/<key>}}`. Needed unless nitro-only. */
  readonly secretReference?: string;
  /** Secret reference of the keystore password. Needed unless nitro-only. */
  readonly keystorePasswordReference?: string;
}

/**
 * The cluster-policy elements that enforce node-traffic encryption, for this construct's own policy
 * and for any other policy (e.g. a baseline policy) that composes them with `mergePolicyDefinitions`.
 */
export function nodeTrafficEncryptionPolicyElements(options: NodeTrafficEncryptionPolicyOptions): PolicyDefinition {
  const definition: PolicyDefinition = {};
  if (options.mode !== 'nitro-only') {
    const { initScriptPath, secretReference, keystorePasswordReference } = options;
    if (!initScriptPath || !secretReference || !keystorePasswordReference) {
      throw new Error(`node-traffic encryption mode "${options.mode}" needs initScriptPath, secretReference and keystorePasswordReference`);
    }
    definition['init_scripts.0.workspace.destination'] = { type: 'fixed', value: initScriptPath };
    definition[`spark_env_vars.${SECRET_ENV_VAR}`] = { type: 'fixed', value: secretReference, hidden: true };
    definition[`spark_env_vars.${KEYSTORE_PASSWORD_ENV_VAR}`] = { type: 'fixed', value: keystorePasswordReference, hidden: true };
    for (const [key, value] of Object.entries(ENFORCED_SPARK_CONF)) {
      definition[`spark_conf.${key}`] = { type: 'fixed', value };
    }
  }
  if (options.mode !== 'init-script') {
    for (const key of ['node_type_id', 'driver_node_type_id']) {
      definition[key] = { type: 'regex', pattern: IN_TRANSIT_ENCRYPTING_NODE_TYPE_PATTERN };
    }
  }
  return definition;
}

/** Day 0 of the rotation calendar: version N is current from ROTATION_EPOCH + N * rotationPeriodDays. */
export const ROTATION_EPOCH = '2025-01-01';
const DAY_MS = 86_400_000;
const ROTATION_EPOCH_DAY = Date.parse(`${ROTATION_EPOCH}T00:00:00Z`) / DAY_MS;
const daysSinceEpoch = (date: Date) => Math.floor(date.getTime() / DAY_MS) - ROTATION_EPOCH_DAY;

/** The version current on `date` (what the Terraform expressions below compute from the plan time). */
export function rotationVersionAt(date: Date, rotationPeriodDays: number): number {
  return Math.floor(daysSinceEpoch(date) / rotationPeriodDays);
}

/** Versions that must exist on `date`: the current one, plus the previous one during the grace period. */
export function liveVersionsAt(date: Date, rotationPeriodDays: number, gracePeriodDays: number): number[] {
  const version = rotationVersionAt(date, rotationPeriodDays);
  return daysSinceEpoch(date) % rotationPeriodDays < gracePeriodDays && version > 0 ? [version, version - 1] : [version];
}

/**
 * Terraform expression: days since ROTATION_EPOCH at plan time (civil-date-to-day-number arithmetic,
 * since Terraform has no epoch function). Known at plan time, so it can drive `for_each`.
 */
export function planDaysSinceEpochExpression(): string {
  const ts = 'plantimestamp()';
  const y = `(tonumber(formatdate("YYYY", ${ts})) - (tonumber(formatdate("M", ${ts})) <= 2 ? 1 : 0))`;
  const m = `tonumber(formatdate("M", ${ts}))`;
  const d = `tonumber(formatdate("D", ${ts}))`;
  const era = `floor(${y} / 400)`;
  const yoe = `(${y} - ${era} * 400)`;
  const doy = `(floor((153 * (${m} > 2 ? ${m} - 3 : ${m} + 9) + 2) / 5) + ${d} - 1)`;
  return `${era} * 146097 + ${yoe} * 365 + floor(${yoe} / 4) - floor(${yoe} / 100) + ${doy} - 719468 - ${ROTATION_EPOCH_DAY}`;
}
