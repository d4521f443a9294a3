import type {
  CustomerCommentView,
  CustomerTicketDetail,
  CustomerTicketSummary,
  Priority,
  SlaClockView,
  TicketChannel,
  TicketDetail,
  TicketEventType,
  TicketEventView,
  TicketStatus,
  TicketSummary,
} from '@leitstand/api-contracts';
import { InvalidInputError, type AuthUser } from '@leitstand/backend/core';
import type { SlaClockRow } from '@leitstand/backend/data-access';
import type { EntityManager } from 'typeorm';

/** A ticket row as read with its site's and asset's names (snake_case, straight from SQL). */
export interface TicketRow {
  id: string;
  number: string;
  tenant_id: string;
  site_id: string;
  site_name: string;
  site_state: string;
  site_timezone: string;
  asset_id: string | null;
  asset_name: string | null;
  asset_class: Priority | null;
  contract_id: string | null;
  title: string;
  description: string | null;
  category: string | null;
  priority: Priority;
  priority_reason: string | null;
  status: TicketStatus;
  paused_from: TicketStatus | null;
  channel: TicketChannel;
  reporter: string | null;
  fault_began_at: Date;
  asset_down: boolean;
  in_scope: boolean;
  scope_note: string | null;
  assignee_id: string | null;
  next_deadline: Date | null;
  at_risk: boolean;
  breached: boolean;
  restored_at: Date | null;
  closed_at: Date | null;
  created_at: Date;
  updated_at: Date;
  version: number;
}

export const TICKET_COLUMNS = `t.id, t.number, t.tenant_id, t.site_id, s.name AS site_name, s.state AS site_state,
  s.timezone AS site_timezone, t.asset_id, a.name AS asset_name, a.asset_class, t.contract_id, t.title, t.description,
  t.category, t.priority, t.priority_reason, t.status, t.paused_from, t.channel, t.reporter, t.fault_began_at,
  t.asset_down, t.in_scope, t.scope_note, t.assignee_id, t.next_deadline, t.at_risk, t.breached, t.restored_at,
  t.closed_at, t.created_at, t.updated_at, t.version`;

export const TICKET_FROM = `tickets t JOIN sites s ON s.id = t.site_id LEFT JOIN assets a ON a.id = t.asset_id`;

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** Reason and expected end of the pause that put a ticket in status 'paused'. */
export interface PauseInfo {
  reason: string | null;
  until: string | null;
}

export function toSummary(t: TicketRow, clocks: SlaClockView[], pause: PauseInfo | null): TicketSummary {
  const paused = t.status === 'paused' ? pause : null;
  return {
    id: t.id,
    number: t.number,
    tenantId: t.tenant_id,
    siteId: t.site_id,
    siteName: t.site_name,
    assetId: t.asset_id,
    assetName: t.asset_name,
    assetClass: t.asset_class,
    title: t.title,
    priority: t.priority,
    status: t.status,
    channel: t.channel,
    assigneeId: t.assignee_id,
    nextDeadline: iso(t.next_deadline),
    atRisk: t.at_risk,
    breached: t.breached,
    createdAt: t.created_at.toISOString(),
    clocks,
    pauseReason: paused?.reason ?? null,
    pausedUntil: paused?.until ?? null,
    version: t.version,
  };
}

export function toDetail(t: TicketRow, clocks: SlaClockView[], pause: PauseInfo | null): TicketDetail {
  return {
    ...toSummary(t, clocks, pause),
    description: t.description,
    category: t.category,
    priorityReason: t.priority_reason,
    reporter: t.reporter,
    faultBeganAt: t.fault_began_at.toISOString(),
    assetDown: t.asset_down,
    inScope: t.in_scope,
    scopeNote: t.scope_note,
    contractId: t.contract_id,
    pausedFrom: t.paused_from,
    restoredAt: iso(t.restored_at),
    closedAt: iso(t.closed_at),
    updatedAt: t.updated_at.toISOString(),
    version: t.version,
  };
}

