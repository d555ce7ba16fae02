/** Hand-built stack models for rule specifications: blocks as the model holds them, no synthesis. */
import type { IConstruct } from 'constructs';
import { RULES } from '../../guardrails';
import type { Block, Json, StackModel } from '../../guardrails/model';

export interface BlockSpec {
  readonly kind?: Block['kind'];
  readonly type: string;
  readonly name?: string;
  readonly config: Json;
  /** Generated resource classes with `tags` expose tagsInput (the tag rule relies on it). */
  readonly taggable?: boolean;
}

export function block(spec: BlockSpec): Block {
  const kind = spec.kind ?? 'resource';
  const name = spec.name ?? 'x';
  const address = kind === 'data' ? `data.${spec.type}.${name}` : kind === 'provider' ? `provider.${spec.type}` : `${spec.type}.${name}`;
  const construct = (spec.taggable ? { tagsInput: undefined } : {}) as unknown as IConstruct;
  return { kind, type: spec.type, name, address, path: `test/${name}`, config: spec.config, construct };
}

export const modelOf = (specs: BlockSpec[], protect = true): StackModel => ({ stackName: 'test', protect, blocks: specs.map(block) });
export const rule = (id: string) => RULES.find((r) => r.id === id)!;
/** Details of the findings of one rule. */
export const findings = (id: string, specs: BlockSpec[], protect = true) => rule(id).check(modelOf(specs, protect)).map((f) => `${f.block.path}: ${f.detail ?? ''}`);

export const BUCKET: BlockSpec = { type: 'aws_s3_bucket', name: 'b', config: { bucket: 'data-bucket', lifecycle: { prevent_destroy: true } } };
export const ref = (address: string, attribute = 'id') => `\${${address}.${attribute}}`;

