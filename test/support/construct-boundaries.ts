/**
 * Static checks of the import and construct/props conventions (docs/ARCHITECTURE.md), on source text so
 * they need no synthesis: provider packages are imported by resource, never at their root; constructs
 * import nothing from environments/; and no construct's props interface carries the stack-level
 * identity that StackContext holds.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

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

function parse(source: SourceFile): ts.SourceFile {
  return ts.createSourceFile(source.file, source.text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

/** Module specifiers of imports, re-exports, `import()` and `require()` calls. */
export function moduleSpecifiers(source: SourceFile): string[] {
  const specifiers: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      specifiers.push(node.moduleSpecifier.text);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
      specifiers.push(node.moduleReference.expression.text);
    } else if (ts.isCallExpression(node) && node.arguments.length === 1 && ts.isStringLiteral(node.arguments[0])) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require')) specifiers.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(parse(source));
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

const typeName = (type: ts.TypeNode | undefined): string | undefined =>
  type && ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) ? type.typeName.text : undefined;

const extendsConstruct = (node: ts.ClassDeclaration): boolean =>
  (node.heritageClauses ?? []).some(
    (clause) => clause.token === ts.SyntaxKind.ExtendsKeyword && clause.types.some((type) => ts.isIdentifier(type.expression) && type.expression.text === 'Construct'),
  );

/**
 * Props types of the constructs in `sources`: the third constructor parameter of each class extending
 * Construct, and the second parameter of each exported function whose first is `scope: Construct`
 * (function-style constructs such as createCatalogStorage).
 */
export function constructPropsTypes(sources: readonly SourceFile[]): { construct: string; props: string }[] {
  const found: { construct: string; props: string }[] = [];
  for (const source of sources) {
    const visit = (node: ts.Node): void => {
      if (ts.isClassDeclaration(node) && node.name && extendsConstruct(node)) {
        for (const member of node.members) {
          const props = ts.isConstructorDeclaration(member) ? typeName(member.parameters[2]?.type) : undefined;
          if (props) found.push({ construct: node.name.text, props });
        }
      }
      if (ts.isFunctionDeclaration(node) && node.name && typeName(node.parameters[0]?.type) === 'Construct') {
        const props = typeName(node.parameters[1]?.type);
        if (props) found.push({ construct: node.name.text, props });
      }
      ts.forEachChild(node, visit);
    };
    visit(parse(source));
  }
  return found;
}

/** Interfaces by name across `sources`, with their direct members and the names they extend. */
function interfaces(sources: readonly SourceFile[]): Map<string, { members: string[]; extends: string[]; file: string }> {
  const byName = new Map<string, { members: string[]; extends: string[]; file: string }>();
  for (const source of sources) {
    const visit = (node: ts.Node): void => {
      if (ts.isInterfaceDeclaration(node)) {
        byName.set(node.name.text, {
          file: source.file,
          members: node.members.flatMap((member) => (member.name && (ts.isIdentifier(member.name) || ts.isStringLiteral(member.name)) ? [member.name.text] : [])),
          extends: (node.heritageClauses ?? []).flatMap((clause) => clause.types.flatMap((type) => (ts.isIdentifier(type.expression) ? [type.expression.text] : []))),
        });
      }
      ts.forEachChild(node, visit);
    };
    visit(parse(source));
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
