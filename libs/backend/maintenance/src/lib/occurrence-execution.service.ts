import { Inject, Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { DataSource, type EntityManager } from 'typeorm';
import type {
  DocumentView,
  OccurrenceKindValue,
  OccurrenceStatusValue,
  OccurrenceDetail,
  OccurrenceMaterialView,
  OccurrenceWorkLogView,
  TechnicianOccurrenceListResponse,
  TechnicianOccurrenceRow,
  TechnicianRange,
} from '@leitstand/api-contracts';
import {
  CLOCK,
  ConflictError,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  PreconditionFailedError,
  canSeeTenant,
  isUuid,
  tenantFilter,
  type AuthUser,
  type Clock,
} from '@leitstand/backend/core';
import { enqueueInTransaction } from '@leitstand/backend/jobs';
import {
  MaintenanceError,
  failedItems,
  occurrenceStatus,
  parseChecklistResults,
  parseInspectionRecord,
  type ChecklistItemDefinition,
  type ChecklistResult,
  type InspectionRecord,
} from '@leitstand/domain';
import type {
  CancelOccurrenceDto,
  ChecklistResultDto,
  InspectionRecordDto,
  OccurrenceMaterialDto,
  OccurrenceWorkLogDto,
} from './occurrence-execution.dto';
import { CANCELLING_ROLES, cancelApproverCondition } from './occurrence-approvers.service';
import { storeOccurrenceDocument, type OccurrenceDocumentInput } from './occurrence-documents';
import {
  MATERIAL_COLUMNS,
  OCCURRENCE_SELECT,
  WORK_LOG_COLUMNS,
  civilDate,
  evidenceOf,
  loadOccurrenceDetail,
  missingEvidenceOf,
  taskOf,
  toMaterialView,
  toWorkLogView,
  type OccurrenceRow,
} from './occurrence-views';

/** A fault ticket raised by a finding (what the completion needs of the ticket intake). */
export interface FollowUpTicketInput {
  siteId: string;
  assetId: string;
  title: string;
  description: string;
  category: string;
}

/**
 * The ticket intake as execution uses it: a ticket written with the caller's transaction, published after
 * COMMIT. The API binds it to TicketsService.createWithin (a feature library cannot import another).
 */
export interface FollowUpTickets {
  createWithin(
    manager: EntityManager,
    user: AuthUser,
    input: FollowUpTicketInput,
  ): Promise<{ ticket: { id: string; number: string }; publish: () => void }>;
}

export const FOLLOW_UP_TICKETS = Symbol('FOLLOW_UP_TICKETS');

/** Roles that execute occurrences (technicians: released work of their tenants, own or unassigned). */
const EXECUTING_ROLES = new Set(['admin', 'agent', 'manager', 'technician']);
/** Longest technician list (a week of work orders of one technician stays far below it). */
export const TECHNICIAN_LIST_LIMIT = 500;

/** One event of a change: its type and payload (actor and time are added by the write path). */
export interface OccurrenceEventDraft {
  type: string;
  payload: Record<string, unknown>;
}

/** What one change to an occurrence writes. */
export interface OccurrenceChange<R> {
  events: OccurrenceEventDraft[];
  /** Column → value of the occurrence UPDATE (version and updated_at are added). */
  set: Record<string, unknown>;
  /** The answer, built inside the transaction after the update. */
  result: (manager: EntityManager, row: OccurrenceRow) => Promise<R>;
  /** Runs after COMMIT (e.g. publishing a follow-up ticket to the live queue). */
  afterCommit?: () => void;
}

/** What a write needs of the occurrence's state. */
type Requirement = 'open' | 'released-open';

/**
 * Executing an occurrence (issue 15): the technician's list, the detail, start, checklist, work logs,
 * materials, the inspection record, completion behind the evidence gate, cancellation with an approver.
 * Every change locks the occurrence row (SELECT … FOR UPDATE), checks tenancy (404 outside), role and
 * assignment (403), the version (If-Match → 412), writes its append-only occurrence events with actor and
 * time and bumps the version — in ONE transaction per request.
 */
@Injectable()
export class OccurrenceExecutionService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(FOLLOW_UP_TICKETS) private readonly tickets: FollowUpTickets,
  ) {}

  /**
   * The technician's work orders: released, neither completed nor cancelled, of the caller's tenants,
   * assigned to the caller or to nobody, with a target date up to today ('today', overdue included) or
   * today + 6 days ('week') in each site's zone; ordered by target date.
   */
  async technicianList(user: AuthUser, range: TechnicianRange = 'today'): Promise<TechnicianOccurrenceListResponse> {
    if (user.role !== 'technician') throw new ForbiddenError('the work-order list is the technicians’ own');
    const tenants = tenantFilter(user) ?? [];
    const days = range === 'week' ? 6 : 0;
    const rows = (await this.dataSource.query(
      `SELECT o.id, o.tenant_id, o.site_id, s.name AS site_name, o.asset_id, a.code AS asset_code, a.name AS asset_name,
              r.task_key, r.title, o.trade, o.kind, o.target_date::text AS target_date,
              o.legal_latest::text AS legal_latest, o.status, o.technician_id, o.started_at, o.version
         FROM maintenance_occurrences o
         JOIN sites s ON s.id = o.site_id
         JOIN assets a ON a.id = o.asset_id
         JOIN maintenance_requirements r ON r.id = o.requirement_id
        WHERE o.tenant_id = ANY($1::uuid[])
          AND o.released_at IS NOT NULL AND o.completed_at IS NULL AND o.status <> 'cancelled'
          AND (o.technician_id = $2 OR o.technician_id IS NULL)
          AND o.target_date <= (($3::timestamptz AT TIME ZONE s.timezone)::date + $4::int)
        ORDER BY o.target_date, o.id
        LIMIT ${TECHNICIAN_LIST_LIMIT}`,
      [tenants, user.id, this.clock.now(), days],
    )) as Array<{
      id: string;
      tenant_id: string;
      site_id: string;
      site_name: string;
      asset_id: string;
      asset_code: string;
      asset_name: string;
      task_key: string;
      title: string;
      trade: string;
      kind: OccurrenceKindValue;
      target_date: string;
      legal_latest: string;
      status: OccurrenceStatusValue;
      technician_id: string | null;
      started_at: Date | null;
      version: number;
    }>;
    return {
      items: rows.map((r): TechnicianOccurrenceRow => ({
        id: r.id,
        tenantId: r.tenant_id,
        siteId: r.site_id,
        siteName: r.site_name,
        assetId: r.asset_id,
        assetCode: r.asset_code,
        assetName: r.asset_name,
        taskKey: r.task_key,
        title: r.title,
        trade: r.trade,
        kind: r.kind,
        targetDate: r.target_date,
        legalLatest: r.legal_latest,
        status: r.status,
        technicianId: r.technician_id,
        startedAt: r.started_at?.toISOString() ?? null,
        version: r.version,
      })),
    };
  }

  /** The detail; 404 when unknown, outside the caller's tenants, or asked by a customer. */
  async detail(user: AuthUser, id: string): Promise<OccurrenceDetail> {
    const row = await this.findVisible(this.dataSource.manager, user, id, false);
    return loadOccurrenceDetail(this.dataSource.manager, user, row);
  }

  /**
   * Checks, before an upload's body is read, that the caller may attach evidence to the occurrence
   * (404 outside the tenants, 403 for another technician's work, 409 when not open for execution).
   */
  async assertMayAttach(user: AuthUser, id: string): Promise<void> {
    const row = await this.findVisible(this.dataSource.manager, user, id, false);
    authorize(user, row, 'attach documents to');
    assertState(row, 'released-open');
  }

  /**
   * Attaches evidence (a photo or the inspection body's report) to the occurrence: content, document and
   * link (document_links.occurrence_id) and the 'document-attached' event in one transaction. An inspection
   * report without nextTestDue is kept at least until the record's next deadline.
   */
  attachDocument(
    user: AuthUser,
    id: string,
    input: OccurrenceDocumentInput,
    ifMatch: number | undefined,
  ): Promise<{ document: DocumentView; version: number }> {
    return this.mutate(user, id, ifMatch, 'attach documents to', 'released-open', async (manager, o, now) => {
      const nextTestDue =
        input.nextTestDue ??
        (input.documentClass === 'inspection-report' ? (o.inspection_record?.nextDeadline ?? null) : null);
      const document = await storeOccurrenceDocument(manager, user, o, { ...input, nextTestDue }, now);
      return {
        events: [
          {
            type: 'document-attached',
            payload: {
              documentId: document.id,
              documentClass: document.documentClass,
              title: document.title,
              sha256: document.sha256,
            },
          },
        ],
        set: {},
        result: (_m, fresh) => Promise.resolve({ document, version: fresh.version }),
      };
    });
  }

  /** Starts the work: started_at, the technician (a technician takes an unassigned work order), 'started'. */
  start(user: AuthUser, id: string, ifMatch: number): Promise<OccurrenceDetail> {
    return this.mutate(user, id, ifMatch, 'start', 'released-open', (_m, o, now) => {
      if (o.started_at !== null) {
        throw new ConflictError('the occurrence was started already', {
          code: 'already-started',
          startedAt: o.started_at.toISOString(),
        });
      }
      const startedOn = civilDate(now, o.site_timezone);
      const set: Record<string, unknown> = {
        started_at: now,
        status: statusOf(o, { startedOn, today: startedOn }),
      };
      if (user.role === 'technician' && o.technician_id === null) set['technician_id'] = user.id;
      return Promise.resolve({
        events: [
          {
            type: 'started',
            payload: { startedOn, ...(set['technician_id'] ? { technicianId: user.id } : {}) },
          },
        ],
        set,
        result: (m, row) => loadOccurrenceDetail(m, user, row),
      });
    });
  }

  /** Replaces the checklist; every key must be an item of the task (400 naming the unknown one). */
  putChecklist(user: AuthUser, id: string, results: ChecklistResultDto[], ifMatch: number): Promise<OccurrenceDetail> {
    return this.mutate(user, id, ifMatch, 'record the checklist of', 'released-open', (_m, o) => {
      const checklist = validateChecklist(o.task_key, evidenceOf(o).checklist, results);
      const failed = checklist.filter((r) => r.outcome === 'fail').map((r) => r.key);
      return Promise.resolve({
        events: [{ type: 'checklist', payload: { results: checklist, failed } }],
        set: { checklist: JSON.stringify(checklist) },
        result: (m, row) => loadOccurrenceDetail(m, user, row),
      });
    });
  }

  /** The inspection record (BetrSichV §17): validated field by field, replacing an earlier one. */
  putInspectionRecord(
    user: AuthUser,
    id: string,
    body: InspectionRecordDto,
    ifMatch: number,
  ): Promise<OccurrenceDetail> {
    return this.mutate(user, id, ifMatch, 'record the inspection of', 'released-open', (_m, o, now) => {
      const today = civilDate(now, o.site_timezone);
      const record = validateInspectionRecord(body, { today, performer: o.performer });
      const stored = { ...record, recordedBy: user.id, recordedAt: now.toISOString() };
      return Promise.resolve({
        events: [{ type: 'inspection-recorded', payload: { record } }],
        set: { inspection_record: JSON.stringify(stored) },
        result: (m, row) => loadOccurrenceDetail(m, user, row),
      });
    });
  }

  /** A work log of the caller (If-Match optional: appending conflicts with nothing). */
  addWorkLog(
    user: AuthUser,
    id: string,
    body: OccurrenceWorkLogDto,
    ifMatch: number | undefined,
  ): Promise<{ view: OccurrenceWorkLogView; version: number }> {
    return this.mutate(user, id, ifMatch, 'log work on', 'released-open', async (manager, o, now) => {
      const loggedAt = body.loggedAt === undefined ? now : new Date(body.loggedAt);
      if (loggedAt.getTime() > now.getTime() + 2 * 60_000) {
        throw InvalidInputError.of('loggedAt', 'loggedAt must not lie in the future');
      }
      const [row] = (await manager.query(
        `INSERT INTO occurrence_work_logs (occurrence_id, tenant_id, technician_id, minutes, note, logged_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${WORK_LOG_COLUMNS}`,
        [o.id, o.tenant_id, user.id, body.minutes, body.note?.trim() || null, loggedAt],
      )) as Array<Parameters<typeof toWorkLogView>[0]>;
      const view = toWorkLogView(row as Parameters<typeof toWorkLogView>[0]);
      return {
        events: [
          {
            type: 'work-logged',
            payload: { workLogId: view.id, minutes: view.minutes, loggedAt: view.loggedAt, note: view.note },
          },
        ],
        set: {},
        result: (_m, fresh) => Promise.resolve({ view, version: fresh.version }),
      };
    });
  }

  /** A material line (quantity and price as decimal strings, stored as numeric). */
  addMaterial(
    user: AuthUser,
    id: string,
    body: OccurrenceMaterialDto,
    ifMatch: number | undefined,
  ): Promise<{ view: OccurrenceMaterialView; version: number }> {
    return this.mutate(user, id, ifMatch, 'add material to', 'released-open', async (manager, o) => {
      const [row] = (await manager.query(
        `INSERT INTO occurrence_materials (occurrence_id, tenant_id, description, quantity, unit, unit_price, created_by)
         VALUES ($1, $2, $3, $4::numeric, $5, $6::numeric, $7) RETURNING ${MATERIAL_COLUMNS}`,
        [
          o.id,
          o.tenant_id,
          body.description.trim(),
          body.quantity,
          body.unit?.trim() || 'Stk',
          body.unitPrice ?? null,
          user.id,
        ],
      )) as Array<Parameters<typeof toMaterialView>[0]>;
      const view = toMaterialView(row as Parameters<typeof toMaterialView>[0]);
      return {
        events: [
          {
            type: 'material-added',
            payload: {
              materialId: view.id,
              description: view.description,
              quantity: view.quantity,
              unit: view.unit,
              unitPrice: view.unitPrice,
            },
          },
        ],
        set: {},
        result: (_m, fresh) => Promise.resolve({ view, version: fresh.version }),
      };
    });
  }

  /**
   * Completes the occurrence behind the evidence gate: 409 `{ code: 'evidence-missing', missing }` while
   * the domain's missingEvidence names anything. Otherwise completed_on is today in the site's zone, the
   * status comes from the domain (done-on-time, done-late; a completion after the legal latest date stays
   * missed), evidence is accepted, and each failed checklist item — and an inspection record with defects —
   * raises one fault ticket through the ticket intake, in the same transaction: a retry finds the
   * occurrence completed (409) and raises nothing. Floating and statutory plans are regenerated: the
   * 'maintenance.generate' job of the contract is written to the outbox in the completion's transaction
   * (the next date depends on this completion, or on a shorter deadline the inspection body set), so a
   * completion is never committed without its re-planning, nor re-planned without being committed.
   */
  complete(user: AuthUser, id: string, ifMatch: number): Promise<OccurrenceDetail> {
    return this.mutate(user, id, ifMatch, 'complete', 'released-open', async (manager, o, now) => {
      const missing = await missingEvidenceOf(manager, o);
      if (missing.length > 0) {
        throw new ConflictError(`evidence is missing: ${missing.join(', ')}`, { code: 'evidence-missing', missing });
      }
      const completedOn = civilDate(now, o.site_timezone);
      const startedOn = o.started_at ? civilDate(o.started_at, o.site_timezone) : completedOn;
      const status = statusOf(o, { startedOn, completedOn, today: completedOn });
      const followUps = await this.raiseFollowUps(manager, user, o);
      const ticketIds = followUps.map((f) => f.ticketId);
      const set: Record<string, unknown> = {
        status,
        completed_at: now,
        completed_on: completedOn,
        completed_by: user.id,
        evidence_accepted: true,
        follow_up_ticket_ids: [...(o.follow_up_ticket_ids ?? []), ...ticketIds],
      };
      if (o.started_at === null) set['started_at'] = now;
      if (o.technician_id === null && user.role === 'technician') set['technician_id'] = user.id;
      const shorterDeadline = bodySetShorterDeadline(o, completedOn);
      if (completionReplans(o)) {
        await enqueueInTransaction(manager, 'maintenance.generate', {
          contractId: o.contract_id,
          reason: 'occurrence-completed',
        });
      }
      return {
        events: [
          {
            type: 'completed',
            payload: {
              completedOn,
              status,
              evidenceAccepted: true,
              followUpTicketIds: ticketIds,
              followUps: followUps.map(({ publish: _p, ...f }) => f),
              ...(shorterDeadline ? { bodyDeadline: shorterDeadline } : {}),
            },
          },
        ],
        set,
        result: (m, row) => loadOccurrenceDetail(m, user, row),
        afterCommit: () => followUps.forEach((f) => f.publish()),
      };
    });
  }

  /**
   * Cancels an occurrence (e.g. the asset was taken out of service): a reason and an approver — an active
   * admin, or an active manager serving the occurrence's tenant — are required. Cancelled occurrences do
   * not count in compliance, so a missed one (legal latest date passed) cannot be cancelled: that would
   * heal a miss.
   */
  cancel(user: AuthUser, id: string, body: CancelOccurrenceDto, ifMatch: number): Promise<OccurrenceDetail> {
    return this.mutate(user, id, ifMatch, 'cancel', 'open', async (manager, o, now) => {
      if (!CANCELLING_ROLES.has(user.role)) throw new ForbiddenError(`${user.role}s cannot cancel occurrences`);
      const today = civilDate(now, o.site_timezone);
      if (today > o.legal_latest) {
        throw new ConflictError('a missed occurrence cannot be cancelled (its legal latest date has passed)', {
          code: 'missed',
          legalLatest: o.legal_latest,
        });
      }
      const reason = body.reason.trim();
      if (reason === '') throw InvalidInputError.of('reason', 'reason must not be blank');
      const [approver] = (await manager.query(
        `SELECT u.id, u.display_name, u.role FROM users u WHERE u.id = $1 AND ${cancelApproverCondition('$2')}`,
        [body.approverId, o.tenant_id],
      )) as Array<{ id: string; display_name: string; role: string }>;
      if (!approver) {
        throw InvalidInputError.of(
          'approverId',
          "approverId must be an active admin or an active manager serving the occurrence's tenant",
        );
      }
      return {
        events: [
          {
            type: 'cancelled',
            payload: { reason, approverId: approver.id, approverName: approver.display_name, from: o.status },
          },
        ],
        set: { status: 'cancelled', cancel_reason: reason, cancelled_by: user.id, cancel_approved_by: approver.id },
        result: (m, row) => loadOccurrenceDetail(m, user, row),
      };
    });
  }

  /**
   * One fault ticket per failed checklist item and one for an inspection record with defects, each through
   * the ticket intake (priority from the asset's class) inside the completion's transaction.
   */
  private async raiseFollowUps(
    manager: EntityManager,
    user: AuthUser,
    o: OccurrenceRow,
  ): Promise<Array<{ ticketId: string; number: string; cause: string; publish: () => void }>> {
    const checklist = o.checklist ?? [];
    const taskTitle = taskOf(o)?.title.de ?? o.requirement_title;
    const causes: Array<{ cause: string; title: string; description: string }> = failedItems(
      evidenceOf(o),
      checklist,
    ).map((item) => {
      const result = checklist.find((r) => r.key === item.key);
      const details = [
        result?.value !== undefined ? `Messwert: ${result.value}${item.unit ? ` ${item.unit}` : ''}` : null,
        result?.note ? `Bemerkung: ${result.note}` : null,
      ].filter((l): l is string => l !== null);
      return {
        cause: `checklist.${item.key}`,
        title: `${taskTitle}: ${item.label.de} – nicht in Ordnung`,
        description: [
          `Mangel aus der Fälligkeit ${o.id} (${taskTitle}, ${o.asset_code} ${o.asset_name}, Soll-Termin ${o.target_date}).`,
          `Prüfpunkt „${item.label.de}“ nicht bestanden.`,
          ...details,
        ].join('\n'),
      };
    });
    const record = o.inspection_record;
    if (record && record.result !== 'no-defects') {
      causes.push({
        cause: 'inspectionRecord',
        title: `${taskTitle}: Mängel laut Prüfbericht (${record.result})`,
        description: [
          `Prüfbericht vom ${record.date} zur Fälligkeit ${o.id} (${record.type}, ${record.inspector}${record.body ? `, ${record.body}` : ''}).`,
          ...record.defects.map((d) => `– ${d}`),
        ].join('\n'),
      });
    }
    const raised: Array<{ ticketId: string; number: string; cause: string; publish: () => void }> = [];
    for (const c of causes) {
      const { ticket, publish } = await this.tickets.createWithin(manager, user, {
        siteId: o.site_id,
        assetId: o.asset_id,
        title: c.title.slice(0, 200),
        description: c.description.slice(0, 5000),
        category: 'Mangel aus Wartung/Prüfung',
      });
      raised.push({ ticketId: ticket.id, number: ticket.number, cause: c.cause, publish });
    }
    return raised;
  }

  /** The occurrence as the caller may see it (404 for customers, unknown ids and other tenants). */
  private async findVisible(
    manager: EntityManager,
    user: AuthUser,
    id: string,
    forUpdate: boolean,
  ): Promise<OccurrenceRow> {
    if (!isUuid(id) || user.role === 'customer') throw new NotFoundError('occurrence', id);
    const [row] = (await manager.query(`${OCCURRENCE_SELECT} WHERE o.id = $1${forUpdate ? ' FOR UPDATE OF o' : ''}`, [
      id,
    ])) as OccurrenceRow[];
    if (!row || !canSeeTenant(user, row.tenant_id)) throw new NotFoundError('occurrence', id);
    return row;
  }

  /** The one write path of occurrences (see the class comment). */
  private async mutate<R>(
    user: AuthUser,
    id: string,
    ifMatch: number | undefined,
    what: string,
    state: Requirement,
    plan: (manager: EntityManager, row: OccurrenceRow, now: Date) => Promise<OccurrenceChange<R>>,
  ): Promise<R> {
    let afterCommit: (() => void) | undefined;
    const result = await this.dataSource.transaction(async (manager) => {
      const o = await this.findVisible(manager, user, id, true);
      authorize(user, o, what);
      if (ifMatch !== undefined && ifMatch !== o.version) throw new PreconditionFailedError(ifMatch, o.version);
      assertState(o, state);
      const now = this.clock.now();
      const change = await plan(manager, o, now);
      for (const e of change.events) {
        await manager.query(
          `INSERT INTO occurrence_events (occurrence_id, tenant_id, type, at, actor_id, payload)
           VALUES ($1, $2, $3, $4, $5, $6::jsonb)`,
          [o.id, o.tenant_id, e.type, now, user.id, JSON.stringify({ actorName: user.displayName, ...e.payload })],
        );
      }
      const columns = Object.keys(change.set);
      const assignments = columns.map((c, i) => `${c} = $${i + 3}`);
      await manager.query(
        `UPDATE maintenance_occurrences SET ${[...assignments, 'version = version + 1', 'updated_at = $2'].join(', ')}
          WHERE id = $1`,
        [o.id, now, ...columns.map((c) => change.set[c])],
      );
      const fresh = await this.findVisible(manager, user, id, false);
      afterCommit = change.afterCommit;
      return change.result(manager, fresh);
    });
    afterCommit?.();
    return result;
  }
}

