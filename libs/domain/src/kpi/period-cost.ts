import { DEFAULT_SERVICE_REPORT_CHOICES, ticketServiceReport } from '../billing';
import type { PriceList, ServiceReportChoices, ServiceReportPricing, TicketBillingFacts } from '../billing';
import { computeInspectionBand } from '../contract/contract-volume.calculator';
import { computePeriodCost } from '../contract/period-cost.calculator';
import type { PeriodCost, PeriodEffort } from '../contract/period-cost.calculator';
import type { ContractCalculation } from '../contract/contract.types';
import { Dec } from '../money/decimal';
import type { DecimalString } from '../money/decimal';
import { formatEuroDe, roundCents, toDecimalString, toMoneyString } from '../money/money';
import type { MoneyString } from '../money/money';

/*
 * What a contract costs in one period: the flat fee pro rata, the out-of-scope tickets priced by the
 * contract's price list (one service report each), the bonus/malus, and — with internal cost rates —
 * the provider's effort and margin.
 */

/**
 * An out-of-scope ticket of the contract billed in the period: its logged work and material, its site
 * (with distance and travel zone) and the choices made on its service report — priced exactly as
 * `GET /api/tickets/:id/service-report` prices it (ticketServiceReport).
 */
export interface BillableTicket {
  readonly ticketId: string;
  readonly number: string;
  readonly site: TicketBillingFacts['site'];
  readonly work: TicketBillingFacts['work'];
  readonly materials: TicketBillingFacts['materials'];
  /** The report's stored choices; the defaults when none were made. */
  readonly choices?: ServiceReportChoices;
}

export interface ServiceReportCost {
  readonly ticketId: string;
  readonly ticket: string;
  readonly net: MoneyString;
  readonly billable: boolean;
  readonly lines: readonly { readonly key: string; readonly amount: MoneyString; readonly explanation: string }[];
  readonly error?: string;
}

export interface PricedServiceReports {
  readonly serviceReports: readonly ServiceReportCost[];
  readonly priced: readonly ServiceReportPricing[];
  readonly notes: readonly string[];
}

/** Prices each out-of-scope ticket as a service report; one that cannot be priced is listed with its error. */
export function priceBillableTickets(
  billable: readonly BillableTicket[],
  priceList: PriceList | null,
  priceListProblem?: string,
): PricedServiceReports {
  const serviceReports: ServiceReportCost[] = [];
  const priced: ServiceReportPricing[] = [];
  const notes: string[] = [];
  if (priceList === null) {
    if (billable.length > 0) {
      notes.push(
        `${billable.length} Ticket(s) außerhalb des Umfangs, aber ${priceListProblem ?? 'keine Preisliste am Vertrag'}: nicht bepreist`,
      );
    }
    return { serviceReports, priced, notes };
  }
  for (const b of billable) {
    const facts: TicketBillingFacts = {
      ticketNumber: b.number,
      hasContract: true,
      inScope: false,
      site: b.site,
      work: b.work,
      materials: b.materials,
    };
    const { pricing: p, problems } = ticketServiceReport(facts, b.choices ?? DEFAULT_SERVICE_REPORT_CHOICES, priceList);
    if (p !== null) {
      priced.push(p);
      serviceReports.push({
        ticketId: b.ticketId,
        ticket: b.number,
        net: p.net,
        billable: p.billable,
        lines: p.lines.map((l) => ({ key: l.key, amount: l.amount, explanation: l.explanation })),
      });
    } else {
      serviceReports.push({
        ticketId: b.ticketId,
        ticket: b.number,
        net: '0.00',
        billable: false,
        lines: [],
        error: problems.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; '),
      });
      notes.push(`Ticket ${b.number}: Leistungsnachweis nicht bepreisbar`);
    }
  }
  return { serviceReports, priced, notes };
}

export type InternalCostRates = ContractCalculation['internalCostRates'];

/**
 * The provider's effort of the period at the internal cost rates: logged ms per price-list role booked on
 * the rate of the same id (else the first rate), in hours to 6 places, plus the material cost. Undefined
 * (and a note) without rates.
 */
