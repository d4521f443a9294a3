import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { MaintenanceOccurrenceEntity } from './maintenance-occurrence.entity';
import { UserEntity } from './user.entity';

export const OCCURRENCE_EVENT_TYPE_VALUES = [
  'generated',
  'released',
  'reminder',
  'overdue',
  'missed',
  'started',
  'checklist',
  'work-logged',
  'document-attached',
  'completed',
  'cancelled',
  'rescheduled',
  // execution (migration OccurrenceExecution1795350000001)
  'material-added',
  'inspection-recorded',
] as const;
export type OccurrenceEventTypeColumn = (typeof OCCURRENCE_EVENT_TYPE_VALUES)[number];

/**
 * The occurrence's own append-only log (like ticket_events): what happened, when (server time) and
 * by whom (null = the system). A trigger makes PostgreSQL refuse UPDATE and DELETE. System events carry
 * a `dedup_key` unique per occurrence ('generated', 'released', 'reminder', 'overdue', 'missed',
 * 'rescheduled:<target>'), so at-least-once jobs record each exactly once. The occurrence (with its
 * tenant) and the actor are checked per statement by a trigger, like the occurrences' references.
 */
@Entity({ name: 'occurrence_events' })
@Check(
  'ck_occurrence_events_type',
  `"type" IN ('generated', 'released', 'reminder', 'overdue', 'missed', 'started', 'checklist', 'work-logged', 'document-attached', 'completed', 'cancelled', 'rescheduled', 'material-added', 'inspection-recorded')`,
)
@Index('uq_occurrence_events_dedup', ['occurrenceId', 'dedupKey'], { unique: true })
export class OccurrenceEventEntity {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'pk_occurrence_events',
  })
  id!: string;

  @Column({ name: 'occurrence_id', type: 'uuid' })
  occurrenceId!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  /** (occurrence_id, tenant_id): the occurrence of the same tenant (checked per batch). */
  @ManyToOne(() => MaintenanceOccurrenceEntity, { createForeignKeyConstraints: false })
  @JoinColumn([
    { name: 'occurrence_id', referencedColumnName: 'id' },
    { name: 'tenant_id', referencedColumnName: 'tenantId' },
  ])
  occurrence?: MaintenanceOccurrenceEntity;

  @Column({ type: 'varchar', length: 20 })
  type!: OccurrenceEventTypeColumn;

  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  at!: Date;

  /** The user who acted; null for the system (generator, sweep). */
  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @ManyToOne(() => UserEntity, { createForeignKeyConstraints: false })
  @JoinColumn({ name: 'actor_id' })
  actor?: UserEntity;

  @Column({ type: 'jsonb', default: {} })
  payload!: Record<string, unknown>;

  @Column({ name: 'dedup_key', type: 'varchar', length: 200, nullable: true })
  dedupKey!: string | null;
}
