// Specification of how per-file sums become the report (scripts/lib/billing/aggregate.ts) and how the report is
// printed (format.ts), on file results built here: merging, mixing formats, sorting, rounding, the table text.
import { PRINTED_IN_ALL, PRINTED_PER_FILE, formatProblem, formatProblems, formatTable, type UsageReport } from '../../scripts/lib/billable-usage';
import { ReportBuilder } from '../../scripts/lib/billing/aggregate';
import type { Dimension, FileResult, PartialGroup, Problem } from '../../scripts/lib/billing/read-file';

type Group = Omit<PartialGroup, 'key'> & { key?: string };
const group = (labels: string[], dbus: string, more: Partial<Group> = {}): PartialGroup =>
  ({ key: labels.join('\u0000'), labels, dbus, machineHours: null, cost: null, records: 1, ...more });
const file = (name: string, groups: PartialGroup[], more: Partial<FileResult> = {}): FileResult =>
  ({ file: name, format: 'legacy', refused: false, groups, refusedRows: 0, problems: [], problemCount: 0, ...more });
const problem = (name: string, line: number, reason = 'r'): Problem => ({ file: name, line, fields: [], reason });

function build(by: Dimension[], files: FileResult[], currency?: string, decimals?: number) {
  const builder = new ReportBuilder(by, currency);
  for (const result of files) builder.addFile(result);
  return builder.build(decimals);
}

