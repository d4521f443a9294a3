/**
 * Planned maintenance and statutory inspections (issue 15): the pure model.
 *
 * A requirement (Wartungs-/Prüfplan) is an obligation: a task of the catalogue on one asset or a selection,
 * with a cadence, an anchor rule and a lead time. Planning it yields occurrences (Fälligkeiten), each with an
 * earliest start, a planning target and a legal latest date no grace may pass. All dates are plain ISO dates
 * 'yyyy-mm-dd' in the site's zone — no instants, no DST exposure.
 */

/** 'yyyy-mm-dd', a plain date in the site's zone. */
export type IsoDate = string;

/** DIN 31051 types of work (Inspektion, Wartung) plus the statutory test (BetrSichV, DGUV V3, PrüfVO, …). */
export type MaintenanceKind = 'inspection' | 'maintenance' | 'statutory-test';

/** Who performs it: the service provider or an approved inspection body (ZÜS, VdS, Prüfsachverständiger). */
export type Performer = 'provider' | 'approved-body';

/** "6×/a" → { every: 2, unit: 'month' }; "alle 2 J" → { every: 2, unit: 'year' }. */
export interface Cadence {
  readonly every: number;
  readonly unit: 'week' | 'month' | 'year';
}

/**
 * How the targets of a requirement are anchored.
 * - fixed-grid: period k (k ≥ 0) targets start + k × interval, computed from `start` (never chained), so month
 *   ends clamp per period (31 Jan + 1 month = 28/29 Feb, + 2 months = 31 Mar).
 * - floating: the next target is the last completion + interval; `start` until the first completion.
 * - statutory: the main inspection is due at most one interval after the last main test, the intermediate one
 *   (when `intermediate`) half-way; both move when a main inspection moves (ScheduleContext.lastMainInspection).
 */
export type AnchorRule =
  | { readonly kind: 'fixed-grid'; readonly start: IsoDate }
  | { readonly kind: 'floating'; readonly start: IsoDate }
  | { readonly kind: 'statutory'; readonly lastTest: IsoDate; readonly intermediate: boolean };

/** inspection-record = the BetrSichV §17 fields plus the body's report as a PDF document. */
export type EvidenceKind = 'checklist' | 'photo' | 'inspection-record';

/** The three SMRP on-time rules: by the target date, + 1 day, + 20 % of the interval capped at 28 days. */
export type GraceRule = 'none' | 'one-day' | 'twenty-percent';

export interface LocalizedText {
  readonly de: string;
  readonly en: string;
}

export interface ChecklistItemDefinition {
  readonly key: string;
  readonly label: LocalizedText;
  /** pass-fail: the technician judges; value: a measured value is recorded (with `unit`). */
  readonly kind: 'pass-fail' | 'value';
  readonly unit?: string;
  /**
   * For value items: the admissible range as decimal strings (inclusive). A recorded value outside it is a
   * failed item even when the technician ticked "pass" (e.g. legionella ≤ 100 KBE/100 ml, TrinkwV Anl. 3).
   */
  readonly limits?: { readonly min?: string; readonly max?: string };
}

/** A trade (Gewerk) of the catalogue, grouped like the parts of VDMA 24186. */
export interface TradeDefinition {
  readonly key: string;
  readonly label: LocalizedText;
  /** The VDMA 24186 part the trade belongs to, when there is one ('VDMA 24186-1' = air-handling …). */
  readonly vdma?: string;
}

/** A catalogue entry: what is done, by whom, how often by default, and what proves it. */
export interface TaskDefinition {
  readonly key: string;
  readonly trade: string;
  readonly kind: MaintenanceKind;
  readonly performer: Performer;
  readonly statutory: boolean;
  readonly title: LocalizedText;
  /** The rule or standard behind it, e.g. 'BetrSichV Anh. 2 Abschn. 2 Nr. 4', 'DIN EN 13015', 'VDI 6022 Blatt 1'. */
  readonly basis: string;
  readonly defaultCadence: Cadence;
  /** The anchor rule a new requirement of this task gets unless the planner chooses another. */
  readonly defaultAnchor: AnchorRule['kind'];
  /** Statutory tests with an intermediate inspection half-way (elevators: BetrSichV Anh. 2 Abschn. 2 Nr. 4.1). */
  readonly intermediate?: boolean;
  readonly evidence: readonly EvidenceKind[];
  readonly checklist: readonly ChecklistItemDefinition[];
  /** Where the default cadence comes from (a seed, a standard), for the planner's tooltip. */
  readonly cadenceSource?: string;
}

/** The part of a requirement that planning needs. */
export interface RequirementSchedule {
  readonly cadence: Cadence;
  readonly anchor: AnchorRule;
  /** Days before the target date at which the work order appears (see defaultLeadDays). */
  readonly leadDays: number;
  /** Statutory deadlines only ever move earlier to a working day; planning targets move later. */
  readonly statutory: boolean;
}

export interface PlannedOccurrence {
  /** Stable per requirement and asset: the generator's unique key (requirement, asset, periodNo). */
  readonly periodNo: number;
  readonly kind: 'regular' | 'main' | 'intermediate';
  /** The first day work counts for this period: the day after the previous period's (planned) target. */
  readonly earliestStart: IsoDate;
  /** The planning target, on a working day (moved later, never past legalLatest). */
  readonly targetDate: IsoDate;
  /** The date no grace may pass: statutory = the legal deadline moved earlier to a working day. */
  readonly legalLatest: IsoDate;
  /** When the work order appears for the technicians: targetDate − leadDays, not before earliestStart. */
  readonly workOrderFrom: IsoDate;
}

