// First: process settings that must be in place before cdktf loads (see docs/performance.md).
import './stacks/synth-runtime';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { App } from 'cdktf';
import { ConfigError, environmentsDir, loadConfig, type LoadedConfig } from './environments';
import { applyGuardrails, GuardrailError } from './guardrails';
import { AccountStack } from './stacks/account-stack';
import { BootstrapStack } from './stacks/bootstrap-stack';
import { WorkspaceStack } from './stacks/workspace-stack';

/**
 * Builds every stack: bootstrap (state bucket), account (shared objects), one per environment, with
 * the guardrails and the suppressions the data files declare. `onGuardrailError` receives each failing
 * stack's error (default: throw); `report` each guardrail warning and unused suppression, one line each.
 */
export function buildApp(app: App, config: LoadedConfig, onGuardrailError?: (error: GuardrailError) => void, report?: (line: string) => void): App {
  new BootstrapStack(app, config);
  new AccountStack(app, { account: config.account, environmentNames: config.environments.map((env) => env.name) });
  for (const environment of config.environments) {
    new WorkspaceStack(app, { account: config.account, environment });
  }
  applyGuardrails(app, config, { onError: onGuardrailError, report });
  return app;
}

/** Guardrail failures of every stack at once; like ConfigError, a user error printed without a trace. */
export class GuardrailsFailed extends Error {
  constructor(readonly failures: GuardrailError[]) {
    super(failures.map((failure) => failure.message).join('\n\n'));
    this.name = 'GuardrailsFailed';
  }
}

export interface SynthesizeOptions {
  /** Folder of account and environment files. Default: environmentsDir(). */
  readonly environmentsDir?: string;
  /** Where the stacks go. Default: CDKTF_OUTDIR (set by `cdktf synth`), else cdktf.out. */
  readonly outdir?: string;
}

/**
 * Validates every file, builds every stack and runs the guardrails on all of them, writing into a
 * staging folder next to `outdir`; only when everything passed are the synthesized files moved into
 * `outdir`. On any failure (ConfigError, GuardrailsFailed, or a bug) `outdir` is left as it was.
 */
export function synthesize(options: SynthesizeOptions = {}): string {
  const config = loadConfig(options.environmentsDir ?? environmentsDir());
  const outdir = path.resolve(options.outdir ?? process.env.CDKTF_OUTDIR ?? 'cdktf.out');
  const staging = `${outdir}.staging-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  try {
    const failures: GuardrailError[] = [];
    // Warnings and unused suppressions go to the terminal as they are found (docs/guardrails.md).
    buildApp(new App({ outdir: staging }), config, (failure) => failures.push(failure), (line) => process.stderr.write(`${line}\n`)).synth();
    if (failures.length > 0) throw new GuardrailsFailed(failures);
    publish(staging, outdir);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return outdir;
}

/**
 * Moves what synthesis wrote into `target`, entry by entry: top-level files (manifest.json) and each
 * stack folder's entries (cdk.tf.json, assets/). Everything else in `target` stays, above all what
 * terraform keeps in a stack folder: .terraform/, the lock file and the bootstrap stack's local state.
 */
function publish(staging: string, target: string): void {
  mkdirSync(target, { recursive: true });
  for (const entry of readdirSync(staging, { withFileTypes: true })) {
    if (!entry.isDirectory()) replaceEntry(path.join(staging, entry.name), path.join(target, entry.name));
  }
  const stacks = path.join(staging, 'stacks');
  if (!existsSync(stacks)) return;
  for (const stack of readdirSync(stacks)) {
    mkdirSync(path.join(target, 'stacks', stack), { recursive: true });
    for (const entry of readdirSync(path.join(stacks, stack))) {
      replaceEntry(path.join(stacks, stack, entry), path.join(target, 'stacks', stack, entry));
    }
  }
}

function replaceEntry(source: string, destination: string): void {
  if (statSync(source).isDirectory()) rmSync(destination, { recursive: true, force: true });
  renameSync(source, destination);
}

/** Loads, validates and synthesizes into CDKTF_OUTDIR; a user error prints one screen and exits 1, writing nothing. */
export function main(): void {
  try {
    synthesize();
  } catch (error) {
    if (!(error instanceof ConfigError || error instanceof GuardrailsFailed)) {
      // A bug, not the user's input: the full trace (TypeScript lines, see scripts/register-ts.cjs)
      // without Node's excerpt of the compiled line above it.
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\nNothing was written.\n`);
      process.exit(70); // EX_SOFTWARE (sysexits.h): an internal error, distinct from bad input (1)
    }
    // A user error: one short screen, no stack trace, nothing written.
    process.stderr.write(`${error.message}\nNothing was written; ${path.relative(process.cwd(), path.resolve(process.env.CDKTF_OUTDIR ?? 'cdktf.out')) || '.'} is unchanged.\n`);
    process.exit(1);
  }
}

if (require.main === module) main();
