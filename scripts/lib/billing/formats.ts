/**
 * The two usage CSV formats the billing report reads, told apart by their header.
 *
 * - `legacy`: billable-usage log delivery, `billable-usage/csv/workspaceId=<id>-usageMonth=<yyyy-mm>.csv`
 *   (Databricks "Billable usage log schema (legacy)"). It misses serverless usage.
 * - `system-table`: a CSV export of `system.billing.usage`, Databricks' recommended source
 *   (Databricks "Billable usage system table reference", docs.databricks.com/aws/en/admin/system-tables/billing).
 */

export type UsageFormat = 'legacy' | 'system-table';

/** Column order documented in Databricks' "billable usage log schema". */
export const LEGACY_COLUMNS = [
  'workspaceId', 'timestamp', 'clusterId', 'clusterName', 'clusterNodeType', 'clusterOwnerUserId',
  'clusterCustomTags', 'sku', 'dbus', 'machineHours', 'clusterOwnerUserName', 'tags',
] as const;

/** Columns of `system.billing.usage` as the system table reference lists them (a `SELECT *` export). */
export const SYSTEM_TABLE_COLUMNS = [
  'record_id', 'account_id', 'workspace_id', 'sku_name', 'cloud', 'usage_start_time', 'usage_end_time', 'usage_date',
  'custom_tags', 'usage_unit', 'usage_quantity', 'usage_metadata', 'identity_metadata', 'record_type', 'ingestion_date',
  'billing_origin_product', 'product_features', 'usage_type',
] as const;

/** Where each report field is read from, per format; `machineHours` exists only in the legacy CSV. */
export interface ColumnMap {
  readonly workspace: string;
  readonly sku: string;
  /** Start of the usage hour, used to find the list price in force. */
  readonly time: string;
  readonly quantity: string;
  readonly machineHours?: string;
  /** JSON objects searched in order for the cost-center tag. */
  readonly tags: readonly string[];
  /** Unit of `quantity`; the legacy CSV is always in DBUs. */
  readonly unit?: string;
  /** ORIGINAL, RETRACTION or RESTATEMENT (system table only). */
  readonly recordType?: string;
}

export const COLUMN_MAPS: Record<UsageFormat, ColumnMap> = {
  // `clusterCustomTags` wins; `tags` is its superset and also carries instance-pool tags.
  legacy: { workspace: 'workspaceId', sku: 'sku', time: 'timestamp', quantity: 'dbus', machineHours: 'machineHours', tags: ['clusterCustomTags', 'tags'] },
  'system-table': {
    workspace: 'workspace_id', sku: 'sku_name', time: 'usage_start_time', quantity: 'usage_quantity',
    tags: ['custom_tags'], unit: 'usage_unit', recordType: 'record_type',
  },
};

/** Columns the report depends on; the other documented columns may be absent without skewing totals. */
export function requiredColumns(format: UsageFormat): string[] {
  const map = COLUMN_MAPS[format];
  return [map.workspace, map.time, map.sku, map.quantity, ...(map.machineHours ? [map.machineHours] : []), ...map.tags,
    ...(map.unit ? [map.unit] : []), ...(map.recordType ? [map.recordType] : [])];
}

/** Column positions of a file whose header was accepted. */
export type ColumnIndex = Record<string, number>;

export type HeaderResult =
  | { ok: true; format: UsageFormat; index: ColumnIndex }
  | { ok: false; field?: string; reason: string };

/**
 * Accepts a header that names each column once and has every required column of one format. The format is the
 * one whose quantity column is present (`dbus` or `usage_quantity`), so a near miss gets a precise message.
 */
export function readHeader(header: readonly string[]): HeaderResult {
  const names = header.map((name) => name.trim());
  const repeated = [...new Set(names.filter((name, i) => names.indexOf(name) !== i))];
  if (repeated.length > 0) {
    return { ok: false, field: repeated.join(', '), reason: `header repeats column(s) ${repeated.join(', ')}; which one holds the value is unknown, so the file is not counted` };
  }
  const format = (['legacy', 'system-table'] as const).find((candidate) => names.includes(COLUMN_MAPS[candidate].quantity));
  if (!format) {
    return {
      ok: false,
      reason: `header matches no known format; expected the legacy billable-usage columns (${requiredColumns('legacy').join(', ')}) `
        + `or a system.billing.usage export (${requiredColumns('system-table').join(', ')})`,
    };
  }
  const missing = requiredColumns(format).filter((column) => !names.includes(column));
  if (missing.length > 0) {
    return { ok: false, field: missing.join(', '), reason: `header of a ${format} file is missing column(s) ${missing.join(', ')}; the file is not counted` };
  }
  return { ok: true, format, index: Object.fromEntries(names.map((name, i) => [name, i])) };
}
