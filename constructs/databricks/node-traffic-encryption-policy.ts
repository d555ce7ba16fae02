import type { PolicyDefinition } from './cluster-policy-definition';
import { IN_TRANSIT_ENCRYPTING_NODE_TYPE_PATTERN, initScriptCompatibility, type NodeTrafficEncryptionMode, type RuntimeRange } from './in-transit-encryption';

// The instance-type table (in-transit-encryption.ts) is shared with the schema, which validates clusterPolicy.nodeTypes against it.
export { IN_TRANSIT_ENCRYPTING_FAMILIES, IN_TRANSIT_ENCRYPTING_FAMILY_LIST, IN_TRANSIT_ENCRYPTING_NODE_TYPE_PATTERN } from './in-transit-encryption';
export type { NodeTrafficEncryptionMode };


/**
 * Non-credential Spark settings scripts/node-traffic-encryption.sh writes into spark-defaults.conf and the
 * driver conf; the policy fixes each one on the cluster too. Databricks "Encrypt traffic between cluster
 * worker nodes" example settings, plus AES-256 (spark.network.crypto.keyLength) and local I/O encryption
 * (spark.io.encryption.enabled) from Spark's "Security" page. The script test checks it writes exactly these.
 */
export const SCRIPT_SPARK_SETTINGS = {
  'spark.authenticate': 'true',
  'spark.network.crypto.enabled': 'true',
  'spark.network.crypto.keyLength': '256',
  'spark.network.crypto.saslFallback': 'false',
  'spark.io.encryption.enabled': 'true',
  'spark.ssl.enabled': 'true',
  'spark.ssl.protocol': 'TLSv1.3',
  'spark.ssl.standalone.enabled': 'true',
  'spark.ssl.ui.enabled': 'true',
} as const;

/** The node-local keystore Databricks generates per workspace ("Encrypt traffic between cluster worker nodes"; DB_HOME is /databricks). */
export const DATABRICKS_KEYSTORE_PATH = '/databricks/keys/jetty_ssl_driver_keystore.jks';

/**
 * Credentials the script writes (the shared secret, the keystore's documented fixed password). The policy
 * forbids them on the cluster, so the script's values are the only ones and no credential sits in the
 * policy JSON.
 */
export const SCRIPT_CREDENTIAL_SETTINGS = ['spark.authenticate.secret', 'spark.ssl.keyStorePassword', 'spark.ssl.keyPassword'] as const;

export const SECRET_ENV_VAR = 'NODE_TRAFFIC_ENCRYPTION_SECRET';
/**
 * Environment variables that would redirect the script (another DB_HOME, a custom keystore): users may not
 * set them on clusters of the policy.
 */
export const FORBIDDEN_ENV_VARS = ['DB_HOME', 'NODE_TRAFFIC_KEYSTORE', 'NODE_TRAFFIC_KEYSTORE_PASSWORD'] as const;

/** Every init-script location of the Clusters API (InitScriptInfo): each is forbidden past our one script. */
export const INIT_SCRIPT_LOCATIONS = ['workspace', 'volumes', 'dbfs', 's3', 'file', 'abfss', 'gcs'] as const;

export interface NodeTrafficEncryptionPolicyOptions {
  readonly mode: NodeTrafficEncryptionMode;
  /** Where clusters get the script: a workspace file or a Unity Catalog volume file. Needed unless nitro-only. */
  readonly initScript?: { readonly location: 'workspace' | 'volumes'; readonly path: string };
  /** Secret reference of the current shared-secret version, `{{secrets/<scope>/<key>}}`. Needed unless nitro-only. */
  readonly secretReference?: string;
  /** Access modes the environment allows (docs/node-traffic-encryption.md#compatibility). Needed unless nitro-only. */
  readonly accessModes?: readonly string[];
}

/**
 * The cluster-policy elements that enforce node-traffic encryption, for this construct's own policy
 * and for any other policy (e.g. a baseline policy) that composes them with `mergePolicyDefinitions`.
 */
export function nodeTrafficEncryptionPolicyElements(options: NodeTrafficEncryptionPolicyOptions): PolicyDefinition {
  const definition: PolicyDefinition = {};
  if (options.mode !== 'nitro-only') {
    const { initScript, secretReference, accessModes } = options;
    if (!initScript || !secretReference || !accessModes) {
      throw new Error(`node-traffic encryption mode "${options.mode}" needs initScript, secretReference and accessModes`);
    }
    const compatibility = initScriptCompatibility({ volume: initScript.location === 'volumes', accessModes });
    if (compatibility.problems.length > 0) throw new Error(`node-traffic encryption: ${compatibility.problems.map((p) => p.message).join('; ')}`);
    // Our script is element 0; every other element of any location is forbidden (Databricks "Compute policy
    // reference", array attributes: a specific index wins over the wildcard).
    definition[`init_scripts.0.${initScript.location}.destination`] = { type: 'fixed', value: initScript.path };
    for (const location of INIT_SCRIPT_LOCATIONS) definition[`init_scripts.*.${location}.destination`] = { type: 'forbidden' };
    definition[`spark_env_vars.${SECRET_ENV_VAR}`] = { type: 'fixed', value: secretReference, hidden: true };
    for (const name of FORBIDDEN_ENV_VARS) definition[`spark_env_vars.${name}`] = { type: 'forbidden' };
    for (const [key, value] of Object.entries(SCRIPT_SPARK_SETTINGS)) definition[`spark_conf.${key}`] = { type: 'fixed', value };
    definition['spark_conf.spark.ssl.keyStore'] = { type: 'fixed', value: DATABRICKS_KEYSTORE_PATH };
    for (const key of SCRIPT_CREDENTIAL_SETTINGS) definition[`spark_conf.${key}`] = { type: 'forbidden' };
    definition.data_security_mode = { type: 'allowlist', values: [...accessModes], defaultValue: accessModes[0] };
    definition.spark_version = { type: 'regex', pattern: runtimeVersionPattern(compatibility.runtimes) };
  }
  if (options.mode !== 'init-script') {
    for (const key of ['node_type_id', 'driver_node_type_id']) {
      definition[key] = { type: 'regex', pattern: IN_TRANSIT_ENCRYPTING_NODE_TYPE_PATTERN };
    }
  }
  return definition;
}

/**
 * `spark_version` values (e.g. `15.4.x-scala2.12`, `16.4.x-cpu-ml-scala2.13`) from `min` (major.minor)
 * up to, not including, major `belowMajor`.
 */
export function runtimeVersionPattern(range: RuntimeRange): string {
  const [major, minor] = range.min;
  const last = (range.belowMajor ?? 100) - 1;
  const majors: string[] = [];
  let next = major + 1;
  // Single numbers; without a ceiling, from the next multiple of ten on, whole decades as [d-9][0-9].
  while (next <= last && (next % 10 !== 0 || last !== 99)) majors.push(String(next++));
  if (next <= last) majors.push(next / 10 === 9 ? '9[0-9]' : `[${next / 10}-9][0-9]`);
  const minors = minor === 0 ? '[0-9]+' : `(?:[${minor}-9]|[1-9][0-9])`;
  const alternatives = [`${major}\\.${minors}`, ...(majors.length > 0 ? [`(?:${majors.join('|')})\\.[0-9]+`] : [])];
  return `^(?:${alternatives.join('|')})\\..+$`;
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
