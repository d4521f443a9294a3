/*
 * The back office (issue 16): a ticket's service report (Leistungsnachweis), priced by its contract's
 * price list. Money and quantities are decimal strings ("197.45"), never numbers.
 */

export const SERVICE_REPORT_WORK_TYPE_VALUES = ['repair', 'maintenance'] as const;
export type ServiceReportWorkTypeValue = (typeof SERVICE_REPORT_WORK_TYPE_VALUES)[number];
export const TRAVEL_METHOD_VALUES = ['distance', 'zone', 'time'] as const;
export type TravelMethodValue = (typeof TRAVEL_METHOD_VALUES)[number];
export const PRICED_LINE_CATEGORY_VALUES = [
  'labour',
  'travel',
  'fee',
  'material',
  'partner',
  'passThrough',
  'catalog',
] as const;
export type PricedLineCategoryValue = (typeof PRICED_LINE_CATEGORY_VALUES)[number];

/** Most catalogue items and discounts a report carries (the lists of seed 004 have far fewer). */
export const SERVICE_REPORT_MAX_CATALOG_ITEMS = 100;
export const SERVICE_REPORT_MAX_DISCOUNTS = 10;

export interface CatalogItemChoice {
  readonly code: string;
  /** Decimal string > 0, e.g. "1" or "2.5". */
  readonly quantity: string;
}

/** What the desk chooses on a report; work and material come from the ticket's logs. */
export interface ServiceReportChoicesView {
  readonly smallMaterial: boolean;
  /** Emergency call-out: the list's emergency surcharge applies (seed 004: +100 %). */
  readonly emergency: boolean;
  /** 'maintenance' may waive the order fee under a contract (seed 003); 'repair' never does. */
  readonly workType: ServiceReportWorkTypeValue;
  /** null = from the site and the price list (distance band, else zone, else logged travel time). */
  readonly travelMethod: TravelMethodValue | null;
  readonly catalogItems: readonly CatalogItemChoice[];
  /** Ids of the price list's discounts (e.g. 'cash', 'partner', 'prepayment'); never applied to flat items. */
  readonly discounts: readonly string[];
}

export type UpdateServiceReportRequest = Partial<ServiceReportChoicesView>;

export interface ServiceReportLineView {
  readonly category: PricedLineCategoryValue;
  readonly key: string;
  readonly quantity: string;
  readonly unit: string;
  readonly unitPrice: string;
  readonly surchargePercent: string;
  readonly amount: string;
  /** False for flat items (fees, travel flats, catalogue items): discounts never apply to them. */
  readonly discountable: boolean;
  /** The derivation in German, e.g. "3 × ½ h Kundendiensttechniker Di 10:00–11:10 à 82,50 €". */
  readonly explanation: string;
}

export interface ServiceReportDiscountView {
  readonly id: string;
  readonly label: string;
  readonly percent: string;
  readonly base: string;
  readonly amount: string;
}

export interface ServiceReportPricingView {
  readonly lines: readonly ServiceReportLineView[];
  readonly subtotals: Readonly<Record<PricedLineCategoryValue, string>>;
  readonly linesTotal: string;
  readonly discounts: readonly ServiceReportDiscountView[];
  readonly discountTotal: string;
  readonly net: string;
  readonly vatPercent: string;
  readonly vat: string;
  readonly gross: string;
  readonly notes: readonly string[];
}

export interface ServiceReportProblem {
  /** The field of the choices (or of the ticket's facts) that keeps the report from being priced. */
  readonly field: string;
  readonly message: string;
}

