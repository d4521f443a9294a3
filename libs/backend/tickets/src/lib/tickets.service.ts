import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { TicketEntity, TicketEventEntity } from '@leitstand/backend/data-access';
import { enqueueInTransaction } from '@leitstand/backend/jobs';
import type {
  TicketDetail,
  TicketListResponse,
  TicketSummary,
  TicketStatus,
  TicketChannel,
} from '@leitstand/api-contracts';
import type { CreateTicketDto } from './create-ticket.dto';

/** Creates and lists tickets. A ticket, its 'created' event and its outbox row commit together. */
@Injectable()
export class TicketsService {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async create(input: CreateTicketDto, actor: string, now: Date = new Date()): Promise<TicketDetail> {
    const ticket = await this.dataSource.transaction(async (manager) => {
      const number = await this.allocateNumber(manager, now.getUTCFullYear());
      const created = manager.create(TicketEntity, {
        number,
        title: input.title.trim(),
        description: input.description?.trim() || null,
        priority: input.priority,
        channel: input.channel ?? 'phone',
        reporter: input.reporter?.trim() || null,
        status: 'new',
      });
      await manager.save(created);
      await manager.insert(TicketEventEntity, {
        ticketId: created.id,
        type: 'created',
        actor,
        payload: { priority: created.priority, channel: created.channel },
        dedupKey: null,
      });
      await enqueueInTransaction(manager, 'ticket.created', { ticketId: created.id, version: created.version });
      return created;
    });
    return toDetail(ticket);
  }

  async list(limit = 200): Promise<TicketListResponse> {
    const rows = await this.dataSource
      .getRepository(TicketEntity)
      .find({ order: { createdAt: 'DESC', id: 'DESC' }, take: limit });
    return { items: rows.map(toSummary), nextCursor: null };
  }

  /** "2026-000123": the per-year counter row is locked by the upsert, so numbers never repeat. */
  private async allocateNumber(manager: EntityManager, year: number): Promise<string> {
    const [row] = (await manager.query(
      `INSERT INTO ticket_number_counters (year, last_value) VALUES ($1, 1)
       ON CONFLICT (year) DO UPDATE SET last_value = ticket_number_counters.last_value + 1
       RETURNING last_value`,
      [year],
    )) as Array<{ last_value: number }>;
    return `${year}-${String(row?.last_value).padStart(6, '0')}`;
  }
}

export function toSummary(t: TicketEntity): TicketSummary {
  return {
    id: t.id,
    number: t.number,
    title: t.title,
    priority: t.priority,
    status: t.status as TicketStatus,
    channel: t.channel as TicketChannel,
    createdAt: t.createdAt.toISOString(),
  };
}

export function toDetail(t: TicketEntity): TicketDetail {
  return { ...toSummary(t), description: t.description, reporter: t.reporter, version: t.version };
}
