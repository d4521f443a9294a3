import type { DecimalString, IsoInstant } from './common.types';
import type { DocumentView } from './document.types';
import type { ComplianceFigureView } from './kpi.types';

/**
 * Planned maintenance and statutory inspections (issue 15): requirements (Wartungs-/Prüfpläne, the
 * obligations), their occurrences (Fälligkeiten) and the occurrence's own append-only event log.
 * Plan dates are ISO dates ('yyyy-mm-dd') in the site's zone; instants are UTC ISO-8601 strings.
 * Requirements carry `version` (ETag); PATCH needs `If-Match: "<version>"` (stale → 412, missing → 428).
 */

/** A plain date 'yyyy-mm-dd' in the site's zone. */
export type PlanDate = string;

/** DIN 31051 inspection / maintenance, plus the statutory test (BetrSichV, DGUV V3 …). */
export const MAINTENANCE_KINDS = ['inspection', 'maintenance', 'statutory-test'] as const;
export type MaintenanceKindValue = (typeof MAINTENANCE_KINDS)[number];

/** Who performs it: the provider's technicians or an approved inspection body (ZÜS). */
export const PERFORMERS = ['provider', 'approved-body'] as const;
export type PerformerValue = (typeof PERFORMERS)[number];

export const CADENCE_UNITS = ['week', 'month', 'year'] as const;
export type CadenceUnitValue = (typeof CADENCE_UNITS)[number];

/** fixed grid from the contract start; floating from the last completion; statutory from the last legal test. */
export const ANCHOR_KINDS = ['fixed-grid', 'floating', 'statutory'] as const;
export type AnchorKindValue = (typeof ANCHOR_KINDS)[number];

export const EVIDENCE_KINDS = ['checklist', 'photo', 'inspection-record'] as const;
export type EvidenceKindValue = (typeof EVIDENCE_KINDS)[number];

/** A regular occurrence, or a statutory main / intermediate inspection. */
export const OCCURRENCE_KINDS = ['regular', 'main', 'intermediate'] as const;
export type OccurrenceKindValue = (typeof OCCURRENCE_KINDS)[number];

export const OCCURRENCE_STATUSES = [
  'planned',
  'due',
  'overdue',
  'done-on-time',
  'done-late',
  'missed',
  'cancelled',
] as const;
export type OccurrenceStatusValue = (typeof OCCURRENCE_STATUSES)[number];

export const OCCURRENCE_EVENT_TYPES = [
  'generated',
  'released',
  'reminder',
  'overdue',
  'missed',
  'started',
  'checklist',
  'work-logged',
  'document-attached',
  'completed',
  'cancelled',
  'rescheduled',
] as const;
export type OccurrenceEventType = (typeof OCCURRENCE_EVENT_TYPES)[number];

/** The SMRP on-time rules a contract may choose (contract terms `maintenance.grace`, default 'none'). */
export const GRACE_RULES = ['none', 'one-day', 'twenty-percent'] as const;
export type GraceRuleValue = (typeof GRACE_RULES)[number];

export interface CadenceView {
  every: number;
  unit: CadenceUnitValue;
}

export interface LocalizedText {
  de: string;
  en: string;
}

// ── task catalogue ───────────────────────────────────────────────────────────────────────────────
export interface ChecklistItemView {
  key: string;
  label: LocalizedText;
  kind: 'pass-fail' | 'value';
  unit?: string;
}

/** An entry of the task catalogue (data, grouped by trade like VDMA 24186). */
export interface MaintenanceTaskView {
  key: string;
  trade: string;
  kind: MaintenanceKindValue;
  performer: PerformerValue;
  statutory: boolean;
  title: LocalizedText;
  /** The rule it rests on, e.g. 'BetrSichV §16', 'DIN EN 13015', 'VDI 6022'. */
  basis: string;
  defaultCadence: CadenceView;
  evidence: EvidenceKindValue[];
  checklist: ChecklistItemView[];
}

/** GET /maintenance/tasks */
export interface MaintenanceTaskListResponse {
  items: MaintenanceTaskView[];
}

// ── requirements ─────────────────────────────────────────────────────────────────────────────────
/**
 * The anchor rule: fixed grid from `start` (period k targets start + k × interval), floating from the last
 * completion (`start` until the first), or statutory from the last legal main test (`lastTest`), with an
 * intermediate inspection half-way when `intermediate`.
 */
export type AnchorView =
  | { kind: 'fixed-grid' | 'floating'; start: PlanDate }
  | { kind: 'statutory'; lastTest: PlanDate; intermediate: boolean };

/**
 * A requirement (obligation): one task on one asset, or on every asset of a site matching the
 * optional trade and asset class.
 */
