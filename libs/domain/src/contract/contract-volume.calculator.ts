import { Dec } from '../money/decimal';
import type { DecimalString } from '../money/decimal';
import { formatDecimalDe, formatEuroDe, roundCents, toDecimalString, toMoneyString } from '../money/money';
import type { MoneyString } from '../money/money';
import { ContractInputInvalidError } from './contract.errors';
import type { BillingPeriod, ContractCalculation, ContractLineItem, ContractVariant } from './contract.types';

/**
 * Annual contract volume of one variant from its line items, with the stated-vs-computed checks.
 * Rounding: each line's annual amount (and its per-period / per-unit amount) is rounded half-up to cents;
 * totals are exact sums of the rounded lines; €/m²·a is rounded to cents.
 */
export interface ContractVolumeLine {
  readonly id: string;
  readonly label: string;
  readonly kind: ContractLineItem['kind'];
  readonly group?: string;
  readonly module?: string;
  readonly annual: MoneyString;
  /** Amount per billing period of the line (e.g. 720.00 per month for 6 lifts × 120.00). */
  readonly perPeriod?: { readonly amount: MoneyString; readonly per: BillingPeriod };
  /** Price of one unit (one asset and period, one call-out, one inspection). */
  readonly perUnit?: { readonly amount: MoneyString; readonly unit: string };
  /** For a defined task with an agreed price: the list price per year (hours × rate). */
  readonly listAnnual?: MoneyString;
  readonly derivation: string;
}

export interface ReconciliationCheck {
  readonly id: string;
  readonly label: string;
  readonly stated: DecimalString;
  readonly computed: DecimalString;
  /** stated − computed. */
  readonly difference: DecimalString;
  readonly matches: boolean;
}

export interface ContractVolume {
  readonly calculationId: string;
  readonly variantId: string;
  readonly lines: readonly ContractVolumeLine[];
  /** Σ line items per year (computed). */
  readonly annualTotal: MoneyString;
  readonly groupTotals: readonly { readonly group: string; readonly annual: MoneyString }[];
  /** Σ heads of personnel lines, when there are any. */
  readonly fte?: DecimalString;
  /** annualTotal / areaM2, rounded to cents, when the calculation has an area. */
  readonly perM2Year?: MoneyString;
  readonly volumeBasis: ContractVariant['volumeBasis'];
  /** The contract's price per year: the computed total or the stated total (per `volumeBasis`). */
  readonly contractVolume: MoneyString;
  readonly checks: readonly ReconciliationCheck[];
  /** The checks that do not match: what the system shows instead of hiding it. */
  readonly differences: readonly ReconciliationCheck[];
}

const TWELVE = new Dec(12);

function periodsPerYear(per: BillingPeriod): Dec {
  return per === 'month' ? TWELVE : new Dec(1);
}

export function findVariant(calc: ContractCalculation, variantId: string): ContractVariant {
  const v = calc.variants.find((x) => x.id === variantId);
  if (v === undefined) {
    throw new ContractInputInvalidError([
      {
        path: 'variantId',
        message: `unknown variant '${variantId}' (variants: ${calc.variants.map((x) => x.id).join(', ')})`,
      },
    ]);
  }
  return v;
}

function assetCount(calc: ContractCalculation, groupIds: readonly string[] | undefined): Dec {
  let n = new Dec(0);
  for (const g of calc.assetGroups) {
    if (groupIds === undefined || groupIds.includes(g.id)) {
      n = n.plus(g.count);
    }
  }
  return n;
}

function perText(per: BillingPeriod): string {
  return per === 'month' ? '12 Monate' : '1 Jahr';
}

