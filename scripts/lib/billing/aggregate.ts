/**
 * Merges per-file sums into the report: exact decimals (big.js) until the end, rounded once for output.
 * Files must be added in their sorted order so that which file is refused for mixing formats is stable.
 */
import Big from 'big.js';
import type { UsageFormat } from './formats';
import type { Dimension, FileResult, Problem } from './read-file';

/** Grouped dimensions are present; dimensions left out of `--by` are omitted. */
export interface ReportRow {
  workspace?: string;
  sku?: string;
  costCenter?: string;
  dbus: number;
  /** null when no row of the group came from the legacy CSV, the only format that has machine hours. */
  machineHours: number | null;
  /** DBUs x list price, present only with list prices. */
  listCost?: number;
  records: number;
}
export interface Totals { dbus: number; machineHours: number | null; listCost?: number; records: number; files: number }
/** Everything not counted: whole files (symlinks, bad headers, read errors) and single rows. */
export interface Refused { files: number; rows: number }
export interface UsageReport {
  rows: ReportRow[];
  totals: Totals;
  refused: Refused;
  /** The first problems of each file; `refused` counts them all. */
  problems: Problem[];
  /** Currency of `listCost`, from the list-prices file. */
  currency?: string;
}

/** Decimals kept in JSON numbers; each sum is exact until this one rounding (2.1 + 2.2 is 4.3). */
export const OUTPUT_DECIMALS = 6;

interface Sums { labels: string[]; dbus: Big; machineHours: Big | null; cost: Big | null; records: number }

export class ReportBuilder {
  private readonly groups = new Map<string, Sums>();
  private readonly problems: Problem[] = [];
  private readonly refused: Refused = { files: 0, rows: 0 };
  private format?: { format: UsageFormat; file: string };
  private files = 0;

  constructor(private readonly by: readonly Dimension[], private readonly currency?: string) {}

  /** A file or folder that was not read at all (symbolic link, unreadable folder). */
  refuseUnread(problem: Problem): void {
    this.refused.files += 1;
    this.problems.push(problem);
  }

  addFile(result: FileResult): void {
    if (!result.refused && result.format && this.format && result.format !== this.format.format) {
      this.refused.files += 1;
      this.problems.push({
        file: result.file, line: 0, fields: [],
        reason: `is a ${result.format} file but ${this.format.file} is ${this.format.format}: both sources hold the same classic compute usage, which would be counted twice; report one source per run`,
      });
      return;
    }
    this.problems.push(...result.problems);
    this.refused.rows += result.refusedRows;
    if (result.refused) {
      this.refused.files += 1;
      return;
    }
    this.files += 1;
    if (result.format) this.format ??= { format: result.format, file: result.file };
    for (const group of result.groups) {
      const sums = this.groups.get(group.key);
      if (!sums) {
        this.groups.set(group.key, {
          labels: group.labels, dbus: new Big(group.dbus), records: group.records,
          machineHours: group.machineHours === null ? null : new Big(group.machineHours), cost: group.cost === null ? null : new Big(group.cost),
        });
        continue;
      }
      sums.dbus = sums.dbus.plus(group.dbus);
      if (group.machineHours !== null) sums.machineHours = (sums.machineHours ?? new Big(0)).plus(group.machineHours);
      if (group.cost !== null) sums.cost = (sums.cost ?? new Big(0)).plus(group.cost);
      sums.records += group.records;
    }
  }

  /** The report with sums rounded half up to `decimals` from the exact values (the table asks for 2). */
  build(decimals = OUTPUT_DECIMALS): UsageReport {
    const toNumber = (value: Big) => Number(value.round(decimals, Big.roundHalfUp).toString());
    const sorted = [...this.groups.values()].sort((a, b) => a.labels.map((label, i) => label.localeCompare(b.labels[i])).find((order) => order !== 0) ?? 0);
    const priced = this.currency !== undefined;
    const rows = sorted.map((sums) => ({
      ...Object.fromEntries(this.by.map((dimension, i) => [dimension, sums.labels[i]])),
      dbus: toNumber(sums.dbus),
      machineHours: sums.machineHours === null ? null : toNumber(sums.machineHours),
      ...(priced ? { listCost: toNumber(sums.cost ?? new Big(0)) } : {}),
      records: sums.records,
    }));
    const add = (pick: (sums: Sums) => Big | null) => sorted.reduce<Big | null>((total, sums) => {
      const value = pick(sums);
      return value === null ? total : (total ?? new Big(0)).plus(value);
    }, null);
    const machineHours = add((sums) => sums.machineHours);
    const totals: Totals = {
      dbus: toNumber(add((sums) => sums.dbus) ?? new Big(0)),
      machineHours: machineHours === null ? null : toNumber(machineHours),
      ...(priced ? { listCost: toNumber(add((sums) => sums.cost) ?? new Big(0)) } : {}),
      records: sorted.reduce((total, sums) => total + sums.records, 0),
      files: this.files,
    };
    return { rows, totals, refused: { ...this.refused }, problems: this.problems, ...(priced ? { currency: this.currency } : {}) };
  }
}
