import type { z } from 'zod';

/** A user error in the environment files: printed as a short list, never as a stack trace. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** What the parse was given, so messages can name missing fields and suggest misspelt ones. */
export interface IssueContext {
  readonly schema?: z.ZodType;
  readonly input?: unknown;
}

/** "environment "dev" (environments/dev.ts): network.vpcCidr: must be ..." */
export function describeIssues(subject: string, error: z.ZodError, context: IssueContext = {}): string[] {
  return error.issues.flatMap((issue) => {
    const field = (path: PropertyKey[]) => (path.length > 0 ? path.join('.') : '(top level)');
    if (issue.code === 'unrecognized_keys') {
      // One line per key, at the key's own path: "aws.deployRoleARN: unknown field (did you mean deployRoleArn?)".
      const known = context.schema ? knownKeys(context.schema, issue.path) : [];
      return issue.keys.map((key) => `${subject}: ${field([...issue.path, key])}: unknown field${suggestion(key, known)}`);
    }
    if (issue.code === 'invalid_type' && 'input' in context && valueAt(context.input, issue.path) === undefined) {
      const generic = /^Invalid input: expected \w+, received undefined$/.test(issue.message);
      return [`${subject}: ${field(issue.path)}: is required${generic ? ` (${issue.expected})` : `: ${issue.message}`}`];
    }
    return [`${subject}: ${field(issue.path)}: ${issue.message}`];
  });
}

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function suggestion(key: string, known: string[]): string {
  if (known.length === 0) return '';
  const close = known
    .map((candidate) => ({ candidate, distance: editDistance(key.toLowerCase(), candidate.toLowerCase()) }))
    .filter(({ distance }) => distance <= Math.max(2, Math.floor(key.length / 4)))
    .sort((a, b) => a.distance - b.distance)[0];
  return close ? ` (did you mean "${close.candidate}"?)` : ` (allowed: ${known.join(', ')})`;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** Minimal view of zod 4's schema definitions, enough to walk to the object at an issue's path. */
interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  options?: z.ZodType[];
  valueType?: z.ZodType;
}
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Field names the object schemas at `path` accept (all options of a union). */
export function knownKeys(schema: z.ZodType, path: PropertyKey[]): string[] {
  const objects = (s: z.ZodType): Def[] => {
    const def = defOf(s);
    if (def.type === 'object') return [def];
    if (def.innerType) return objects(def.innerType);
    if (def.type === 'pipe' && def.in) return objects(def.in);
    if (def.type === 'union' && def.options) return def.options.flatMap(objects);
    return [];
  };
  const children = (s: z.ZodType, key: PropertyKey): z.ZodType[] => {
    const def = defOf(s);
    if (def.innerType) return children(def.innerType, key);
    if (def.type === 'pipe' && def.in) return children(def.in, key);
    if (def.type === 'union' && def.options) return def.options.flatMap((option) => children(option, key));
    if (def.type === 'array' && def.element && typeof key === 'number') return [def.element];
    if (def.type === 'record' && def.valueType) return [def.valueType];
    const child = def.type === 'object' ? def.shape?.[String(key)] : undefined;
    return child ? [child] : [];
  };
  let current = [schema];
  for (const key of path) current = current.flatMap((s) => children(s, key));
  return [...new Set(current.flatMap(objects).flatMap((def) => Object.keys(def.shape ?? {})))].sort();
}
