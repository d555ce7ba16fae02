/**
 * The node-traffic encryption policy elements, runtime patterns and rotation calendar as pure functions
 * (no synthesis, no script run): what each mode fixes, forbids and allows.
 */
import {
  DATABRICKS_KEYSTORE_PATH,
  IN_TRANSIT_ENCRYPTING_NODE_TYPE_PATTERN,
  INIT_SCRIPT_LOCATIONS,
  liveVersionsAt,
  nodeTrafficEncryptionPolicyElements,
  planDaysSinceEpochExpression,
  rotationVersionAt,
  runtimeVersionPattern,
  SCRIPT_SPARK_SETTINGS,
} from '../../../constructs/databricks/node-traffic-encryption-policy';

const SCRIPT = { location: 'workspace' as const, path: '/Shared/nte.sh' };
const SECRET = '{{secrets/nte/secret-v3}}';

describe('node-traffic encryption policy elements', () => {
  it('init-script: fixes our script, secret, settings and keystore; forbids every other script, override and credential', () => {
    const definition = nodeTrafficEncryptionPolicyElements({ mode: 'init-script', initScript: SCRIPT, secretReference: SECRET, accessModes: ['SINGLE_USER', 'DATA_SECURITY_MODE_DEDICATED'] });
    const expected: Record<string, unknown> = {
      'init_scripts.0.workspace.destination': { type: 'fixed', value: '/Shared/nte.sh' },
      ...Object.fromEntries(INIT_SCRIPT_LOCATIONS.map((location) => [`init_scripts.*.${location}.destination`, { type: 'forbidden' }])),
      'spark_env_vars.NODE_TRAFFIC_ENCRYPTION_SECRET': { type: 'fixed', value: SECRET, hidden: true },
      'spark_env_vars.DB_HOME': { type: 'forbidden' },
      'spark_env_vars.NODE_TRAFFIC_KEYSTORE': { type: 'forbidden' },
      'spark_env_vars.NODE_TRAFFIC_KEYSTORE_PASSWORD': { type: 'forbidden' },
      ...Object.fromEntries(Object.entries(SCRIPT_SPARK_SETTINGS).map(([key, value]) => [`spark_conf.${key}`, { type: 'fixed', value }])),
      'spark_conf.spark.ssl.keyStore': { type: 'fixed', value: DATABRICKS_KEYSTORE_PATH },
      'spark_conf.spark.authenticate.secret': { type: 'forbidden' },
      'spark_conf.spark.ssl.keyStorePassword': { type: 'forbidden' },
      'spark_conf.spark.ssl.keyPassword': { type: 'forbidden' },
      data_security_mode: { type: 'allowlist', values: ['SINGLE_USER', 'DATA_SECURITY_MODE_DEDICATED'], defaultValue: 'SINGLE_USER' },
      // Workspace files from 11.3, no ceiling for dedicated modes.
      spark_version: { type: 'regex', pattern: runtimeVersionPattern({ min: [11, 3] }) },
    };
    expect(definition).toEqual(expected);
    expect(INIT_SCRIPT_LOCATIONS).toEqual(expect.arrayContaining(['workspace', 'volumes', 'dbfs', 's3']));
  });

  it('both: adds hardware-encrypting instance types for driver and workers; a volume script with standard modes gets the runtime ceiling', () => {
    const definition = nodeTrafficEncryptionPolicyElements({
      mode: 'both', initScript: { location: 'volumes', path: '/Volumes/c/s/v/nte.sh' }, secretReference: SECRET, accessModes: ['USER_ISOLATION'],
    });
    expect(definition['init_scripts.0.volumes.destination']).toEqual({ type: 'fixed', value: '/Volumes/c/s/v/nte.sh' });
    expect(definition.spark_version).toEqual({ type: 'regex', pattern: runtimeVersionPattern({ min: [13, 3], belowMajor: 19 }) });
    expect(definition.node_type_id).toEqual({ type: 'regex', pattern: IN_TRANSIT_ENCRYPTING_NODE_TYPE_PATTERN });
    expect(definition.driver_node_type_id).toEqual({ type: 'regex', pattern: IN_TRANSIT_ENCRYPTING_NODE_TYPE_PATTERN });
  });

  it('nitro-only: only the instance types', () => {
    expect(nodeTrafficEncryptionPolicyElements({ mode: 'nitro-only' })).toEqual({
      node_type_id: { type: 'regex', pattern: IN_TRANSIT_ENCRYPTING_NODE_TYPE_PATTERN },
      driver_node_type_id: { type: 'regex', pattern: IN_TRANSIT_ENCRYPTING_NODE_TYPE_PATTERN },
    });
  });

  it('refuses a script mode without its inputs, or a workspace-file script for standard access mode', () => {
    const message = 'node-traffic encryption mode "init-script" needs initScript, secretReference and accessModes';
    expect(() => nodeTrafficEncryptionPolicyElements({ mode: 'init-script', secretReference: SECRET, accessModes: [] })).toThrow(message);
    expect(() => nodeTrafficEncryptionPolicyElements({ mode: 'init-script', initScript: SCRIPT, accessModes: [] })).toThrow(message);
    expect(() => nodeTrafficEncryptionPolicyElements({ mode: 'init-script', initScript: SCRIPT, secretReference: SECRET })).toThrow(message);
    expect(() => nodeTrafficEncryptionPolicyElements({ mode: 'both', initScript: SCRIPT, secretReference: SECRET, accessModes: ['USER_ISOLATION', 'SINGLE_USER'] })).toThrow(
      /^node-traffic encryption: clusterPolicy.dataSecurityModes allows USER_ISOLATION \(standard access mode\), which runs init scripts only from an allowlisted Unity Catalog volume/,
    );
  });
});

