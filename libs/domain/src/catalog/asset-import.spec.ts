import {
  ASSET_IMPORT_HEADERS,
  assetExportTable,
  parseAssetImport,
  parseImportDate,
  type AssetExportRecord,
} from './asset-import';
import { mayNest, parentKindOf, splitLocationPath } from './location-hierarchy';

const EN = ['Code', 'Name', 'Trade', 'Class'];

describe('asset import: header', () => {
  it('accepts German and English headers, any case and spacing', () => {
    const de = parseAssetImport(
      ['Anlagennummer', 'Bezeichnung', 'Gewerk', 'Klasse', 'Ort', 'Baujahr', 'Gewährleistung bis', 'Merkmal:Leistung'],
      [['AZ-01', 'Aufzug 1', 'elevators', 'a', 'Gebäude A / EG / Raum 0.12', '2014', '30.06.2027', '11 kW']],
    );
    expect(de.problems).toEqual([]);
    expect(de.rows).toEqual([
      {
        row: 2,
        code: 'AZ-01',
        name: 'Aufzug 1',
        trade: 'elevators',
        assetClass: 'A',
        inContract: true,
        parentCode: null,
        locationPath: ['Gebäude A', 'EG', 'Raum 0.12'],
        manufacturer: null,
        model: null,
        serialNumber: null,
        yearBuilt: 2014,
        warrantyUntil: '2027-06-30',
        redundancyGroup: null,
        attributes: { Leistung: '11 kW' },
      },
    ]);
    const en = parseAssetImport(
      ['code', 'NAME', 'trade', 'class', 'serial_number', 'In Contract'],
      [['X', 'x', 't', 'C', 'SN 1', 'no']],
    );
    expect(en.rows[0]).toMatchObject({ serialNumber: 'SN 1', inContract: false, assetClass: 'C' });
  });

  it('names unknown, doubled and missing columns on row 1', () => {
    const r = parseAssetImport(['Code', 'Name', 'Farbe', 'Bezeichnung'], [['a', 'b', 'c', 'd']]);
    expect(r.rows).toEqual([]);
    expect(r.problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [1, 'Farbe', 'unknownColumn'],
      [1, 'Bezeichnung', 'duplicateColumn'],
      [1, 'Trade', 'missingColumn'],
      [1, 'Class', 'missingColumn'],
    ]);
  });

  it('reports a file without data rows', () => {
    expect(parseAssetImport(EN, [['', ' ', '', '']]).problems.map((p) => p.code)).toEqual(['noRows']);
  });
});

describe('asset import: rows', () => {
  it('reports every problem of every row with row, column and code', () => {
    const header = [...EN, 'In contract', 'Year built', 'Warranty until', 'Location', 'Parent code'];
    const r = parseAssetImport(header, [
      ['OK-1', 'Gut', 'hvac', 'B', 'ja', '1999', '2027-01-31', 'Haus / 1. OG', ''],
      ['', 'Ohne Code', 'hvac', 'D', 'vielleicht', '99', '31.02.2027', 'A / / B', ''],
      ['OK-1', 'x'.repeat(201), '', 'A', '', '', '', 'A / B / C / D', 'OK-1'],
      ['OK-2', 'Kind', 'hvac', 'C', '', '', '', '', 'NOPE'],
    ]);
    expect(r.rows.map((x) => x.code)).toEqual(['OK-1']);
    expect(r.problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [3, 'Code', 'required'],
      [3, 'Class', 'invalidClass'],
      [3, 'In contract', 'invalidBoolean'],
      [3, 'Year built', 'invalidYear'],
      [3, 'Warranty until', 'invalidDate'],
      [3, 'Location', 'invalidLocationPath'],
      [4, 'Name', 'tooLong'],
      [4, 'Trade', 'required'],
      [4, 'Location', 'invalidLocationPath'],
      [4, 'Code', 'duplicateCode'],
      [4, 'Parent code', 'selfParent'],
      [5, 'Parent code', 'unknownParent'],
    ]);
    expect(r.problems[9]).toMatchObject({
      params: { value: 'OK-1', firstRow: 2 },
      message: "code 'OK-1' appears in row 2 already",
    });
  });

  it('resolves parents in the file or on the site and refuses cycles', () => {
    const header = [...EN, 'Parent code'];
    const ok = parseAssetImport(
      header,
      [
        ['K-1', 'Kind', 't', 'A', 'P-1'],
        ['P-1', 'Eltern', 't', 'A', 'SITE-1'],
      ],
      new Set(['SITE-1']),
    );
    expect(ok.problems).toEqual([]);
    const cycle = parseAssetImport(header, [
      ['A-1', 'a', 't', 'A', 'A-2'],
      ['A-2', 'b', 't', 'A', 'A-1'],
    ]);
    expect(cycle.problems.map((p) => [p.row, p.code])).toEqual([
      [2, 'parentCycle'],
      [3, 'parentCycle'],
    ]);
    expect(cycle.rows).toEqual([]);
  });

  it('reads ISO and German dates of real days only', () => {
    expect(parseImportDate('2028-02-29')).toBe('2028-02-29');
    expect(parseImportDate('1.3.2027')).toBe('2027-03-01');
    expect(parseImportDate('2027-02-29')).toBeNull();
    expect(parseImportDate('2027/01/01')).toBeNull();
  });
});

describe('asset export', () => {
  it('writes a table the import reads back unchanged (en and de)', () => {
    const records: AssetExportRecord[] = [
      {
        code: 'AZ-01',
        name: 'Aufzug 1',
        trade: 'elevators',
        assetClass: 'A',
        inContract: false,
        parentCode: null,
        locationPath: 'Gebäude A / EG / Raum 0.12',
        manufacturer: 'Schindler',
        model: '3300',
        serialNumber: 'SN-1',
        yearBuilt: 2014,
        warrantyUntil: '2027-06-30',
        redundancyGroup: 'g1',
        attributes: { Tragkraft: '1000 kg' },
      },
      {
        code: 'AZ-02',
        name: 'Aufzug 2',
        trade: 'elevators',
        assetClass: 'B',
        inContract: true,
        parentCode: 'AZ-01',
        locationPath: null,
        manufacturer: null,
        model: null,
        serialNumber: null,
        yearBuilt: null,
        warrantyUntil: null,
        redundancyGroup: null,
        attributes: {},
      },
    ];
    for (const lang of ['en', 'de'] as const) {
      const { header, rows } = assetExportTable(records, lang);
      expect(header[0]).toBe(ASSET_IMPORT_HEADERS[lang].code);
      const back = parseAssetImport(header, rows);
      expect(back.problems).toEqual([]);
      expect(
        back.rows.map(({ row: _row, locationPath, ...rest }) => ({
          ...rest,
          locationPath: locationPath ? locationPath.join(' / ') : null,
        })),
      ).toEqual(records);
    }
  });
});

describe('location hierarchy', () => {
  it('nests building → floor → room only', () => {
    expect(parentKindOf('building')).toBeNull();
    expect(mayNest('floor', 'building')).toBe(true);
    expect(mayNest('room', 'floor')).toBe(true);
    expect(mayNest('room', 'building')).toBe(false);
    expect(mayNest('building', 'floor')).toBe(false);
    expect(mayNest('floor', null)).toBe(false);
    expect(splitLocationPath(' A/B / C ')).toEqual(['A', 'B', 'C']);
    expect(splitLocationPath('  ')).toBeNull();
  });
});
