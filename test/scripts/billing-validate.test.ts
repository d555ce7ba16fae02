// Specification of one usage row's validation (scripts/lib/billing/validate.ts) and of header detection
// (formats.ts) and of the --workspace-map file, on records built here: which values are summed, which are refused, and why.
import {
  LEGACY_COLUMNS, MAX_DECIMALS, MAX_ROW_VALUE, SYSTEM_TABLE_COLUMNS, UNTAGGED, parseWorkspaceMap, readHeader, requiredColumns,
} from '../../scripts/lib/billable-usage';
import type { UsageFormat } from '../../scripts/lib/billing/formats';
import { TagCache, validateRow } from '../../scripts/lib/billing/validate';

const COLUMNS: Record<UsageFormat, readonly string[]> = { legacy: LEGACY_COLUMNS, 'system-table': SYSTEM_TABLE_COLUMNS };
const DEFAULTS: Record<UsageFormat, Record<string, string>> = {
  legacy: { workspaceId: 'w1', timestamp: 't1', sku: 'S1', dbus: '1', machineHours: '2', clusterCustomTags: '', tags: '' },
  'system-table': { workspace_id: 'w1', usage_start_time: 't1', sku_name: 'S1', usage_quantity: '1', usage_unit: 'DBU', record_type: 'ORIGINAL', custom_tags: '' },
};

/** Validates a row of `format` whose cells are the defaults above with `cells` replacing some. */
function validate(format: UsageFormat, cells: Record<string, string> = {}, cache = new TagCache()) {
  const header = readHeader(COLUMNS[format]);
  if (!header.ok) throw new Error(header.reason);
  const values: Record<string, string> = { ...DEFAULTS[format], ...cells };
  return validateRow(COLUMNS[format].map((column) => values[column] ?? ''), format, header.index, cache);
}
const refusal = (format: UsageFormat, cells: Record<string, string>) => {
  const result = validate(format, cells);
  return result.ok ? result.values : result.refusal;
};
const legacyDbus = (dbus: string) => refusal('legacy', { dbus });

