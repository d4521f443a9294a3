import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PriceListInvalidError } from './price-list.errors';
import { parsePriceList } from './price-list.parser';
import { priceListCsvRow, priceListFromCsv, priceListToCsv } from './price-list.csv';

const dataDir = path.join(__dirname, '../../../demo-data/data/price-lists');
const seed = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(path.join(dataDir, `${name}.json`), 'utf8')) as Record<string, unknown>;

const sheet = (...lines: string[]): string => ['path;value', ...lines].join('\r\n');

describe('price list as a path;value sheet', () => {
  it.each(['seed-003-service-price-list', 'seed-004-itk-service-price-list'])(
    '%s round-trips through CSV and still parses',
    (name) => {
      const doc = seed(name);
      const csv = priceListToCsv(doc);
      const back = priceListFromCsv(csv);
      expect(back).toMatchObject({ ok: true });
      if (!back.ok) return;
      expect(back.data).toEqual(doc);
      expect(() => parsePriceList(back.data)).not.toThrow();
    },
  );

  it('writes amounts as text, counts and switches by key, one row per value', () => {
    const csv = priceListToCsv({ schemaVersion: 1, vatPercent: '19', notes: ['a; b', 'say "x"'], discounts: [] });
    expect(csv.split('\r\n')).toEqual([
      '\uFEFFpath;value',
      'schemaVersion;1',
      'notes[0];"a; b"',
      'notes[1];"say ""x"""',
      'vatPercent;19', // the schema's order: notes before vatPercent
      'discounts;[]',
      '',
    ]);
    const back = priceListFromCsv(csv);
    expect(back.ok && back.data).toEqual({
      schemaVersion: 1,
      vatPercent: '19',
      notes: ['a; b', 'say "x"'],
      discounts: [],
    });
  });

  it("lists the fields in the schema's order even when jsonb shuffled them (id first inside a group)", () => {
    const shuffled = { vatPercent: '19', roles: [{ label: 'Monteur', id: 'fitter' }], id: 'x', schemaVersion: 1 };
    expect(
      priceListToCsv(shuffled)
        .replace(/^\uFEFF/, '')
        .split('\r\n'),
    ).toEqual([
      'path;value',
      'schemaVersion;1',
      'id;x',
      'vatPercent;19',
      'roles[0].id;fitter',
      'roles[0].label;Monteur',
      '',
    ]);
  });

  it('reads a comma-separated sheet as well, and skips blank lines', () => {
    const back = priceListFromCsv('path,value\nid,x\n\nroles[0].hourlyRate,"45,50"\n');
    expect(back.ok && back.data).toEqual({ id: 'x', roles: [{ hourlyRate: '45,50' }] });
  });

  it('names every problem of the sheet at its row', () => {
    const result = priceListFromCsv(
      sheet(
        'id;x', // row 2
        'id;y', // row 3: twice
        'roles[0].id;a', // row 4
        'roles[2].id;c', // row 5: roles[1] missing
        'roles..id;b', // row 6: not a path
        'name;n;extra', // row 7: three cells
        'id.sub;z', // row 8: id is a value already
      ),
    );
    expect(result).toEqual({
      ok: false,
      issues: [
        { row: 3, path: 'id', message: 'given twice (first in row 2)' },
        { row: 5, path: 'roles[1]', message: 'is missing (the list jumps to roles[2])' },
        { row: 6, path: 'roles..id', message: 'not a path like roles[0].hourlyRate' },
        { row: 7, path: 'name', message: 'a row has two cells: path and value (put a value with ; in quotes)' },
        { row: 8, path: 'id.sub', message: 'a value and a list or group at the same path' },
      ],
    });
  });

  it('refuses a sheet without the header, and an open quote', () => {
    expect(priceListFromCsv('id;x\n')).toEqual({
      ok: false,
      issues: [{ row: 1, path: '', message: 'the first row must be the header "path;value", got "id;x"' }],
    });
    expect(priceListFromCsv('path;value\nid;"x\n')).toMatchObject({ ok: false, issues: [{ row: 1 }] });
  });

  it("shows the parser's problem of seed 004's raw tier gap at the row of that tier", () => {
    const doc = seed('seed-004-itk-service-price-list');
    const tiers = (doc['material'] as { overheadTiers: Array<Record<string, unknown>> }).overheadTiers;
    (tiers[7] as Record<string, unknown>)['fromPrice'] = '21.01'; // the source skips 20.01–21.00 €
    const read = priceListFromCsv(priceListToCsv(doc));
    if (!read.ok) throw new Error('the sheet itself is fine');
    let issues: readonly { path: string; message: string }[] = [];
    try {
      parsePriceList(read.data);
    } catch (error) {
      if (error instanceof PriceListInvalidError) issues = error.issues;
    }
    const gap = issues.find((i) => i.message.startsWith('gap: 20.01–21.00 €'));
    expect(gap?.path).toBe('material.overheadTiers[7].fromPrice');
    const row = priceListCsvRow(read.rows, gap?.path ?? '');
    // The row holds exactly that cell: path and the value 21.01.
    expect(
      priceListToCsv(doc)
        .replace(/^\uFEFF/, '')
        .split('\r\n')[(row ?? 0) - 1],
    ).toBe('material.overheadTiers[7].fromPrice;21.01');
    // A problem at a group (the tier) is shown at the group's first row.
    expect(priceListCsvRow(read.rows, 'material.overheadTiers[7]')).toBeLessThanOrEqual(row ?? 0);
    expect(priceListCsvRow(read.rows, 'nowhere')).toBeUndefined();
  });
});
