import type { ServiceReportPricing } from '../billing/service-report.types';
import { Dec, isDecimalString } from '../money/decimal';
import type { DecimalString } from '../money/decimal';
import type { DataIssue } from '../money/data-issues';
import { formatDecimalDe, formatEuroDe, roundCents, toDecimalString, toMoneyString } from '../money/money';
import type { MoneyString } from '../money/money';
import { computeContractVolume, findVariant } from './contract-volume.calculator';
import { ContractInputInvalidError } from './contract.errors';
import type { ContractCalculation, EffortMonth } from './contract.types';

export interface PeriodEffort {
  readonly hours: readonly { readonly rateId: string; readonly hours: DecimalString }[];
  readonly materials: readonly { readonly label: string; readonly cost: MoneyString }[];
}

export interface PeriodCostInput {
  readonly calculation: ContractCalculation;
  readonly variantId: string;
  readonly modules?: readonly string[];
  /** Local dates, `to` exclusive: { from: '2026-02-01', to: '2026-03-01' } is February. */
  readonly period: { readonly from: string; readonly to: string };
  /** Priced service reports of the period; the billable ones (out of scope) are added at their net. */
  readonly serviceReports?: readonly ServiceReportPricing[];
  /**
   * Inspections and maintenance billed separately in the period (not part of the flat fee): one item per fee,
   * with `count` completed occurrences at `unitFee` each when it comes from billed occurrences.
   */
  readonly inspections?: readonly {
    readonly label: string;
    readonly amount: MoneyString;
    readonly count?: number;
    readonly unitFee?: MoneyString;
  }[];
  /** Bonus (> 0) or malus (< 0) of the period, e.g. from `computeBonusMalus`. */
  readonly bonusMalus?: MoneyString;
  /** The provider's effort, valued at the calculation's internal cost rates. */
  readonly effort?: PeriodEffort;
}

export interface PeriodCostLine {
  readonly id: 'flat-fees' | 'out-of-scope-work' | 'inspections' | 'bonus-malus';
  readonly amount: MoneyString;
  readonly derivation: string;
}

export interface PeriodCost {
  readonly from: string;
  readonly to: string;
  /** Share of the contract year: whole months / 12, otherwise days / days of the year. Exact. */
  readonly periodFraction: DecimalString;
  readonly lines: readonly PeriodCostLine[];
  /** What the contract costs the customer in the period = the provider's revenue. */
  readonly total: MoneyString;
  readonly effort?: {
    readonly labour: MoneyString;
    readonly materials: MoneyString;
    readonly total: MoneyString;
    readonly derivation: readonly string[];
  };
  /** revenue − effort. */
  readonly margin?: MoneyString;
  /** margin / revenue × 100, rounded to 2 places; undefined when revenue is 0. */
  readonly marginPercent?: DecimalString;
  /** True when the effort exceeds the revenue: a month the provider must see coming. */
  readonly loss?: boolean;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDate(
  text: string,
  path: string,
  issues: DataIssue[],
): { y: number; m: number; d: number; ms: number } | undefined {
  const m = DATE.exec(text);
  const ms = m === null ? Number.NaN : Date.parse(`${text}T00:00:00Z`);
  if (m === null || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== text) {
    issues.push({ path, message: `expected a date YYYY-MM-DD, got '${text}'` });
    return undefined;
  }
  return { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]), ms };
}

/** The pro-rata share of a year for [from, to) as its fraction: months / 12 or days / days of from's year. */
function periodShare(from: string, to: string): { numerator: number; denominator: number } {
  const issues: DataIssue[] = [];
  const a = parseDate(from, 'period.from', issues);
  const b = parseDate(to, 'period.to', issues);
  if (a === undefined || b === undefined || b.ms <= a.ms) {
    if (a !== undefined && b !== undefined) {
      issues.push({ path: 'period.to', message: `must be after period.from (${from})` });
    }
    throw new ContractInputInvalidError(issues);
  }
  if (a.d === 1 && b.d === 1) return { numerator: (b.y - a.y) * 12 + (b.m - a.m), denominator: 12 };
  const leap = (a.y % 4 === 0 && a.y % 100 !== 0) || a.y % 400 === 0;
  return { numerator: Math.round((b.ms - a.ms) / 86_400_000), denominator: leap ? 366 : 365 };
}

/** Pro-rata share of a year for [from, to): whole calendar months → months / 12; otherwise days / days of from's year. */
export function periodFraction(from: string, to: string): DecimalString {
  const share = periodShare(from, to);
  return toDecimalString(new Dec(share.numerator).div(share.denominator));
}

/** The same share as a reader writes it: "1/12", "3/12", "31/365" (never 0.0833333…). */
export function periodFractionText(from: string, to: string): string {
  const share = periodShare(from, to);
  return `${share.numerator}/${share.denominator}`;
}

/**
 * Cost of a contract in a period: flat fees pro rata + billable (out-of-scope) work + separately billed
 * inspections ± bonus/malus. With `effort`, also the provider's margin = revenue − effort at internal cost
 * rates (hours × hourly cost + material costs). Rounding: the pro-rata flat fee and each effort item are
 * rounded to cents; everything else is an exact sum of cent amounts.
 */