function lineVolume(
  calc: ContractCalculation,
  item: ContractLineItem,
): Omit<ContractVolumeLine, 'id' | 'label' | 'kind'> {
  switch (item.kind) {
    case 'perAsset': {
      const n = assetCount(calc, item.assetGroupIds);
      const fee = new Dec(item.feePerAsset);
      const perPeriod = roundCents(fee.times(n));
      const annual = roundCents(fee.times(n).times(periodsPerYear(item.per)));
      return {
        annual: toMoneyString(annual),
        perPeriod: { amount: toMoneyString(perPeriod), per: item.per },
        perUnit: { amount: toMoneyString(fee), unit: item.per === 'month' ? 'Anlage/Monat' : 'Anlage/Jahr' },
        derivation: `${formatEuroDe(fee)} × ${formatDecimalDe(n)} Anlagen × ${perText(item.per)} = ${formatEuroDe(annual)}`,
      };
    }
    case 'lumpSum': {
      const amount = new Dec(item.amount);
      const annual = roundCents(amount.times(periodsPerYear(item.per)));
      return {
        annual: toMoneyString(annual),
        perPeriod: { amount: toMoneyString(amount), per: item.per },
        derivation:
          item.per === 'month'
            ? `${formatEuroDe(amount)} × 12 Monate = ${formatEuroDe(annual)}`
            : `${formatEuroDe(annual)} pauschal je Jahr`,
      };
    }
    case 'personnel': {
      const cost = new Dec(item.employerCost);
      const overhead = roundCents(cost.times(item.overheadPercent).div(100));
      const annual = cost.plus(overhead);
      return {
        annual: toMoneyString(annual),
        derivation: `${formatDecimalDe(new Dec(item.heads))} FTE: AG-Kosten ${formatEuroDe(cost)} + ${formatDecimalDe(new Dec(item.overheadPercent))} % Overhead/Gewinn ${formatEuroDe(overhead)} = ${formatEuroDe(annual)}`,
      };
    }
    case 'callOuts': {
      const n = assetCount(calc, item.assetGroupIds);
      const one = roundCents(new Dec(item.travelFlat).plus(new Dec(item.hourlyRate).times(item.hoursPerCallOut)));
      const count = new Dec(item.callOutsPerAssetPerYear).times(n);
      const annual = roundCents(one.times(count));
      return {
        annual: toMoneyString(annual),
        perUnit: { amount: toMoneyString(one), unit: 'Einsatz' },
        derivation:
          `je Einsatz ${formatEuroDe(new Dec(item.travelFlat))} Anfahrt + ${formatEuroDe(new Dec(item.hourlyRate))}/h × ${formatDecimalDe(new Dec(item.hoursPerCallOut))} h = ${formatEuroDe(one)}; ` +
          `${formatDecimalDe(new Dec(item.callOutsPerAssetPerYear))} Einsätze × ${formatDecimalDe(n)} Anlagen = ${formatDecimalDe(count)} Einsätze → ${formatEuroDe(annual)}`,
      };
    }
    case 'inspection': {
      const n = assetCount(calc, item.assetGroupIds);
      const fee = new Dec(item.feePerAsset);
      const annual = roundCents(fee.times(n).times(12).div(item.cycleMonths));
      return {
        annual: toMoneyString(annual),
        perUnit: { amount: toMoneyString(fee), unit: `Anlage/${item.cycleMonths} Monate` },
        derivation: `${formatEuroDe(fee)} × ${formatDecimalDe(n)} Anlagen × 12 / ${item.cycleMonths} Monate = ${formatEuroDe(annual)}`,
      };
    }
    case 'task': {
      const listPerPeriod = roundCents(new Dec(item.hours).times(item.hourlyRate));
      const listAnnual = roundCents(listPerPeriod.times(periodsPerYear(item.per)));
      const agreed = item.agreedPrice === undefined ? listPerPeriod : new Dec(item.agreedPrice);
      const annual = roundCents(agreed.times(periodsPerYear(item.per)));
      const unit = item.per === 'month' ? 'Monat' : 'Jahr';
      const list = `${formatDecimalDe(new Dec(item.hours))} h × ${formatEuroDe(new Dec(item.hourlyRate))} = ${formatEuroDe(listPerPeriod)}/${unit}`;
      return {
        annual: toMoneyString(annual),
        perPeriod: { amount: toMoneyString(agreed), per: item.per },
        listAnnual: toMoneyString(listAnnual),
        derivation:
          item.agreedPrice === undefined
            ? `${list} → ${formatEuroDe(annual)}/Jahr`
            : `Listenpreis ${list}; im Vertrag ${formatEuroDe(agreed)}/${unit} → ${formatEuroDe(annual)}/Jahr`,
      };
    }
  }
}