export interface MaintenanceRequirementView {
  id: string;
  tenantId: string;
  contractId: string;
  taskKey: string;
  title: string;
  kind: MaintenanceKindValue;
  statutory: boolean;
  siteId: string;
  /** One asset, or null for a selection by site (+ trade, + asset class). */
  assetId: string | null;
  trade: string | null;
  assetClass: 'A' | 'B' | 'C' | null;
  cadence: CadenceView;
  anchor: AnchorView;
  /** Days before the target date the work order appears for the technicians. */
  leadDays: number;
  performer: PerformerValue;
  evidence: EvidenceKindValue[];
  /** Net fee per occurrence, decimal string with 2 places; null when not billed separately. */
  fee: DecimalString | null;
  active: boolean;
  createdAt: IsoInstant;
  updatedAt: IsoInstant;
  version: number;
}

export interface CreateMaintenanceRequirementRequest {
  contractId: string;
  /** A key of the task catalogue (GET /maintenance/tasks). */
  taskKey: string;
  /** Defaults to the task's German title; 1–200 characters. */
  title?: string;
  /** A statutory task stays statutory; a non-statutory one may be made statutory. */
  statutory?: boolean;
  siteId: string;
  assetId?: string | null;
  trade?: string | null;
  assetClass?: 'A' | 'B' | 'C' | null;
  /** Defaults to the task's cadence; `{ timesPerYear: 6 }` means every 2 months. */
  cadence?: CadenceView | { timesPerYear: number };
  /** `intermediate` defaults to the task's (elevators: true). */
  anchor: AnchorView | { kind: 'statutory'; lastTest: PlanDate; intermediate?: boolean };
  /** Defaults to the cadence's default lead time. */
  leadDays?: number;
  /** Defaults to the task's. */
  performer?: PerformerValue;
  /** Defaults to the task's. */
  evidence?: EvidenceKindValue[];
  fee?: DecimalString | null;
  active?: boolean;
}

/** The contract, site and selection of a requirement never change; everything else may. */
export type UpdateMaintenanceRequirementRequest = Partial<
  Omit<CreateMaintenanceRequirementRequest, 'contractId' | 'siteId' | 'assetId' | 'trade' | 'assetClass' | 'taskKey'>
>;

export interface MaintenanceRequirementListQuery {
  contractId?: string;
  siteId?: string;
  assetId?: string;
}

export interface MaintenanceRequirementListResponse {
  items: MaintenanceRequirementView[];
}

// ── occurrences (calendar) ───────────────────────────────────────────────────────────────────────
/** Most rows one calendar query returns; a wider range answers 400 (narrow siteId/trade/from/to). */
export const OCCURRENCE_CALENDAR_MAX_ROWS = 5_000;

export interface OccurrenceCalendarQuery {
  siteId?: string;
  trade?: string;
  /** Target dates from … to, inclusive (yyyy-mm-dd); at most 400 days apart. */
  from: PlanDate;
  to: PlanDate;
  /** Comma-separated statuses. */
  status?: string;
}

/** A requirement the calendar's items refer to, listed once per answer. */
export interface OccurrenceCalendarRequirement {
  id: string;
  taskKey: string;
  title: string;
}

/** An asset the calendar's items refer to, listed once per answer. */
export interface OccurrenceCalendarAsset {
  id: string;
  code: string;
  name: string;
  trade: string;
}

/** One occurrence in the calendar grid; `requirement` and `asset` index the answer's lists. */
export interface OccurrenceCalendarItem {
  id: string;
  requirement: number;
  asset: number;
  targetDate: PlanDate;
  status: OccurrenceStatusValue;
}

/**
 * GET /maintenance/occurrences: what the calendar grid draws. Items by target date, asset code, id; each
 * requirement and asset they refer to once (the lists ordered by task key and by asset code).
 */
export interface OccurrenceCalendarResponse {
  requirements: OccurrenceCalendarRequirement[];
  assets: OccurrenceCalendarAsset[];
  items: OccurrenceCalendarItem[];
}

// ── asset maintenance log ────────────────────────────────────────────────────────────────────────
/** One entry of an asset's history: a ticket (fault) or an occurrence (planned work). */
export type AssetMaintenanceLogEntry =
  | {
      type: 'ticket';
      id: string;
      /** When it happened: the ticket's fault start. */
      at: IsoInstant;
      number: string;
      title: string;
      status: string;
      priority: string;
    }
  | {
      type: 'occurrence';
      id: string;
      /** When it happened: completed_at, else the target date's start (00:00 in the site's zone, as UTC). */
      at: IsoInstant;
      requirementId: string;
      taskKey: string;
      title: string;
      kind: OccurrenceKindValue;
      targetDate: PlanDate;
      legalLatest: PlanDate;
      status: OccurrenceStatusValue;
      completedOn: PlanDate | null;
    };

