import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseContractCalculation } from '../contract/contract.parser';
import type { BonusMalusRules } from '../contract/contract.types';
import { complianceLine, computePeriodBonusMalus, type InspectionComplianceValue } from './period-bonus-malus';

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
    { kpi: 'inspection-compliance', reason: 'keine Wartungs- oder Prüfpläne am Vertrag' },
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
      derivations: {},
      notes: ['Der Vertrag hat keine Bonus/Malus-Regeln'],
    });
  });
});

const figure = (f: Partial<InspectionComplianceValue>): InspectionComplianceValue => ({
  due: 0,
  onTime: 0,
  late: 0,
  missed: 0,
  open: 0,
  cancelled: 0,
  percent: null,
  ...f,
});

describe('computePeriodBonusMalus — inspection compliance (seed 002)', () => {
  // Seed 002: "Wartungs- & Prüfcompliance 100 % fristgerecht", ± 2 % of the annual volume with availability and
  // energy. The contract file's rule: stepped, below 98 % → −1 %, from 98 % → −0.5 %, 100 % → +0.5 %.
  const file = path.join(__dirname, '../../../demo-data/data/contracts/seed-002-total-technical-service.json');
  const calc = parseContractCalculation(JSON.parse(readFileSync(file, 'utf8')));
  const seed = {
    rules: calc.bonusMalus ?? null,
    annualVolume: '2360000.00',
    periodFraction: '1',
    classes: [{ assetClass: 'A', availabilityPercent: '99.5' }],
    slaCompliance: null,
  };

  it('a month with 2 late and 1 missed of 40 due: 37 / 40 = 92.50 % < 98 → −1 % of the month', () => {
    // annual 2,360,000.00 × 1/12 = 196,666.666… → period volume 196,666.67
    const r = computePeriodBonusMalus({
      ...seed,
      periodFraction: '0.083333333333333333333',
      inspectionCompliance: figure({ due: 40, onTime: 37, late: 2, missed: 1, cancelled: 2, percent: '92.50' }),
    });
    expect(r.kpiValues['inspection-compliance']).toBe('92.5');
    const k = r.result?.kpis.find((x) => x.kpi === 'inspection-compliance');
    // −1 % × 196,666.67 = −1,966.6667 → −1,966.67
    expect(k).toMatchObject({ value: '92.5', percentOfVolume: '-1', amount: '-1966.67' });
    expect(r.derivations['inspection-compliance']).toEqual([
      'Fällig im Zeitraum 40 (fristgerecht 37, verspätet 2, versäumt 1, offen 0; 2 storniert, nicht gezählt): 37 / 40 = 92,50 %',
      'Prüfcompliance (fristgerecht) 92,5 %: unter 98 → -1 % × 196.666,67 € = -1.966,67 €',
    ]);
    // availability 99.5 % is on the linear rule's zero point → 0.00; energy is not measured (skipped)
    expect(r.result?.kpis.map((x) => [x.kpi, x.amount])).toEqual([
      ['availability-a', '0.00'],
      ['inspection-compliance', '-1966.67'],
    ]);
    expect(r.skipped.map((s) => s.kpi)).toEqual(['energy-vs-target']);
    expect(r.result?.amount).toBe('-1966.67');
  });

  it.each([
    // 49 / 50 = 98.00 % → the step from 98: −0.5 % × 2,360,000.00 = −11,800.00
    { onTime: 49, percent: '98.00', percentOfVolume: '-0.5', amount: '-11800.00' },
    // 4,899 / 5,000 = 97.98 % just below the step → −1 % × 2,360,000.00 = −23,600.00
    { onTime: 4899, due: 5000, percent: '97.98', percentOfVolume: '-1', amount: '-23600.00' },
    // 100 % fristgerecht → +0.5 % × 2,360,000.00 = +11,800.00
    { onTime: 50, percent: '100.00', percentOfVolume: '0.5', amount: '11800.00' },
  ])('a year at $percent % → $percentOfVolume % = $amount', ({ onTime, due, percent, percentOfVolume, amount }) => {
    const c = figure({ due: due ?? 50, onTime, late: (due ?? 50) - onTime, percent });
    const r = computePeriodBonusMalus({ ...seed, inspectionCompliance: c });
    expect(r.result?.kpis.find((x) => x.kpi === 'inspection-compliance')).toMatchObject({ percentOfVolume, amount });
  });

  it('with availability and compliance both in malus, the sum is capped at −2 % of the year (−47,200.00)', () => {
    // availability 98.5 % → −1.5 % = −35,400.00; compliance 90 % → −1 % = −23,600.00; Σ −59,000.00 → cap −47,200.00
    const r = computePeriodBonusMalus({
      ...seed,
      classes: [{ assetClass: 'A', availabilityPercent: '98.5' }],
      inspectionCompliance: figure({ due: 10, onTime: 9, missed: 1, percent: '90.00' }),
    });
    expect(r.result).toMatchObject({ uncapped: '-59000.00', cap: '47200.00', capped: true, amount: '-47200.00' });
  });

  it('requirements with nothing due in the period: skipped with the reason, no figure invented', () => {
    const r = computePeriodBonusMalus({ ...seed, inspectionCompliance: figure({ cancelled: 1 }) });
    expect(r.skipped).toContainEqual({
      kpi: 'inspection-compliance',
      reason: 'keine Fälligkeit im Zeitraum (1 storniert, nicht gezählt)',
    });
    expect(r.kpiValues['inspection-compliance']).toBeUndefined();
  });

  it('complianceLine without anything due', () => {
    expect(complianceLine(figure({}))).toBe(
      'Fällig im Zeitraum 0 (fristgerecht 0, verspätet 0, versäumt 0, offen 0): keine Quote',
    );
  });
});