function check(id: string, label: string, stated: Dec, computed: Dec, money = true): ReconciliationCheck {
  const fmt = money ? toMoneyString : toDecimalString;
  return {
    id,
    label,
    stated: fmt(stated),
    computed: fmt(computed),
    difference: fmt(stated.minus(computed)),
    matches: stated.eq(computed),
  };
}

/**
 * Computes the annual volume of `variantId` (all its optional modules unless `modules` selects some)
 * and compares it with every figure the source states: the total, €/m²·a (also stated €/m²·a × area
 * against the stated total), line amounts, group subtotals, line shares of the total, FTE.
 */
export function computeContractVolume(
  calc: ContractCalculation,
  variantId: string,
  options: { readonly modules?: readonly string[] } = {},
): ContractVolume {
  const variant = findVariant(calc, variantId);
  const included = variant.lineItems.filter(
    (l) => l.module === undefined || options.modules === undefined || options.modules.includes(l.module),
  );
  const lines: ContractVolumeLine[] = included.map((item) => {
    const v = lineVolume(calc, item);
    return {
      id: item.id,
      label: item.label,
      kind: item.kind,
      ...(item.group === undefined ? {} : { group: item.group }),
      ...(item.module === undefined ? {} : { module: item.module }),
      ...v,
    };
  });
  let total = new Dec(0);
  const groups = new Map<string, Dec>();
  for (const l of lines) {
    total = total.plus(l.annual);
    if (l.group !== undefined) {
      groups.set(l.group, (groups.get(l.group) ?? new Dec(0)).plus(l.annual));
    }
  }
  const personnel = included.filter((l) => l.kind === 'personnel');
  let fte: Dec | undefined;
  for (const p of personnel) {
    fte = (fte ?? new Dec(0)).plus(p.heads);
  }
  const area = calc.areaM2 === undefined ? undefined : new Dec(calc.areaM2);
  const perM2 = area === undefined ? undefined : roundCents(total.div(area));

  const stated = variant.stated;
  const checks: ReconciliationCheck[] = [];
  const statedTotal = stated?.annualTotal === undefined ? undefined : new Dec(stated.annualTotal);
  if (statedTotal !== undefined) {
    checks.push(check('annual-total', 'Jahressumme: genannt vs. Summe der Positionen', statedTotal, total));
  }
  if (stated?.perM2Year !== undefined && perM2 !== undefined && area !== undefined) {
    const statedPerM2 = new Dec(stated.perM2Year);
    checks.push(check('per-m2-year', '€/m²·a: genannt vs. Summe der Positionen / Fläche', statedPerM2, perM2));
    if (statedTotal !== undefined) {
      checks.push(
        check(
          'per-m2-times-area',
          'genannte €/m²·a × Fläche vs. genannte Jahressumme',
          statedPerM2.times(area),
          statedTotal,
        ),
      );
    }
  }
  for (const item of included) {
    const line = lines.find((l) => l.id === item.id);
    if (line === undefined) {
      continue;
    }
    if (item.statedAnnual !== undefined) {
      checks.push(
        check(
          `line:${item.id}`,
          `${item.label}: genannt vs. berechnet`,
          new Dec(item.statedAnnual),
          new Dec(line.annual),
        ),
      );
    }
    if (item.statedSharePercentOfTotal !== undefined && statedTotal !== undefined) {
      checks.push(
        check(
          `share:${item.id}`,
          `${item.label}: ${formatDecimalDe(new Dec(item.statedSharePercentOfTotal))} % der genannten Jahressumme vs. Positionsbetrag`,
          roundCents(statedTotal.times(item.statedSharePercentOfTotal).div(100)),
          new Dec(line.annual),
        ),
      );
    }
  }
  for (const g of stated?.groupTotals ?? []) {
    checks.push(
      check(
        `group:${g.group}`,
        `Summe ${g.group}: genannt vs. berechnet`,
        new Dec(g.annual),
        groups.get(g.group) ?? new Dec(0),
      ),
    );
  }
  if (stated?.fte !== undefined) {
    checks.push(check('fte', 'FTE: genannt vs. Summe der Köpfe', new Dec(stated.fte), fte ?? new Dec(0), false));
  }
  const contractVolume = variant.volumeBasis === 'stated' && statedTotal !== undefined ? statedTotal : total;
  return {
    calculationId: calc.id,
    variantId: variant.id,
    lines,
    annualTotal: toMoneyString(total),
    groupTotals: [...groups].map(([group, annual]) => ({ group, annual: toMoneyString(annual) })),
    ...(fte === undefined ? {} : { fte: toDecimalString(fte) }),
    ...(perM2 === undefined ? {} : { perM2Year: toMoneyString(perM2) }),
    volumeBasis: variant.volumeBasis,
    contractVolume: toMoneyString(contractVolume),
    checks,
    differences: checks.filter((c) => !c.matches),
  };
}

