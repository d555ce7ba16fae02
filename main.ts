// First: process settings that must be in place before cdktf loads (see docs/performance.md).
import './stacks/synth-runtime';
import * as path from 'node:path';
import { ConfigError, environmentsDir, loadConfig } from './environments';
import { GuardrailsFailed } from './guardrails/error';
import { deferUnusedCdktfModules } from './stacks/deferred-modules';

export { GuardrailsFailed };

export interface SynthesizeOptions {
  /** Folder of account and environment files. Default: environmentsDir(). */
  readonly environmentsDir?: string;
  /** Where the stacks go. Default: CDKTF_OUTDIR (set by `cdktf synth`), else cdktf.out. */
  readonly outdir?: string;
}

/**
 * Validates every file, builds every stack and runs the guardrails on all of them (stacks/app.ts); the
 * synthesized files reach `outdir` only when everything passed. On any failure (ConfigError,
 * GuardrailsFailed, or a bug) `outdir` is left as it was.
 */
export function synthesize(options: SynthesizeOptions = {}): string {
  const config = loadConfig(options.environmentsDir ?? environmentsDir());
  const outdir = path.resolve(options.outdir ?? process.env.CDKTF_OUTDIR ?? 'cdktf.out');
  // Before cdktf loads: what it loads and this app never calls loads on first use only.
  deferUnusedCdktfModules();
  // Loaded only now: a bad environment file is reported without waiting for cdktf and the providers.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred on purpose (above)
  const { synthesizeConfig } = require('./stacks/app') as typeof import('./stacks/app');
  synthesizeConfig(config, outdir);
  return outdir;
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
