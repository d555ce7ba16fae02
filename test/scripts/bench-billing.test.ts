// The billing-report part of `npm run bench`: generated usage CSV, the totals check and the targets.
// Throughput and memory are measured by the bench, never asserted here.
import { readdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { BILLING_TARGETS, checkReport, evaluateBillingTargets, throughput, writeUsageSet } from '../../scripts/lib/bench/billing';
import { buildReport } from '../../scripts/lib/billable-usage';

const scratch = mkdtempSync(path.join(tmpdir(), 'bench-billing-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('writeUsageSet', () => {
  const perFile = 200_000;
  const set = writeUsageSet(path.join(scratch, 'set'), 3 * perFile, 3);

  it('writes the requested number of files of about the requested size', () => {
    const files = readdirSync(set.dir);
    expect(files).toHaveLength(3);
    const sizes = files.map((file) => statSync(path.join(set.dir, file)).size);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(set.bytes);
    expect(set.bytes).toBeGreaterThanOrEqual(3 * perFile);
    // Files grow by whole blocks of rows (about 200 KB).
    for (const size of sizes) expect(size).toBeLessThan(perFile + 250_000);
  });

  it('writes valid usage whose totals the report reproduces exactly', async () => {
    // Read in this thread: that worker threads give the same report is billing-report-output.test.ts's.
    const report = await buildReport(set.dir);
    expect(report.refused).toEqual({ files: 0, rows: 0 });
    expect(() => checkReport(set, JSON.stringify(report))).not.toThrow();
    expect(new Set(report.rows.map((row) => row.costCenter)).size).toBeGreaterThan(1);
  }, 30_000); // 600 KB of rows; slow on a shared machine

  it('checkReport fails on a report that lost rows', () => {
    const wrong = JSON.stringify({ totals: { dbus: 1, records: set.rows - 1 }, refused: { files: 0, rows: 0 } });
    expect(() => checkReport(set, wrong)).toThrow(/^billing report: expected /);
  });
});

describe('evaluateBillingTargets', () => {
  const run = (wallMs: number, peakRssMb: number) => ({ wallMs, cpuMs: wallMs, peakRssMb });
  const result = (wallMs: number, peakRssMb: number) => {
    const set = { bytes: 1e9, files: 8, rows: 1, dbus: '1' };
    return { set, run: run(wallMs, peakRssMb), mbPerSecond: throughput(set.bytes, run(wallMs, peakRssMb)) };
  };

  it('passes fast, bounded runs and fails slow or large ones', () => {
    const fastWall = 1e9 / 1e6 / BILLING_TARGETS.mbPerSecond * 1000 - 1;
    expect(evaluateBillingTargets(result(fastWall, BILLING_TARGETS.peakMb - 1)).map((t) => t.pass)).toEqual([true, true]);
    expect(evaluateBillingTargets(result(fastWall * 2, BILLING_TARGETS.peakMb)).map((t) => t.pass)).toEqual([false, false]);
  });

  it('skips both targets when the billing report was not measured', () => {
    expect(evaluateBillingTargets(undefined).map((t) => t.pass)).toEqual([undefined, undefined]);
  });
});
