import type { DecimalString, IsoInstant, Page } from './common.types';

/**
 * Catalog: tenants (the provider's customers), their sites and assets, price lists and contracts.
 * Every view carries `version`; the API also sends it as `ETag: "<version>"`, and every PATCH needs
 * `If-Match: "<version>"` (a stale one answers 412 and writes nothing).
 */

/** German states (Bundesländer) as holiday regions; a site's `state` is one of them. */
export const GERMAN_STATES = [
  'DE-BW',
  'DE-BY',
  'DE-BE',
  'DE-BB',
  'DE-HB',
  'DE-HH',
  'DE-HE',
  'DE-MV',
  'DE-NI',
  'DE-NW',
  'DE-RP',
  'DE-SL',
  'DE-SN',
  'DE-ST',
  'DE-SH',
  'DE-TH',
] as const;
export type GermanState = (typeof GERMAN_STATES)[number];

/** Criticality class of an asset; a ticket's priority defaults to it. */
export const ASSET_CLASSES = ['A', 'B', 'C'] as const;
export type AssetClass = (typeof ASSET_CLASSES)[number];

export const CONTRACT_TYPES = ['inspection', 'full_maintenance', 'all_in'] as const;
export type ContractKind = (typeof CONTRACT_TYPES)[number];

/** A local date 'YYYY-MM-DD'. */
export type LocalDate = string;

// ── tenants ─────────────────────────────────────────────────────────────────────────────────────
export interface TenantView {
  id: string;
  slug: string;
  name: string;
  createdAt: IsoInstant;
  version: number;
}

export interface CreateTenantRequest {
  /** Lower-case kebab-case, unique. */
  slug: string;
  name: string;
}

export interface UpdateTenantRequest {
  slug?: string;
  name?: string;
}

export type TenantListResponse = Page<TenantView>;

// ── sites ───────────────────────────────────────────────────────────────────────────────────────
export interface SiteView {
  id: string;
  tenantId: string;
  name: string;
  street: string;
  postalCode: string;
  city: string;
  /** Holiday region of the site, e.g. 'DE-BY'. */
  state: GermanState;
  /** IANA time zone, e.g. 'Europe/Berlin'. */
  timezone: string;
  /** Floor area in m² as a decimal string, or null. */
  areaM2: DecimalString | null;
  /** One-way road distance from the provider's base in km, decimal string with ≤ 1 decimal ("12.5"), or null. */
  distanceKm: DecimalString | null;
  /** Travel zone id of the provider's price list (seed 004: '0'–'3'), or null. */
  travelZone: string | null;
  createdAt: IsoInstant;
  version: number;
}

export interface CreateSiteRequest {
  tenantId: string;
  name: string;
  street: string;
  postalCode: string;
  city: string;
  state: GermanState;
  /** Default 'Europe/Berlin'. */
  timezone?: string;
  areaM2?: DecimalString | null;
  /** 0–99999.9 km as a decimal string; null = unknown. */
  distanceKm?: DecimalString | null;
  /** 1–40 characters; null = none. */
  travelZone?: string | null;
}

/** The tenant of a site never changes. */
export type UpdateSiteRequest = Partial<Omit<CreateSiteRequest, 'tenantId'>>;

export interface SiteListQuery {
  tenantId?: string;
}

export type SiteListResponse = Page<SiteView>;

// ── assets ──────────────────────────────────────────────────────────────────────────────────────
export interface AssetView {
  id: string;
  tenantId: string;
  siteId: string;
  parentId: string | null;
  /** Inventory code, unique per tenant (e.g. 'AZ-03'). */
  code: string;
  name: string;
  /** Trade (Gewerk), e.g. 'elevators'. */
  trade: string;
  assetClass: AssetClass;
  inContract: boolean;
  /** A location (room, floor or building) of the asset's site, or null. */
  locationId: string | null;
  /** The location's path, names joined by ' / ' ("Gebäude A / EG / Raum 0.12"), or null. */
  locationPath: string | null;
  manufacturer: string | null;
  model: string | null;
  serialNumber: string | null;
  yearBuilt: number | null;
  /** Last day of the warranty, 'YYYY-MM-DD', or null. */
  warrantyUntil: LocalDate | null;
  /** Free technical attributes, key → value (strings). */
  attributes: Record<string, string>;
  /** Assets with the same key back each other up (k-of-n availability), or null. */
  redundancyGroup: string | null;
  createdAt: IsoInstant;
  version: number;
}

