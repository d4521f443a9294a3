import { DateTime } from 'luxon';
import {
  billedOccurrenceFees,
  computeAssetKpis,
  computeCompliance,
  computeContractPeriodCost,
  computePeriodBonusMalus,
  computeSlaCompliance,
  isUndecided,
  sumCompliance,
  explainAssetKpis,
  inspectionBandViews,
  periodEffort,
  periodFraction,
  priceBillableTickets,
  termCoverage,
  type BasisMeasure,
  type BillableTicket,
  type BilledOccurrence,
  type BonusMalusRules,
  type ComplianceInput,
  type CompliancePart,
  type ComplianceResult,
  type ContractCalculation,
  type DowntimeTicket,
  type InternalCostRates,
  type KpiAsset,
  type KpiDerivation,
  type KpiMaintenanceWindow,
  type KpiPeriod,
  type MoneyString,
  type PriceList,
  type SlaClockOutcome,
} from '@leitstand/domain';
import type { ContractTermView, CostView, KpiRollupPayload, KpiView, MaintenanceComplianceView } from './kpi.types';

/** Everything one roll-up needs, already loaded (see KpiRollupLoader); the computation itself is pure. */
export interface RollupInput {
  readonly contract: {
    readonly id: string;
    readonly name: string;
    readonly tenantId: string;
    /** The term, local dates (`endsOn` inclusive, null = open-ended). */
    readonly startsOn: string;
    readonly endsOn: string | null;
    readonly annualVolume: MoneyString;
    readonly availabilityTargets: Readonly<Record<string, string>>;
    readonly availabilityBasis: string;
    readonly bonusMalus: BonusMalusRules | null;
    readonly internalCostRates: InternalCostRates;
    /** The contract calculation's inspection bands (seed 001), shown next to the billed fees. */
    readonly inspectionBands?: Pick<ContractCalculation, 'inspectionBands' | 'assetGroups'> | null;
  };
  readonly period: KpiPeriod;
  readonly asOfMs: number;
  readonly computedAt: Date;
  readonly assets: readonly KpiAsset[];
  /** Basis measure per site (undefined = 24/7 wall-clock). */
  readonly basisBySite: ReadonlyMap<string, BasisMeasure | undefined>;
  /** Tickets of the contract that took an asset down, in scope, overlapping the period or restored in it. */
  readonly downtimeTickets: readonly (DowntimeTicket & { readonly assetId: string; readonly number: string })[];
  /** Planned maintenance windows of the contract's assets, clipped to the period (see clipMaintenanceWindows). */
  readonly maintenanceWindows: readonly KpiMaintenanceWindow[];
  readonly slaClocks: readonly (SlaClockOutcome & { readonly number: string })[];
  /** Out-of-scope tickets restored (or closed) in the period with their work and materials. */
  readonly billable: readonly BillableTicket[];
  readonly priceList: PriceList | null;
  readonly priceListProblem?: string;
  /** All work (in and out of scope) logged in the period, ms per price-list role, and material cost. */
  readonly effort: { readonly msByRole: ReadonlyMap<string, number>; readonly materialCost: MoneyString };
  /** Maintenance and inspection plans of the contract (issue 15). */
  readonly maintenance: {
    /** Requirements of the contract (0: no plans, no compliance figure). */
    readonly requirements: number;
    /** Occurrences whose target date lies in the period. */
    readonly occurrences: readonly ComplianceInput[];
    /** Occurrences of requirements with a fee completed in the period. */
    readonly billed: readonly BilledOccurrence[];
    /** Assets inspected by an approved body under the contract's requirements (for the inspection bands). */
    readonly inspectedAssets: number;
    /**
     * Quarters and years: the compliance of their months that are frozen ('YYYY-MM' → as frozen; null = frozen
     * without plans). Such a month counts as frozen, the others are computed from `occurrences`.
     */
    readonly frozenMonths: ReadonlyMap<string, ComplianceResult | null>;
  };
  /** The instant the roll-up is frozen at (the period had closed when it was computed), else null. */
  readonly frozenAt: Date | null;
  readonly notes: readonly string[];
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** A roll-up as computed and stored: both views without the asset list, and the compact asset derivation. */
export interface KpiRollup {
  readonly kpis: KpiSummary;
  readonly costs: CostView;
  readonly derivation: KpiDerivation;
}

/** KpiView without `availability.assets` (those are built from the derivation, see explainRollup). */
export type KpiSummary = Omit<KpiView, 'availability'> & {
  readonly availability: Omit<KpiView['availability'], 'assets'>;
};

const NO_DERIVATION: KpiDerivation = { targets: {}, windowReasons: {}, assets: [] };

/** The views the API answers: the summary with each asset's derivation in the long form. */
export function explainRollup(rollup: Pick<KpiRollup, 'kpis' | 'costs' | 'derivation'>): KpiRollupPayload {
  const { kpis } = rollup;
  return {
    kpis: {
      ...kpis,
      availability: { ...kpis.availability, assets: explainAssetKpis(rollup.derivation.assets, rollup.derivation) },
    },
    costs: rollup.costs,
  };
}

const AVAILABILITY_METHOD =
  'Verfügbarkeit = 1 − Ausfallzeit / Sollzeit; Ausfallzeit = Vereinigung [Störungsbeginn, Wiederherstellung) der Tickets mit Anlagenausfall im Vertragsumfang, auf den Zeitraum beschnitten, Überlappungen einmal gezählt, geplante Wartung ausgenommen; Sollzeit = Zeitraum auf der Vertragsbasis (24/7 oder Servicezeiten) abzüglich geplanter Wartungsfenster (EN 13306). Klassen- und Vertragswerte zeitgewichtet (1 − Σ Ausfall / Σ Sollzeit). MTTR nach Wiederherstellung im Zeitraum, MTBF = Betriebszeit / Ausfälle mit Beginn im Zeitraum.';
const SLA_METHOD =
  'Einhaltung = eingehalten / (eingehalten + verletzt) je Priorität und Uhr; Uhren, die im Zeitraum endeten';
const COMPLIANCE_METHOD =
  'Wartungs- und Prüfcompliance = fristgerecht mit anerkanntem Nachweis erledigt / fällig; fällig = Zieldatum im Zeitraum (offene eingeschlossen, stornierte nicht gezählt); fristgerecht = bis Zieldatum plus Toleranz des Vertrags, nie nach dem spätesten Termin; eine verspätete Erledigung heilt kein Versäumnis. Vorläufig (laufender oder noch nicht abgeschlossener Zeitraum) zählen die Fälligkeiten bis heute, ohne die unerledigten, deren Toleranz noch läuft. Ein abgeschlossener Monat (einen Monat nach seinem Ende) wird einmal berechnet und eingefroren.';

/** The local date of `ms` in `zone` (the period's "today" for open occurrences). */
function localDate(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toISODate() ?? '';
}

/**
 * The compliance of the period, or null without requirements. A running period is measured up to today (its
 * local date), like availability up to "now": occurrences whose target date is still ahead are not due yet, so
 * the first days of a month do not read 0 % and a malus. A period wholly ahead has nothing due. A quarter or a
 * year is the sum of its months, a frozen month as it was frozen (sumCompliance), so the money paid on a quarter
 * agrees with its months whatever was edited since.
 */
function maintenanceCompliance(input: RollupInput): { view: MaintenanceComplianceView; measuredTo: string } | null {
  const { maintenance, period } = input;
  if (maintenance.requirements === 0) return null;
  const lastDay = DateTime.fromISO(period.toDate, { zone: 'UTC' }).minus({ days: 1 }).toISODate() ?? period.toDate;
  // "today" for open occurrences (missed once their legal latest date has passed): the computation's date
  const today = localDate(input.asOfMs, period.timezone);
  const measuredTo = today < lastDay ? today : lastDay;
  // Not decided yet — not completed and still within its on-time limit — is not counted until it is (a closed
  // month has none: its last on-time limit passed before it closed); so today's work does not read as a miss.
  // (the rule of the domain's isUndecided, which the compliance endpoint's provisionalCompliance applies too)
  const decided = maintenance.occurrences.filter((o) => !isUndecided(o, today));
  const live = (from: string, to: string): ComplianceResult =>
    to < from ? computeCompliance([], { from, to: from }, today) : computeCompliance(decided, { from, to }, today);
  let result: ComplianceResult;
  if (period.kind === 'month') {
    result = live(period.fromDate, measuredTo);
  } else {
    const parts: CompliancePart[] = [];
    for (
      let m = DateTime.fromISO(period.fromDate, { zone: 'UTC' });
      (m.toISODate() ?? '') < period.toDate;
      m = m.plus({ months: 1 })
    ) {
      const key = m.toFormat('yyyy-MM');
      const from = m.toISODate() ?? '';
      const last = m.endOf('month').toISODate() ?? '';
      if (maintenance.frozenMonths.has(key)) {
        const frozen = maintenance.frozenMonths.get(key);
        if (frozen) parts.push({ label: `${key} (eingefroren)`, result: frozen });
      } else if (from <= measuredTo) {
        const to = last < measuredTo ? last : measuredTo;
        parts.push({ label: to < last ? `${key} (bis ${dateDe(to)})` : key, result: live(from, to) });
      }
    }
    result = sumCompliance(parts);
  }
  return { view: { method: COMPLIANCE_METHOD, requirements: maintenance.requirements, ...result }, measuredTo };
}

/** 'yyyy-mm-dd' → 'dd.mm.yyyy'. */
function dateDe(d: string): string {
  return `${d.slice(8, 10)}.${d.slice(5, 7)}.${d.slice(0, 4)}`;
}

/**
 * KPIs, bonus/malus and cost of one contract and period with their derivation: availability per asset,
 * SLA compliance, bonus/malus and cost come from @leitstand/domain; this only feeds them and collects the notes.
 */
export function computeRollup(input: RollupInput): KpiRollup {
  const { contract, period } = input;
  const measuredUntil = Math.max(period.fromMs, Math.min(period.toMs, input.asOfMs));
  const availability = computeAssetKpis({
    period: { fromMs: period.fromMs, toMs: period.toMs },
    asOfMs: input.asOfMs,
    targets: contract.availabilityTargets,
    assets: input.assets,
    basisBySite: input.basisBySite,
    downtimeTickets: input.downtimeTickets,
    maintenanceWindows: input.maintenanceWindows,
  });
  const sla = computeSlaCompliance(input.slaClocks);
  const clockNumber = new Map(input.slaClocks.map((c) => [c.ticketId, c.number]));
  const measured = maintenanceCompliance(input);
  const compliance = measured?.view ?? null;
  const lastDay = DateTime.fromISO(period.toDate, { zone: 'UTC' }).minus({ days: 1 }).toISODate() ?? period.toDate;
  const bonusMalus = computePeriodBonusMalus({
    rules: contract.bonusMalus,
    annualVolume: contract.annualVolume,
    periodFraction: periodFraction(period.fromDate, period.toDate),
    classes: availability.classes,
    slaCompliance: sla.overall.compliance,
    inspectionCompliance: compliance?.total ?? null,
  });
  const reports = priceBillableTickets(input.billable, input.priceList, input.priceListProblem);
  const effort = periodEffort(contract.internalCostRates, input.effort.msByRole, input.effort.materialCost);
  const occurrenceFees = billedOccurrenceFees(input.maintenance.billed);
  const cost = computeContractPeriodCost({
    contract,
    period: { from: period.fromDate, to: period.toDate },
    serviceReports: reports.priced,
    occurrenceFees,
    ...(bonusMalus.result === null ? {} : { bonusMalus: bonusMalus.result.amount }),
    ...(effort.effort === undefined ? {} : { effort: effort.effort }),
  });
  const inspectionBands =
    input.maintenance.inspectedAssets > 0
      ? inspectionBandViews(contract.inspectionBands ?? null, input.maintenance.inspectedAssets)
      : [];
  const notes = [
    ...input.notes,
    ...availability.notes,
    ...bonusMalus.notes,
    ...reports.notes,
    ...effort.notes,
    ...(compliance === null ? ['Keine Wartungs- oder Prüfpläne am Vertrag: keine Prüfcompliance'] : []),
    ...(measured !== null && measured.measuredTo < lastDay && measured.measuredTo >= period.fromDate
      ? [
          `Laufender Zeitraum: Prüfcompliance der Fälligkeiten bis ${dateDe(measured.measuredTo)}, ohne die noch in ihrer Toleranz offenen`,
        ]
      : []),
  ];

  const meta = {
    ...rollupMeta(contract, period, measuredUntil, input.computedAt),
    frozenAt: input.frozenAt?.toISOString() ?? null,
    notes,
  };
  return {
    kpis: {
      ...meta,
      availability: {
        basis: contract.availabilityBasis,
        method: AVAILABILITY_METHOD,
        contract: availability.contract,
        classes: availability.classes,
      },
      slaCompliance: {
        method: SLA_METHOD,
        cells: sla.cells.map((c) => ({
          ...c,
          breachedTickets: c.breachedTicketIds.map((id) => clockNumber.get(id) ?? id),
        })),
        overall: sla.overall,
      },
      bonusMalus: {
        kpiValues: bonusMalus.kpiValues,
        skipped: bonusMalus.skipped,
        result: bonusMalus.result,
        derivations: bonusMalus.derivations,
      },
      maintenanceCompliance: compliance,
    },
    costs: {
      ...meta,
      notes,
      periodFraction: cost.periodFraction,
      lines: cost.lines,
      occurrenceFees,
      inspectionBands,
      total: cost.total,
      serviceReports: reports.serviceReports,
      effort: cost.effort ?? null,
      margin: cost.margin ?? null,
      marginPercent: cost.marginPercent ?? null,
      loss: cost.loss ?? null,
    },
    derivation: {
      targets: contract.availabilityTargets,
      windowReasons: availability.windowReasons,
      assets: availability.assets,
    },
  };
}

type RollupContract = Pick<RollupInput['contract'], 'id' | 'name' | 'tenantId' | 'startsOn' | 'endsOn'>;

/** The contract's term and its coverage of the period (see ContractTermView). */
export function contractTerm(
  contract: Pick<RollupContract, 'startsOn' | 'endsOn'>,
  period: KpiPeriod,
): ContractTermView {
  return {
    startsOn: contract.startsOn,
    endsOn: contract.endsOn,
    coverage: termCoverage(period, contract),
  };
}

function rollupMeta(contract: RollupContract, period: KpiPeriod, measuredUntilMs: number, computedAt: Date) {
  return {
    contractId: contract.id,
    contractName: contract.name,
    tenantId: contract.tenantId,
    period: {
      key: period.key,
      kind: period.kind,
      from: period.fromDate,
      to: period.toDate,
      timezone: period.timezone,
      measuredUntil: iso(measuredUntilMs),
    },
    term: contractTerm(contract, period),
    computedAt: computedAt.toISOString(),
  };
}

/**
 * The roll-up of a period that lies wholly outside the contract's term: no figures at all — no availability,
 * compliance, bonus/malus, cost lines or margin — and `term.coverage: 'none'` saying why (not 100 % and a bonus).
 */
export function noFiguresRollup(
  contract: RollupContract & { readonly availabilityBasis: string },
  period: KpiPeriod,
  computedAt: Date,
): KpiRollup {
  const meta = { ...rollupMeta(contract, period, period.fromMs, computedAt), frozenAt: null, notes: [] };
  return {
    kpis: {
      ...meta,
      availability: {
        basis: contract.availabilityBasis,
        method: '',
        contract: { assets: 0, basisMinutes: '0', downtimeMinutes: '0', availability: null, availabilityPercent: null },
        classes: [],
      },
      slaCompliance: { method: '', cells: [], overall: { met: 0, breached: 0, compliance: null } },
      bonusMalus: { kpiValues: {}, skipped: [], result: null, derivations: {} },
      maintenanceCompliance: null,
    },
    costs: {
      ...meta,
      periodFraction: '0',
      lines: [],
      occurrenceFees: [],
      inspectionBands: [],
      total: '0.00',
      serviceReports: [],
      effort: null,
      margin: null,
      marginPercent: null,
      loss: null,
    },
    derivation: NO_DERIVATION,
  };
}
