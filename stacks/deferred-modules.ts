/**
 * cdktf loads two libraries at start-up that a synth of this app never calls: `archiver` (about 200
 * modules with its dependencies; only for a TerraformAsset of type ARCHIVE, and the app's one asset is
 * a FILE) and `semver` (45 modules; only for the `terraform version` check the app drops,
 * stacks/terraform-binary-checks.ts). Loading and compiling them cost about 0.1 s of every synth.
 * Before cdktf loads, each gets a stand-in in Node's module cache that loads the real library on its
 * first use, so nothing changes for code that does use them. See docs/performance.md.
 */
import Module from 'node:module';
import * as path from 'node:path';

/** A library cdktf loads, and the cdktf file (under node_modules/cdktf/lib) that requires it. */
export interface DeferredLibrary {
  readonly library: string;
  readonly requiredFrom: string;
}

export const CDKTF_DEFERRED_LIBRARIES: readonly DeferredLibrary[] = [
  { library: 'archiver', requiredFrom: 'private/fs.js' },
  { library: 'semver', requiredFrom: 'validations/validate-binary-version.js' },
];

/**
 * Installs the stand-ins and returns the files deferred. A library already loaded (cdktf loaded before) is
 * left alone, and so is one that cdktf no longer depends on: a saving must never break a synth.
 */
export function deferUnusedCdktfModules(libraries: readonly DeferredLibrary[] = CDKTF_DEFERRED_LIBRARIES): string[] {
  const cdktfLib = path.join(path.dirname(require.resolve('cdktf/package.json')), 'lib');
  const deferred: string[] = [];
  for (const { library, requiredFrom } of libraries) {
    let filename: string;
    try {
      filename = require.resolve(library, { paths: [path.dirname(path.join(cdktfLib, requiredFrom))] });
    } catch {
      continue;
    }
    if (require.cache[filename]) continue;
    const standIn = new Module(filename);
    standIn.filename = filename;
    standIn.loaded = true;
    standIn.exports = loadOnFirstUse(filename);
    require.cache[filename] = standIn;
    deferred.push(filename);
  }
  return deferred;
}

/**
 * A callable proxy for the module at `filename` (archiver exports a function, semver an object): the first
 * call, property read, `in` test or key listing swaps the stand-in for the real module and forwards to it.
 * cdktf reads both with a plain `require` (test/stacks/deferred-modules.test.ts holds it to that).
 */
function loadOnFirstUse(filename: string): unknown {
  let real: object | undefined;
  const load = (): object => {
    if (!real) {
      delete require.cache[filename];
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the deferred load itself
      real = require(filename) as object;
    }
    return real;
  };
  // An arrow function: callable, with no non-configurable `prototype` that would bind the traps below.
  const target = (): void => undefined;
  return new Proxy(target, {
    apply: (_target, thisArg, args) => Reflect.apply(load() as (...a: unknown[]) => unknown, thisArg, args),
    get: (_target, key) => Reflect.get(load(), key),
    has: (_target, key) => Reflect.has(load(), key),
    ownKeys: () => Reflect.ownKeys(load()),
    // Reported configurable: a proxy may only call a property fixed when its target has it fixed.
    getOwnPropertyDescriptor: (_target, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(load(), key);
      return descriptor && { ...descriptor, configurable: true };
    },
  });
}
