import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { KPI_RECOMPUTE_DEBOUNCE_MS, enqueueInTransaction } from '@leitstand/backend/jobs';
import type { MaterialView, TicketAction, TicketDetail, TicketEventView, WorkLogView } from '@leitstand/api-contracts';
import {
  ConflictError,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  PreconditionFailedError,
  canSeeTenant,
  type AuthUser,
  isUuid,
} from '@leitstand/backend/core';
import { ContractTermsCache } from './contract-terms.cache';
import { projectSlaClocks } from './sla-projection';
import type {
  CreateCommentDto,
  CreateMaterialDto,
  CreateWorkLogDto,
  DispatchTicketDto,
  PauseTicketDto,
  ReopenTicketDto,
  RestoreTicketDto,
  TicketActionNoteDto,
  UpdateTicketDto,
} from './ticket-actions.dto';
import { TicketChangesPublisher } from './ticket-changes';
import { CLOCK, type Clock } from '@leitstand/backend/core';
import {
  KPI_EVENT_TYPES,
  TECHNICIAN_ACTIONS,
  TICKET_TRANSITIONS,
  movesSlaClock,
  nextStatus,
  type NewTicketEvent,
  type StatusEventDraft,
  type TicketEventType,
} from '@leitstand/domain';
import {
  TICKET_COLUMNS,
  TICKET_FROM,
  actorPayload,
  loadTicketDetail,
  toEventView,
  type EventDbRow,
  type TicketRow,
} from './ticket-views';

/** What one change to a ticket writes: its events and the ticket columns it sets. */
interface Change<R> {
  events: Array<NewTicketEvent | StatusEventDraft>;
  /** Column → value for the tickets UPDATE (version and updated_at are added). */
  set: Record<string, unknown>;
  /** Builds the answer inside the transaction (after the ticket update). */
  result: (manager: EntityManager, ticket: TicketRow, events: TicketEventView[]) => Promise<R>;
}

type Permission = 'staff' | 'staff-or-assigned-technician' | 'anyone';

/**
 * Every change to an existing ticket: status actions, PATCH, comments, work logs, materials.
 * Each one locks the ticket row (SELECT … FOR UPDATE), checks scope, role and If-Match, writes its
 * events (actor id and name in the payload), recomputes the SLA clocks when an SLA event was written,
 * and bumps the version, all in ONE transaction; the change is published after COMMIT.
 */
