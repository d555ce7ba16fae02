// The app command's TypeScript loader (cdktf.json: `node --require ./scripts/register-ts.cjs main.ts`).
// It compiles this repo's .ts files in memory with SWC, the same transform jest uses, and leaves
// node_modules to Node's own loader. tsx hooks every module, including cdktf's and the providers',
// which cost about 0.35 s of CPU per synth here; type-checking stays with `npm run typecheck`.
// BLUEPRINT_DEBUG=1 adds inline source maps so stack traces point at TypeScript lines.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS, loaded before any TypeScript */
const { readFileSync } = require('node:fs');
const { transformSync } = require('@swc/core');

const debug = process.env.BLUEPRINT_DEBUG === '1';
if (debug) process.setSourceMapsEnabled(true);
const options = {
  jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
  module: { type: 'commonjs' },
  sourceMaps: debug ? 'inline' : false,
  swcrc: false,
  configFile: false,
};

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const { code } = transformSync(readFileSync(filename, 'utf8'), { ...options, filename });
  module._compile(code, filename);
};
