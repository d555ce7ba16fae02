import { spawnSync, SpawnSyncReturns } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SCRIPT_SPARK_SETTINGS } from '../../constructs/databricks/node-traffic-encryption-policy';

// The init script's sandbox, as Databricks runs it: a fake DB_HOME per test (useInitScriptSandbox registers
// the hooks), driver or worker through DB_IS_DRIVER, and the settings the script must write.

export const SCRIPT = path.resolve(__dirname, '..', '..', 'scripts', 'node-traffic-encryption.sh');
export const BEGIN = '# >>> node-traffic-encryption (managed by init script, do not edit) >>>';
export const END = '# <<< node-traffic-encryption <<<';
export const DEFAULTS = 'spark/conf/spark-defaults.conf';
export const DRIVER_CONF = 'driver/conf/spark-branch.conf';
export const SPARK_ENV = 'spark/conf/spark-env.sh';
export const KEYSTORE = 'keys/jetty_ssl_driver_keystore.jks';

export const SECRET = randomBytes(32).toString('hex'); // 64 hex characters = 256 bits
// Databricks "Encrypt traffic between cluster worker nodes": the keystore's password is hardcoded (public,
// "not intended to protect the confidentiality of the keystore"); the script must use exactly this value.
export const DATABRICKS_KEYSTORE_PASSWORD = 'gb1gQqZ9ZIHS';

let dbHome: string;
export const at = (relative: string) => path.join(dbHome, relative);
export const read = (relative: string) => fs.readFileSync(at(relative), 'utf8');
export const modeOf = (relative: string) => fs.statSync(at(relative)).mode & 0o777;
export const write = (relative: string, content: string, mode = 0o644) => {
  fs.mkdirSync(path.dirname(at(relative)), { recursive: true });
  fs.writeFileSync(at(relative), content);
  fs.chmodSync(at(relative), mode);
};

/** A fresh DB_HOME with Databricks' keystore for each test of the calling file. */
export function useInitScriptSandbox(): void {
  beforeEach(() => {
    dbHome = fs.mkdtempSync(path.join(os.tmpdir(), 'node-traffic-enc-'));
    write(KEYSTORE, 'fake-jks', 0o600);
  });
  afterEach(() => fs.rmSync(dbHome, { recursive: true, force: true }));
}

/** Runs the script with a minimal, explicit environment (nothing leaks in from the CI shell). */
export function run(env: Record<string, string | undefined> = {}): SpawnSyncReturns<string> {
  const fullEnv: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', DB_HOME: dbHome, NODE_TRAFFIC_ENCRYPTION_SECRET: SECRET };
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete fullEnv[key];
    else fullEnv[key] = value;
  }
  return spawnSync('bash', [SCRIPT], { env: fullEnv, encoding: 'utf8' });
}

export function runOk(env: Record<string, string | undefined> = {}): void {
  const res = run(env);
  expect(res.stderr).toBe('');
  expect(res.status).toBe(0);
  expect(res.stdout + res.stderr).not.toContain(SECRET);
}

/** Every file under the fake DB_HOME: relative path -> content and mode (symlinks as their target). */
export function snapshot(): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      const relative = path.relative(dbHome, full);
      if (entry.isDirectory()) walk(full);
      else if (entry.isSymbolicLink()) out[relative] = `-> ${fs.readlinkSync(full)}`;
      else out[relative] = `${(fs.statSync(full).mode & 0o777).toString(8)} ${fs.readFileSync(full, 'utf8')}`;
    }
  };
  walk(dbHome);
  return out;
}

/** The settings the script must write, in its order: the contract with the cluster policy. */
export function settings(keystore = at(KEYSTORE), password = DATABRICKS_KEYSTORE_PASSWORD): Array<[string, string]> {
  return [
    ['spark.authenticate', SCRIPT_SPARK_SETTINGS['spark.authenticate']],
    ['spark.authenticate.secret', SECRET],
    ...Object.entries(SCRIPT_SPARK_SETTINGS).filter(([key]) => key.startsWith('spark.network') || key.startsWith('spark.io')),
    ['spark.ssl.enabled', SCRIPT_SPARK_SETTINGS['spark.ssl.enabled']],
    ['spark.ssl.keyStore', keystore],
    ['spark.ssl.keyStorePassword', password],
    ['spark.ssl.keyPassword', password],
    ...Object.entries(SCRIPT_SPARK_SETTINGS).filter(([key]) => key.startsWith('spark.ssl.') && key !== 'spark.ssl.enabled'),
  ];
}

export const defaultsBlock = (...args: Parameters<typeof settings>) =>
  [BEGIN, ...settings(...args).map(([key, value]) => `${key} ${value}`), END, ''].join('\n');
export const driverBlock = (...args: Parameters<typeof settings>) =>
  [BEGIN, '[driver] {', ...settings(...args).map(([key, value]) => `  "${key}" = "${value}"`), '}', END, ''].join('\n');