@Injectable()
export class TicketActionsService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ContractTermsCache) private readonly termsCache: ContractTermsCache,
    @Inject(TicketChangesPublisher) private readonly changes: TicketChangesPublisher,
  ) {}

  /** accept, dispatch, travel, arrive, pause, resume, restore, close, reopen. */
  transition(
    user: AuthUser,
    id: string,
    action: TicketAction,
    body: TicketActionNoteDto | DispatchTicketDto | PauseTicketDto | RestoreTicketDto | ReopenTicketDto,
    ifMatch: number | undefined,
  ): Promise<TicketDetail> {
    const permission: Permission = TECHNICIAN_ACTIONS.has(action) ? 'staff-or-assigned-technician' : 'staff';
    return this.mutate(user, id, ifMatch, permission, action, async (manager, t, now) => {
      const to = nextStatus(action, t.status, t.paused_from);
      if (to === null) {
        throw new ConflictError(`cannot ${action} a ticket in status '${t.status}'`, {
          currentStatus: t.status,
          action,
          allowedFrom: TICKET_TRANSITIONS[action].from,
        });
      }
      const set: Record<string, unknown> = { status: to };
      const payload: StatusEventDraft['payload'] = { from: t.status, to };
      const note = (body as TicketActionNoteDto).note?.trim();
      if (note) payload['note'] = note;
      switch (action) {
        case 'dispatch': {
          const assigneeId = (body as DispatchTicketDto).assigneeId;
          const [tech] = (await manager.query(
            `SELECT u.id, u.display_name FROM users u
               JOIN user_tenants ut ON ut.user_id = u.id AND ut.tenant_id = $2
              WHERE u.id = $1 AND u.role = 'technician' AND u.active`,
            [assigneeId, t.tenant_id],
          )) as Array<{ id: string; display_name: string }>;
          if (!tech) {
            throw InvalidInputError.of(
              'assigneeId',
              "assigneeId must be an active technician serving the ticket's tenant",
            );
          }
          set['assignee_id'] = tech.id;
          payload['assigneeId'] = tech.id;
          payload['assigneeName'] = tech.display_name;
          break;
        }
        case 'pause': {
          const pause = body as PauseTicketDto;
          set['paused_from'] = t.status;
          payload['reason'] = pause.reason.trim();
          if (pause.until !== undefined) {
            const until = new Date(pause.until);
            if (Number.isNaN(until.getTime()) || until <= now) {
              throw InvalidInputError.of('until', 'until must be an instant in the future');
            }
            payload['until'] = until.toISOString();
          }
          break;
        }
        case 'resume':
          set['paused_from'] = null;
          break;
        case 'restore':
          set['restored_at'] = now;
          break;
        case 'close':
          set['closed_at'] = now;
          break;
        case 'reopen':
          payload['reason'] = (body as ReopenTicketDto).reason.trim();
          set['restored_at'] = null;
          set['closed_at'] = null;
          break;
        case 'accept':
        case 'travel':
        case 'arrive':
          break;
      }
      return {
        events: [{ type: TICKET_TRANSITIONS[action].event, payload }],
        set,
        result: (m, ticket) => this.detail(m, ticket),
      };
    });
  }

  /** PATCH: priority (with reason; clocks keep used time and swap the budget), flags and texts. */
  update(user: AuthUser, id: string, body: UpdateTicketDto, ifMatch: number | undefined): Promise<TicketDetail> {
    return this.mutate(user, id, ifMatch, 'staff', 'update', (_manager, t) => {
      const events: Change<TicketDetail>['events'] = [];
      const set: Record<string, unknown> = {};
      if (body.priority !== undefined && body.priority !== t.priority) {
        const reason = body.priorityReason?.trim();
        if (!reason) throw InvalidInputError.of('priorityReason', 'priorityReason is required to change the priority');
        set['priority'] = body.priority;
        set['priority_reason'] = reason;
        events.push({ type: 'priority_changed', payload: { priority: body.priority, from: t.priority, reason } });
      }
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      const compare = (field: keyof UpdateTicketDto, column: keyof TicketRow, value: unknown): void => {
        if (value !== undefined && value !== t[column]) {
          changes[field] = { from: t[column], to: value };
          set[column] = value;
        }
      };
      compare('assetDown', 'asset_down', body.assetDown);
      compare('inScope', 'in_scope', body.inScope);
      compare('scopeNote', 'scope_note', body.scopeNote === undefined ? undefined : body.scopeNote?.trim() || null);
      compare('category', 'category', body.category === undefined ? undefined : body.category?.trim() || null);
      compare(
        'description',
        'description',
        body.description === undefined ? undefined : body.description?.trim() || null,
      );
      if (Object.keys(changes).length > 0) events.push({ type: 'updated', payload: { changes } });
      return Promise.resolve({ events, set, result: (m, ticket) => this.detail(m, ticket) });
    });
  }

  comment(user: AuthUser, id: string, body: CreateCommentDto): Promise<TicketEventView> {
    const internal = body.internal === true;
    return this.mutate(user, id, undefined, 'anyone', 'comment', (_m, t) => {
      if (user.role === 'customer' && internal) throw new ForbiddenError('customers cannot write internal comments');
      if (user.role === 'technician' && t.assignee_id !== user.id) {
        throw new ForbiddenError('technicians comment only on tickets assigned to them');
      }
      return Promise.resolve({
        events: [{ type: 'comment', payload: { text: body.text.trim(), internal } }],
        set: {},
        result: (_mm, _ticket, events) => Promise.resolve(events[0] as TicketEventView),
      });
    });
  }

  addWorkLog(user: AuthUser, id: string, body: CreateWorkLogDto): Promise<WorkLogView> {
    return this.mutate(user, id, undefined, 'staff-or-assigned-technician', 'work-log', async (manager, t) => {
      const workerId = body.workerId ?? user.id;
      if (user.role === 'technician' && workerId !== user.id) {
        throw new ForbiddenError('technicians log only their own work');
      }
      const startedAt = new Date(body.startedAt);
      const endedAt = new Date(body.endedAt);
      if (!(endedAt.getTime() > startedAt.getTime())) {
        throw InvalidInputError.of('endedAt', 'endedAt must be after startedAt');
      }
      const [worker] = (await manager.query(`SELECT id FROM users WHERE id = $1 AND role <> 'customer'`, [
        workerId,
      ])) as Array<{ id: string }>;
      if (!worker) throw InvalidInputError.of('workerId', 'workerId must be a staff member');
      if (t.contract_id) {
        const [list] = (await manager.query(
          `SELECT p.data FROM contracts c JOIN price_lists p ON p.id = c.price_list_id WHERE c.id = $1`,
          [t.contract_id],
        )) as Array<{ data: { roles?: Array<{ id?: unknown }> } }>;
        const roles = (list?.data.roles ?? []).map((r) => String(r.id));
        if (list && !roles.includes(body.role)) {
          throw InvalidInputError.of('role', `role must be one of the price list's roles: ${roles.join(', ')}`);
        }
      }
      const [row] = (await manager.query(
        `INSERT INTO work_logs (ticket_id, tenant_id, worker_id, role, kind, started_at, ended_at, note, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         RETURNING id, ticket_id, worker_id, role, kind, started_at, ended_at, note, created_by, created_at`,
        [t.id, t.tenant_id, workerId, body.role, body.kind, startedAt, endedAt, body.note?.trim() || null, user.id],
      )) as WorkLogDbRow[];
      const view = toWorkLogView(row as WorkLogDbRow);
      return {
        events: [
          {
            type: 'work_logged',
            payload: {
              workLogId: view.id,
              workerId,
              role: view.role,
              kind: view.kind,
              startedAt: view.startedAt,
              endedAt: view.endedAt,
              note: view.note,
            },
          },
        ],
        set: {},
        result: () => Promise.resolve(view),
      };
    });
  }

  async listWorkLogs(user: AuthUser, id: string): Promise<WorkLogView[]> {
    await this.readable(user, id);
    const rows = (await this.dataSource.query(
      `SELECT id, ticket_id, worker_id, role, kind, started_at, ended_at, note, created_by, created_at
         FROM work_logs WHERE ticket_id = $1 ORDER BY started_at, id`,
      [id],
    )) as WorkLogDbRow[];
    return rows.map(toWorkLogView);
  }

  addMaterial(user: AuthUser, id: string, body: CreateMaterialDto): Promise<MaterialView> {
    return this.mutate(user, id, undefined, 'staff-or-assigned-technician', 'material', async (manager, t) => {
      const [row] = (await manager.query(
        `INSERT INTO ticket_materials (ticket_id, tenant_id, kind, description, net_unit_price, quantity, unit, created_by)
         VALUES ($1, $2, $3, $4, $5::numeric, $6::numeric, $7, $8)
         RETURNING id, ticket_id, kind, description, net_unit_price, quantity, unit, created_by, created_at`,
        [
          t.id,
          t.tenant_id,
          body.kind ?? 'material',
          body.description.trim(),
          body.netUnitPrice,
          body.quantity,
          body.unit?.trim() || 'Stk',
          user.id,
        ],
      )) as MaterialDbRow[];
      const view = toMaterialView(row as MaterialDbRow);
      return {
        events: [
          {
            type: 'material_added',
            payload: {
              materialId: view.id,
              kind: view.kind,
              description: view.description,
              netUnitPrice: view.netUnitPrice,
              quantity: view.quantity,
              unit: view.unit,
            },
          },
        ],
        set: {},
        result: () => Promise.resolve(view),
      };
    });
  }

  async listMaterials(user: AuthUser, id: string): Promise<MaterialView[]> {
    await this.readable(user, id);
    const rows = (await this.dataSource.query(
      `SELECT id, ticket_id, kind, description, net_unit_price, quantity, unit, created_by, created_at
         FROM ticket_materials WHERE ticket_id = $1 ORDER BY created_at, id`,
      [id],
    )) as MaterialDbRow[];
    return rows.map(toMaterialView);
  }

  /** Staff may read billing inputs of tickets in scope; customers never (403, or 404 outside their tenant). */
  private async readable(user: AuthUser, id: string): Promise<void> {
    if (!isUuid(id)) throw new NotFoundError('ticket', id);
    const [row] = (await this.dataSource.query(`SELECT tenant_id FROM tickets WHERE id = $1`, [id])) as Array<{
      tenant_id: string;
    }>;
    if (!row || !canSeeTenant(user, row.tenant_id)) throw new NotFoundError('ticket', id);
    if (user.role === 'customer') throw new ForbiddenError('customers cannot see work logs and materials');
  }

  private async detail(manager: EntityManager, ticket: TicketRow): Promise<TicketDetail> {
    return loadTicketDetail(manager, ticket);
  }

  /** The one write path for existing tickets (see the class comment). */
  private async mutate<R>(
    user: AuthUser,
    id: string,
    ifMatch: number | undefined,
    permission: Permission,
    what: string,
    plan: (manager: EntityManager, ticket: TicketRow, now: Date) => Promise<Change<R>>,
  ): Promise<R> {
    if (!isUuid(id)) throw new NotFoundError('ticket', id);
    let published: { tenantId: string; type: TicketEventType; version: number; at: Date } | null = null;
    const result = await this.dataSource.transaction(async (manager) => {
      const [t] = (await manager.query(`SELECT ${TICKET_COLUMNS} FROM ${TICKET_FROM} WHERE t.id = $1 FOR UPDATE OF t`, [
        id,
      ])) as TicketRow[];
      if (!t || !canSeeTenant(user, t.tenant_id)) throw new NotFoundError('ticket', id);
      authorize(user, t, permission, what);
      if (ifMatch !== undefined && ifMatch !== t.version) throw new PreconditionFailedError(ifMatch, t.version);
      const now = this.clock.now();
      const change = await plan(manager, t, now);
      const last = change.events[change.events.length - 1];
      if (last === undefined) return change.result(manager, t, []);

      const actor = actorPayload(user);
      const events: TicketEventView[] = [];
      for (const e of change.events) {
        const [row] = (await manager.query(
          `INSERT INTO ticket_events (ticket_id, type, actor, occurred_at, payload) VALUES ($1, $2, $3, $4, $5::jsonb)
           RETURNING id, type, actor, occurred_at, payload`,
          [t.id, e.type, user.id, now, JSON.stringify({ ...actor, ...e.payload })],
        )) as EventDbRow[];
        events.push(toEventView(row as EventDbRow));
      }
      const columns = Object.keys(change.set);
      const assignments = columns.map((c, i) => `${c} = $${i + 3}`);
      await manager.query(
        `UPDATE tickets SET ${[...assignments, 'version = version + 1', 'updated_at = $2'].join(', ')} WHERE id = $1`,
        [t.id, now, ...columns.map((c) => change.set[c])],
      );
      if (change.events.some((e) => movesSlaClock(e.type))) {
        const terms = await this.termsCache.load(manager, t.contract_id, {
          id: t.site_id,
          state: t.site_state,
          timezone: t.site_timezone,
        });
        await projectSlaClocks(manager, { ticketId: t.id, tenantId: t.tenant_id, terms, now });
      }
      if (t.contract_id && change.events.some((e) => KPI_EVENT_TYPES.has(e.type))) {
        await enqueueInTransaction(
          manager,
          'kpi.recompute-contract',
          { contractId: t.contract_id },
          new Date(now.getTime() + KPI_RECOMPUTE_DEBOUNCE_MS),
        );
      }
      const [fresh] = (await manager.query(`SELECT ${TICKET_COLUMNS} FROM ${TICKET_FROM} WHERE t.id = $1`, [
        id,
      ])) as TicketRow[];
      const ticket = fresh as TicketRow;
      published = {
        tenantId: t.tenant_id,
        type: last.type,
        version: ticket.version,
        at: now,
      };
      return change.result(manager, ticket, events);
    });
    const p = published as { tenantId: string; type: TicketEventType; version: number; at: Date } | null;
    if (p) {
      this.changes.publish({
        ticketId: id,
        tenantId: p.tenantId,
        type: p.type,
        version: p.version,
        at: p.at.toISOString(),
      });
    }
    return result;
  }
}

