import type { DecimalString } from '../money/decimal';
import type { MoneyString } from '../money/money';

/** Travel to/from the site or on-site work. */
export type WorkKind = 'travel' | 'on-site';

/** One time interval of one worker in one role. Instants are ISO-8601 UTC strings ("2024-03-12T09:00:00Z"). */
export interface WorkInterval {
  readonly workerId: string;
  /** Shown in explanations when a report has more than one worker. */
  readonly workerName?: string;
  readonly roleId: string;
  readonly kind: WorkKind;
  readonly start: string;
  readonly end: string;
}

export interface MaterialUse {
  readonly description: string;
  readonly netUnitPrice: MoneyString;
  readonly quantity: DecimalString;
  /** Unit label, default 'Stk'. */
  readonly unit?: string;
}

/** A partner's invoice or a pass-through cost (parking, toll), billed at net + the list's markup. */
export interface ExternalCost {
  readonly description: string;
  readonly net: MoneyString;
}

export interface CatalogUse {
  readonly code: string;
  readonly quantity: DecimalString;
}

export type TravelInput =
  | { readonly method: 'distance'; readonly km: DecimalString }
  | { readonly method: 'zone'; readonly zoneId: string }
  | { readonly method: 'time' };

export interface ServiceReportFlags {
  /** Emergency call-out: the list's emergency surcharge applies (combined with the band as the list says). */
  readonly emergency: boolean;
  /** Work done under a maintenance contract (may waive the order flat fee). */
  readonly underMaintenanceContract: boolean;
  /** In the contract's scope: covered by the contract's flat fee, so the report is priced but not billable. */
  readonly inScope: boolean;
}

/** One order's work as reported by the technicians (Leistungsnachweis). */
export interface ServiceReport {
  readonly orderId: string;
  readonly work: readonly WorkInterval[];
  readonly materials?: readonly MaterialUse[];
  readonly partnerInvoices?: readonly ExternalCost[];
  readonly passThroughCosts?: readonly ExternalCost[];
  readonly catalogItems?: readonly CatalogUse[];
  /** Charge the small-material flat. */
  readonly smallMaterial?: boolean;
  readonly travel?: TravelInput;
  /** A quote preceded the order: the quote fee is charged, or credited when ordered within the list's weeks. */
  readonly quote?: { readonly quotedOn: string; readonly orderedOn: string };
  /** Ids of the price list's discounts granted on this order ('cash', 'partner', 'prepayment'). */
  readonly discounts?: readonly string[];
  readonly flags: ServiceReportFlags;
}

/** Where the work was done: evaluated in the site's time zone with the public holidays of its state. */
export interface SiteCalendar {
  /** IANA zone, e.g. 'Europe/Berlin'. */
  readonly timeZone: string;
  /** e.g. 'DE-BW', 'DE-BY'. */
  readonly holidayRegion: string;
}

export type LineCategory = 'labour' | 'travel' | 'fee' | 'material' | 'partner' | 'passThrough' | 'catalog';
export const LINE_CATEGORIES: readonly LineCategory[] = [
  'labour',
  'travel',
  'fee',
  'material',
  'partner',
  'passThrough',
  'catalog',
];

/**
 * One priced line. `amount` = quantity × unitPrice × (1 + surchargePercent / 100), rounded half-up to
 * cents — except material, where the unit sell price (unitPrice × (1 + overhead)) is rounded to cents
 * first and then multiplied by the quantity (rounded again).
 */
export interface PricedLine {
  readonly category: LineCategory;
  /** Stable key of the line, e.g. 'labour/w1/service-technician/regular'. */
  readonly key: string;
  readonly quantity: DecimalString;
  /** '½ h', '¼ h', 'h', 'Stk', 'pauschal', 'Fahrt', … */
  readonly unit: string;
  readonly unitPrice: DecimalString;
  readonly surchargePercent: DecimalString;
  readonly amount: MoneyString;
  /** False for flat-rate items (fees, travel flats, catalog flats): discounts never apply to them. */
  readonly discountable: boolean;
  /** Readable German derivation, e.g. "3 × ½ h Kundendiensttechniker Di 10:00–11:10 à 82,50 €". */
  readonly explanation: string;
}

export interface AppliedDiscount {
  readonly id: string;
  readonly label: string;
  readonly percent: DecimalString;
  readonly base: MoneyString;
  readonly amount: MoneyString;
  readonly explanation: string;
}

export interface ServiceReportPricing {
  readonly orderId: string;
  readonly priceListId: string;
  readonly currency: 'EUR';
  readonly lines: readonly PricedLine[];
  /** Σ line amounts per category ("0.00" when a category has no lines). */
  readonly subtotals: Readonly<Record<LineCategory, MoneyString>>;
  readonly linesTotal: MoneyString;
  /** Σ amounts of discountable lines (the base every discount is computed on; discounts do not compound). */
  readonly discountableBase: MoneyString;
  readonly discounts: readonly AppliedDiscount[];
  readonly discountTotal: MoneyString;
  /** linesTotal − discountTotal. */
  readonly net: MoneyString;
  readonly vatPercent: DecimalString;
  /** net × VAT rate, rounded half-up to cents. */
  readonly vat: MoneyString;
  readonly gross: MoneyString;
  /** False when the work is in the scope of a maintenance contract (covered by its flat fee). */
  readonly billable: boolean;
  readonly notes: readonly string[];
}