export interface InspectionBandResult {
  readonly bandId: string;
  readonly assets: DecimalString;
  readonly inspections: readonly {
    readonly label: string;
    readonly cycleMonths: number;
    readonly perAssetYear: { readonly min: MoneyString; readonly max: MoneyString };
  }[];
  /** Σ fee × 12 / cycle months per asset and year. */
  readonly computedPerAssetYear: { readonly min: MoneyString; readonly max: MoneyString };
  readonly computedTotalYear: { readonly min: MoneyString; readonly max: MoneyString };
  readonly statedPerAssetYear?: { readonly min: MoneyString; readonly max: MoneyString };
  /** stated per asset and year × assets. */
  readonly statedTotalYear?: { readonly min: MoneyString; readonly max: MoneyString };
  readonly checks: readonly ReconciliationCheck[];
}

/** Inspection cost band per asset and year from inspections with fee ranges and cycles, against the stated band. */
export function computeInspectionBand(calc: ContractCalculation, bandId: string): InspectionBandResult {
  const band = (calc.inspectionBands ?? []).find((b) => b.id === bandId);
  if (band === undefined) {
    throw new ContractInputInvalidError([{ path: 'bandId', message: `unknown inspection band '${bandId}'` }]);
  }
  const n = assetCount(calc, band.assetGroupIds);
  let min = new Dec(0);
  let max = new Dec(0);
  const inspections = band.inspections.map((i) => {
    const lo = roundCents(new Dec(i.feeMin).times(12).div(i.cycleMonths));
    const hi = roundCents(new Dec(i.feeMax).times(12).div(i.cycleMonths));
    min = min.plus(lo);
    max = max.plus(hi);
    return {
      label: i.label,
      cycleMonths: i.cycleMonths,
      perAssetYear: { min: toMoneyString(lo), max: toMoneyString(hi) },
    };
  });
  const checks: ReconciliationCheck[] = [];
  let stated: { min: MoneyString; max: MoneyString } | undefined;
  let statedTotal: { min: MoneyString; max: MoneyString } | undefined;
  if (band.statedPerAssetYear !== undefined) {
    const smin = new Dec(band.statedPerAssetYear.min);
    const smax = new Dec(band.statedPerAssetYear.max);
    stated = { min: toMoneyString(smin), max: toMoneyString(smax) };
    statedTotal = { min: toMoneyString(smin.times(n)), max: toMoneyString(smax.times(n)) };
    checks.push(check('per-asset-year-min', 'Untergrenze je Anlage und Jahr: genannt vs. aus Prüfzyklen', smin, min));
    checks.push(check('per-asset-year-max', 'Obergrenze je Anlage und Jahr: genannt vs. aus Prüfzyklen', smax, max));
  }
  return {
    bandId,
    assets: toDecimalString(n),
    inspections,
    computedPerAssetYear: { min: toMoneyString(min), max: toMoneyString(max) },
    computedTotalYear: { min: toMoneyString(min.times(n)), max: toMoneyString(max.times(n)) },
    ...(stated === undefined ? {} : { statedPerAssetYear: stated }),
    ...(statedTotal === undefined ? {} : { statedTotalYear: statedTotal }),
    checks,
  };
}