describe('runtime version patterns', () => {
  const accepts = (pattern: string, versions: string[]) => versions.filter((v) => new RegExp(pattern).test(v));

  it('from a minor version on, without a ceiling', () => {
    const pattern = runtimeVersionPattern({ min: [11, 3] });
    expect(accepts(pattern, ['11.3.x-scala2.12', '11.10.x-scala2.12', '12.2.x-scala2.12', '19.0.x-scala2.13', '20.1.x-cpu-ml-scala2.13', '99.9.x-scala3', '100.0.x-scala3'])).toEqual([
      '11.3.x-scala2.12', '11.10.x-scala2.12', '12.2.x-scala2.12', '19.0.x-scala2.13', '20.1.x-cpu-ml-scala2.13', '99.9.x-scala3',
    ]);
    expect(accepts(pattern, ['11.2.x-scala2.12', '10.4.x-scala2.12', '9.1.x-scala2.12', '1.3.x', '11.3', 'x11.3.x', '11.3.x'.replace('.x', '')])).toEqual([]);
  });

  it('below a ceiling major', () => {
    const pattern = runtimeVersionPattern({ min: [13, 3], belowMajor: 19 });
    expect(accepts(pattern, ['13.3.x-scala2.12', '14.0.x-scala2.12', '18.9.x-scala2.13'])).toEqual(['13.3.x-scala2.12', '14.0.x-scala2.12', '18.9.x-scala2.13']);
    expect(accepts(pattern, ['13.2.x-scala2.12', '19.0.x-scala2.13', '20.0.x-scala2.13', '23.0.x'])).toEqual([]);
    expect(runtimeVersionPattern({ min: [13, 3], belowMajor: 14 })).toBe('^(?:13\\.(?:[3-9]|[1-9][0-9]))\\..+$');
  });

  it('from a .0 release, and from a major whose decade starts at once', () => {
    expect(runtimeVersionPattern({ min: [15, 0], belowMajor: 17 })).toBe('^(?:15\\.[0-9]+|(?:16)\\.[0-9]+)\\..+$');
    const fromNinety = runtimeVersionPattern({ min: [89, 5] });
    expect(accepts(fromNinety, ['89.5.x', '90.0.x', '95.1.x', '99.0.x'])).toEqual(['89.5.x', '90.0.x', '95.1.x', '99.0.x']);
    expect(accepts(fromNinety, ['89.4.x', '100.0.x', '9.0.x'])).toEqual([]);
    expect(fromNinety).toBe('^(?:89\\.(?:[5-9]|[1-9][0-9])|(?:9[0-9])\\.[0-9]+)\\..+$');
    expect(runtimeVersionPattern({ min: [17, 1] })).toBe('^(?:17\\.(?:[1-9]|[1-9][0-9])|(?:18|19|[2-9][0-9])\\.[0-9]+)\\..+$');
  });
});

describe('rotation calendar', () => {
  const day = (iso: string) => new Date(`${iso}T12:00:00Z`);

  it('counts whole periods since the epoch', () => {
    expect(rotationVersionAt(day('2025-01-01'), 30)).toBe(0);
    expect(rotationVersionAt(day('2025-01-30'), 30)).toBe(0);
    expect(rotationVersionAt(day('2025-01-31'), 30)).toBe(1);
    expect(rotationVersionAt(day('2025-03-02'), 30)).toBe(2);
  });

  it('keeps the previous version during the grace period, never a negative one', () => {
    expect(liveVersionsAt(day('2025-01-31'), 30, 7)).toEqual([1, 0]);
    expect(liveVersionsAt(day('2025-02-06'), 30, 7)).toEqual([1, 0]);
    expect(liveVersionsAt(day('2025-02-07'), 30, 7)).toEqual([1]);
    expect(liveVersionsAt(day('2025-01-01'), 30, 7)).toEqual([0]);
  });

  it('the plan-time expression computes the same day count as the calendar', () => {
    // Evaluate the Terraform expression with JavaScript stand-ins for its functions on fixed dates.
    const expression = planDaysSinceEpochExpression();
    for (const iso of ['2025-01-01', '2025-02-28', '2025-03-01', '2028-02-29', '2031-12-31', '2100-03-01']) {
      const date = day(iso);
      const formatdate = (format: string) => String({ YYYY: date.getUTCFullYear(), M: date.getUTCMonth() + 1, D: date.getUTCDate() }[format]);
      const evaluate = new Function('formatdate', 'tonumber', 'floor', 'plantimestamp', `return ${expression};`) as (...fns: unknown[]) => number;
      const days = evaluate(formatdate, Number, Math.floor, () => iso);
      expect(days).toBe(Math.floor((date.getTime() - Date.parse('2025-01-01T00:00:00Z')) / 86_400_000));
    }
  });
});
