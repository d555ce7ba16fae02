import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REGISTER_TS } from '../support/paths';
import {
  DOCUMENTED_COLUMNS, UNTAGGED, buildReport, formatTable, listCsvFiles, parseUsageCsv, parseWorkspaceMap,
} from '../../scripts/lib/billable-usage';

const repoRoot = join(__dirname, '..', '..');
const fixtures = join(repoRoot, 'test', 'fixtures', 'billable-usage');
const workspaceMapFile = join(fixtures, 'workspace-map.json');
const workspaceMap = parseWorkspaceMap(readFileSync(workspaceMapFile, 'utf8'));
const malformedFile = 'malformed/workspaceId=2222222222222222-usageMonth=2025-01.csv';
const header = DOCUMENTED_COLUMNS.join(',');

describe('listCsvFiles', () => {
  it('finds CSV files recursively in sorted order and ignores other files', () => {
    expect(listCsvFiles(fixtures)).toEqual([
      malformedFile,
      'valid/2025-01/workspaceId=3333333333333333-usageMonth=2025-01.csv',
      'valid/workspaceId=1111111111111111-usageMonth=2025-01.csv',
    ]);
  });
});

describe('buildReport', () => {
  it('sums DBUs and machine hours per environment, SKU and cost center', () => {
    const report = buildReport(join(fixtures, 'valid'), { workspaceMap });
    expect(report.rows).toEqual([
      { workspace: 'alpha', sku: 'PREMIUM_ALL_PURPOSE_COMPUTE', costCenter: UNTAGGED, dbus: 0.75, machineHours: 0.5, records: 1 },
      { workspace: 'alpha', sku: 'PREMIUM_ALL_PURPOSE_COMPUTE', costCenter: 'CC-2002', dbus: 1.5, machineHours: 1, records: 1 },
      // 2.1 + 2.2 and 1.7 + 1.6 would drift in floating point without rounding.
      { workspace: 'alpha', sku: 'PREMIUM_JOBS_COMPUTE', costCenter: 'CC-1001', dbus: 4.3, machineHours: 3.3, records: 2 },
      // CostCenter only present in `tags` (instance-pool tag), not in clusterCustomTags.
      { workspace: 'gamma', sku: 'PREMIUM_ALL_PURPOSE_COMPUTE', costCenter: 'CC-3003', dbus: 4, machineHours: 4, records: 1 },
      { workspace: 'gamma', sku: 'PREMIUM_JOBS_COMPUTE', costCenter: 'CC-1001', dbus: 22.25, machineHours: 17.5, records: 2 },
    ]);
    expect(report.totals).toEqual({ dbus: 32.8, machineHours: 26.3, records: 7, files: 2 });
    expect(report.problems).toEqual([]);
  });

  it('labels rows with the raw workspaceId when the workspace is not mapped', () => {
    const report = buildReport(join(fixtures, 'valid'), { workspaceMap: { '3333333333333333': 'gamma' }, by: ['workspace'] });
    expect(report.rows).toEqual([
      { workspace: '1111111111111111', dbus: 6.55, machineHours: 4.8, records: 4 },
      { workspace: 'gamma', dbus: 26.25, machineHours: 21.5, records: 3 },
    ]);
  });

  it('groups only by the requested dimensions', () => {
    const report = buildReport(fixtures, { by: ['costCenter'] });
    expect(report.rows).toEqual([
      { costCenter: UNTAGGED, dbus: 1.75, machineHours: 1.5, records: 2 },
      { costCenter: 'CC-1001', dbus: 29.55, machineHours: 23.3, records: 5 },
      { costCenter: 'CC-2002', dbus: 1.5, machineHours: 1, records: 1 },
      { costCenter: 'CC-3003', dbus: 4, machineHours: 4, records: 1 },
    ]);
  });

  it('counts the valid rows of a file with malformed rows and reports each bad row with file and line', () => {
    const report = buildReport(fixtures, { workspaceMap });
    expect(report.rows.filter((row) => row.workspace === 'zeta')).toEqual([
      { workspace: 'zeta', sku: 'PREMIUM_ALL_PURPOSE_COMPUTE', costCenter: UNTAGGED, dbus: 1, machineHours: 1, records: 1 },
      { workspace: 'zeta', sku: 'PREMIUM_JOBS_COMPUTE', costCenter: 'CC-1001', dbus: 3, machineHours: 2.5, records: 1 },
    ]);
    expect(report.totals).toEqual({ dbus: 36.8, machineHours: 29.8, records: 9, files: 3 });
    expect(report.problems).toEqual([
      { file: malformedFile, line: 3, reason: 'dbus is not a number: "n/a"' },
      { file: malformedFile, line: 4, reason: 'row has 11 field(s), header has 12 (missing tags)' },
      { file: malformedFile, line: 5, reason: 'clusterCustomTags is not valid JSON' },
      { file: malformedFile, line: 6, reason: 'dbus is negative: -1.5' },
      { file: malformedFile, line: 8, reason: 'workspaceId is empty' },
    ]);
  });

  it('serialises to the documented { rows, totals, problems } JSON shape', () => {
    const json = JSON.parse(JSON.stringify(buildReport(fixtures, { workspaceMap })));
    expect(Object.keys(json)).toEqual(['rows', 'totals', 'problems']);
    expect(Object.keys(json.rows[0])).toEqual(['workspace', 'sku', 'costCenter', 'dbus', 'machineHours', 'records']);
    expect(Object.keys(json.totals)).toEqual(['dbus', 'machineHours', 'records', 'files']);
    expect(Object.keys(json.problems[0])).toEqual(['file', 'line', 'reason']);
  });
});

