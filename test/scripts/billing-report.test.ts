import { join } from 'node:path';
import { runScriptAsync, runScriptProcess } from '../support/run-script';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import {
  LEGACY_COLUMNS, UNTAGGED, buildReport, formatTable, listUsageFiles, parseWorkspaceMap, type UsageReport,
} from '../../scripts/lib/billable-usage';

const repoRoot = join(__dirname, '..', '..');
const fixtures = join(repoRoot, 'test', 'fixtures', 'billable-usage');
const workspaceMapFile = join(fixtures, 'workspace-map.json');
const workspaceMap = parseWorkspaceMap(readFileSync(workspaceMapFile, 'utf8'));
const malformedFile = 'malformed/workspaceId=2222222222222222-usageMonth=2025-01.csv';
const header = LEGACY_COLUMNS.join(',');

/** The report of one CSV file with `content`, read in this thread. */
async function reportOf(content: string, file = 'f.csv'): Promise<UsageReport> {
  const dir = mkdtempSync(join(tmpdir(), 'usage-'));
  writeFileSync(join(dir, file), content);
  return buildReport(dir);
}

describe('listUsageFiles', () => {
  it('finds CSV files recursively in sorted order and ignores other files', () => {
    expect(listUsageFiles(fixtures).files).toEqual([
      malformedFile,
      'valid/2025-01/workspaceId=3333333333333333-usageMonth=2025-01.csv',
      'valid/workspaceId=1111111111111111-usageMonth=2025-01.csv',
    ]);
  });
});

describe('buildReport', () => {
  it('sums DBUs and machine hours per environment, SKU and cost center', async () => {
    const report = await buildReport(join(fixtures, 'valid'), { workspaceMap });
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
    expect(report.refused).toEqual({ files: 0, rows: 0 });
  });

  it('labels rows with the raw workspaceId when the workspace is not mapped', async () => {
    const report = await buildReport(join(fixtures, 'valid'), { workspaceMap: { '3333333333333333': 'gamma' }, by: ['workspace'] });
    expect(report.rows).toEqual([
      { workspace: '1111111111111111', dbus: 6.55, machineHours: 4.8, records: 4 },
      { workspace: 'gamma', dbus: 26.25, machineHours: 21.5, records: 3 },
    ]);
  });

  it('groups only by the requested dimensions', async () => {
    const report = await buildReport(fixtures, { by: ['costCenter'] });
    expect(report.rows).toEqual([
      { costCenter: UNTAGGED, dbus: 1.75, machineHours: 1.5, records: 2 },
      { costCenter: 'CC-1001', dbus: 29.55, machineHours: 23.3, records: 5 },
      { costCenter: 'CC-2002', dbus: 1.5, machineHours: 1, records: 1 },
      { costCenter: 'CC-3003', dbus: 4, machineHours: 4, records: 1 },
    ]);
  });

  it('counts the valid rows of a file with malformed rows and reports each bad row with file, line and field', async () => {
    const report = await buildReport(fixtures, { workspaceMap });
    expect(report.rows.filter((row) => row.workspace === 'zeta')).toEqual([
      { workspace: 'zeta', sku: 'PREMIUM_ALL_PURPOSE_COMPUTE', costCenter: UNTAGGED, dbus: 1, machineHours: 1, records: 1 },
      { workspace: 'zeta', sku: 'PREMIUM_JOBS_COMPUTE', costCenter: 'CC-1001', dbus: 3, machineHours: 2.5, records: 1 },
    ]);
    expect(report.totals).toEqual({ dbus: 36.8, machineHours: 29.8, records: 9, files: 3 });
    expect(report.problems).toEqual([
      { file: malformedFile, line: 3, fields: ['dbus'], reason: 'dbus is not a number: "n/a"' },
      { file: malformedFile, line: 4, fields: ['tags'], reason: 'row has 11 field(s), header has 12 (missing tags)' },
      { file: malformedFile, line: 5, fields: ['clusterCustomTags'], reason: 'clusterCustomTags is not valid JSON' },
      { file: malformedFile, line: 6, fields: ['dbus'], reason: 'dbus is negative: -1.5' },
      { file: malformedFile, line: 8, fields: ['workspaceId'], reason: 'workspaceId is empty' },
    ]);
    expect(report.refused).toEqual({ files: 0, rows: 5 });
  });

  it('serialises to the documented { rows, totals, refused, problems } JSON shape', async () => {
    const json = JSON.parse(JSON.stringify(await buildReport(fixtures, { workspaceMap })));
    expect(Object.keys(json)).toEqual(['rows', 'totals', 'refused', 'problems']);
    expect(Object.keys(json.rows[0])).toEqual(['workspace', 'sku', 'costCenter', 'dbus', 'machineHours', 'records']);
    expect(Object.keys(json.totals)).toEqual(['dbus', 'machineHours', 'records', 'files']);
    expect(Object.keys(json.refused)).toEqual(['files', 'rows']);
    expect(Object.keys(json.problems[0])).toEqual(['file', 'line', 'fields', 'reason']);
  });
});

