import type { ContractEconomicsView } from '@leitstand/api-contracts';
import { DE, EN } from '@leitstand/frontend/i18n';
import { displayCell } from './kpi-tables';
import { checksTable, comparisonTable, monthLabel, monthsTable, variantLinesTable } from './economics-tables';
import type { Localizer } from './localizer';

const loc = (dict: Record<string, string>, locale: string): Localizer => ({
  locale,
  t: (key, params) => (dict[key] ?? key).replace(/\{(\w+)\}/g, (m, name: string) => String(params?.[name] ?? m)),
});
const de = loc(DE, 'de-DE');
/** Intl separates amount and currency with a no-break space. */
const plain = (v: string | null | undefined): string | null | undefined => v?.replace(/[\u00a0\u202f]/g, ' ');
const en = loc(EN, 'en-GB');

const economics: ContractEconomicsView = {
  contractId: 'c1',
  contractName: 'Total Technical Service',
  year: { from: '2027-01-01', to: '2028-01-01' },
  months: [
    { month: '2027-01', revenue: '196666.67', effort: '150000.00', margin: '46666.67', loss: false },
    { month: '2027-02', revenue: '196666.67', effort: '201000.00', margin: '-4333.33', loss: true },
  ],
  calculation: {
    id: 'seed-002',
    name: 'TTS',
    areaM2: '41000',
    variants: [
      {
        variantId: 'tts',
        label: 'Total Technical Service',
        lines: [{ id: 'p1', label: 'Objektleitung', kind: 'personnel', annual: '104000.00', derivation: '1 FTE' }],
        annualTotal: '2421000.00',
        groupTotals: [],
        fte: '6.5',
        perM2Year: '59.05',
        volumeBasis: 'stated',
        contractVolume: '2360000.00',
        checks: [
          {
            id: 'annual-total',
            label: 'Jahressumme',
            stated: '2360000.00',
            computed: '2421000.00',
            difference: '-61000.00',
            matches: false,
          },
          { id: 'fte', label: 'FTE', stated: '6.5', computed: '6.5', difference: '0', matches: true },
        ],
        differences: [],
      },
    ],
  },
  comparison: {
    year: { from: '2026-01-01', to: '2027-01-01' },
    assets: 6,
    callOuts: 288,
    inspections: 6,
    cheapestVariantId: 's-b-full',
    variants: [
      {
        variantId: 's-a-standard',
        label: 'Standard',
        planned: '14970.00',
        actual: '55680.00',
        cheapest: false,
        lines: [],
      },
      {
        variantId: 's-b-full',
        label: 'Vollwartung',
        planned: '18240.00',
        actual: '18240.00',
        cheapest: true,
        lines: [],
      },
    ],
  },
};
const variant = economics.calculation?.variants[0];
if (!variant) throw new Error('fixture');

describe('economics tables', () => {
  it('flags a stated figure that differs from the computed one, money in the UI locale', () => {
    const t = checksTable(variant, de);
    expect(t.rows.map((r) => [r['check'], plain(r['stated']), plain(r['computed']), r['result'], r.rowKind])).toEqual([
      ['Jahressumme', '2.360.000,00 €', '2.421.000,00 €', 'weicht ab', 'alert'],
      ['FTE', '6,5', '6,5', 'stimmt', null],
    ]);
    expect(checksTable(variant, en).rows[0]?.['stated']).toBe('€2,360,000.00');
  });

  it('lists the line items with the computed total, €/m²·a and the contract volume with its basis', () => {
    const t = variantLinesTable(variant, en);
    expect(t.rows.map((r) => r['line'])).toEqual([
      'Objektleitung',
      'Sum of the line items per year',
      '€/m²·yr (computed)',
      'FTE',
      'Contract volume',
    ]);
    expect(t.rows.at(-1)?.['derivation']).toBe('the amount the contract states');
  });

  it('marks the cheapest contract type and the loss months', () => {
    const c = comparisonTable(economics, de);
    expect(c?.rows.map((r) => [r['variant'], r['note'], r.rowKind])).toEqual([
      ['Standard', '', null],
      ['Vollwartung', 'am günstigsten', 'total'],
    ]);
    const m = monthsTable(economics, en);
    expect(m.rows.map((r) => [r['month'], r['note'], r.rowKind])).toEqual([
      ['January 2027', '', null],
      ['February 2027', 'Loss month', 'alert'],
    ]);
    expect(plain(displayCell('money', m.rows[1]?.['margin'], 'de-DE'))).toBe('-4.333,33 €');
    expect(comparisonTable({ ...economics, comparison: undefined }, de)).toBeNull();
  });

  it('names months in the UI language without a zone shift', () => {
    expect(monthLabel('2026-02', 'de-DE')).toBe('Februar 2026');
    expect(monthLabel('2026-12', 'en-GB')).toBe('December 2026');
    expect(monthLabel('bad', 'de-DE')).toBe('bad');
  });
});
