/**
 * A per-worker V8 code cache for the modules jest compiles into each test file's context.
 *
 * Jest gives every test file a fresh context and compiles its modules there with vm.compileFunction,
 * which Node 20 never caches: about forty modules of jest itself (expect, jest-circus, jest-snapshot,
 * pretty-format...) were parsed again for each of the ~110 files, about 40 ms per file. The first
 * compilation of a source produces V8's code cache; later ones of the same source (any context)
 * consume it. V8 checks the cache against the source and rejects a stale one, which is then compiled
 * as usual. Installed once per worker by shared-modules-environment.cjs.
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
    if (typeof code !== 'string' || !options?.filename || options.cachedData || options.produceCachedData) {
      return Reflect.apply(compile, this, arguments);
    }
    const entry = cache.get(options.filename);
    if (entry?.code === code) {
      const fn = compile.call(this, code, params, { ...options, cachedData: entry.data });
      if (!fn.cachedDataRejected) return fn;
    }
    const fn = compile.call(this, code, params, { ...options, produceCachedData: true });
    if (fn.cachedData) cache.set(options.filename, { code, data: fn.cachedData });
    return fn;
  }
  compileFunctionWithCache[INSTALLED] = true;
  vm.compileFunction = compileFunctionWithCache;
}

module.exports = { installCompileCache };
