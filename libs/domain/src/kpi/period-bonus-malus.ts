import { computeBonusMalus } from '../contract/bonus-malus.calculator';
import type { BonusMalusResult } from '../contract/bonus-malus.calculator';
import type { BonusMalusRules } from '../contract/contract.types';
import type { DecimalString } from '../money/decimal';
import type { MoneyString } from '../money/money';
import { shareToPercent } from './availability.calculator';

/*
 * The bonus/malus of one contract and period from its measured KPIs: each rule KPI gets its value
 * ('availability-<class>' from the class roll-up in percent, 'sla-compliance' from the overall SLA
 * compliance) or is skipped with the reason; the rules are applied to the KPIs that have a value.
 */

const AVAILABILITY_KPI = /^availability-([a-z])$/;

export interface PeriodBonusMalusInput {
  /** null: the contract has no rules (a note says so). */
  readonly rules: BonusMalusRules | null;
  readonly annualVolume: MoneyString;
  /** Share of the contract year the period covers (periodFraction). */
  readonly periodFraction: DecimalString;
  readonly classes: readonly { readonly assetClass: string; readonly availabilityPercent: DecimalString | null }[];
  /** Overall SLA compliance as a share, null when no clock was decided. */
  readonly slaCompliance: DecimalString | null;
}

export interface PeriodBonusMalus {
  readonly kpiValues: Readonly<Record<string, DecimalString>>;
  readonly skipped: readonly { readonly kpi: string; readonly reason: string }[];
  readonly result: BonusMalusResult | null;
  readonly notes: readonly string[];
}

/** Why a rule KPI has no value, or undefined when it has one (written into kpiValues). */
function valueOf(
  kpi: string,
  input: PeriodBonusMalusInput,
  kpiValues: Record<string, DecimalString>,
): string | undefined {
  const m = AVAILABILITY_KPI.exec(kpi);
  if (m !== null) {
    const cls = (m[1] ?? '').toUpperCase();
    const roll = input.classes.find((c) => c.assetClass === cls);
    if (roll?.availabilityPercent) {
      kpiValues[kpi] = roll.availabilityPercent;
      return undefined;
    }
    return `keine Verfügbarkeit der Klasse ${cls} im Zeitraum (keine Anlage oder keine Sollzeit)`;
  }
  if (kpi === 'sla-compliance' && input.slaCompliance !== null) {
    kpiValues[kpi] = shareToPercent(input.slaCompliance);
    return undefined;
  }
  if (kpi.startsWith('inspection')) return 'keine Daten: Wartungs- und Prüfpläne werden noch nicht geführt';
  if (kpi.startsWith('energy')) return 'nicht gemessen: Energieverbräuche werden nicht erfasst';
  return 'keine Datenquelle für diese Kennzahl';
}

export function computePeriodBonusMalus(input: PeriodBonusMalusInput): PeriodBonusMalus {
  const { rules } = input;
  if (rules === null) {
    return { kpiValues: {}, skipped: [], result: null, notes: ['Der Vertrag hat keine Bonus/Malus-Regeln'] };
  }
  const kpiValues: Record<string, DecimalString> = {};
  const skipped: { kpi: string; reason: string }[] = [];
  for (const k of rules.kpis) {
    const reason = valueOf(k.kpi, input, kpiValues);
    if (reason !== undefined) skipped.push({ kpi: k.kpi, reason });
  }
  const usable = { ...rules, kpis: rules.kpis.filter((k) => kpiValues[k.kpi] !== undefined) };
  // Period volume = annual volume × period fraction (rounded to cents inside computeBonusMalus).
  const result = computeBonusMalus({
    rules: usable,
    annualVolume: input.annualVolume,
    periodFraction: input.periodFraction,
    kpiValues,
  });
  return {
    kpiValues,
    skipped,
    result,
    notes: skipped.map((s) => `Bonus/Malus ohne „${s.kpi}“: ${s.reason}`),
  };
}
