import { CommanderError, type Command } from 'commander';

/** Exit code of every repository tool for bad usage (missing file, bad option): never a stack trace. */
export const EXIT_USAGE = 2;

/**
 * Parses argv and runs the program's action with the exit codes the tools share: help and version
 * exit 0, a usage error exits 2 with one line. Commander's own exit code 1 would read as a finding.
 * `isUsageError` decides which other errors are the user's (one line) rather than bugs (rethrown).
 */
export function runCli(program: Command, isUsageError: (error: unknown) => boolean = () => true): void {
  program.exitOverride();
  try {
    program.parse();
  } catch (error) {
    handleCliError(program, error, isUsageError);
  }
}

/** runCli for a program whose action is async (awaits it, same exit codes). */
export async function runCliAsync(program: Command, isUsageError: (error: unknown) => boolean = () => true): Promise<void> {
  program.exitOverride();
  try {
    await program.parseAsync();
  } catch (error) {
    handleCliError(program, error, isUsageError);
  }
}

function handleCliError(program: Command, error: unknown, isUsageError: (error: unknown) => boolean): void {
  if (error instanceof CommanderError) {
    // Commander has already printed its message.
    process.exitCode = error.exitCode === 0 ? 0 : EXIT_USAGE;
  } else if (isUsageError(error)) {
    process.stderr.write(`${program.name()}: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = EXIT_USAGE;
  } else {
    throw error;
  }
}
