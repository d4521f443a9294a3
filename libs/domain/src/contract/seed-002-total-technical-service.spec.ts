import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { computeBonusMalus } from './bonus-malus.calculator';
import {
  allowedDowntime,
  checkCapexGate,
  energySavingTarget,
  hoursOfDays,
  percentToShare,
} from './contract-terms.calculator';
import { computeContractVolume } from './contract-volume.calculator';
import { parseContractCalculation } from './contract.parser';
import { indexPrice } from './indexation.calculator';

// Seed 002 — Total Technical Service, industrial site, 41,000 m², 2027–2031, from the demo-data file.
const file = path.join(__dirname, '../../../demo-data/data/contracts/seed-002-total-technical-service.json');
const calc = parseContractCalculation(JSON.parse(readFileSync(file, 'utf8')));
const volume = computeContractVolume(calc, 'tts');
const checkOf = (id: string) => volume.checks.find((c) => c.id === id);

describe('seed 002 — personnel', () => {
  it('5 roles, employer cost + 30 % overhead/profit: 480,000 + 144,000 = 624,000 €/year, 6.5 FTE', () => {
    const personnel = volume.lines.filter((l) => l.kind === 'personnel');
    expect(personnel).toHaveLength(5);
    expect(volume.groupTotals.find((g) => g.group === 'personnel')?.annual).toBe('624000.00');
    expect(volume.fte).toBe('6.5'); // 1 + 2 + 2 + 1 + 0.5
    expect(personnel[0]?.derivation).toBe(
      '1 FTE: AG-Kosten 95.000,00 € + 30 % Overhead/Gewinn 28.500,00 € = 123.500,00 €',
    );
    expect(checkOf('group:personnel')).toMatchObject({ matches: true });
    expect(checkOf('fte')).toMatchObject({ stated: '6.5', computed: '6.5', matches: true });
  });
});

describe('seed 002 — trades', () => {
  it('23 trades incl. the 5 % capex fund line of 300,000 €: 1,797,000 €/year', () => {
    const trades = volume.lines.filter((l) => l.group === 'trades');
    expect(trades).toHaveLength(23);
    expect(trades.find((l) => l.id === 'capex-fund')?.annual).toBe('300000.00');
    expect(volume.groupTotals.find((g) => g.group === 'trades')?.annual).toBe('1797000.00');
  });
});

describe('seed 002 — computed total', () => {
  it('personnel + trades = 624,000 + 1,797,000 = 2,421,000 €/year = 59.05 €/m²·a', () => {
    expect(volume.annualTotal).toBe('2421000.00');
    expect(volume.perM2Year).toBe('59.05'); // 2,421,000 / 41,000 = 59.0487… → 59.05
  });
});

describe('seed 002 — stated total', () => {
  it('stated 2.36 M€/year does not match the line items: both and the difference are returned', () => {
    expect(checkOf('annual-total')).toEqual({
      id: 'annual-total',
      label: 'Jahressumme: genannt vs. Summe der Positionen',
      stated: '2360000.00',
      computed: '2421000.00',
      difference: '-61000.00', // 2,360,000 − 2,421,000
      matches: false,
    });
    expect(volume.contractVolume).toBe('2360000.00'); // the contract price is the stated figure
  });

  it('≈ 52 €/m²·a stated vs 59.05 computed; 52 × 41,000 = 2.132 M€ ≠ 2.36 M€', () => {
    expect(checkOf('per-m2-year')).toMatchObject({ stated: '52.00', computed: '59.05', difference: '-7.05' });
    expect(checkOf('per-m2-times-area')).toMatchObject({
      stated: '2132000.00',
      computed: '2360000.00',
      difference: '-228000.00',
    });
  });

  it('5 % of 2.36 M€ = 118,000 € ≠ the 300,000 € capex fund line', () => {
    expect(checkOf('share:capex-fund')).toMatchObject({
      stated: '118000.00',
      computed: '300000.00',
      difference: '-182000.00',
    });
  });

  it('lists exactly the four contradictions of the seed', () => {
    expect(volume.differences.map((d) => d.id)).toEqual([
      'annual-total',
      'per-m2-year',
      'per-m2-times-area',
      'share:capex-fund',
    ]);
  });
});

