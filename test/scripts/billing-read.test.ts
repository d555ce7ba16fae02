// Specification of reading a usage folder (scripts/lib/billing/files.ts), one file (read-file.ts) and the whole
// report (report.ts), on small files written here: what is summed per group, and every problem's line and text.
import { mkdirSync, symlinkSync } from 'node:fs';
import * as path from 'node:path';
import {
  DIMENSIONS, KEPT_PROBLEMS_PER_FILE, LEGACY_COLUMNS, buildReport, listUsageFiles, readUsageFile,
} from '../../scripts/lib/billable-usage';
import { PriceList } from '../../scripts/lib/billing/prices';
import Big from 'big.js';
import { scratchFolders } from '../support/scratch-folders';

const folderWith = scratchFolders('usage-read-');

const LEGACY = LEGACY_COLUMNS.join(',');
/** A legacy row: workspace, SKU, DBUs, machine hours, CostCenter (none when empty). */
const legacy = (workspace: string, sku: string, dbus: string, hours = '1', costCenter = '') =>
  `${workspace},2025-01-01T00:00:00Z,c,n,m,u,${costCenter ? `"{""CostCenter"":""${costCenter}""}"` : ''},${sku},${dbus},${hours},u,`;
const SYSTEM = ['workspace_id', 'sku_name', 'usage_start_time', 'usage_unit', 'usage_quantity', 'record_type', 'custom_tags'].join(',');
const system = (sku: string, quantity: string, start = '2025-01-09 10:00:00') => `7,${sku},${start},DBU,${quantity},ORIGINAL,`;

/** readUsageFile on one file holding `lines`. */
const read = (lines: string[], options: Parameters<typeof readUsageFile>[2] = { by: ['sku'] }) =>
  readUsageFile(folderWith({ 'f.csv': lines.join('\n') }), 'f.csv', options);

describe('listUsageFiles', () => {
  it('finds every .csv file (any case) below the folder, sorted by code point, and nothing else', () => {
    const folder = folderWith({ 'b.csv': '', 'B.CSV': '', 'a/z.csv': '', 'a/y/x.Csv': '', 'notes.txt': '', 'csv': '', 'c.csv.bak': '', 'empty/.keep': '' });
    mkdirSync(path.join(folder, 'dir.csv'));
    expect(listUsageFiles(folder)).toEqual({ files: ['B.CSV', path.join('a', 'y', 'x.Csv'), path.join('a', 'z.csv'), 'b.csv'], problems: [] });
  });

  it('names each symbolic link, sorted by path whatever the order found, and a folder it cannot read', () => {
    const target = folderWith({ 'u.csv': '' });
    const folder = folderWith({ 'sub/keep.csv': '' });
    symlinkSync(path.join(target, 'u.csv'), path.join(folder, 'sub', 'b.csv'));
    symlinkSync(target, path.join(folder, 'a'));
    const reason = 'symbolic link not followed (it could count a file twice); copy the file into the folder instead';
    expect(listUsageFiles(folder)).toEqual({
      files: [path.join('sub', 'keep.csv')],
      problems: [{ file: 'a', line: 0, fields: [], reason }, { file: path.join('sub', 'b.csv'), line: 0, fields: [], reason }],
    });
    // Folders are read last-found first: the links of z/ are found before those of y/.
    const nested = folderWith({ 'y/keep.csv': '', 'z/keep.csv': '' });
    for (const link of ['y/b.csv', 'y/a.csv', 'z/a.csv']) symlinkSync(target, path.join(nested, link));
    expect(listUsageFiles(nested).problems.map((problem) => problem.file)).toEqual(['y/a.csv', 'y/b.csv', 'z/a.csv'].map((link) => path.normalize(link)));
    expect(listUsageFiles(path.join(folder, 'absent')).problems).toEqual([{ file: '.', line: 0, fields: [], reason: 'cannot read the folder (ENOENT)' }]);
    expect(listUsageFiles(path.join(folder, 'sub', 'keep.csv')).problems).toEqual([{ file: '.', line: 0, fields: [], reason: 'cannot read the folder (ENOTDIR)' }]);
  });
});

