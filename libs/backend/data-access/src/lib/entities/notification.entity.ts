import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { TenantEntity } from './tenant.entity';
import { TicketEntity } from './ticket.entity';

export const NOTIFICATION_CHANNELS = ['in_app', 'email', 'push'] as const;
export type NotificationChannelName = (typeof NOTIFICATION_CHANNELS)[number];

/**
 * A notification for the staff of a tenant (SLA warnings and breaches so far). One row per channel
 * delivery; the in-app channel is the row itself, read by the helpdesk (`read_at` once seen).
 */
@Entity({ name: 'notifications' })
@Check('ck_notifications_channel', `"channel" IN ('in_app', 'email', 'push')`)
@Index('ix_notifications_tenant_created', ['tenantId', 'createdAt'])
@Index('ix_notifications_created', ['createdAt'])
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_notifications' })
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @ManyToOne(() => TenantEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'fk_notifications_tenant' })
  tenant?: TenantEntity;

  @Index('ix_notifications_ticket')
  @Column({ name: 'ticket_id', type: 'uuid', nullable: true })
  ticketId!: string | null;

  @ManyToOne(() => TicketEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ticket_id', foreignKeyConstraintName: 'fk_notifications_ticket' })
  ticket?: TicketEntity;

  /** 'sla_warning' | 'sla_breached' (the ticket event it announces). */
  @Column({ type: 'varchar', length: 40 })
  kind!: string;

  @Column({ type: 'varchar', length: 20, default: 'in_app' })
  channel!: NotificationChannelName;

  @Column({ type: 'jsonb', default: {} })
  payload!: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt!: Date | null;
}