describe('seed 002 — bonus/malus', () => {
  const rules = calc.bonusMalus;
  if (rules === undefined) {
    throw new Error('fixture: bonusMalus missing');
  }
  const run = (kpiValues: Record<string, string>) =>
    computeBonusMalus({ rules, annualVolume: volume.contractVolume, kpiValues });

  it('± 2 % of the annual volume: cap ± 47,200 € on 2,360,000 €, reached when every KPI overshoots', () => {
    // 1.5 % + 0.5 % + 0.5 % = 2.5 % = 59,000.00 → capped to 2 % = 47,200.00
    const best = run({ 'availability-a': '99.95', 'energy-vs-target': '3', 'inspection-compliance': '100' });
    expect(best).toMatchObject({ cap: '47200.00', uncapped: '59000.00', capped: true, amount: '47200.00' });
    // −1.5 % − 0.5 % − 1 % = −3 % = −70,800.00 → capped to −47,200.00
    const worst = run({ 'availability-a': '98.0', 'energy-vs-target': '-3', 'inspection-compliance': '90' });
    expect(worst).toMatchObject({ uncapped: '-70800.00', capped: true, amount: '-47200.00' });
  });

  it('linear between thresholds and stepped, with the derivation per KPI', () => {
    // availability 99.7: 0 + (99.7 − 99.5) / (99.9 − 99.5) × 1.5 = 0.75 % → 17,700.00
    // energy on target: 0 %; compliance 100 %: +0.5 % → 11,800.00; Σ 29,500.00 (inside the cap)
    const r = run({ 'availability-a': '99.7', 'energy-vs-target': '0', 'inspection-compliance': '100' });
    expect(r.kpis.map((k) => [k.kpi, k.percentOfVolume, k.amount])).toEqual([
      ['availability-a', '0.75', '17700.00'],
      ['energy-vs-target', '0', '0.00'],
      ['inspection-compliance', '0.5', '11800.00'],
    ]);
    expect(r).toMatchObject({ amount: '29500.00', capped: false });
    expect(r.kpis[0]?.derivation).toBe(
      'Verfügbarkeit A-Anlagen 99,7 %: linear zwischen 99,5 (0 %) und 99,9 (1,5 %) → 0,75 % × 2.360.000,00 € = 17.700,00 €',
    );
  });

  it('per period: a month is 1/12 of the annual cap (47,200 / 12 = 3,933.33)', () => {
    const month = computeBonusMalus({
      rules,
      annualVolume: '196666.67', // 2,360,000 / 12, pro-rata flat fee of one month
      kpiValues: { 'availability-a': '99.95', 'energy-vs-target': '3', 'inspection-compliance': '100' },
    });
    expect(month.cap).toBe('3933.33'); // 196,666.67 × 2 % = 3,933.3334
    expect(month.amount).toBe('3933.33');
  });
});

describe('seed 002 — availability target', () => {
  const target = calc.availabilityTargets?.find((t) => t.assetClass === 'A')?.targetPercent ?? '';
  const share = percentToShare(target);

  it('≥ 99.5 % for A-assets', () => {
    expect(target).toBe('99.5');
    expect(share).toBe('0.995');
  });

  it.each([
    [365, '43.8'], // (1 − 0.995) × 8760
    [30, '3.6'], // (1 − 0.995) × 720
    [31, '3.72'], // (1 − 0.995) × 744
  ])('a %i-day period (24/7) allows ≤ %s h downtime per asset', (days, hours) => {
    expect(allowedDowntime(share, hoursOfDays(days))).toBe(hours);
  });
});

describe('seed 002 — indexation', () => {
  it('60 % labour, 40 % material; labour +4 %, material +2 % → factor 1.032; 2,360,000 → 2,435,520 €', () => {
    const clause = calc.indexation;
    const scenario = calc.indexationScenario;
    if (clause === undefined || scenario === undefined) {
      throw new Error('fixture: indexation missing');
    }
    const r = indexPrice({
      basePrice: volume.contractVolume,
      clause,
      labour: scenario.labour,
      material: scenario.material,
    });
    // 0 + 0.6 × 104/100 + 0.4 × 102/100 = 0.624 + 0.408 = 1.032
    expect(r.factor).toBe('1.032');
    expect(r.indexedPrice).toBe('2435520.00'); // 2,360,000 × 1.032
    expect(r.change).toBe('75520.00');
  });

  it('decreases pass through: labour −2 %, material −5 % → 0.6 × 0.98 + 0.4 × 0.95 = 0.968 → 2,284,480 €', () => {
    const clause = calc.indexation;
    if (clause === undefined) {
      throw new Error('fixture: indexation missing');
    }
    const r = indexPrice({
      basePrice: '2360000.00',
      clause,
      labour: { base: '100', current: '98' },
      material: { base: '100', current: '95' },
    });
    expect(r).toMatchObject({ factor: '0.968', indexedPrice: '2284480.00', change: '-75520.00' });
  });
});

describe('seed 002 — SLA', () => {
  it('A: accept ≤ 15 min, restore ≤ 1 h; B: accept ≤ 30 min, restore ≤ 4 h (contract data)', () => {
    expect(calc.slaTargets).toEqual([
      { assetClass: 'A', acceptMinutes: 15, restoreMinutes: 60 },
      { assetClass: 'B', acceptMinutes: 30, restoreMinutes: 240 },
    ]);
  });
});

describe('seed 002 — capex gate', () => {
  const gate = calc.capexGate;
  if (gate === undefined) {
    throw new Error('fixture: capexGate missing');
  }

  it('a single measure ≥ 5,000 € needs quote + approval before work', () => {
    expect(checkCapexGate(gate, '5000.00')).toMatchObject({ approvalRequired: true, threshold: '5000.00' });
    expect(checkCapexGate(gate, '12500.00').approvalRequired).toBe(true);
  });

  it('4,999.99 € does not', () => {
    expect(checkCapexGate(gate, '4999.99')).toMatchObject({ approvalRequired: false, amount: '4999.99' });
  });
});

describe('seed 002 — energy KPI', () => {
  it('base year 2025, −1 % per year → cumulative −5 % by 2031', () => {
    const kpi = calc.energyKpi;
    if (kpi === undefined) {
      throw new Error('fixture: energyKpi missing');
    }
    expect(kpi.baseYear).toBe(2025);
    expect(energySavingTarget(kpi, 2026)).toBe('0');
    expect(energySavingTarget(kpi, 2027)).toBe('1');
    expect(energySavingTarget(kpi, 2031)).toBe('5'); // 1 % × 5 contract years
    expect(energySavingTarget(kpi, 2035)).toBe('5');
  });
});
