/**
 * Streams one usage CSV through csv-parse and sums it per group of the report's dimensions: memory holds the
 * groups and a few problems, never the rows, whatever the file's size.
 */
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import Big from 'big.js';
import { Parser, type CsvError, type Options } from 'csv-parse';
import { readHeader, type ColumnIndex, type UsageFormat } from './formats';
import type { PriceList } from './prices';
import { TagCache, validateRow, type RowValues } from './validate';

export const DIMENSIONS = ['workspace', 'sku', 'costCenter'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export type WorkspaceMap = Record<string, string>;

/** A refused row or file. `line` 0 is about the file, not a line of it; `fields` names the columns at fault. */
export interface Problem { file: string; line: number; fields: string[]; reason: string }

/** Problems kept per file (all are counted): a file of refused rows must not fill memory or the screen. */
export const KEPT_PROBLEMS_PER_FILE = 10;

/** One group's sums as exact decimal strings, so a worker thread can hand them over unchanged. */
export interface PartialGroup { key: string; labels: string[]; dbus: string; machineHours: string | null; cost: string | null; records: number }

export interface FileResult {
  file: string;
  format?: UsageFormat;
  /** The whole file is refused (its groups are empty); the reason is its first problem. */
  refused: boolean;
  groups: PartialGroup[];
  refusedRows: number;
  problems: Problem[];
  problemCount: number;
}

export interface ReadOptions {
  readonly by: readonly Dimension[];
  readonly workspaceMap?: WorkspaceMap;
  readonly prices?: PriceList;
}

interface Group { labels: string[]; dbus: Big; machineHours: Big | null; cost: Big | null; records: number }

/** Bytes per read: larger chunks make csv-parse copy more per call and run slower (measured). */
const CHUNK_BYTES = 64 * 1024;
/**
 * Longest record accepted, in characters. A usage row is under 2 KB; a longer record is an unclosed quote that
 * swallows the rest of the file, so the file is refused instead of growing one field without bound.
 */
export const MAX_RECORD_CHARS = 1_000_000;

export async function readUsageFile(folder: string, file: string, options: ReadOptions): Promise<FileResult> {
  const result: FileResult = { file, refused: false, groups: [], refusedRows: 0, problems: [], problemCount: 0 };
  const report = (line: number, fields: string[], reason: string) => {
    result.problemCount += 1;
    if (result.problems.length < KEPT_PROBLEMS_PER_FILE) result.problems.push({ file, line, fields, reason });
  };
  const refuseFile = (line: number, fields: string[], reason: string) => {
    result.refused = true;
    report(line, fields, reason);
  };
  const groups = new Map<string, Group>();
  const tagCache = new TagCache();
  let header: { format: UsageFormat; index: ColumnIndex; names: string[] } | undefined;
  const stop = new AbortController();

  /** Line of the last record read or skipped: a skipped record covers the lines after it. */
  let lastLine = 0;
  const countRecord = (record: string[], line: number): void => {
    lastLine = line;
    if (result.refused) return;
    if (!header) {
      const accepted = readHeader(record);
      if (!accepted.ok) {
        refuseFile(line, accepted.field ? accepted.field.split(', ') : [], accepted.reason);
        stop.abort();
        return;
      }
      header = { format: accepted.format, index: accepted.index, names: record.map((name) => name.trim()) };
      result.format = accepted.format;
      return;
    }
    if (record.length !== header.names.length) {
      const missing = header.names.slice(record.length);
      const detail = missing.length > 0 ? `missing ${missing.join(', ')}` : `${record.length - header.names.length} extra`;
      result.refusedRows += 1;
      report(line, missing, `row has ${record.length} field(s), header has ${header.names.length} (${detail})`);
      return;
    }
    const row = validateRow(record, header.format, header.index, tagCache);
    if (!row.ok) {
      result.refusedRows += 1;
      report(line, row.refusal.fields, row.refusal.reason);
      return;
    }
    const cost = options.prices ? priceRow(row.values, options.prices) : null;
    if (typeof cost === 'string') {
      result.refusedRows += 1;
      report(line, [], cost);
      return;
    }
    addToGroup(groups, row.values, cost, options);
  };

  const onRecord = (record: string[], line: number): void => {
    try {
      countRecord(record, line);
    } catch (error) {
      // Thrown inside the parser it would escape the stream as an uncaught exception and end the whole process.
      refuseFile(line, [], `reading stopped at this line: ${(error as Error).message}; the file is not counted`);
      stop.abort();
    }
  };

  const parser = new RecordParser(onRecord, {
    bom: true, skip_empty_lines: true,
    // Files edited on two systems mix CRLF and LF; both end a record (a quoted field keeps either).
    record_delimiter: ['\r\n', '\n'],
    // Short and long rows reach on_record and are refused there with their line number.
    relax_column_count: true,
    skip_records_with_error: true,
    max_record_size: MAX_RECORD_CHARS,
    // csv-parse calls it with the error of each record it skips, never without one.
    on_skip: (skipped: CsvError | undefined) => {
      const error = skipped as CsvError;
      if (error.code === 'CSV_MAX_RECORD_SIZE') throw error; // ends the parse: the file is refused below
      const line = Number(error.lines);
      const span = line > lastLine + 1 ? ` (record from line ${lastLine + 1})` : '';
      lastLine = line;
      result.refusedRows += 1;
      report(line, [], `unparseable CSV${span}: ${error.message}`);
    },
  });
  const discard = new Writable({ objectMode: true, write: (_chunk, _encoding, done) => done() });
  try {
    await pipeline(createReadStream(join(folder, file), { highWaterMark: CHUNK_BYTES }), parser, discard, { signal: stop.signal });
  } catch (error) {
    if (!stop.signal.aborted) {
      // A read error or a CSV error csv-parse cannot skip: what was summed so far would be a partial total.
      groups.clear();
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'CSV_MAX_RECORD_SIZE') {
        const line = Number((error as CsvError).lines);
        refuseFile(line, [], `a record from line ${lastLine + 1} is longer than ${MAX_RECORD_CHARS} characters (an unclosed quote?); the file is not counted`);
      } else {
        refuseFile(0, [], code && !code.startsWith('CSV_') ? `cannot read the file (${code})` : `unreadable CSV: ${(error as Error).message}`);
      }
    }
  }
  if (!header && !result.refused) refuseFile(0, [], 'file is empty: no header line');
  if (result.refused) return result;
  result.groups = [...groups].map(([key, group]) => ({
    key, labels: group.labels, dbus: group.dbus.toString(), records: group.records,
    machineHours: group.machineHours?.toString() ?? null, cost: group.cost?.toString() ?? null,
  }));
  return result;
}