/** Role and assignment: technicians work only on their own or unassigned occurrences. */
function authorize(user: AuthUser, o: OccurrenceRow, what: string): void {
  if (!EXECUTING_ROLES.has(user.role)) throw new ForbiddenError(`${user.role}s cannot ${what} occurrences`);
  if (user.role === 'technician' && o.technician_id !== null && o.technician_id !== user.id) {
    throw new ForbiddenError(`technicians can ${what} only occurrences assigned to them or to nobody`);
  }
}

/** 409 unless the occurrence is open (neither completed nor cancelled) and, for execution, released. */
function assertState(o: OccurrenceRow, state: Requirement): void {
  if (o.completed_at !== null || o.status === 'cancelled') {
    throw new ConflictError(`the occurrence is ${o.completed_at !== null ? 'completed' : 'cancelled'}`, {
      code: 'occurrence-closed',
      status: o.status,
      followUpTicketIds: o.follow_up_ticket_ids ?? [],
    });
  }
  if (state === 'released-open' && o.released_at === null) {
    throw new ConflictError('the occurrence is not released as a work order yet', {
      code: 'not-released',
      workOrderFrom: o.work_order_from,
    });
  }
}

/** The domain's status of the occurrence with the given start/completion, judged on `today`. */
function statusOf(
  o: OccurrenceRow,
  at: { startedOn?: string; completedOn?: string; today: string },
): OccurrenceStatusValue {
  return occurrenceStatus(
    {
      workOrderFrom: o.work_order_from,
      targetDate: o.target_date,
      legalLatest: o.legal_latest,
      onTimeLimit: o.on_time_limit,
      ...(at.startedOn !== undefined ? { startedOn: at.startedOn } : {}),
      ...(at.completedOn !== undefined ? { completedOn: at.completedOn } : {}),
      cancelled: false,
    },
    at.today,
  );
}