export interface CreateAssetRequest {
  /** The tenant is the site's. */
  siteId: string;
  /** An asset of the same site, or null. */
  parentId?: string | null;
  code: string;
  name: string;
  trade: string;
  assetClass: AssetClass;
  /** Default true. */
  inContract?: boolean;
  /** A location of the same site; null = none. */
  locationId?: string | null;
  /** ≤ 100 characters each; null clears. */
  manufacturer?: string | null;
  model?: string | null;
  serialNumber?: string | null;
  /** 1800–2200. */
  yearBuilt?: number | null;
  warrantyUntil?: LocalDate | null;
  /** At most ASSET_ATTRIBUTES_MAX keys; keys 1–60, values 0–500 characters. Replaces the whole map. */
  attributes?: Record<string, string>;
  /** 1–60 characters. */
  redundancyGroup?: string | null;
}

export const ASSET_ATTRIBUTES_MAX = 50;
export const ASSET_ATTRIBUTE_KEY_MAX = 60;
export const ASSET_ATTRIBUTE_VALUE_MAX = 500;

/** The site of an asset never changes (its parent and children are on the same site). */
export type UpdateAssetRequest = Partial<Omit<CreateAssetRequest, 'siteId'>>;

export const ASSET_SORTS = ['code', 'name'] as const;
export type AssetSort = (typeof ASSET_SORTS)[number];

export interface AssetListQuery {
  siteId?: string;
  tenantId?: string;
  /**
   * Case-insensitive substring search in code, name, manufacturer and serial number (the register),
   * and trade (the phone intake's asset search).
   */
  q?: string;
  assetClass?: AssetClass;
  trade?: string;
  /** 'true' / 'false'. */
  inContract?: boolean;
  /** Assets in this location or anywhere below it. */
  locationId?: string;
  /** Default 'code'; ties broken by id (stable). */
  sort?: AssetSort;
  /** 1–200, default 50. */
  limit?: number;
  /** `nextCursor` of the previous page (same filters and sort). */
  cursor?: string;
  /** 'true': the answer carries `total` (all matches, not only this page). */
  withTotal?: boolean;
}

/** Sorted by `sort`, then id; `total` only with `withTotal=true`. */
export interface AssetListResponse extends Page<AssetView> {
  total?: number;
}

/** A ticket of an asset's history (GET /assets/:id/tickets; staff only). */
export interface AssetTicketView {
  id: string;
  number: string;
  title: string;
  status: string;
  priority: AssetClass;
  faultBeganAt: IsoInstant;
  restoredAt: IsoInstant | null;
  closedAt: IsoInstant | null;
  createdAt: IsoInstant;
}

export interface AssetTicketListResponse {
  items: AssetTicketView[];
}

// ── locations ───────────────────────────────────────────────────────────────────────────────────
/** Building → floor → room: a floor's parent is a building, a room's parent a floor (same site). */
export const LOCATION_KINDS = ['building', 'floor', 'room'] as const;
export type LocationKind = (typeof LOCATION_KINDS)[number];

export interface LocationView {
  id: string;
  tenantId: string;
  siteId: string;
  parentId: string | null;
  kind: LocationKind;
  code: string | null;
  /** Unique among siblings. */
  name: string;
  /** Names from the building down, joined by ' / '. */
  path: string;
  createdAt: IsoInstant;
  version: number;
}

export interface LocationNode extends LocationView {
  /** Assets directly in this location. */
  assetCount: number;
  children: LocationNode[];
}

/** GET /sites/:id/locations: the site's buildings with their floors and rooms, each level by name. */
export interface LocationTreeResponse {
  siteId: string;
  items: LocationNode[];
}

