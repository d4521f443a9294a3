import type { BonusMalusRules } from '../contract/contract.types';
import { computePeriodBonusMalus } from './period-bonus-malus';

const stepped = {
  kind: 'stepped' as const,
  otherwisePercentOfVolume: '-1',
  steps: [{ atLeast: '95', percentOfVolume: '0' }],
};
const rules = (...kpis: string[]): BonusMalusRules => ({
  capPercentOfVolume: '2',
  kpis: kpis.map((kpi) => ({ kpi, label: kpi, unit: '%', rule: stepped })),
});
const base = {
  annualVolume: '120000.00',
  periodFraction: '0.083333333333333333333',
  classes: [
    { assetClass: 'A', availabilityPercent: '99' },
    { assetClass: 'B', availabilityPercent: null },
  ],
  slaCompliance: '0.5',
};

describe('computePeriodBonusMalus', () => {
  it.each([
    { kpi: 'availability-a', value: '99' },
    { kpi: 'sla-compliance', value: '50' },
    {
      kpi: 'availability-b',
      reason: 'keine Verfügbarkeit der Klasse B im Zeitraum (keine Anlage oder keine Sollzeit)',
    },
    {
      kpi: 'availability-c',
      reason: 'keine Verfügbarkeit der Klasse C im Zeitraum (keine Anlage oder keine Sollzeit)',
    },
    { kpi: 'inspection-compliance', reason: 'keine Daten: Wartungs- und Prüfpläne werden noch nicht geführt' },
    { kpi: 'energy-vs-target', reason: 'nicht gemessen: Energieverbräuche werden nicht erfasst' },
    { kpi: 'customer-happiness', reason: 'keine Datenquelle für diese Kennzahl' },
  ])('$kpi', ({ kpi, value, reason }) => {
    const r = computePeriodBonusMalus({ ...base, rules: rules(kpi) });
    expect(r.kpiValues).toEqual(value === undefined ? {} : { [kpi]: value });
    expect(r.skipped).toEqual(reason === undefined ? [] : [{ kpi, reason }]);
    expect(r.notes).toEqual(reason === undefined ? [] : [`Bonus/Malus ohne „${kpi}“: ${reason}`]);
    expect(r.result?.kpis.map((k) => k.kpi)).toEqual(value === undefined ? [] : [kpi]);
  });

  it('SLA compliance without decided clocks is skipped', () => {
    const r = computePeriodBonusMalus({ ...base, slaCompliance: null, rules: rules('sla-compliance') });
    expect(r.skipped).toEqual([{ kpi: 'sla-compliance', reason: 'keine Datenquelle für diese Kennzahl' }]);
  });

  it('applies the rules to the period volume: 99 % ≥ 95 → 0; 50 % < 95 → −1 % of 10,000.00', () => {
    const r = computePeriodBonusMalus({ ...base, rules: rules('availability-a', 'sla-compliance') });
    expect(r.result?.kpis.map((k) => [k.kpi, k.amount])).toEqual([
      ['availability-a', '0.00'],
      ['sla-compliance', '-100.00'],
    ]);
    expect(r.result?.amount).toBe('-100.00');
  });

  it('without rules: no result and a note', () => {
    expect(computePeriodBonusMalus({ ...base, rules: null })).toEqual({
      kpiValues: {},
      skipped: [],
      result: null,
      notes: ['Der Vertrag hat keine Bonus/Malus-Regeln'],
    });
  });
});