export function computePeriodCost(input: PeriodCostInput): PeriodCost {
  const calc = input.calculation;
  findVariant(calc, input.variantId);
  const fraction = new Dec(periodFraction(input.period.from, input.period.to));
  const volume = computeContractVolume(
    calc,
    input.variantId,
    input.modules === undefined ? {} : { modules: input.modules },
  );
  const annual = new Dec(volume.contractVolume);
  const flat = roundCents(annual.times(fraction));
  const lines: PeriodCostLine[] = [
    {
      id: 'flat-fees',
      amount: toMoneyString(flat),
      derivation: `Pauschale ${formatEuroDe(annual)}/Jahr × ${periodFractionText(input.period.from, input.period.to)} Jahr = ${formatEuroDe(flat)}`,
    },
  ];
  const billable = (input.serviceReports ?? []).filter((r) => r.billable);
  if (billable.length > 0) {
    const sum = billable.reduce((acc, r) => acc.plus(r.net), new Dec(0));
    lines.push({
      id: 'out-of-scope-work',
      amount: toMoneyString(sum),
      derivation: `${billable.length} Leistungsnachweis(e) außerhalb des Vertragsumfangs nach Preisliste (netto): ${billable.map((r) => `${r.orderId} ${formatEuroDe(new Dec(r.net))}`).join(', ')}`,
    });
  }
  const inspections = input.inspections ?? [];
  if (inspections.length > 0) {
    const issues: DataIssue[] = [];
    inspections.forEach((i, n) => {
      if (!isDecimalString(i.amount)) {
        issues.push({
          path: `inspections[${n}].amount`,
          message: `expected a decimal string, got '${String(i.amount)}'`,
        });
      }
      if (i.unitFee !== undefined && !isDecimalString(i.unitFee)) {
        issues.push({
          path: `inspections[${n}].unitFee`,
          message: `expected a decimal string, got '${String(i.unitFee)}'`,
        });
      }
    });
    if (issues.length > 0) throw new ContractInputInvalidError(issues);
    const sum = inspections.reduce((acc, i) => acc.plus(i.amount), new Dec(0));
    lines.push({
      id: 'inspections',
      amount: toMoneyString(sum),
      derivation: inspections
        .map((i) =>
          i.count === undefined || i.unitFee === undefined
            ? `${i.label} ${formatEuroDe(new Dec(i.amount))}`
            : `${i.label}: ${i.count} × ${formatEuroDe(new Dec(i.unitFee))} = ${formatEuroDe(new Dec(i.amount))}`,
        )
        .join('; '),
    });
  }
  if (input.bonusMalus !== undefined) {
    if (!isDecimalString(input.bonusMalus)) {
      throw new ContractInputInvalidError([
        { path: 'bonusMalus', message: `expected a decimal string, got '${String(input.bonusMalus)}'` },
      ]);
    }
    const bm = new Dec(input.bonusMalus);
    lines.push({
      id: 'bonus-malus',
      amount: toMoneyString(bm),
      derivation: `${bm.isNegative() ? 'Malus' : 'Bonus'} ${formatEuroDe(bm)}`,
    });
  }
  const total = lines.reduce((acc, l) => acc.plus(l.amount), new Dec(0));
  const base = {
    from: input.period.from,
    to: input.period.to,
    periodFraction: toDecimalString(fraction),
    lines,
    total: toMoneyString(total),
  };
  if (input.effort === undefined) {
    return base;
  }
  const rates = new Map((calc.internalCostRates ?? []).map((r) => [r.id, r]));
  const issues: DataIssue[] = [];
  let labour = new Dec(0);
  let materials = new Dec(0);
  const derivation: string[] = [];
  input.effort.hours.forEach((h, i) => {
    const rate = rates.get(h.rateId);
    if (rate === undefined || !isDecimalString(h.hours)) {
      issues.push({
        path: `effort.hours[${i}]`,
        message: `unknown internal cost rate '${h.rateId}' or hours not a decimal string`,
      });
      return;
    }
    const cost = roundCents(new Dec(h.hours).times(rate.hourlyCost));
    labour = labour.plus(cost);
    derivation.push(
      `${formatDecimalDe(new Dec(h.hours))} h × ${formatEuroDe(new Dec(rate.hourlyCost))} ${rate.label} = ${formatEuroDe(cost)}`,
    );
  });
  input.effort.materials.forEach((m, i) => {
    if (!isDecimalString(m.cost)) {
      issues.push({
        path: `effort.materials[${i}].cost`,
        message: `expected a decimal string, got '${String(m.cost)}'`,
      });
      return;
    }
    materials = materials.plus(m.cost);
    derivation.push(`${m.label} ${formatEuroDe(new Dec(m.cost))}`);
  });
  if (issues.length > 0) {
    throw new ContractInputInvalidError(issues);
  }
  const effortTotal = labour.plus(materials);
  const margin = total.minus(effortTotal);
  return {
    ...base,
    effort: {
      labour: toMoneyString(labour),
      materials: toMoneyString(materials),
      total: toMoneyString(effortTotal),
      derivation,
    },
    margin: toMoneyString(margin),
    ...(total.isZero()
      ? {}
      : { marginPercent: toDecimalString(margin.div(total).times(100).toDecimalPlaces(2, Dec.ROUND_HALF_UP)) }),
    loss: margin.isNegative(),
  };
}

/** Revenue vs effort for every month of the calculation's effort plan (seed 000: does February make a loss?). */
export function computeMonthlyMargins(calc: ContractCalculation): readonly (PeriodCost & { readonly month: string })[] {
  const plan = calc.effortPlan;
  if (plan === undefined) {
    throw new ContractInputInvalidError([{ path: 'effortPlan', message: 'the calculation has no effort plan' }]);
  }
  return plan.months.map((m: EffortMonth) => {
    const [y = '1970', mo = '01'] = m.month.split('-');
    const nextMonth = Number(mo) === 12 ? `${Number(y) + 1}-01` : `${y}-${String(Number(mo) + 1).padStart(2, '0')}`;
    const cost = computePeriodCost({
      calculation: calc,
      variantId: plan.variantId,
      period: { from: `${m.month}-01`, to: `${nextMonth}-01` },
      effort: { hours: m.hours, materials: m.materials },
    });
    return { month: m.month, ...cost };
  });
}
