import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  constructPropsTypes,
  contextOnlyPropsDeclared,
  importsInto,
  moduleSpecifiers,
  packageRootImports,
  typeCheckedFiles,
  typeScriptFilesUnder,
  type SourceFile,
} from '../support/construct-boundaries';
import { REPO_ROOT } from '../support/paths';

const CONSTRUCTS_DIR = path.join(REPO_ROOT, 'constructs');
const ENVIRONMENTS_DIR = path.join(REPO_ROOT, 'environments');
const CONTEXT_FILE = path.join(CONSTRUCTS_DIR, 'context.ts');
const sources = typeScriptFilesUnder(CONSTRUCTS_DIR);

/** An in-memory construct file, for checking that the checks catch what they are meant to. */
const fake = (name: string, text: string): SourceFile => ({ file: path.join(CONSTRUCTS_DIR, 'databricks', name), text });

describe('provider packages are imported by resource, never at their root (docs/ARCHITECTURE.md, "Deep imports only")', () => {
  // Every provider the blueprint depends on, so a provider added later is covered too.
  const { dependencies } = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  const providers = Object.keys(dependencies).filter((name) => name.startsWith('@cdktf/provider-'));

  it('in every file the type-check covers: app, scripts and tests', () => {
    const files = typeCheckedFiles(REPO_ROOT);
    expect(providers).toEqual(expect.arrayContaining(['@cdktf/provider-aws', '@cdktf/provider-databricks']));
    expect(files.map((source) => path.relative(REPO_ROOT, source.file))).toEqual(expect.arrayContaining(['main.ts', path.join('test', 'constructs', 'construct-boundaries.test.ts')]));
    expect(packageRootImports(files, providers)).toEqual([]);
  });

  it('the check sees a root import, re-export, require and import(), and lets deep imports and other packages pass', () => {
    const packages = ['@cdktf/provider-aws', '@cdktf/provider-databricks', '@cdktf/provider-time', '@cdktf/provider-random'];
    const offender = fake('offender.ts', [
      "import { S3Bucket } from '@cdktf/provider-aws';",
      "export { Catalog } from '@cdktf/provider-databricks';",
      "const time = require('@cdktf/provider-time');",
      "const random = import('@cdktf/provider-random');",
      "import { Grants } from '@cdktf/provider-databricks/lib/grants';",
      "import { App } from 'cdktf';",
      "// '@cdktf/provider-aws' in a comment is no import",
    ].join('\n'));
    expect(packageRootImports([offender], packages)).toEqual([
      `${offender.file}: @cdktf/provider-aws`,
      `${offender.file}: @cdktf/provider-databricks`,
      `${offender.file}: @cdktf/provider-time`,
      `${offender.file}: @cdktf/provider-random`,
    ]);
  });
});

describe('constructs take props of their own (docs/ARCHITECTURE.md, "Constructs and their props")', () => {
  it('no file under constructs/ imports from environments/', () => {
    expect(sources.length).toBeGreaterThan(0);
    expect(importsInto(sources, ENVIRONMENTS_DIR)).toEqual([]);
  });

  it('no construct props interface declares databricksAccountId or region: both come from the stack context', () => {
    // Every construct constructor with props is found, so the rule cannot pass by finding nothing.
    const withProps = sources.flatMap((source) => [...source.text.matchAll(/constructor\(scope: Construct, id: string, props: (\w+)\)/g)].map((match) => match[1]));
    const checked = constructPropsTypes(sources).map((found) => found.props);
    expect(withProps.length).toBeGreaterThan(0);
    expect(checked).toEqual(expect.arrayContaining(withProps));
    expect(contextOnlyPropsDeclared(sources, CONTEXT_FILE)).toEqual([]);
  });

  describe('the checks themselves', () => {
    it('see static imports, re-exports, require and dynamic import into environments/, and nothing else', () => {
      const offender = fake('offender.ts', [
        "import type { AccountConfig } from '../../environments/schema';",
        "export { x } from '../../environments/lib/groups';",
        "const y = require('../../environments');",
        "const z = import('../../environments/schema/primitives');",
        "import { Naming } from '../naming';",
        "import { Construct } from 'constructs';",
      ].join('\n'));
      expect(moduleSpecifiers(offender)).toHaveLength(6);
      expect(importsInto([offender], ENVIRONMENTS_DIR)).toEqual([
        `${offender.file}: ../../environments/schema`,
        `${offender.file}: ../../environments/lib/groups`,
        `${offender.file}: ../../environments`,
        `${offender.file}: ../../environments/schema/primitives`,
      ]);
    });

    it('flag the fields on a class or function construct, directly or through an extended interface, but not on the context', () => {
      const offender = fake('offender.ts', `
        interface Located { readonly region: string }
        interface Keyed { readonly [databricksAccountId]: string }
        export class Third extends Construct { constructor(scope: Construct, id: string, props: Keyed) { super(scope, id); } }
        export interface FirstProps extends Located { readonly databricksAccountId: string; readonly name: string }
        export interface SecondProps { readonly context: StackContext; readonly metastoreRegion: string }
        export class First extends Construct { constructor(scope: Construct, id: string, props: FirstProps) { super(scope, id); } }
        export function createSecond(scope: Construct, props: SecondProps): void {}
        export interface HelperOptions { readonly region: string }
        export function helper(options: HelperOptions): void {}
      `);
      const context: SourceFile = { file: CONTEXT_FILE, text: 'export interface StackContext { readonly region: string; readonly databricksAccountId: string }' };
      expect(contextOnlyPropsDeclared([offender, context], CONTEXT_FILE)).toEqual(['First (FirstProps): databricksAccountId', 'First (FirstProps): region']);
    });
  });
});