export interface ServiceReportView {
  readonly ticketId: string;
  readonly ticketNumber: string;
  /** The price-list version valid on the work date; null when the ticket's contract names none. */
  readonly priceList: {
    readonly id: string;
    readonly key: string;
    readonly name: string;
    readonly validFrom: string;
  } | null;
  /** The local date (site's zone) of the first logged work, else of the ticket's creation. */
  readonly workDate: string;
  readonly site: {
    readonly timeZone: string;
    readonly holidayRegion: string;
    readonly distanceKm: string | null;
    readonly travelZone: string | null;
  };
  readonly choices: ServiceReportChoicesView;
  /** The travel the report bills: by the site's distance or zone, by logged time, or none. */
  readonly travel:
    | { readonly method: 'distance'; readonly km: string }
    | { readonly method: 'zone'; readonly zoneId: string }
    | { readonly method: 'time' }
    | null;
  /** In the contract's scope: priced, but covered by the contract's flat fee (not billed). */
  readonly coveredByContract: boolean;
  /** Billed on the next invoice: priced and not covered. */
  readonly billable: boolean;
  readonly pricing: ServiceReportPricingView | null;
  readonly problems: readonly ServiceReportProblem[];
  /** The customer's sign-off; null until signed (then the choices are frozen). */
  readonly signOff: ServiceReportSignOffView | null;
  /** 0 until the first change of the choices; the ETag. */
  readonly version: number;
}

/** One line of a variant's computed annual volume. */
export interface ContractVolumeLineView {
  readonly id: string;
  readonly label: string;
  readonly kind: string;
  readonly group?: string;
  readonly module?: string;
  readonly annual: string;
  readonly derivation: string;
}

/** A figure the calculation states against the one its line items give (difference = stated − computed). */
export interface ReconciliationCheckView {
  readonly id: string;
  readonly label: string;
  readonly stated: string;
  readonly computed: string;
  readonly difference: string;
  readonly matches: boolean;
}

export interface ContractVariantEconomicsView {
  readonly variantId: string;
  readonly label: string;
  readonly lines: readonly ContractVolumeLineView[];
  readonly annualTotal: string;
  readonly groupTotals: readonly { readonly group: string; readonly annual: string }[];
  readonly fte?: string;
  readonly perM2Year?: string;
  readonly volumeBasis: 'computed' | 'stated';
  readonly contractVolume: string;
  readonly checks: readonly ReconciliationCheckView[];
  readonly differences: readonly ReconciliationCheckView[];
}

export interface MonthlyMarginView {
  readonly month: string;
  /** Revenue of the month (flat fee pro rata). */
  readonly total: string;
  readonly effort?: { readonly total: string };
  readonly margin?: string;
  readonly marginPercent?: string;
  readonly loss?: boolean;
}

export interface RepricedVariantView {
  readonly variantId: string;
  readonly label: string;
  readonly planned: string;
  readonly actual: string;
  readonly cheapest: boolean;
  readonly lines: readonly {
    readonly id: string;
    readonly label: string;
    readonly kind: string;
    readonly planned: string;
    readonly actual: string;
    readonly basis: {
      readonly quantity: string;
      readonly unit: 'asset-months' | 'call-outs' | 'inspections' | 'flat';
      readonly unitPrice?: string;
    };
  }[];
}

/** GET /api/contracts/:id/economics — the contract's calculation computed against its stated figures. */
export interface ContractEconomicsView {
  readonly contractId: string;
  readonly contractName: string;
  /** The contract year shown: [anniversary of the start, +1 year). */
  readonly year: { readonly from: string; readonly to: string };
  /**
   * Revenue against effort per month of the contract year up to the current month (the contract's cost roll-up
   * of each month); `loss` flags the months the provider's effort exceeded the revenue. Effort, margin and loss
   * are null without internal cost rates.
   */
  readonly months: readonly {
    readonly month: string;
    readonly revenue: string;
    readonly effort: string | null;
    readonly margin: string | null;
    readonly loss: boolean | null;
  }[];
  /** Why the stored calculation document cannot be read (calculation is then null). */
  readonly calculationProblem?: string;
  /** null when the contract carries no calculation document (economics), or an unreadable one. */
  readonly calculation: {
    readonly id: string;
    readonly name: string;
    readonly areaM2?: string;
    readonly variants: readonly ContractVariantEconomicsView[];
    readonly monthlyMargins?: readonly MonthlyMarginView[];
  } | null;
  /**
   * The contract year's actual call-outs and inspections of every asset the calculation prices (the tenant's
   * contracts sharing this calculation), repriced under each contract type; present when it offers several.
   */
  readonly comparison?: {
    readonly year: { readonly from: string; readonly to: string };
    readonly assets: number;
    readonly callOuts: number;
    readonly inspections: number;
    readonly variants: readonly RepricedVariantView[];
    readonly cheapestVariantId: string;
  };
}

