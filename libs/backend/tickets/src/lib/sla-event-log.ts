import { SLA_EVENT_TYPES, type SlaEvent } from '@leitstand/domain';
import type { EntityManager } from 'typeorm';

/**
 * The SLA clocks' view of a ticket's append-only event log: which event types move a clock, and how a
 * stored event row maps onto the domain's SlaEvent union.
 */

export interface TicketEventRow {
  type: string;
  occurredAt: Date;
  payload: Record<string, unknown>;
}

/** Maps event log rows onto the domain's SlaEvent union (unknown types dropped). */
export function slaEventsFromLog(rows: readonly TicketEventRow[]): SlaEvent[] {
  const events: SlaEvent[] = [];
  for (const row of rows) {
    const at = row.occurredAt;
    switch (row.type) {
      case 'created':
      case 'priority_changed': {
        const priority = row.payload['priority'];
        if (priority === 'A' || priority === 'B' || priority === 'C') events.push({ type: row.type, at, priority });
        break;
      }
      case 'paused':
      case 'resumed':
      case 'accepted':
      case 'restored':
      case 'reopened':
        events.push({ type: row.type, at });
        break;
      default:
        break;
    }
  }
  return events;
}

/** The SLA events of the tickets `ticketIds` in log order, read with one statement. */
export async function readSlaEvents(
  manager: EntityManager,
  ticketIds: readonly string[],
): Promise<Map<string, SlaEvent[]>> {
  const byTicket = new Map<string, TicketEventRow[]>();
  if (ticketIds.length > 0) {
    const rows = (await manager.query(
      `SELECT ticket_id, type, occurred_at AS "occurredAt", payload FROM ticket_events
        WHERE ticket_id = ANY($1::uuid[]) AND type = ANY($2::text[]) ORDER BY ticket_id, occurred_at, id`,
      [ticketIds, SLA_EVENT_TYPES],
    )) as Array<TicketEventRow & { ticket_id: string }>;
    for (const row of rows) {
      const list = byTicket.get(row.ticket_id);
      if (list) list.push(row);
      else byTicket.set(row.ticket_id, [row]);
    }
  }
  return new Map(ticketIds.map((id) => [id, slaEventsFromLog(byTicket.get(id) ?? [])]));
}
