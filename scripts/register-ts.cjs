// The app command's TypeScript loader (cdktf.json: `node --require ./scripts/register-ts.cjs main.ts`).
// It compiles this repo's .ts files in memory with SWC, the same transform jest uses, and leaves
// node_modules to Node's own loader. tsx hooks every module, including cdktf's and the providers',
// which cost about 0.35 s of CPU per synth here; type-checking stays with `npm run typecheck`.
// Stack traces of real errors point at TypeScript lines: SWC's source maps are kept in memory and
// decoded only when an error's stack is formatted (Node's own source-map support stays off, see
// stacks/synth-runtime.ts). BLUEPRINT_DEBUG=1 uses inline maps and Node's support instead.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS, loaded before any TypeScript */
const { readFileSync } = require('node:fs');
const { SourceMap } = require('node:module');
const { transformSync } = require('@swc/core');

const debug = process.env.BLUEPRINT_DEBUG === '1';
if (debug) process.setSourceMapsEnabled(true);
const options = {
  jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
  module: { type: 'commonjs' },
  sourceMaps: debug ? 'inline' : true,
  swcrc: false,
  configFile: false,
};

/** filename -> SWC source map (JSON text until first needed, then a decoded SourceMap). */
const sourceMaps = new Map();

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const { code, map } = transformSync(readFileSync(filename, 'utf8'), { ...options, filename });
  if (!debug && map) sourceMaps.set(filename, map);
  module._compile(code, filename);
};

/** "file:line:column" in the TypeScript source, or undefined for files this loader did not compile. */
function originalPosition(frame) {
  const file = frame.getFileName();
  let map = file && sourceMaps.get(file);
  if (!map || frame.getLineNumber() === null) return undefined;
  if (typeof map === 'string') sourceMaps.set(file, (map = new SourceMap(JSON.parse(map))));
  const entry = map.findEntry(frame.getLineNumber() - 1, frame.getColumnNumber() - 1);
  if (!entry || entry.originalLine === undefined) return undefined;
  return `${file}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
}

function formatFrame(frame) {
  const position = originalPosition(frame);
  if (!position) return `${frame}`;
  const name = frame.getFunctionName() ?? frame.getMethodName();
  const type = frame.getTypeName();
  const callee = name ? `${frame.isConstructor() ? 'new ' : ''}${type && !frame.isToplevel() && !frame.isConstructor() ? `${type}.` : ''}${name}` : undefined;
  return callee ? `${callee} (${position})` : position;
}

if (!debug) {
  Error.prepareStackTrace = (error, frames) => {
    let header;
    try {
      header = String(error);
    } catch {
      header = 'Error';
    }
    return `${header}${frames.map((frame) => `\n    at ${formatFrame(frame)}`).join('')}`;
  };
}
