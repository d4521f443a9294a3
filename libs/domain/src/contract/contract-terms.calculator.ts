import { Dec, isDecimalString } from '../money/decimal';
import type { DecimalString } from '../money/decimal';
import { formatEuroDe, toDecimalString, toMoneyString } from '../money/money';
import type { MoneyString } from '../money/money';
import { ContractInputInvalidError } from './contract.errors';
import type { ContractCalculation } from './contract.types';

export interface CapexGateDecision {
  readonly amount: MoneyString;
  readonly threshold: MoneyString;
  /** True when the single measure is at or above the threshold: quote + approval before work. */
  readonly approvalRequired: boolean;
  readonly explanation: string;
}

/** Capex gate (seed 002): a single measure ≥ threshold (5,000.00 €) needs a quote and an approval before work. */
export function checkCapexGate(
  gate: { readonly thresholdNet: MoneyString; readonly label: string },
  measureNet: MoneyString,
): CapexGateDecision {
  if (!isDecimalString(measureNet) || measureNet.startsWith('-')) {
    throw new ContractInputInvalidError([
      { path: 'measureNet', message: `expected a non-negative decimal string, got '${String(measureNet)}'` },
    ]);
  }
  const amount = new Dec(measureNet);
  const threshold = new Dec(gate.thresholdNet);
  const approvalRequired = amount.gte(threshold);
  return {
    amount: toMoneyString(amount),
    threshold: toMoneyString(threshold),
    approvalRequired,
    explanation: approvalRequired
      ? `${formatEuroDe(amount)} ≥ ${formatEuroDe(threshold)}: ${gate.label} — Angebot und Freigabe vor Beginn der Arbeiten erforderlich`
      : `${formatEuroDe(amount)} < ${formatEuroDe(threshold)}: keine Freigabe erforderlich`,
  };
}

/**
 * Downtime an availability target allows in a period: (1 − targetShare) × periodHours, exact.
 * 99.5 % (share "0.995"): 365 d = 8760 h → 43.8 h; 30 d = 720 h → 3.6 h; 31 d = 744 h → 3.72 h.
 */
export function allowedDowntime(targetShare: DecimalString, periodHours: DecimalString): DecimalString {
  if (!isDecimalString(targetShare) || new Dec(targetShare).lt(0) || new Dec(targetShare).gt(1)) {
    throw new ContractInputInvalidError([
      { path: 'targetShare', message: `expected a share between 0 and 1, got '${String(targetShare)}'` },
    ]);
  }
  if (!isDecimalString(periodHours) || periodHours.startsWith('-')) {
    throw new ContractInputInvalidError([
      { path: 'periodHours', message: `expected non-negative hours, got '${String(periodHours)}'` },
    ]);
  }
  return toDecimalString(new Dec(1).minus(targetShare).times(periodHours));
}

/** Hours of a 24/7 period of `days` days, e.g. 365 → "8760". */
export function hoursOfDays(days: number): DecimalString {
  return toDecimalString(new Dec(days).times(24));
}

/** A percentage target ("99.5") as a share ("0.995"). */
export function percentToShare(percent: DecimalString): DecimalString {
  return toDecimalString(new Dec(percent).div(100));
}

/**
 * Cumulative energy-saving target of a contract year in percent of the base year: the yearly reduction
 * counts from the first target year (seed 002: base 2025, −1 % per year from 2027 → 2031: −5 %).
 * Before the first target year: 0; after the last: the last year's target.
 */
export function energySavingTarget(kpi: NonNullable<ContractCalculation['energyKpi']>, year: number): DecimalString {
  const years = Math.max(0, Math.min(year, kpi.lastTargetYear) - kpi.firstTargetYear + 1);
  return toDecimalString(new Dec(kpi.reductionPercentPerYear).times(years));
}
