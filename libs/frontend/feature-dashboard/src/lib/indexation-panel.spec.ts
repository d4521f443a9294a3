import type { CitedIndexValueView, IndexationPreviewView } from '@leitstand/api-contracts';
import { DE, EN } from '@leitstand/frontend/i18n';
import { previewTable } from './indexation-panel.component';
import type { Localizer } from './localizer';

const loc = (dict: Record<string, string>, locale: string): Localizer => ({
  locale,
  t: (key, params) => (dict[key] ?? key).replace(/\{(\w+)\}/g, (m, name: string) => String(params?.[name] ?? m)),
});
const plain = (v: string | null | undefined): string | null | undefined => v?.replace(/[\u00a0\u202f]/g, ' ');
const cited = (period: string, value: string): CitedIndexValueView => ({
  series: 'labour',
  source: 'Destatis 62421-0001',
  period,
  publishedOn: '2026-11-30',
  value,
  rebasingFactor: '1',
  rebased: value,
});
// Seed 002: 2,360,000 € × (0.6 × 104/100 + 0.4 × 102/100) = 2,435,520 €
const preview: IndexationPreviewView = {
  contractId: 'c1',
  on: '2027-01-01',
  basedOn: { kind: 'contract' },
  basePrice: '2360000.00',
  rawFactor: '1.032',
  cappedFactor: '1.032',
  capped: null,
  correctionFactor: '1',
  factor: '1.032',
  indexedPrice: '2435520.00',
  change: '75520.00',
  derivation: 'P1 = …',
  cited: {
    labour: { base: cited('2025', '100'), current: cited('2026', '104') },
    material: { base: cited('2025', '100'), current: cited('2026', '102') },
  },
};

describe('indexation preview table', () => {
  it('shows P0, the cited index values, the factor and P1 in German', () => {
    const t = previewTable(preview, loc(DE, 'de-DE'));
    expect(t.title).toBe('Vorschau zum 01.01.2027');
    expect(t.rows.map((r) => [r['item'], plain(r['value'])])).toEqual([
      ['P0 (bisheriger Jahrespreis)', '2.360.000,00 €'],
      [
        'Lohnindex L0 → L1',
        '2025: 100 (veröffentlicht 30.11.2026, Destatis 62421-0001) → 2026: 104 (veröffentlicht 30.11.2026, Destatis 62421-0001)',
      ],
      [
        'Materialindex M0 → M1',
        '2025: 100 (veröffentlicht 30.11.2026, Destatis 62421-0001) → 2026: 102 (veröffentlicht 30.11.2026, Destatis 62421-0001)',
      ],
      ['Faktor', '1,032'],
      ['P1 (indexierter Jahrespreis)', '2.435.520,00 €'],
      ['Änderung', '75.520,00 €'],
    ]);
  });

  it('and in English', () => {
    const t = previewTable(preview, loc(EN, 'en-GB'));
    expect(plain(t.rows[4]?.['value'])).toBe('€2,435,520.00');
    expect(t.rows[3]).toMatchObject({ item: 'Factor', value: '1.032' });
  });
});
