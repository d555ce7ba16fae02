/**
 * The billing-report bench: writes N legacy billable-usage CSV files of a given total size (streamed, a few
 * distinct blocks of rows repeated, so their exact totals are known) and checks the report's figures.
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import * as path from 'node:path';
import Big from 'big.js';
import { LEGACY_COLUMNS } from '../billable-usage';
import type { Measurement } from './measure';
import type { TargetResult } from './report';

export interface UsageSet { readonly dir: string; readonly bytes: number; readonly files: number; readonly rows: number; readonly dbus: string }

/** Distinct blocks of rows; each file cycles through them. */
const BLOCKS = 16;
const ROWS_PER_BLOCK = 500;

/**
 * One block: rows shaped like Databricks' delivery (quoted JSON tags, a few clusters and cost centers, hourly
 * timestamps, DBU values with up to 4 decimals), so csv-parse meets the quoting of real files.
 */
function block(index: number, workspaceId: string): { text: string; rows: number; dbus: Big } {
  let text = '';
  let dbus = new Big(0);
  for (let i = 0; i < ROWS_PER_BLOCK; i += 1) {
    const n = index * ROWS_PER_BLOCK + i;
    const costCenter = `CC-${String(n % 7).padStart(4, '0')}`;
    const cluster = `0106-0915${String(n % 10).padStart(2, '0')}-etl${String(n % 13).padStart(5, '0')}`;
    const value = `${n % 40}.${String((n * 7919) % 10000).padStart(4, '0')}`;
    const tags = `{""Environment"":""bench"",""CostCenter"":""${costCenter}"",""Owner"":""data-eng""}`;
    const poolTags = `{""Vendor"":""Databricks"",""Creator"":""etl-bot@example.com"",""ClusterName"":""etl-nightly"",""ClusterId"":""${cluster}"",""CostCenter"":""${costCenter}""}`;
    const hour = String(n % 24).padStart(2, '0');
    const sku = n % 3 === 0 ? 'PREMIUM_ALL_PURPOSE_COMPUTE' : 'PREMIUM_JOBS_COMPUTE';
    text += `${workspaceId},2025-01-06T${hour}:59:59.999Z,${cluster},etl-nightly,i3.xlarge,100000000000001,"${tags}",${sku},${value},1.25,etl-bot@example.com,"${poolTags}"\n`;
    dbus = dbus.plus(value);
  }
  return { text, rows: ROWS_PER_BLOCK, dbus };
}

/** Writes `files` files of about `totalBytes` together into `dir`; returns their exact row count and DBU total. */
export function writeUsageSet(dir: string, totalBytes: number, files: number): UsageSet {
  mkdirSync(dir, { recursive: true });
  const header = Buffer.from(`${LEGACY_COLUMNS.join(',')}\n`);
  let bytes = 0;
  let rows = 0;
  let dbus = new Big(0);
  for (let f = 0; f < files; f += 1) {
    const workspaceId = String(1_000_000_000_000_000 + f);
    const blocks = Array.from({ length: BLOCKS }, (_, b) => block(b, workspaceId)).map((b) => ({ ...b, buffer: Buffer.from(b.text) }));
    const fd = openSync(path.join(dir, `workspaceId=${workspaceId}-usageMonth=2025-01.csv`), 'w');
    try {
      writeSync(fd, header);
      let written = header.length;
      for (let b = 0; written < totalBytes / files; b = (b + 1) % BLOCKS) {
        writeSync(fd, blocks[b].buffer);
        written += blocks[b].buffer.length;
        rows += blocks[b].rows;
        dbus = dbus.plus(blocks[b].dbus);
      }
      bytes += written;
    } finally {
      closeSync(fd);
    }
  }
  return { dir, bytes, files, rows, dbus: dbus.toString() };
}

export interface BillingResult { readonly set: Omit<UsageSet, 'dir'>; readonly run: Measurement; readonly mbPerSecond: number }

/** MB (10^6 bytes) of CSV per second of wall time, start-up included. */
export function throughput(bytes: number, run: Measurement): number {
  return bytes / 1e6 / (run.wallMs / 1000);
}

/** The report must have counted every generated row and summed them exactly, or the numbers mean nothing. */
export function checkReport(set: UsageSet, json: string): void {
  const report = JSON.parse(json) as { totals: { dbus: number; records: number }; refused: { files: number; rows: number } };
  const expected = Number(new Big(set.dbus).round(6).toString());
  if (report.totals.records !== set.rows || report.totals.dbus !== expected || report.refused.rows + report.refused.files > 0) {
    throw new Error(`billing report: expected ${set.rows} rows and ${expected} DBUs, got ${JSON.stringify({ totals: report.totals, refused: report.refused })}`);
  }
}

/** Issue #15: at least 50 MB/s of CSV, and memory bounded whatever the size (docs/performance.md). */
export const BILLING_TARGETS = { mbPerSecond: 50, peakMb: 200 };

export function evaluateBillingTargets(result: BillingResult | undefined, targets = BILLING_TARGETS): TargetResult[] {
  const size = result ? `${(result.set.bytes / 1e9).toFixed(2)} GB in ${result.set.files} file(s)` : '';
  const missing = { pass: undefined, detail: 'not measured (--skip-billing)' };
  return [
    {
      name: `billing report >= ${targets.mbPerSecond} MB/s of CSV`,
      ...(result ? { pass: result.mbPerSecond >= targets.mbPerSecond, detail: `${result.mbPerSecond.toFixed(1)} MB/s (${size})` } : missing),
    },
    {
      name: `billing report < ${targets.peakMb} MB peak`,
      ...(result ? { pass: result.run.peakRssMb < targets.peakMb, detail: `${result.run.peakRssMb.toFixed(0)} MB (${size})` } : missing),
    },
  ];
}
