import * as path from 'node:path';
import {
  constructPropsTypes,
  contextOnlyPropsDeclared,
  importsInto,
  moduleSpecifiers,
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