export interface CreateLocationRequest {
  kind: LocationKind;
  /** Required for floors (a building) and rooms (a floor); absent/null for buildings. */
  parentId?: string | null;
  /** 1–40 characters; null = none. */
  code?: string | null;
  /** 1–200 characters, unique among siblings. */
  name: string;
}

/** Rename any time; a new parent (move) only while the location is empty (no children, no assets). */
export interface UpdateLocationRequest {
  code?: string | null;
  name?: string;
  parentId?: string | null;
}

// ── price lists ─────────────────────────────────────────────────────────────────────────────────
export interface PriceListView {
  id: string;
  key: string;
  name: string;
  validFrom: LocalDate;
  /** The price list document (validated by @leitstand/domain's parsePriceList). */
  data: Record<string, unknown>;
  createdAt: IsoInstant;
  version: number;
}

export interface CreatePriceListRequest {
  key: string;
  name: string;
  validFrom: LocalDate;
  data: Record<string, unknown>;
}

export type UpdatePriceListRequest = Partial<CreatePriceListRequest>;

export type PriceListListResponse = Page<PriceListView>;

// ── contracts ───────────────────────────────────────────────────────────────────────────────────
/** A service calendar (the domain's CalendarSpec); `timezone` and `holidayRegion` default to the site's. */
export interface CalendarSpecInput {
  timezone?: string;
  week: Partial<Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', Array<[string, string]>>>;
  holidays?: string[];
  holidayRegion?: string;
  holidayWindows?: Array<[string, string]>;
}

export type SlaBudgetInput = { kind: 'minutes'; minutes: number } | { kind: 'businessDays'; days: number };

export interface SlaTargetInput {
  budget: SlaBudgetInput;
  /** Key of one of the contract's calendars. */
  calendar: string;
  /** Share of the budget at which the warning fires, (0, 1]; default 0.75. */
  warningShare?: number;
}

/** Per priority (A, B, C) a response and a restore target. */
export type SlaMatrixInput = Record<AssetClass, Record<'response' | 'restore', SlaTargetInput>>;

export type KpiRuleInput =
  | { kind: 'linear'; points: Array<{ value: DecimalString; percentOfVolume: DecimalString }> }
  | {
      kind: 'stepped';
      otherwisePercentOfVolume: DecimalString;
      steps: Array<{ atLeast: DecimalString; percentOfVolume: DecimalString }>;
    };

export interface BonusMalusInput {
  capPercentOfVolume: DecimalString;
  kpis: Array<{ kpi: string; label: string; unit: string; rule: KpiRuleInput }>;
}

/** Shares add up to exactly 1 (seed 002: labour 0.6, material 0.4). */
export interface IndexationInput {
  fixedShare: DecimalString;
  labourShare: DecimalString;
  materialShare: DecimalString;
  labourIndex?: string;
  materialIndex?: string;
}

export interface ContractScope {
  trades?: string[];
  assetClasses?: AssetClass[];
  exclusions?: string[];
}

export interface ContractView {
  id: string;
  tenantId: string;
  name: string;
  type: ContractKind;
  startsOn: LocalDate;
  endsOn: LocalDate | null;
  siteIds: string[];
  calendars: Record<string, CalendarSpecInput>;
  slaMatrix: SlaMatrixInput;
  /** Target share per asset class, e.g. { A: "0.995" }. */
  availabilityTargets: Partial<Record<AssetClass, DecimalString>>;
  /** '24-7' or a calendar key. */
  availabilityBasis: string;
  bonusMalus: BonusMalusInput | null;
  priceListId: string | null;
  annualVolume: DecimalString;
  indexation: IndexationInput | null;
  capexThreshold: DecimalString | null;
  scope: ContractScope;
  quietWarningsCalendar: string | null;
  /** The domain contract calculation (flat fees, modules, inspection fees), or null. */
  economics: Record<string, unknown> | null;
  createdAt: IsoInstant;
  version: number;
}