describe('readUsageFile', () => {
  it('sums exact decimal strings per group of the dimensions asked for, labels in their order, workspaces mapped', async () => {
    const result = await read([LEGACY, legacy('1', 'S', '0.1', '1', 'CC'), legacy('2', 'S', '0.2', '0.5', 'CC'), legacy('1', 'T', '1', '2')], {
      by: ['costCenter', 'workspace'], workspaceMap: { 1: 'one' },
    });
    expect(result).toEqual({
      file: 'f.csv', format: 'legacy', refused: false, refusedRows: 0, problems: [], problemCount: 0,
      groups: [
        { key: 'CC\u0000one', labels: ['CC', 'one'], dbus: '0.1', machineHours: '1', cost: null, records: 1 },
        { key: 'CC\u00002', labels: ['CC', '2'], dbus: '0.2', machineHours: '0.5', cost: null, records: 1 },
        { key: '(untagged)\u0000one', labels: ['(untagged)', 'one'], dbus: '1', machineHours: '2', cost: null, records: 1 },
      ],
    });
    const bySku = await read([LEGACY, legacy('1', 'S', '0.1'), legacy('2', 'S', '0.2', '0.5')], { by: ['sku'] });
    expect(bySku.groups).toEqual([{ key: 'S', labels: ['S'], dbus: '0.3', machineHours: '1.5', cost: null, records: 2 }]);
  });

  it('labels a workspace missing from the map by its id, even one named like an Object property', async () => {
    const result = await read([LEGACY, legacy('constructor', 'S', '1'), legacy('__proto__', 'S', '1'), legacy('1', 'S', '1')], { by: ['workspace'], workspaceMap: { 1: 'one' } });
    expect(result.groups.map((group) => group.labels)).toEqual([['constructor'], ['__proto__'], ['one']]);
  });

  it('keeps groups apart whose labels join to the same text', async () => {
    const result = await read([LEGACY, legacy('a', 'bc', '1'), legacy('ab', 'c', '2')], { by: ['workspace', 'sku'] });
    expect(result.groups.map((group) => [group.labels, group.dbus])).toEqual([[['a', 'bc'], '1'], [['ab', 'c'], '2']]);
  });

  it('reads a header after a byte-order mark, padded or quoted, naming the trimmed columns a short row misses', async () => {
    const result = await read([`\uFEFF${LEGACY_COLUMNS.map((column) => ` ${column} `).join(',')}`, legacy('1', 'S', '1'), legacy('1', 'S', '2').slice(0, -4)]);
    expect(result.problems).toEqual([{ file: 'f.csv', line: 3, fields: ['clusterOwnerUserName', 'tags'], reason: 'row has 10 field(s), header has 12 (missing clusterOwnerUserName, tags)' }]);
    expect(result.groups.map((group) => group.dbus)).toEqual(['1']);
    const quoted = await read([`\uFEFF${LEGACY_COLUMNS.map((column) => `"${column}"`).join(',')}`, legacy('1', 'S', '1')]);
    expect([quoted.problems, quoted.groups.map((group) => group.dbus)]).toEqual([[], ['1']]);
  });

  it('prices each row at its time, has no machine hours for a system-table export, and refuses a row without a price', async () => {
    const prices = new PriceList('USD');
    prices.add('S', Date.UTC(2025, 0, 1), Number.POSITIVE_INFINITY, new Big('0.5'));
    const result = await read([SYSTEM, system('S', '3'), system('S', '0.1'), system('T', '1'), system('S', '1', 'later')], { by: ['sku'], prices });
    expect(result.groups).toEqual([{ key: 'S', labels: ['S'], dbus: '3.1', machineHours: null, cost: '1.55', records: 2 }]);
    expect(result.problems).toEqual([
      { file: 'f.csv', line: 4, fields: [], reason: 'no DBU list price for SKU T at 2025-01-09 10:00:00 in the list-prices file' },
      { file: 'f.csv', line: 5, fields: [], reason: 'usage time "later" is not a timestamp, so no list price applies' },
    ]);
    expect([result.format, result.refusedRows, result.problemCount]).toEqual(['system-table', 2, 2]);
  });

  it('refuses the whole file at a bad header and reads no further', async () => {
    const result = await read([`${LEGACY},sku`, legacy('1', 'S', 'x')]);
    expect(result).toEqual({
      file: 'f.csv', refused: true, groups: [], refusedRows: 0, problemCount: 1,
      problems: [{ file: 'f.csv', line: 1, fields: ['sku'], reason: 'header repeats column(s) sku; which one holds the value is unknown, so the file is not counted' }],
    });
    expect((await read(['', 'a,b', '1,2'])).problems).toEqual([{ file: 'f.csv', line: 2, fields: [], reason: expect.stringMatching(/^header matches no known format/) }]);
    expect((await read(['x,dbus,y'])).problems[0].fields).toEqual(['workspaceId', 'timestamp', 'sku', 'machineHours', 'clusterCustomTags', 'tags']);
  });

  it('refuses an empty file or one of blank lines, and a folder named like a file', async () => {
    const empty = { file: 'f.csv', refused: true, groups: [], refusedRows: 0, problemCount: 1, problems: [{ file: 'f.csv', line: 0, fields: [], reason: 'file is empty: no header line' }] };
    expect(await read([])).toEqual(empty);
    expect(await read(['', '', ''])).toEqual(empty);
    const folder = folderWith({});
    mkdirSync(path.join(folder, 'd.csv'));
    expect((await readUsageFile(folder, 'd.csv', { by: ['sku'] })).problems.map((p) => p.reason)).toEqual(['cannot read the file (EISDIR)']);
  });

  it('counts every refused row, keeps the first problems, and sums the rows that pass', async () => {
    const bad = Array.from({ length: KEPT_PROBLEMS_PER_FILE + 2 }, () => legacy('1', 'S', '-1'));
    const result = await read([LEGACY, legacy('1', 'S', '1'), ...bad, legacy('1', 'S', '2'), `${legacy('1', 'S', '4')},x`, legacy('1', 'S', '8').slice(0, -3)]);
    expect([result.refused, result.refusedRows, result.problemCount, result.problems.length]).toEqual([false, KEPT_PROBLEMS_PER_FILE + 4, KEPT_PROBLEMS_PER_FILE + 4, KEPT_PROBLEMS_PER_FILE]);
    expect(result.problems.map((p) => p.line)).toEqual(Array.from({ length: KEPT_PROBLEMS_PER_FILE }, (_, i) => i + 3));
    expect(result.groups).toEqual([{ key: 'S', labels: ['S'], dbus: '3', machineHours: '2', cost: null, records: 2 }]);
  });

  it('refuses the file, instead of ending the process, when counting a row throws', async () => {
    const prices = { find: (sku: string) => { if (sku === 'T') throw new Error('price list broken'); return new Big(1); } } as unknown as PriceList;
    const result = await read([SYSTEM, system('S', '1'), system('T', '1'), system('S', '2'), ''], { by: ['sku'], prices });
    expect(result).toEqual({
      file: 'f.csv', format: 'system-table', refused: true, groups: [], refusedRows: 0, problemCount: 1,
      problems: [{ file: 'f.csv', line: 3, fields: [], reason: 'reading stopped at this line: price list broken; the file is not counted' }],
    });
  });

  it('names the lines an unparseable record spans, counting each refused record once', async () => {
    // After a bad closing quote csv-parse resumes inside the next line, so that record spans two lines.
    const result = await read([LEGACY, legacy('1', 'S', '1'), '1,"c"d', legacy('1', 'S', '2'), '1,"abc', 'def']);
    const closing = (got: string, line: number) => `Invalid Closing Quote: got "${got}" at line ${line} instead of delimiter, record delimiter, trimable character (if activated) or comment`;
    expect(result.problems.map(({ line, reason }) => [line, reason])).toEqual([
      [3, `unparseable CSV: ${closing('d', 3)}`],
      [5, `unparseable CSV (record from line 4): ${closing('a', 5)}`],
      [6, 'unparseable CSV: Quote Not Closed: the parsing is finished with an opening quote at line 6'],
    ]);
    expect([result.refused, result.refusedRows, result.groups[0].dbus]).toEqual([false, 3, '1']);
    const spanning = await read([LEGACY, legacy('1', 'S', '1'), '1,"abc', 'def']);
    expect(spanning.problems.map(({ line, reason }) => [line, reason])).toEqual([
      [4, 'unparseable CSV (record from line 3): Quote Not Closed: the parsing is finished with an opening quote at line 4'],
    ]);
  });
});

