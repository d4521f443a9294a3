import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { compareContractTypes, contractEconomics } from './contract-economics';
import { parseContractCalculation } from './contract.parser';

const load = (name: string) =>
  parseContractCalculation(
    JSON.parse(readFileSync(path.join(__dirname, `../../../demo-data/data/contracts/${name}.json`), 'utf8')),
  );
const seed000 = load('seed-000-it-flat-rate');
const seed001 = load('seed-001-elevators');
const seed002 = load('seed-002-total-technical-service');
const year = { from: '2026-01-01', to: '2027-01-01' };

describe('contractEconomics', () => {
  it('seed 002: 624,000 + 1,797,000 = 2,421,000 € = 59.05 €/m²·a computed against the stated 2.36 M€ ≈ 52 €/m²·a', () => {
    const e = contractEconomics(seed002);
    const [tts] = e.variants;
    expect(tts).toMatchObject({ annualTotal: '2421000.00', perM2Year: '59.05', contractVolume: '2360000.00' });
    expect(tts?.groupTotals).toEqual([
      { group: 'personnel', annual: '624000.00' },
      { group: 'trades', annual: '1797000.00' },
    ]);
    const differences = Object.fromEntries((tts?.differences ?? []).map((d) => [d.id, [d.stated, d.computed]]));
    expect(differences['annual-total']).toEqual(['2360000.00', '2421000.00']);
    expect(differences['per-m2-year']).toEqual(['52.00', '59.05']);
    expect(e.comparison).toBeUndefined(); // one contract type only
    expect(e.monthlyMargins).toBeUndefined();
  });

  it('seed 001: the three contract types as planned, 14,970 / 18,240 / 21,600 €', () => {
    const e = contractEconomics(seed001);
    expect(e.variants.map((v) => [v.variantId, v.annualTotal])).toEqual([
      ['s-a-standard', '14970.00'],
      ['s-b-full', '18240.00'],
      ['all-in', '21600.00'],
    ]);
  });

  it('seed 000: twelve months of revenue against effort with February as a loss month', () => {
    const months = contractEconomics(seed000).monthlyMargins ?? [];
    expect(months.filter((m) => m.loss).map((m) => m.month)).toEqual(['2026-02']);
  });
});

describe('compareContractTypes (seed 001)', () => {
  it('with the planned usage (6 lifts, 2 call-outs each, one inspection each) every type costs its plan', () => {
    const c = compareContractTypes(seed001, { ...year, assets: 6, callOuts: 12, inspections: 6 });
    expect(c.variants.map((v) => [v.variantId, v.planned, v.actual])).toEqual([
      ['s-a-standard', '14970.00', '14970.00'],
      ['s-b-full', '18240.00', '18240.00'],
      ['all-in', '21600.00', '21600.00'],
    ]);
    expect(c.cheapestVariantId).toBe('s-a-standard');
  });

  it('reprices a year of many call-outs: standard 55,680 €, full maintenance 18,240 € is cheapest', () => {
    // S-A: 720 × 12 = 8,640 + 180 × 12 = 2,160 + 288 × 147.50 = 42,480 + 6 × 400 = 2,400 → 55,680
    const c = compareContractTypes(seed001, { ...year, assets: 6, callOuts: 288, inspections: 6 });
    const byId = Object.fromEntries(c.variants.map((v) => [v.variantId, v]));
    expect(byId['s-a-standard']?.actual).toBe('55680.00');
    expect(byId['s-a-standard']?.lines.find((l) => l.id === 'call-outs')).toMatchObject({
      actual: '42480.00',
      basis: { quantity: '288', unit: 'call-outs', unitPrice: '147.50' },
    });
    expect(byId['s-b-full']?.actual).toBe('18240.00');
    expect(c.cheapestVariantId).toBe('s-b-full');
    expect(c.variants.filter((v) => v.cheapest).map((v) => v.variantId)).toEqual(['s-b-full']);
  });

  it('scales the per-asset fees with the assets and bills only the inspections done', () => {
    const c = compareContractTypes(seed001, { ...year, assets: 2, callOuts: 0, inspections: 1 });
    // S-A: 2 × 12 × 120 = 2,880 + standby 2 × 12 × 30 = 720 + 0 call-outs + 1 × 400 = 4,000
    // S-B: 2 × 12 × 220 = 5,280 + 400 = 5,680; all-in: 2 × 12 × 300 = 7,200
    expect(c.variants.map((v) => v.actual)).toEqual(['4000.00', '5680.00', '7200.00']);
  });
});
