/**
 * Jest's node environment, plus what makes the suite fast (docs/performance.md#tests):
 *
 * 1. cdktf, constructs, the provider classes and zod load once per jest worker instead of once per
 *    test file. Jest gives every test file a fresh module registry, so each of the ~90 files used to
 *    load and JIT-compile them again: about 1.5 s of CPU per file, most of the suite. The TypeScript
 *    transform (typescript-transform.cjs) points the suite's `require`s of these libraries at Node's
 *    own (per-process) copy through the function installed here, so jest never reads them; any other
 *    path to them gets a stub that does the same (shared-module-transform.cjs). This repository's own
 *    modules still load fresh per file.
 * 2. The libraries' one piece of global state, cdktf's token map (tokens/private/token-map.js, on the
 *    global object), is shared by the files of a worker and emptied after each file, as if the file had
 *    had a process of its own: no later file uses an earlier file's tokens, and a map of millions of
 *    entries slowed every garbage collection of the worker (about 10% of the suite's CPU). A file that
 *    used another's token would fail loudly (cdktf: "Unrecognized Token Key").
 * 3. cdktf's creation stacks are not recorded, as in `npm run synth` (stacks/synth-runtime.ts): cdktf
 *    captures an unlimited-depth stack trace for every token, and under jest each is mapped through
 *    source maps. Its capture function is replaced by one returning what it returned here anyway (an
 *    empty stack), which skips walking jest's deep stacks. Real errors keep their (source-mapped) traces.
 * 4. With BLUEPRINT_TEST_CPU_LOG=<file>, each test file appends one line: CPU seconds of the worker
 *    and of the processes it ran (spawned CLIs, shells), then the file. On a shared machine CPU time
 *    says more than wall time; `sort -rn <file>` lists the costly files (docs/performance.md).
 * 5. cdktf's jest matchers (test/setup.ts: Testing.setupJest) look `expect` up on the global object of
 *    the realm cdktf runs in, which is now Node's: it is lent the current test file's `expect`.
 * 6. A per-worker cache for test/support/synth.ts: about twenty files synthesize the same example app,
 *    and the source cannot change during a run, so each distinct configuration is synthesized once per
 *    worker. Not under Stryker (MUTATION_GROUP): there the code changes between runs (active mutant).
 * 7. What jest repeats for every file, done once per worker: compiling and reading its libraries, loading
 *    the realm-free ones, and an AsyncLocalStorage per file that stayed active (per-file-overhead.cjs).
 */
/* eslint-disable @typescript-eslint/no-require-imports -- jest loads environments as CommonJS */
const { appendFileSync, readFileSync } = require('node:fs');
const { TestEnvironment } = require('jest-environment-node');

const { endOfFile, installPerFileSavings } = require('./per-file-overhead.cjs');
const { SHARED_SOURCE } = require('./shared-modules.cjs');

installPerFileSavings();

const NATIVE_REQUIRE = Symbol.for('blueprint.test.nativeRequire');
// The app's own TypeScript modules load natively, compiled as `npm run synth` compiles them.
const typescript = SHARED_SOURCE.length > 0 ? require('../../../scripts/register-ts.cjs') : undefined;
const SYNTH_CACHE = Symbol.for('blueprint.test.synthCache');
const synthCache = new Map();

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

/**
 * A frame of a module compiled by register-ts.cjs, at its TypeScript line: jest's formatter only knows
 * the source maps of the modules it loaded. Other frames are returned as they are.
 */
function mapNativeFrame(frame) {
  const text = String(frame);
  const mappedText = typescript.mapFrame(frame);
  if (mappedText === text) return frame;
  const [, line, column] = /:(\d+):(\d+)\)?$/.exec(mappedText) ?? [];
  // Formatters copy a call site's methods from its prototype (source-map-support's cloneCallSite).
  const methods = {};
  for (const name of Object.getOwnPropertyNames(Object.getPrototypeOf(frame))) {
    if (typeof frame[name] === 'function' && name !== 'constructor') methods[name] = frame[name].bind(frame);
  }
  return Object.create(Object.assign(methods, { getLineNumber: () => Number(line), getColumnNumber: () => Number(column), toString: () => mappedText }));
}

class SharedModulesEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    // Item 3 (not at load time: jest's transforms still hook require then). With the stack formatter
    // below, cdktf's capture always ended as an empty stack.
    require('cdktf/lib/tokens/private/stack-trace').captureStackTrace = () => [];
    this.global[NATIVE_REQUIRE] = require;
    if (!process.env.MUTATION_GROUP) this.global[SYNTH_CACHE] = synthCache;
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
      const mapped = typescript ? frames.map(mapNativeFrame) : frames;
      return previous ? previous(error, mapped) : `${error}${mapped.map((frame) => `\n    at ${frame}`).join('')}`;
    };
    Object.defineProperty(globalThis, 'expect', { configurable: true, get: () => this.global.expect });
  }

  async teardown() {
    const tokens = globalThis.__cdktfTokenMap;
    tokens?.stringTokenMap.clear();
    tokens?.numberTokenMap.clear();
    if (this.cpuLog && this.cpuAtStart) {
      const [own, children] = cpuSeconds().map((seconds, i) => seconds - this.cpuAtStart[i]);
      appendFileSync(this.cpuLog, `${own.toFixed(2)} ${children.toFixed(2)} ${this.testPath}\n`);
    }
    this.restore?.();
    endOfFile();
    await super.teardown();
  }
}

module.exports = SharedModulesEnvironment;
