import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildReport, parseUsageCsv, toUnits } from '../../scripts/lib/billable-usage';

const HEADER = 'workspaceId,timestamp,clusterId,clusterName,clusterNodeType,clusterOwnerUserId,clusterCustomTags,sku,dbus,machineHours,clusterOwnerUserName,tags';
const row = (dbus: string, hours = '1') => `1,2025-01-01T00:00:00Z,c,n,m6i.large,u,"{""CostCenter"":""CC-1""}",JOBS,${dbus},${hours},user,{}`;

test('a file of 200,000 rows is counted without overflowing the call stack', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'usage-big-'));
  writeFileSync(path.join(dir, 'big.csv'), [HEADER, ...Array.from({ length: 200_000 }, () => row('0.1'))].join('\n'));
  const report = buildReport(dir);
  expect(report.problems).toEqual([]);
  expect(report.totals).toEqual({ dbus: 20000, machineHours: 200000, records: 200000, files: 1 });
});

test('totals are exact decimals, not binary floats', () => {
  const { records } = parseUsageCsv([HEADER, row('2.1'), row('2.2'), row('0.000001')].join('\n'), 'f.csv');
  expect(records.map((r) => toUnits(r.dbus)).reduce((a, b) => a + b)).toBe(4_300_001_000_000n);
  const dir = mkdtempSync(path.join(tmpdir(), 'usage-exact-'));
  writeFileSync(path.join(dir, 'a.csv'), [HEADER, row('2.1'), row('2.2'), row('1e-6')].join('\n'));
  expect(buildReport(dir).totals.dbus).toBe(4.300001);
});

test('a value of 1e308 is refused by name instead of making every total Infinity', () => {
  expect(parseUsageCsv([HEADER, row('1e308')].join('\n'), 'f.csv').problems).toEqual([
    { file: 'f.csv', line: 2, reason: 'dbus is 1e308, more than 1000000000 (no hourly usage row holds that much; totals would overflow)' },
  ]);
});

test('a header that repeats a column refuses the file instead of using the last one', () => {
  const header = HEADER.replace('tags', 'dbus');
  expect(parseUsageCsv([header.replace(/,tags$/, ',dbus'), row('1')].join('\n'), 'f.csv').problems).toEqual([
    { file: 'f.csv', line: 1, reason: 'header repeats column(s) dbus; which one holds the value is unknown, so 1 data row(s) not counted' },
  ]);
});

test('CRLF and LF rows in one file are both read', () => {
  const { records, problems } = parseUsageCsv(`${HEADER}\r\n${row('1')}\n${row('2')}\r\n${row('3')}\n`, 'f.csv');
  expect(problems).toEqual([]);
  expect(records.map((r) => r.dbus)).toEqual([1, 2, 3]);
});

test('symbolic links to files and folders are reported, never followed', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'usage-links-'));
  const elsewhere = mkdtempSync(path.join(tmpdir(), 'usage-elsewhere-'));
  writeFileSync(path.join(elsewhere, 'other.csv'), [HEADER, row('5')].join('\n'));
  writeFileSync(path.join(dir, 'real.csv'), [HEADER, row('1')].join('\n'));
  symlinkSync(path.join(elsewhere, 'other.csv'), path.join(dir, 'link.csv'));
  mkdirSync(path.join(dir, 'sub'));
  symlinkSync(elsewhere, path.join(dir, 'sub', 'folder'));
  const report = buildReport(dir);
  expect(report.totals.dbus).toBe(1);
  expect(report.problems).toEqual([
    { file: 'link.csv', line: 0, reason: 'symbolic link not followed; copy the file into the folder instead' },
    { file: path.join('sub', 'folder'), line: 0, reason: 'symbolic link not followed; copy the file into the folder instead' },
  ]);
});