describe('parseUsageCsv', () => {
  const row = (dbus: string, machineHours: string, customTags = '') =>
    `1111111111111111,2025-01-06T09:59:59.999Z,c1,n,i3.xlarge,1,${customTags},PREMIUM_JOBS_COMPUTE,${dbus},${machineHours},u@example.com,`;

  it('rejects non-numeric, empty and negative machine hours as well as non-object tag JSON', () => {
    const content = [header, row('1', ''), row('1', '-0.5'), row('1', '0x10'), row('1', '1', '"[1,2]"'), row('0', '0')].join('\n');
    const { records, problems } = parseUsageCsv(content, 'f.csv');
    expect(problems).toEqual([
      { file: 'f.csv', line: 2, reason: 'machineHours is not a number: ""' },
      { file: 'f.csv', line: 3, reason: 'machineHours is negative: -0.5' },
      { file: 'f.csv', line: 4, reason: 'machineHours is not a number: "0x10"' },
      { file: 'f.csv', line: 5, reason: 'clusterCustomTags is not a JSON object' },
    ]);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ line: 6, dbus: 0, machineHours: 0, costCenter: UNTAGGED });
  });

  it('reports a header without required columns once instead of failing every row', () => {
    const content = 'workspaceId,timestamp,sku,dbus\n1,2025-01-06T09:59:59.999Z,PREMIUM_JOBS_COMPUTE,1\n';
    expect(parseUsageCsv(content, 'old.csv')).toEqual({
      records: [],
      problems: [{ file: 'old.csv', line: 1, reason: 'header is missing column(s) machineHours, clusterCustomTags, tags; 1 data row(s) not counted' }],
    });
  });

  it('reports unparseable CSV with its line and keeps the rows around it', () => {
    const content = [header, row('1', '1'), row('2', '2').replace('c1', 'c"1'), row('3', '3')].join('\n');
    const { records, problems } = parseUsageCsv(content, 'q.csv');
    expect(records.map((record) => record.dbus)).toEqual([1, 3]);
    expect(problems).toEqual([{ file: 'q.csv', line: 3, reason: expect.stringMatching(/^unparseable CSV: /) }]);
  });
});

describe('parseWorkspaceMap', () => {
  it('rejects anything but an object of non-empty strings', () => {
    expect(() => parseWorkspaceMap('[]')).toThrow('must be a JSON object');
    expect(() => parseWorkspaceMap('{"1": 2}')).toThrow('entry 1 must be a non-empty string');
    expect(() => parseWorkspaceMap('{')).toThrow('not valid JSON');
  });
});

describe('formatTable', () => {
  it('renders aligned columns with a totals line', () => {
    const table = formatTable(buildReport(join(fixtures, 'valid'), { workspaceMap, by: ['workspace', 'sku'] }).rows, ['workspace', 'sku']);
    expect(table).toBe([
      'WORKSPACE  SKU                           DBUS  MACHINE HOURS  ROWS',
      '---------  ---------------------------  -----  -------------  ----',
      'alpha      PREMIUM_ALL_PURPOSE_COMPUTE   2.25           1.50     2',
      'alpha      PREMIUM_JOBS_COMPUTE          4.30           3.30     2',
      'gamma      PREMIUM_ALL_PURPOSE_COMPUTE   4.00           4.00     1',
      'gamma      PREMIUM_JOBS_COMPUTE         22.25          17.50     2',
      '---------  ---------------------------  -----  -------------  ----',
      'TOTAL                                   32.80          26.30     7',
      '',
    ].join('\n'));
  });
});

describe('billing-report CLI', () => {
  const runCli = (...args: string[]) =>
    spawnSync(process.execPath, ['--require', REGISTER_TS, 'scripts/billing-report.ts', ...args], { cwd: repoRoot, encoding: 'utf8' });

  it('exits 0 and prints JSON for a clean folder', () => {
    const result = runCli(join(fixtures, 'valid'), '--json', '--workspace-map', workspaceMapFile);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).totals).toEqual({ dbus: 32.8, machineHours: 26.3, records: 7, files: 2 });
  });

  it('exits 1 after printing the table and the problems when rows are malformed', () => {
    const result = runCli(fixtures, '--workspace-map', workspaceMapFile);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^TOTAL +36\.80 +29\.80 +9$/m);
    expect(result.stderr).toContain(`5 malformed row(s) not counted:\n  ${malformedFile}:3: dbus is not a number`);
  });

  it('exits 2 with a short message for a missing folder', () => {
    const result = runCli('test/fixtures/billable-usage/does-not-exist');
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('billing-report: folder not found: test/fixtures/billable-usage/does-not-exist\n');
  });
});
