// First: process settings that must be in place before cdktf loads (see docs/performance.md).
import './stacks/synth-runtime';
import { App } from 'cdktf';
import { ConfigError, loadConfig, type LoadedConfig } from './environments';
import { applyGuardrails, GuardrailError, type ApplyGuardrailsOptions } from './guardrails';
import { AccountStack } from './stacks/account-stack';
import { BootstrapStack } from './stacks/bootstrap-stack';
import { WorkspaceStack } from './stacks/workspace-stack';

/**
 * Builds every stack: bootstrap (state bucket), account (shared objects), one per environment, with
 * the guardrails and the suppressions the data files declare. `report` receives guardrail warnings.
 */
export function buildApp(app: App, config: LoadedConfig, options: ApplyGuardrailsOptions = {}): App {
  new BootstrapStack(app, config);
  new AccountStack(app, { account: config.account });
  for (const environment of config.environments) {
    new WorkspaceStack(app, { account: config.account, environment });
  }
  applyGuardrails(app, config, options);
  return app;
}

/** Loads, validates and synthesizes into CDKTF_OUTDIR; a user error prints one screen and exits 1. */
export function main(): void {
  let config: LoadedConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // A user error: one short screen, no stack trace, nothing synthesized.
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  try {
    buildApp(new App(), config, { report: (line) => process.stderr.write(`${line}\n`) }).synth();
  } catch (error) {
    if (!(error instanceof GuardrailError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

if (require.main === module) main();
