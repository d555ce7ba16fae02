// The billing report on a CSV export of system.billing.usage (issue #16), with and without list prices.
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { LEGACY_COLUMNS, LIST_PRICE_COLUMNS, SYSTEM_TABLE_COLUMNS, UNTAGGED, buildReport } from '../../scripts/lib/billable-usage';
import { scratchFolders } from '../support/scratch-folders';

const folderWith = scratchFolders('usage-system-');

/** Quotes a cell as a CSV writer does when it holds a comma or a quote. */
const cell = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

interface UsageRow { workspace?: string; sku?: string; quantity: string; unit?: string; tags?: string; type?: string; start?: string }

/** One `SELECT *` row of system.billing.usage, in the documented column order. */
function usageRow(row: UsageRow): string {
  const values: Record<string, string> = {
    record_id: 'r', account_id: 'a', workspace_id: row.workspace ?? '1111', sku_name: row.sku ?? 'PREMIUM_JOBS_SERVERLESS_COMPUTE_US_EAST_N_VIRGINIA',
    cloud: 'AWS', usage_start_time: row.start ?? '2025-01-09 10:00:00.000+00:00', usage_end_time: '2025-01-09 11:00:00.000+00:00',
    usage_date: '2025-01-09', custom_tags: row.tags ?? '{"CostCenter":"CC-9"}', usage_unit: row.unit ?? 'DBU', usage_quantity: row.quantity,
    usage_metadata: '{"job_id":"1"}', identity_metadata: '{"run_as":"svc"}', record_type: row.type ?? 'ORIGINAL', ingestion_date: '2025-01-10',
    billing_origin_product: 'JOBS', product_features: '{}', usage_type: 'COMPUTE_TIME',
  };
  return SYSTEM_TABLE_COLUMNS.map((column) => cell(values[column])).join(',');
}
const usageCsv = (...rows: UsageRow[]) => [SYSTEM_TABLE_COLUMNS.join(','), ...rows.map(usageRow)].join('\n');

test('maps workspace_id, sku_name, custom_tags and usage_quantity to the report; machine hours stay empty', async () => {
  const report = await buildReport(folderWith({
    'usage.csv': usageCsv({ quantity: '259.2958' }, { quantity: '0.7042' }, { quantity: '1', tags: '{}' }, { quantity: '2', workspace: '2222', tags: '' }),
  }), { workspaceMap: { 1111: 'alpha' } });
  expect(report.rows).toEqual([
    { workspace: '2222', sku: 'PREMIUM_JOBS_SERVERLESS_COMPUTE_US_EAST_N_VIRGINIA', costCenter: UNTAGGED, dbus: 2, machineHours: null, records: 1 },
    { workspace: 'alpha', sku: 'PREMIUM_JOBS_SERVERLESS_COMPUTE_US_EAST_N_VIRGINIA', costCenter: UNTAGGED, dbus: 1, machineHours: null, records: 1 },
    { workspace: 'alpha', sku: 'PREMIUM_JOBS_SERVERLESS_COMPUTE_US_EAST_N_VIRGINIA', costCenter: 'CC-9', dbus: 260, machineHours: null, records: 2 },
  ]);
  expect(report.totals).toEqual({ dbus: 263, machineHours: null, records: 4, files: 1 });
});

test('accepts the export columns in any order and ignores columns it does not need', async () => {
  const header = ['usage_quantity', 'record_type', 'usage_unit', 'custom_tags', 'sku_name', 'usage_start_time', 'workspace_id', 'extra'];
  const report = await buildReport(folderWith({ 'u.csv': `${header.join(',')}\n1.5,ORIGINAL,DBU,"{""CostCenter"":""CC-2""}",SKU_A,2025-01-01,9,x\n` }));
  expect(report.rows).toEqual([{ workspace: '9', sku: 'SKU_A', costCenter: 'CC-2', dbus: 1.5, machineHours: null, records: 1 }]);
});

test('a RETRACTION record subtracts its negative quantity; elsewhere a negative quantity is refused', async () => {
  const report = await buildReport(folderWith({
    'u.csv': usageCsv({ quantity: '10' }, { quantity: '-10', type: 'RETRACTION' }, { quantity: '9.5', type: 'RESTATEMENT' }, { quantity: '-1' }, { quantity: '3', type: 'RETRACTION' }),
  }), { by: ['costCenter'] });
  expect(report.rows).toEqual([{ costCenter: 'CC-9', dbus: 9.5, machineHours: null, records: 3 }]);
  expect(report.problems.map(({ line, fields, reason }) => ({ line, fields, reason }))).toEqual([
    { line: 5, fields: ['usage_quantity'], reason: 'usage_quantity is negative: -1 (only a RETRACTION record may be negative)' },
    { line: 6, fields: ['usage_quantity'], reason: 'usage_quantity is positive in a RETRACTION record: 3' },
  ]);
});