interface ClockDbRow {
  clock: 'response' | 'restore';
  state: SlaClockView['state'];
  priority: Priority;
  budget_minutes: string;
  used_minutes: string;
  deadline: Date | null;
  warning_at: Date | null;
  breach_minutes: string | null;
  late_ms: string | null;
  stopped_at: Date | null;
  calendar_key: string;
}

function toClockView(r: ClockDbRow): SlaClockView {
  const budget = Number(r.budget_minutes);
  const used = Number(r.used_minutes);
  return {
    clock: r.clock,
    state: r.state,
    priority: r.priority,
    budgetMinutes: budget,
    usedMinutes: used,
    remainingMinutes: Math.max(0, Math.round((budget - used) * 1000) / 1000),
    deadline: iso(r.deadline),
    warningAt: iso(r.warning_at),
    breachMinutes: r.breach_minutes === null ? null : Number(r.breach_minutes),
    lateMs: r.late_ms === null ? null : Number(r.late_ms),
    stoppedAt: iso(r.stopped_at),
    calendarKey: r.calendar_key,
  };
}

/** The view of a clock row just computed (before it is stored): minutes to 3 decimals as stored. */
export function clockViewOf(c: SlaClockRow): SlaClockView {
  return {
    clock: c.clock,
    state: c.state,
    priority: c.priority,
    budgetMinutes: Math.round(c.budgetMinutes * 1000) / 1000,
    usedMinutes: Math.round(c.usedMinutes * 1000) / 1000,
    remainingMinutes: Math.round(c.remainingMinutes * 1000) / 1000,
    deadline: iso(c.deadline),
    warningAt: iso(c.warningAt),
    breachMinutes: c.breachMinutes,
    lateMs: c.lateMs,
    stoppedAt: iso(c.stoppedAt),
    calendarKey: c.calendarKey,
  };
}

export async function loadClockViews(manager: EntityManager, ticketId: string): Promise<SlaClockView[]> {
  return (await loadClockViewsOf(manager, [ticketId])).get(ticketId) ?? [];
}

/** The clocks of many tickets (a page of the queue) in ONE query: ticket id → clocks (response first). */
export async function loadClockViewsOf(
  manager: EntityManager,
  ticketIds: readonly string[],
): Promise<Map<string, SlaClockView[]>> {
  const byTicket = new Map<string, SlaClockView[]>();
  if (ticketIds.length === 0) return byTicket;
  const rows = (await manager.query(
    `SELECT ticket_id, clock, state, priority, budget_minutes, used_minutes, deadline, warning_at, breach_minutes,
            late_ms, stopped_at, calendar_key
       FROM ticket_sla_clocks WHERE ticket_id = ANY($1::uuid[]) ORDER BY ticket_id, clock`,
    [ticketIds],
  )) as Array<ClockDbRow & { ticket_id: string }>;
  for (const r of rows) {
    const list = byTicket.get(r.ticket_id);
    if (list) list.push(toClockView(r));
    else byTicket.set(r.ticket_id, [toClockView(r)]);
  }
  return byTicket;
}

/**
 * Reason and `until` of the latest 'paused' event of each PAUSED ticket among `tickets`, in ONE query
 * (walks ix_ticket_events_ticket_time per ticket). Tickets in other statuses are not looked up.
 */
export async function loadPauseInfoOf(
  manager: EntityManager,
  tickets: ReadonlyArray<Pick<TicketRow, 'id' | 'status'>>,
): Promise<Map<string, PauseInfo>> {
  const byTicket = new Map<string, PauseInfo>();
  const paused = tickets.filter((t) => t.status === 'paused').map((t) => t.id);
  if (paused.length === 0) return byTicket;
  const rows = (await manager.query(
    `SELECT DISTINCT ON (ticket_id) ticket_id, payload->>'reason' AS reason, payload->>'until' AS until
       FROM ticket_events WHERE ticket_id = ANY($1::uuid[]) AND type = 'paused'
      ORDER BY ticket_id, occurred_at DESC, id DESC`,
    [paused],
  )) as Array<{ ticket_id: string; reason: string | null; until: string | null }>;
  for (const r of rows) byTicket.set(r.ticket_id, { reason: r.reason, until: r.until });
  return byTicket;
}