/** GET /assets/:id/maintenance-log: newest first. */
export interface AssetMaintenanceLogResponse {
  items: AssetMaintenanceLogEntry[];
}

// ---- Execution -------------------------------------------------------------

/** Outcome of one checklist item. */
export const CHECKLIST_OUTCOMES = ['pass', 'fail', 'not-applicable'] as const;
export type ChecklistOutcome = (typeof CHECKLIST_OUTCOMES)[number];

/** One answered checklist item (the domain's ChecklistResult). */
export interface ChecklistResultInput {
  key: string;
  outcome: ChecklistOutcome;
  /** The measured value of a 'value' item, as text (e.g. '0.42'). */
  value?: string;
  note?: string;
}

/** PUT /maintenance/occurrences/:id/checklist (the whole list; a JSON body is always an object). */
export interface PutChecklistRequest {
  results: ChecklistResultInput[];
}

/** Result of an inspection (BetrSichV §17 record). */
export const INSPECTION_RESULTS = ['no-defects', 'minor-defects', 'major-defects', 'dangerous'] as const;
export type InspectionResult = (typeof INSPECTION_RESULTS)[number];

/** PUT /maintenance/occurrences/:id/inspection-record: the §17 fields (the asset is the occurrence's). */
export interface InspectionRecordInput {
  /** yyyy-mm-dd, not in the future. */
  date: string;
  type: string;
  scope: string;
  result: InspectionResult;
  /** Empty exactly when result is 'no-defects'. */
  defects: string[];
  /** The deadline the inspector set for the next test (yyyy-mm-dd, after `date`). */
  nextDeadline?: string;
  inspector: string;
  /** The approved inspection body (ZÜS); required when the requirement's performer is 'approved-body'. */
  body?: string;
}

export interface CreateOccurrenceWorkLogRequest {
  /** 1–1440. */
  minutes: number;
  /** Instant with offset; defaults to now. */
  loggedAt?: string;
  note?: string;
}

export interface CreateOccurrenceMaterialRequest {
  description: string;
  /** Decimal string > 0, at most 3 decimals. */
  quantity: string;
  /** Default 'Stk'. */
  unit?: string;
  /** Net EUR per unit, decimal string with at most 2 decimals; omitted: not priced. */
  unitPrice?: string;
}

/** POST /maintenance/occurrences/:id/cancel. */
export interface CancelOccurrenceRequest {
  reason: string;
  /** An active manager serving the occurrence's tenant, or an active admin. */
  approverId: string;
}

/** One user who may approve a cancellation. */
export interface CancelApprover {
  id: string;
  name: string;
  role: 'admin' | 'manager';
}

/** GET /maintenance/occurrences/:id/cancel-approvers: the managers of the tenant first, then the admins. */
export interface CancelApproverListResponse {
  items: CancelApprover[];
}

export const TECHNICIAN_RANGES = ['today', 'week'] as const;
export type TechnicianRange = (typeof TECHNICIAN_RANGES)[number];

export interface TechnicianOccurrenceQuery {
  /** today: target date ≤ today (overdue included); week: ≤ today + 6 days. Default today. */
  range?: TechnicianRange;
}

/** A work order on the technician's list (GET /technician/occurrences), ordered by target date. */
export interface TechnicianOccurrenceRow {
  id: string;
  tenantId: string;
  siteId: string;
  siteName: string;
  assetId: string;
  assetCode: string;
  assetName: string;
  taskKey: string;
  title: string;
  trade: string;
  kind: OccurrenceKindValue;
  targetDate: PlanDate;
  legalLatest: PlanDate;
  status: OccurrenceStatusValue;
  technicianId: string | null;
  startedAt: IsoInstant | null;
  version: number;
}

export interface TechnicianOccurrenceListResponse {
  items: TechnicianOccurrenceRow[];
}

/** The types of the occurrence's log that execution writes besides OCCURRENCE_EVENT_TYPES' own. */
export const OCCURRENCE_EXECUTION_EVENT_TYPES = ['material-added', 'inspection-recorded'] as const;

export interface OccurrenceEventView {
  id: string;
  type: OccurrenceEventType | (typeof OCCURRENCE_EXECUTION_EVENT_TYPES)[number];
  at: string;
  actorId: string | null;
  payload: Record<string, unknown>;
}

export interface OccurrenceWorkLogView {
  id: string;
  occurrenceId: string;
  technicianId: string;
  minutes: number;
  note: string | null;
  loggedAt: string;
}

