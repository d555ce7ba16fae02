/**
 * Jest transform for the libraries shared across test files (see shared-modules-environment.cjs): a
 * test file's `require('cdktf')` gets a stub that returns Node's per-process copy of the module.
 */
const NATIVE_REQUIRE = "Symbol.for('blueprint.test.nativeRequire')";

module.exports = {
  getCacheKey: (_source, filename) => `shared-module-v1:${filename}`,
  process: (_source, filename) => ({ code: `module.exports = globalThis[${NATIVE_REQUIRE}](${JSON.stringify(filename)});\n` }),
};
