import { toJSONSchema, type z } from 'zod';

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
      // zod's default text for a missing value says nothing the field name does not; a schema's own message does.
      const generic = issue.message === `Invalid input: expected ${issue.expected}, received undefined`;
      return [`${subject}: ${field(issue.path)}: is required${generic ? ` (${issue.expected})` : `: ${issue.message}`}`];
    }
    const value = 'input' in context ? valueAt(context.input, issue.path) : undefined;
    if (issue.code === 'invalid_type' && typeof value === 'number' && !Number.isFinite(value)) {
      // zod's own text here is "expected number, received number".
      return [`${subject}: ${field(issue.path)}: must be a finite number; got ${value}`];
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

type JsonSchema = {
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  additionalProperties?: JsonSchema | boolean;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
};

// zod's public JSON Schema export (input side: defaults may be left out) describes every field an
// object accepts; it is built once per schema, on the error path only.
const jsonSchemas = new WeakMap<z.ZodType, JsonSchema>();
function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  return jsonSchemas.get(schema) ?? cachedJsonSchema(schema);
}
function cachedJsonSchema(schema: z.ZodType): JsonSchema {
  const json = toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  jsonSchemas.set(schema, json);
  return json;
}

/** The object schemas a JSON Schema node stands for (every option of a union). */
function alternatives(node: JsonSchema): JsonSchema[] {
  const options = [...(node.anyOf ?? []), ...(node.oneOf ?? []), ...(node.allOf ?? [])];
  return options.length > 0 ? options.flatMap(alternatives) : [node];
}

/** Field names the object schemas at `path` accept (all options of a union). */
export function knownKeys(schema: z.ZodType, path: PropertyKey[]): string[] {
  // An array index reads a tuple's item or the array's; a field its property or, in a record, the value schema.
  const children = (node: JsonSchema, key: PropertyKey): JsonSchema[] =>
    alternatives(node).flatMap((option) =>
      [typeof key === 'number' ? (option.prefixItems?.[key] ?? option.items) : (option.properties?.[String(key)] ?? option.additionalProperties)]
        .filter((child): child is JsonSchema => typeof child === 'object'),
    );
  let current = [jsonSchemaOf(schema)];
  for (const key of path) current = current.flatMap((node) => children(node, key));
  return [...new Set(current.flatMap(alternatives).flatMap((node) => Object.keys(node.properties ?? {})))].sort();
}
