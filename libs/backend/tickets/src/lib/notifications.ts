import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import type { NotificationChannelName } from '@leitstand/backend/data-access';
import { tenantFilter, type AuthUser } from '@leitstand/backend/core';

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

export interface NotificationView {
  id: string;
  tenantId: string;
  ticketId: string | null;
  kind: string;
  channel: string;
  payload: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
}

interface NotificationRow {
  id: string;
  tenant_id: string;
  ticket_id: string | null;
  kind: string;
  channel: string;
  payload: Record<string, unknown>;
  created_at: Date;
  read_at: Date | null;
}

/** Reads in-app notifications within the caller's tenant scope, newest first. */
@Injectable()
export class NotificationsService {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async list(user: AuthUser, limit = 50): Promise<NotificationView[]> {
    const scope = tenantFilter(user);
    const params: unknown[] = [Math.min(Math.max(limit, 1), 200)];
    let where = `channel = 'in_app'`;
    if (scope !== null) {
      params.push([...scope]);
      where += ` AND tenant_id = ANY($2::uuid[])`;
    }
    const rows = (await this.dataSource.query(
      `SELECT id, tenant_id, ticket_id, kind, channel, payload, created_at, read_at
         FROM notifications WHERE ${where} ORDER BY created_at DESC, id LIMIT $1`,
      params,
    )) as NotificationRow[];
    return rows.map((r) => ({
      id: r.id,
      tenantId: r.tenant_id,
      ticketId: r.ticket_id,
      kind: r.kind,
      channel: r.channel,
      payload: r.payload,
      createdAt: r.created_at.toISOString(),
      readAt: r.read_at ? r.read_at.toISOString() : null,
    }));
  }
}
