/**
 * KPI and cost roll-ups: what GET /api/contracts/:id/kpis?period= and …/costs?period= answer.
 * Types only. Shares are decimal strings in [0, 1] with up to 6 places ("0.995"), percentages the same × 100;
 * minutes decimal strings with up to 3 places; money decimal strings ("-5.54"); instants ISO strings.
 * Every figure carries how it came about (tickets, minutes, rule text).
 */
import type { DecimalString } from './common.types';

/** Money as a decimal string with 2 places ("10000.00"). */
export type MoneyString = string;

/** A month '2026-10', a quarter '2026-Q4' or a year '2026', local to the contract's site zone. */
export type KpiPeriodKey = string;

export interface KpiPeriodView {
  readonly key: KpiPeriodKey;
  readonly kind: 'month' | 'quarter' | 'year';
  /** Local dates in `timezone`, `to` exclusive. */
  readonly from: string;
  readonly to: string;
  readonly timezone: string;
  /** The period is measured up to here (the period end, or the computation time for a running period). */
  readonly measuredUntil: string;
}

/**
 * The contract's term (local dates, `endsOn` inclusive, null = open-ended) and how much of the period it covers.
 * `coverage: 'none'` — the period lies wholly before the term starts or after it ends: the answer has **no figures**
 * (availability and compliance null, no classes, assets, cells or cost lines, bonus/malus null, total "0.00").
 * `'partial'` — the term starts or ends inside the period; the figures cover the whole period.
 */
export interface ContractTermView {
  readonly startsOn: string;
  readonly endsOn: string | null;
  readonly coverage: 'none' | 'partial' | 'full';
}

export interface RollupMeta {
  readonly contractId: string;
  readonly contractName: string;
  readonly tenantId: string;
  readonly period: KpiPeriodView;
  readonly term: ContractTermView;
  readonly computedAt: string;
  /**
   * Set when the period had closed when it was computed (a month one month after its end): the roll-up was
   * computed once, at this instant, and is frozen — later edits of tickets or occurrences never change it.
   * Null (or absent in roll-ups stored before issue 15) while the period is still open and recomputed.
   */
  readonly frozenAt?: string | null;
  /** Facts that limit the figures (no maintenance plans, KPI not measured, …). */
  readonly notes: readonly string[];
}

/**
 * Maintenance and inspection compliance of a period (issue 15): occurrences due in the period (target date in it,
 * open ones included, cancelled ones not counted), completed with accepted evidence on time ÷ due.
 */
export interface ComplianceFigureView {
  readonly due: number;
  readonly onTime: number;
  readonly late: number;
  readonly missed: number;
  readonly open: number;
  readonly cancelled: number;
  /** onTime / due × 100, 2 places ("92.50"); null when nothing was due. */
  readonly percent: DecimalString | null;
  /** German lines: how the figure came about. */
  readonly derivation: readonly string[];
  readonly nonCompliant: readonly { readonly occurrenceId: string; readonly reason: 'late' | 'missed' | 'open' }[];
}

export interface MaintenanceComplianceView {
  readonly method: string;
  /** Active and inactive requirements of the contract (0: no plans, the figure is null). */
  readonly requirements: number;
  readonly total: ComplianceFigureView;
  readonly byTrade: Readonly<Record<string, ComplianceFigureView>>;
}

/** Time-weighted availability of a set of assets, optionally against a target share. */
export interface AvailabilityRollUp {
  readonly assets: number;
  readonly basisMinutes: DecimalString;
  readonly downtimeMinutes: DecimalString;
  /** Time-weighted: 1 − Σ downtime / Σ basis. */
  readonly availability: DecimalString | null;
  /** The target share (e.g. "0.995") when the contract sets one for this class. */
  readonly target?: DecimalString;
  /** (1 − target) × Σ basis, in minutes. */
  readonly allowedDowntimeMinutes?: DecimalString;
  /** availability ≥ target; undefined without a target or without basis. */
  readonly targetMet?: boolean;
}

export interface DowntimeIntervalView {
  readonly from: string;
  readonly to: string;
  readonly minutes: DecimalString;
  /** Ticket numbers whose downtime this merged interval covers. */
  readonly tickets: readonly string[];
}

/** A planned maintenance window of an asset, clipped to the measured part of the period. */
export interface MaintenanceExclusionView {
  readonly windowId: string;
  readonly from: string;
  readonly to: string;
  readonly reason: string;
  /** Minutes of the window on the basis: taken out of the required time. */
  readonly minutes: DecimalString;
  /** Minutes of downtime inside the window: not counted as downtime. */
  readonly downtimeMinutes: DecimalString;
}

export interface AssetKpiView {
  readonly assetId: string;
  readonly code: string;
  readonly assetClass: string;
  readonly basisMinutes: DecimalString;
  readonly downtimeMinutes: DecimalString;
  readonly availability: DecimalString | null;
  readonly availabilityPercent: DecimalString | null;
  readonly target?: DecimalString;
  readonly targetMet?: boolean;
  readonly downtime: readonly DowntimeIntervalView[];
  /** Planned maintenance windows in the period (planned downtime, EN 13306), by start. */
  readonly maintenance?: readonly MaintenanceExclusionView[];
  /** Σ downtime minutes the windows took out (overlapping windows counted once). */
  readonly excludedDowntimeMinutes?: DecimalString;
  readonly mttrMinutes: DecimalString | null;
  readonly mtbfMinutes: DecimalString | null;
  /** Tickets counted as repairs (restored in the period) and failures (fault began in the period). */
  readonly repairs: readonly string[];
  readonly failures: readonly string[];
}

