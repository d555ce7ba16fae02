// Registers the cdktf jest matchers (toHaveResource, toHaveResourceWithProperties, ...).
import { Testing } from 'cdktf';

Testing.setupJest();

type Tester = (this: { equals(a: unknown, b: unknown, testers: Tester[]): boolean }, a: unknown, b: unknown, testers: Tester[]) => boolean | undefined;

const tagOf = (value: unknown) => Object.prototype.toString.call(value);

/**
 * The app's modules are shared by the test files of a jest worker and live in Node's realm, not the test
 * file's (test/support/jest/shared-modules-environment.cjs). Jest compares a Map or Set only with one of
 * its own realm, so a Map the app returns would never equal `new Map(...)` in a test: compare copies made
 * here instead. (Plain objects compare across realms with toEqual; toStrictEqual also compares prototypes.)
 */
const collectionsAcrossRealms: Tester = function (a, b, testers) {
  const tag = tagOf(a);
  if (tag !== tagOf(b) || (a as object)?.constructor === (b as object)?.constructor) return undefined;
  if (tag === '[object Map]') return this.equals(new Map(a as Map<unknown, unknown>), new Map(b as Map<unknown, unknown>), testers);
  if (tag === '[object Set]') return this.equals(new Set(a as Set<unknown>), new Set(b as Set<unknown>), testers);
  return undefined;
};

(expect as unknown as { addEqualityTesters(testers: Tester[]): void }).addEqualityTesters([collectionsAcrossRealms]);
