import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SCRIPT_SPARK_SETTINGS } from '../../constructs/databricks/node-traffic-encryption-policy';
import {
  at, BEGIN, DEFAULTS, defaultsBlock, DRIVER_CONF, driverBlock, END, KEYSTORE, modeOf, read, run, runOk, SCRIPT, SECRET,
  settings, snapshot, SPARK_ENV, useInitScriptSandbox, write,
} from '../support/init-script-sandbox';

// Sandbox runs of the init script as Databricks runs it: a fake DB_HOME, driver and worker nodes, and
// pre-existing configuration files in the shapes the issue lists (user lines, CRLF, a missing end
// marker, a symlink, mode 0644).
useInitScriptSandbox();

describe('node-traffic-encryption.sh', () => {
  test('is shellcheck-clean', () => {
    const res = spawnSync('shellcheck', ['--shell=bash', SCRIPT], { encoding: 'utf8' });
    if (res.error && (res.error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error('shellcheck is not installed; install it (apt-get install -y shellcheck) - this test must not be skipped');
    }
    expect(res.stdout + res.stderr).toBe('');
    expect(res.status).toBe(0);
  });

  test('writes every setting the policy pins, and the credentials the policy forbids users to set', () => {
    const written = new Set(settings().map(([key]) => key));
    for (const key of Object.keys(SCRIPT_SPARK_SETTINGS)) expect(written).toContain(key);
    expect(written.size).toBe(Object.keys(SCRIPT_SPARK_SETTINGS).length + 4);
  });

  test.each([
    ['unset', undefined],
    ['FALSE', 'FALSE'],
  ])('worker (DB_IS_DRIVER %s) on a fresh node: spark-defaults.conf only, owner-only', (_label, isDriver) => {
    runOk({ DB_IS_DRIVER: isDriver });
    expect(read(DEFAULTS)).toBe(defaultsBlock());
    expect(modeOf(DEFAULTS)).toBe(0o600);
    expect(Object.keys(snapshot()).sort()).toEqual([DEFAULTS, KEYSTORE].sort());
    // Directories it has to create stay traversable; only the file is private.
    expect(fs.statSync(path.dirname(at(DEFAULTS))).mode & 0o777).toBe(0o755);
  });

  test('driver on a fresh node: spark-defaults.conf and the driver conf, both owner-only', () => {
    const res = run({ DB_IS_DRIVER: 'TRUE' });
    expect(res.status).toBe(0);
    expect(res.stdout).toBe(`node-traffic-encryption: wrote ${at(DEFAULTS)}\nnode-traffic-encryption: wrote driver conf ${at(DRIVER_CONF)}\n`);
    expect(read(DEFAULTS)).toBe(defaultsBlock());
    expect(read(DRIVER_CONF)).toBe(driverBlock());
    expect([modeOf(DEFAULTS), modeOf(DRIVER_CONF)]).toEqual([0o600, 0o600]);
  });

  test("keeps the user's lines and Databricks' own driver conf, ends with the block, and takes away group/world access", () => {
    const userDefaults = '# user settings\nspark.executor.memory 4g\n\nspark.authenticate false\n';
    const branch = '[driver] {\n  "spark.databricks.foo" = "bar"\n}\n';
    write(DEFAULTS, userDefaults, 0o644);
    write(DRIVER_CONF, branch, 0o644);
    runOk({ DB_IS_DRIVER: 'TRUE' });
    // The block comes last, so it wins over a user line for the same key (properties and HOCON: last wins).
    expect(read(DEFAULTS)).toBe(userDefaults + defaultsBlock());
    expect(read(DRIVER_CONF)).toBe(branch + driverBlock());
    expect([modeOf(DEFAULTS), modeOf(DRIVER_CONF)]).toEqual([0o600, 0o600]);
  });

  test("keeps the existing file's owner and group (as root, the init script's user, it can give them away)", () => {
    const owner = process.getuid?.() === 0 ? { uid: 4242, gid: 4343 } : { uid: process.getuid!(), gid: process.getgid!() };
    write(DEFAULTS, 'spark.user.one 1\n', 0o640);
    fs.chownSync(at(DEFAULTS), owner.uid, owner.gid);
    runOk();
    const { uid, gid } = fs.statSync(at(DEFAULTS));
    expect({ uid, gid, mode: modeOf(DEFAULTS) }).toEqual({ ...owner, mode: 0o600 });
  });

  test('keeps the owner bits of an executable file and adds a final newline to an unterminated last line', () => {
    write(DEFAULTS, 'spark.executor.cores 4', 0o755);
    runOk();
    expect(read(DEFAULTS)).toBe(`spark.executor.cores 4\n${defaultsBlock()}`);
    expect(modeOf(DEFAULTS)).toBe(0o700);
  });

  test('CRLF: markers from a Windows-edited file are recognised, the block is replaced once, user lines keep their CRLF', () => {
    const crlfBlock = defaultsBlock().replace(/\n/g, '\r\n');
    write(DEFAULTS, `spark.user.one 1\r\n${crlfBlock}spark.user.two 2\r\n`);
    runOk();
    const once = read(DEFAULTS);
    expect(once).toBe(`spark.user.one 1\r\nspark.user.two 2\r\n${defaultsBlock()}`);
    runOk();
    expect(read(DEFAULTS)).toBe(once);
  });

  test('a begin marker without its end marker drops only the managed lines after it, never the user lines', () => {
    write(DEFAULTS, `spark.user.one 1\n${BEGIN}\nspark.authenticate true\nspark.authenticate.secret old\nspark.user.two 2\nspark.user.three 3\n`);
    write(DRIVER_CONF, `[driver] {\n  "spark.databricks.foo" = "bar"\n}\n${BEGIN}\n[driver] {\n  "spark.authenticate" = "true"\n`);
    runOk({ DB_IS_DRIVER: 'TRUE' });
    expect(read(DEFAULTS)).toBe(`spark.user.one 1\nspark.user.two 2\nspark.user.three 3\n${defaultsBlock()}`);
    expect(read(DRIVER_CONF)).toBe(`[driver] {\n  "spark.databricks.foo" = "bar"\n}\n${driverBlock()}`);
  });

  test('removes every duplicate block (left by an older script), and a stray end marker', () => {
    const stale = defaultsBlock().replace(SECRET, 'stale-secret');
    write(DEFAULTS, `${stale}spark.user.one 1\n${stale}${END}\n`);
    runOk();
    expect(read(DEFAULTS)).toBe(`spark.user.one 1\n${defaultsBlock()}`);
    expect(read(DEFAULTS)).not.toContain('stale-secret');
  });

  test('a symlinked file stays a symlink; its target is rewritten and made owner-only', () => {
    write('persistent/spark-defaults.conf', 'spark.user.one 1\n', 0o644);
    fs.mkdirSync(path.dirname(at(DEFAULTS)), { recursive: true });
    fs.symlinkSync('../../persistent/spark-defaults.conf', at(DEFAULTS));
    runOk();
    expect(fs.lstatSync(at(DEFAULTS)).isSymbolicLink()).toBe(true);
    expect(read('persistent/spark-defaults.conf')).toBe(`spark.user.one 1\n${defaultsBlock()}`);
    expect(modeOf('persistent/spark-defaults.conf')).toBe(0o600);
  });

  test('starts few processes at cluster start: per existing file awk, stat, chmod and mv; per new file only mv', () => {
    // Every command the script runs by name goes through a logging shim in front of the real one.
    const commands = ['awk', 'stat', 'chmod', 'chown', 'mv', 'mkdir', 'mktemp', 'realpath', 'grep', 'cat', 'cp', 'rm', 'sed', 'date', 'id'];
    const shims = fs.mkdtempSync(path.join(os.tmpdir(), 'node-traffic-shims-'));
    const log = path.join(shims, 'calls.log');
    try {
      for (const command of commands) {
        const real = spawnSync('bash', ['-c', `command -v ${command}`], { encoding: 'utf8' }).stdout.trim();
        if (real) fs.writeFileSync(path.join(shims, command), `#!/bin/sh\necho ${command} >> '${log}'\nexec ${real} "$@"\n`, { mode: 0o755 });
      }
      const calls = () => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n').sort() : []);
      const shimmed = { PATH: `${shims}:${process.env.PATH ?? '/usr/bin:/bin'}`, DB_IS_DRIVER: 'TRUE' };
      write(DEFAULTS, 'spark.user.one 1\n', 0o644);
      fs.mkdirSync(path.dirname(at(DRIVER_CONF)), { recursive: true });
      runOk(shimmed); // spark-defaults.conf exists, the driver conf is new
      expect(calls()).toEqual(['awk', 'chmod', 'mv', 'mv', 'stat']);
      fs.rmSync(log);
      runOk(shimmed); // both exist
      expect(calls()).toEqual(['awk', 'awk', 'chmod', 'chmod', 'mv', 'mv', 'stat', 'stat']);
    } finally {
      fs.rmSync(shims, { recursive: true, force: true });
    }
  });

  test('gives the same result with every awk on this machine (mawk is the default on Ubuntu; gawk is common)', () => {
    const awks = ['/usr/bin/mawk', '/usr/bin/gawk', '/usr/bin/original-awk', '/usr/bin/busybox'].filter((awk) => fs.existsSync(awk));
    expect(awks.length).toBeGreaterThan(0);
    const shims = fs.mkdtempSync(path.join(os.tmpdir(), 'node-traffic-awk-'));
    try {
      for (const awk of awks) {
        const bin = path.join(shims, path.basename(awk));
        fs.mkdirSync(bin);
        // busybox needs its applet name; the others are awk themselves.
        fs.writeFileSync(path.join(bin, 'awk'), `#!/bin/sh\nexec ${awk}${awk.endsWith('busybox') ? ' awk' : ''} "$@"\n`, { mode: 0o755 });
        write(DEFAULTS, `spark.user.one 1\r\n${BEGIN}\r\nspark.authenticate true\r\nspark.user.two 2\r\n${defaultsBlock()}`);
        runOk({ PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}` });
        expect([awk, read(DEFAULTS)]).toEqual([awk, `spark.user.one 1\r\nspark.user.two 2\r\n${defaultsBlock()}`]);
      }
    } finally {
      fs.rmSync(shims, { recursive: true, force: true });
    }
  });

  describe('spark-env.sh (earlier versions wrote the secret into it as executor options)', () => {
    const legacy = `export SPARK_EXECUTOR_OPTS="\${SPARK_EXECUTOR_OPTS:-}"' -Dspark.authenticate=true -Dspark.authenticate.secret=old'`;
    const user = '#!/usr/bin/env bash\nexport SPARK_WORKER_MEMORY=8g\n';

    test.each([
      ['a complete block', `${user}${BEGIN}\n${legacy}\n${END}\nexport AFTER=1\n`, `${user}export AFTER=1\n`],
      ['CRLF markers', `${user}${BEGIN}\r\n${legacy}\r\n${END}\r\nexport AFTER=1\r\n`, `${user}export AFTER=1\r\n`],
      ['a missing end marker', `${user}${BEGIN}\n${legacy}\nexport AFTER=1\nexport AFTER2=2\n`, `${user}export AFTER=1\nexport AFTER2=2\n`],
    ])('removes the block (%s), keeps the user lines and the mode 0644 (it no longer holds a secret)', (_label, before, after) => {
      write(SPARK_ENV, before, 0o644);
      runOk();
      expect(read(SPARK_ENV)).toBe(after);
      expect(modeOf(SPARK_ENV)).toBe(0o644);
      runOk();
      expect(read(SPARK_ENV)).toBe(after);
    });

    test('through a symlink: the link stays, the target is cleaned', () => {
      write('persistent/spark-env.sh', `${user}${BEGIN}\n${legacy}\n${END}\n`, 0o755);
      fs.mkdirSync(path.dirname(at(SPARK_ENV)), { recursive: true });
      fs.symlinkSync('../../persistent/spark-env.sh', at(SPARK_ENV));
      runOk();
      expect(fs.lstatSync(at(SPARK_ENV)).isSymbolicLink()).toBe(true);
      expect(read('persistent/spark-env.sh')).toBe(user);
      expect(modeOf('persistent/spark-env.sh')).toBe(0o755);
    });

    test('a file without markers is left alone (same inode, same bytes)', () => {
      write(SPARK_ENV, user, 0o644);
      const inode = fs.statSync(at(SPARK_ENV)).ino;
      runOk({ DB_IS_DRIVER: 'TRUE' });
      expect(fs.statSync(at(SPARK_ENV)).ino).toBe(inode);
      expect(read(SPARK_ENV)).toBe(user);
      expect(read(DEFAULTS)).not.toContain('SPARK_EXECUTOR_OPTS');
    });
  });

  test('is idempotent on driver and worker: a second run leaves byte-identical files and modes', () => {
    write(DEFAULTS, 'spark.user.one 1\r\n', 0o644);
    write(DRIVER_CONF, '[driver] {\n}\n', 0o644);
    write(SPARK_ENV, `export A=1\n${BEGIN}\nexport SPARK_EXECUTOR_OPTS="\${SPARK_EXECUTOR_OPTS:-}"' -Dspark.authenticate=true'\n`, 0o644);
    for (const isDriver of ['TRUE', undefined]) {
      runOk({ DB_IS_DRIVER: isDriver });
      const first = snapshot();
      runOk({ DB_IS_DRIVER: isDriver });
      expect(snapshot()).toEqual(first);
    }
  });

  test('replaces (not appends) the block when the secret rotates', () => {
    runOk();
    const rotated = randomBytes(32).toString('hex');
    expect(run({ NODE_TRAFFIC_ENCRYPTION_SECRET: rotated }).status).toBe(0);
    expect(read(DEFAULTS)).toBe(defaultsBlock().replace(SECRET, rotated));
  });

  test('a custom keystore comes with its own password', () => {
    write('keys/custom.jks', 'fake', 0o600);
    runOk({ DB_IS_DRIVER: 'TRUE', NODE_TRAFFIC_KEYSTORE: at('keys/custom.jks'), NODE_TRAFFIC_KEYSTORE_PASSWORD: 'custom-pw' });
    expect(read(DEFAULTS)).toBe(defaultsBlock(at('keys/custom.jks'), 'custom-pw'));
    expect(read(DRIVER_CONF)).toBe(driverBlock(at('keys/custom.jks'), 'custom-pw'));
  });

  const failures: Array<[string, Record<string, string | undefined>, RegExp]> = [
    ['secret missing', { NODE_TRAFFIC_ENCRYPTION_SECRET: undefined }, /NODE_TRAFFIC_ENCRYPTION_SECRET is not set or empty/],
    ['secret empty', { NODE_TRAFFIC_ENCRYPTION_SECRET: '' }, /NODE_TRAFFIC_ENCRYPTION_SECRET is not set or empty/],
    ['secret 63 characters', { NODE_TRAFFIC_ENCRYPTION_SECRET: SECRET.slice(0, 63) }, /NODE_TRAFFIC_ENCRYPTION_SECRET is shorter than 64 characters/],
    ['secret an unresolved reference', { NODE_TRAFFIC_ENCRYPTION_SECRET: `{{secrets/${'s'.repeat(40)}/${'k'.repeat(40)}}}` }, /unresolved secret reference/],
    ['secret with shell metacharacters', { NODE_TRAFFIC_ENCRYPTION_SECRET: `${SECRET}"$(id)` }, /contains characters outside/],
    ['secret with a space', { NODE_TRAFFIC_ENCRYPTION_SECRET: `${SECRET} x` }, /contains characters outside/],
    ['secret with a newline', { NODE_TRAFFIC_ENCRYPTION_SECRET: `${SECRET}\nspark.authenticate false` }, /contains characters outside/],
    ['keystore password without a custom keystore', { NODE_TRAFFIC_KEYSTORE_PASSWORD: 'x' }, /only for a custom NODE_TRAFFIC_KEYSTORE/],
    ['custom keystore without its password', { NODE_TRAFFIC_KEYSTORE: '/nonexistent/k.jks' }, /NODE_TRAFFIC_KEYSTORE_PASSWORD is not set or empty/],
    ['keystore on DBFS', { NODE_TRAFFIC_KEYSTORE: '/dbfs/keys/k.jks', NODE_TRAFFIC_KEYSTORE_PASSWORD: 'x' }, /must be a node-local path, not DBFS/],
    ['keystore relative', { NODE_TRAFFIC_KEYSTORE: 'keys/k.jks', NODE_TRAFFIC_KEYSTORE_PASSWORD: 'x' }, /NODE_TRAFFIC_KEYSTORE must be an absolute path/],
    ['keystore missing', { NODE_TRAFFIC_KEYSTORE: '/nonexistent/k.jks', NODE_TRAFFIC_KEYSTORE_PASSWORD: 'x' }, /does not exist or is not readable/],
    ['DB_HOME relative', { DB_HOME: 'databricks' }, /DB_HOME must be an absolute path/],
  ];

  // Every check runs before the first step that depends on the node's role, so the cases alternate
  // between driver and worker (one run each) and together cover both.
  const failuresOnNodes = failures.map(([label, override, message], i) => [label, i % 2 === 0 ? 'driver' : 'worker', override, message] as const);

  test.each(failuresOnNodes)('%s (%s): exits 1 with one clear stderr line and writes nothing', (_label, node, override, message) => {
    write(DEFAULTS, 'spark.user.one 1\n', 0o644);
    write(SPARK_ENV, `${BEGIN}\nexport SPARK_EXECUTOR_OPTS="\${SPARK_EXECUTOR_OPTS:-}"' -Dspark.authenticate=true'\n${END}\n`, 0o644);
    const before = snapshot();
    const res = run({ DB_IS_DRIVER: node === 'driver' ? 'TRUE' : undefined, ...override });
    expect(res.status).toBe(1);
    expect(res.stdout).toBe('');
    const lines = res.stderr.split('\n').filter((line) => line !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^node-traffic-encryption: ERROR: /);
    expect(lines[0]).toMatch(message);
    expect(res.stderr).not.toContain(SECRET.slice(0, 63));
    expect(snapshot()).toEqual(before);
  });

  test('the checks come before any step that depends on the node\'s role', () => {
    const script = fs.readFileSync(SCRIPT, 'utf8');
    // Every mention of the role variable outside comments, and every check and refusal.
    const code = script.split('\n').filter((line) => !line.trimStart().startsWith('#')).join('\n');
    const roleSteps = [...code.matchAll(/DB_IS_DRIVER/g)].map((match) => match.index);
    const checks = ['check_path DB_HOME', 'check_value NODE_TRAFFIC_ENCRYPTION_SECRET', 'check_path NODE_TRAFFIC_KEYSTORE ', 'check_value NODE_TRAFFIC_KEYSTORE_PASSWORD', 'fail "NODE_TRAFFIC_KEYSTORE_PASSWORD', 'fail "keystore'];
    for (const check of checks) expect([check, code.includes(check)]).toEqual([check, true]);
    expect(roleSteps.length).toBeGreaterThan(0);
    expect(Math.max(...checks.map((check) => code.lastIndexOf(check)))).toBeLessThan(Math.min(...roleSteps));
  });
});
