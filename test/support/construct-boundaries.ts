/**
 * Static checks of the import and construct/props conventions (docs/ARCHITECTURE.md), on source text so
 * they need no synthesis: provider packages are imported by resource, never at their root; constructs
 * import nothing from environments/; and no construct's props interface carries the stack-level
 * identity that StackContext holds.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseSync } from '@swc/core';

export interface SourceFile {
  /** Absolute path (import specifiers resolve against it). */
  readonly file: string;
  readonly text: string;
}

/** Stack-level values a construct reads from its context, never from props of its own. */
export const CONTEXT_ONLY_PROPS = ['databricksAccountId', 'region'] as const;

export function typeScriptFilesUnder(dir: string): SourceFile[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))
    .sort()
    .map((name) => path.join(dir, name))
    .map((file) => ({ file, text: readFileSync(file, 'utf8') }));
}

/**
 * The files `npm run typecheck` covers: tsconfig.json's "include" entries (a .ts file, or every .ts
 * file of a folder) minus its "exclude" folders.
 */
export function typeCheckedFiles(root: string): SourceFile[] {
  const { include, exclude = [] } = JSON.parse(readFileSync(path.join(root, 'tsconfig.json'), 'utf8')) as { include: string[]; exclude?: string[] };
  const excluded = exclude.map((entry) => path.join(root, entry) + path.sep);
  return include
    .flatMap((entry) => {
      const folder = /^(.+)\/\*\*\/\*\.ts$/.exec(entry)?.[1];
      if (folder) return typeScriptFilesUnder(path.join(root, folder));
      if (!entry.endsWith('.ts') || entry.includes('*')) throw new Error(`tsconfig.json include "${entry}": expected a .ts file or <folder>/**/*.ts`);
      const file = path.join(root, entry);
      return [{ file, text: readFileSync(file, 'utf8') }];
    })
    .filter((source) => !excluded.some((prefix) => source.file.startsWith(prefix)));
}

/** A node of SWC's syntax tree, as parseSync returns it (plain JSON). */
type AstNode = { readonly type: string; readonly [field: string]: unknown };

const isNode = (value: unknown): value is AstNode => typeof value === 'object' && value !== null && typeof (value as AstNode).type === 'string';

/**
 * Parsed once per source (the checks walk the same construct files three times), with SWC, the
 * compiler of the app and tests: loading TypeScript's own parser cost a test worker about 0.7 s.
 */
const parsed = new WeakMap<SourceFile, AstNode>();

function parse(source: SourceFile): AstNode {
  let tree = parsed.get(source);
  if (!tree) {
    tree = parseSync(source.text, { syntax: 'typescript', target: 'es2022' }) as unknown as AstNode;
    parsed.set(source, tree);
  }
  return tree;
}

/** Calls `visit` on every node of the source's tree, in source order. */
function walk(source: SourceFile, visit: (node: AstNode) => void): void {
  const descend = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) descend(item);
    } else if (typeof value === 'object' && value !== null) {
      if (isNode(value)) visit(value);
      for (const [field, child] of Object.entries(value)) if (field !== 'span') descend(child);
    }
  };
  descend(parse(source));
}

const stringValue = (node: unknown): string | undefined => (isNode(node) && node.type === 'StringLiteral' ? (node.value as string) : undefined);
const identifierName = (node: unknown): string | undefined => (isNode(node) && node.type === 'Identifier' ? (node.value as string) : undefined);

/** Module specifiers of imports, re-exports, `import x = require()`, `import()` and `require()` calls. */
export function moduleSpecifiers(source: SourceFile): string[] {
  const specifiers: string[] = [];
  walk(source, (node) => {
    let specifier: string | undefined;
    if (node.type === 'ImportDeclaration' || node.type === 'ExportNamedDeclaration' || node.type === 'ExportAllDeclaration') {
      specifier = stringValue(node.source);
    } else if (node.type === 'TsExternalModuleReference') {
      specifier = stringValue(node.expression);
    } else if (node.type === 'CallExpression') {
      const callee = node.callee as AstNode;
      const args = node.arguments as { expression: unknown }[];
      if (args.length === 1 && (callee.type === 'Import' || identifierName(callee) === 'require')) specifier = stringValue(args[0].expression);
    }
    if (specifier !== undefined) specifiers.push(specifier);
  });
  return specifiers;
}

/**
 * `file: specifier` for every import of one of `packages` at its root instead of a module below it
 * (`@cdktf/provider-aws/lib/s3-bucket`). A root import loads every resource class of the provider.
 */
