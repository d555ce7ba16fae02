import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as path from 'node:path';
import { npmScriptCommand, REPO_ROOT } from './paths';

/** What a command-line run returns, in the shape of spawnSync's result. */
export interface ScriptResult {
  status: number;
  stdout: string;
  stderr: string;
}

/**
 * `npm run <script> -- <args>` end to end, in a process of its own: the command line package.json gives
 * (npmScriptCommand), from the repository root, with `env` added to this process's environment.
 */
export function runScriptProcess(script: string, args: string[], options: { env?: Record<string, string>; input?: string } = {}): SpawnSyncReturns<string> {
  const command = npmScriptCommand(script, args);
  return spawnSync(command.command, command.args, { cwd: REPO_ROOT, encoding: 'utf8', input: options.input, env: { ...process.env, ...command.env, ...options.env } });
}

/**
 * Runs one of the repository's command-line tools (scripts/<name>.ts) inside the test's process, as
 * `npm run <name> -- <args>` runs it: the same module top level and commander parsing of argv, the
 * same exit code (process.exitCode, set by scripts/lib/cli.ts), with stdout and stderr captured.
 * Starting a Node process per run cost about a second of CPU (loading cdktf and the providers); each
 * tool keeps at least one spawned end-to-end test of its own. Only for tools whose action is
 * synchronous (runCli; runScriptAsync for runCliAsync); `env` entries set to undefined are removed for the run.
 */
export function runScript(script: string, args: string[], env: Record<string, string | undefined> = {}): ScriptResult {
  const run = startScript(script, args, env);
  try {
    run.load();
    return run.result();
  } finally {
    run.restore();
  }
}

/**
 * runScript for a tool whose action is asynchronous: the tool exports the promise of its run
 * (`export const done = runCliAsync(...)`, scripts/lib/cli.ts), and the result is read once it settles,
 * when the process would exit.
 */
export async function runScriptAsync(script: string, args: string[], env: Record<string, string | undefined> = {}): Promise<ScriptResult> {
  const run = startScript(script, args, env);
  try {
    const { done } = run.load() as { done?: Promise<void> };
    if (!(done instanceof Promise)) throw new Error(`scripts/${script}.ts does not export the promise of its run as \`done\`: use runScript`);
    await done;
    return run.result();
  } finally {
    run.restore();
  }
}

/** Puts argv, env, cwd and the output streams in place for one run; `restore` puts them back. */
function startScript(script: string, args: string[], env: Record<string, string | undefined>) {
  const file = path.join(REPO_ROOT, 'scripts', `${script}.ts`);
  const saved = { argv: process.argv, exitCode: process.exitCode, stdout: process.stdout.write, stderr: process.stderr.write, cwd: process.cwd() };
  const savedEnv = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  const savedNativeEnv = Object.fromEntries(Object.keys(env).map((key) => [key, nativeProcess?.env[key]]));
  const output = { stdout: '', stderr: '' };
  const capture = (stream: 'stdout' | 'stderr') => ((chunk: string | Uint8Array) => {
    output[stream] += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  }) as typeof process.stdout.write;
  process.argv = [process.execPath, file, ...args];
  process.exitCode = undefined;
  applyEnv(process.env, env);
  if (nativeProcess) applyEnv(nativeProcess.env, env);
  process.chdir(REPO_ROOT);
  process.stdout.write = capture('stdout');
  process.stderr.write = capture('stderr');
  return {
    /** Runs the tool's module top level in a fresh module registry, as in a new process; returns its exports. */
    load(): unknown {
      let exports: unknown;
      jest.isolateModules(() => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- run the tool's module top level, as node does
        exports = require(file);
      });
      return exports;
    },
    result: (): ScriptResult => ({ status: Number(process.exitCode ?? 0), ...output }),
    restore(): void {
      process.stdout.write = saved.stdout;
      process.stderr.write = saved.stderr;
      process.chdir(saved.cwd);
      if (nativeProcess) applyEnv(nativeProcess.env, savedNativeEnv);
      applyEnv(process.env, savedEnv);
      process.argv = saved.argv;
      process.exitCode = saved.exitCode;
    },
  };
}

/** Node's own process: the app's modules are shared natively (test/support/jest), and see its environment, not jest's copy. */
const nativeProcess = (globalThis as unknown as Record<symbol, (id: string) => NodeJS.Process>)[Symbol.for('blueprint.test.nativeRequire')]?.('node:process');

function applyEnv(env: NodeJS.ProcessEnv, values: Record<string, string | undefined>): void {
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
}
