import type { DecimalString } from '../money/decimal';
import type { MoneyString } from '../money/money';

/**
 * A provider's price list as a JSON data file (`libs/demo-data/data/price-lists/*.json`).
 * `parsePriceList(json)` validates such a document and returns this type; the billing engine never
 * contains numbers of a particular provider.
 *
 * Conventions of the file format:
 * - every amount, rate, percentage and distance is a decimal STRING ("82.50", "25", "0.19" is NOT used:
 *   percentages are written in percent, "19"); JSON numbers are only used for counts and minutes;
 * - local times are "HH:MM" in 00:00–24:00 ("24:00" only as an end); weekdays are 'mon' … 'sun';
 * - a window [from, to) is half-open: 08:00–18:00 contains 17:59 but not 18:00;
 * - tiers are closed ranges [from, to] on a grid of `resolution` (0.01 € for prices, 1 km for distances);
 *   the last tier may be open (`to: null`). Consecutive tiers must touch exactly: next.from = to + resolution.
 */
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** "HH:MM", 00:00–24:00. */
export type LocalTime = string;

export interface WeeklyWindow {
  readonly days: readonly Weekday[];
  readonly from: LocalTime;
  readonly to: LocalTime;
}

export interface PriceListRole {
  /** kebab-case id used by service reports, e.g. 'service-technician'. */
  readonly id: string;
  /** German label used in explanations, e.g. 'Kundendiensttechniker'. */
  readonly label: string;
  /** Optional grouping, e.g. 'assembly' (Montage) or 'service' (Kundendienst) in seed 004. */
  readonly category?: string;
  /** Net rate per hour, e.g. "82.50". */
  readonly hourlyRate: MoneyString;
  /** Billed per started N minutes (15 or 30 in the seeds). */
  readonly incrementMinutes: number;
}

export interface TimeBand {
  readonly id: string;
  /** German label, e.g. 'Samstag 09:00–15:00'. */
  readonly label: string;
  /** Surcharge on the hourly rate in percent, "0" for regular hours. */
  readonly surchargePercent: DecimalString;
  /** Weekly windows of this band. Across all bands every minute of the week is covered exactly once. */
  readonly windows: readonly WeeklyWindow[];
  /** When true, the whole local day (00:00–24:00) of a public holiday of the site's state falls into this band. */
  readonly publicHolidays?: boolean;
}

export interface EmergencyRule {
  readonly label: string;
  readonly surchargePercent: DecimalString;
  /** 'max': the higher of band and emergency surcharge applies (seed 004); 'add': both add up. */
  readonly combine: 'max' | 'add';
}

export interface DistanceBand {
  readonly fromKm: DecimalString;
  /** Inclusive upper bound; null = open. */
  readonly toKm: DecimalString | null;
  readonly amount: MoneyString;
}

export interface TravelZone {
  readonly id: string;
  readonly label: string;
  readonly amount: MoneyString;
}

/** What a flat travel charge is counted per. 'day' = distinct local days with work; 'worker-day' = per worker and day. */
export type TravelChargeBasis = 'order' | 'day' | 'worker-day';

export interface TravelRules {
  /** Travel time is work time: travel intervals are billed like on-site work at the role's rate (seed 003). */
  readonly countsAsWorkTime: boolean;
  readonly distance?: {
    readonly label: string;
    readonly chargedPer: TravelChargeBasis;
    /** Distances are rounded half-up to this grid before the lookup ("1" = whole km). */
    readonly resolutionKm: DecimalString;
    readonly bands: readonly DistanceBand[];
  };
  readonly zones?: {
    readonly label: string;
    readonly chargedPer: TravelChargeBasis;
    readonly zones: readonly TravelZone[];
  };
  /** Travel time billed per started period per worker, e.g. 12.00 € per 15 minutes (seed 004). */
  readonly time?: {
    readonly label: string;
    readonly amountPerPeriod: MoneyString;
    readonly periodMinutes: number;
  };
}

export interface FlatFee {
  readonly label: string;
  readonly amount: MoneyString;
}

export interface OrderFlatFee extends FlatFee {
  /**
   * The fee is waived when the work is done under a maintenance contract and every work and travel
   * interval lies inside one of these local windows (never on a public holiday) — seed 003: Mon–Thu 07:00–17:00.
   */
  readonly waiver?: {
    readonly label: string;
    readonly underMaintenanceContract: boolean;
    readonly windows: readonly WeeklyWindow[];
  };
}

export interface QuoteFee extends FlatFee {
  /** The quote fee is credited (billed as 0.00) when the order follows within this many weeks. */
  readonly creditWithinWeeks: number;
}

export interface OverheadTier {
  readonly fromPrice: MoneyString;
  /** Inclusive; null = open ("ab 400,01 €"). */
  readonly toPrice: MoneyString | null;
  readonly overheadPercent: DecimalString;
}

export interface MaterialRules {
  readonly label: string;
  /** Overhead by net unit price (seed 004). Empty: material is billed at its net price. */
  readonly overheadTiers: readonly OverheadTier[];
}

export interface MarkupRule {
  readonly label: string;
  readonly markupPercent: DecimalString;
}

export interface PriceListDiscount {
  /** e.g. 'cash', 'partner', 'prepayment'. */
  readonly id: string;
  readonly label: string;
  /** Percent of the discountable net total (all lines that are not flat-rate items). */
  readonly percent: DecimalString;
}

export interface CatalogItem {
  /** Article number as printed, e.g. '2 01 11'. */
  readonly code: string;
  readonly label: string;
  readonly net: MoneyString;
  /** Gross price as printed in the list; validated against net × (1 + VAT). */
  readonly gross?: MoneyString;
  /** "otherwise billed by time at this role" (seed 004: "ansonsten gelten die Stundensätze nach Punkt 3.21"). */
  readonly fallbackRoleId?: string;
}

export interface PriceList {
  readonly schemaVersion: 1;
  readonly id: string;
  readonly name: string;
  readonly provider?: string;
  readonly source?: string;
  readonly currency: 'EUR';
  readonly validFrom: string;
  /** Free-text notes: interpretations of the source document, corrections made on import. */
  readonly notes?: readonly string[];
  readonly vatPercent: DecimalString;
  readonly roles: readonly PriceListRole[];
  readonly regularHours: readonly WeeklyWindow[];
  readonly timeBands: readonly TimeBand[];
  readonly emergency?: EmergencyRule;
  readonly travel: TravelRules;
  readonly fees: {
    readonly orderFlat?: OrderFlatFee;
    readonly smallMaterialFlat?: FlatFee;
    readonly quote?: QuoteFee;
  };
  readonly material: MaterialRules;
  readonly partnerWork?: MarkupRule;
  readonly passThroughCosts?: MarkupRule;
  readonly discounts: readonly PriceListDiscount[];
  readonly catalog: readonly CatalogItem[];
}
