// Specification of the list-prices input (scripts/lib/billing/prices.ts): timestamps read as UTC, the price in
// force at a time, and every way a system.billing.list_prices export can be unusable, with its exact message.
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import Big from 'big.js';
import { LIST_PRICE_COLUMNS, ListPricesError, loadListPrices } from '../../scripts/lib/billable-usage';
import { PriceList, parseUtc } from '../../scripts/lib/billing/prices';
import { scratchFolders } from '../support/scratch-folders';

const folderWith = scratchFolders('usage-prices-');

describe('parseUtc', () => {
  it.each([
    ['2025-01-09', Date.UTC(2025, 0, 9)],
    [' 2025-01-09 10:00 ', Date.UTC(2025, 0, 9, 10)],
    ['2025-01-09T10:00:30', Date.UTC(2025, 0, 9, 10, 0, 30)],
    ['2025-01-09 10:00:00.250', Date.UTC(2025, 0, 9, 10, 0, 0, 250)],
    ['2025-01-09T10:00:00Z', Date.UTC(2025, 0, 9, 10)],
    ['2025-01-09T10:00:00z', Date.UTC(2025, 0, 9, 10)],
    ['2025-01-09 10:00:00.000+00:00', Date.UTC(2025, 0, 9, 10)],
    ['2025-01-09T10:00:00+01:00', Date.UTC(2025, 0, 9, 9)],
    ['2025-01-09T10:00-05:30', Date.UTC(2025, 0, 9, 15, 30)],
  ])('reads %j as UTC', (text, expected) => {
    expect(parseUtc(text)).toBe(expected);
  });

  it('reads a zone offset without a colon, and no more than a date with nothing before it', () => {
    expect(parseUtc('2025-01-09T10:00:00+0100')).toBe(Date.UTC(2025, 0, 9, 9));
    expect(parseUtc('12025-01-09')).toBeNaN();
  });

  it.each([
    '', 'yesterday', '20250109', '025-01-09', '2025-1-09', '2025-01-9', '2025/01/09', 'x2025-01-09', '2025-01-09x', '2025-01-09T10',
    '2025-01-09T1:00', '2025-01-09T10:0', '2025-01-09T10:00:0', '2025-01-09T10:00:00.', '2025-01-09T10:00:00 UTC', '2025-01-09T10:00+1:00',
    '2025-01-09T10:00+01:0', '2025-01-09T10:00+01:00:00',
  ])('refuses %j', (text) => {
    expect(parseUtc(text)).toBeNaN();
  });
});

describe('PriceList', () => {
  const list = new PriceList('USD');
  list.add('A', Date.UTC(2025, 0, 1), Date.UTC(2025, 1, 1), new Big('0.1'));
  list.add('A', Date.UTC(2025, 1, 1), Number.POSITIVE_INFINITY, new Big('0.2'));
  list.add('B', Date.UTC(2025, 0, 1), Date.UTC(2025, 1, 1), new Big('3'));

  it('finds the price whose period holds the time: start included, end excluded', () => {
    expect(String(list.find('A', '2025-01-01'))).toBe('0.1');
    expect(String(list.find('A', '2025-01-31 23:59:59.999'))).toBe('0.1');
    expect(String(list.find('A', '2025-02-01T00:00:00Z'))).toBe('0.2');
    expect(String(list.find('A', '2999-01-01'))).toBe('0.2');
    expect(String(list.find('B', '2025-01-15'))).toBe('3');
  });

  it('says why there is no price', () => {
    expect(list.find('A', '2024-12-31 23:59:59')).toBe('no DBU list price for SKU A at 2024-12-31 23:59:59 in the list-prices file');
    expect(list.find('B', '2025-02-01')).toBe('no DBU list price for SKU B at 2025-02-01 in the list-prices file');
    expect(list.find('C', '2025-01-15')).toBe('no DBU list price for SKU C at 2025-01-15 in the list-prices file');
    expect(list.find('A', 'soon')).toBe('usage time "soon" is not a timestamp, so no list price applies');
  });
});