test('refuses usage in another unit than DBU, by field', async () => {
  const report = await buildReport(folderWith({ 'u.csv': usageCsv({ quantity: '1' }, { quantity: '4', unit: 'GPU_HOUR' }) }));
  expect(report.totals.dbus).toBe(1);
  expect(report.problems).toEqual([{ file: 'u.csv', line: 3, fields: ['usage_unit'], reason: 'usage_unit is "GPU_HOUR"; the report sums DBUs only' }]);
});

test('refuses an export that lacks a column the report needs, naming it', async () => {
  const header = SYSTEM_TABLE_COLUMNS.filter((column) => column !== 'custom_tags');
  const report = await buildReport(folderWith({ 'u.csv': `${header.join(',')}\n` }));
  expect(report.problems).toEqual([{
    file: 'u.csv', line: 1, fields: ['custom_tags'], reason: 'header of a system-table file is missing column(s) custom_tags; the file is not counted',
  }]);
});

test('refuses to add a system-table export to legacy files: the same usage would be counted twice', async () => {
  const legacy = `${LEGACY_COLUMNS.join(',')}\n1,2025-01-01T00:00:00Z,c,n,m,u,,SKU,1,1,user,\n`;
  const report = await buildReport(folderWith({ 'a-legacy.csv': legacy, 'b-system.csv': usageCsv({ quantity: '5' }) }));
  expect(report.totals).toMatchObject({ dbus: 1, files: 1 });
  expect(report.problems).toEqual([{
    file: 'b-system.csv', line: 0, fields: [],
    reason: 'is a system-table file but a-legacy.csv is legacy: both sources hold the same classic compute usage, which would be counted twice; report one source per run',
  }]);
  expect(report.refused).toEqual({ files: 1, rows: 0 });
});

describe('list prices (system.billing.list_prices export)', () => {
  const priceRow = (sku: string, start: string, end: string, price: string, unit = 'DBU', currency = 'USD') => {
    const values: Record<string, string> = {
      sku_name: sku, usage_unit: unit, currency_code: currency, price_start_time: start, price_end_time: end,
      pricing: JSON.stringify({ default: price, promotional: { default: price } }),
    };
    return LIST_PRICE_COLUMNS.map((column) => cell(values[column])).join(',');
  };
  const pricesFile = (...rows: string[]) => {
    const file = path.join(folderWith({}), 'prices.csv');
    writeFileSync(file, ['account_id', ...LIST_PRICE_COLUMNS].join(',') + '\n' + rows.map((r) => `a,${r}`).join('\n'));
    return { path: file, name: 'prices.csv' };
  };

  test('multiplies DBUs by the list price in force at the usage start, exactly', async () => {
    const listPrices = pricesFile(
      priceRow('SKU_A', '2024-01-01T00:00:00.000Z', '2025-01-09T10:30:00.000Z', '0.15'),
      priceRow('SKU_A', '2025-01-09T10:30:00.000Z', '', '0.2'),
      priceRow('SKU_A', '2024-01-01T00:00:00.000Z', '', '9', 'GPU_HOUR'),
    );
    const folder = folderWith({ 'u.csv': usageCsv({ sku: 'SKU_A', quantity: '0.1' }, { sku: 'SKU_A', quantity: '0.3', start: '2025-01-09 11:00:00.000+00:00' }) });
    const report = await buildReport(folder, { listPrices, by: ['sku'] });
    expect(report.rows).toEqual([{ sku: 'SKU_A', dbus: 0.4, machineHours: null, listCost: 0.075, records: 2 }]);
    expect(report.totals.listCost).toBe(0.075);
    expect(report.currency).toBe('USD');
  });

  test('refuses a usage row without a price, naming the SKU and time', async () => {
    const listPrices = pricesFile(priceRow('SKU_A', '2024-01-01', '', '1'));
    const report = await buildReport(folderWith({ 'u.csv': usageCsv({ sku: 'SKU_B', quantity: '1' }) }), { listPrices });
    expect(report.problems.map((p) => p.reason)).toEqual(['no DBU list price for SKU SKU_B at 2025-01-09 10:00:00.000+00:00 in the list-prices file']);
  });

  test('refuses a prices file that is not a list_prices export or mixes currencies, naming file and line', async () => {
    const folder = folderWith({ 'u.csv': usageCsv({ quantity: '1' }) });
    await expect(buildReport(folder, { listPrices: { path: path.join(folder, 'u.csv'), name: 'u.csv' } }))
      .rejects.toThrow(/^u\.csv:1: not a system\.billing\.list_prices export: missing column\(s\) currency_code, price_start_time, price_end_time, pricing$/);
    const mixed = pricesFile(priceRow('SKU_A', '2024-01-01', '', '1'), priceRow('SKU_B', '2024-01-01', '', '1', 'DBU', 'EUR'));
    await expect(buildReport(folder, { listPrices: mixed })).rejects.toThrow('prices.csv:3: currency_code EUR differs from USD; export one currency');
  });
});