describe('validateRow', () => {
  it('reads a legacy row: trimmed labels and time, exact quantities, untagged without a cost center', () => {
    const result = validate('legacy', { workspaceId: ' w1 ', sku: ' S1 ', timestamp: ' t1 ', dbus: ' 2.50 ', machineHours: '0.25' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { quantity, machineHours, ...labels } = result.values;
    expect(labels).toEqual({ workspaceId: 'w1', sku: 'S1', costCenter: UNTAGGED, time: 't1' });
    expect([quantity.toString(), machineHours?.toString()]).toEqual(['2.5', '0.25']);
  });

  it('reads a system-table row without machine hours', () => {
    const result = validate('system-table', { usage_quantity: '3', usage_unit: ' DBU ' });
    expect(result.ok && [result.values.quantity.toString(), result.values.machineHours]).toEqual(['3', undefined]);
  });

  it('names every faulty field of a row, in column-map order, in one reason', () => {
    expect(refusal('legacy', { workspaceId: ' ', sku: '', dbus: 'x', machineHours: '-1', clusterCustomTags: '[', tags: '1' })).toEqual({
      fields: ['workspaceId', 'sku', 'dbus', 'machineHours', 'clusterCustomTags', 'tags'],
      reason: 'workspaceId is empty; sku is empty; dbus is not a number: "x"; machineHours is negative: -1; clusterCustomTags is not valid JSON; tags is not a JSON object',
    });
  });

  it.each([
    ['1', '1'], ['+1', '1'], ['.5', '0.5'], ['5.', '5'], ['0', '0'], ['-0', '0'], ['1e3', '1000'], ['1E+3', '1000'], ['15e-1', '1.5'],
    [String(MAX_ROW_VALUE), '1000000000'], ['0.000000000000000001', '1e-18'], ['1.000000000000000001', '1.000000000000000001'],
  ])('accepts the quantity %s as exactly %s', (dbus, exact) => {
    const result = validate('legacy', { dbus });
    expect(result.ok && result.values.quantity.toString()).toBe(exact);
  });

  it.each([
    ['', 'dbus is not a number: ""'],
    [' ', 'dbus is not a number: " "'],
    ['1e', 'dbus is not a number: "1e"'],
    ['e3', 'dbus is not a number: "e3"'],
    ['.', 'dbus is not a number: "."'],
    ['1.2.3', 'dbus is not a number: "1.2.3"'],
    ['--1', 'dbus is not a number: "--1"'],
    ['0x10', 'dbus is not a number: "0x10"'],
    ['x1', 'dbus is not a number: "x1"'],
    ['1x', 'dbus is not a number: "1x"'],
    ['-0.1', 'dbus is negative: -0.1'],
    ['1000000000.000001', 'dbus is 1000000000.000001, more than 1000000000 (no hourly usage row holds that much)'],
    ['1e10', 'dbus is 1e10, more than 1000000000 (no hourly usage row holds that much)'],
    ['0.0000000000000000001', `dbus has more than ${MAX_DECIMALS} decimal places: 0.0000000000000000001`],
    ['1.0000000000000000001', `dbus has more than ${MAX_DECIMALS} decimal places: 1.0000000000000000001`],
  ])('refuses the legacy quantity %j', (dbus, reason) => {
    expect(legacyDbus(dbus)).toEqual({ fields: ['dbus'], reason });
  });

  it('allows a negative quantity only in a RETRACTION record, and says so elsewhere', () => {
    const quantity = (cells: Record<string, string>) => {
      const result = validate('system-table', cells);
      return result.ok ? result.values.quantity.toString() : result.refusal.reason;
    };
    expect(quantity({ usage_quantity: '-2', record_type: ' RETRACTION ' })).toBe('-2');
    expect(quantity({ usage_quantity: '0', record_type: 'RETRACTION' })).toBe('0');
    expect(quantity({ usage_quantity: '-0', record_type: 'RETRACTION' })).toBe('0');
    expect(quantity({ usage_quantity: '-0' })).toBe('0');
    expect(quantity({ usage_quantity: '2', record_type: 'RETRACTION' })).toBe('usage_quantity is positive in a RETRACTION record: 2');
    expect(quantity({ usage_quantity: '-2', record_type: 'RESTATEMENT' })).toBe('usage_quantity is negative: -2 (only a RETRACTION record may be negative)');
    expect(quantity({ usage_quantity: '-2', record_type: 'retraction' })).toBe('usage_quantity is negative: -2 (only a RETRACTION record may be negative)');
    expect(quantity({ usage_quantity: '-1000000000', record_type: 'RETRACTION' })).toBe('-1000000000');
    expect(quantity({ usage_quantity: '-1000000000.5', record_type: 'RETRACTION' }))
      .toBe('usage_quantity is -1000000000.5, more than 1000000000 (no hourly usage row holds that much)');
  });

  it('refuses usage in any unit but DBU, quoting it', () => {
    expect(refusal('system-table', { usage_unit: 'dbu' })).toEqual({ fields: ['usage_unit'], reason: 'usage_unit is "dbu"; the report sums DBUs only' });
    expect(refusal('system-table', { usage_unit: '' })).toEqual({ fields: ['usage_unit'], reason: 'usage_unit is ""; the report sums DBUs only' });
  });

  it('takes the cost center from the first tags column that has one; clusterCustomTags wins over tags', () => {
    const costCenter = (format: UsageFormat, cells: Record<string, string>) => {
      const result = validate(format, cells);
      return result.ok ? result.values.costCenter : result.refusal.reason;
    };
    expect(costCenter('legacy', { clusterCustomTags: '{"CostCenter":"A"}', tags: '{"CostCenter":"B"}' })).toBe('A');
    expect(costCenter('legacy', { clusterCustomTags: '{"Team":"x"}', tags: '{"CostCenter":" B "}' })).toBe('B');
    expect(costCenter('legacy', { clusterCustomTags: '{"CostCenter":"A"}', tags: 'oops' })).toBe('tags is not valid JSON');
    expect(costCenter('system-table', { custom_tags: ' {"CostCenter":"C"} ' })).toBe('C');
  });
});

describe('TagCache', () => {
  it.each([
    ['', {}], ['   ', {}], ['{}', {}], ['{"CostCenter":"  "}', {}], ['{"CostCenter":1}', {}], ['{"costcenter":"A"}', {}],
    ['{"CostCenter":" CC-1 "}', { costCenter: 'CC-1' }],
    ['{', 'is not valid JSON'], ['[1]', 'is not a JSON object'], ['null', 'is not a JSON object'], ['"CC"', 'is not a JSON object'], ['7', 'is not a JSON object'],
  ])('reads the tags cell %j as %j', (cell, expected) => {
    expect(new TagCache().read(cell)).toEqual(expected);
  });

  it('parses a cell once, and holds no more than its limit of cells', () => {
    const cache = new TagCache(2);
    const first = cache.read('{"CostCenter":"A"}');
    expect(cache.read('{"CostCenter":"A"}')).toBe(first);
    expect(cache.read('bad')).toBe('is not valid JSON');
    expect(cache.size).toBe(2);
    cache.read('{"CostCenter":"B"}');
    expect(cache.size).toBe(1);
    expect(cache.read('{"CostCenter":"A"}')).not.toBe(first);
  });
});

describe('readHeader', () => {
  it('detects each format by its quantity column and indexes the trimmed names', () => {
    expect(readHeader(LEGACY_COLUMNS)).toMatchObject({ ok: true, format: 'legacy' });
    expect(readHeader([' usage_quantity', 'workspace_id ', 'usage_start_time', 'sku_name', 'custom_tags', 'usage_unit', 'record_type', 'x']))
      .toEqual({
        ok: true, format: 'system-table',
        index: { usage_quantity: 0, workspace_id: 1, usage_start_time: 2, sku_name: 3, custom_tags: 4, usage_unit: 5, record_type: 6, x: 7 },
      });
  });

  it('refuses a repeated column, naming each repeated one once, even after trimming', () => {
    expect(readHeader([...LEGACY_COLUMNS, ' sku', 'tags', 'tags'])).toEqual({
      ok: false, field: 'sku, tags', reason: 'header repeats column(s) sku, tags; which one holds the value is unknown, so the file is not counted',
    });
  });

  it('reads a header with both quantity columns as legacy and names what that format misses', () => {
    expect(readHeader(['usage_quantity', 'dbus', 'workspaceId'])).toEqual({
      ok: false, field: 'timestamp, sku, machineHours, clusterCustomTags, tags',
      reason: 'header of a legacy file is missing column(s) timestamp, sku, machineHours, clusterCustomTags, tags; the file is not counted',
    });
  });

  it('names the required columns of both formats when neither quantity column is there', () => {
    expect(readHeader(['date', 'amount'])).toEqual({
      ok: false,
      reason: 'header matches no known format; expected the legacy billable-usage columns (workspaceId, timestamp, sku, dbus, machineHours, clusterCustomTags, tags) '
        + 'or a system.billing.usage export (workspace_id, usage_start_time, sku_name, usage_quantity, custom_tags, usage_unit, record_type)',
    });
  });

  it('requires exactly the columns the report reads', () => {
    expect(requiredColumns('legacy')).toEqual(['workspaceId', 'timestamp', 'sku', 'dbus', 'machineHours', 'clusterCustomTags', 'tags']);
    expect(requiredColumns('system-table')).toEqual(['workspace_id', 'usage_start_time', 'sku_name', 'usage_quantity', 'custom_tags', 'usage_unit', 'record_type']);
  });
});

describe('parseWorkspaceMap', () => {
  it('returns an object of workspace id -> non-empty environment name', () => {
    expect(parseWorkspaceMap('{"1": "dev", "2": "prod"}')).toEqual({ 1: 'dev', 2: 'prod' });
    expect(parseWorkspaceMap('{}')).toEqual({});
  });

  it.each([
    ['{', 'workspace map is not valid JSON'],
    ['[]', 'workspace map must be a JSON object of workspaceId -> environment name'],
    ['null', 'workspace map must be a JSON object of workspaceId -> environment name'],
    ['"dev"', 'workspace map must be a JSON object of workspaceId -> environment name'],
    ['{"1": "dev", "2": ""}', 'workspace map entry 2 must be a non-empty string'],
    ['{"3": 3}', 'workspace map entry 3 must be a non-empty string'],
  ])('refuses %s', (json, message) => {
    expect(() => parseWorkspaceMap(json)).toThrow(new Error(message));
  });
});
