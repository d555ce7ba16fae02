/**
 * Jest's node environment, plus what makes the suite fast (docs/performance.md#tests):
 *
 * 1. cdktf, constructs, the provider classes and zod load once per jest worker instead of once per
 *    test file. Jest gives every test file a fresh module registry, so each of the ~80 files used to
 *    load and JIT-compile them again: about 1.5 s of CPU per file, most of the suite. The transform in
 *    shared-module-transform.cjs replaces each such module, as a test file sees it, by a stub that
 *    returns Node's own (per-process) copy through the function installed here. This repository's own
 *    modules still load fresh per file. The libraries' one piece of global state, cdktf's token map
 *    (tokens/private/token-map.js, on the global object), is then shared by the files of a worker; it
 *    must be, since the shared modules register tokens in it, and it only ever adds unique keys.
 * 2. cdktf's creation stacks are not recorded, as in `npm run synth` (stacks/synth-runtime.ts): cdktf
 *    captures an unlimited-depth stack trace for every token, and under jest each is mapped through
 *    source maps. Real errors keep their (source-mapped) traces.
 * 3. With BLUEPRINT_TEST_CPU_LOG=<file>, each test file appends one line: CPU seconds of the worker
 *    and of the processes it ran (spawned CLIs, shells), then the file. On a shared machine CPU time
 *    says more than wall time; `sort -rn <file>` lists the costly files (docs/performance.md).
 * 4. cdktf's jest matchers (test/setup.ts: Testing.setupJest) look `expect` up on the global object of
 *    the realm cdktf runs in, which is now Node's: it is lent the current test file's `expect`.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- jest loads environments as CommonJS */
const { appendFileSync, readFileSync } = require('node:fs');
const { TestEnvironment } = require('jest-environment-node');

const NATIVE_REQUIRE = Symbol.for('blueprint.test.nativeRequire');

/** [own, children] CPU seconds of this process; children are the ones it waited for (spawnSync). */
function cpuSeconds() {
  try {
    // proc(5): utime, stime, cutime, cstime in clock ticks (100 per second on Linux).
    const [utime, stime, cutime, cstime] = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ').slice(11, 15).map(Number);
    return [(utime + stime) / 100, (cutime + cstime) / 100];
  } catch {
    const { user, system } = process.cpuUsage();
    return [(user + system) / 1e6, 0];
  }
}

class SharedModulesEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.global[NATIVE_REQUIRE] = require;
    this.testPath = context.testPath;
    this.cpuLog = process.env.BLUEPRINT_TEST_CPU_LOG;
  }

  async setup() {
    await super.setup();
    this.cpuAtStart = cpuSeconds();
    // Jest installs its source-map formatter just before setup(); wrap it for this file only.
    const previous = Error.prepareStackTrace;
    this.restore = () => {
      Error.prepareStackTrace = previous;
      delete globalThis.expect;
    };
    Error.prepareStackTrace = (error, frames) => {
      // cdktf captures its creation stacks on plain objects, never on errors.
      if (!(error instanceof Error) && !(error instanceof this.global.Error)) return '';
      return previous ? previous(error, frames) : `${error}${frames.map((frame) => `\n    at ${frame}`).join('')}`;
    };
    Object.defineProperty(globalThis, 'expect', { configurable: true, get: () => this.global.expect });
  }

  async teardown() {
    if (this.cpuLog && this.cpuAtStart) {
      const [own, children] = cpuSeconds().map((seconds, i) => seconds - this.cpuAtStart[i]);
      appendFileSync(this.cpuLog, `${own.toFixed(2)} ${children.toFixed(2)} ${this.testPath}\n`);
    }
    this.restore?.();
    await super.teardown();
  }
}

module.exports = SharedModulesEnvironment;
