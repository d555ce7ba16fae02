import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { types } from 'node:util';

/** Marks a file that could not be read; its problem is already in the list. */
export const UNREADABLE = Symbol('unreadable');

/**
 * The data an account or environment file exports. A file that does not compile, throws, is not
 * JSON or exports nothing is a user error: one line in `problems` (no stack trace) and UNREADABLE.
 */
export function readData(file: string, subject: string, problems: string[]): unknown {
  const cannot = (detail: string) => {
    problems.push(`${subject}: (file): ${detail}`);
    return UNREADABLE;
  };
  if (file.endsWith('.json')) {
    try {
      return JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      return cannot(`cannot be loaded: ${describeThrown(error)}`);
    }
  }
  let loaded: Record<string, unknown>;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded = require(file);
  } catch (error) {
    const syntax = syntaxError(file);
    return cannot(`cannot be loaded: ${syntax ?? describeThrown(error)}`);
  }
  const data = loaded.default ?? loaded.environment ?? loaded.account;
  if (data === undefined) {
    // The compiled module's __esModule marker is not enumerable: Object.keys lists what the file exports.
    const exported = Object.keys(loaded);
    const found = exported.length > 0 ? `it exports only ${exported.join(', ')}` : 'it exports nothing';
    return cannot(`must export its configuration as \`export default <object>\`; ${found}`);
  }
  return data;
}

/** "ReferenceError: x is not defined": the error's own name and message, without a stack trace. */
export function describeThrown(error: unknown): string {
  // Errors from another realm (the loader's) fail `instanceof Error`; isNativeError does not.
  if (types.isNativeError(error) || error instanceof Error) {
    const { name, message } = error as Error;
    const first = String(message).split('\n')[0];
    return name && name !== 'Error' ? `${name}: ${first}` : first;
  }
  return `threw ${JSON.stringify(error) ?? String(error)}`;
}

/**
 * The first syntax error of a TypeScript file as "line L, column C: message (TSnnnn)", from the
 * TypeScript compiler's structured diagnostics, or undefined when the file parses. Only called once
 * loading failed, so the compiler is loaded on the error path only.
 */
function syntaxError(file: string): string | undefined {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require('typescript') as typeof import('typescript');
  // Stryker disable next-line ArrayDeclaration: with reportDiagnostics the list is always there
  const { diagnostics = [] } = ts.transpileModule(readFileSync(file, 'utf8'), { fileName: path.basename(file), reportDiagnostics: true });
  // Syntax diagnostics have a file and a position; option diagnostics (none with these options) have neither.
  const first = diagnostics.find((diagnostic): diagnostic is import('typescript').DiagnosticWithLocation => diagnostic.file !== undefined);
  if (!first) return undefined;
  const { line, character } = first.file.getLineAndCharacterOfPosition(first.start);
  return `line ${line + 1}, column ${character + 1}: ${ts.flattenDiagnosticMessageText(first.messageText, ' ')} (TS${first.code})`;
}
