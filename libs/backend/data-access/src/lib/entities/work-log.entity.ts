import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { TicketEntity } from './ticket.entity';
import { UserEntity } from './user.entity';

/** Time a worker spent on a ticket, travelling or on site, in a price-list role: the billing input. */
@Entity({ name: 'work_logs' })
@Check('ck_work_logs_kind', `"kind" IN ('travel', 'work')`)
@Check('ck_work_logs_interval', `"ended_at" > "started_at"`)
@Index('ix_work_logs_ticket', ['ticketId', 'startedAt'])
@Index('ix_work_logs_tenant_time', ['tenantId', 'startedAt'])
export class WorkLogEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'ticket_id', type: 'uuid' })
  ticketId!: string;

  @ManyToOne(() => TicketEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'ticket_id', foreignKeyConstraintName: 'fk_work_logs_ticket' })
  ticket?: TicketEntity;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ name: 'worker_id', type: 'uuid' })
  workerId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'worker_id', foreignKeyConstraintName: 'fk_work_logs_worker' })
  worker?: UserEntity;

  /** Role key of the contract's price list (e.g. 'service-technician'). */
  @Column({ type: 'varchar', length: 60 })
  role!: string;

  @Column({ type: 'varchar', length: 10 })
  kind!: 'travel' | 'work';

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'ended_at', type: 'timestamptz' })
  endedAt!: Date;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
