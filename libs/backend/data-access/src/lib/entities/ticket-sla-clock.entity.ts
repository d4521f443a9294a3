import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { TicketEntity } from './ticket.entity';

/**
 * The state of one SLA clock (response or restore) of a ticket, derived from the event log with
 * @leitstand/domain and stored for querying and for the SLA timers. `timerVersion` grows whenever
 * the deadline or warning instant moves, so timer job ids change and old timers become orphans.
 */
@Entity({ name: 'ticket_sla_clocks' })
@Check('ck_ticket_sla_clocks_clock', `"clock" IN ('response', 'restore')`)
@Check('ck_ticket_sla_clocks_state', `"state" IN ('running', 'paused', 'met', 'breached')`)
@Index('ix_ticket_sla_clocks_running_deadline', ['deadline'], { where: `"state" = 'running'` })
@Index('ix_ticket_sla_clocks_timers', ['ticketId', 'clock'], {
  where: `"state" = 'running' OR ("state" = 'breached' AND "breached_at" IS NULL)`,
})
export class TicketSlaClockEntity {
  @PrimaryColumn({ name: 'ticket_id', type: 'uuid' })
  ticketId!: string;

  @PrimaryColumn({ type: 'varchar', length: 10 })
  clock!: 'response' | 'restore';

  @ManyToOne(() => TicketEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ticket_id', foreignKeyConstraintName: 'fk_ticket_sla_clocks_ticket' })
  ticket?: TicketEntity;

  @Index('ix_ticket_sla_clocks_tenant')
  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ type: 'varchar', length: 1 })
  priority!: 'A' | 'B' | 'C';

  /** The budget as stored in the contract ({ kind: 'minutes', minutes } | { kind: 'businessDays', days }). */
  @Column({ type: 'jsonb' })
  budget!: Record<string, unknown>;

  @Column({ name: 'budget_minutes', type: 'numeric', precision: 12, scale: 3 })
  budgetMinutes!: string;

  @Column({ name: 'calendar_key', type: 'varchar', length: 60 })
  calendarKey!: string;

  @Column({ name: 'warning_share', type: 'numeric', precision: 4, scale: 3 })
  warningShare!: string;

  @Column({ type: 'varchar', length: 10 })
  state!: 'running' | 'paused' | 'met' | 'breached';

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'stopped_at', type: 'timestamptz', nullable: true })
  stoppedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  deadline!: Date | null;

  @Column({ name: 'warning_at', type: 'timestamptz', nullable: true })
  warningAt!: Date | null;

  @Column({ name: 'used_minutes', type: 'numeric', precision: 12, scale: 3 })
  usedMinutes!: string;

  @Column({ name: 'breach_minutes', type: 'numeric', precision: 12, scale: 3, nullable: true })
  breachMinutes!: string | null;

  @Column({ name: 'late_ms', type: 'bigint', nullable: true })
  lateMs!: string | null;

  /** When the worker recorded the SLA warning / breach event (exactly once each). */
  @Column({ name: 'warned_at', type: 'timestamptz', nullable: true })
  warnedAt!: Date | null;

  @Column({ name: 'breached_at', type: 'timestamptz', nullable: true })
  breachedAt!: Date | null;

  @Column({ name: 'timer_version', type: 'integer', default: 0 })
  timerVersion!: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
