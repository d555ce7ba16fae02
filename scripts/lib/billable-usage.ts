/**
 * The billing report's library: Databricks usage CSV files (the legacy billable-usage delivery or a
 * system.billing.usage export) streamed, validated and summed exactly. The modules live in ./billing:
 * formats (headers), validate (rows), read-file (streaming), aggregate (sums), format (text), report (folder).
 */
export { DIMENSIONS, KEPT_PROBLEMS_PER_FILE, MAX_RECORD_CHARS, readUsageFile, type Dimension, type FileResult, type Problem, type WorkspaceMap } from './billing/read-file';
export { LEGACY_COLUMNS, SYSTEM_TABLE_COLUMNS, readHeader, requiredColumns, type UsageFormat } from './billing/formats';
export { COST_CENTER_TAG, MAX_DECIMALS, MAX_ROW_VALUE, UNTAGGED } from './billing/validate';
export { listUsageFiles } from './billing/files';
export { LIST_PRICE_COLUMNS, ListPricesError, loadListPrices } from './billing/prices';
export { OUTPUT_DECIMALS, type ReportRow, type Totals, type UsageReport } from './billing/aggregate';
export { PRINTED_IN_ALL, PRINTED_PER_FILE, formatProblem, formatProblems, formatTable } from './billing/format';
export { buildReport, type ReportOptions } from './billing/report';

/** Validates the `{ "<workspaceId>": "<environment>" }` file given to `--workspace-map`. */
export function parseWorkspaceMap(json: string): Record<string, string> {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new Error('workspace map is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error('workspace map must be a JSON object of workspaceId -> environment name');
  }
  for (const [workspaceId, environment] of Object.entries(value)) {
    if (typeof environment !== 'string' || !environment) {
      throw new Error(`workspace map entry ${workspaceId} must be a non-empty string`);
    }
  }
  return value as Record<string, string>;
}