describe('loadListPrices', () => {
  const header = ['account_id', ...LIST_PRICE_COLUMNS].join(',');
  const row = (sku: string, pricing: string, more: { unit?: string; currency?: string; start?: string; end?: string } = {}) =>
    ['a', sku, more.unit ?? 'DBU', more.currency ?? 'USD', more.start ?? '2025-01-01', more.end ?? '', `"${pricing.replace(/"/g, '""')}"`].join(',');
  const fileOf = (...lines: string[]) => {
    const file = path.join(folderWith({}), 'prices.csv');
    writeFileSync(file, lines.join('\n'));
    return file;
  };
  const load = (...lines: string[]) => loadListPrices(fileOf(...lines), 'p.csv');
  const failure = async (...lines: string[]) => {
    const error = await load(...lines).then(() => undefined, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(ListPricesError);
    return (error as Error).message;
  };

  it('reads the DBU prices of any column order, skipping other units, in the first DBU row\'s currency', async () => {
    const reordered = ['pricing', 'price_end_time', 'price_start_time', 'currency_code', 'usage_unit', 'sku_name'].join(',');
    const prices = await loadListPrices(fileOf(
      `\uFEFF${reordered}\r`,
      '"{""default"":""9""}",,2025-01-01,EUR,GPU_HOUR,A\r',
      '"{""default"":"" 0.5 ""}",2025-02-01,2025-01-01,USD,DBU,A',
      '"{""default"":0.25}",,2025-02-01,USD,DBU,A',
      '',
    ), 'p.csv');
    expect(prices.currency).toBe('USD');
    expect(String(prices.find('A', '2025-01-15'))).toBe('0.5');
    expect(String(prices.find('A', '2030-01-01'))).toBe('0.25');
  });

  it('trims every cell and reads a price of any number of digits', async () => {
    const prices = await load(header, 'a, A , DBU , EUR ,2025-01-01, ,"{""default"":""12.5""}"');
    expect([prices.currency, String(prices.find('A', '2025-06-01'))]).toEqual(['EUR', '12.5']);
  });

  it.each([
    [[row('A', '{"default":"1"}'), row('B', '{"default":"1"}', { currency: 'EUR' })], 'p.csv:3: currency_code EUR differs from USD; export one currency'],
    [[row('A', '{"default":"1"}', { start: '' })], 'p.csv:2: price_start_time or price_end_time is not a timestamp'],
    [[row('A', '{"default":"1"}', { end: 'never' })], 'p.csv:2: price_start_time or price_end_time is not a timestamp'],
    [[row('A', '{default:1}')], 'p.csv:2: pricing is not JSON; export it with to_json(pricing)'],
    [[row('A', '{"default":"-1"}')], 'p.csv:2: pricing.default is not a non-negative decimal: "-1"'],
    [[row('A', '{"default":"1."}')], 'p.csv:2: pricing.default is not a non-negative decimal: "1."'],
    [[row('A', '{"default":".5"}')], 'p.csv:2: pricing.default is not a non-negative decimal: ".5"'],
    [[row('A', '{"default":"0.5x"}')], 'p.csv:2: pricing.default is not a non-negative decimal: "0.5x"'],
    [[row('A', '{"default":true}')], 'p.csv:2: pricing.default is not a non-negative decimal: true'],
    [[row('A', '{"promotional":"1"}')], 'p.csv:2: pricing.default is not a non-negative decimal: undefined'],
    [[row('A', 'null')], 'p.csv:2: pricing.default is not a non-negative decimal: undefined'],
    [[row('A', '"1"')], 'p.csv:2: pricing.default is not a non-negative decimal: undefined'],
    [[row('A', '{"default":[1]}')], 'p.csv:2: pricing.default is not a non-negative decimal: [1]'],
    [[row('A', '{"default":"1"}', { unit: 'GPU_HOUR' })], 'p.csv: no DBU price rows'],
    [[], 'p.csv: no DBU price rows'],
    [['a,A,DBU'], 'p.csv: Invalid Record Length: expect 7, got 3 on line 2'],
    [['a,"b'], 'p.csv: Quote Not Closed: the parsing is finished with an opening quote at line 2'],
  ])('refuses %j: %s', async (rows, message) => {
    expect(await failure(header, ...rows)).toBe(message);
  });

  it('names the columns a file other than a list_prices export misses, with its line', async () => {
    expect(await failure('sku_name,usage_unit,pricing', 'A,DBU,{}'))
      .toBe('p.csv:1: not a system.billing.list_prices export: missing column(s) currency_code, price_start_time, price_end_time');
    expect(await failure('', '', 'x')).toBe(`p.csv:3: not a system.billing.list_prices export: missing column(s) ${LIST_PRICE_COLUMNS.join(', ')}`);
  });

  it('names a file it cannot read by the name it was given', async () => {
    await expect(loadListPrices(path.join(folderWith({}), 'absent.csv'), 'absent.csv')).rejects.toEqual(new ListPricesError('cannot read absent.csv (ENOENT)'));
    await expect(loadListPrices(folderWith({}), 'dir')).rejects.toEqual(new ListPricesError('cannot read dir (EISDIR)'));
  });
});
