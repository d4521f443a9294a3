import type { ClockKind, Priority } from '../sla/sla.types';
import type { TicketStatus } from './ticket-status';

/**
 * The event types of a ticket's append-only log (ticket_events.type). The log is the SLA evidence
 * ("lückenlose Zeitstempel"): clocks, KPIs and the timeline are computed from it. Adding a type means
 * adding its payload below; the timeline, the SLA event mapping and the KPI trigger list then have to
 * say what the new type means to them (the compiler finds the `Record<TicketEventType, …>` tables).
 */
export const TICKET_EVENT_TYPES = [
  'created',
  'intake_confirmed',
  'accepted',
  'dispatched',
  'travel_started',
  'arrived',
  'paused',
  'resumed',
  'restored',
  'closed',
  'reopened',
  'comment',
  'priority_changed',
  'updated',
  'work_logged',
  'material_added',
  'sla_warning',
  'sla_breached',
  'service_report_signed',
] as const;
export type TicketEventType = (typeof TICKET_EVENT_TYPES)[number];

/** The event types the status actions write (one per action of TICKET_TRANSITIONS). */
export const STATUS_EVENT_TYPES = [
  'accepted',
  'dispatched',
  'travel_started',
  'arrived',
  'paused',
  'resumed',
  'restored',
  'closed',
  'reopened',
] as const satisfies readonly TicketEventType[];
export type StatusEventType = (typeof STATUS_EVENT_TYPES)[number];

export function isTicketEventType(value: string): value is TicketEventType {
  return (TICKET_EVENT_TYPES as readonly string[]).includes(value);
}

/** Who acted, recorded in every event a person caused (the worker's events carry none). */
export interface EventActor {
  actorId: string;
  actorName: string;
  actorRole: string;
}

/** A status action's payload: the statuses before and after, and what the action asked for. */
export interface StatusChangePayload extends EventActor {
  from: TicketStatus;
  to: TicketStatus;
  note?: string;
}

export interface SlaTimerPayload {
  clock: ClockKind;
  priority: Priority;
  deadline: string | null;
  warningAt?: string | null;
  timerVersion?: number;
  /** Breach only: milliseconds past the deadline when the timer fired. */
  lateMs?: number;
  /** Recorded without a notification (a late timer after the clock had already stopped, say). */
  quiet?: boolean;
}

/** The payload each event type carries (instants as ISO strings, money as decimal strings). */
export interface TicketEventPayloads {
  created: EventActor & {
    priority: Priority;
    defaultPriority: Priority | null;
    priorityReason?: string;
    channel: string;
    assetDown: boolean;
    faultBeganAt: string;
    reporter: string | null;
    siteId: string;
    assetId: string | null;
    contractId: string | null;
    inScope: boolean;
  };
  intake_confirmed: { jobId: string; attempt: number };
  accepted: StatusChangePayload;
  dispatched: StatusChangePayload & { assigneeId: string; assigneeName: string };
  travel_started: StatusChangePayload;
  arrived: StatusChangePayload;
  paused: StatusChangePayload & { reason: string; until?: string };
  resumed: StatusChangePayload;
  restored: StatusChangePayload;
  closed: StatusChangePayload;
  reopened: StatusChangePayload & { reason: string };
  comment: EventActor & { text: string; internal: boolean };
  priority_changed: EventActor & { priority: Priority; from: Priority; reason: string };
  updated: EventActor & { changes: Record<string, { from: unknown; to: unknown }> };
  work_logged: EventActor & {
    workLogId: string;
    workerId: string;
    role: string;
    kind: 'travel' | 'work';
    startedAt: string;
    endedAt: string;
    note: string | null;
  };
  material_added: EventActor & {
    materialId: string;
    kind: string;
    description: string;
    netUnitPrice: string;
    quantity: string;
    unit: string;
  };
  sla_warning: SlaTimerPayload;
  sla_breached: SlaTimerPayload;
  /** The customer signed the service report on the technician's phone (issue 16). */
  service_report_signed: EventActor & {
    signerName: string;
    signedAt: string;
    net: string;
    gross: string;
    pdfDocumentId: string | null;
  };
}

/** An event as a use case produces it, before the log adds id, actor and instant. */
export type NewTicketEvent = {
  [T in TicketEventType]: { type: T; payload: Omit<TicketEventPayloads[T], keyof EventActor> };
}[TicketEventType];

/**
 * A status action's event as the use case builds it: `from`/`to` always, the action's own fields
 * (assignee, reason, until, note) as the action adds them.
 */
export interface StatusEventDraft {
  type: StatusEventType;
  payload: Omit<StatusChangePayload, keyof EventActor> & Record<string, unknown>;
}

/** Events whose instants move an SLA clock (start, stop, pause, priority); the projection reads only these. */
export const SLA_EVENT_TYPES = [
  'created',
  'priority_changed',
  'paused',
  'resumed',
  'accepted',
  'restored',
  'reopened',
] as const satisfies readonly TicketEventType[];

export function movesSlaClock(type: TicketEventType): boolean {
  return (SLA_EVENT_TYPES as readonly TicketEventType[]).includes(type);
}

/**
 * Events that change a contract's KPIs or costs (downtime ends, scope or priority changes, billable
 * work): they schedule a debounced roll-up recompute of the ticket's contract.
 */
export const KPI_EVENT_TYPES: ReadonlySet<TicketEventType> = new Set<TicketEventType>([
  'restored',
  'closed',
  'reopened',
  'priority_changed',
  'updated',
  'work_logged',
  'material_added',
]);