export interface ScheduleContext {
  /** Horizon, inclusive: occurrences whose targetDate lies in [from, to]. */
  readonly from: IsoDate;
  readonly to: IsoDate;
  /** floating: the date of the last completion … */
  readonly lastCompletion?: IsoDate;
  /**
   * … and the periodNo of the occurrence it completed (floating), or the periodNo (even) of the main
   * inspection `lastMainInspection` completed (statutory). Needed so period numbers stay stable when the
   * anchor moves; required together with lastCompletion / lastMainInspection.
   */
  readonly lastPeriodNo?: number;
  /** statutory: the date of the last main inspection; overrides anchor.lastTest when newer. */
  readonly lastMainInspection?: IsoDate;
  /**
   * A shorter deadline for the next main inspection written by the body in its last report (InspectionRecord
   * .nextDeadline). Applies when it lies after the last main test and before its regular deadline; the
   * intermediate inspection is then half-way to it and later cycles count from it.
   */
  readonly bodyDeadline?: IsoDate;
  /** The site's calendar (weekends + public holidays of its region), e.g. from workingDayRule(). */
  readonly isWorkingDay: (d: IsoDate) => boolean;
}

export type OccurrenceStatus = 'planned' | 'due' | 'overdue' | 'done-on-time' | 'done-late' | 'missed' | 'cancelled';

export interface OccurrenceStatusInput {
  readonly workOrderFrom: IsoDate;
  readonly targetDate: IsoDate;
  readonly legalLatest: IsoDate;
  readonly onTimeLimit: IsoDate;
  readonly startedOn?: IsoDate;
  readonly completedOn?: IsoDate;
  readonly cancelled: boolean;
}

export interface ComplianceInput {
  readonly occurrenceId: string;
  readonly trade: string;
  readonly targetDate: IsoDate;
  readonly onTimeLimit: IsoDate;
  readonly legalLatest: IsoDate;
  readonly completedOn?: IsoDate;
  readonly evidenceAccepted: boolean;
  readonly cancelled: boolean;
}

export type NonComplianceReason = 'late' | 'missed' | 'open';

export interface ComplianceFigure {
  /** Occurrences with their target date in the period, cancelled ones excluded (open ones included). */
  readonly due: number;
  /** Completed by the on-time limit with accepted evidence: the numerator. */
  readonly onTime: number;
  /** Completed after the on-time limit but by the legal latest date. */
  readonly late: number;
  /** Not completed by the legal latest date (a later completion never heals it). */
  readonly missed: number;
  /** Neither on time nor late nor missed yet: not completed, or completed without accepted evidence. */
  readonly open: number;
  readonly cancelled: number;
  /** onTime ÷ due × 100 as a decimal string with 2 places; null when nothing was due. */
  readonly percent: string | null;
  /** How the figure was derived, in German, one line per step. */
  readonly derivation: readonly string[];
  readonly nonCompliant: readonly { readonly occurrenceId: string; readonly reason: NonComplianceReason }[];
}

export interface ComplianceResult {
  readonly total: ComplianceFigure;
  readonly byTrade: Readonly<Record<string, ComplianceFigure>>;
}

export interface ChecklistResult {
  readonly key: string;
  readonly outcome: 'pass' | 'fail' | 'not-applicable';
  readonly value?: string;
  readonly note?: string;
}

/** A German inspection record (Prüfaufzeichnung, BetrSichV §17 / TRBS 1201); the asset is the occurrence's. */
export interface InspectionRecord {
  readonly date: IsoDate;
  /** Art der Prüfung, e.g. 'Hauptprüfung', 'Zwischenprüfung', 'wiederkehrende Prüfung'. */
  readonly type: string;
  readonly scope: string;
  readonly result: 'no-defects' | 'minor-defects' | 'major-defects' | 'dangerous';
  readonly defects: readonly string[];
  /** Frist der nächsten Prüfung, when the body sets one (a shorter one overrides the schedule). */
  readonly nextDeadline?: IsoDate;
  readonly inspector: string;
  /** The approved body (ZÜS), for approved-body work. */
  readonly body?: string;
}

/** What the completion gate checks: the evidence kinds and the checklist of the task or requirement. */
export interface RequirementEvidence {
  readonly evidence: readonly EvidenceKind[];
  readonly checklist: readonly ChecklistItemDefinition[];
  /** Approved-body work needs the body's name in the inspection record. */
  readonly performer?: Performer;
}

export interface CompletionEvidence {
  readonly checklist: readonly ChecklistResult[];
  readonly inspectionRecord?: InspectionRecord;
  /** Documents attached to the occurrence, by document class ('photo', 'inspection-report', …). */
  readonly documents: readonly { readonly class: string }[];
}

/** A validated requirement from API input. */
export interface ParsedRequirement extends RequirementSchedule {
  readonly taskKey: string;
  readonly performer: Performer;
  readonly evidence: readonly EvidenceKind[];
  /** Decimal string with 2 places, billed per occurrence; null when not billed. */
  readonly fee: string | null;
}
