import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { TicketEntity } from './ticket.entity';

/**
 * The SLA evidence: an append-only log of what happened to a ticket, with the server's timestamp
 * and the actor. A trigger makes PostgreSQL itself refuse UPDATE and DELETE on this table.
 * `dedupKey` (unique) lets at-least-once job handlers record an event exactly once.
 */
@Entity({ name: 'ticket_events' })
@Index('ix_ticket_events_ticket_time', ['ticketId', 'occurredAt'])
export class TicketEventEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ name: 'ticket_id', type: 'uuid' })
  ticketId!: string;

  @ManyToOne(() => TicketEntity, { onDelete: 'RESTRICT', createForeignKeyConstraints: true })
  @JoinColumn({ name: 'ticket_id', foreignKeyConstraintName: 'fk_ticket_events_ticket' })
  ticket?: TicketEntity;

  @Column({ type: 'varchar', length: 40 })
  type!: string;

  @Column({ type: 'varchar', length: 200 })
  actor!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  occurredAt!: Date;

  @Column({ type: 'jsonb', default: {} })
  payload!: Record<string, unknown>;

  @Index('uq_ticket_events_dedup_key', { unique: true })
  @Column({ name: 'dedup_key', type: 'varchar', length: 200, nullable: true })
  dedupKey!: string | null;
}