/** Summaries of a page of tickets: two extra queries for the whole page (clocks, pause reasons), never one per ticket. */
export async function toSummaries(manager: EntityManager, rows: readonly TicketRow[]): Promise<TicketSummary[]> {
  const ids = rows.map((r) => r.id);
  const [clocks, pauses] = await Promise.all([loadClockViewsOf(manager, ids), loadPauseInfoOf(manager, rows)]);
  return rows.map((r) => toSummary(r, clocks.get(r.id) ?? [], pauses.get(r.id) ?? null));
}

/** The detail of one ticket: its row plus its clocks and (when paused) the pause reason. */
export async function loadTicketDetail(manager: EntityManager, row: TicketRow): Promise<TicketDetail> {
  const clocks = await loadClockViews(manager, row.id);
  const pause = (await loadPauseInfoOf(manager, [row])).get(row.id) ?? null;
  return toDetail(row, clocks, pause);
}

/**
 * A customer's view of a queue item, built field by field (never by spreading the staff view), so a
 * field added to the staff view does not reach customers unless it is added here.
 */
export function toCustomerSummary(t: TicketSummary, technicianName: string | null): CustomerTicketSummary {
  return {
    id: t.id,
    number: t.number,
    tenantId: t.tenantId,
    siteId: t.siteId,
    siteName: t.siteName,
    assetId: t.assetId,
    assetName: t.assetName,
    title: t.title,
    priority: t.priority,
    status: t.status,
    channel: t.channel,
    technicianName,
    nextDeadline: t.nextDeadline,
    atRisk: t.atRisk,
    breached: t.breached,
    createdAt: t.createdAt,
    clocks: t.clocks,
    pauseReason: t.pauseReason,
    pausedUntil: t.pausedUntil,
  };
}

