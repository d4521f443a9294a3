import type { DecimalString } from '../money/decimal';
import type { MoneyString } from '../money/money';
import type { GraceRule } from '../maintenance/maintenance.types';

/**
 * A contract calculation as a JSON data file (`libs/demo-data/data/contracts/*.json`), validated by
 * `parseContractCalculation`. Amounts, rates, percentages, shares, hours and asset counts are decimal
 * STRINGS; JSON numbers are used only for years, months and minutes.
 *
 * A calculation holds the assets it prices, one or more offer variants (each a list of line items and
 * the figures the source STATES for them), and the contract terms around the price: indexation,
 * bonus/malus, capex gate, availability and SLA targets, scope, internal cost rates and an effort plan.
 */
export type BillingPeriod = 'month' | 'year';

export interface AssetGroup {
  readonly id: string;
  readonly label: string;
  /** Whole number of assets, e.g. "6". */
  readonly count: DecimalString;
  readonly assetClass?: string;
}

interface LineItemBase {
  readonly id: string;
  readonly label: string;
  /** Grouping for subtotals, e.g. 'personnel', 'trades'. */
  readonly group?: string;
  /** Optional module id (e.g. '24-7-standby'); the line counts only when the module is selected. */
  readonly module?: string;
  /** Annual amount the source states for this line, compared with the computed one. */
  readonly statedAnnual?: MoneyString;
  /** Share of the stated annual total the source claims for this line, in percent (seed 002: capex fund 5 %). */
  readonly statedSharePercentOfTotal?: DecimalString;
}

/** Fee per asset and period: annual = fee × assets × (12 per month | 1 per year). */
export interface PerAssetLine extends LineItemBase {
  readonly kind: 'perAsset';
  readonly feePerAsset: MoneyString;
  readonly per: BillingPeriod;
  /** Asset groups the fee applies to; all groups when omitted. */
  readonly assetGroupIds?: readonly string[];
}

/** Lump sum per period: annual = amount × (12 | 1). */
export interface LumpSumLine extends LineItemBase {
  readonly kind: 'lumpSum';
  readonly amount: MoneyString;
  readonly per: BillingPeriod;
}

/** Personnel provided by the contractor: annual = employer cost × (1 + overhead %). */
export interface PersonnelLine extends LineItemBase {
  readonly kind: 'personnel';
  /** Full-time equivalents, e.g. "0.5". */
  readonly heads: DecimalString;
  /** Employer cost of all heads of the line per year. */
  readonly employerCost: MoneyString;
  readonly overheadPercent: DecimalString;
}

/** Expected call-outs: one = travel flat + hourly rate × hours; annual = one × per asset per year × assets. */
export interface CallOutLine extends LineItemBase {
  readonly kind: 'callOuts';
  readonly callOutsPerAssetPerYear: DecimalString;
  readonly travelFlat: MoneyString;
  readonly hourlyRate: MoneyString;
  readonly hoursPerCallOut: DecimalString;
  readonly assetGroupIds?: readonly string[];
}

/** Statutory inspection: annual = fee per asset and cycle × assets × 12 / cycle months. */
export interface InspectionLine extends LineItemBase {
  readonly kind: 'inspection';
  readonly feePerAsset: MoneyString;
  readonly cycleMonths: number;
  readonly assetGroupIds?: readonly string[];
}

/** A defined task: list price = hours × hourly rate per period; the agreed contract price may be lower. */
export interface TaskLine extends LineItemBase {
  readonly kind: 'task';
  readonly hours: DecimalString;
  readonly hourlyRate: MoneyString;
  readonly per: BillingPeriod;
  /** Price agreed in the contract per period (seed 000: 240 € instead of the 280 € list price). */
  readonly agreedPrice?: MoneyString;
}

export type ContractLineItem = PerAssetLine | LumpSumLine | PersonnelLine | CallOutLine | InspectionLine | TaskLine;

export interface StatedFigures {
  readonly annualTotal?: MoneyString;
  readonly perM2Year?: MoneyString;
  readonly fte?: DecimalString;
  readonly groupTotals?: readonly { readonly group: string; readonly annual: MoneyString }[];
}

export interface ContractVariant {
  readonly id: string;
  readonly label: string;
  /**
   * Which annual volume is the contract's price (for indexation, bonus/malus cap and pro-rata flat fees):
   * 'computed' = Σ line items, 'stated' = the stated annual total (seed 002: the 2.36 M€ the contract names).
   */
  readonly volumeBasis: 'computed' | 'stated';
  readonly lineItems: readonly ContractLineItem[];
  readonly stated?: StatedFigures;
}

/** A band of inspection costs per asset (seed 001: main inspection every 2 years 200–300 €, intermediate yearly 150–250 €). */
export interface InspectionBand {
  readonly id: string;
  readonly label: string;
  readonly assetGroupIds?: readonly string[];
  readonly inspections: readonly {
    readonly label: string;
    readonly cycleMonths: number;
    readonly feeMin: MoneyString;
    readonly feeMax: MoneyString;
  }[];
  /** The per-asset-and-year band the source states. */
  readonly statedPerAssetYear?: { readonly min: MoneyString; readonly max: MoneyString };
}