function authorize(user: AuthUser, t: TicketRow, permission: Permission, what: string): void {
  switch (user.role) {
    case 'admin':
    case 'agent':
    case 'manager':
      return;
    case 'technician':
      if (permission === 'staff') throw new ForbiddenError(`technicians cannot ${what} tickets`);
      if (permission === 'staff-or-assigned-technician' && t.assignee_id !== user.id) {
        throw new ForbiddenError(`technicians can ${what} only tickets assigned to them`);
      }
      return;
    case 'customer':
      if (permission !== 'anyone') throw new ForbiddenError(`customers cannot ${what} tickets`);
      return;
  }
}

interface WorkLogDbRow {
  id: string;
  ticket_id: string;
  worker_id: string;
  role: string;
  kind: 'travel' | 'work';
  started_at: Date;
  ended_at: Date;
  note: string | null;
  created_by: string;
  created_at: Date;
}

function toWorkLogView(r: WorkLogDbRow): WorkLogView {
  return {
    id: r.id,
    ticketId: r.ticket_id,
    workerId: r.worker_id,
    role: r.role,
    kind: r.kind,
    startedAt: r.started_at.toISOString(),
    endedAt: r.ended_at.toISOString(),
    note: r.note,
    createdBy: r.created_by,
    createdAt: r.created_at.toISOString(),
  };
}

interface MaterialDbRow {
  id: string;
  ticket_id: string;
  kind: MaterialView['kind'];
  description: string;
  net_unit_price: string;
  quantity: string;
  unit: string;
  created_by: string;
  created_at: Date;
}

function toMaterialView(r: MaterialDbRow): MaterialView {
  return {
    id: r.id,
    ticketId: r.ticket_id,
    kind: r.kind,
    description: r.description,
    netUnitPrice: r.net_unit_price,
    quantity: r.quantity,
    unit: r.unit,
    createdBy: r.created_by,
    createdAt: r.created_at.toISOString(),
  };
}