/** Longest signer name and largest signature image (the decoded PNG) a sign-off takes. */
export const SIGNER_NAME_MAX_LENGTH = 200;
export const SIGNATURE_MAX_BYTES = 256 * 1024;
export const SERVICE_REPORT_PDF_LANGUAGES = ['de', 'en'] as const;
export type ServiceReportPdfLanguage = (typeof SERVICE_REPORT_PDF_LANGUAGES)[number];

/** POST /api/tickets/:id/service-report/sign-off, with If-Match of the report's version. */
export interface SignServiceReportRequest {
  /** The customer's name as they typed it. */
  readonly signerName: string;
  /** The drawn signature: `data:image/png;base64,…`, at most SIGNATURE_MAX_BYTES decoded. */
  readonly signature: string;
  /** The language of the PDF stored at sign-off (default 'de'). */
  readonly lang?: ServiceReportPdfLanguage;
}

/** The customer's sign-off of a service report; the choices are frozen from then on. */
export interface ServiceReportSignOffView {
  readonly signerName: string;
  readonly signedAt: string;
  /** The signature PNG, a document of the ticket (staff only). */
  readonly signatureDocumentId: string | null;
  /** The PDF stored at sign-off, a document of the ticket the customer may download. */
  readonly pdfDocumentId: string | null;
}

/**
 * What the customer sees of a signed report in the portal: the lines and totals as signed, without internal
 * fields (no worker ids, no notes, no price-list internals).
 */
export interface CustomerServiceReportView {
  readonly ticketId: string;
  readonly ticketNumber: string;
  readonly workDate: string;
  readonly coveredByContract: boolean;
  readonly lines: readonly Omit<ServiceReportLineView, 'key' | 'discountable'>[];
  readonly discounts: readonly Omit<ServiceReportDiscountView, 'id'>[];
  readonly net: string;
  readonly vatPercent: string;
  readonly vat: string;
  readonly gross: string;
  readonly signOff: ServiceReportSignOffView;
}

/** A value an indexation preview used, as it was published (and rebased to the series' base year). */
export interface CitedIndexValueView {
  readonly series: string;
  readonly source: string;
  readonly period: string;
  readonly publishedOn: string;
  readonly value: string;
  readonly rebasingFactor: string;
  readonly rebased: string;
}

/** GET /api/contracts/:id/indexation/preview?on= */
export interface IndexationPreviewView {
  readonly contractId: string;
  readonly on: string;
  readonly basedOn: { readonly kind: 'contract' } | { readonly kind: 'price-version'; readonly validFrom: string };
  readonly basePrice: string;
  readonly rawFactor: string;
  readonly cappedFactor: string;
  readonly capped: 'min' | 'max' | null;
  readonly correctionFactor: string;
  readonly factor: string;
  readonly indexedPrice: string;
  readonly change: string;
  readonly derivation: string;
  readonly cited: {
    readonly labour: { readonly base: CitedIndexValueView; readonly current: CitedIndexValueView };
    readonly material: { readonly base: CitedIndexValueView; readonly current: CitedIndexValueView };
  };
}

/** An approved indexation: the contract's price from `validFrom`. */
export interface PriceVersionView {
  readonly id: string;
  readonly contractId: string;
  readonly validFrom: string;
  readonly baseVolume: string;
  readonly annualVolume: string;
  readonly factor: string;
  readonly preview: IndexationPreviewView;
  readonly approvedBy: string;
  readonly approvedAt: string;
}
