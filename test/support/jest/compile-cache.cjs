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

module.exports = { installCompileCache };
