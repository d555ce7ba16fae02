/**
 * List prices from a CSV export of `system.billing.list_prices` (Databricks "Pricing system table reference",
 * docs.databricks.com/aws/en/admin/system-tables/pricing): one row per SKU, unit and period, the price in the
 * `pricing` struct's `default` key. Usage rows carry DBUs but no price; this gives them a list cost.
 */
import { createReadStream } from 'node:fs';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import Big from 'big.js';
import { parse, type Info } from 'csv-parse';

export const LIST_PRICE_COLUMNS = ['sku_name', 'usage_unit', 'currency_code', 'price_start_time', 'price_end_time', 'pricing'] as const;

/** A list-prices file that cannot be used: a usage error of the report, which then prints nothing. */
export class ListPricesError extends Error {}

interface Period { start: number; end: number; price: Big }

/** Milliseconds since the epoch of a timestamp in UTC; the tables write UTC with or without a zone suffix. */
export function parseUtc(text: string): number {
  const trimmed = text.trim();
  if (!/^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?([zZ]|[+-]\d{2}:?\d{2})?$/.test(trimmed)) return Number.NaN;
  const zoned = /([zZ]|[+-]\d{2}:?\d{2})$/.test(trimmed) || trimmed.length === 10 ? trimmed : `${trimmed}Z`;
  return Date.parse(zoned.replace(' ', 'T'));
}

export class PriceList {
  private readonly periods = new Map<string, Period[]>();

  constructor(readonly currency: string) {}

  add(sku: string, start: number, end: number, price: Big): void {
    const list = this.periods.get(sku);
    if (list) {
      list.push({ start, end, price });
    } else {
      this.periods.set(sku, [{ start, end, price }]);
    }
  }

  /** The DBU list price of `sku` in force at `time`, or why there is none. */
  find(sku: string, time: string): Big | string {
    const at = parseUtc(time);
    if (Number.isNaN(at)) return `usage time ${JSON.stringify(time)} is not a timestamp, so no list price applies`;
    const period = this.periods.get(sku)?.find((candidate) => candidate.start <= at && at < candidate.end);
    return period?.price ?? `no DBU list price for SKU ${sku} at ${time} in the list-prices file`;
  }
}

/** Reads the export; any bad row is an error naming the line and column (the file is an option, not usage data). */
export async function loadListPrices(path: string, name: string): Promise<PriceList> {
  let index: Record<string, number> | undefined;
  let prices: PriceList | undefined;
  const fail = (line: number, message: string) => new ListPricesError(`${name}:${line}: ${message}`);
  const onRecord = (record: string[], info: Info & { lines: number }): null => {
    if (!index) {
      const missing = LIST_PRICE_COLUMNS.filter((column) => !record.includes(column));
      if (missing.length > 0) throw fail(info.lines, `not a system.billing.list_prices export: missing column(s) ${missing.join(', ')}`);
      index = Object.fromEntries(record.map((column, i) => [column, i]));
      return null;
    }
    const cell = (column: (typeof LIST_PRICE_COLUMNS)[number]) => record[index![column]].trim();
    // Only DBU prices apply: the report sums DBUs.
    if (cell('usage_unit') !== 'DBU') return null;
    const currency = cell('currency_code');
    prices ??= new PriceList(currency);
    if (currency !== prices.currency) throw fail(info.lines, `currency_code ${currency} differs from ${prices.currency}; export one currency`);
    const start = parseUtc(cell('price_start_time'));
    const end = cell('price_end_time') ? parseUtc(cell('price_end_time')) : Number.POSITIVE_INFINITY;
    if (Number.isNaN(start) || Number.isNaN(end)) throw fail(info.lines, 'price_start_time or price_end_time is not a timestamp');
    prices.add(cell('sku_name'), start, end, readDefaultPrice(cell('pricing'), (message) => fail(info.lines, message)));
    return null;
  };
  const parser = parse({ bom: true, skip_empty_lines: true, record_delimiter: ['\r\n', '\n'], on_record: onRecord as never });
  try {
    // Stryker disable next-line ObjectLiteral,BooleanLiteral,ArrowFunction: nothing reaches the sink (on_record drops every record).
    await pipeline(createReadStream(path), parser, new Writable({ objectMode: true, write: (_c, _e, done) => done() }));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code && !code.startsWith('CSV_')) throw new ListPricesError(`cannot read ${name} (${code})`);
    throw error instanceof ListPricesError ? error : new ListPricesError(`${name}: ${(error as Error).message}`);
  }
  if (!prices) throw new ListPricesError(`${name}: no DBU price rows`);
  return prices;
}

function readDefaultPrice(raw: string, fail: (message: string) => Error): Big {
  let pricing: unknown;
  try {
    pricing = JSON.parse(raw);
  } catch {
    throw fail('pricing is not JSON; export it with to_json(pricing)');
  }
  // A primitive has no `default`, so only null needs the `?.`.
  const value = (pricing as { default?: unknown } | null)?.default;
  const text = String(value).trim();
  // A number or a numeric string; String() of an array ([1] -> "1") must not pass.
  if ((typeof value !== 'number' && typeof value !== 'string') || !/^\d+(\.\d+)?$/.test(text)) {
    throw fail(`pricing.default is not a non-negative decimal: ${JSON.stringify(value)}`);
  }
  return new Big(text);
}
