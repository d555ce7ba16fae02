/**
 * For specifications of scripts/lib/cli.ts: around each test, the tool's stderr is captured (and what
 * commander writes, through `configureOutput({ writeErr: (s) => output.stderr.push(s) })`), stdout is
 * silenced, and argv and the exit code are restored. Call it inside a describe.
 */
export function captureCliOutput(): { stderr: string[] } {
  const output = { stderr: [] as string[] };
  const saved = { argv: process.argv, exitCode: process.exitCode };
  beforeEach(() => {
    output.stderr = [];
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => (output.stderr.push(String(chunk)), true));
    jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    process.exitCode = undefined;
  });
  afterEach(() => {
    jest.restoreAllMocks();
    process.argv = saved.argv;
    process.exitCode = saved.exitCode;
  });
  return output;
}