/**
 * Whether completing the occurrence can move the dates after it: floating plans count the next period
 * from the completion; statutory plans count the next main inspection (and the intermediate one half-way)
 * from a completed main one, and take the body's shorter next deadline from the last completed record (an
 * intermediate one's included). Fixed grids never move: their completions change no date.
 */
export function completionReplans(o: Pick<OccurrenceRow, 'anchor_kind'>): boolean {
  return o.anchor_kind !== 'fixed-grid';
}

/**
 * The next deadline an approved body wrote into the record of a main inspection when it is shorter than
 * the schedule's (completion + the cadence), else null.
 */
export function bodySetShorterDeadline(o: OccurrenceRow, completedOn: string): string | null {
  const next = o.inspection_record?.nextDeadline;
  if (o.kind !== 'main' || !next) return null;
  const unit = `${o.cadence_unit}s` as 'weeks' | 'months' | 'years';
  // The interval counts from the day of the test (the record's date), else from the completion.
  const scheduled = DateTime.fromISO(o.inspection_record?.date ?? completedOn, { zone: 'UTC' })
    .plus({ [unit]: Number(o.cadence_every) })
    .toISODate() as string;
  return next < scheduled ? next : null;
}

/**
 * The domain's MaintenanceError as the API's 400: each issue's field under `root` ('[1].key' of the
 * checklist → 'results.1.key'), the message with it.
 */
