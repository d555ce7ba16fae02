/** Plain-text output of the report: an aligned table on stdout and at most one screen of problems on stderr. */
import Big from 'big.js';
import type { ReportRow, UsageReport } from './aggregate';
import { KEPT_PROBLEMS_PER_FILE, type Dimension, type Problem } from './read-file';

const HEADINGS: Record<Dimension, string> = { workspace: 'WORKSPACE', sku: 'SKU', costCenter: 'COST CENTER' };

/** Problems printed per file and in all: the rest are counted, and listed (10 per file) by --json. */
export const PRINTED_PER_FILE = 5;
export const PRINTED_IN_ALL = 20;

const fixed2 = (value: number | null | undefined) => (value === null || value === undefined ? '-' : new Big(value).toFixed(2, Big.roundHalfUp));

/** Aligned table with a totals line; text left-aligned, numbers right-aligned; `-` where a format has no value. */
export function formatTable(report: UsageReport, by: readonly Dimension[]): string {
  const priced = report.currency !== undefined;
  const numberCells = (row: Pick<ReportRow, 'dbus' | 'machineHours' | 'listCost' | 'records'>) =>
    [fixed2(row.dbus), fixed2(row.machineHours), ...(priced ? [fixed2(row.listCost)] : []), String(row.records)];
  const table = [
    [...by.map((dimension) => HEADINGS[dimension]), 'DBUS', 'MACHINE HOURS', ...(priced ? [`LIST COST ${report.currency}`] : []), 'ROWS'],
    ...report.rows.map((row) => [...by.map((dimension) => row[dimension] ?? ''), ...numberCells(row)]),
    [...by.map((_, index) => (index === 0 ? 'TOTAL' : '')), ...numberCells(report.totals)],
  ];
  const widths = table[0].map((_, column) => Math.max(...table.map((cells) => cells[column].length)));
  const render = (cells: string[]) => cells
    .map((cell, column) => (column < by.length ? cell.padEnd(widths[column]) : cell.padStart(widths[column])))
    .join('  ');
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  const lines = [render(table[0]), rule, ...table.slice(1, -1).map(render), rule, render(table[table.length - 1])];
  return `${lines.join('\n')}\n`;
}

/** `file:line: reason`, line 0 meaning the whole file. */
export function formatProblem(problem: Problem): string {
  return `${problem.file}${problem.line > 0 ? `:${problem.line}` : ''}: ${problem.reason}`;
}

/** One screen at most: the first problems of each file, then counts of everything refused. */
export function formatProblems(report: UsageReport): string {
  const { rows, files } = report.refused;
  if (rows === 0 && files === 0) return '';
  const perFile = new Map<string, number>();
  const printed: string[] = [];
  for (const problem of report.problems) {
    const count = (perFile.get(problem.file) ?? 0) + 1;
    perFile.set(problem.file, count);
    if (count <= PRINTED_PER_FILE && printed.length < PRINTED_IN_ALL) printed.push(`  ${formatProblem(problem)}`);
  }
  const total = rows + files;
  const lines = [`Not counted: ${rows} row(s) and ${files} file(s) refused:`, ...printed];
  if (total > printed.length) {
    lines.push(`  ... ${total - printed.length} more not shown (--json lists the first ${KEPT_PROBLEMS_PER_FILE} of each file)`);
  }
  return `${lines.join('\n')}\n`;
}
