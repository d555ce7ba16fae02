/**
 * Process settings for `cdktf synth` (main.ts imports this first, before cdktf loads).
 *
 * cdktf records a full, unlimited-depth stack trace for every token it creates (an attribute
 * reference, a lazy value): thousands per environment. Under tsx, Node's source maps are on, so each
 * trace is also mapped through the inline source maps of every cdktf module. Profiling a
 * 50-environment synth put about a third of the run there. The traces only decorate the message of a
 * token that fails to resolve, so the app skips them; BLUEPRINT_DEBUG=1 restores both.
 * See docs/performance.md.
 */
import * as path from 'node:path';

let skipCreationStacks = false;

export function configureSynthRuntime(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.BLUEPRINT_DEBUG === '1') return false;
  process.setSourceMapsEnabled(false);
  skipCreationStacks = true;
  const previous = Error.prepareStackTrace;
  Error.prepareStackTrace = (error, frames) => {
    // cdktf captures its creation stacks on plain objects; real errors keep their trace.
    if (!(error instanceof Error)) return '';
    return previous ? previous(error, frames) : `${header(error)}${frames.map((frame) => `\n    at ${frame}`).join('')}`;
  };
  return true;
}

/**
 * With the formatter of configureSynthRuntime a creation stack always came out empty: once cdktf loads
 * (stacks/app.ts; a bad environment file is reported before that), its capture returns the empty list
 * without V8 walking the frames. cdktf calls it through its module's exports, so replacing the export is enough.
 * The jest workers do the same (test/support/jest/shared-modules-environment.cjs, item 3).
 */
export function applyCreationStackSetting(): void {
  if (!skipCreationStacks) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a cdktf internal without types
  (require('cdktf/lib/tokens/private/stack-trace') as { captureStackTrace: () => string[] }).captureStackTrace = () => [];
}

function header(error: Error): string {
  try {
    return String(error);
  } catch {
    return 'Error';
  }
}

/** Entry points that synthesize (cdktf.json "app" and `npm run synth`); tests and tools keep Node's defaults. */
const SYNTH_ENTRY_POINTS = [path.join(__dirname, '..', 'main'), path.join(__dirname, '..', 'scripts', 'synth')];
if (SYNTH_ENTRY_POINTS.includes(require.main?.filename.replace(/\.[cm]?[jt]s$/, '') ?? '')) {
  configureSynthRuntime();
}
