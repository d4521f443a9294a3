import type { CalendarSpec, ContractCalculation, SlaMatrixSpec } from '@leitstand/domain';
import type { ContractType } from '@leitstand/backend/data-access';
import type { UserRole } from '@leitstand/backend/data-access';

/** The demo data set as read from `libs/demo-data/data` (see the `demo/` folder there). */

export type AssetClass = 'A' | 'B' | 'C';

export interface DemoUserSpec {
  email: string;
  displayName: string;
  role: UserRole;
  password: string;
  /** A customer's tenant (slug). */
  tenant?: string;
  /** The tenants (slugs) a manager or technician serves. */
  serves?: string[];
}

export interface DemoSiteSpec {
  /** Unique per tenant: the key the seed upserts by. */
  name: string;
  street: string;
  postalCode: string;
  city: string;
  state: string;
  timezone: string;
  areaM2?: string;
  /** One-way km from the provider's base (price lists bill travel by distance band). */
  distanceKm?: string;
  /** Travel zone id of the tenant's price list (e.g. '1' in seed 004). */
  travelZone?: string;
}

export interface DemoAssetSpec {
  /** Unique per tenant; with `count`, `{n}` / `{nn}` become the running number (1, 01, …). */
  code: string;
  count?: number;
  name: string;
  trade: string;
  class: AssetClass;
  /** Site name. */
  site: string;
  /** Parent asset code. */
  parent?: string;
  inContract?: boolean;
}

/** A calendar of a contract: the name of a file in `calendars/`, or that plus holiday windows. */
export type DemoCalendarRef = string | { file: string; holidayWindows?: Array<[string, string]> };

/** A contract as written in a tenant file: the tenant's `contractTemplate` merged with the entry. */
export interface DemoContractSpec {
  name: string;
  type: ContractType;
  startsOn: string;
  endsOn: string | null;
  sites: string[];
  calendars: Record<string, DemoCalendarRef>;
  slaMatrix: SlaMatrixSpec;
  availabilityTargets: Record<string, string>;
  availabilityBasis: string;
  /** Rules, null, or 'from-economics' (the contract calculation's bonusMalus). */
  bonusMalus: Record<string, unknown> | null | 'from-economics';
  /** The price list file name in `price-lists/`. */
  priceList: string | null;
  annualVolume: string;
  indexation: Record<string, unknown> | null | 'from-economics';
  capexThreshold: string | null;
  scope: { trades?: string[]; assetClasses?: string[]; exclusions?: string[] };
  quietWarningsCalendar: string | null;
  /** The contract calculation file name in `contracts/`. */
  economics: string | null;
}

export interface DemoHistorySpec {
  faultsPerAssetPerMonth: Record<AssetClass, number>;
  /** Price-list role of the technicians' work logs. */
  workRole: string;
  outOfScopeShare: number;
}

export interface DemoTenantFile {
  slug: string;
  name: string;
  sites: DemoSiteSpec[];
  assets: DemoAssetSpec[];
  contractTemplate: Partial<DemoContractSpec>;
  contracts: Array<Partial<DemoContractSpec> & { name: string }>;
  history: DemoHistorySpec;
}

export interface DemoHistoryParameters {
  months: number;
  prngSeed: number;
  shares: {
    responseBreached: number;
    restoreBreached: number;
    paused: number;
    priorityOverride: number;
    comment: number;
    assetDownA: number;
    assetDownBC: number;
  };
  outOfScopeNotes: Record<string, string[]>;
  faults: Record<string, string[]>;
}

/** A contract ready to store: references resolved, validated with @leitstand/domain. */
export interface ResolvedDemoContract {
  name: string;
  type: ContractType;
  startsOn: string;
  endsOn: string | null;
  sites: string[];
  calendars: Record<string, CalendarSpec>;
  slaMatrix: SlaMatrixSpec;
  availabilityTargets: Record<string, string>;
  availabilityBasis: string;
  bonusMalus: Record<string, unknown> | null;
  priceListKey: string | null;
  annualVolume: string;
  indexation: Record<string, unknown> | null;
  capexThreshold: string | null;
  scope: { trades?: string[]; assetClasses?: string[]; exclusions?: string[] };
  quietWarningsCalendar: string | null;
  economics: ContractCalculation | null;
}

