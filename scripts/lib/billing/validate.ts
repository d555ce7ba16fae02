/**
 * Validation of one usage row: every value the report sums or groups by is checked, and a refused row says
 * which field and why. Quantities become exact decimals (big.js), never binary floats.
 */
import Big from 'big.js';
import { COLUMN_MAPS, type ColumnIndex, type UsageFormat } from './formats';

export const UNTAGGED = '(untagged)';
/** Tag enforced by the blueprint's cluster policies; used to attribute spend. */
export const COST_CENTER_TAG = 'CostCenter';

/** Bound on one row's quantity: far above any hourly usage row, so `1e308` is refused instead of summed. */
export const MAX_ROW_VALUE = 1e9;
const MAX_ROW_BIG = new Big(MAX_ROW_VALUE);
/** Digits below the decimal point a value may carry: far finer than any DBU figure, and it bounds the digits of an exact sum. */
export const MAX_DECIMALS = 18;

/** Plain decimal notation, optionally with an exponent; `Infinity`, `NaN`, hex and blanks do not match. */
const NUMBER_PATTERN = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export interface RowValues {
  readonly workspaceId: string;
  readonly sku: string;
  readonly costCenter: string;
  readonly time: string;
  readonly quantity: Big;
  readonly machineHours?: Big;
}

export interface Refusal { readonly fields: string[]; readonly reason: string }

/** A record's problems, or its values when it has none. */
export type RowResult = { ok: true; values: RowValues } | { ok: false; refusal: Refusal };

/** Validates one record of a file whose header was accepted (same field count already checked). */
export function validateRow(record: readonly string[], format: UsageFormat, index: ColumnIndex, tagCache: TagCache): RowResult {
  const map = COLUMN_MAPS[format];
  const fields: string[] = [];
  const reasons: string[] = [];
  const refuse = (field: string, reason: string) => {
    fields.push(field);
    reasons.push(`${field} ${reason}`);
  };
  const workspaceId = record[index[map.workspace]].trim();
  if (!workspaceId) refuse(map.workspace, 'is empty');
  const sku = record[index[map.sku]].trim();
  if (!sku) refuse(map.sku, 'is empty');

  // A RETRACTION negates an earlier record with a negative quantity (system table reference, "Record type").
  const retraction = map.recordType !== undefined && record[index[map.recordType]].trim() === 'RETRACTION';
  if (map.unit) {
    const unit = record[index[map.unit]].trim();
    if (unit !== 'DBU') refuse(map.unit, `is ${JSON.stringify(unit)}; the report sums DBUs only`);
  }
  const negativeHint = map.recordType ? ' (only a RETRACTION record may be negative)' : '';
  const quantity = readQuantity(record[index[map.quantity]], retraction, negativeHint, (reason) => refuse(map.quantity, reason));
  const machineHours = map.machineHours
    ? readQuantity(record[index[map.machineHours]], false, '', (reason) => refuse(map.machineHours as string, reason))
    : undefined;

  let costCenter: string | undefined;
  for (const column of map.tags) {
    const tags = tagCache.read(record[index[column]]);
    if (typeof tags === 'object') {
      costCenter ??= tags.costCenter;
    } else {
      refuse(column, tags);
    }
  }
  if (reasons.length > 0 || !quantity) return { ok: false, refusal: { fields, reason: reasons.join('; ') } };
  return {
    ok: true,
    values: { workspaceId, sku, costCenter: costCenter ?? UNTAGGED, time: record[index[map.time]].trim(), quantity, machineHours },
  };
}

/** An exact non-negative decimal (negative only for a retraction), or undefined after reporting why not. */
function readQuantity(raw: string, retraction: boolean, negativeHint: string, refuse: (reason: string) => void): Big | undefined {
  const text = raw.trim();
  if (!NUMBER_PATTERN.test(text)) {
    refuse(`is not a number: ${JSON.stringify(raw)}`);
    return undefined;
  }
  // big.js refuses a leading `+` that the pattern (and every CSV reader) accepts.
  const value = new Big(text.startsWith('+') ? text.slice(1) : text);
  // Comparisons, not the sign: `-0` is zero, neither negative nor positive.
  if (value.lt(0) && !retraction) {
    refuse(`is negative: ${text}${negativeHint}`);
    return undefined;
  }
  if (retraction && value.gt(0)) {
    refuse(`is positive in a RETRACTION record: ${text}`);
    return undefined;
  }
  // Only a value of 10^9 or more (exponent e >= 9) can exceed the limit: the guard spares every other row
  // (2.5 million in the bench) building abs(): a third of the report's CPU (npm run bench, 44.5 s -> 30.8 s).
  // Stryker disable next-line ConditionalExpression,EqualityOperator: a performance guard; the result is the same without it.
  if (value.e >= 9 && value.abs().gt(MAX_ROW_BIG)) {
    refuse(`is ${text}, more than ${MAX_ROW_VALUE} (no hourly usage row holds that much)`);
    return undefined;
  }
  if (value.c.length - 1 - value.e > MAX_DECIMALS) {
    refuse(`has more than ${MAX_DECIMALS} decimal places: ${text}`);
    return undefined;
  }
  return value;
}

/**
 * Cost center of a tags cell (a JSON object, or empty), remembered per distinct cell: a cluster writes the same
 * tags on every hourly row, so most rows cost one map lookup instead of a JSON.parse. Bounded, so memory is too.
 */
export class TagCache {
  private readonly entries = new Map<string, { costCenter?: string } | string>();

  constructor(private readonly limit = 10_000) {}

  /** Cells remembered: never more than the limit. */
  get size(): number {
    return this.entries.size;
  }

  /** `{ costCenter }` for a valid cell (undefined when untagged), or the reason it is invalid. */
  read(raw: string): { costCenter?: string } | string {
    const cached = this.entries.get(raw);
    if (cached !== undefined) return cached;
    const result = parseTags(raw);
    if (this.entries.size >= this.limit) this.entries.clear();
    this.entries.set(raw, result);
    return result;
  }
}

function parseTags(raw: string): { costCenter?: string } | string {
  const text = raw.trim();
  if (!text) return {};
  let tags: unknown;
  try {
    tags = JSON.parse(text);
  } catch {
    return 'is not valid JSON';
  }
  if (typeof tags !== 'object' || tags === null || Array.isArray(tags)) return 'is not a JSON object';
  const value = (tags as Record<string, unknown>)[COST_CENTER_TAG];
  return typeof value === 'string' && value.trim() ? { costCenter: value.trim() } : {};
}