function asInvalidInput(error: unknown, root: string): never {
  if (!(error instanceof MaintenanceError)) throw error;
  const path = (field: string): string => {
    const dotted = field.replace(/\[(\d+)\]/g, '.$1').replace(/^\./, '');
    return root === '' ? dotted || 'body' : dotted ? `${root}.${dotted}` : root;
  };
  const byField = new Map<string, string[]>();
  for (const issue of error.issues) {
    const field = path(issue.field);
    byField.set(field, [...(byField.get(field) ?? []), issue.message]);
  }
  throw new InvalidInputError([...byField].map(([field, messages]) => ({ field, messages })));
}

/**
 * The checklist as stored: the domain's parseChecklistResults against the task's items (unknown or
 * repeated key, a value on a pass/fail item, a value that is no decimal → 400 naming `results.<i>.…`, the
 * message naming the task's items). Items may be missing (a partial save; the gate names them).
 */
export function validateChecklist(
  taskKey: string,
  definitions: readonly ChecklistItemDefinition[],
  results: readonly ChecklistResultDto[],
): ChecklistResult[] {
  try {
    return parseChecklistResults(
      { checklist: definitions },
      results.map((r) => ({ ...r })),
    );
  } catch (error) {
    if (error instanceof MaintenanceError) {
      // Name the key the caller sent: "'flux': not an item of this checklist (…) (task …)".
      const issues = error.issues.map((i) => {
        const index = /^\[(\d+)\]\.key$/.exec(i.field)?.[1];
        const key = index === undefined ? undefined : results[Number(index)]?.key;
        return key === undefined ? i : { ...i, message: `'${key}': ${i.message} (task ${taskKey})` };
      });
      asInvalidInput(new MaintenanceError(error.field, error.message, issues), 'results');
    }
    throw error;
  }
}

/**
 * The inspection record as stored: the domain's parseInspectionRecord (BetrSichV §17: not dated after
 * today, defects unless 'no-defects', next deadline after the inspection …), and the approved body named
 * when one performs the requirement — each problem a 400 naming its field.
 */
export function validateInspectionRecord(
  body: InspectionRecordDto,
  context: { today: string; performer: string },
): InspectionRecord {
  let record: InspectionRecord;
  try {
    record = parseInspectionRecord({ ...body }, context.today);
  } catch (error) {
    asInvalidInput(error, '');
  }
  if (context.performer === 'approved-body' && record.body === undefined) {
    throw InvalidInputError.of('body', 'body (the approved inspection body) is required for this requirement');
  }
  return record;
}
