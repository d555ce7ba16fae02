// The billing-report reproductions of issue #15 (bad input at any size), each as the user met it.
import { symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { KEPT_PROBLEMS_PER_FILE, LEGACY_COLUMNS, MAX_DECIMALS, MAX_RECORD_CHARS, buildReport, readUsageFile, type UsageReport } from '../../scripts/lib/billable-usage';
import { scratchFolders } from '../support/scratch-folders';

const HEADER = LEGACY_COLUMNS.join(',');
const row = (dbus: string, hours = '1') => `1,2025-01-01T00:00:00Z,c,n,m6i.large,u,"{""CostCenter"":""CC-1""}",JOBS,${dbus},${hours},user,{}`;

const folderWith = scratchFolders('usage-input-');

const reportOf = (content: string): Promise<UsageReport> => buildReport(folderWith({ 'f.csv': content }));
const problemsOf = async (content: string) => (await reportOf(content)).problems.map(({ line, fields, reason }) => ({ line, fields, reason }));

test('totals are exact decimals, not binary floats', async () => {
  expect((await reportOf([HEADER, row('2.1'), row('2.2'), row('1e-6')].join('\n'))).totals.dbus).toBe(4.300001);
  expect((await reportOf([HEADER, row('0.1'), row('0.1'), row('0.1')].join('\n'))).totals.dbus).toBe(0.3);
  const many = [HEADER, ...Array.from({ length: 1000 }, () => row('0.000001'))].join('\n');
  expect((await reportOf(many)).totals.dbus).toBe(0.001);
});

test.each([
  ['1e308', ['dbus'], 'dbus is 1e308, more than 1000000000 (no hourly usage row holds that much)'],
  ['Infinity', ['dbus'], 'dbus is not a number: "Infinity"'],
  ['-Infinity', ['dbus'], 'dbus is not a number: "-Infinity"'],
  ['NaN', ['dbus'], 'dbus is not a number: "NaN"'],
  ['1,5', [], 'row has 13 field(s), header has 12 (1 extra)'],
  ['twelve', ['dbus'], 'dbus is not a number: "twelve"'],
  ['-0.5', ['dbus'], 'dbus is negative: -0.5'],
  ['1e-19', ['dbus'], `dbus has more than ${MAX_DECIMALS} decimal places: 1e-19`],
])('a dbus value of %s is refused by field and line, and no total is Infinity', async (value, fields, reason) => {
  const report = await reportOf([HEADER, row('1'), row(value)].join('\n'));
  expect(report.problems).toEqual([{ file: 'f.csv', line: 3, fields, reason }]);
  expect(report.totals).toEqual({ dbus: 1, machineHours: 1, records: 1, files: 1 });
  expect(report.refused).toEqual({ files: 0, rows: 1 });
});

test('a header that repeats a column refuses the file by name instead of using the last one', async () => {
  const report = await buildReport(folderWith({ 'dup.csv': [HEADER.replace(/,tags$/, ',dbus'), row('1')].join('\n') }));
  expect(report.problems).toEqual([
    { file: 'dup.csv', line: 1, fields: ['dbus'], reason: 'header repeats column(s) dbus; which one holds the value is unknown, so the file is not counted' },
  ]);
  expect(report.refused).toEqual({ files: 1, rows: 0 });
});

test('a header of neither format is refused, naming the columns of both', async () => {
  const [problem] = await problemsOf('date,amount\n2025-01-01,3\n');
  expect(problem.line).toBe(1);
  expect(problem.reason).toMatch(/^header matches no known format; expected the legacy billable-usage columns \(workspaceId, timestamp, sku, dbus, .*\) or a system\.billing\.usage export \(workspace_id, usage_start_time, sku_name, usage_quantity, .*\)$/);
});

test('an empty file and an unreadable file are refused with the reason', async () => {
  expect(await problemsOf('')).toEqual([{ line: 0, fields: [], reason: 'file is empty: no header line' }]);
  const missing = await readUsageFile(folderWith({}), 'vanished.csv', { by: ['sku'] });
  expect(missing).toMatchObject({ refused: true, problems: [{ file: 'vanished.csv', line: 0, reason: 'cannot read the file (ENOENT)' }] });
});

test('a quote left open refuses its row, or the whole file once the record outgrows any usage row', async () => {
  expect(await problemsOf([HEADER, row('1'), '1,2,"abc'].join('\n'))).toEqual([
    { line: 3, fields: [], reason: 'unparseable CSV: Quote Not Closed: the parsing is finished with an opening quote at line 3' },
  ]);
  const runaway = await reportOf([HEADER, row('1'), `1,2,"${'x'.repeat(MAX_RECORD_CHARS)}`, row('2')].join('\n'));
  expect(runaway.problems.map((p) => p.reason)).toEqual([`a record from line 3 is longer than ${MAX_RECORD_CHARS} characters (an unclosed quote?); the file is not counted`]);
  expect([runaway.totals.records, runaway.refused]).toEqual([0, { files: 1, rows: 0 }]);
});

test('CRLF and LF rows in one file are both read', async () => {
  const report = await reportOf(`${HEADER}\r\n${row('1')}\n${row('2')}\r\n${row('3')}\n`);
  expect(report.problems).toEqual([]);
  expect(report.totals.dbus).toBe(6);
});

test('rows with fewer or more fields than the header are refused with their line numbers', async () => {
  expect(await problemsOf([HEADER, row('1'), row('2').replace(/,\{\}$/, ''), `${row('3')},extra`, row('4')].join('\n'))).toEqual([
    { line: 3, fields: ['tags'], reason: 'row has 11 field(s), header has 12 (missing tags)' },
    { line: 4, fields: [], reason: 'row has 13 field(s), header has 12 (1 extra)' },
  ]);
});

test('line numbers stay right after multi-line quoted fields and across read chunks', async () => {
  const multiLine = row('1').replace('"{""CostCenter"":""CC-1""}"', '"{""CostCenter"":\n""CC-1""}"');
  // Enough rows that the bad one sits well past the first 64 KiB read.
  const rows = [HEADER, multiLine, ...Array.from({ length: 2000 }, () => row('1')), row('bad')];
  expect(await problemsOf(rows.join('\n'))).toEqual([{ line: 2 + 1 + 2000 + 1, fields: ['dbus'], reason: 'dbus is not a number: "bad"' }]);
});

test('symbolic links to files and folders are reported, never followed', async () => {
  const elsewhere = folderWith({ 'other.csv': [HEADER, row('5')].join('\n') });
  const dir = folderWith({ 'real.csv': [HEADER, row('1')].join('\n'), 'sub/keep.txt': '' });
  symlinkSync(path.join(elsewhere, 'other.csv'), path.join(dir, 'link.csv'));
  symlinkSync(elsewhere, path.join(dir, 'sub', 'folder'));
  const report = await buildReport(dir);
  expect(report.totals.dbus).toBe(1);
  const reason = 'symbolic link not followed (it could count a file twice); copy the file into the folder instead';
  expect(report.problems).toEqual([
    { file: 'link.csv', line: 0, fields: [], reason },
    { file: path.join('sub', 'folder'), line: 0, fields: [], reason },
  ]);
  expect(report.refused).toEqual({ files: 2, rows: 0 });
});

test('a file of refused rows keeps only its first problems in memory but counts them all', async () => {
  const refusedRows = 10 * KEPT_PROBLEMS_PER_FILE;
  const report = await reportOf([HEADER, ...Array.from({ length: refusedRows }, () => row('NaN'))].join('\n'));
  expect(report.problems).toHaveLength(KEPT_PROBLEMS_PER_FILE);
  expect(report.problems[KEPT_PROBLEMS_PER_FILE - 1].line).toBe(KEPT_PROBLEMS_PER_FILE + 1);
  expect(report.refused).toEqual({ files: 0, rows: refusedRows });
});

test('a quantity written with a plus sign is counted, not a reason to refuse the whole file', async () => {
  const report = await reportOf([HEADER, row('1'), row('+2', '+1')].join('\n'));
  expect([report.problems, report.refused, report.totals]).toEqual([[], { files: 0, rows: 0 }, { dbus: 3, machineHours: 2, records: 2, files: 1 }]);
});
