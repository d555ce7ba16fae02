// js-yaml ships no types and @types/js-yaml is not installed; the tests and scripts/lib/fork.ts need these two.
declare module 'js-yaml' {
  export function load(text: string): unknown;
  export function dump(value: unknown, options?: { lineWidth?: number; noRefs?: boolean }): string;
}
