import type { Measurement } from './measure';

/** Median of each field separately (runs are noisy in different ways for time and memory). */
export function median(runs: Measurement[]): Measurement {
  if (runs.length === 0) throw new Error('median of no runs');
  const mid = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const half = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
  };
  return {
    wallMs: mid(runs.map((r) => r.wallMs)),
    cpuMs: mid(runs.map((r) => r.cpuMs)),
    peakRssMb: mid(runs.map((r) => r.peakRssMb)),
  };
}

export interface BenchRow {
  /** "example" (environments/) or the number of generated environments as text. */
  readonly label: string;
  readonly environments: number;
  /** Stacks written: bootstrap + account + one per environment. */
  readonly stacks: number;
  readonly app: Measurement;
  readonly baseline?: Measurement;
}

/** How many times longer the baseline takes (wall time); undefined without a baseline. */
export function speedup(row: BenchRow): number | undefined {
  return row.baseline ? row.baseline.wallMs / row.app.wallMs : undefined;
}

const seconds = (ms: number) => (ms / 1000).toFixed(2);
const megabytes = (mb: number) => mb.toFixed(0);

/** A fixed-width text table; columns right-aligned except the first. */
export function formatTable(rows: BenchRow[]): string {
  const withBaseline = rows.some((row) => row.baseline);
  const header = ['environments', 'stacks', 'wall s', 'cpu s', 'peak MB'];
  if (withBaseline) header.push('baseline wall s', 'baseline peak MB', 'speedup');
  const body = rows.map((row) => {
    const cells = [row.label, String(row.stacks), seconds(row.app.wallMs), seconds(row.app.cpuMs), megabytes(row.app.peakRssMb)];
    if (withBaseline) {
      const ratio = speedup(row);
      cells.push(
        row.baseline ? seconds(row.baseline.wallMs) : '-',
        row.baseline ? megabytes(row.baseline.peakRssMb) : '-',
        ratio === undefined ? '-' : `${ratio.toFixed(1)}x`,
      );
    }
    return cells;
  });
  const widths = header.map((title, column) => Math.max(title.length, ...body.map((cells) => cells[column].length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n') + '\n';
}

export interface TargetResult {
  readonly name: string;
  /** undefined when the run did not measure what the target needs (e.g. --skip-baseline). */
  readonly pass: boolean | undefined;
  readonly detail: string;
}

export interface Targets {
  readonly exampleWallMs: number;
  readonly largeEnvironments: number;
  readonly largeWallMs: number;
  readonly largePeakMb: number;
  readonly testSuiteMs: number;
  readonly minSpeedup: number;
  /** Per-environment cost of the last size step may be at most this times the first step's (+ floor). */
  readonly linearFactor: number;
  readonly linearFloorCpuMs: number;
  readonly linearFloorMb: number;
}

/** The performance targets (issue #13, docs/performance.md): what a user waits for. */
export const TARGETS: Targets = {
  exampleWallMs: 2000,
  largeEnvironments: 50,
  largeWallMs: 10_000,
  largePeakMb: 1536,
  testSuiteMs: 30_000,
  minSpeedup: 3,
  linearFactor: 2.5,
  linearFloorCpuMs: 50,
  linearFloorMb: 4,
};

/** Marginal cost per added environment between two rows. */
function slope(a: BenchRow, b: BenchRow, value: (m: Measurement) => number): number {
  return (value(b.app) - value(a.app)) / (b.environments - a.environments);
}

export function evaluateTargets(rows: BenchRow[], testSuiteMs: number | undefined, targets: Targets = TARGETS): TargetResult[] {
  const example = rows.find((row) => row.label === 'example');
  const large = rows.find((row) => row.label !== 'example' && row.environments === targets.largeEnvironments);
  const generated = rows.filter((row) => row.label !== 'example').sort((a, b) => a.environments - b.environments);
  const missing = (what: string) => ({ pass: undefined, detail: `not measured (${what})` });
  const results: TargetResult[] = [];

  results.push({
    name: `npm run synth (example app) <= ${seconds(targets.exampleWallMs)} s`,
    ...(example ? { pass: example.app.wallMs <= targets.exampleWallMs, detail: `${seconds(example.app.wallMs)} s` } : missing('example row')),
  });
  results.push({
    name: `${targets.largeEnvironments} environments < ${seconds(targets.largeWallMs)} s`,
    ...(large ? { pass: large.app.wallMs < targets.largeWallMs, detail: `${seconds(large.app.wallMs)} s` } : missing(`size ${targets.largeEnvironments}`)),
  });
  results.push({
    name: `${targets.largeEnvironments} environments < ${megabytes(targets.largePeakMb)} MB peak`,
    ...(large ? { pass: large.app.peakRssMb < targets.largePeakMb, detail: `${megabytes(large.app.peakRssMb)} MB` } : missing(`size ${targets.largeEnvironments}`)),
  });
  for (const [what, value, floor, unit] of [
    ['cpu time', (m: Measurement) => m.cpuMs, targets.linearFloorCpuMs, 'ms'],
    ['peak memory', (m: Measurement) => m.peakRssMb, targets.linearFloorMb, 'MB'],
  ] as const) {
    const name = `${what} grows linearly with environments`;
    if (generated.length < 3) {
      results.push({ name, ...missing('needs three sizes') });
      continue;
    }
    const first = slope(generated[0], generated[1], value);
    const last = slope(generated[generated.length - 2], generated[generated.length - 1], value);
    results.push({
      name,
      pass: last <= targets.linearFactor * Math.max(first, 0) + floor,
      detail: `${first.toFixed(1)} ${unit}/env at first step, ${last.toFixed(1)} ${unit}/env at last step`,
    });
  }
  results.push({
    name: `whole test suite <= ${seconds(targets.testSuiteMs)} s`,
    ...(testSuiteMs === undefined ? missing('--skip-tests') : { pass: testSuiteMs <= targets.testSuiteMs, detail: `${seconds(testSuiteMs)} s` }),
  });
  const ratio = example ? speedup(example) : undefined;
  results.push({
    name: `npm run synth >= ${targets.minSpeedup}x faster than npx cdktf synth`,
    ...(ratio === undefined ? missing('--skip-baseline') : { pass: ratio >= targets.minSpeedup, detail: `${ratio.toFixed(1)}x` }),
  });
  return results;
}

export function formatTargets(results: TargetResult[]): string {
  const verdict = (pass: boolean | undefined) => (pass === undefined ? 'SKIP' : pass ? 'PASS' : 'FAIL');
  return results.map((r) => `${verdict(r.pass)}  ${r.name}: ${r.detail}`).join('\n') + '\n';
}

/**
 * The suite's line: median wall time and each run, then CPU seconds the same way. CPU seconds say whether
 * a slow run was slow work or a slow host: on a shared machine the same work costs more CPU in a busy minute.
 */
export function formatSuiteLine(runs: Measurement[]): string {
  const seconds = (ms: number) => (ms / 1000).toFixed(2);
  const { wallMs, cpuMs } = median(runs);
  return `whole test suite: ${seconds(wallMs)} s wall, median of ${runs.map((run) => seconds(run.wallMs)).join(', ')} s; `
    + `${seconds(cpuMs)} s CPU, median of ${runs.map((run) => seconds(run.cpuMs)).join(', ')} s\n`;
}