export function packageRootImports(sources: readonly SourceFile[], packages: readonly string[]): string[] {
  return sources
    // Parsing is the cost: only files where a package name ends at a quote, as a root specifier must.
    .filter((source) => packages.some((name) => [`'${name}'`, `"${name}"`, `\`${name}\``].some((literal) => source.text.includes(literal))))
    .flatMap((source) => moduleSpecifiers(source).filter((specifier) => packages.includes(specifier)).map((specifier) => `${source.file}: ${specifier}`));
}

/** `file: specifier` for every relative import of `sources` that lands inside `forbiddenDir`. */
export function importsInto(sources: readonly SourceFile[], forbiddenDir: string): string[] {
  return sources.flatMap((source) =>
    moduleSpecifiers(source)
      .filter((specifier) => specifier.startsWith('.'))
      .filter((specifier) => {
        const target = path.resolve(path.dirname(source.file), specifier);
        return target === forbiddenDir || target.startsWith(forbiddenDir + path.sep);
      })
      .map((specifier) => `${source.file}: ${specifier}`),
  );
}

/** The name of a parameter's type when it is a plain reference (`props: FirstProps`). */
function parameterTypeName(parameter: unknown): string | undefined {
  if (!isNode(parameter)) return undefined;
  // A plain parameter holds its pattern in `pat`; a parameter property (`private readonly props: P`) in `param`.
  let pattern = (parameter.type === 'TsParameterProperty' ? parameter.param : parameter.pat) as AstNode | undefined;
  // With a default value (`options: Options = {}`) the annotated name is the assignment's left side.
  if (pattern?.type === 'AssignmentPattern') pattern = pattern.left as AstNode;
  const annotation = (pattern?.typeAnnotation as AstNode | null | undefined)?.typeAnnotation as AstNode | undefined;
  return annotation?.type === 'TsTypeReference' ? identifierName(annotation.typeName) : undefined;
}

/**
 * Props types of the constructs in `sources`: the third constructor parameter of each class extending
 * Construct, and the second parameter of each function whose first is `scope: Construct`
 * (function-style constructs such as createCatalogStorage).
 */
export function constructPropsTypes(sources: readonly SourceFile[]): { construct: string; props: string }[] {
  const found: { construct: string; props: string }[] = [];
  for (const source of sources) {
    walk(source, (node) => {
      const name = identifierName(node.identifier);
      if ((node.type === 'ClassDeclaration' || node.type === 'ClassExpression') && name && identifierName(node.superClass) === 'Construct') {
        for (const member of node.body as AstNode[]) {
          const props = member.type === 'Constructor' ? parameterTypeName((member.params as unknown[])[2]) : undefined;
          if (props) found.push({ construct: name, props });
        }
      }
      if (node.type === 'FunctionDeclaration' && name && parameterTypeName((node.params as unknown[])[0]) === 'Construct') {
        const props = parameterTypeName((node.params as unknown[])[1]);
        if (props) found.push({ construct: name, props });
      }
    });
  }
  return found;
}

/** Interfaces by name across `sources`, with their direct members and the names they extend. */
function interfaces(sources: readonly SourceFile[]): Map<string, { members: string[]; extends: string[]; file: string }> {
  const byName = new Map<string, { members: string[]; extends: string[]; file: string }>();
  for (const source of sources) {
    walk(source, (node) => {
      if (node.type !== 'TsInterfaceDeclaration') return;
      const members = ((node.body as AstNode).body as AstNode[]).flatMap((member) => {
        // A computed key (`[region]: string`) names no member, as in TypeScript's own view.
        if (member.computed === true) return [];
        const key = identifierName(member.key) ?? stringValue(member.key);
        return key === undefined ? [] : [key];
      });
      const parents = (node.extends as AstNode[]).flatMap((parent) => {
        const name = identifierName(parent.expression);
        return name === undefined ? [] : [name];
      });
      byName.set(identifierName(node.id)!, { file: source.file, members, extends: parents });
    });
  }
  return byName;
}

/**
 * `Construct (Props): field` for each CONTEXT_ONLY_PROPS field a construct's props interface declares,
 * itself or through interfaces it extends (the context interfaces of `contextFile` excepted: reading
 * the value from the context is the convention).
 */
export function contextOnlyPropsDeclared(sources: readonly SourceFile[], contextFile: string): string[] {
  const byName = interfaces(sources);
  const declared = (name: string, seen: Set<string>): string[] => {
    const found = byName.get(name);
    if (!found || found.file === contextFile || seen.has(name)) return [];
    seen.add(name);
    return [
      ...found.members.filter((member) => (CONTEXT_ONLY_PROPS as readonly string[]).includes(member)),
      ...found.extends.flatMap((parent) => declared(parent, seen)),
    ];
  };
  return constructPropsTypes(sources).flatMap(({ construct, props }) => declared(props, new Set()).map((field) => `${construct} (${props}): ${field}`));
}
