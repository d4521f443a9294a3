import type { DecimalString, IsoInstant, Page } from './common.types';

export const PRIORITIES = ['A', 'B', 'C'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const TICKET_CHANNELS = ['phone', 'email', 'portal'] as const;
export type TicketChannel = (typeof TICKET_CHANNELS)[number];

export const TICKET_STATUSES = [
  'new',
  'accepted',
  'dispatched',
  'travelling',
  'on_site',
  'paused',
  'restored',
  'closed',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Statuses in which a ticket counts as open (everything but 'closed'). */
export const OPEN_TICKET_STATUSES = [
  'new',
  'accepted',
  'dispatched',
  'travelling',
  'on_site',
  'paused',
  'restored',
] as const;

/** The explicit actions of the status machine: `POST /api/tickets/:id/<action>`. */
export const TICKET_ACTIONS = [
  'accept',
  'dispatch',
  'travel',
  'arrive',
  'pause',
  'resume',
  'restore',
  'close',
  'reopen',
] as const;
export type TicketAction = (typeof TICKET_ACTIONS)[number];

/**
 * The types of a ticket's event log, as the timeline and the change stream carry them. The rules and
 * payload types live in @leitstand/domain (ticket-events.ts); a backend spec checks both lists agree.
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

export const WORK_LOG_KINDS = ['travel', 'work'] as const;
export type WorkLogKind = (typeof WORK_LOG_KINDS)[number];

export const MATERIAL_KINDS = ['material', 'partner', 'pass_through'] as const;
export type MaterialKind = (typeof MATERIAL_KINDS)[number];

/**
 * `POST /api/tickets` (send an `Idempotency-Key` header to make retries safe).
 * Priority defaults from the asset's class; a different priority needs `priorityReason`; without an
 * asset the priority is required. Customers always report through 'portal' and cannot override.
 */
export interface CreateTicketRequest {
  siteId: string;
  assetId?: string;
  title: string;
  description?: string;
  category?: string;
  priority?: Priority;
  priorityReason?: string;
  channel?: TicketChannel;
  reporter?: string;
  /** When the fault began (ISO); defaults to now, may precede the report, never lie in the future. */
  faultBeganAt?: IsoInstant;
  assetDown?: boolean;
}

export interface TicketSummary {
  id: string;
  /** Human ticket number, e.g. "2026-000123". */
  number: string;
  tenantId: string;
  siteId: string;
  siteName: string;
  assetId: string | null;
  assetName: string | null;
  assetClass?: 'A' | 'B' | 'C' | null;
  title: string;
  priority: Priority;
  status: TicketStatus;
  channel: TicketChannel;
  assigneeId: string | null;
  /** Nearest deadline of a running SLA clock; null when no clock runs. */
  nextDeadline: IsoInstant | null;
  /** A running clock passed its warning instant. */
  atRisk: boolean;
  /** A clock was breached (stays true). */
  breached: boolean;
  createdAt: IsoInstant;
  /** Response and restore clock; empty when no contract covers the site. */
  clocks: SlaClockView[];
  /** Reason of the pause that put the ticket in status 'paused'; null when not paused. */
  pauseReason: string | null;
  /** Expected end of that pause (informational, may be absent); null when not paused. */
  pausedUntil: IsoInstant | null;
  /** Optimistic lock of the ticket as listed: a bulk action sends it as `If-Match`, so a changed ticket is 412. */
  version: number;
}

/** One SLA clock of a ticket (derived from the event log). Minutes are business minutes on `calendarKey`. */
export interface SlaClockView {
  clock: 'response' | 'restore';
  state: 'running' | 'paused' | 'met' | 'breached';
  priority: Priority;
  budgetMinutes: number;
  usedMinutes: number;
  remainingMinutes: number;
  deadline: IsoInstant | null;
  warningAt: IsoInstant | null;
  breachMinutes: number | null;
  /** Wall-clock milliseconds from the deadline to the stop (or to now while still counting); null unless breached. */
  lateMs: number | null;
  /** When the clock stopped (response: accepted; restore: restored); null while it still counts. */
  stoppedAt: IsoInstant | null;
  calendarKey: string;
}

export interface TicketDetail extends TicketSummary {
  description: string | null;
  category: string | null;
  priorityReason: string | null;
  reporter: string | null;
  faultBeganAt: IsoInstant;
  assetDown: boolean;
  inScope: boolean;
  scopeNote: string | null;
  contractId: string | null;
  pausedFrom: TicketStatus | null;
  restoredAt: IsoInstant | null;
  closedAt: IsoInstant | null;
  updatedAt: IsoInstant;
  /** Optimistic lock: send it back as `If-Match: "<version>"`. Also the ETag. */
  version: number;
}

export type TicketListResponse = Page<TicketSummary>;

/**
 * What a customer sees of a ticket in the queue (`GET /api/tickets` for role customer): status, times
 * and clocks, but no internal fields (no assignee id, reporter, priority reason, scope note, contract).
 * The technician appears by display name only (every contract: the name of who comes on site is no
 * secret from the customer, the user id is).
 */
export interface CustomerTicketSummary {
  id: string;
  number: string;
  /** The customer's own tenant. */
  tenantId: string;
  siteId: string;
  siteName: string;
  assetId: string | null;
  assetName: string | null;
  title: string;
  /** The contractual priority the SLA clocks run on. */
  priority: Priority;
  status: TicketStatus;
  channel: TicketChannel;
  /** Display name of the technician dispatched to the ticket; null while none is. */
  technicianName: string | null;
  nextDeadline: IsoInstant | null;
  atRisk: boolean;
  breached: boolean;
  createdAt: IsoInstant;
  clocks: SlaClockView[];
  pauseReason: string | null;
  pausedUntil: IsoInstant | null;
}

/** A comment a customer may read (internal comments never reach a customer). */
export interface CustomerCommentView {
  id: string;
  /** Display name of the author. */
  author: string;
  at: IsoInstant;
  text: string;
}

/** `GET /api/tickets/:id` for role customer (and the answers to a customer's create). */
export interface CustomerTicketDetail extends CustomerTicketSummary {
  description: string | null;
  category: string | null;
  faultBeganAt: IsoInstant;
  /** First acceptance (the response clock stopped); null while new. */
  acceptedAt: IsoInstant | null;
  restoredAt: IsoInstant | null;
  closedAt: IsoInstant | null;
  updatedAt: IsoInstant;
  /** The ETag of the ticket. */
  version: number;
  /** Public comments, oldest first. */
  comments: CustomerCommentView[];
}

export type CustomerTicketListResponse = Page<CustomerTicketSummary>;

/** `GET /api/tickets` query: filters, `open=true`, an opaque `cursor` and `limit` (default 50, max 200). */
export interface TicketListQuery {
  /** Comma list of statuses. */
  status?: string;
  priority?: Priority;
  siteId?: string;
  assetId?: string;
  assigneeId?: string;
  atRisk?: boolean;
  breached?: boolean;
  open?: boolean;
  /** Words in the ticket number, title, asset code or asset name (case-insensitive substring, ≤ 100 characters). */
  q?: string;
  /** 'deadline' (default: nearest deadline first) or 'newest' (created, newest first — the customer portal). */
  sort?: TicketListSort;
  cursor?: string;
  limit?: number;
}

export const TICKET_LIST_SORTS = ['deadline', 'newest'] as const;
export type TicketListSort = (typeof TICKET_LIST_SORTS)[number];

export interface DispatchTicketRequest {
  /** A technician serving the ticket's tenant. */
  assigneeId: string;
  note?: string;
}

export interface PauseTicketRequest {
  reason: string;
  /** Expected end of the pause (informational; resume is explicit). */
  until?: IsoInstant;
}

export interface RestoreTicketRequest {
  note?: string;
}

export interface ReopenTicketRequest {
  reason: string;
}

/** Optional note for accept/travel/arrive/resume/close. */
export interface TicketActionNoteRequest {
  note?: string;
}

/** `PATCH /api/tickets/:id`: a priority change needs `priorityReason`. */
export interface UpdateTicketRequest {
  priority?: Priority;
  priorityReason?: string;
  assetDown?: boolean;
  inScope?: boolean;
  scopeNote?: string | null;
  category?: string | null;
  description?: string | null;
}

export interface CreateCommentRequest {
  text: string;
  /** Internal comments are never shown to customers. */
  internal?: boolean;
}

export interface TicketEventView {
  id: string;
  type: TicketEventType;
  actor: string;
  occurredAt: IsoInstant;
  payload: Record<string, unknown>;
}

export interface TicketTimelineResponse {
  items: TicketEventView[];
}

export interface CreateWorkLogRequest {
  /** Defaults to the caller. */
  workerId?: string;
  /** Role id of the contract's price list (e.g. 'service-technician'). */
  role: string;
  kind: WorkLogKind;
  startedAt: IsoInstant;
  endedAt: IsoInstant;
  note?: string;
}

export interface WorkLogView {
  id: string;
  ticketId: string;
  workerId: string;
  role: string;
  kind: WorkLogKind;
  startedAt: IsoInstant;
  endedAt: IsoInstant;
  note: string | null;
  createdBy: string;
  createdAt: IsoInstant;
}

export interface CreateMaterialRequest {
  kind?: MaterialKind;
  description: string;
  /** Net price per unit in EUR, decimal string with at most 2 decimals, e.g. "12.90". */
  netUnitPrice: DecimalString;
  /** Decimal string with at most 3 decimals, > 0. */
  quantity: DecimalString;
  unit?: string;
}

export interface MaterialView {
  id: string;
  ticketId: string;
  kind: MaterialKind;
  description: string;
  netUnitPrice: DecimalString;
  quantity: DecimalString;
  unit: string;
  createdBy: string;
  createdAt: IsoInstant;
}

/** One committed ticket change, as pushed on `GET /api/tickets/stream` (SSE, event type 'ticket'). */
export interface TicketChangeEvent {
  ticketId: string;
  tenantId: string;
  /** The event type that was written ('created', 'accepted', 'comment', …). */
  type: TicketEventType;
  version: number;
  at: IsoInstant;
}
