import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App } from 'cdktf';
import type { LoadedConfig } from '../../environments';
import { buildApp } from '../../stacks/app';

/**
 * Synthesizes the whole app exactly as `cdktf synth` does (guardrails included) into a temporary
 * folder and returns each stack's parsed cdk.tf.json. Repository tools use it instead of reading
 * cdktf.out, which may be stale.
 */
export function synthesizeStacks<T = Record<string, unknown>>(config: LoadedConfig): Map<string, T> {
  const outdir = mkdtempSync(path.join(tmpdir(), 'blueprint-synth-'));
  try {
    const app = buildApp(new App({ outdir, skipValidation: false }), config);
    app.synth();
    const stacks = new Map<string, T>();
    for (const child of app.node.children) {
      const file = path.join(outdir, 'stacks', child.node.id, 'cdk.tf.json');
      stacks.set(child.node.id, JSON.parse(readFileSync(file, 'utf8')) as T);
    }
    return stacks;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
