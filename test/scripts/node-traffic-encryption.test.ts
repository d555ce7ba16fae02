import { spawnSync, SpawnSyncReturns } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const SCRIPT = path.resolve(__dirname, '..', '..', 'scripts', 'node-traffic-encryption.sh');
const BEGIN_MARK = '# >>> node-traffic-encryption (managed by init script, do not edit) >>>';
const END_MARK = '# <<< node-traffic-encryption <<<';
const DRIVER_CONF = 'driver/conf/00-node-traffic-encryption.conf';
const SPARK_ENV = 'spark/conf/spark-env.sh';
const KEYSTORE = 'keys/jetty_ssl_driver_keystore.jks';
const ORIGINAL_SPARK_ENV = '#!/usr/bin/env bash\nexport EXISTING_SETTING=keep-me\n';

const SECRET = randomBytes(32).toString('hex'); // 64 hex chars = 256 bits
const KEYSTORE_PASSWORD = `ksPw-${randomBytes(8).toString('hex')}`;

let dbHome: string;

beforeEach(() => {
  dbHome = fs.mkdtempSync(path.join(os.tmpdir(), 'node-traffic-enc-'));
  fs.mkdirSync(path.join(dbHome, 'keys'), { recursive: true });
  fs.writeFileSync(path.join(dbHome, KEYSTORE), 'fake-jks');
  fs.mkdirSync(path.join(dbHome, 'spark/conf'), { recursive: true });
  fs.writeFileSync(path.join(dbHome, SPARK_ENV), ORIGINAL_SPARK_ENV);
});

afterEach(() => {
  fs.rmSync(dbHome, { recursive: true, force: true });
});

/** Runs the script with a minimal, explicit environment (nothing leaks in from the CI shell). */
function run(env: Record<string, string | undefined>): SpawnSyncReturns<string> {
  const fullEnv: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', DB_HOME: dbHome };
  for (const [k, v] of Object.entries(env)) if (v !== undefined) fullEnv[k] = v;
  return spawnSync('bash', [SCRIPT], { env: fullEnv, encoding: 'utf8' });
}

const valid = (extra: Record<string, string | undefined> = {}) => ({
  NODE_TRAFFIC_ENCRYPTION_SECRET: SECRET,
  NODE_TRAFFIC_KEYSTORE_PASSWORD: KEYSTORE_PASSWORD,
  ...extra,
});

/** Every file under the fake DB_HOME, relative path -> content. */
function snapshot(): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else out[path.relative(dbHome, full)] = fs.readFileSync(full, 'utf8');
    }
  };
  walk(dbHome);
  return out;
}

function expectedSettings(): Record<string, string> {
  const ks = path.join(dbHome, KEYSTORE);
  return {
    'spark.authenticate': 'true',
    'spark.authenticate.secret': SECRET,
    'spark.authenticate.enableSaslEncryption': 'true',
    'spark.network.crypto.enabled': 'true',
    'spark.network.crypto.keyLength': '256',
    'spark.network.crypto.saslFallback': 'false',
    'spark.io.encryption.enabled': 'true',
    'spark.ssl.enabled': 'true',
    'spark.ssl.protocol': 'TLSv1.3',
    'spark.ssl.keyStore': ks,
    'spark.ssl.keyStorePassword': KEYSTORE_PASSWORD,
    'spark.ssl.keyPassword': KEYSTORE_PASSWORD,
    'spark.ssl.trustStore': ks,
    'spark.ssl.trustStorePassword': KEYSTORE_PASSWORD,
  };
}

/** Parses the `[driver] { "k" = "v" ... }` HOCON file; every line must match the grammar. */
function parseDriverConf(text: string): Record<string, string> {
  const lines = text.split('\n');
  expect(lines[0]).toBe('[driver] {');
  expect(lines[lines.length - 2]).toBe('}');
  expect(lines[lines.length - 1]).toBe('');
  const result: Record<string, string> = {};
  for (const line of lines.slice(1, -2)) {
    const m = /^ {2}"([^"]+)" = "([^"]*)"$/.exec(line);
    if (!m) throw new Error(`unexpected driver conf line: ${line}`);
    expect(result).not.toHaveProperty([m[1]!]);
    result[m[1]!] = m[2]!;
  }
  return result;
}