describe('row validation', () => {
  const row = (dbus: string, machineHours: string, customTags = '') =>
    `1111111111111111,2025-01-06T09:59:59.999Z,c1,n,i3.xlarge,1,${customTags},PREMIUM_JOBS_COMPUTE,${dbus},${machineHours},u@example.com,`;

  it('rejects non-numeric, empty and negative machine hours as well as non-object tag JSON', async () => {
    const report = await reportOf([header, row('1', ''), row('1', '-0.5'), row('1', '0x10'), row('1', '1', '"[1,2]"'), row('0', '0')].join('\n'));
    expect(report.problems.map(({ line, reason }) => ({ line, reason }))).toEqual([
      { line: 2, reason: 'machineHours is not a number: ""' },
      { line: 3, reason: 'machineHours is negative: -0.5' },
      { line: 4, reason: 'machineHours is not a number: "0x10"' },
      { line: 5, reason: 'clusterCustomTags is not a JSON object' },
    ]);
    expect(report.rows).toEqual([{ workspace: '1111111111111111', sku: 'PREMIUM_JOBS_COMPUTE', costCenter: UNTAGGED, dbus: 0, machineHours: 0, records: 1 }]);
  });

  it('reports a header without required columns once instead of failing every row', async () => {
    const report = await reportOf('workspaceId,timestamp,sku,dbus\n1,2025-01-06T09:59:59.999Z,PREMIUM_JOBS_COMPUTE,1\n', 'old.csv');
    expect(report.problems).toEqual([{
      file: 'old.csv', line: 1, fields: ['machineHours', 'clusterCustomTags', 'tags'],
      reason: 'header of a legacy file is missing column(s) machineHours, clusterCustomTags, tags; the file is not counted',
    }]);
    expect(report.refused).toEqual({ files: 1, rows: 0 });
    expect(report.totals.files).toBe(0);
  });

  it('reports unparseable CSV with its line and keeps the rows around it', async () => {
    const report = await reportOf([header, row('1', '1'), row('2', '2').replace('c1', 'c"1'), row('3', '3')].join('\n'), 'q.csv');
    expect(report.totals).toMatchObject({ dbus: 4, records: 2 });
    expect(report.problems).toEqual([{ file: 'q.csv', line: 3, fields: [], reason: expect.stringMatching(/^unparseable CSV: /) }]);
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
  it('renders aligned columns with a totals line', async () => {
    const table = formatTable(await buildReport(join(fixtures, 'valid'), { workspaceMap, by: ['workspace', 'sku'], decimals: 2 }), ['workspace', 'sku']);
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
  // The end-to-end run, in a process of its own as `npm run billing-report` starts it; the others run the command in this one.
  const runProcess = (...args: string[]) => runScriptProcess('billing-report', args);
  const runCli = (...args: string[]) => runScriptAsync('billing-report', args);

  it('exits 0 and prints JSON for a clean folder', () => {
    const result = runProcess(join(fixtures, 'valid'), '--json', '--workspace-map', workspaceMapFile);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).totals).toEqual({ dbus: 32.8, machineHours: 26.3, records: 7, files: 2 });
  });

  it('exits 1 after printing the table and the problems when rows are malformed', async () => {
    const result = await runCli(fixtures, '--workspace-map', workspaceMapFile);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^TOTAL +36\.80 +29\.80 +9$/m);
    expect(result.stderr).toContain(`Not counted: 5 row(s) and 0 file(s) refused:\n  ${malformedFile}:3: dbus is not a number`);
  });

  it('exits 2 with a short message for a missing folder', async () => {
    const result = await runCli('test/fixtures/billable-usage/does-not-exist');
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('billing-report: folder not found: test/fixtures/billable-usage/does-not-exist\n');
  });
});

// Issue #15's reproduction at scale: one file past 125,000 rows crashed with "Maximum call stack size exceeded".
// This file stays out of the billing mutation group (mutation-groups.cjs): every mutant run would pay for these rows.
describe('buildReport at scale', () => {
  it('counts a file of 130,000 rows without overflowing the call stack', async () => {
    // The shortest valid legacy row (no tags, nothing but what is summed): the row count is what matters, not its bytes.
    const row = '1,2025-01-01T00:00:00Z,c,n,m,u,,JOBS,0.1,1,u,';
    const report = await reportOf([header, ...Array.from({ length: 130_000 }, () => row)].join('\n'));
    expect(report.problems).toEqual([]);
    expect(report.totals).toEqual({ dbus: 13000, machineHours: 130000, records: 130000, files: 1 });
  }, 60_000); // about 4.5 MB: a second of CPU, more on a shared machine
});
