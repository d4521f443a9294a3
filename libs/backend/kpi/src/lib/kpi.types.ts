import type {
  AvailabilityRollUp,
  BonusMalusResult,
  DecimalString,
  MoneyString,
  PeriodCostLine,
  SlaComplianceCell,
} from '@leitstand/domain';

/**
 * What GET /api/contracts/:id/kpis and …/costs answer. Shares are decimal strings in [0, 1] with 6
 * places ("0.995"), percentages the same × 100; minutes decimal strings with up to 3 places; money
 * decimal strings; instants ISO strings. Every figure carries how it came about.
 */
export interface KpiPeriodView {
  readonly key: string;
  readonly kind: 'month' | 'quarter' | 'year';
  /** Local dates in `timezone`, `to` exclusive. */
  readonly from: string;
  readonly to: string;
  readonly timezone: string;
  /** The period is measured up to here (the period end, or the computation time for a running period). */
  readonly measuredUntil: string;
}

export interface RollupMeta {
  readonly contractId: string;
  readonly contractName: string;
  readonly tenantId: string;
  readonly period: KpiPeriodView;
  readonly computedAt: string;
  /** Facts that limit the figures (no maintenance plans, KPI not measured, …). */
  readonly notes: readonly string[];
}

export interface DowntimeIntervalView {
  readonly from: string;
  readonly to: string;
  readonly minutes: DecimalString;
  /** Ticket numbers whose downtime this merged interval covers. */
  readonly tickets: readonly string[];
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
  };
}

export interface ServiceReportCostView {
  readonly ticketId: string;
  readonly ticket: string;
  readonly net: MoneyString;
  readonly billable: boolean;
  readonly lines: readonly { readonly key: string; readonly amount: MoneyString; readonly explanation: string }[];
  readonly error?: string;
}

export interface CostView extends RollupMeta {
  readonly periodFraction: DecimalString;
  readonly lines: readonly PeriodCostLine[];
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

/** The stored roll-up: both views of one contract and period. */
export interface KpiRollupPayload {
  readonly kpis: KpiView;
  readonly costs: CostView;
}
