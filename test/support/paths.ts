import * as path from 'node:path';

export const REPO_ROOT = path.join(__dirname, '..', '..');
export const EXAMPLE_ENVIRONMENTS_DIR = path.join(REPO_ROOT, 'environments');
/** The app's and scripts' TypeScript loader: `node --require REGISTER_TS file.ts` runs a file as `npm run` does. */
export const REGISTER_TS = path.join(REPO_ROOT, 'scripts', 'register-ts.cjs');
/** `--require` it in a command a test runs to learn which files the command loaded (see the file). */
export const LOADED_MODULES_REPORTER = path.join(__dirname, 'loaded-modules-reporter.cjs');

/**
 * spawnSync's arguments for `npm run <script> -- <args>` without npm: the command line package.json gives
 * (leading `NAME=value` assignments, then `node` and its arguments), run from the repository root.
 */
export function npmScriptCommand(script: string, args: string[] = []): { command: string; args: string[]; env: Record<string, string> } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- read once, as npm does
  const line: string | undefined = require(path.join(REPO_ROOT, 'package.json')).scripts?.[script];
  if (!line) throw new Error(`package.json has no script "${script}"`);
  const words = line.split(' ');
  const env: Record<string, string> = {};
  while (/^[A-Z_]+=/.test(words[0] ?? '')) {
    const [name, ...value] = words.shift()!.split('=');
    env[name] = value.join('=');
  }
  if (words.shift() !== 'node' || words.some((word) => /["'$;&|<>]/.test(word))) throw new Error(`npmScriptCommand: "${line}" is not a plain node command`);
  return { command: process.execPath, args: [...words, ...args], env };
}
