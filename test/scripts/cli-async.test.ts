/**
 * runCliAsync: the exit codes every repository tool with an async action shares (the synchronous
 * runCli is specified in script-libs.test.ts): the action's own code on success, 0 for help and
 * version, 2 and one line for a usage error, and a bug rethrown with its stack trace.
 */
import { Command } from 'commander';
import { EXIT_USAGE, runCliAsync } from '../../scripts/lib/cli';
import { captureCliOutput } from '../support/cli-capture';

describe('runCliAsync', () => {
  const output = captureCliOutput();

  const run = async (args: string[], action: () => Promise<void> = async () => undefined, isUsageError?: (e: unknown) => boolean) => {
    const program = new Command('tool').version('1.0.0').option('--flag').configureOutput({ writeErr: (s) => output.stderr.push(s) }).action(action);
    process.argv = ['node', 'tool', ...args];
    await runCliAsync(program, isUsageError);
    return process.exitCode;
  };

  it('waits for the action and leaves the exit code to it', async () => {
    let finished = false;
    expect(await run([], async () => {
      await new Promise((resolve) => setImmediate(resolve));
      finished = true;
      process.exitCode = 1;
    })).toBe(1);
    expect(finished).toBe(true);
  });

  it('exits 0 for help and version, 2 for an unknown option', async () => {
    expect(await run(['--help'])).toBe(0);
    expect(await run(['--version'])).toBe(0);
    expect(await run(['--unknown'])).toBe(EXIT_USAGE);
  });

  it('prints a rejected action as one line named after the tool and exits 2', async () => {
    expect(await run([], async () => { throw new Error('no plan at x.json'); })).toBe(2);
    expect(output.stderr).toEqual(['tool: no plan at x.json\n']);
  });

  it('rethrows what the tool does not call a usage error', async () => {
    const bug = new TypeError('bug');
    await expect(run([], async () => { throw bug; }, (error) => !(error instanceof TypeError))).rejects.toBe(bug);
    expect(output.stderr).toEqual([]);
  });
});
