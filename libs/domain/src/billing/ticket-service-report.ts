import { DateTime } from 'luxon';
import { Dec } from '../money/decimal';
import type { DecimalString } from '../money/decimal';
import { roundCents, toMoneyString } from '../money/money';
import type { MoneyString } from '../money/money';
import type { DataIssue } from '../money/data-issues';
import { ServiceReportInvalidError } from './price-list.errors';
import type { PriceList } from './price-list.types';
import { priceServiceReport } from './service-report.pricing';
import type {
  CatalogUse,
  ExternalCost,
  MaterialUse,
  ServiceReport,
  ServiceReportPricing,
  TravelInput,
  WorkInterval,
} from './service-report.types';

/*
 * A ticket's service report (Leistungsnachweis): the facts the desk logged (work, material, site) and the
 * choices made on the report (small-material flat, emergency, maintenance work, travel method, catalogue
 * items, discounts) turned into the pricing engine's ServiceReport, priced by the price-list version valid
 * on the work date.
 *
 * The order flat fee waiver of seed 003 ("Wartungsvertrag, Arbeiten Mo–Do 07:00–17:00") applies only to
 * maintenance work under a maintenance contract — planned work, or work the contract covers — never to an
 * out-of-scope repair: underMaintenanceContract = the ticket has a contract and (it is in scope or the
 * report says maintenance work).
 */

export type ServiceReportWorkType = 'repair' | 'maintenance';
export type TravelMethod = TravelInput['method'];
export const TRAVEL_METHODS: readonly TravelMethod[] = ['distance', 'zone', 'time'];
export const SERVICE_REPORT_WORK_TYPES: readonly ServiceReportWorkType[] = ['repair', 'maintenance'];

/** What the desk chooses on the report; everything else comes from the ticket's logs. */
export interface ServiceReportChoices {
  readonly smallMaterial: boolean;
  readonly emergency: boolean;
  readonly workType: ServiceReportWorkType;
  /** null = chosen from the site and the price list (distance, then zone, then logged travel time). */
  readonly travelMethod: TravelMethod | null;
  readonly catalogItems: readonly CatalogUse[];
  readonly discounts: readonly string[];
}

export const DEFAULT_SERVICE_REPORT_CHOICES: ServiceReportChoices = {
  smallMaterial: false,
  emergency: false,
  workType: 'repair',
  travelMethod: null,
  catalogItems: [],
  discounts: [],
};

export type TicketMaterialKind = 'material' | 'partner' | 'pass_through';

export interface TicketBillingFacts {
  readonly ticketNumber: string;
  readonly hasContract: boolean;
  readonly inScope: boolean;
  readonly site: {
    readonly timeZone: string;
    readonly holidayRegion: string;
    readonly distanceKm: DecimalString | null;
    readonly travelZone: string | null;
  };
  readonly work: readonly WorkInterval[];
  readonly materials: readonly {
    readonly kind: TicketMaterialKind;
    readonly description: string;
    readonly netUnitPrice: MoneyString;
    readonly quantity: DecimalString;
    readonly unit: string;
  }[];
}

/** One version of a price list document: the versions of one list share `data.id`, each has its validFrom. */
export interface PriceListVersion<T = PriceList> {
  readonly validFrom: string;
  readonly priceList: T;
}

/**
 * The version valid on `date` (YYYY-MM-DD): the latest validFrom on or before it; when every version
 * starts later, undefined.
 */
export function priceListVersionOn<V extends { readonly validFrom: string }>(
  versions: readonly V[],
  date: string,
): V | undefined {
  let best: V | undefined;
  for (const v of versions) {
    if (v.validFrom <= date && (best === undefined || v.validFrom > best.validFrom)) best = v;
  }
  return best;
}

/** The local date (site's zone) of the first logged work, else of `fallback`. */
export function workDateOf(work: readonly WorkInterval[], timeZone: string, fallback: Date): string {
  let first: string | undefined;
  for (const w of work) if (first === undefined || w.start < first) first = w.start;
  const at = first === undefined ? DateTime.fromJSDate(fallback) : DateTime.fromISO(first);
  return at.setZone(timeZone).toISODate() ?? at.toUTC().toISODate() ?? '';
}

export type TravelChoice =
  | { readonly travel: TravelInput | undefined; readonly issue?: undefined }
  | { readonly travel: undefined; readonly issue: DataIssue };