describe('ReportBuilder', () => {
  it('adds the groups of every file exactly, sorted by their labels, with totals', () => {
    const report = build(['workspace', 'sku'], [
      file('a.csv', [group(['w2', 'S'], '0.1', { machineHours: '1', records: 2 }), group(['w1', 'S'], '2.1')]),
      file('b.csv', [group(['w2', 'S'], '0.2', { machineHours: '0.5', records: 3 }), group(['w1', 'R'], '2.2', { machineHours: '0.25' })]),
    ]);
    expect(report).toEqual({
      rows: [
        { workspace: 'w1', sku: 'R', dbus: 2.2, machineHours: 0.25, records: 1 },
        { workspace: 'w1', sku: 'S', dbus: 2.1, machineHours: null, records: 1 },
        { workspace: 'w2', sku: 'S', dbus: 0.3, machineHours: 1.5, records: 5 },
      ],
      totals: { dbus: 4.6, machineHours: 1.75, records: 7, files: 2 },
      refused: { files: 0, rows: 0 },
      problems: [],
    });
  });

  it('keeps machine hours of a group whichever file brought them first', () => {
    const report = build(['sku'], [
      file('a.csv', [group(['S'], '1')], { format: 'system-table' }),
      file('b.csv', [group(['S'], '1', { machineHours: '2' })], { format: undefined }),
      file('c.csv', [group(['S'], '1')], { format: 'system-table' }),
    ]);
    expect(report.rows).toEqual([{ sku: 'S', dbus: 3, machineHours: 2, records: 3 }]);
    expect(report.totals).toEqual({ dbus: 3, machineHours: 2, records: 3, files: 3 });
  });

  it('has no machine-hours total when no group has machine hours, and zero sums for no file', () => {
    expect(build(['sku'], [file('a.csv', [group(['S'], '1')], { format: 'system-table' })]).totals).toEqual({ dbus: 1, machineHours: null, records: 1, files: 1 });
    expect(build(['sku'], [])).toEqual({ rows: [], totals: { dbus: 0, machineHours: null, records: 0, files: 0 }, refused: { files: 0, rows: 0 }, problems: [] });
  });

  it('adds list costs when priced, zero for a group without cost, and names the currency', () => {
    const report = build(['sku'], [
      file('a.csv', [group(['A'], '1', { cost: '0.15' }), group(['B'], '1')]),
      file('b.csv', [group(['A'], '1', { cost: '0.2' }), group(['B'], '1', { cost: '0.5' }), group(['C'], '1')]),
    ], 'EUR');
    expect(report.rows.map(({ sku, listCost }) => [sku, listCost])).toEqual([['A', 0.35], ['B', 0.5], ['C', 0]]);
    expect([report.totals.listCost, report.currency]).toEqual([0.85, 'EUR']);
    expect('listCost' in build(['sku'], [file('a.csv', [group(['A'], '1', { cost: '1' })])]).rows[0]).toBe(false);
  });

  it('rounds each exact sum once, half up, to the decimals asked for', () => {
    const halves = [file('a.csv', [group(['A'], '0.0000005'), group(['B'], '0.0000004')])];
    expect(build(['sku'], halves).rows.map((row) => row.dbus)).toEqual([0.000001, 0]);
    const cents = [file('a.csv', [group(['A'], '0.004'), group(['A'], '0.001'), group(['B'], '-0.005')])];
    expect(build(['sku'], cents, undefined, 2).rows.map((row) => row.dbus)).toEqual([0.01, -0.01]);
    expect(build(['sku'], cents, undefined, 2).totals.dbus).toBe(0);
  });

  it('sorts by the first label, then the next', () => {
    const report = build(['workspace', 'costCenter'], [file('a.csv', [group(['b', 'a'], '1'), group(['a', 'b'], '1'), group(['a', 'a'], '1')])]);
    expect(report.rows.map((row) => [row.workspace, row.costCenter])).toEqual([['a', 'a'], ['a', 'b'], ['b', 'a']]);
  });

  it('counts refused files and rows, and keeps every problem in file order', () => {
    const builder = new ReportBuilder(['sku']);
    builder.refuseUnread(problem('link.csv', 0));
    builder.addFile(file('a.csv', [group(['S'], '1')], { refusedRows: 2, problems: [problem('a.csv', 2), problem('a.csv', 3)] }));
    builder.addFile(file('b.csv', [], { refused: true, format: 'system-table', problems: [problem('b.csv', 0)] }));
    builder.addFile(file('c.csv', [group(['S'], '1')], { format: undefined, refusedRows: 1, problems: [problem('c.csv', 4)] }));
    const report = builder.build();
    expect(report.refused).toEqual({ files: 2, rows: 3 });
    expect(report.problems.map((p) => `${p.file}:${p.line}`)).toEqual(['link.csv:0', 'a.csv:2', 'a.csv:3', 'b.csv:0', 'c.csv:4']);
    expect(report.totals).toMatchObject({ dbus: 2, files: 2 });
  });

  it('refuses a file of the other format than the first file counted with a format, whatever its own problems', () => {
    const builder = new ReportBuilder(['sku']);
    builder.addFile(file('a.csv', [], { refused: true, format: 'system-table' }));
    builder.addFile(file('a2.csv', [], { format: undefined }));
    builder.addFile(file('b.csv', [group(['S'], '1')]));
    builder.addFile(file('c.csv', [group(['S'], '5')], { format: 'system-table', refusedRows: 4, problems: [problem('c.csv', 2)] }));
    builder.addFile(file('d.csv', [group(['S'], '2')]));
    const report = builder.build();
    expect(report.problems).toEqual([{
      file: 'c.csv', line: 0, fields: [],
      reason: 'is a system-table file but b.csv is legacy: both sources hold the same classic compute usage, which would be counted twice; report one source per run',
    }]);
    expect(report.refused).toEqual({ files: 2, rows: 0 });
    expect(report.totals).toMatchObject({ dbus: 3, files: 3 });
  });
});

const report = (more: Partial<UsageReport>): UsageReport =>
  ({ rows: [], totals: { dbus: 0, machineHours: null, records: 0, files: 0 }, refused: { files: 0, rows: 0 }, problems: [], ...more });

