import { DefaultTokenResolver, StringConcat, TerraformDataSource, TerraformElement, TerraformResource, Tokenization, type TerraformStack } from 'cdktf';
import type { IConstruct } from 'constructs';

export type Json = Record<string, unknown>;

/** The resolver cdktf itself uses when it renders cdk.tf.json (tokens become `${...}` strings). */
const RESOLVER = new DefaultTokenResolver(new StringConcat());

/** One block of the synthesized stack, resolved (tokens become `${...}` strings), with its construct. */
export interface Block {
  readonly kind: 'resource' | 'data' | 'provider' | 'backend' | 'other';
  /** Terraform type, e.g. `aws_s3_bucket`; the backend type for backends; '' for other blocks. */
  readonly type: string;
  /** Logical name (friendly unique id); the alias (or 'default') for providers. */
  readonly name: string;
  /** `aws_s3_bucket.x`, `data.aws_iam_policy_document.y`, `provider.aws`, ... */
  readonly address: string;
  /** Construct path, e.g. `prod/workspace/root-bucket/bucket`: what violations and suppressions name. */
  readonly path: string;
  readonly config: Json;
  readonly construct: IConstruct;
}

/** What a rule sees: every block of one stack, resolved, plus whether the environment is protected. */
export interface StackModel {
  readonly stackName: string;
  readonly protect: boolean;
  readonly blocks: Block[];
  /** Every string of the environment files (values and keys), for rules about user text. Default: none. */
  readonly userText?: readonly string[];
}

/** A resource's or data source's block in the stack's rendering, found by its type and logical name. */
function renderedBlock(terraform: Json, construct: IConstruct): Json | undefined {
  const kind = TerraformResource.isTerraformResource(construct) ? 'resource' : TerraformDataSource.isTerraformDataSource(construct) ? 'data' : undefined;
  if (!kind) return undefined;
  const { terraformResourceType: type, friendlyUniqueId: name } = construct as TerraformResource | TerraformDataSource;
  const config = ((terraform[kind] as Record<string, Record<string, Json>> | undefined)?.[type])?.[name];
  return config && { [kind]: { [type]: { [name]: config } } };
}

/**
 * Every block of the stack as `terraform`, the stack's rendering (`stack.toTerraform()`: what cdk.tf.json
 * holds, stack-level overrides included), with the construct of each block, so a finding names the
 * construct path a suppression can target. Resources and data sources are read from the rendering;
 * the few other elements (providers, backend, outputs) are resolved on their own, as cdktf does.
 */
export function buildModel(stack: TerraformStack, protect: boolean, userText?: readonly string[], terraform = stack.toTerraform() as Json): StackModel {
  const blocks: Block[] = [];
  for (const construct of stack.node.findAll()) {
    if (!TerraformElement.isTerraformElement(construct)) continue;
    // Every cdktf element renders an object (cdktf's own stack rendering merges them as objects).
    const fragment = renderedBlock(terraform, construct) ?? (Tokenization.resolve(construct.toTerraform(), { scope: stack, resolver: RESOLVER }) as Json);
    const path = construct.node.path;
    let typed = false;
    for (const kind of ['resource', 'data'] as const) {
      for (const [type, byName] of Object.entries((fragment[kind] ?? {}) as Record<string, Record<string, Json>>)) {
        for (const [name, config] of Object.entries(byName)) {
          const address = kind === 'data' ? `data.${type}.${name}` : `${type}.${name}`;
          blocks.push({ kind, type, name, address, path, config, construct });
          typed = true;
        }
      }
    }
    for (const [type, configs] of Object.entries((fragment.provider ?? {}) as Record<string, Json[]>)) {
      for (const config of configs) {
        const name = typeof config.alias === 'string' ? config.alias : 'default';
        blocks.push({ kind: 'provider', type, name, address: `provider.${type}${name === 'default' ? '' : `.${name}`}`, path, config, construct });
        typed = true;
      }
    }
    const backend = ((fragment.terraform ?? {}) as Json).backend as Record<string, Json> | undefined;
    for (const [type, config] of Object.entries(backend ?? {})) {
      blocks.push({ kind: 'backend', type, name: type, address: `backend.${type}`, path, config, construct });
      typed = true;
    }
    if (!typed) blocks.push({ kind: 'other', type: '', name: path, address: path, path, config: fragment, construct });
  }
  return { stackName: stack.node.id, protect, blocks, userText };
}

export const resourcesOf = (model: StackModel, type: string) => model.blocks.filter((b) => b.kind === 'resource' && b.type === type);
export const dataOf = (model: StackModel, type: string) => model.blocks.filter((b) => b.kind === 'data' && b.type === type);

/** True when a value is (or contains) a Terraform reference/expression rather than a literal. */
export const isExpression = (value: unknown): boolean => typeof value === 'string' && value.includes('${');

/** True when `value` references `block` (e.g. `${aws_s3_bucket.x.id}` refers to aws_s3_bucket.x). */
export function refersTo(value: unknown, block: Block): boolean {
  return typeof value === 'string' && value.includes(`\${${block.address}.`);
}

/** The block a whole-value reference such as `${data.aws_iam_policy_document.x.json}` points to. */
export function referencedBlock(model: StackModel, value: unknown): Block | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^\$\{((?:data\.)?[a-z0-9_]+\.[^.}\s]+)\.[a-z0-9_]+\}$/.exec(value);
  return match ? model.blocks.find((b) => b.address === match[1]) : undefined;
}

/** Blocks nest as objects or one-element lists depending on the schema; read both alike. */
export function asList<T = Json>(value: unknown): T[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]) as T[];
}

/** Every string inside a value, with its dotted attribute path; the `//` metadata is skipped. */
export function* stringsIn(value: unknown, at = ''): Generator<[string, string]> {
  if (typeof value === 'string') yield [at, value];
  else if (Array.isArray(value)) for (const [i, item] of value.entries()) yield* stringsIn(item, `${at}[${i}]`);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) if (key !== '//') yield* stringsIn(item, at ? `${at}.${key}` : key);
  }
}
