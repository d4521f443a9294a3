import { TestBed } from '@angular/core/testing';
import { I18nService } from '@leitstand/frontend/i18n';
import { csvField, toCsv } from './csv';
import { csvDecimal } from './decimal-format';
import { bonusMalusTable, tableToCsv } from './kpi-tables';
import { KPI_FIXTURE } from './kpi.fixtures';
import { localizer } from './localizer';

const BOM = '\uFEFF';

describe('CSV writer', () => {
  it('separates with ";", ends lines with CRLF and starts with a BOM', () => {
    expect(toCsv(['a', 'b'], [['1', { number: '2,5' }]])).toBe(`${BOM}a;b\r\n1;2,5\r\n`);
  });

  it('quotes fields with separators, quotes, line breaks or outer spaces; doubles inner quotes', () => {
    expect(csvField('a;b')).toBe('"a;b"');
    expect(csvField('sagt "hallo"')).toBe('"sagt ""hallo"""');
    expect(csvField('Zeile 1\nZeile 2')).toBe('"Zeile 1\nZeile 2"');
    expect(csvField('a\r\nb')).toBe('"a\r\nb"');
    expect(csvField(' vorn')).toBe('" vorn"');
    expect(csvField('Komma, bleibt')).toBe('Komma, bleibt');
    expect(csvField(null)).toBe('');
    expect(csvField('')).toBe('');
  });

  it('defuses text that a spreadsheet would run as a formula, but never numbers', () => {
    expect(csvField('=SUMME(A1)')).toBe("'=SUMME(A1)");
    expect(csvField('@cmd')).toBe("'@cmd");
    expect(csvField({ number: '-5,54' })).toBe('-5,54');
  });

  it('writes decimals with a comma, without grouping or units', () => {
    expect(csvDecimal('10000.00')).toBe('10000,00');
    expect(csvDecimal('-5.54')).toBe('-5,54');
    expect(csvDecimal('99.4631')).toBe('99,4631');
    expect(csvDecimal('480')).toBe('480');
    expect(csvDecimal(null)).toBe('');
    expect(() => csvDecimal('1e3')).toThrow(/not a decimal string/);
  });

  afterEach(() => localStorage.clear());

  it('exports a KPI table with units in the header and the raw values', () => {
    const csv = tableToCsv(bonusMalusTable(KPI_FIXTURE, localizer(TestBed.inject(I18nService))));
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe('KPI;Wert (%);Regel;Anteil am Volumen (%);Betrag (EUR)');
    expect(lines[1]).toBe('Verfügbarkeit Klasse A;99,4631;"linear: 98,5 → −1,5 %; 99,5 → 0 %";-0,05535;-5,54');
    expect(lines).toContain('Bonus/Malus;;Summe −5,54 €;;-5,54');
    expect(lines.at(-1)).toBe('');
  });

  it('writes the header in the UI language, the numbers unchanged', () => {
    const i18n = TestBed.inject(I18nService);
    i18n.setLanguage('en');
    const lines = tableToCsv(bonusMalusTable(KPI_FIXTURE, localizer(i18n)))
      .slice(1)
      .split('\r\n');
    expect(lines[0]).toBe('KPI;Value (%);Rule;Share of volume (%);Amount (EUR)');
    expect(lines).toContain('Bonus/malus;;Summe −5,54 €;;-5,54');
    expect(lines).toContain('Cap (±);;Cap does not apply;;500,00');
  });
});