export interface ResolvedDemoAsset {
  code: string;
  name: string;
  trade: string;
  assetClass: AssetClass;
  site: string;
  parent: string | null;
  inContract: boolean;
}

export interface ResolvedDemoTenant {
  slug: string;
  name: string;
  sites: DemoSiteSpec[];
  assets: ResolvedDemoAsset[];
  contracts: ResolvedDemoContract[];
  history: DemoHistorySpec;
}

export interface DemoPriceList {
  key: string;
  name: string;
  validFrom: string;
  data: Record<string, unknown>;
}

/** A requirement of `demo/maintenance.json`: a catalogue task on assets (one requirement each) or a selection. */
export interface DemoRequirementSpec {
  /** Tenant slug. */
  tenant: string;
  /** Task key of the catalogue (MAINTENANCE_TASKS). */
  task: string;
  /** Asset codes: one requirement per asset. */
  assets?: string[];
  /** Or one requirement on every asset of a trade on a site. */
  selection?: { site: string; trade: string };
  /** Fixed grid from this date (tasks whose default anchor is not statutory). */
  start?: string;
  /** Statutory tasks: the last main inspection per asset code. */
  lastTest?: Record<string, string>;
  /** The catalogue's default cadence unless given. */
  cadence?: { every: number; unit: 'week' | 'month' | 'year' };
  /** Fee per completed occurrence (billed on top of the flat fee); none when omitted. */
  fee?: string;
  /** The catalogue title (German) unless given. */
  title?: string;
}

/** `demo/maintenance.json`: the plans and the parameters of their history. */
export interface DemoPlansFile {
  months: number;
  prngSeed: number;
  /** Share of past occurrences completed late (after the on-time limit, by the legal latest date). */
  lateShare: number;
  lateDaysMax: number;
  /** Number of missed occurrences, of the tenant `missedTenant`, due `missedMonthsAgo` months before the seed instant. */
  missed: number;
  missedTenant: string;
  missedMonthsAgo: number;
  /** Occurrences are generated up to this many months after the seed instant (the generator's rolling horizon). */
  horizonMonths: number;
  requirements: DemoRequirementSpec[];
}

/**
 * A call-out of `demo/call-outs.json`: one closed ticket with its logged work, material and service report
 * choices, at a fixed local time — the seeds' priced cases (seed 003's weekday call-out, seed 004's time
 * bands, emergency and material tiers) in the product.
 */
export interface DemoCallOutSpec {
  /** Stable key; the ticket's ids derive from it. */
  key: string;
  /** Tenant slug. */
  tenant: string;
  /** Asset code. */
  asset: string;
  title: string;
  /** Local date-time in the site's zone when the technician sets off ('2026-11-03T10:00'). */
  start: string;
  /** E-mail of the technician (a demo user serving the tenant). */
  technician: string;
  /** The work in order from `start`, back to back. */
  work: Array<{ kind: 'travel' | 'work'; role: string; minutes: number }>;
  inScope: boolean;
  scopeNote?: string;
  report?: {
    smallMaterial?: boolean;
    emergency?: boolean;
    workType?: 'repair' | 'maintenance';
    travelMethod?: 'distance' | 'zone' | 'time' | null;
    catalogItems?: Array<{ code: string; quantity: string }>;
    discounts?: string[];
  };
  materials?: Array<{
    kind?: 'material' | 'partner' | 'pass_through';
    description: string;
    netUnitPrice: string;
    quantity: string;
    unit?: string;
  }>;
  /** The reference case of shared/reference/seed-cases.md the call-out reproduces. */
  seedCase: string;
}

export interface DemoCallOutsFile {
  notes?: string[];
  callOuts: DemoCallOutSpec[];
}

/** An index series of `index-series/*.json` (values as published; demo values say so in their source). */
export interface DemoIndexSeries {
  key: string;
  name: string;
  source: string;
  baseYear: number;
  points: Array<{ period: string; value: string; publishedOn: string; rebasingFactor?: string }>;
}

export interface DemoDataset {
  tenants: ResolvedDemoTenant[];
  indexSeries: DemoIndexSeries[];
  callOuts: DemoCallOutSpec[];
  users: DemoUserSpec[];
  priceLists: DemoPriceList[];
  history: DemoHistoryParameters;
  plans: DemoPlansFile;
}
