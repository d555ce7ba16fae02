import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadConfig } from '../../environments';
import { environmentName, generateEnvironmentSet, writeEnvironmentSet } from '../../scripts/lib/bench/generate';
import { parseGnuTime, parseNodeRusage, type Measurement } from '../../scripts/lib/bench/measure';
import { TARGETS, evaluateTargets, formatTable, formatTargets, median, speedup, type BenchRow } from '../../scripts/lib/bench/report';
import { configureSynthRuntime } from '../../stacks/synth-runtime';

const scratch = mkdtempSync(path.join(tmpdir(), 'bench-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('generateEnvironmentSet', () => {
  it.each([3, 50])('writes %i environments that pass loadConfig validation', (count) => {
    const dir = writeEnvironmentSet(path.join(scratch, `set-${count}`), generateEnvironmentSet(count));
    expect(readdirSync(dir).sort()).toEqual(['account.json', ...Array.from({ length: count }, (_, i) => `${environmentName(i + 1)}.json`)].sort());

    const config = loadConfig(dir);
    expect(config.environments).toHaveLength(count);
    const distinct = (values: string[]) => new Set(values).size;
    expect(distinct(config.environments.map((e) => e.databricks.deploymentName))).toBe(count);
    expect(distinct(config.environments.map((e) => e.aws.accountId))).toBe(count);
    expect(distinct(config.environments.map((e) => (e.network.mode === 'create' ? e.network.vpcCidr : '')))).toBe(count);
    for (const env of config.environments) expect(config.account.metastoreRegions).toContain(env.aws.region);
  });

  it('names environments env001.. and uses one /16 per environment', () => {
    const set = generateEnvironmentSet(12);
    expect(set.environments[0].name).toBe('env001');
    expect(set.environments[11].name).toBe('env012');
    expect(set.environments[11].network).toMatchObject({ mode: 'create', vpcCidr: '10.12.0.0/16' });
  });

  it('rejects counts the address plan cannot hold', () => {
    expect(() => generateEnvironmentSet(0)).toThrow(/from 1 to 250/);
    expect(() => generateEnvironmentSet(251)).toThrow(/from 1 to 250/);
  });
});

describe('rusage parsing', () => {
  it('reads GNU time "%U %S %M" (last line; earlier lines are warnings)', () => {
    expect(parseGnuTime('Command exited with non-zero status 1\n1.20 0.30 204800\n')).toEqual({ cpuMs: 1500, peakRssMb: 200 });
    expect(() => parseGnuTime('garbage')).toThrow(/unexpected GNU time output/);
  });

  it('adds CPU and takes the largest RSS across Node processes', () => {
    const text = `${JSON.stringify({ cpuUs: 1_000_000, maxRssKb: 102400 })}\n${JSON.stringify({ cpuUs: 500_000, maxRssKb: 51200 })}\n`;
    expect(parseNodeRusage(text)).toEqual({ cpuMs: 1500, peakRssMb: 100 });
    expect(() => parseNodeRusage('')).toThrow(/no process/);
  });
});

const m = (wallMs: number, cpuMs: number, peakRssMb: number): Measurement => ({ wallMs, cpuMs, peakRssMb });
const row = (label: string, environments: number, app: Measurement, baseline?: Measurement): BenchRow => ({
  label, environments, stacks: environments + 2, app, baseline,
});

describe('median', () => {
  it('takes the median of each field separately', () => {
    expect(median([m(3, 10, 100), m(1, 30, 300), m(2, 20, 200)])).toEqual(m(2, 20, 200));
    expect(median([m(1, 1, 1), m(3, 3, 3)])).toEqual(m(2, 2, 2));
  });
});

describe('formatTable', () => {
  it('prints one aligned row per set with the speedup against the baseline', () => {
    const table = formatTable([row('example', 3, m(900, 1000, 120.4), m(9000, 9500, 210)), row('50', 50, m(3000, 3100, 140))]);
    const lines = table.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^environments\s+stacks\s+wall s\s+cpu s\s+peak MB\s+baseline wall s\s+baseline peak MB\s+speedup$/);
    expect(lines[2].split(/\s+/)).toEqual(['example', '5', '0.90', '1.00', '120', '9.00', '210', '10.0x']);
    expect(lines[3].split(/\s+/)).toEqual(['50', '52', '3.00', '3.10', '140', '-', '-', '-']);
    expect(new Set(lines.map((line) => line.length)).size).toBe(1);
  });

  it('leaves the baseline columns out when no row has one', () => {
    expect(formatTable([row('3', 3, m(1, 1, 1))])).not.toMatch(/baseline|speedup/);
  });
});

describe('evaluateTargets', () => {
  const linear = [row('example', 3, m(1000, 1000, 130), m(8000, 8000, 210)), row('3', 3, m(1000, 1000, 130)), row('10', 10, m(1300, 1300, 135)), row('50', 50, m(3000, 3000, 160))];
  const verdicts = (rows: BenchRow[], testMs?: number) => Object.fromEntries(evaluateTargets(rows, testMs).map((t) => [t.name, t.pass]));

  it('passes a fast, linear run', () => {
    expect(Object.values(verdicts(linear, 20_000))).toEqual(Array(7).fill(true));
    expect(speedup(linear[0])).toBe(8);
  });

  it('fails each target it measured and skips what it did not', () => {
    const slow = [
      row('example', 3, m(2100, 2000, 130), m(4000, 4000, 210)),
      row('3', 3, m(1000, 1000, 130)),
      row('10', 10, m(1300, 1300, 135)),
      row('50', 50, m(20_000, 20_000, 2000)), // 467 ms/env and 47 MB/env in the last step: superlinear
    ];
    const result = evaluateTargets(slow, undefined);
    expect(result.filter((t) => t.pass === false).map((t) => t.name)).toEqual([
      'npm run synth (example app) <= 2.00 s',
      '50 environments < 10.00 s',
      '50 environments < 1536 MB peak',
      'cpu time grows linearly with environments',
      'peak memory grows linearly with environments',
      'npm run synth >= 3x faster than npx cdktf synth',
    ]);
    expect(result.find((t) => t.pass === undefined)?.name).toBe('whole test suite <= 30.00 s');
    expect(formatTargets(result)).toMatch(/^FAIL {2}npm run synth \(example app\) <= 2\.00 s: 2\.10 s$/m);
    expect(formatTargets(result)).toMatch(/^SKIP {2}whole test suite/m);
  });

  it('skips linearity with fewer than three sizes and the ratio without a baseline', () => {
    const names = evaluateTargets([row('example', 3, m(1000, 1000, 100)), row('50', 50, m(3000, 3000, 150))], 1000)
      .filter((t) => t.pass === undefined)
      .map((t) => t.name);
    expect(names).toEqual(['cpu time grows linearly with environments', 'peak memory grows linearly with environments', 'npm run synth >= 3x faster than npx cdktf synth']);
    expect(TARGETS.largeEnvironments).toBe(50);
  });
});

describe('configureSynthRuntime', () => {
  it('changes nothing when BLUEPRINT_DEBUG=1', () => {
    const before = Error.prepareStackTrace;
    expect(configureSynthRuntime({ BLUEPRINT_DEBUG: '1' })).toBe(false);
    expect(Error.prepareStackTrace).toBe(before);
  });
});