/** Sources the written spark-env.sh in bash and parses the resulting SPARK_EXECUTOR_OPTS. */
function parseExecutorOpts(prefix: string): { prefix: string[]; settings: Record<string, string> } {
  const res = spawnSync('bash', ['-c', 'set -u; source "$1"; printf %s "$SPARK_EXECUTOR_OPTS"', '_', path.join(dbHome, SPARK_ENV)], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', SPARK_EXECUTOR_OPTS: prefix },
    encoding: 'utf8',
  });
  expect(res.status).toBe(0);
  const tokens = res.stdout.split(' ').filter((t) => t !== '');
  const settings: Record<string, string> = {};
  const rest: string[] = [];
  for (const t of tokens) {
    const m = /^-D(spark\.[^=]+)=(.*)$/.exec(t);
    if (m) {
      expect(settings).not.toHaveProperty([m[1]!]);
      settings[m[1]!] = m[2]!;
    } else rest.push(t);
  }
  return { prefix: rest, settings };
}

function expectManagedBlockOnce(sparkEnv: string): void {
  expect(sparkEnv.startsWith(ORIGINAL_SPARK_ENV)).toBe(true);
  expect(sparkEnv.split(BEGIN_MARK).length - 1).toBe(1);
  expect(sparkEnv.split(END_MARK).length - 1).toBe(1);
  const block = sparkEnv.slice(ORIGINAL_SPARK_ENV.length);
  const lines = block.split('\n');
  expect(lines).toHaveLength(4); // begin, export, end, trailing ''
  expect(lines[0]).toBe(BEGIN_MARK);
  expect(lines[1]).toMatch(/^export SPARK_EXECUTOR_OPTS=/);
  expect(lines[2]).toBe(END_MARK);
}

function expectNoLeak(res: SpawnSyncReturns<string>, ...values: string[]): void {
  for (const v of values) {
    expect(res.stdout).not.toContain(v);
    expect(res.stderr).not.toContain(v);
  }
}