export function periodEffort(
  rates: InternalCostRates,
  msByRole: ReadonlyMap<string, number>,
  materialCost: MoneyString,
): { readonly effort?: PeriodEffort; readonly notes: readonly string[] } {
  const list = rates ?? [];
  if (list.length === 0) {
    return { notes: ['Keine internen Kostensätze im Vertrag (economics.internalCostRates): keine Marge'] };
  }
  const byRate = new Map<string, number>();
  for (const [role, ms] of msByRole) {
    const rate = list.find((r) => r.id === role) ?? list[0];
    if (rate !== undefined) byRate.set(rate.id, (byRate.get(rate.id) ?? 0) + ms);
  }
  const hours: { rateId: string; hours: DecimalString }[] = [];
  for (const [rateId, ms] of byRate) {
    hours.push({ rateId, hours: toDecimalString(new Dec(ms).div(3_600_000).toDecimalPlaces(6, Dec.ROUND_HALF_UP)) });
  }
  return {
    effort: {
      hours,
      materials: new Dec(materialCost).isZero() ? [] : [{ label: 'Material (Einstandspreis)', cost: materialCost }],
    },
    notes: [],
  };
}

/** A completed occurrence of a requirement that carries a fee (billed on top of the flat fee). */
export interface BilledOccurrence {
  readonly occurrenceId: string;
  readonly requirementId: string;
  /** The requirement's title, e.g. 'Prüfung Aufzug durch ZÜS (BetrSichV)'. */
  readonly title: string;
  readonly kind: 'regular' | 'main' | 'intermediate';
  readonly assetCode: string | null;
  /** Local date of the completion: the occurrence is billed in the period that contains it. */
  readonly completedOn: string;
  /** The requirement's fee per completed occurrence. */
  readonly fee: MoneyString;
}

/** One cost item per requirement title, kind and fee: count × fee. */
export interface OccurrenceFeeItem {
  readonly label: string;
  readonly count: number;
  readonly unitFee: MoneyString;
  readonly amount: MoneyString;
  /** The occurrences billed, by completion date. */
  readonly occurrenceIds: readonly string[];
}

const KIND_LABEL: Record<BilledOccurrence['kind'], string> = {
  regular: '',
  main: ' — Hauptprüfung',
  intermediate: ' — Zwischenprüfung',
};

/**
 * The fees of the occurrences completed in the period, grouped by requirement title, kind and fee (so "6 ×
 * 400,00 €" reads as one item); each item's amount is an exact sum of cent amounts. Items by label.
 */
export function billedOccurrenceFees(occurrences: readonly BilledOccurrence[]): readonly OccurrenceFeeItem[] {
  const items = new Map<string, { label: string; fee: Dec; ids: { id: string; on: string }[] }>();
  for (const o of occurrences) {
    const fee = roundCents(new Dec(o.fee));
    const label = `${o.title}${KIND_LABEL[o.kind]}`;
    const key = `${label}\u0000${toMoneyString(fee)}`;
    const item = items.get(key) ?? { label, fee, ids: [] };
    item.ids.push({ id: o.occurrenceId, on: o.completedOn });
    items.set(key, item);
  }
  return [...items.values()]
    .sort((a, b) => a.label.localeCompare(b.label, 'de') || a.fee.comparedTo(b.fee))
    .map((i) => ({
      label: i.label,
      count: i.ids.length,
      unitFee: toMoneyString(i.fee),
      amount: toMoneyString(i.fee.times(i.ids.length)),
      occurrenceIds: i.ids
        .sort((a, b) => (a.on === b.on ? (a.id < b.id ? -1 : 1) : a.on < b.on ? -1 : 1))
        .map((x) => x.id),
    }));
}

/**
 * An inspection cost band of the contract calculation shown next to the billed fees (seed 001: the source
 * states 300–550 €/lift/year, the inspection cycles give 250–400 €/lift/year; the contract bills 400 €/lift/year):
 * both bands per asset and year, and for the `assets` of this contract.
 */
export interface InspectionBandView {
  readonly id: string;
  readonly label: string;
  readonly assets: number;
  readonly statedPerAssetYear: { readonly min: MoneyString; readonly max: MoneyString } | null;
  readonly computedPerAssetYear: { readonly min: MoneyString; readonly max: MoneyString };
  readonly statedYear: { readonly min: MoneyString; readonly max: MoneyString } | null;
  readonly computedYear: { readonly min: MoneyString; readonly max: MoneyString };
  readonly derivation: readonly string[];
}

