// What the billing-report command prints and exits with: one screen of problems, counts of all, and
// usage errors (exit 2) kept apart from refused files and rows (exit 1).
import { symlinkSync } from 'node:fs';
import * as path from 'node:path';
import {
  KEPT_PROBLEMS_PER_FILE, LEGACY_COLUMNS, PRINTED_IN_ALL, PRINTED_PER_FILE, buildReport, formatProblems,
} from '../../scripts/lib/billable-usage';
import { runScriptAsync } from '../support/run-script';
import { scratchFolders } from '../support/scratch-folders';

const HEADER = LEGACY_COLUMNS.join(',');
const row = (dbus: string, workspace = '1') => `${workspace},2025-01-01T00:00:00Z,c,n,m6i.large,u,"{""CostCenter"":""CC-1""}",JOBS,${dbus},1,user,{}`;
const fileOf = (rows: string[]) => [HEADER, ...rows].join('\n');

const folderWith = scratchFolders('usage-output-');

// In this process (billing-report.test.ts keeps the spawned end-to-end run).
const runCli = (...args: string[]) => runScriptAsync('billing-report', args);

/** Three files of which two are full of bad rows. */
const noisyFolder = () => folderWith({
  'a.csv': fileOf(Array.from({ length: 300 }, (_, i) => row(i % 2 ? 'NaN' : '1'))),
  'b.csv': fileOf(Array.from({ length: 40 }, () => row('-1'))),
  'c.csv': fileOf([row('2', '2'), row('3', '3')]),
});

test('problems fit on one screen: the first few of each file, then a count of all', async () => {
  const report = await buildReport(noisyFolder());
  expect(report.refused).toEqual({ files: 0, rows: 190 });
  expect(report.problems).toHaveLength(2 * KEPT_PROBLEMS_PER_FILE);
  const lines = formatProblems(report).trimEnd().split('\n');
  expect(lines[0]).toBe('Not counted: 190 row(s) and 0 file(s) refused:');
  expect(lines.filter((line) => line.startsWith('  a.csv:'))).toHaveLength(PRINTED_PER_FILE);
  expect(lines.filter((line) => line.startsWith('  b.csv:'))).toHaveLength(PRINTED_PER_FILE);
  expect(lines.length).toBeLessThanOrEqual(PRINTED_IN_ALL + 2);
  expect(lines[lines.length - 1]).toBe(`  ... ${190 - 2 * PRINTED_PER_FILE} more not shown (--json lists the first ${KEPT_PROBLEMS_PER_FILE} of each file)`);
});

test('worker threads give the same report as reading the files one by one', async () => {
  const folder = noisyFolder();
  expect(await buildReport(folder, { jobs: 2 })).toEqual(await buildReport(folder, { jobs: 1 }));
}, 30_000); // two worker threads start; slow on a shared machine

test('exit 1: the table, then the refused rows on stderr; JSON has the same counts', async () => {
  const folder = noisyFolder();
  const table = await runCli(folder, '--by', 'workspace');
  expect(table.status).toBe(1);
  expect(table.stdout).toMatch(/^TOTAL +155\.00 +152\.00 +152$/m);
  expect(table.stderr).toMatch(/^Not counted: 190 row\(s\) and 0 file\(s\) refused:\n {2}a\.csv:3: dbus is not a number: "NaN"$/m);
  const json = await runCli(folder, '--json', '--jobs', '1');
  expect(json.status).toBe(1);
  expect(JSON.parse(json.stdout).refused).toEqual({ files: 0, rows: 190 });
});

test('a folder holding only a symbolic link reports the link (exit 1) rather than a usage error', async () => {
  const folder = folderWith({});
  symlinkSync(path.join(noisyFolder(), 'c.csv'), path.join(folder, 'c.csv'));
  const result = await runCli(folder);
  expect(result.status).toBe(1);
  expect(result.stderr).toContain('Not counted: 0 row(s) and 1 file(s) refused:\n  c.csv: symbolic link not followed');
});

test('exit 2 with one line for usage errors: an empty folder, a bad list-prices file, a bad option', async () => {
  const empty = await runCli(folderWith({}));
  expect([empty.status, empty.stdout, empty.stderr.trim().split('\n')]).toEqual([2, '', [expect.stringMatching(/^billing-report: no \.csv files found under /)]]);
  const folder = folderWith({ 'u.csv': fileOf([row('1')]), 'prices.txt': 'sku_name\nX\n' });
  const prices = await runCli(folder, '--list-prices', path.join(folder, 'prices.txt'));
  expect(prices.status).toBe(2);
  expect(prices.stdout).toBe('');
  expect(prices.stderr).toMatch(/^billing-report: .*prices\.txt:1: not a system\.billing\.list_prices export: missing column\(s\) usage_unit, /);
  expect((await runCli(folder, '--jobs', '0')).status).toBe(2);
});
