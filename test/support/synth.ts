import { Testing, type TerraformStack } from 'cdktf';
import { loadConfig, type LoadedConfig, type ResolvedEnvironment } from '../../environments';
import { buildApp } from '../../stacks/app';
import { EXAMPLE_ENVIRONMENTS_DIR } from './paths';

/** A synthesized stack, parsed: `resource.<type>.<name>`, `data.<type>.<name>`, `provider`, `terraform`. */
export type Synthesized = {
  resource: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  provider?: Record<string, Record<string, unknown>[]>;
  terraform: Record<string, unknown>;
  output?: Record<string, Record<string, unknown>>;
  variable?: Record<string, Record<string, unknown>>;
};

export { EXAMPLE_ENVIRONMENTS_DIR, REGISTER_TS } from './paths';

export function exampleConfig(): LoadedConfig {
  return loadConfig(EXAMPLE_ENVIRONMENTS_DIR);
}

/**
 * Synthesizes every stack of the app once (or only the stacks named in `only`: a test about the
 * account stack need not resolve every workspace stack); tests share the result.
 */
export function synthApp(config: LoadedConfig = exampleConfig(), options: { only?: string[] } = {}): Record<string, Synthesized> {
  const cache = (globalThis as Record<symbol, Map<string, Record<string, string>> | undefined>)[SYNTH_CACHE];
  const key = cache && cacheKey(config, options.only);
  let texts = key === undefined ? undefined : cache?.get(key);
  if (!texts) {
    const app = buildApp(Testing.app(), config);
    texts = {};
    for (const child of app.node.children) {
      if (options.only && !options.only.includes(child.node.id)) continue;
      texts[child.node.id] = Testing.synth(child as TerraformStack);
    }
    if (key !== undefined) cache?.set(key, texts);
  }
  // Parsed per call: a test may change what it gets without affecting another.
  return Object.fromEntries(Object.entries(texts).map(([id, text]) => [id, JSON.parse(text) as Synthesized]));
}

/** Shared by the test files of a jest worker (test/support/jest/shared-modules-environment.cjs). */
const SYNTH_CACHE = Symbol.for('blueprint.test.synthCache');

/** The configuration as text, or undefined when it holds anything JSON would not show exactly (then no caching). */
function cacheKey(config: LoadedConfig, only: string[] | undefined): string | undefined {
  let exact = true;
  const text = JSON.stringify({ config, only: only ?? null }, (_key, value: unknown) => {
    if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') exact = false;
    else if (value !== null && typeof value === 'object' && !Array.isArray(value) && !isPlainObject(value)) exact = false;
    return value;
  });
  return exact ? text : undefined;
}

/** Every resource of a type, as [logical name, config]. */
export function resourcesOf(stack: Synthesized, type: string): [string, Record<string, any>][] {
  return Object.entries(stack.resource?.[type] ?? {});
}

export function dataOf(stack: Synthesized, type: string): [string, Record<string, any>][] {
  return Object.entries(stack.data?.[type] ?? {});
}

/**
 * Whether a logical name (construct path joined by "_" plus a hash, e.g. "workspace_root-bucket_bucket_1A2B3C4D")
 * ends with the given construct path suffix ("root-bucket/bucket"). Testing.synth drops the "//" metadata.
 */
export function nameEndsWith(logicalName: string, pathSuffix: string): boolean {
  const path = logicalName.replace(/_[0-9A-F]{8}$/, '');
  // cdktf drops a path component when the previous one ends with it ("root-bucket/bucket" -> "root-bucket").
  const components: string[] = [];
  for (const component of pathSuffix.split('/')) {
    if (components.length === 0 || !components[components.length - 1].endsWith(component)) components.push(component);
  }
  const suffix = components.join('_');
  return path === suffix || path.endsWith(`_${suffix}`);
}

/** The single resource of a type whose construct path ends with `pathSuffix`, as its config. */
export function resourceAt(stack: Synthesized, type: string, pathSuffix: string): Record<string, any> {
  return single(resourcesOf(stack, type), type, pathSuffix)[1];
}

export function dataAt(stack: Synthesized, type: string, pathSuffix: string): Record<string, any> {
  return single(dataOf(stack, type), `data.${type}`, pathSuffix)[1];
}

/** "${type.name.attribute}" of the single resource at `pathSuffix`, as other resources reference it. */
export function refAt(stack: Synthesized, type: string, pathSuffix: string, attribute = 'id'): string {
  return `\${${type}.${single(resourcesOf(stack, type), type, pathSuffix)[0]}.${attribute}}`;
}

export function dataRefAt(stack: Synthesized, type: string, pathSuffix: string, attribute = 'json'): string {
  return `\${data.${type}.${single(dataOf(stack, type), type, pathSuffix)[0]}.${attribute}}`;
}

function single(entries: [string, Record<string, any>][], what: string, pathSuffix: string): [string, Record<string, any>] {
  const found = entries.filter(([name]) => nameEndsWith(name, pathSuffix));
  if (found.length !== 1) throw new Error(`expected one ${what} at */${pathSuffix}, found ${found.length}: ${entries.map(([n]) => n).join(', ')}`);
  return found[0];
}

/** Statements of an aws_iam_policy_document data source, keyed by sid. */
export function statementsBySid(document: Record<string, any>): Record<string, Record<string, any>> {
  return Object.fromEntries((document.statement as Record<string, any>[]).map((s) => [s.sid, s]));
}

/** A copy of an example environment with changes, for negative and variant tests. */
export function withEnvironment(config: LoadedConfig, name: string, change: (env: ResolvedEnvironment) => ResolvedEnvironment): LoadedConfig {
  return { ...config, environments: config.environments.map((env) => (env.name === name ? change(env) : env)) };
}

/** Terraform address of the only resource of a type, e.g. "aws_s3_bucket.logs_bucket_5A22438C". */
export function addressOf(stack: Synthesized, type: string, kind: 'resource' | 'data' = 'resource'): string {
  const names = Object.keys((kind === 'resource' ? stack.resource : stack.data ?? {})[type] ?? {});
  if (names.length !== 1) throw new Error(`expected one ${type}, found ${names.length}`);
  return `${kind === 'data' ? 'data.' : ''}${type}.${names[0]}`;
}

/** "${aws_kms_key.foo.arn}": how a resource references another's attribute. */
export function referenceTo(type: string, logicalName: string, attribute: string): string {
  return `\${${type}.${logicalName}.${attribute}}`;
}

/** A plain object of any realm: zod builds the configuration in Node's realm, the tests run in jest's. */
function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value) as object | null;
  return prototype === null || (Object.getPrototypeOf(prototype) === null && prototype.constructor?.name === 'Object');
}
