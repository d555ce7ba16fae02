/**
 * The app's stacks for a validated configuration, synthesized and published. main.ts loads this module
 * only after the environment files passed validation: cdktf, the providers and the stacks take about a
 * second to load, which a bad file does not need to wait for.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { App } from 'cdktf';
import type { LoadedConfig } from '../environments';
import { applyGuardrails } from '../guardrails';
import { GuardrailsFailed, type GuardrailError } from '../guardrails/error';
import { AccountStack } from './account-stack';
import { BootstrapStack } from './bootstrap-stack';
import { applyCreationStackSetting } from './synth-runtime';
import { skipTerraformBinaryChecks } from './terraform-binary-checks';
import { WorkspaceStack } from './workspace-stack';

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
  // cdktf's synthesizer adds a `terraform version` check to a stack with moved blocks; synthesis needs no terraform.
  for (const stack of app.node.children) skipTerraformBinaryChecks(stack);
  applyGuardrails(app, config, { onError: onGuardrailError, report });
  return app;
}

/**
 * Builds every stack and runs the guardrails on all of them, writing into a staging folder next to
 * `outdir`; only when everything passed are the synthesized files moved into `outdir`. On any failure
 * (GuardrailsFailed, or a bug) `outdir` is left as it was.
 */
export function synthesizeConfig(config: LoadedConfig, outdir: string): void {
  applyCreationStackSetting();
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
