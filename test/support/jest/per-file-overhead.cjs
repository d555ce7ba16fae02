/**
 * What jest repeats for every test file of a worker, done once per worker instead (installed by
 * shared-modules-environment.cjs; about 0.1 s of CPU per file before, docs/performance.md):
 *
 * 1. A V8 code cache for the libraries jest compiles into each file's context. Jest compiles its modules
 *    with vm.compileFunction, which Node 20 does not cache: about forty modules of jest itself (expect,
 *    jest-circus, jest-snapshot, pretty-format...) were parsed again for each file. The first compilation
 *    of a library source produces V8's code cache; later ones (any context) consume it. V8 rejects a cache
 *    that does not fit the source, which is then compiled as usual. Only files under node_modules without
 *    a dynamic `import(`, compiled without jest's dynamic-import callback: with the callback, every cached
 *    script kept the context of each file that compiled it alive (about 3.5 MB per test file, seen with
 *    `--expose-gc` and `--logHeapUsage`).
 * 2. The libraries' sources, read and decoded once per worker (below).
 * 3. jest-circus's AsyncLocalStorage of each file, disabled when the file ends (below).
 * 4. The realm-free libraries that jest's own modules load into each file's context, loaded natively once
 *    per worker (below).
 */
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- jest loads environments as CommonJS */
const asyncHooks = require('node:async_hooks');
const vm = require('node:vm');

const INSTALLED = Symbol.for('blueprint.test.perFileSavings');

/** 1. */
function installCompileCache() {
  if (vm.compileFunction[INSTALLED]) return;
  const compile = vm.compileFunction;
  /** filename and parameters -> { code, data }: the source is kept to make sure the cache belongs to it. */
  const cache = new Map();
  function compileFunctionWithCache(code, params, options) {
    const cacheable = typeof code === 'string' && options?.filename?.includes('/node_modules/') && !code.includes('import(')
      && !options.cachedData && !options.produceCachedData;
    if (!cacheable) return Reflect.apply(compile, this, arguments);
    const plain = { ...options };
    delete plain.importModuleDynamically; // on purpose (above)
    // The wrapper's parameters belong to the compiled function's shape, as the source does.
    const key = `${plain.filename}\0${(params ?? []).join(',')}`;
    const entry = cache.get(key);
    if (entry?.code === code) {
      const fn = compile.call(this, code, params, { ...plain, cachedData: entry.data });
      if (!fn.cachedDataRejected) return fn;
    }
    const fn = compile.call(this, code, params, { ...plain, produceCachedData: true });
    if (fn.cachedData) cache.set(key, { code, data: fn.cachedData });
    return fn;
  }
  compileFunctionWithCache[INSTALLED] = true;
  vm.compileFunction = compileFunctionWithCache;
}

/**
 * 2. Jest's runtime reads (and decodes) every module's source again for each test file; the libraries under
 *    node_modules cannot change during a run, so a worker reads each once. Wraps the runtime class in place.
 */
function installLibrarySourceCache() {
  // The worker's own jest-runtime, already loaded.
  const Runtime = require('jest-runtime').default;
  if (Runtime.prototype.readFile[INSTALLED]) return;
  const readFile = Runtime.prototype.readFile;
  const sources = new Map();
  function readFileWithLibraryCache(filename) {
    if (!filename.includes('/node_modules/')) return readFile.call(this, filename);
    if (REALM_FREE_LIBRARIES.test(filename)) return nativeStub(filename);
    let source = sources.get(filename);
    if (source === undefined) {
      source = readFile.call(this, filename);
      sources.set(filename, source);
    }
    return source;
  }
  readFileWithLibraryCache[INSTALLED] = true;
  Runtime.prototype.readFile = readFileWithLibraryCache;
}

/**
 * 3. jest-circus creates an AsyncLocalStorage in each test file's context and never disables it. Node 20
 *    then propagates every one of them, on every promise the worker creates, for the rest of its life: the
 *    cost of each async step grew with the number of files the worker had run. The instances a file creates
 *    are recorded, and `endOfFile()` (at the file's teardown) disables them (a later `run` would enable one
 *    again).
 */
const fileStorages = [];
function installStorageTracking() {
  if (asyncHooks.AsyncLocalStorage[INSTALLED]) return;
  class TrackedAsyncLocalStorage extends asyncHooks.AsyncLocalStorage {
    constructor(...args) {
      super(...args);
      fileStorages.push(this);
    }
  }
  TrackedAsyncLocalStorage[INSTALLED] = true;
  asyncHooks.AsyncLocalStorage = TrackedAsyncLocalStorage;
}

function endOfFile() {
  for (const storage of fileStorages.splice(0)) storage.disable();
}

/**
 * 4. Jest's modules (expect, jest-circus, jest-snapshot, jest-message-util...) load about 120 library files
 *    into each test file's context: semver alone is 45 files, pure-rand 20, micromatch and its parts 15.
 *    These libraries hold no state per file and make no realm check on what a test passes them (no
 *    `instanceof` a built-in of the test's realm, no promise handed back), so every file can use Node's own
 *    copy. The file's module then only returns it (as shared-module-transform.cjs does for cdktf): about
 *    0.015 s of CPU per test file. Jest's own modules, whose matchers and errors must belong to the test's
 *    realm, and co and p-limit (promises), still load per file.
 */
const REALM_FREE_LIBRARIES = new RegExp(`/node_modules/(?:${[
  'semver', 'pure-rand', 'source-map', 'micromatch', 'picomatch', 'braces', 'fill-range', 'to-regex-range', 'is-number',
  'ci-info', 'graceful-fs', 'ansi-styles', 'picocolors', 'js-tokens', '@babel/code-frame', '@babel/helper-validator-identifier',
  'react-is', 'slash', 'natural-compare', 'escape-string-regexp', 'dedent', 'buffer-from', 'is-generator-fn', '@pkgr/core',
  'synckit', 'stack-utils', 'jest-regex-util',
].join('|')})/`);

/** The source of a module that returns Node's copy (the environment gives each file's global this require). */
function nativeStub(filename) {
  return `module.exports = globalThis[Symbol.for('blueprint.test.nativeRequire')](${JSON.stringify(filename)});\n`;
}

/** Installs 1 to 4 in this worker (once). */
function installPerFileSavings() {
  installCompileCache();
  installLibrarySourceCache();
  installStorageTracking();
}

module.exports = { installPerFileSavings, endOfFile };
