import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { MaintenanceOccurrenceEntity } from './maintenance-occurrence.entity';
import { UserEntity } from './user.entity';

/** Time a technician spent on an occurrence (as work_logs for tickets, in whole minutes). */
@Entity({ name: 'occurrence_work_logs' })
@Check('ck_occurrence_work_logs_minutes', `"minutes" BETWEEN 1 AND 1440`)
@Index('ix_occurrence_work_logs_occurrence', ['occurrenceId', 'loggedAt'])
export class OccurrenceWorkLogEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_occurrence_work_logs' })
  id!: string;

  @Column({ name: 'occurrence_id', type: 'uuid' })
  occurrenceId!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @ManyToOne(() => MaintenanceOccurrenceEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    {
      name: 'occurrence_id',
      referencedColumnName: 'id',
      foreignKeyConstraintName: 'fk_occurrence_work_logs_occurrence',
    },
    { name: 'tenant_id', referencedColumnName: 'tenantId' },
  ])
  occurrence?: MaintenanceOccurrenceEntity;

  @Column({ name: 'technician_id', type: 'uuid' })
  technicianId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'technician_id', foreignKeyConstraintName: 'fk_occurrence_work_logs_technician' })
  technician?: UserEntity;

  @Column({ type: 'integer' })
  minutes!: number;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  /** When the work was done (given by the technician). */
  @Column({ name: 'logged_at', type: 'timestamptz' })
  loggedAt!: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
