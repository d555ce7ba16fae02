// The TypeScript loader of the app (cdktf.json "app") and of every script (package.json):
// `node --require ./scripts/register-ts.cjs <file>.ts`. It compiles this repository's .ts files in
// memory with SWC, the transform jest uses too (scripts/swc-options.cjs), and leaves node_modules to
// Node's own loader: tsx hooked every module, including cdktf's and the providers', which cost about
// 0.35 s of CPU per synth. Type-checking stays with `npm run typecheck`.
//
// Compiled files are cached in node_modules/.cache/blueprint-ts, keyed by a hash of the source, the
// file name, the SWC version and options: a synth compiles only what changed since the last run and
// does not load SWC at all when nothing did (about 0.4 s of CPU per `npm run synth`).
//
// Stack traces point at TypeScript lines by default: each compiled file's source map is kept, and
// frames in these files (only these) are mapped when a trace is formatted. Node's own source-map
// support (BLUEPRINT_DEBUG=1) would also parse the inline maps of every cdktf and provider module.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS, loaded before any TypeScript */
const { createHash } = require('node:crypto');
const { mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const { SourceMap } = require('node:module');
const path = require('node:path');
const swcOptions = require('./swc-options.cjs');

const debug = process.env.BLUEPRINT_DEBUG === '1';
if (debug) process.setSourceMapsEnabled(true);

/** filename -> raw source map JSON, parsed on the first trace that needs it. */
const maps = new Map();

const cacheDir = path.join(__dirname, '..', 'node_modules', '.cache', 'blueprint-ts');
const cacheSalt = JSON.stringify([1, require('@swc/core/package.json').version, swcOptions, debug]);

function compile(source, filename) {
  const options = { ...swcOptions, filename, sourceMaps: debug ? 'inline' : true, swcrc: false, configFile: false };
  const { code, map } = require('@swc/core').transformSync(source, options);
  return { code, map };
}

/** The compiled file from the cache, else compiled and stored (write-then-rename: parallel runs are safe). */
function cachedCompile(source, filename) {
  const key = createHash('sha256').update(cacheSalt).update('\0').update(filename).update('\0').update(source).digest('hex');
  const file = path.join(cacheDir, `${key}.json`);
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    const compiled = compile(source, filename);
    try {
      mkdirSync(cacheDir, { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      writeFileSync(temporary, JSON.stringify(compiled));
      renameSync(temporary, file);
    } catch {
      // A read-only checkout still runs, uncached.
    }
    return compiled;
  }
}

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const { code, map } = cachedCompile(readFileSync(filename, 'utf8'), filename);
  if (map) maps.set(filename, map);
  module._compile(code, filename);
};

/** "file:line:column" of a frame in a compiled .ts file, mapped to the TypeScript source. */
function mapFrame(frame) {
  const file = frame.getFileName();
  const raw = file && maps.get(file);
  const text = String(frame);
  if (!raw) return text;
  if (typeof raw === 'string') maps.set(file, new SourceMap(JSON.parse(raw)));
  const line = frame.getLineNumber();
  const column = frame.getColumnNumber();
  const entry = maps.get(file).findEntry(line - 1, column - 1);
  if (entry.originalLine === undefined) return text;
  return text.replace(`${file}:${line}:${column}`, `${file}:${entry.originalLine + 1}:${entry.originalColumn + 1}`);
}

if (!debug) {
  Error.prepareStackTrace = (error, frames) => {
    let header;
    try {
      header = String(error);
    } catch {
      header = 'Error';
    }
    return `${header}${frames.map((frame) => `\n    at ${mapFrame(frame)}`).join('')}`;
  };
}

// For the test environment (test/support/jest/shared-modules-environment.cjs), which keeps jest's own
// trace formatter and maps the frames of the files compiled here with this.
module.exports = { mapFrame };
