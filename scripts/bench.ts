/**
 * Synthesis benchmark: the example app and N generated environments through `npm run synth` (what a
 * user runs and waits for), side by side with `npx cdktf synth` (the CLI, which deploy still uses).
 * Prints wall time, CPU time and peak memory (median of --runs, measured in rounds over every set) and PASS/FAIL per target; times the
 * whole test suite (median of --runs); runs the billing report on 1 GB of generated usage CSV (throughput and peak memory).
 * Exit 1 only with --check and a FAIL. See docs/performance.md.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { runCli } from './lib/cli';
import { generateEnvironmentSet, writeEnvironmentSet, MAX_ENVIRONMENTS } from './lib/bench/generate';
import { CommandFailed, detectMeter, measureSteps, type Measurement, type Step } from './lib/bench/measure';
import { inRounds } from './lib/bench/rounds';
import { evaluateTargets, formatSuiteLine, formatTable, formatTargets, median, type BenchRow } from './lib/bench/report';
import { checkReport, evaluateBillingTargets, throughput, writeUsageSet, type BillingResult } from './lib/bench/billing';

const repoRoot = path.join(__dirname, '..');

interface CliOptions {
  sizes: number[]; runs: number; json?: boolean; skipBaseline?: boolean; skipTests?: boolean; check?: boolean;
  skipBilling?: boolean; billingOnly?: boolean; billingMb: number; billingFiles: number;
}

function parseSizes(value: string): number[] {
  const sizes = value.split(',').map((s) => Number(s.trim()));
  if (sizes.length === 0 || sizes.some((n) => !Number.isInteger(n) || n < 1 || n > MAX_ENVIRONMENTS)) {
    throw new InvalidArgumentError(`expected comma-separated integers from 1 to ${MAX_ENVIRONMENTS}`);
  }
  return [...new Set(sizes)].sort((a, b) => a - b);
}

function parseRuns(value: string): number {
  const runs = Number(value);
  if (!Number.isInteger(runs) || runs < 1) throw new InvalidArgumentError('expected a positive integer');
  return runs;
}

/**
 * The billing report on `mb` MB of generated usage CSV in `files` files (written to `scratch`, deleted after):
 * wall time, CPU and peak RSS of the report's process (worker threads included), checked against the known totals.
 */
