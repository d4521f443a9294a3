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
 * A way to notify people. `deliver` runs inside the transaction that records the event, so a channel
 * must only write (the in-app row, or an outbox row for an e-mail/push job — never call out directly;
 * a rolled-back event must not have been announced).
 */
export interface NotificationChannel {
  readonly name: NotificationChannelName;
  deliver(manager: EntityManager, message: NotificationMessage): Promise<void>;
}

/** Every active channel (multi-provider token); e-mail and push add their implementation here. */
export const NOTIFICATION_CHANNELS = Symbol('NOTIFICATION_CHANNELS');

/** The in-app channel: a row in `notifications`, read through GET /api/notifications. */
export class InAppNotificationChannel implements NotificationChannel {
  readonly name = 'in_app' as const;

  async deliver(manager: EntityManager, m: NotificationMessage): Promise<void> {
    await manager.query(
      `INSERT INTO notifications (tenant_id, ticket_id, kind, channel, payload, created_at)
       VALUES ($1, $2, $3, 'in_app', $4::jsonb, $5)`,
      [m.tenantId, m.ticketId, m.kind, JSON.stringify(m.payload), m.at],
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
