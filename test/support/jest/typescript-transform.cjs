/**
 * The TypeScript transform of the suite: @swc/jest with the repository's SWC options, then the
 * `require`s of shared modules (shared-modules.cjs) are pointed at Node's own require (see
 * shared-modules-environment.cjs): the libraries by name, the app's own modules by absolute path.
 * Jest then never resolves, reads or evaluates them for a test file: before, every file read the source
 * of every provider class it used (megabytes) and evaluated the whole app again. Lines are kept, so
 * stack traces keep their line numbers.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- jest loads transforms as CommonJS */
const { createHash } = require('node:crypto');
const { existsSync, readFileSync } = require('node:fs');
const path = require('node:path');
const { createTransformer } = require('@swc/jest');
const swcOptions = require('../../../scripts/swc-options.cjs');
const { SHARED_MODULES, SHARED_SOURCE } = require('./shared-modules.cjs');

const swc = createTransformer(swcOptions);
// Part of every cache key: a change to this rewriting invalidates jest's cached transforms.
const REWRITE_VERSION = createHash('sha256')
  .update(readFileSync(__filename)).update(readFileSync(require.resolve('./shared-modules.cjs')))
  .update(JSON.stringify(SHARED_SOURCE)).digest('hex').slice(0, 16);
const LIBRARY_REQUIRE = new RegExp(`\\brequire\\(("${SHARED_MODULES}(?:/[^"]*)?")\\)`, 'g');
const RELATIVE_REQUIRE = /\brequire\("(\.{1,2}\/[^"]*)"\)/g;
const NATIVE_REQUIRE = "globalThis[Symbol.for('blueprint.test.nativeRequire')]";

const isShared = (file) => SHARED_SOURCE.some((entry) => file === entry || file.startsWith(`${entry}${path.sep}`));

/** The absolute module path of a relative require, when it is one of the app's shared modules. */
function sharedSource(from, request) {
  const target = path.resolve(path.dirname(from), request);
  return [`${target}.ts`, path.join(target, 'index.ts'), target].find((file) => file.endsWith('.ts') && isShared(file) && existsSync(file));
}

module.exports = {
  ...swc,
  getCacheKey: (...args) => `${swc.getCacheKey(...args)}:${REWRITE_VERSION}`,
  process(source, filename, options) {
    const { code, map } = swc.process(source, filename, options);
    const shared = code.replace(RELATIVE_REQUIRE, (call, request) => {
      const target = sharedSource(filename, request);
      return target ? `${NATIVE_REQUIRE}(${JSON.stringify(target)})` : call;
    });
    return { code: shared.replace(LIBRARY_REQUIRE, `${NATIVE_REQUIRE}($1)`), map };
  },
};
