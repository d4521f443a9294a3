import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { computeContractVolume, computeInspectionBand } from './contract-volume.calculator';
import { parseContractCalculation } from './contract.parser';

// Seed 001 — six elevators (3 office/residential, 2 residential, 1 goods lift), from the demo-data file.
const file = path.join(__dirname, '../../../demo-data/data/contracts/seed-001-elevators.json');
const calc = parseContractCalculation(JSON.parse(readFileSync(file, 'utf8')));

const lineOf = (variantId: string, lineId: string) => {
  const line = computeContractVolume(calc, variantId).lines.find((l) => l.id === lineId);
  if (line === undefined) {
    throw new Error(`line ${lineId} missing`);
  }
  return line;
};

describe('seed 001 — scenario A: standard maintenance + emergency standby', () => {
  it('S-A standard maintenance: 120 €/lift/month × 6 = 8,640 € per year', () => {
    // 120.00 × 6 × 12 = 8,640.00
    expect(lineOf('s-a-standard', 'maintenance')).toMatchObject({
      annual: '8640.00',
      perPeriod: { amount: '720.00', per: 'month' },
    });
  });

  it('S-A emergency standby (optional 24/7 module): 30 €/lift/month × 6 = 2,160 €', () => {
    // 30.00 × 6 × 12 = 2,160.00
    expect(lineOf('s-a-standard', 'emergency-standby')).toMatchObject({ annual: '2160.00', module: '24-7-standby' });
  });

  it('S-A call-out, one: travel 50 € + 65 €/h × 1.5 h = 147.50 €', () => {
    expect(lineOf('s-a-standard', 'call-outs').perUnit).toEqual({ amount: '147.50', unit: 'Einsatz' });
  });

  it('S-A call-outs: 2 per lift per year × 6 = 12 × 147.50 = 1,770 €', () => {
    expect(lineOf('s-a-standard', 'call-outs').annual).toBe('1770.00');
  });

  it('S-A statutory inspections: 400 €/lift/year × 6 = 2,400 €', () => {
    expect(lineOf('s-a-standard', 'statutory-inspections').annual).toBe('2400.00');
  });

  it('S-A total: 8,640 + 2,160 + 1,770 + 2,400 = 14,970 € — matches every stated figure', () => {
    const v = computeContractVolume(calc, 's-a-standard');
    expect(v.annualTotal).toBe('14970.00');
    expect(v.contractVolume).toBe('14970.00');
    expect(v.differences).toEqual([]);
    expect(v.checks.map((c) => c.id)).toEqual([
      'annual-total',
      'line:maintenance',
      'line:emergency-standby',
      'line:call-outs',
      'line:statutory-inspections',
    ]);
  });

  it('without the optional standby module: 14,970 − 2,160 = 12,810 € (and the stated total then differs)', () => {
    const v = computeContractVolume(calc, 's-a-standard', { modules: [] });
    expect(v.annualTotal).toBe('12810.00');
    expect(v.differences).toEqual([
      expect.objectContaining({ id: 'annual-total', stated: '14970.00', computed: '12810.00', difference: '2160.00' }),
    ]);
  });
});

describe('seed 001 — scenario B: full maintenance', () => {
  it('S-B full maintenance: 220 €/lift/month × 6 = 15,840 €; with inspections 15,840 + 2,400 = 18,240 €', () => {
    const v = computeContractVolume(calc, 's-b-full');
    expect(v.lines.find((l) => l.id === 'full-maintenance')?.annual).toBe('15840.00');
    expect(v.annualTotal).toBe('18240.00');
    expect(v.differences).toEqual([]);
  });
});

describe('seed 001 — all-in', () => {
  it('all-in: 300 €/lift/month × 6 = 21,600 €', () => {
    const v = computeContractVolume(calc, 'all-in');
    expect(v.annualTotal).toBe('21600.00');
    expect(v.lines[0]?.derivation).toBe('300,00 € × 6 Anlagen × 12 Monate = 21.600,00 €');
  });
});

describe('seed 001 — inspection band', () => {
  const band = computeInspectionBand(calc, 'zues-inspections');

  it('stated: 300–550 €/lift/year; × 6 lifts = 1,800–3,300 €', () => {
    expect(band.statedPerAssetYear).toEqual({ min: '300.00', max: '550.00' });
    expect(band.statedTotalYear).toEqual({ min: '1800.00', max: '3300.00' }); // 6 × 300, 6 × 550
  });

  it('computed from the cycles: main every 2 years 200–300 € → 100–150 €/a, intermediate yearly 150–250 €/a → 250–400 €/lift/year', () => {
    expect(band.inspections.map((i) => i.perAssetYear)).toEqual([
      { min: '100.00', max: '150.00' }, // 200 × 12/24, 300 × 12/24
      { min: '150.00', max: '250.00' },
    ]);
    expect(band.computedPerAssetYear).toEqual({ min: '250.00', max: '400.00' });
    expect(band.computedTotalYear).toEqual({ min: '1500.00', max: '2400.00' });
  });

  it('shows the difference between the stated band and the cycles instead of hiding it', () => {
    expect(band.checks).toEqual([
      expect.objectContaining({
        id: 'per-asset-year-min',
        stated: '300.00',
        computed: '250.00',
        difference: '50.00',
        matches: false,
      }),
      expect.objectContaining({
        id: 'per-asset-year-max',
        stated: '550.00',
        computed: '400.00',
        difference: '150.00',
        matches: false,
      }),
    ]);
  });
});