/** Display names of the assignees of `tickets` (one statement). */
async function technicianNames(
  manager: EntityManager,
  tickets: ReadonlyArray<{ assigneeId: string | null }>,
): Promise<Map<string, string>> {
  const ids = [...new Set(tickets.flatMap((t) => (t.assigneeId ? [t.assigneeId] : [])))];
  if (ids.length === 0) return new Map();
  const rows = (await manager.query(`SELECT id, display_name FROM users WHERE id = ANY($1::uuid[])`, [ids])) as Array<{
    id: string;
    display_name: string;
  }>;
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

export async function toCustomerSummaries(
  manager: EntityManager,
  items: readonly TicketSummary[],
): Promise<CustomerTicketSummary[]> {
  const names = await technicianNames(manager, items);
  return items.map((t) => toCustomerSummary(t, t.assigneeId ? (names.get(t.assigneeId) ?? null) : null));
}

/** A customer's view of one ticket: the staff detail narrowed, plus acceptance time and public comments. */
export async function toCustomerDetail(manager: EntityManager, t: TicketDetail): Promise<CustomerTicketDetail> {
  const [names, events] = await Promise.all([
    technicianNames(manager, [t]),
    manager.query(
      `SELECT id, type, occurred_at, payload FROM ticket_events
        WHERE ticket_id = $1 AND (type = 'comment' OR type = 'accepted') ORDER BY occurred_at, id`,
      [t.id],
    ) as Promise<Array<Omit<EventDbRow, 'actor'>>>,
  ]);
  const accepted = events.find((e) => e.type === 'accepted');
  const comments: CustomerCommentView[] = events
    .filter((e) => e.type === 'comment' && e.payload['internal'] !== true)
    .map((e) => ({
      id: String(e.id),
      author: typeof e.payload['actorName'] === 'string' ? e.payload['actorName'] : '',
      at: e.occurred_at.toISOString(),
      text: typeof e.payload['text'] === 'string' ? e.payload['text'] : '',
    }));
  return {
    ...toCustomerSummary(t, t.assigneeId ? (names.get(t.assigneeId) ?? null) : null),
    description: t.description,
    category: t.category,
    faultBeganAt: t.faultBeganAt,
    acceptedAt: accepted ? accepted.occurred_at.toISOString() : null,
    restoredAt: t.restoredAt,
    closedAt: t.closedAt,
    updatedAt: t.updatedAt,
    version: t.version,
    comments,
  };
}

export interface EventDbRow {
  id: string;
  type: TicketEventType;
  actor: string;
  occurred_at: Date;
  payload: Record<string, unknown>;
}

export function toEventView(e: EventDbRow): TicketEventView {
  return {
    id: String(e.id),
    type: e.type,
    actor: e.actor,
    occurredAt: e.occurred_at.toISOString(),
    payload: e.payload,
  };
}

/**
 * What a customer may see of an event: internal comments and material lines are hidden, a work log
 * shows only kind and times (no worker, role or note), the actor is named by display name, and
 * staff-only facts (priority reason, reporter, assignee id, scope) are dropped from every payload.
 */
export function eventForCustomer(event: TicketEventView): TicketEventView | null {
  // The actor by display name, never by user id (the id of a technician is as internal as assigneeId).
  const actorName = event.payload['actorName'];
  const e = {
    ...event,
    actor: typeof actorName === 'string' ? actorName : event.payload['actorRole'] === 'system' ? 'system' : '',
  };
  switch (e.type) {
    case 'comment':
      return e.payload['internal'] === true ? null : { ...e, payload: customerPayload(e.payload) };
    case 'material_added':
      return null;
    case 'priority_changed':
      // The new priority is visible (the clocks run on it); the staff's reason for it is not.
      return { ...e, payload: { priority: e.payload['priority'], from: e.payload['from'] } };
    case 'work_logged':
      return {
        ...e,
        payload: { kind: e.payload['kind'], startedAt: e.payload['startedAt'], endedAt: e.payload['endedAt'] },
      };
    // Every other type is shown without its staff-only keys; a new type must be listed here (the switch is
    // exhaustive), so what a customer sees of it is a decision, not an accident.
    case 'created':
    case 'intake_confirmed':
    case 'accepted':
    case 'dispatched':
    case 'travel_started':
    case 'arrived':
    case 'paused':
    case 'resumed':
    case 'restored':
    case 'closed':
    case 'reopened':
    case 'updated':
    case 'sla_warning':
    case 'sla_breached':
    case 'service_report_signed':
      return { ...e, payload: customerPayload(e.payload) };
  }
}

/** Payload keys of staff-only facts, dropped from every event a customer sees. */
const INTERNAL_PAYLOAD_KEYS = new Set([
  'actorId',
  'priorityReason',
  'reporter',
  'assigneeId',
  'scopeNote',
  'inScope',
  'contractId',
  'defaultPriority',
]);

function customerPayload(payload: Record<string, unknown>): Record<string, unknown> {
  const visible = Object.entries(payload).filter(([key]) => !INTERNAL_PAYLOAD_KEYS.has(key));
  return Object.fromEntries(
    visible.map(([key, value]) =>
      // 'updated' events list their changes by field: the staff-only fields among them are dropped too.
      key === 'changes' && typeof value === 'object' && value !== null && !Array.isArray(value)
        ? [key, customerPayload(value as Record<string, unknown>)]
        : [key, value],
    ),
  );
}

/** The actor fields every event payload carries. */
export function actorPayload(user: AuthUser): Record<string, unknown> {
  return { actorId: user.id, actorName: user.displayName, actorRole: user.role };
}

/** `If-Match: "7"` (or W/"7", or 7) → 7; absent or `*` → undefined; anything else is a 400. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '' || header.trim() === '*') return undefined;
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!m?.[1]) throw InvalidInputError.of('If-Match', 'expected a quoted ticket version, e.g. "3"');
  return Number(m[1]);
}

export function etagOf(version: number): string {
  return `"${version}"`;
}
