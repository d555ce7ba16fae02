import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/** One run of one command: wall time from the parent, CPU and peak RSS of the child processes. */
export interface Measurement {
  readonly wallMs: number;
  readonly cpuMs: number;
  /** Largest resident set of any single child process, in MiB. */
  readonly peakRssMb: number;
}

export interface Step {
  readonly label: string;
  readonly argv: string[];
}

export class CommandFailed extends Error {}

const GNU_TIME = '/usr/bin/time';
const REPORTER = path.join(__dirname, 'rusage-reporter.cjs');

/** GNU time (`-f`, `-o`) when it exists; else a --require hook that reports Node's own rusage. */
export function detectMeter(): 'gnu-time' | 'node-rusage' {
  const probe = spawnSync(GNU_TIME, ['-f', '%M', '-o', '/dev/null', 'true'], { stdio: 'ignore' });
  return probe.status === 0 ? 'gnu-time' : 'node-rusage';
}

/**
 * Runs the steps one after another (a baseline can be "type-check, then run") and adds them up:
 * wall and CPU are summed, peak memory is the largest step's. Throws CommandFailed on a non-zero exit.
 */
export function measureSteps(steps: Step[], options: MeasureOptions): Measurement {
  let wallMs = 0;
  let cpuMs = 0;
  let peakRssMb = 0;
  for (const step of steps) {
    const m = measureOne(step, options);
    wallMs += m.wallMs;
    cpuMs += m.cpuMs;
    peakRssMb = Math.max(peakRssMb, m.peakRssMb);
  }
  return { wallMs, cpuMs, peakRssMb };
}

export interface MeasureOptions {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly meter: 'gnu-time' | 'node-rusage';
  /** Receives each step's stdout, for checking what the command produced. */
  readonly onStdout?: (stdout: string) => void;
}

function measureOne(step: Step, options: MeasureOptions): Measurement {
  const scratch = mkdtempSync(path.join(tmpdir(), 'bench-rusage-'));
  const report = path.join(scratch, 'rusage');
  try {
    const gnu = options.meter === 'gnu-time';
    const [command, args] = gnu ? [GNU_TIME, ['-f', '%U %S %M', '-o', report, ...step.argv]] : [step.argv[0], step.argv.slice(1)];
    const env = gnu
      ? options.env
      : { ...options.env, BENCH_RUSAGE_FILE: report, NODE_OPTIONS: `${options.env.NODE_OPTIONS ?? ''} --require ${JSON.stringify(REPORTER)}`.trim() };
    const started = process.hrtime.bigint();
    const result = spawnSync(command, args, { cwd: options.cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
    if (result.error) throw new CommandFailed(`${step.label}: ${result.error.message}`);
    if (result.status !== 0) {
      throw new CommandFailed(`${step.label} exited with ${result.status ?? result.signal}:\n${tail(result.stderr || result.stdout)}`);
    }
    options.onStdout?.(result.stdout);
    const text = readFileSync(report, 'utf8');
    return { wallMs, ...(gnu ? parseGnuTime(text) : parseNodeRusage(text)) };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** `%U %S %M`: user and system seconds, peak RSS in KiB (the last line; earlier ones are warnings). */
export function parseGnuTime(text: string): { cpuMs: number; peakRssMb: number } {
  const line = text.trim().split('\n').pop() ?? '';
  const [user, system, rssKb] = line.trim().split(/\s+/).map(Number);
  if ([user, system, rssKb].some((n) => n === undefined || Number.isNaN(n))) throw new Error(`unexpected GNU time output: ${JSON.stringify(text)}`);
  return { cpuMs: (user + system) * 1000, peakRssMb: rssKb / 1024 };
}

/** One JSON line per Node process (see rusage-reporter.cjs): CPU adds up, peak RSS is the largest. */
export function parseNodeRusage(text: string): { cpuMs: number; peakRssMb: number } {
  const lines = text.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as { cpuUs: number; maxRssKb: number });
  if (lines.length === 0) throw new Error('no process reported its resource usage');
  return {
    cpuMs: lines.reduce((sum, l) => sum + l.cpuUs / 1000, 0),
    peakRssMb: Math.max(...lines.map((l) => l.maxRssKb)) / 1024,
  };
}

function tail(text: string, lines = 20): string {
  return text.trim().split('\n').slice(-lines).join('\n');
}