describe('node-traffic-encryption.sh', () => {
  test('is shellcheck-clean', () => {
    const res = spawnSync('shellcheck', ['--shell=bash', SCRIPT], { encoding: 'utf8' });
    if (res.error && (res.error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error('shellcheck is not installed; install it (apt-get install -y shellcheck) - this test must not be skipped');
    }
    expect(res.stdout + res.stderr).toBe('');
    expect(res.status).toBe(0);
  });

  test('driver: writes the driver HOCON conf and the executor options block with every setting', () => {
    const res = run(valid({ DB_IS_DRIVER: 'TRUE' }));
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    expectNoLeak(res, SECRET, KEYSTORE_PASSWORD);

    const files = snapshot();
    expect(Object.keys(files).sort()).toEqual([DRIVER_CONF, KEYSTORE, SPARK_ENV].sort());
    expect(parseDriverConf(files[DRIVER_CONF]!)).toEqual(expectedSettings());
    expect(fs.statSync(path.join(dbHome, DRIVER_CONF)).mode & 0o077).toBe(0); // not group/world readable

    expectManagedBlockOnce(files[SPARK_ENV]!);
    const opts = parseExecutorOpts('-Xss4m');
    expect(opts.prefix).toEqual(['-Xss4m']); // existing executor options are preserved
    expect(opts.settings).toEqual(expectedSettings());
  });

  test.each([['unset', undefined], ['FALSE', 'FALSE']])('worker (DB_IS_DRIVER %s): writes only the executor options block', (_label, isDriver) => {
    const res = run(valid({ DB_IS_DRIVER: isDriver }));
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    expectNoLeak(res, SECRET, KEYSTORE_PASSWORD);

    const files = snapshot();
    expect(Object.keys(files).sort()).toEqual([KEYSTORE, SPARK_ENV].sort());
    expect(fs.existsSync(path.join(dbHome, 'driver'))).toBe(false);
    expectManagedBlockOnce(files[SPARK_ENV]!);
    const opts = parseExecutorOpts('');
    expect(opts.prefix).toEqual([]);
    expect(opts.settings).toEqual(expectedSettings());
  });

  test('honours NODE_TRAFFIC_KEYSTORE for a local keystore path', () => {
    const custom = path.join(dbHome, 'keys', 'custom.jks');
    fs.writeFileSync(custom, 'fake');
    const res = run(valid({ DB_IS_DRIVER: 'TRUE', NODE_TRAFFIC_KEYSTORE: custom }));
    expect(res.status).toBe(0);
    const conf = parseDriverConf(fs.readFileSync(path.join(dbHome, DRIVER_CONF), 'utf8'));
    expect(conf['spark.ssl.keyStore']).toBe(custom);
    expect(conf['spark.ssl.trustStore']).toBe(custom);
  });

  test('is idempotent: a second run leaves exactly the same files', () => {
    expect(run(valid({ DB_IS_DRIVER: 'TRUE' })).status).toBe(0);
    const first = snapshot();
    const second = run(valid({ DB_IS_DRIVER: 'TRUE' }));
    expect(second.status).toBe(0);
    expect(snapshot()).toEqual(first);
    expectManagedBlockOnce(first[SPARK_ENV]!);
  });

  test('replaces (not appends) the block when the secret changes', () => {
    expect(run(valid()).status).toBe(0);
    const rotated = randomBytes(32).toString('hex');
    expect(run(valid({ NODE_TRAFFIC_ENCRYPTION_SECRET: rotated })).status).toBe(0);
    const sparkEnv = fs.readFileSync(path.join(dbHome, SPARK_ENV), 'utf8');
    expectManagedBlockOnce(sparkEnv);
    expect(sparkEnv).not.toContain(SECRET);
    expect(parseExecutorOpts('').settings['spark.authenticate.secret']).toBe(rotated);
  });

  const failures: Array<[string, Record<string, string | undefined>, RegExp]> = [
    ['secret missing', { NODE_TRAFFIC_ENCRYPTION_SECRET: undefined }, /NODE_TRAFFIC_ENCRYPTION_SECRET is not set or empty/],
    ['secret empty', { NODE_TRAFFIC_ENCRYPTION_SECRET: '' }, /NODE_TRAFFIC_ENCRYPTION_SECRET is not set or empty/],
    ['secret 63 chars', { NODE_TRAFFIC_ENCRYPTION_SECRET: SECRET.slice(0, 63) }, /NODE_TRAFFIC_ENCRYPTION_SECRET is shorter than 64 characters/],
    ['secret unresolved reference', { NODE_TRAFFIC_ENCRYPTION_SECRET: '{{secrets/node-encryption/spark-auth-secret}}' }, /unresolved secret reference/],
    [
      'secret unresolved reference padded past 64 chars',
      { NODE_TRAFFIC_ENCRYPTION_SECRET: `{{secrets/${'s'.repeat(40)}/${'k'.repeat(40)}}}` },
      /unresolved secret reference/,
    ],
    ['secret with shell metacharacters', { NODE_TRAFFIC_ENCRYPTION_SECRET: `${SECRET}"$(id)` }, /contains characters outside/],
    ['keystore password missing', { NODE_TRAFFIC_KEYSTORE_PASSWORD: undefined }, /NODE_TRAFFIC_KEYSTORE_PASSWORD is not set or empty/],
    ['keystore password unresolved', { NODE_TRAFFIC_KEYSTORE_PASSWORD: '{{secrets/s/k}}' }, /NODE_TRAFFIC_KEYSTORE_PASSWORD looks like an unresolved/],
    ['keystore on DBFS', { NODE_TRAFFIC_KEYSTORE: '/dbfs/keys/jetty_ssl_driver_keystore.jks' }, /must be a node-local path, not DBFS/],
    ['keystore missing', { NODE_TRAFFIC_KEYSTORE: '/nonexistent/keystore.jks' }, /does not exist or is not readable/],
  ];

  test.each(failures)('%s: exits non-zero with one clear stderr line and writes nothing', (_label, override, message) => {
    for (const isDriver of ['TRUE', undefined]) {
      const before = snapshot();
      const env = { ...valid({ DB_IS_DRIVER: isDriver }), ...override };
      const res = run(env);
      expect(res.status).not.toBe(0);
      expect(res.stdout).toBe('');
      const errLines = res.stderr.split('\n').filter((l) => l !== '');
      expect(errLines).toHaveLength(1);
      expect(errLines[0]).toMatch(/^node-traffic-encryption: ERROR: /);
      expect(errLines[0]).toMatch(message);
      for (const v of [SECRET, SECRET.slice(0, 63), KEYSTORE_PASSWORD]) expect(res.stderr).not.toContain(v);
      expect(snapshot()).toEqual(before);
    }
  });
});
