import type { SlaClockView, TicketEventView } from '@leitstand/api-contracts';

/** Icon (text symbol, never alone) per SLA clock state. */
export const CLOCK_STATE_ICONS: Readonly<Record<SlaClockView['state'], string>> = {
  running: '⏱',
  paused: '⏸',
  met: '✓',
  breached: '⚠',
};

/** The instant of the first event of `type` in a timeline (e.g. when the ticket was accepted), or null. */
export function firstEventAt(events: readonly TicketEventView[], type: string): string | null {
  return events.find((event) => event.type === type)?.occurredAt ?? null;
}

/** The latest event of `type`, e.g. the last restore after a reopen. */
export function lastEventAt(events: readonly TicketEventView[], type: string): string | null {
  return [...events].reverse().find((event) => event.type === type)?.occurredAt ?? null;
}

/** A comment event a customer may read (the API already drops internal ones; this stays defensive). */
export interface PublicComment {
  id: string;
  author: string;
  at: string;
  text: string;
}

export function publicComments(events: readonly TicketEventView[]): PublicComment[] {
  return events
    .filter((event) => event.type === 'comment' && event.payload['internal'] !== true)
    .map((event) => ({
      id: event.id,
      author: typeof event.payload['actorName'] === 'string' ? event.payload['actorName'] : event.actor,
      at: event.occurredAt,
      text: typeof event.payload['text'] === 'string' ? event.payload['text'] : '',
    }));
}
