/**
 * The benchmark's verdicts at their boundaries and its generated environments, without running a
 * benchmark (test/scripts/bench.test.ts loads generated sets through loadConfig). Targets are
 * passed in, so the checks do not depend on the numbers in TARGETS.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { BENCH_REGION, generateEnvironmentSet, MAX_ENVIRONMENTS, writeEnvironmentSet } from '../../scripts/lib/bench/generate';
import type { Measurement } from '../../scripts/lib/bench/measure';
import { inRounds } from '../../scripts/lib/bench/rounds';
import { evaluateTargets, formatSuiteLine, formatTable, formatTargets, median, type BenchRow, type Targets } from '../../scripts/lib/bench/report';

const m = (wallMs: number, cpuMs: number, peakRssMb: number): Measurement => ({ wallMs, cpuMs, peakRssMb });
const row = (label: string, environments: number, app: Measurement, baseline?: Measurement): BenchRow => ({ label, environments, stacks: environments + 2, app, baseline });
const targets: Targets = {
  exampleWallMs: 1000, largeEnvironments: 20, largeWallMs: 5000, largePeakMb: 500, testSuiteMs: 10_000, minSpeedup: 2, linearFactor: 2, linearFloorCpuMs: 10, linearFloorMb: 1,
};
const byName = (rows: BenchRow[], testMs?: number) => Object.fromEntries(evaluateTargets(rows, testMs, targets).map((t) => [t.name, [t.pass, t.detail]]));

describe('evaluateTargets at the boundaries', () => {
  // Sizes 5, 10, 20: cpu 100 ms/env at the first step; memory 2 MB/env.
  const sizes = (lastCpuMs: number, lastMb: number) => [row('5', 5, m(500, 1000, 100)), row('10', 10, m(600, 1500, 110)), row('20', 20, m(4990, lastCpuMs, lastMb))];

  it('names each target after its limit and passes at the limit where the target says "<=" or ">="', () => {
    // Last step: (3600 - 1500) / 10 = 210 ms/env = 2 x 100 + 10; (160 - 110) / 10 = 5 MB/env = 2 x 2 + 1.
    const result = byName([row('example', 3, m(1000, 900, 90), m(2000, 2000, 120)), ...sizes(3600, 160)], 10_000);
    expect(result).toEqual({
      'npm run synth (example app) <= 1.00 s': [true, '1.00 s'],
      '20 environments < 5.00 s': [true, '4.99 s'],
      '20 environments < 500 MB peak': [true, '160 MB'],
      'cpu time grows linearly with environments': [true, '100.0 ms/env at first step, 210.0 ms/env at last step'],
      'peak memory grows linearly with environments': [true, '2.0 MB/env at first step, 5.0 MB/env at last step'],
      'whole test suite <= 10.00 s': [true, '10.00 s'],
      'npm run synth >= 2x faster than npx cdktf synth': [true, '2.0x'],
    });
  });

  it('fails just past each limit, and at the limit where the target says "<"', () => {
    const result = byName([row('example', 3, m(1001, 900, 90), m(2001, 2000, 120)), row('5', 5, m(500, 1000, 100)), row('10', 10, m(600, 1500, 110)), row('20', 20, m(5000, 3601, 500))], 10_001);
    expect(Object.fromEntries(Object.entries(result).map(([name, [pass]]) => [name, pass]))).toEqual({
      'npm run synth (example app) <= 1.00 s': false,
      '20 environments < 5.00 s': false,
      '20 environments < 500 MB peak': false,
      'cpu time grows linearly with environments': false,
      'peak memory grows linearly with environments': false,
      'whole test suite <= 10.00 s': false,
      'npm run synth >= 2x faster than npx cdktf synth': false,
    });
  });

  it('allows the floor alone when the first step costs nothing or less', () => {
    // First step: -20 ms/env (noise) counts as 0; last step 10 ms/env = the floor.
    const rows = [row('5', 5, m(1, 1100, 100)), row('10', 10, m(1, 1000, 100)), row('20', 20, m(1, 1100, 110))];
    expect(byName(rows)['cpu time grows linearly with environments']).toEqual([true, '-20.0 ms/env at first step, 10.0 ms/env at last step']);
    rows[2] = row('20', 20, m(1, 1101, 111.1));
    expect(byName(rows)['cpu time grows linearly with environments'][0]).toBe(false);
    expect(byName(rows)['peak memory grows linearly with environments'][0]).toBe(false);
  });

  it('measures linearity on the generated sizes in size order, between the two smallest and the two largest', () => {
    const shuffled = [row('20', 20, m(1, 3600, 140)), row('example', 3, m(1, 1, 1)), row('5', 5, m(1, 1000, 100)), row('10', 10, m(1, 1500, 110))];
    expect(byName(shuffled)['cpu time grows linearly with environments']).toEqual([true, '100.0 ms/env at first step, 210.0 ms/env at last step']);
  });

  it('takes the large size from a generated row only, never from the example', () => {
    const result = byName([row('example', targets.largeEnvironments, m(900, 1, 1))]);
    expect(result['20 environments < 5.00 s']).toEqual([undefined, 'not measured (size 20)']);
    expect(result['20 environments < 500 MB peak']).toEqual([undefined, 'not measured (size 20)']);
  });

  it('says what was not measured', () => {
    expect(byName([])).toEqual({
      'npm run synth (example app) <= 1.00 s': [undefined, 'not measured (example row)'],
      '20 environments < 5.00 s': [undefined, 'not measured (size 20)'],
      '20 environments < 500 MB peak': [undefined, 'not measured (size 20)'],
      'cpu time grows linearly with environments': [undefined, 'not measured (needs three sizes)'],
      'peak memory grows linearly with environments': [undefined, 'not measured (needs three sizes)'],
      'whole test suite <= 10.00 s': [undefined, 'not measured (--skip-tests)'],
      'npm run synth >= 2x faster than npx cdktf synth': [undefined, 'not measured (--skip-baseline)'],
    });
  });
});

describe('formatTargets and formatTable', () => {
  it('prints one verdict line per target', () => {
    expect(formatTargets([{ name: 'a', pass: true, detail: '1 s' }, { name: 'b', pass: false, detail: '2 s' }, { name: 'c', pass: undefined, detail: 'not measured (x)' }]))
      .toBe('PASS  a: 1 s\nFAIL  b: 2 s\nSKIP  c: not measured (x)\n');
  });

  it('aligns the first column left and the numbers right, under a dashed rule', () => {
    expect(formatTable([row('example', 3, m(1234, 5678, 99.6)), row('100', 100, m(10_000, 20_000, 1000.4))])).toBe([
      'environments  stacks  wall s  cpu s  peak MB',
      '------------  ------  ------  -----  -------',
      'example            5    1.23   5.68      100',
      '100              102   10.00  20.00     1000',
      '',
    ].join('\n'));
  });
});

describe('median', () => {
  it('refuses no runs, and takes the one run of one', () => {
    expect(() => median([])).toThrow('median of no runs');
    expect(median([m(5, 6, 7)])).toEqual(m(5, 6, 7));
  });

  it('sorts numerically, not as text', () => {
    expect(median([m(100, 9, 20), m(9, 100, 3), m(20, 20, 100)])).toEqual(m(20, 20, 20));
    expect(median([m(10, 1, 1), m(9, 1, 1), m(100, 1, 1), m(2, 1, 1)])).toEqual(m(9.5, 1, 1));
  });
});

describe('generateEnvironmentSet', () => {
  it.each([[0], [MAX_ENVIRONMENTS + 1], [2.5], [Number.NaN]])('refuses %p environments', (count) => {
    expect(() => generateEnvironmentSet(count)).toThrow(new RangeError(`environment count must be an integer from 1 to ${MAX_ENVIRONMENTS}; got ${count}`));
  });

  it('accepts one and the maximum, one /16, account id and cost center per environment', () => {
    expect(generateEnvironmentSet(1).environments).toHaveLength(1);
    const { environments } = generateEnvironmentSet(MAX_ENVIRONMENTS);
    const last = environments[MAX_ENVIRONMENTS - 1];
    expect(last.aws.accountId).toBe(String(300_000_000_000 + MAX_ENVIRONMENTS));
    expect(last.aws.deployRoleArn).toBe(`arn:aws:iam::${last.aws.accountId}:role/bench-deploy`);
    expect(last.network).toMatchObject({ vpcCidr: `10.${MAX_ENVIRONMENTS}.0.0/16` });
    expect(last.tags).toEqual({ Owner: 'bench', CostCenter: `CC-0${MAX_ENVIRONMENTS}` });
    expect(last.databricks).toEqual({ workspaceName: `bench-${last.name}`, deploymentName: `bench-${last.name}` });
  });

  it('protects every other environment, the first one enabling the system schemas', () => {
    const { environments } = generateEnvironmentSet(4);
    expect(environments.map((env) => env.protect)).toEqual([true, false, true, false]);
    expect(environments.map((env) => env.unityCatalog)).toEqual([{ enablesSystemSchemas: true }, undefined, undefined, undefined]);
    expect(environments.every((env) => env.aws.region === BENCH_REGION)).toBe(true);
  });

  it('writes pretty JSON files ending in a newline', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bench-spec-'));
    try {
      const set = generateEnvironmentSet(1);
      expect(writeEnvironmentSet(path.join(dir, 'nested', 'set'), set)).toBe(path.join(dir, 'nested', 'set'));
      expect(readFileSync(path.join(dir, 'nested', 'set', 'account.json'), 'utf8')).toBe(`${JSON.stringify(set.account, null, 2)}\n`);
      expect(readFileSync(path.join(dir, 'nested', 'set', `${set.environments[0].name}.json`), 'utf8')).toBe(`${JSON.stringify(set.environments[0], null, 2)}\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('inRounds', () => {
  it('measures every item once per round, in item order, and groups the results by item', () => {
    const calls: string[] = [];
    const results = inRounds(['a', 'b', 'c'], 3, (item, round) => {
      calls.push(`${item}${round}`);
      return `${item}${round}`;
    });
    expect(calls).toEqual(['a1', 'b1', 'c1', 'a2', 'b2', 'c2', 'a3', 'b3', 'c3']);
    expect(results).toEqual([['a1', 'a2', 'a3'], ['b1', 'b2', 'b3'], ['c1', 'c2', 'c3']]);
  });

  it('refuses a run count that is not a positive integer, takes no items as no results, and one round as one sample', () => {
    for (const runs of [0, -1, 1.5]) expect(() => inRounds(['a'], runs, () => 1)).toThrow(/positive integer/);
    expect(inRounds([], 2, () => 1)).toEqual([]);
    expect(inRounds(['a'], 1, () => 1)).toEqual([[1]]);
  });
});

describe('formatSuiteLine', () => {
  it('prints the median and every run, wall then CPU, in run order', () => {
    const runs = [{ wallMs: 27_340, cpuMs: 49_100, peakRssMb: 1 }, { wallMs: 25_670, cpuMs: 61_000, peakRssMb: 1 }, { wallMs: 28_410, cpuMs: 48_000, peakRssMb: 1 }];
    expect(formatSuiteLine(runs)).toBe('whole test suite: 27.34 s wall, median of 27.34, 25.67, 28.41 s; 49.10 s CPU, median of 49.10, 61.00, 48.00 s\n');
  });
});