export interface OccurrenceMaterialView {
  id: string;
  occurrenceId: string;
  description: string;
  /** Decimal string. */
  quantity: string;
  unit: string;
  /** Decimal string (EUR, net) or null when not priced. */
  unitPrice: string | null;
}

/** The stored inspection record: the input plus who recorded it, when. */
export interface InspectionRecordView extends InspectionRecordInput {
  recordedBy: string;
  recordedAt: string;
}

/** GET /maintenance/occurrences/:id (staff and technicians of the tenant; ETag = version). */
export interface OccurrenceDetail {
  id: string;
  tenantId: string;
  contractId: string;
  siteId: string;
  siteName: string;
  siteTimezone: string;
  requirementId: string;
  periodNo: number;
  kind: OccurrenceKindValue;
  trade: string;
  earliestStart: string;
  targetDate: string;
  legalLatest: string;
  onTimeLimit: string;
  workOrderFrom: string;
  releasedAt: string | null;
  technicianId: string | null;
  status: OccurrenceStatusValue;
  startedAt: string | null;
  completedAt: string | null;
  completedOn: string | null;
  completedBy: string | null;
  evidenceAccepted: boolean;
  cancelReason: string | null;
  cancelledBy: string | null;
  cancelApprovedBy: string | null;
  followUpTicketIds: string[];
  version: number;
  task: MaintenanceTaskView;
  requirement: {
    id: string;
    title: string;
    performer: PerformerValue;
    evidence: EvidenceKindValue[];
    anchorKind: AnchorKindValue;
    cadence: CadenceView;
    statutory: boolean;
  };
  asset: { id: string; code: string; name: string; assetClass: 'A' | 'B' | 'C'; trade: string };
  checklist: ChecklistResultInput[];
  inspectionRecord: InspectionRecordView | null;
  events: OccurrenceEventView[];
  documents: DocumentView[];
  workLogs: OccurrenceWorkLogView[];
  materials: OccurrenceMaterialView[];
  /** What completion still lacks, e.g. 'checklist.brakes', 'inspectionRecord', 'document:inspection-report'. */
  missingEvidence: string[];
}

/** 409 of POST …/complete: `details` of the ApiError. */
export interface EvidenceMissingDetails {
  code: 'evidence-missing';
  missing: string[];
}

export interface ComplianceQuery {
  contractId: string;
  /** yyyy-mm-dd, inclusive; at most 366 days. */
  from: string;
  to: string;
}

/** A late, missed or open occurrence behind a compliance figure (drill-down). */
export interface NonCompliantOccurrence {
  occurrenceId: string;
  reason: 'late' | 'missed' | 'open';
  taskKey: string;
  title: string;
  trade: string;
  siteId: string;
  assetId: string;
  assetCode: string;
  assetName: string;
  targetDate: string;
  onTimeLimit: string;
  legalLatest: string;
  completedOn: PlanDate | null;
  status: OccurrenceStatusValue;
}

/** GET /maintenance/compliance (figures as in the KPI roll-up's MaintenanceComplianceView). */
export interface ComplianceResponse {
  contractId: string;
  from: string;
  to: string;
  /** The day "open" and "missed" were judged on (Europe/Berlin). */
  today: string;
  /** The last target date counted: min(to, today) — later targets are not due yet. */
  measuredTo: string;
  /** Counted occurrences (target date up to measuredTo, decided), as in the KPI roll-up of a running period. */
  total: ComplianceFigureView;
  byTrade: Record<string, ComplianceFigureView>;
  /**
   * Occurrences of [from, to], not cancelled, that the figures do not count yet: neither completed nor past
   * their on-time limit (they can still be done on time), or with a target date after measuredTo.
   */
  undecided: number;
  undecidedByTrade: Record<string, number>;
  /**
   * The drill-down: the late, missed and open occurrences behind `total`, missed first, then late, then open, each
   * by target date — at most COMPLIANCE_DRILL_DOWN_LIMIT of them. The figures' own `nonCompliant` lists hold the
   * same occurrences (by target date), so they too are partial when `nonCompliantTruncated`; the counts never are.
   */
  nonCompliant: NonCompliantOccurrence[];
  /** All late, missed and open occurrences behind `total` (= total.late + total.missed + total.open). */
  nonCompliantTotal: number;
  /** `nonCompliant` holds fewer than nonCompliantTotal (the first COMPLIANCE_DRILL_DOWN_LIMIT). */
  nonCompliantTruncated: boolean;
}

/** At most this many rows in a compliance answer's drill-down (`nonCompliant`). */
export const COMPLIANCE_DRILL_DOWN_LIMIT = 500;

/** POST /account/calendar-token: the feed URL (shown once; a new call replaces it). */
export interface CalendarTokenResponse {
  url: string;
}
