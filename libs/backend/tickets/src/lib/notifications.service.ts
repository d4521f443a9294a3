import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { tenantFilter, type AuthUser } from '@leitstand/backend/core';

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
