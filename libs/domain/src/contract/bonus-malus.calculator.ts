import { Dec, isDecimalString } from '../money/decimal';
import type { DecimalString } from '../money/decimal';
import type { DataIssue } from '../money/data-issues';
import { formatDecimalDe, formatEuroDe, roundCents, toDecimalString, toMoneyString } from '../money/money';
import type { MoneyString } from '../money/money';
import { ContractInputInvalidError } from './contract.errors';
import type { BonusMalusRules, KpiRule } from './contract.types';

export interface KpiBonusMalusResult {
  readonly kpi: string;
  readonly label: string;
  readonly value: DecimalString;
  /** Percent of the period's volume this KPI earns (negative = malus), exact. */
  readonly percentOfVolume: DecimalString;
  /** Period volume × percent, rounded half-up to cents. */
  readonly amount: MoneyString;
  readonly derivation: string;
}

export interface BonusMalusResult {
  /** Annual volume × period fraction. */
  readonly periodVolume: MoneyString;
  readonly kpis: readonly KpiBonusMalusResult[];
  /** Σ KPI amounts before the cap. */
  readonly uncapped: MoneyString;
  /** ± cap percent × period volume. */
  readonly cap: MoneyString;
  readonly capped: boolean;
  /** The bonus (> 0) or malus (< 0) of the period. */
  readonly amount: MoneyString;
  readonly derivation: string;
}

function percentFor(rule: KpiRule, value: Dec): { percent: Dec; how: string } {
  if (rule.kind === 'stepped') {
    let percent = new Dec(rule.otherwisePercentOfVolume);
    let how = `unter ${formatDecimalDe(new Dec(rule.steps[0]?.atLeast ?? '0'))}`;
    for (const s of rule.steps) {
      if (value.gte(s.atLeast)) {
        percent = new Dec(s.percentOfVolume);
        how = `Stufe ab ${formatDecimalDe(new Dec(s.atLeast))}`;
      }
    }
    return { percent, how };
  }
  const pts = rule.points;
  const first = pts[0];
  const last = pts[pts.length - 1];
  if (first === undefined || last === undefined) {
    return { percent: new Dec(0), how: 'keine Stützpunkte' };
  }
  if (value.lte(first.value)) {
    return { percent: new Dec(first.percentOfVolume), how: `≤ ${formatDecimalDe(new Dec(first.value))} (Untergrenze)` };
  }
  if (value.gte(last.value)) {
    return { percent: new Dec(last.percentOfVolume), how: `≥ ${formatDecimalDe(new Dec(last.value))} (Obergrenze)` };
  }
  for (let i = 0; i + 1 < pts.length; i += 1) {
    const lo = pts[i];
    const hi = pts[i + 1];
    if (lo !== undefined && hi !== undefined && value.gte(lo.value) && value.lte(hi.value)) {
      const x0 = new Dec(lo.value);
      const x1 = new Dec(hi.value);
      const y0 = new Dec(lo.percentOfVolume);
      const y1 = new Dec(hi.percentOfVolume);
      const percent = y0.plus(y1.minus(y0).times(value.minus(x0)).div(x1.minus(x0)));
      return {
        percent,
        how: `linear zwischen ${formatDecimalDe(x0)} (${formatDecimalDe(y0)} %) und ${formatDecimalDe(x1)} (${formatDecimalDe(y1)} %)`,
      };
    }
  }
  return { percent: new Dec(0), how: 'außerhalb' };
}

/**
 * Bonus/malus of one period. Each KPI's value is mapped to a percentage of the period volume (linear
 * between thresholds, or stepped); each KPI amount is rounded to cents; their sum is capped to
 * ± capPercentOfVolume of the period volume (seed 002: ± 2 % of 2,360,000.00 = ± 47,200.00).
 * periodVolume = annual volume × periodFraction ("1" for a contract year, "1/12" written as a decimal is not
 * exact, so pass e.g. the month's pro-rata volume as annualVolume with fraction "1").
 */
export function computeBonusMalus(input: {
  readonly rules: BonusMalusRules;
  readonly annualVolume: MoneyString;
  readonly periodFraction?: DecimalString;
  readonly kpiValues: Readonly<Record<string, DecimalString>>;
}): BonusMalusResult {
  const issues: DataIssue[] = [];
  if (!isDecimalString(input.annualVolume) || input.annualVolume.startsWith('-')) {
    issues.push({
      path: 'annualVolume',
      message: `expected a non-negative decimal string, got '${String(input.annualVolume)}'`,
    });
  }
  const fractionText = input.periodFraction ?? '1';
  if (!isDecimalString(fractionText) || fractionText.startsWith('-')) {
    issues.push({
      path: 'periodFraction',
      message: `expected a non-negative decimal string, got '${String(fractionText)}'`,
    });
  }
  for (const k of input.rules.kpis) {
    const v = input.kpiValues[k.kpi];
    if (v === undefined || !isDecimalString(v)) {
      issues.push({ path: `kpiValues.${k.kpi}`, message: `missing or not a decimal string: ${String(v)}` });
    }
  }
  if (issues.length > 0) {
    throw new ContractInputInvalidError(issues);
  }
  const volume = roundCents(new Dec(input.annualVolume).times(fractionText));
  let sum = new Dec(0);
  const kpis = input.rules.kpis.map((k): KpiBonusMalusResult => {
    const value = new Dec(input.kpiValues[k.kpi] ?? '0');
    const { percent, how } = percentFor(k.rule, value);
    const amount = roundCents(volume.times(percent).div(100));
    sum = sum.plus(amount);
    return {
      kpi: k.kpi,
      label: k.label,
      value: toDecimalString(value),
      percentOfVolume: toDecimalString(percent),
      amount: toMoneyString(amount),
      derivation: `${k.label} ${formatDecimalDe(value)} ${k.unit}: ${how} → ${formatDecimalDe(percent)} % × ${formatEuroDe(volume)} = ${formatEuroDe(amount)}`,
    };
  });
  const cap = roundCents(volume.times(input.rules.capPercentOfVolume).div(100));
  const amount = Dec.min(cap, Dec.max(cap.negated(), sum));
  const capped = !amount.eq(sum);
  return {
    periodVolume: toMoneyString(volume),
    kpis,
    uncapped: toMoneyString(sum),
    cap: toMoneyString(cap),
    capped,
    amount: toMoneyString(amount),
    derivation: capped
      ? `Summe ${formatEuroDe(sum)} begrenzt auf ± ${formatDecimalDe(new Dec(input.rules.capPercentOfVolume))} % von ${formatEuroDe(volume)} = ${formatEuroDe(amount)}`
      : `Summe ${formatEuroDe(sum)} (innerhalb ± ${formatEuroDe(cap)})`,
  };
}