export interface ClassKpiView extends AvailabilityRollUp {
  readonly assetClass: string;
  readonly availabilityPercent: DecimalString | null;
  readonly mttrMinutes: DecimalString | null;
  readonly mtbfMinutes: DecimalString | null;
  readonly repairs: number;
  readonly failures: number;
}

/** SLA compliance of one priority and clock: met / (met + breached) of the clocks decided in the period. */
export interface SlaComplianceCell {
  readonly priority: string;
  readonly clock: string;
  readonly met: number;
  readonly breached: number;
  readonly compliance: DecimalString | null;
  readonly breachedTicketIds: readonly string[];
}

export interface KpiBonusMalusResult {
  readonly kpi: string;
  readonly label: string;
  readonly value: DecimalString;
  /** Percent of the period's volume this KPI earns (negative = malus), exact. */
  readonly percentOfVolume: DecimalString;
  /** Period volume × percent, rounded half-up to cents. */
  readonly amount: MoneyString;
  readonly derivation: string;
}

export interface BonusMalusResult {
  /** Annual volume × period fraction. */
  readonly periodVolume: MoneyString;
  readonly kpis: readonly KpiBonusMalusResult[];
  /** Σ KPI amounts before the cap. */
  readonly uncapped: MoneyString;
  /** ± cap percent × period volume. */
  readonly cap: MoneyString;
  readonly capped: boolean;
  /** The bonus (> 0) or malus (< 0) of the period. */
  readonly amount: MoneyString;
  readonly derivation: string;
}

export interface KpiView extends RollupMeta {
  readonly availability: {
    /** '24-7' (wall-clock) or the service-calendar key whose open time is the basis. */
    readonly basis: string;
    readonly method: string;
    readonly contract: AvailabilityRollUp & { readonly availabilityPercent: DecimalString | null };
    readonly classes: readonly ClassKpiView[];
    readonly assets: readonly AssetKpiView[];
  };
  readonly slaCompliance: {
    readonly method: string;
    readonly cells: readonly (SlaComplianceCell & { readonly breachedTickets: readonly string[] })[];
    readonly overall: { readonly met: number; readonly breached: number; readonly compliance: DecimalString | null };
  };
  readonly bonusMalus: {
    /** The KPI values fed to the rules (e.g. { 'availability-a': '99.6512' }). */
    readonly kpiValues: Readonly<Record<string, DecimalString>>;
    /** Rule KPIs left out, with the reason (not measured, no data). */
    readonly skipped: readonly { readonly kpi: string; readonly reason: string }[];
    /** null when the contract has no bonus/malus rules. */
    readonly result: BonusMalusResult | null;
    /** Per KPI with a value: how the value came about and the rule applied (German lines). */
    readonly derivations?: Readonly<Record<string, readonly string[]>>;
  };
  /** null when the contract has no maintenance or inspection requirements (absent in roll-ups before issue 15). */
  readonly maintenanceCompliance?: MaintenanceComplianceView | null;
}

export interface PeriodCostLine {
  readonly id: 'flat-fees' | 'out-of-scope-work' | 'inspections' | 'bonus-malus';
  readonly amount: MoneyString;
  readonly derivation: string;
}

export interface ServiceReportCostView {
  readonly ticketId: string;
  readonly ticket: string;
  readonly net: MoneyString;
  readonly billable: boolean;
  readonly lines: readonly { readonly key: string; readonly amount: MoneyString; readonly explanation: string }[];
  readonly error?: string;
}

/** Fees of occurrences completed in the period (requirements with a fee, billed on top of the flat fee). */
export interface OccurrenceFeeView {
  /** Requirement title (and main / intermediate inspection). */
  readonly label: string;
  readonly count: number;
  readonly unitFee: MoneyString;
  readonly amount: MoneyString;
  readonly occurrenceIds: readonly string[];
}

/** An inspection cost band of the contract calculation: the band the source states and the one its cycles give. */
export interface InspectionBandCostView {
  readonly id: string;
  readonly label: string;
  /** Assets of this contract the band is shown for. */
  readonly assets: number;
  readonly statedPerAssetYear: { readonly min: MoneyString; readonly max: MoneyString } | null;
  readonly computedPerAssetYear: { readonly min: MoneyString; readonly max: MoneyString };
  readonly statedYear: { readonly min: MoneyString; readonly max: MoneyString } | null;
  readonly computedYear: { readonly min: MoneyString; readonly max: MoneyString };
  readonly derivation: readonly string[];
}

export interface CostView extends RollupMeta {
  readonly periodFraction: DecimalString;
  readonly lines: readonly PeriodCostLine[];
  /** The billed occurrences behind the 'inspections' line (absent in roll-ups before issue 15). */
  readonly occurrenceFees?: readonly OccurrenceFeeView[];
  /** Inspection bands of the contract calculation (seed 001: stated 300–550 € vs 250–400 € from the cycles). */
  readonly inspectionBands?: readonly InspectionBandCostView[];
  /** What the contract costs the customer in the period = the provider's revenue. */
  readonly total: MoneyString;
  readonly serviceReports: readonly ServiceReportCostView[];
  readonly effort: {
    readonly labour: MoneyString;
    readonly materials: MoneyString;
    readonly total: MoneyString;
    readonly derivation: readonly string[];
  } | null;
  readonly margin: MoneyString | null;
  readonly marginPercent: DecimalString | null;
  readonly loss: boolean | null;
}