describe('buildReport', () => {
  it('groups by every dimension unless told otherwise, and rounds to the decimals asked for', async () => {
    const folder = folderWith({ 'a.csv': [LEGACY, legacy('1', 'S', '0.125', '1', 'CC')].join('\n') });
    expect((await buildReport(folder)).rows).toEqual([{ workspace: '1', sku: 'S', costCenter: 'CC', dbus: 0.125, machineHours: 1, records: 1 }]);
    expect(DIMENSIONS).toEqual(['workspace', 'sku', 'costCenter']);
    expect((await buildReport(folder, { by: ['sku'], decimals: 2 })).rows).toEqual([{ sku: 'S', dbus: 0.13, machineHours: 1, records: 1 }]);
  });

  it('counts a link as a refused file ahead of the files it reads', async () => {
    const folder = folderWith({ 'b.csv': [LEGACY, legacy('1', 'S', '1')].join('\n') });
    symlinkSync(path.join(folder, 'b.csv'), path.join(folder, 'c.csv'));
    const report = await buildReport(folder, { by: ['sku'] });
    expect([report.refused, report.problems.map((p) => p.file), report.totals.files]).toEqual([{ files: 1, rows: 0 }, ['c.csv'], 1]);
  });

  it('reads the same report in worker threads as in one thread, with prices and a workspace map', async () => {
    const folder = folderWith({
      'a.csv': [SYSTEM, system('S', '1'), system('S', 'x')].join('\n'),
      'b.csv': [SYSTEM, system('S', '2'), system('T', '3')].join('\n'),
      'c.csv': [SYSTEM, system('T', '0.5')].join('\n'),
      'p.csv.txt': [['sku_name', 'usage_unit', 'currency_code', 'price_start_time', 'price_end_time', 'pricing'].join(','), 'S,DBU,USD,2025-01-01,,"{""default"":""2""}"'].join('\n'),
    });
    const options = { workspaceMap: { 7: 'seven' }, listPrices: { path: path.join(folder, 'p.csv.txt'), name: 'p' } };
    const inThreads = await buildReport(folder, { ...options, jobs: 2 });
    expect(inThreads).toEqual(await buildReport(folder, options));
    expect([inThreads.totals, inThreads.refused, inThreads.problems.map((p) => `${p.file}:${p.line}`)])
      .toEqual([{ dbus: 3, machineHours: null, listCost: 6, records: 2, files: 3 }, { files: 0, rows: 3 }, ['a.csv:3', 'b.csv:3', 'c.csv:2']]);
  }, 30_000); // worker threads start slowly on a shared machine
});

