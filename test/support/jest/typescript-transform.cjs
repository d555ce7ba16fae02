/**
 * The TypeScript transform of the suite: @swc/jest with the repository's SWC options, then each
 * `require("<shared library>")` in the output is pointed at Node's own require (see
 * shared-modules-environment.cjs). Jest then never resolves, reads or wraps those libraries for a test
 * file: before, every file read the source of every provider class it used (megabytes) only to swap
 * it for a stub. Lines are kept, so stack traces keep their line numbers.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- jest loads transforms as CommonJS */
const { createTransformer } = require('@swc/jest');
const swcOptions = require('../../../scripts/swc-options.cjs');
const { SHARED_MODULES } = require('./shared-modules.cjs');

const swc = createTransformer(swcOptions);
const SHARED_REQUIRE = new RegExp(`\\brequire\\(("${SHARED_MODULES}(?:/[^"]*)?")\\)`, 'g');
const NATIVE_REQUIRE = "globalThis[Symbol.for('blueprint.test.nativeRequire')]";

module.exports = {
  ...swc,
  getCacheKey: (...args) => `${swc.getCacheKey(...args)}:native-shared-v1`,
  process(source, filename, options) {
    const { code, map } = swc.process(source, filename, options);
    return { code: code.replace(SHARED_REQUIRE, `${NATIVE_REQUIRE}($1)`), map };
  },
};