describe('formatTable', () => {
  it('aligns text left and numbers right, two decimals half up, `-` for no machine hours, a TOTAL line', () => {
    const text = formatTable(report({
      rows: [
        { workspace: 'alpha', sku: 'JOBS', dbus: 1.005, machineHours: null, records: 3 },
        { workspace: 'b', sku: 'ALL_PURPOSE', dbus: 1234.5, machineHours: 2, records: 12 },
      ],
      totals: { dbus: 1235.505, machineHours: 2, records: 15, files: 1 },
    }), ['workspace', 'sku']);
    expect(text).toBe([
      'WORKSPACE  SKU             DBUS  MACHINE HOURS  ROWS',
      '---------  -----------  -------  -------------  ----',
      'alpha      JOBS            1.01              -     3',
      'b          ALL_PURPOSE  1234.50           2.00    12',
      '---------  -----------  -------  -------------  ----',
      'TOTAL                   1235.51           2.00    15',
      '',
    ].join('\n'));
  });

  it('adds a list-cost column in the currency, `-` where a row has none', () => {
    const text = formatTable(report({
      rows: [{ costCenter: 'CC-1', dbus: 2, machineHours: 1, listCost: 0.3, records: 1 }, { dbus: 1, machineHours: 1, records: 1 }],
      totals: { dbus: 3, machineHours: 2, listCost: 0.3, records: 2, files: 1 },
      currency: 'USD',
    }), ['costCenter']);
    expect(text.split('\n')).toEqual([
      'COST CENTER  DBUS  MACHINE HOURS  LIST COST USD  ROWS',
      '-----------  ----  -------------  -------------  ----',
      'CC-1         2.00           1.00           0.30     1',
      '             1.00           1.00              -     1',
      '-----------  ----  -------------  -------------  ----',
      'TOTAL        3.00           2.00           0.30     2',
      '',
    ]);
  });
});

describe('formatProblems', () => {
  it('writes `file:line: reason`, or `file: reason` for the whole file', () => {
    expect(formatProblem(problem('a.csv', 1, 'bad'))).toBe('a.csv:1: bad');
    expect(formatProblem(problem('a.csv', 0, 'bad'))).toBe('a.csv: bad');
  });

  it('prints nothing when nothing was refused', () => {
    expect(formatProblems(report({}))).toBe('');
  });

  it('prints every problem and no "more" line when all fit', () => {
    const problems = [problem('a.csv', 2), problem('b.csv', 0)];
    expect(formatProblems(report({ refused: { files: 1, rows: 1 }, problems })))
      .toBe('Not counted: 1 row(s) and 1 file(s) refused:\n  a.csv:2: r\n  b.csv: r\n');
    expect(formatProblems(report({ refused: { files: 1, rows: 0 }, problems: [problem('b.csv', 0)] }))).toBe('Not counted: 0 row(s) and 1 file(s) refused:\n  b.csv: r\n');
  });

  it(`prints at most ${PRINTED_PER_FILE} problems of a file and ${PRINTED_IN_ALL} in all, then counts the rest`, () => {
    const problems = Array.from({ length: 6 }, (_, f) => Array.from({ length: PRINTED_PER_FILE + 1 }, (__, l) => problem(`f${f}.csv`, l + 1))).flat();
    const lines = formatProblems(report({ refused: { files: 0, rows: 100 }, problems })).split('\n');
    expect(lines[0]).toBe('Not counted: 100 row(s) and 0 file(s) refused:');
    expect(lines.slice(1, -2)).toEqual(problems.filter((p) => p.line <= PRINTED_PER_FILE).slice(0, PRINTED_IN_ALL).map((p) => `  ${p.file}:${p.line}: r`));
    expect(lines.slice(-2)).toEqual([`  ... ${100 - PRINTED_IN_ALL} more not shown (--json lists the first 10 of each file)`, '']);
  });

  it('counts the refused rows and files beyond the problems kept', () => {
    expect(formatProblems(report({ refused: { files: 0, rows: 3 }, problems: [problem('a.csv', 2)] })))
      .toBe('Not counted: 3 row(s) and 0 file(s) refused:\n  a.csv:2: r\n  ... 2 more not shown (--json lists the first 10 of each file)\n');
    expect(formatProblems(report({ refused: { files: 2, rows: 1 }, problems: [problem('a.csv', 0)] })))
      .toBe('Not counted: 1 row(s) and 2 file(s) refused:\n  a.csv: r\n  ... 2 more not shown (--json lists the first 10 of each file)\n');
  });
});