const range = (r: { readonly min: MoneyString; readonly max: MoneyString }): string =>
  `${formatEuroDe(new Dec(r.min))} – ${formatEuroDe(new Dec(r.max))}`;
const times = (r: { readonly min: MoneyString; readonly max: MoneyString }, n: number) => ({
  min: toMoneyString(new Dec(r.min).times(n)),
  max: toMoneyString(new Dec(r.max).times(n)),
});

/** The inspection bands of a contract calculation for `assets` assets of this contract (see InspectionBandView). */
export function inspectionBandViews(
  calc: Pick<ContractCalculation, 'inspectionBands' | 'assetGroups'> | null,
  assets: number,
): readonly InspectionBandView[] {
  const bands = calc?.inspectionBands ?? [];
  return bands.map((band) => {
    const r = computeInspectionBand(calc as ContractCalculation, band.id);
    const stated = r.statedPerAssetYear ?? null;
    const derivation = [
      ...band.inspections.map(
        (i, n) =>
          `${i.label} alle ${i.cycleMonths} Monate ${formatEuroDe(new Dec(i.feeMin))} – ${formatEuroDe(new Dec(i.feeMax))} → ${range(r.inspections[n]?.perAssetYear ?? { min: '0.00', max: '0.00' })} je Anlage und Jahr`,
      ),
      `aus den Prüfzyklen ${range(r.computedPerAssetYear)} je Anlage und Jahr × ${assets} = ${range(times(r.computedPerAssetYear, assets))}`,
      ...(stated === null
        ? []
        : [
            `laut Quelle ${range(stated)} je Anlage und Jahr × ${assets} = ${range(times(stated, assets))} (weicht von den Prüfzyklen ab)`,
          ]),
    ];
    return {
      id: band.id,
      label: band.label,
      assets,
      statedPerAssetYear: stated,
      computedPerAssetYear: r.computedPerAssetYear,
      statedYear: stated === null ? null : times(stated, assets),
      computedYear: times(r.computedPerAssetYear, assets),
      derivation,
    };
  });
}

export interface ContractPeriodCostInput {
  readonly contract: {
    readonly id: string;
    readonly name: string;
    readonly annualVolume: MoneyString;
    readonly internalCostRates: InternalCostRates;
  };
  /** Local dates, `to` exclusive. */
  readonly period: { readonly from: string; readonly to: string };
  readonly serviceReports: readonly ServiceReportPricing[];
  /** Fees of the occurrences completed in the period (see billedOccurrenceFees). */
  readonly occurrenceFees?: readonly OccurrenceFeeItem[];
  readonly bonusMalus?: MoneyString;
  readonly effort?: PeriodEffort;
}

/** The contract as a one-line calculation (the annual volume as a lump sum) priced for the period. */
export function computeContractPeriodCost(input: ContractPeriodCostInput): PeriodCost {
  const { contract } = input;
  const calculation: ContractCalculation = {
    schemaVersion: 1,
    id: contract.id,
    name: contract.name,
    currency: 'EUR',
    assetGroups: [],
    variants: [
      {
        id: 'contract',
        label: 'Vertragsvolumen',
        volumeBasis: 'computed',
        lineItems: [
          { kind: 'lumpSum', id: 'annual-volume', label: 'Jahresvolumen', amount: contract.annualVolume, per: 'year' },
        ],
      },
    ],
    ...(contract.internalCostRates === undefined ? {} : { internalCostRates: contract.internalCostRates }),
  };
  return computePeriodCost({
    calculation,
    variantId: 'contract',
    period: input.period,
    serviceReports: input.serviceReports,
    ...(input.occurrenceFees === undefined || input.occurrenceFees.length === 0
      ? {}
      : {
          inspections: input.occurrenceFees.map((f) => ({
            label: f.label,
            amount: f.amount,
            count: f.count,
            unitFee: f.unitFee,
          })),
        }),
    ...(input.bonusMalus === undefined ? {} : { bonusMalus: input.bonusMalus }),
    ...(input.effort === undefined ? {} : { effort: input.effort }),
  });
}
