import { Testing, type TerraformStack } from 'cdktf';
import * as path from 'node:path';
import { loadConfig, type LoadedConfig, type ResolvedEnvironment } from '../../environments';
import { buildApp } from '../../main';

/** A synthesized stack, parsed: `resource.<type>.<name>`, `data.<type>.<name>`, `provider`, `terraform`. */
export type Synthesized = {
  resource: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  provider?: Record<string, Record<string, unknown>[]>;
  terraform: Record<string, unknown>;
  output?: Record<string, Record<string, unknown>>;
};

export const EXAMPLE_ENVIRONMENTS_DIR = path.join(__dirname, '..', '..', 'environments');

export function exampleConfig(): LoadedConfig {
  return loadConfig(EXAMPLE_ENVIRONMENTS_DIR);
}

/** Synthesizes every stack of the app once; tests share the result instead of re-synthesizing. */
export function synthApp(config: LoadedConfig = exampleConfig()): Record<string, Synthesized> {
  const app = buildApp(Testing.app(), config);
  const stacks: Record<string, Synthesized> = {};
  for (const child of app.node.children) {
    stacks[child.node.id] = JSON.parse(Testing.synth(child as TerraformStack)) as Synthesized;
  }
  return stacks;
}

/** Every resource of a type, as [logical name, config]. */
export function resourcesOf(stack: Synthesized, type: string): [string, Record<string, any>][] {
  return Object.entries(stack.resource[type] ?? {});
}

export function dataOf(stack: Synthesized, type: string): [string, Record<string, any>][] {
  return Object.entries(stack.data?.[type] ?? {});
}

/**
 * Testing.synth drops the `//` metadata, so the construct path is read back from the logical name:
 * path segments below the stack joined by `_`, plus an 8-character hash for nested constructs.
 * A suffix should start at a construct boundary that is not itself repeated by its parent.
 */
export function hasPathSuffix(logicalName: string, config: Record<string, any>, pathSuffix: string): boolean {
  const path = config['//']?.metadata?.path;
  if (typeof path === 'string') return path.endsWith(pathSuffix);
  const name = logicalName.replace(/_[0-9A-F]{8}$/, '');
  // Logical names also drop a segment that repeats its parent's id (workspace/workspace -> workspace).
  const suffix = pathSuffix.split('/').filter((segment, i, all) => i === 0 || segment !== all[i - 1]).join('_');
  return name === suffix || name.endsWith(`_${suffix}`);
}

/** The single resource of a type whose construct path ends with `pathSuffix`. */
export function resourceAt(stack: Synthesized, type: string, pathSuffix: string): Record<string, any> {
  const found = resourcesOf(stack, type).filter(([name, config]) => hasPathSuffix(name, config, pathSuffix));
  if (found.length !== 1) throw new Error(`expected one ${type} at */${pathSuffix}, found ${found.length}`);
  return found[0][1];
}

export function dataAt(stack: Synthesized, type: string, pathSuffix: string): Record<string, any> {
  const found = dataOf(stack, type).filter(([name, config]) => hasPathSuffix(name, config, pathSuffix));
  if (found.length !== 1) throw new Error(`expected one data.${type} at */${pathSuffix}, found ${found.length}`);
  return found[0][1];
}

/** Statements of an aws_iam_policy_document data source, keyed by sid. */
export function statementsBySid(document: Record<string, any>): Record<string, Record<string, any>> {
  return Object.fromEntries((document.statement as Record<string, any>[]).map((s) => [s.sid, s]));
}

/** "${aws_kms_key.foo.arn}" -> the reference target "aws_kms_key.foo". */
export function referenceTo(type: string, logicalName: string, attribute: string): string {
  return `\${${type}.${logicalName}.${attribute}}`;
}

/** A copy of an example environment with changes, for negative and variant tests. */
export function withEnvironment(config: LoadedConfig, name: string, change: (env: ResolvedEnvironment) => ResolvedEnvironment): LoadedConfig {
  return { ...config, environments: config.environments.map((env) => (env.name === name ? change(env) : env)) };
}