/** P1 = P0 × (fixedShare + labourShare · L1/L0 + materialShare · M1/M0); the shares add up to exactly 1. */
export interface IndexationClause {
  readonly fixedShare: DecimalString;
  readonly labourShare: DecimalString;
  readonly materialShare: DecimalString;
  readonly labourIndex?: string;
  readonly materialIndex?: string;
  /** Key of the stored index series for L (e.g. 'destatis-62221-0001'); the preview reads its values. */
  readonly labourSeries?: string;
  /** Key of the stored index series for M. */
  readonly materialSeries?: string;
  /** The period of L0 and M0 ('YYYY-MM' or 'YYYY'). */
  readonly basePeriod?: string;
  /** Cap of the change in percent: a change below −min… */
  readonly minChangePercent?: DecimalString;
  /** …or above max is cut to it (applied before the correction factor). */
  readonly maxChangePercent?: DecimalString;
  /** Multiplied onto the capped factor last (e.g. "0.98"). */
  readonly correctionFactor?: DecimalString;
}

export interface IndexValues {
  readonly base: DecimalString;
  readonly current: DecimalString;
}

export type KpiRule =
  | {
      /** Piecewise linear between points (sorted by value), flat beyond the first and last point. */
      readonly kind: 'linear';
      readonly points: readonly { readonly value: DecimalString; readonly percentOfVolume: DecimalString }[];
    }
  | {
      /** The step with the highest `atLeast` the KPI reaches; `otherwisePercentOfVolume` below all steps. */
      readonly kind: 'stepped';
      readonly otherwisePercentOfVolume: DecimalString;
      readonly steps: readonly { readonly atLeast: DecimalString; readonly percentOfVolume: DecimalString }[];
    };

export interface KpiBonusMalus {
  readonly kpi: string;
  readonly label: string;
  readonly unit: string;
  readonly rule: KpiRule;
}

export interface BonusMalusRules {
  /** Σ over KPIs is capped to ± this percentage of the period's volume (seed 002: 2). */
  readonly capPercentOfVolume: DecimalString;
  readonly kpis: readonly KpiBonusMalus[];
}

export interface ContractCalculation {
  readonly schemaVersion: 1;
  readonly id: string;
  readonly name: string;
  readonly source?: string;
  readonly currency: 'EUR';
  readonly notes?: readonly string[];
  readonly term?: { readonly from: string; readonly to: string };
  readonly areaM2?: DecimalString;
  readonly assetGroups: readonly AssetGroup[];
  readonly variants: readonly ContractVariant[];
  readonly inspectionBands?: readonly InspectionBand[];
  readonly indexation?: IndexationClause;
  /** Index values of a scenario the source computes (seed 002: labour +4 %, material +2 %). */
  readonly indexationScenario?: {
    readonly variantId: string;
    readonly labour: IndexValues;
    readonly material: IndexValues;
  };
  readonly bonusMalus?: BonusMalusRules;
  readonly capexGate?: { readonly thresholdNet: MoneyString; readonly label: string };
  readonly availabilityTargets?: readonly { readonly assetClass: string; readonly targetPercent: DecimalString }[];
  readonly slaTargets?: readonly {
    readonly assetClass: string;
    readonly acceptMinutes: number;
    readonly restoreMinutes: number;
  }[];
  readonly energyKpi?: {
    readonly baseYear: number;
    readonly reductionPercentPerYear: DecimalString;
    readonly firstTargetYear: number;
    readonly lastTargetYear: number;
  };
  readonly scope?: {
    readonly inScope: readonly { readonly id: string; readonly label: string }[];
    readonly outOfScope: readonly { readonly id: string; readonly label: string }[];
    /** Price list used for out-of-scope work. */
    readonly outOfScopePriceListId?: string;
  };
  /** The provider's internal cost per hour (for margins), e.g. a technician hour. */
  readonly internalCostRates?: readonly {
    readonly id: string;
    readonly label: string;
    readonly hourlyCost: MoneyString;
  }[];
  /** Planned effort per month of one variant (seed 000: the risk month). */
  readonly effortPlan?: {
    readonly variantId: string;
    readonly months: readonly EffortMonth[];
  };
  /**
   * Maintenance terms: the SMRP on-time rule of the compliance KPI ('none' when omitted) — by the target date,
   * + 1 day, or + 20 % of the interval capped at 28 days; never past an occurrence's legal latest date.
   */
  readonly maintenance?: { readonly grace: GraceRule };
}

export interface EffortMonth {
  /** 'YYYY-MM'. */
  readonly month: string;
  readonly hours: readonly { readonly rateId: string; readonly hours: DecimalString }[];
  readonly materials: readonly { readonly label: string; readonly cost: MoneyString }[];
}
