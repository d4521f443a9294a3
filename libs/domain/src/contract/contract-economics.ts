import { Dec } from '../money/decimal';
import { roundCents, toMoneyString } from '../money/money';
import type { MoneyString } from '../money/money';
import { computeContractVolume } from './contract-volume.calculator';
import type { ContractVolume } from './contract-volume.calculator';
import type { ContractCalculation, ContractLineItem } from './contract.types';
import { computeMonthlyMargins } from './period-cost.calculator';
import type { PeriodCost } from './period-cost.calculator';

/*
 * A contract's economics from its calculation document: each offer variant's annual volume computed from
 * its line items next to the figures the source states (and their differences — seed 002's 2,421,000 €
 * computed against the stated 2.36 M€), the revenue-against-effort months of a flat rate (seed 000), and —
 * when the calculation offers several contract types — the contract year's actual call-outs and inspections
 * repriced under each type (seed 001: which would have been cheaper than the planned 14,970 / 18,240 /
 * 21,600 €).
 */

/** What a contract year actually used: the assets the calculation prices, the call-outs and inspections done. */
export interface ContractYearActuals {
  /** 'YYYY-MM-DD' … 'YYYY-MM-DD' (end exclusive). */
  readonly from: string;
  readonly to: string;
  readonly assets: number;
  /** Fault tickets on those assets in the year (each one call-out). */
  readonly callOuts: number;
  /** Completed statutory inspections of those assets in the year. */
  readonly inspections: number;
}

export interface RepricedLine {
  readonly id: string;
  readonly label: string;
  readonly kind: ContractLineItem['kind'];
  readonly planned: MoneyString;
  readonly actual: MoneyString;
  /** How the actual amount follows from the year's usage, e.g. "288 Einsätze × 147,50 €". */
  readonly basis: {
    readonly quantity: string;
    readonly unit: 'asset-months' | 'call-outs' | 'inspections' | 'flat';
    readonly unitPrice?: MoneyString;
  };
}

export interface RepricedVariant {
  readonly variantId: string;
  readonly label: string;
  /** The variant's computed annual volume as planned (the calculation's assets and expected usage). */
  readonly planned: MoneyString;
  /** The same lines with the year's actual assets, call-outs and inspections. */
  readonly actual: MoneyString;
  readonly lines: readonly RepricedLine[];
  readonly cheapest: boolean;
}

export interface ContractTypeComparison {
  readonly actuals: ContractYearActuals;
  readonly variants: readonly RepricedVariant[];
  /** The variant with the lowest actual amount (the first on a tie). */
  readonly cheapestVariantId: string;
}

export interface ContractEconomics {
  readonly calculationId: string;
  readonly name: string;
  readonly areaM2?: string;
  readonly variants: readonly (ContractVolume & { readonly label: string })[];
  /** Revenue against effort per month of the effort plan (flat-rate contracts; loss months flagged). */
  readonly monthlyMargins?: readonly (PeriodCost & { readonly month: string })[];
  readonly comparison?: ContractTypeComparison;
}

export function contractEconomics(calc: ContractCalculation, actuals?: ContractYearActuals): ContractEconomics {
  const variants = calc.variants.map((v) => ({ ...computeContractVolume(calc, v.id), label: v.label }));
  return {
    calculationId: calc.id,
    name: calc.name,
    ...(calc.areaM2 === undefined ? {} : { areaM2: calc.areaM2 }),
    variants,
    ...(calc.effortPlan === undefined ? {} : { monthlyMargins: computeMonthlyMargins(calc) }),
    ...(actuals === undefined || calc.variants.length < 2 ? {} : { comparison: compareContractTypes(calc, actuals) }),
  };
}

/**
 * Reprices every variant with the year's usage: per-asset fees × the actual assets × 12 (or × 1 per year),
 * call-outs × the variant's price of one call-out (travel flat + rate × hours), inspections × the fee per
 * inspection; lump sums, personnel and tasks as planned. Optional modules count (as the planned volume).
 */
export function compareContractTypes(calc: ContractCalculation, actuals: ContractYearActuals): ContractTypeComparison {
  const assets = new Dec(actuals.assets);
  const repriced = calc.variants.map((variant) => {
    const volume = computeContractVolume(calc, variant.id);
    const lines: RepricedLine[] = variant.lineItems.map((item) => {
      const planned = volume.lines.find((l) => l.id === item.id)?.annual ?? '0.00';
      const base = { id: item.id, label: item.label, kind: item.kind, planned };
      switch (item.kind) {
        case 'perAsset': {
          const months = item.per === 'month' ? 12 : 1;
          const quantity = assets.times(months);
          return {
            ...base,
            actual: toMoneyString(roundCents(new Dec(item.feePerAsset).times(quantity))),
            basis: {
              quantity: quantity.toString(),
              unit: item.per === 'month' ? 'asset-months' : 'flat',
              unitPrice: item.feePerAsset,
            },
          };
        }
        case 'callOuts': {
          const one = roundCents(new Dec(item.travelFlat).plus(new Dec(item.hourlyRate).times(item.hoursPerCallOut)));
          return {
            ...base,
            actual: toMoneyString(roundCents(one.times(actuals.callOuts))),
            basis: { quantity: String(actuals.callOuts), unit: 'call-outs', unitPrice: toMoneyString(one) },
          };
        }
        case 'inspection':
          return {
            ...base,
            actual: toMoneyString(roundCents(new Dec(item.feePerAsset).times(actuals.inspections))),
            basis: { quantity: String(actuals.inspections), unit: 'inspections', unitPrice: item.feePerAsset },
          };
        case 'lumpSum':
        case 'personnel':
        case 'task':
          return { ...base, actual: planned, basis: { quantity: '1', unit: 'flat' } };
      }
    });
    const actual = lines.reduce((sum, l) => sum.plus(l.actual), new Dec(0));
    return {
      variantId: variant.id,
      label: variant.label,
      planned: volume.annualTotal,
      actual: toMoneyString(actual),
      lines,
    };
  });
  let cheapest = repriced[0];
  for (const r of repriced) if (cheapest === undefined || new Dec(r.actual).lt(cheapest.actual)) cheapest = r;
  return {
    actuals,
    variants: repriced.map((r) => ({ ...r, cheapest: r === cheapest })),
    cheapestVariantId: cheapest?.variantId ?? '',
  };
}