export interface CreateContractRequest {
  tenantId: string;
  name: string;
  type: ContractKind;
  startsOn: LocalDate;
  endsOn?: LocalDate | null;
  /** Sites of the contract's tenant. */
  siteIds?: string[];
  calendars: Record<string, CalendarSpecInput>;
  slaMatrix: SlaMatrixInput;
  availabilityTargets?: Partial<Record<AssetClass, DecimalString>>;
  /** Default '24-7'. */
  availabilityBasis?: string;
  bonusMalus?: BonusMalusInput | null;
  priceListId?: string | null;
  annualVolume: DecimalString;
  indexation?: IndexationInput | null;
  capexThreshold?: DecimalString | null;
  scope?: ContractScope;
  quietWarningsCalendar?: string | null;
  economics?: Record<string, unknown> | null;
}

/** The tenant of a contract never changes; the merged contract is validated as a whole. */
export type UpdateContractRequest = Partial<Omit<CreateContractRequest, 'tenantId'>>;

export interface ContractListQuery {
  tenantId?: string;
}

export type ContractListResponse = Page<ContractView>;

// ── maintenance windows ─────────────────────────────────────────────────────────────────────────
/**
 * A planned maintenance window of an asset: [startsAt, endsAt) is planned downtime, which the KPI
 * roll-up takes out of the required time and out of the downtime (EN 13306). Admins and managers
 * (their tenants) write, agents read; customers and technicians get 403.
 */
export interface MaintenanceWindowView {
  id: string;
  tenantId: string;
  assetId: string;
  startsAt: IsoInstant;
  /** Exclusive; after startsAt, at most MAINTENANCE_WINDOW_MAX_DAYS later. */
  endsAt: IsoInstant;
  reason: string;
  createdBy: string;
  createdAt: IsoInstant;
  version: number;
}

/** Longest planned window in days, and the reason's length limit. */
export const MAINTENANCE_WINDOW_MAX_DAYS = 31;
export const MAINTENANCE_WINDOW_REASON_MAX = 500;

export interface CreateMaintenanceWindowRequest {
  /** ISO-8601 instants with offset ("2026-10-12T06:00:00Z"). */
  startsAt: IsoInstant;
  endsAt: IsoInstant;
  /** 1–500 characters. */
  reason: string;
}

/** The asset of a window never changes; the merged window is validated as a whole. */
export type UpdateMaintenanceWindowRequest = Partial<CreateMaintenanceWindowRequest>;

export interface MaintenanceWindowListQuery {
  /** Windows ending after `from` … */
  from?: IsoInstant;
  /** … and starting before `to` (both optional). */
  to?: IsoInstant;
}

/** The windows of one asset overlapping [from, to), by start. */
export interface MaintenanceWindowListResponse {
  items: MaintenanceWindowView[];
}

// ── asset import / export / labels ───────────────────────────────────────────────────────────────
/** A problem of an import row: `row` 1 is the header, 2 the first data row; `column` as in the file. */
export interface ImportProblemView {
  row: number;
  column: string | null;
  /** Message code for the UI's translation (e.g. 'required', 'invalidClass', 'duplicateCode'). */
  code: string;
  params: Record<string, string | number>;
  /** English text. */
  message: string;
}

export interface AssetImportRowResult {
  row: number;
  code: string;
  action: 'create' | 'update' | 'unchanged';
}

/** Answer of POST /sites/:siteId/asset-import (dry run or applied). */
export interface AssetImportReport {
  dryRun: boolean;
  /** True when the rows were written (never on a dry run). */
  applied: boolean;
  /** Non-blank data rows in the file. */
  rowCount: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Locations created from the location paths (0 on a dry run). */
  locationsCreated: number;
  /** Every problem of every row; a real import with problems answers 400 and writes nothing. */
  problems: ImportProblemView[];
  /** What happens (happened) to each valid row. */
  rows: AssetImportRowResult[];
}

export const ASSET_EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type AssetExportFormat = (typeof ASSET_EXPORT_FORMATS)[number];
export const SHEET_LANGUAGES = ['en', 'de'] as const;
export type SheetLanguage = (typeof SHEET_LANGUAGES)[number];