/**
 * csv-parse's stream, handing each record over with its line as it is parsed. The parser pushes every record
 * synchronously while its documented `info.lines` points at the record's last line; csv-parse's own `on_record`
 * and `info` options copy that whole info object for every record, a fifth of the run time on large files.
 */
class RecordParser extends Parser {
  constructor(private readonly onRecord: (record: string[], line: number) => void, options: Options) {
    super(options);
  }

  override push(record: unknown): boolean {
    if (record === null) return super.push(null);
    this.onRecord(record as string[], this.info.lines);
    // Stryker disable next-line BooleanLiteral: csv-parse ignores what push returns (it hands records over regardless).
    return true;
  }
}

function addToGroup(groups: Map<string, Group>, values: RowValues, cost: Big | null, options: ReadOptions): void {
  const labels = options.by.map((dimension) => {
    // Own entries only: a workspace id such as `constructor` must not read Object.prototype.
    if (dimension === 'workspace') return options.workspaceMap && Object.hasOwn(options.workspaceMap, values.workspaceId) ? options.workspaceMap[values.workspaceId] : values.workspaceId;
    return dimension === 'sku' ? values.sku : values.costCenter;
  });
  const key = labels.join('\u0000');
  let group = groups.get(key);
  if (!group) {
    group = { labels, dbus: new Big(0), machineHours: null, cost: null, records: 0 };
    groups.set(key, group);
  }
  group.dbus = group.dbus.plus(values.quantity);
  if (values.machineHours) group.machineHours = (group.machineHours ?? new Big(0)).plus(values.machineHours);
  if (cost) group.cost = (group.cost ?? new Big(0)).plus(cost);
  group.records += 1;
}

/** List cost of a row (quantity x list price in force at its time), or the reason there is none. */
function priceRow(values: RowValues, prices: PriceList): Big | string {
  const price = prices.find(values.sku, values.time);
  return typeof price === 'string' ? price : values.quantity.times(price);
}
