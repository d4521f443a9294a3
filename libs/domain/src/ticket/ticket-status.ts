import type { StatusEventType } from './ticket-events';

/** The statuses of a fault ticket, in the order of the process. */
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

/** The explicit actions of the status machine (`POST /api/tickets/:id/<action>`). */
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

/** Statuses a ticket can be paused from (every open, not yet restored status). */
export const PAUSABLE_STATUSES: readonly TicketStatus[] = ['new', 'accepted', 'dispatched', 'travelling', 'on_site'];

export interface TicketTransition {
  /** Statuses the action is valid in. */
  from: readonly TicketStatus[];
  /** The event type written to the log. */
  event: StatusEventType;
  /** The status after the action; 'paused_from' = the status the ticket was paused from. */
  to: TicketStatus | 'paused_from';
}

/**
 * The ticket status machine. Every action is explicit; anything not listed here is refused (the API
 * answers 409 naming the current status). The UI offers exactly the actions valid in a status.
 */
export const TICKET_TRANSITIONS: Readonly<Record<TicketAction, TicketTransition>> = {
  accept: { from: ['new'], event: 'accepted', to: 'accepted' },
  dispatch: { from: ['accepted'], event: 'dispatched', to: 'dispatched' },
  travel: { from: ['dispatched'], event: 'travel_started', to: 'travelling' },
  arrive: { from: ['dispatched', 'travelling'], event: 'arrived', to: 'on_site' },
  pause: { from: PAUSABLE_STATUSES, event: 'paused', to: 'paused' },
  resume: { from: ['paused'], event: 'resumed', to: 'paused_from' },
  restore: { from: ['accepted', 'dispatched', 'travelling', 'on_site'], event: 'restored', to: 'restored' },
  close: { from: ['restored'], event: 'closed', to: 'closed' },
  reopen: { from: ['restored', 'closed'], event: 'reopened', to: 'accepted' },
};

/** Actions a technician may take on a ticket assigned to them (besides comments and work logs). */
export const TECHNICIAN_ACTIONS: ReadonlySet<TicketAction> = new Set([
  'accept',
  'travel',
  'arrive',
  'restore',
  'pause',
  'resume',
]);

/** The status after `action`, or null when the action is not valid in `status`. */
export function nextStatus(
  action: TicketAction,
  status: TicketStatus,
  pausedFrom: TicketStatus | null,
): TicketStatus | null {
  const t = TICKET_TRANSITIONS[action];
  if (!t.from.includes(status)) return null;
  if (t.to === 'paused_from') return pausedFrom ?? 'new';
  return t.to;
}

/** Every action valid in `status`, in the order of the process. */
export function actionsValidIn(status: TicketStatus): TicketAction[] {
  return TICKET_ACTIONS.filter((action) => TICKET_TRANSITIONS[action].from.includes(status));
}