/**
 * How travel is billed. A chosen method needs what it bills by (the site's distance or zone, or a time
 * rule); without a choice: the site's distance when the list has distance bands, else its zone when the
 * list has zones, else logged travel time when the list bills time and travel is not work time, else no
 * travel line (seed 003 counts travel as work time and charges the vehicle by distance).
 */
export function travelInputFor(
  priceList: PriceList,
  site: TicketBillingFacts['site'],
  method: TravelMethod | null,
): TravelChoice {
  const t = priceList.travel;
  const distance = (): TravelChoice =>
    site.distanceKm === null
      ? { travel: undefined, issue: { path: 'travelMethod', message: 'the site has no distance (distanceKm)' } }
      : { travel: { method: 'distance', km: site.distanceKm } };
  const zone = (): TravelChoice =>
    site.travelZone === null
      ? { travel: undefined, issue: { path: 'travelMethod', message: 'the site has no travel zone (travelZone)' } }
      : { travel: { method: 'zone', zoneId: site.travelZone } };
  if (method === 'distance') return distance();
  if (method === 'zone') return zone();
  if (method === 'time') return { travel: { method: 'time' } };
  if (t.distance !== undefined && site.distanceKm !== null) return distance();
  if (t.zones !== undefined && site.travelZone !== null) return zone();
  if (t.time !== undefined && !t.countsAsWorkTime) return { travel: { method: 'time' } };
  return { travel: undefined };
}

/** The engine's input for a ticket: its work, material split by kind, travel and the report's choices. */
export function serviceReportOfTicket(
  facts: TicketBillingFacts,
  choices: ServiceReportChoices,
  travel: TravelInput | undefined,
): ServiceReport {
  const materials: MaterialUse[] = [];
  const partnerInvoices: ExternalCost[] = [];
  const passThroughCosts: ExternalCost[] = [];
  for (const m of facts.materials) {
    if (m.kind === 'material') {
      materials.push({ description: m.description, netUnitPrice: m.netUnitPrice, quantity: m.quantity, unit: m.unit });
    } else {
      const net = lineNet(m.netUnitPrice, m.quantity);
      (m.kind === 'partner' ? partnerInvoices : passThroughCosts).push({ description: m.description, net });
    }
  }
  return {
    orderId: facts.ticketNumber,
    work: facts.work,
    materials,
    partnerInvoices,
    passThroughCosts,
    catalogItems: choices.catalogItems,
    smallMaterial: choices.smallMaterial,
    ...(travel === undefined ? {} : { travel }),
    discounts: choices.discounts,
    flags: {
      emergency: choices.emergency,
      underMaintenanceContract: facts.hasContract && (facts.inScope || choices.workType === 'maintenance'),
      inScope: facts.inScope,
    },
  };
}

export interface TicketServiceReport {
  readonly report: ServiceReport;
  readonly pricing: ServiceReportPricing | null;
  /** Why the report cannot be priced, by the field of the choices or facts that causes it. */
  readonly problems: readonly DataIssue[];
}

/** Prices a ticket's report; every problem is returned, never thrown. */
export function ticketServiceReport(
  facts: TicketBillingFacts,
  choices: ServiceReportChoices,
  priceList: PriceList,
): TicketServiceReport {
  const travel = travelInputFor(priceList, facts.site, choices.travelMethod);
  const report = serviceReportOfTicket(facts, choices, travel.travel);
  const problems: DataIssue[] = travel.issue === undefined ? [] : [travel.issue];
  try {
    const pricing = priceServiceReport(report, priceList, facts.site);
    return problems.length === 0 ? { report, pricing, problems } : { report, pricing: null, problems };
  } catch (error) {
    if (error instanceof ServiceReportInvalidError) {
      return { report, pricing: null, problems: [...problems, ...error.issues.map(toChoicePath)] };
    }
    throw error;
  }
}

/** The engine names travel by its input (travel.km, travel.zoneId); the report's choice is travelMethod. */
function toChoicePath(issue: DataIssue): DataIssue {
  return /^travel\.(method|zoneId|km)$/.test(issue.path) ? { ...issue, path: 'travelMethod' } : issue;
}

/** Partner invoices and pass-through costs are logged per unit; their net is rounded to cents once. */
function lineNet(netUnitPrice: MoneyString, quantity: DecimalString): MoneyString {
  return toMoneyString(roundCents(new Dec(netUnitPrice).times(quantity)));
}
