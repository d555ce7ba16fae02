// eslint-disable-next-line @typescript-eslint/no-require-imports -- the module object itself, not a namespace copy: a spy on it reaches cdktf's calls
import childProcess = require('node:child_process');

/**
 * Runs `synthesize` as on a machine without terraform on PATH (a runner that only synthesizes, an
 * OpenTofu install): cdktf's version checks run `terraform version` through execSync, which fails here
 * as the shell would. Returns what `synthesize` returned and every command it tried to run.
 */
export function withoutTerraformBinary<T>(synthesize: () => T): { result: T; commands: string[] } {
  const commands: string[] = [];
  const execSync = jest.spyOn(childProcess, 'execSync').mockImplementation((command: string) => {
    commands.push(command);
    throw new Error(`/bin/sh: 1: ${command.split(' ')[0]}: not found`);
  });
  try {
    return { result: synthesize(), commands };
  } finally {
    execSync.mockRestore();
  }
}
