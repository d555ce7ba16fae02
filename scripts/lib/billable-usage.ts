/**
 * Parsing, validation and aggregation of Databricks billable-usage CSV files
 * (legacy log delivery, `<prefix>/billable-usage/csv/workspaceId=<id>-usageMonth=<yyyy-mm>.csv`).
 * Pure apart from reading the files, so the CLI stays a thin wrapper and tests need no process.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse, type CsvError } from 'csv-parse/sync';

/** Column order documented in Databricks' "billable usage log schema". */
export const DOCUMENTED_COLUMNS = [
  'workspaceId', 'timestamp', 'clusterId', 'clusterName', 'clusterNodeType', 'clusterOwnerUserId',
  'clusterCustomTags', 'sku', 'dbus', 'machineHours', 'clusterOwnerUserName', 'tags',
] as const;

/** Columns the report depends on; the descriptive cluster columns may be absent without skewing totals. */
export const REQUIRED_COLUMNS = ['workspaceId', 'timestamp', 'sku', 'dbus', 'machineHours', 'clusterCustomTags', 'tags'] as const;

export const DIMENSIONS = ['workspace', 'sku', 'costCenter'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const UNTAGGED = '(untagged)';
/** Tag enforced by the blueprint's cluster policies; used to attribute spend. */
export const COST_CENTER_TAG = 'CostCenter';

export interface UsageRecord { file: string; line: number; workspaceId: string; sku: string; costCenter: string; dbus: number; machineHours: number }
export interface Problem { file: string; line: number; reason: string }
/** Grouped dimensions are present; dimensions left out of `--by` are omitted. */
export interface ReportRow { workspace?: string; sku?: string; costCenter?: string; dbus: number; machineHours: number; records: number }
export interface Totals { dbus: number; machineHours: number; records: number; files: number }
export interface UsageReport { rows: ReportRow[]; totals: Totals; problems: Problem[] }
export type WorkspaceMap = Record<string, string>;
export interface ReportOptions { workspaceMap?: WorkspaceMap; by?: readonly Dimension[] }

/** All `*.csv` files below `folder`, relative to it and sorted so output does not depend on the file system. */
export function listCsvFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.toLowerCase().endsWith('.csv'))
    .map((entry) => relative(folder, join(entry.parentPath, entry.name)))
    .sort();
}

/**
 * Symbolic links below `folder` (files or folders): never followed, since a link can point at another
 * copy of the same month (counted twice) or outside the download, but each one is reported.
 */
export function listSymlinks(folder: string): Problem[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isSymbolicLink())
    .map((entry) => ({ file: relative(folder, join(entry.parentPath, entry.name)), line: 0, reason: 'symbolic link not followed; copy the file into the folder instead' }))
    .sort((a, b) => a.file.localeCompare(b.file));
}

/** What csv-parse yields per record with `info: true`; `info.error` is set only for rows with the wrong field count. */
interface ParsedRow { record: Record<string, string>; info: { lines: number; error?: CsvError } }