function benchBilling(scratch: string, mb: number, files: number, meter: 'gnu-time' | 'node-rusage', log: (line: string) => void): BillingResult {
  const dir = path.join(scratch, 'usage');
  const started = Date.now();
  const set = writeUsageSet(dir, mb * 1e6, files);
  log(`bench: billing report on ${(set.bytes / 1e6).toFixed(0)} MB of CSV in ${files} file(s) (written in ${((Date.now() - started) / 1000).toFixed(1)} s)...`);
  try {
    const argv = [process.execPath, '--require', path.join(repoRoot, 'scripts', 'register-ts.cjs'), path.join(repoRoot, 'scripts', 'billing-report.ts'), dir, '--json'];
    const run = measureSteps([{ label: 'billing-report', argv }], { cwd: repoRoot, env: process.env, meter, onStdout: (stdout) => checkReport(set, stdout) });
    return { set: { bytes: set.bytes, files: set.files, rows: set.rows, dbus: set.dbus }, run, mbPerSecond: throughput(set.bytes, run) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** An environment set to synthesize: the example app (no dir) or a generated set. */
interface SynthSet {
  readonly label: string;
  readonly environments: number;
  readonly dir?: string;
}

/** Replaced by each run's output folder in a step's argv. */
const OUTDIR = '{outdir}';

/** `npm run synth` exactly, through the npm that runs the bench when there is one. */
function synthSteps(): Step[] {
  const npmCli = process.env.npm_execpath;
  const npm = npmCli && /npm-cli\.c?js$/.test(npmCli) ? [process.execPath, npmCli] : ['npm'];
  return [{ label: 'npm run synth', argv: [...npm, 'run', '--silent', 'synth'] }];
}

/** The cdktf CLI's synth, as `npx cdktf synth` runs it (its start-up is what `npm run synth` saves). */
function baselineSteps(): { label: string; steps: Step[] } {
  return { label: 'npx cdktf synth', steps: [{ label: 'npx cdktf synth', argv: ['npx', 'cdktf', 'synth', '--output', OUTDIR] }] };
}

const withOutdir = (steps: Step[], outdir: string): Step[] => steps.map((step) => ({ ...step, argv: step.argv.map((arg) => (arg === OUTDIR ? outdir : arg)) }));

function main(options: CliOptions): number {
  const scratch = mkdtempSync(path.join(tmpdir(), 'blueprint-bench-'));
  try {
    const meter = detectMeter();
    const baseline = options.skipBaseline ? undefined : baselineSteps();
    const synth = synthSteps();
    const log = (line: string) => process.stderr.write(`${line}\n`);
    const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', node: process.version, loadAverage: loadavg()[0] };
    log(`bench: ${machine.cpus} cores (${machine.cpuModel}), Node ${process.version}, load average ${machine.loadAverage.toFixed(2)}, memory via ${meter}, median of ${options.runs} run(s)`);

    let outputs = 0;
    const measureSynth = (set: SynthSet, steps: Step[]): Measurement => {
      const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: '1' };
      delete env.BLUEPRINT_ENVIRONMENTS_DIR;
      if (set.dir) env.BLUEPRINT_ENVIRONMENTS_DIR = set.dir;
      const outdir = path.join(scratch, `out-${(outputs += 1)}`);
      const run = measureSteps(withOutdir(steps, outdir), { cwd: repoRoot, env: { ...env, CDKTF_OUTDIR: outdir }, meter });
      // A run that exits 0 but writes the wrong stacks would make the numbers meaningless.
      const written = readdirSync(path.join(outdir, 'stacks')).length;
      if (written !== set.environments + 2) throw new CommandFailed(`${set.label}: expected ${set.environments + 2} stacks, found ${written}`);
      rmSync(outdir, { recursive: true, force: true });
      return run;
    };

    // Warm-up (discarded): the first run after a clone fills the file system cache.
    if (!options.billingOnly) {
      measureSteps(synth, {
        cwd: repoRoot, env: { ...process.env, CHECKPOINT_DISABLE: '1', CDKTF_OUTDIR: path.join(scratch, 'warm-up') }, meter,
      });
    }
    const exampleCount = readdirSync(path.join(repoRoot, 'environments'))
      .filter((f) => /\.(ts|json)$/.test(f) && !['index', 'schema', 'account'].includes(path.parse(f).name)).length;
    const sets: SynthSet[] = options.billingOnly ? [] : [
      { label: 'example', environments: exampleCount },
      ...options.sizes.map((size) => ({
        label: String(size), environments: size, dir: writeEnvironmentSet(path.join(scratch, `environments-${size}`), generateEnvironmentSet(size)),
      })),
    ];
    // Every set, app then baseline, once per round (scripts/lib/bench/rounds.ts); the median of each is reported.
    const samples = inRounds(sets, options.runs, (set, round) => {
      log(`bench: ${set.label} environment(s), round ${round} of ${options.runs}...`);
      return { app: measureSynth(set, synth), baseline: baseline && measureSynth(set, baseline.steps) };
    });
    const rows: BenchRow[] = sets.map((set, index) => ({
      label: set.label, environments: set.environments, stacks: set.environments + 2,
      app: median(samples[index].map((sample) => sample.app)),
      baseline: baseline ? median(samples[index].map((sample) => sample.baseline!)) : undefined,
    }));
    const billing = options.skipBilling ? undefined : benchBilling(scratch, options.billingMb, options.billingFiles, meter, log);

    // Median of --runs, like the synth rows: one run can land on a moment when the host is much slower.
    const suiteRuns: Measurement[] = [];
    if (!options.skipTests && !options.billingOnly) {
      const jest = path.join(repoRoot, 'node_modules', 'jest', 'bin', 'jest.js');
      for (let run = 1; run <= options.runs; run += 1) {
        log(`bench: whole test suite, run ${run} of ${options.runs}...`);
        suiteRuns.push(measureSteps([{ label: 'jest', argv: [process.execPath, jest, '--silent'] }], { cwd: repoRoot, env: process.env, meter }));
      }
    }
    const testSuiteMs = suiteRuns.length > 0 ? median(suiteRuns).wallMs : undefined;
    const testSuiteRunsMs = suiteRuns.map((run) => run.wallMs);

    const targets = [...evaluateTargets(rows, testSuiteMs), ...evaluateBillingTargets(billing)];
    if (options.json) {
      process.stdout.write(`${JSON.stringify({ machine, meter, runs: options.runs, baseline: baseline?.label, rows, testSuiteMs, testSuiteRunsMs, testSuiteRunsCpuMs: suiteRuns.map((run) => run.cpuMs), billing, targets }, null, 2)}\n`);
    } else {
      if (rows.length > 0) process.stdout.write(`\n${formatTable(rows)}`);
      if (testSuiteMs !== undefined) {
        process.stdout.write(`\n${formatSuiteLine(suiteRuns)}`);
      }
      if (billing) {
        const { set, run } = billing;
        process.stdout.write(`\nbilling report: ${(set.bytes / 1e6).toFixed(0)} MB, ${set.files} file(s), ${set.rows} rows: `
          + `${(run.wallMs / 1000).toFixed(2)} s wall, ${(run.cpuMs / 1000).toFixed(2)} s CPU, ${run.peakRssMb.toFixed(0)} MB peak, `
          + `${billing.mbPerSecond.toFixed(1)} MB/s\n`);
      }
      if (baseline && rows.length > 0) process.stdout.write(`baseline: ${baseline.label}\n`);
      const ratio = baseline && rows.length > 0 ? '; speedup = baseline wall / app wall' : '';
      process.stdout.write(`${machine.cpus} cores, Node ${process.version}, median of ${options.runs} run(s)${ratio}; billing report: one run\n\n`);
      process.stdout.write(formatTargets(targets));
    }
    return options.check && targets.some((t) => t.pass === false) ? 1 : 0;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const program = new Command('bench')
  .description('Benchmark `npm run synth` on the example app and N generated environments against `npx cdktf synth`, and the test suite.')
  .option('--sizes <list>', 'comma-separated environment counts to generate', parseSizes, [3, 10, 50])
  .option('--runs <n>', 'runs per measurement; the median is reported', parseRuns, 3)
  .option('--json', 'print machine, rows and targets as JSON')
  .option('--skip-baseline', 'do not measure npx cdktf synth')
  .option('--skip-tests', 'do not time the whole test suite')
  .option('--skip-billing', 'do not measure the billing report')
  .option('--billing-only', 'measure only the billing report (no synth, no test suite)')
  .option('--billing-mb <n>', 'MB of usage CSV generated for the billing report', parseRuns, 1000)
  .option('--billing-files <n>', 'number of files the billing CSV is split into', parseRuns, 8)
  .option('--check', 'exit 1 when a target fails')
  .action((options: CliOptions) => {
    process.exitCode = main(options);
  });

runCli(program);
