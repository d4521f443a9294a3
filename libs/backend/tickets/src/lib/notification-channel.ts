import type { EntityManager } from 'typeorm';
import type { NotificationChannelName } from '@leitstand/backend/data-access';

/** What a channel delivers: one notice about one ticket for the staff of its tenant. */
export interface NotificationMessage {
  tenantId: string;
  ticketId: string;
  /** The ticket event it announces ('sla_warning' | 'sla_breached'). */
  kind: string;
  payload: Record<string, unknown>;
  at: Date;
}

/**
 * A way to notify people. `deliver` runs inside the transaction that records the events (a batch of
 * them), so a channel must only write (the in-app rows, or outbox rows for e-mail/push jobs — never
 * call out directly: a rolled-back event must not have been announced).
 */
export interface NotificationChannel {
  readonly name: NotificationChannelName;
  deliver(manager: EntityManager, messages: readonly NotificationMessage[]): Promise<void>;
}

/** Every active channel (multi-provider token); e-mail and push add their implementation here. */
export const NOTIFICATION_CHANNELS = Symbol('NOTIFICATION_CHANNELS');

/** The in-app channel: rows in `notifications`, read through GET /api/notifications. */
export class InAppNotificationChannel implements NotificationChannel {
  readonly name = 'in_app' as const;

  async deliver(manager: EntityManager, messages: readonly NotificationMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await manager.query(
      `INSERT INTO notifications (tenant_id, ticket_id, kind, channel, payload, created_at)
       SELECT u.tenant_id, u.ticket_id, u.kind, 'in_app', u.payload::jsonb, u.at
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::timestamptz[]) AS u(tenant_id, ticket_id, kind, payload, at)`,
      [
        messages.map((m) => m.tenantId),
        messages.map((m) => m.ticketId),
        messages.map((m) => m.kind),
        messages.map((m) => JSON.stringify(m.payload)),
        messages.map((m) => m.at),
      ],
    );
  }
}