/** Validates one CSV file's content; every rejected row becomes a problem, none are dropped silently. */
export function parseUsageCsv(content: string, file: string): { records: UsageRecord[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const parsed = parse<ParsedRow>(content, {
    columns: true, info: true, bom: true, skip_empty_lines: true,
    // Files edited on two systems mix CRLF and LF; both end a record (a quoted field keeps either).
    record_delimiter: ['\r\n', '\n'],
    // Keep short/long rows and unparseable records so they can be reported with their line number.
    relax_column_count: true, skip_records_with_error: true,
    on_skip: (err) => {
      if (err) problems.push({ file, line: Number(err.lines), reason: `unparseable CSV: ${err.message}` });
    },
  });

  const header = readHeader(content);
  const duplicated = header.filter((column, index) => header.indexOf(column) !== index);
  if (duplicated.length > 0) {
    const reason = `header repeats column(s) ${[...new Set(duplicated)].join(', ')}; which one holds the value is unknown, so ${parsed.length} data row(s) not counted`;
    return { records: [], problems: [{ file, line: 1, reason }, ...problems] };
  }
  const missing = REQUIRED_COLUMNS.filter((column) => !header.includes(column));
  if (missing.length > 0) {
    const reason = `header is missing column(s) ${missing.join(', ')}; ${parsed.length} data row(s) not counted`;
    return { records: [], problems: [{ file, line: 1, reason }, ...problems] };
  }

  const records: UsageRecord[] = [];
  for (const { record, info } of parsed) {
    const reasons = validateRow(record, header, info.error);
    const costCenter = readCostCenter(record, reasons);
    if (reasons.length > 0) {
      problems.push({ file, line: info.lines, reason: reasons.join('; ') });
      continue;
    }
    records.push({
      file, line: info.lines, workspaceId: record.workspaceId.trim(), sku: record.sku.trim(), costCenter,
      dbus: Number(record.dbus), machineHours: Number(record.machineHours),
    });
  }
  problems.sort((a, b) => a.line - b.line);
  return { records, problems };
}

function readHeader(content: string): string[] {
  try {
    return parse(content, { bom: true, to_line: 1, record_delimiter: ['\r\n', '\n'] })[0] ?? [];
  } catch {
    return []; // reported below as a header missing every required column
  }
}

/** Bound on one row's dbus or machineHours: far above any hourly row, far below where sums lose digits. */
export const MAX_ROW_VALUE = 1e9;

const NUMBER_PATTERN = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function validateRow(record: Record<string, string>, header: readonly string[], fieldCountError: CsvError | undefined): string[] {
  const reasons: string[] = [];
  if (fieldCountError) {
    const absent = header.filter((column) => !(column in record));
    const fields = Array.isArray(fieldCountError.record) ? fieldCountError.record.length : '?';
    reasons.push(`row has ${fields} field(s), header has ${header.length}` + (absent.length ? ` (missing ${absent.join(', ')})` : ''));
  }
  for (const column of ['workspaceId', 'sku'] as const) {
    if (!record[column]?.trim()) reasons.push(`${column} is empty`);
  }
  for (const column of ['dbus', 'machineHours'] as const) {
    const raw = record[column];
    if (raw === undefined) continue; // already reported as a short row
    if (!NUMBER_PATTERN.test(raw.trim())) reasons.push(`${column} is not a number: ${JSON.stringify(raw)}`);
    else if (Number(raw) < 0) reasons.push(`${column} is negative: ${raw.trim()}`);
    else if (Number(raw) > MAX_ROW_VALUE) reasons.push(`${column} is ${raw.trim()}, more than ${MAX_ROW_VALUE} (no hourly usage row holds that much; totals would overflow)`);
  }
  return reasons;
}

/** `clusterCustomTags` wins; `tags` is its superset and also carries instance-pool tags. */
function readCostCenter(record: Record<string, string>, reasons: string[]): string {
  let costCenter: string | undefined;
  for (const column of ['clusterCustomTags', 'tags'] as const) {
    const raw = record[column]?.trim();
    if (!raw) continue;
    let tags: unknown;
    try {
      tags = JSON.parse(raw);
    } catch {
      reasons.push(`${column} is not valid JSON`);
      continue;
    }
    if (typeof tags !== 'object' || tags === null || Array.isArray(tags)) {
      reasons.push(`${column} is not a JSON object`);
      continue;
    }
    const value = (tags as Record<string, unknown>)[COST_CENTER_TAG];
    if (costCenter === undefined && typeof value === 'string' && value.trim()) costCenter = value.trim();
  }
  return costCenter ?? UNTAGGED;
}

/** Sums DBUs and machine hours per group, labelling workspaces with their environment when mapped. */
export function aggregate(records: readonly UsageRecord[], options: ReportOptions = {}): ReportRow[] {
  const by = options.by ?? DIMENSIONS;
  const groups = new Map<string, ReportRow>();
  // Sums are exact: integers of 10^-UNIT_DIGITS (binary floats would drift: 2.1 + 2.2 = 4.300000000000001).
  const sums = new Map<ReportRow, { dbus: bigint; machineHours: bigint }>();
  for (const record of records) {
    const values: Record<Dimension, string> = {
      workspace: options.workspaceMap?.[record.workspaceId] ?? record.workspaceId,
      sku: record.sku,
      costCenter: record.costCenter,
    };
    const key = JSON.stringify(by.map((dimension) => values[dimension]));
    let row = groups.get(key);
    if (!row) {
      // Label columns first so the JSON reads like the table.
      row = { ...Object.fromEntries(by.map((dimension) => [dimension, values[dimension]])), dbus: 0, machineHours: 0, records: 0 };
      groups.set(key, row);
    }
    const sum = sums.get(row) ?? { dbus: 0n, machineHours: 0n };
    sum.dbus += toUnits(record.dbus);
    sum.machineHours += toUnits(record.machineHours);
    sums.set(row, sum);
    row.records += 1;
  }
  const rows = [...groups.values()].map((row) => ({ ...row, dbus: fromUnits(sums.get(row)!.dbus), machineHours: fromUnits(sums.get(row)!.machineHours) }));
  return rows.sort((a, b) => by.map((d) => (a[d] ?? '').localeCompare(b[d] ?? '')).find((order) => order !== 0) ?? 0);
}

/** Digits kept below the decimal point while summing; reports show at most 6. */
const UNIT_DIGITS = 12;

/** A row value (its shortest decimal form, as written in the CSV) as an exact integer of 10^-12 units. */
export function toUnits(value: number): bigint {
  const [mantissa, exponentText = '0'] = String(value).toLowerCase().split('e');
  const [whole, fraction = ''] = mantissa.split('.');
  const shift = Number(exponentText) - fraction.length + UNIT_DIGITS;
  const digits = BigInt(`${whole}${fraction}`);
  return shift >= 0 ? digits * 10n ** BigInt(shift) : digits / 10n ** BigInt(-shift);
}

/** Exact units rounded half up to 6 decimals, as the nearest number. */
function fromUnits(units: bigint): number {
  const step = 10n ** BigInt(UNIT_DIGITS - 6);
  const rounded = (units + step / 2n) / step;
  const text = rounded.toString().padStart(7, '0');
  return Number(`${text.slice(0, -6)}.${text.slice(-6)}`);
}


export function totalsOf(rows: readonly ReportRow[], files: number): Totals {
  return {
    dbus: fromUnits(rows.reduce((sum, row) => sum + toUnits(row.dbus), 0n)),
    machineHours: fromUnits(rows.reduce((sum, row) => sum + toUnits(row.machineHours), 0n)),
    records: rows.reduce((sum, row) => sum + row.records, 0),
    files,
  };
}

/** Reads every CSV below `folder` and produces the report consumed by both the table and `--json`. */
export function buildReport(folder: string, options: ReportOptions = {}): UsageReport {
  const files = listCsvFiles(folder);
  const records: UsageRecord[] = [];
  const problems: Problem[] = listSymlinks(folder);
  for (const file of files) {
    const result = parseUsageCsv(readFileSync(join(folder, file), 'utf8'), file);
    for (const record of result.records) records.push(record);
    for (const problem of result.problems) problems.push(problem);
  }
  const rows = aggregate(records, options);
  return { rows, totals: totalsOf(rows, files.length), problems };
}

/** Validates the `{ "<workspaceId>": "<environment>" }` file given to `--workspace-map`. */
export function parseWorkspaceMap(json: string): WorkspaceMap {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new Error('workspace map is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error('workspace map must be a JSON object of workspaceId -> environment name');
  }
  for (const [workspaceId, environment] of Object.entries(value)) {
    if (typeof environment !== 'string' || !environment) {
      throw new Error(`workspace map entry ${workspaceId} must be a non-empty string`);
    }
  }
  return value as WorkspaceMap;
}

const HEADINGS: Record<Dimension, string> = { workspace: 'WORKSPACE', sku: 'SKU', costCenter: 'COST CENTER' };

/** Aligned plain-text table with a totals line; text left-aligned, numbers right-aligned. */
export function formatTable(rows: readonly ReportRow[], by: readonly Dimension[] = DIMENSIONS): string {
  const totals = totalsOf(rows, 0);
  const labelCells = (row: ReportRow) => by.map((dimension) => row[dimension] ?? '');
  const numberCells = (row: { dbus: number; machineHours: number; records: number }) =>
    [row.dbus.toFixed(2), row.machineHours.toFixed(2), String(row.records)];
  const table = [
    [...by.map((dimension) => HEADINGS[dimension]), 'DBUS', 'MACHINE HOURS', 'ROWS'],
    ...rows.map((row) => [...labelCells(row), ...numberCells(row)]),
    [...by.map((_, index) => (index === 0 ? 'TOTAL' : '')), ...numberCells(totals)],
  ];
  const widths = table[0].map((_, column) => Math.max(...table.map((cells) => cells[column].length)));
  const render = (cells: string[]) => cells
    .map((cell, column) => (column < by.length ? cell.padEnd(widths[column]) : cell.padStart(widths[column])))
    .join('  ')
    .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  const lines = [render(table[0]), rule, ...table.slice(1, -1).map(render), rule, render(table[table.length - 1])];
  return `${lines.join('\n')}\n`;
}

export function formatProblems(problems: readonly Problem[]): string {
  const lines = problems.map((problem) => `  ${problem.file}:${problem.line}: ${problem.reason}`);
  return `${problems.length} malformed row(s) not counted:\n${lines.join('\n')}\n`;
}
