/**
 * A per-worker V8 code cache for the libraries jest compiles into each test file's context.
 *
 * Jest gives every test file a fresh context and compiles its modules there with vm.compileFunction,
 * which Node 20 does not cache: about forty modules of jest itself (expect, jest-circus, jest-snapshot,
 * pretty-format...) were parsed again for each of the ~100 files. The first compilation of a library
 * source produces V8's code cache; later ones (any context) consume it, about 20 ms of CPU less per
 * file. V8 rejects a cache that does not fit the source, which is then compiled as usual.
 *
 * Only files under node_modules without a dynamic `import(`, and compiled without jest's dynamic-import
 * callback: with the callback, every cached script kept the context of each file that compiled it alive
 * (about 3.5 MB per test file, seen with `--expose-gc` and `--logHeapUsage`). Installed once per worker
 * by shared-modules-environment.cjs.
 */
'use strict';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- jest loads environments as CommonJS
const vm = require('node:vm');

const INSTALLED = Symbol.for('blueprint.test.compileCache');

function installCompileCache() {
  if (vm.compileFunction[INSTALLED]) return;
  const compile = vm.compileFunction;
  /** filename -> { code, data }: the source is kept to make sure the cache belongs to it. */
  const cache = new Map();
  function compileFunctionWithCache(code, params, options) {
    const cacheable = typeof code === 'string' && options?.filename?.includes('/node_modules/') && !code.includes('import(')
      && !options.cachedData && !options.produceCachedData;
    if (!cacheable) return Reflect.apply(compile, this, arguments);
    const plain = { ...options };
    delete plain.importModuleDynamically; // on purpose (above)
    const entry = cache.get(plain.filename);
    if (entry?.code === code) {
      const fn = compile.call(this, code, params, { ...plain, cachedData: entry.data });
      if (!fn.cachedDataRejected) return fn;
    }
    const fn = compile.call(this, code, params, { ...plain, produceCachedData: true });
    if (fn.cachedData) cache.set(plain.filename, { code, data: fn.cachedData });
    return fn;
  }
  compileFunctionWithCache[INSTALLED] = true;
  vm.compileFunction = compileFunctionWithCache;
}

/**
 * Jest's runtime reads (and decodes) every module's source again for each test file; the libraries under
 * node_modules cannot change during a run, so a worker reads each once. Wraps the runtime class in place.
 */
function installLibrarySourceCache() {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the worker's own jest-runtime, already loaded
  const Runtime = require('jest-runtime').default;
  if (Runtime.prototype.readFile[INSTALLED]) return;
  const readFile = Runtime.prototype.readFile;
  const sources = new Map();
  function readFileWithLibraryCache(filename) {
    if (!filename.includes('/node_modules/')) return readFile.call(this, filename);
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

module.exports = { installCompileCache, installLibrarySourceCache };
