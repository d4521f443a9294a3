import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { AssetEntity } from './asset.entity';
import { ContractEntity } from './contract.entity';
import { MaintenanceRequirementEntity } from './maintenance-requirement.entity';
import { SiteEntity } from './site.entity';
import { UserEntity } from './user.entity';

export const OCCURRENCE_STATUS_VALUES = [
  'planned',
  'due',
  'overdue',
  'done-on-time',
  'done-late',
  'missed',
  'cancelled',
] as const;
export type OccurrenceStatusColumn = (typeof OCCURRENCE_STATUS_VALUES)[number];

/**
 * An occurrence (Fälligkeit) of a requirement on one asset: period `period_no` of its plan, with the
 * plan dates in the site's zone (earliest start, target, on-time limit, legal latest, work order from),
 * the release to the technicians, execution and evidence. At most one per (requirement, asset,
 * period): the generator inserts with ON CONFLICT DO NOTHING, so a restart or a second generator never
 * duplicates. `status` is the domain's occurrenceStatus, kept in step by the generator, the sweep and
 * the execution endpoints.
 *
 * References are checked per statement, not per row (migration 1795350000000): the generator writes
 * 600,000 rows in seconds, and row-level foreign keys cost ~11 µs per row and key (27 s of a 30 s
 * budget, measured). The AFTER INSERT/UPDATE statement triggers join each batch once against
 * requirements, assets and users (requirement of the same tenant, contract/site/asset those of the
 * requirement, asset of the tenant on the site); tenant, contract, site, requirement, asset and period
 * never change; occurrences are never deleted (cancel them). Hence the relations below carry no
 * foreign-key constraints.
 */
@Entity({ name: 'maintenance_occurrences' })
@Unique('uq_maintenance_occurrences_period', ['assetId', 'requirementId', 'periodNo'])
@Unique('uq_maintenance_occurrences_id_tenant', ['id', 'tenantId'])
@Check('ck_maintenance_occurrences_kind', `"kind" IN ('regular', 'main', 'intermediate')`)
@Check(
  'ck_maintenance_occurrences_status',
  `"status" IN ('planned', 'due', 'overdue', 'done-on-time', 'done-late', 'missed', 'cancelled')`,
)
@Check(
  'ck_maintenance_occurrences_dates',
  `"earliest_start" <= "target_date" AND "target_date" <= "legal_latest" AND "on_time_limit" <= "legal_latest" AND "work_order_from" <= "target_date"`,
)
@Check('ck_maintenance_occurrences_period', `"period_no" >= 0`)
@Check('ck_maintenance_occurrences_completed', `("completed_at" IS NULL) = ("completed_on" IS NULL)`)
@Check(
  'ck_maintenance_occurrences_cancelled',
  `("status" = 'cancelled') = ("cancel_reason" IS NOT NULL) AND ("cancel_reason" IS NULL OR "completed_at" IS NULL)`,
)
@Index('ix_maintenance_occurrences_site_target', ['siteId', 'targetDate'])
@Index('ix_maintenance_occurrences_technician_target', ['technicianId', 'targetDate'], {
  where: `"technician_id" IS NOT NULL`,
})
@Index('ix_maintenance_occurrences_contract_target', ['contractId', 'targetDate'])
export class MaintenanceOccurrenceEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_maintenance_occurrences' })
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ name: 'contract_id', type: 'uuid' })
  contractId!: string;

  @ManyToOne(() => ContractEntity, { createForeignKeyConstraints: false })
  @JoinColumn({ name: 'contract_id' })
  contract?: ContractEntity;

  @Column({ name: 'site_id', type: 'uuid' })
  siteId!: string;

  @ManyToOne(() => SiteEntity, { createForeignKeyConstraints: false })
  @JoinColumn({ name: 'site_id' })
  site?: SiteEntity;

  @Column({ name: 'requirement_id', type: 'uuid' })
  requirementId!: string;

  /** (requirement_id, tenant_id): the requirement of the same tenant (checked per batch, see the class comment). */
  @ManyToOne(() => MaintenanceRequirementEntity, { createForeignKeyConstraints: false })
  @JoinColumn([
    { name: 'requirement_id', referencedColumnName: 'id' },
    { name: 'tenant_id', referencedColumnName: 'tenantId' },
  ])
  requirement?: MaintenanceRequirementEntity;

  @Column({ name: 'asset_id', type: 'uuid' })
  assetId!: string;

  @ManyToOne(() => AssetEntity, { createForeignKeyConstraints: false })
  @JoinColumn({ name: 'asset_id' })
  asset?: AssetEntity;

  /** The asset's trade when generated (the calendar filters by it without a join). */
  @Column({ type: 'varchar', length: 60 })
  trade!: string;

  /** Stable period number of the plan (fixed grid: k; statutory: 2 × cycle (+1 intermediate); floating: completions). */
  @Column({ name: 'period_no', type: 'integer' })
  periodNo!: number;

  @Column({ type: 'varchar', length: 12 })
  kind!: 'regular' | 'main' | 'intermediate';

  @Column({ name: 'earliest_start', type: 'date' })
  earliestStart!: string;

  @Column({ name: 'target_date', type: 'date' })
  targetDate!: string;

  /** The hard deadline no grace may pass. */
  @Column({ name: 'legal_latest', type: 'date' })
  legalLatest!: string;

  /** min(target + the contract's grace, legal latest): completed by it counts as on time. */
  @Column({ name: 'on_time_limit', type: 'date' })
  onTimeLimit!: string;

  /** From this date on the occurrence is a work order for the technicians (target − lead days). */
  @Column({ name: 'work_order_from', type: 'date' })
  workOrderFrom!: string;

  /** When the generator released it as a work order; null while planned. */
  @Column({ name: 'released_at', type: 'timestamptz', nullable: true })
  releasedAt!: Date | null;

  @Column({ name: 'technician_id', type: 'uuid', nullable: true })
  technicianId!: string | null;

  @ManyToOne(() => UserEntity, { createForeignKeyConstraints: false })
  @JoinColumn({ name: 'technician_id' })
  technician?: UserEntity;

  @Column({ type: 'varchar', length: 12, default: 'planned' })
  status!: OccurrenceStatusColumn;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  /** The completion's date in the site's zone (compared with the plan dates). */
  @Column({ name: 'completed_on', type: 'date', nullable: true })
  completedOn!: string | null;

  @Column({ name: 'completed_by', type: 'uuid', nullable: true })
  completedBy!: string | null;

  @ManyToOne(() => UserEntity, { createForeignKeyConstraints: false })
  @JoinColumn({ name: 'completed_by' })
  completer?: UserEntity;

  /** Domain ChecklistResult[]. */
  @Column({ type: 'jsonb', nullable: true })
  checklist!: unknown[] | null;

  /** Domain InspectionRecord (BetrSichV §17). */
  @Column({ name: 'inspection_record', type: 'jsonb', nullable: true })
  inspectionRecord!: Record<string, unknown> | null;

  @Column({ name: 'evidence_accepted', type: 'boolean', default: false })
  evidenceAccepted!: boolean;

  @Column({ name: 'cancel_reason', type: 'text', nullable: true })
  cancelReason!: string | null;

  @Column({ name: 'cancelled_by', type: 'uuid', nullable: true })
  cancelledBy!: string | null;

  @ManyToOne(() => UserEntity, { createForeignKeyConstraints: false })
  @JoinColumn({ name: 'cancelled_by' })
  canceller?: UserEntity;

  @Column({ name: 'cancel_approved_by', type: 'uuid', nullable: true })
  cancelApprovedBy!: string | null;

  @ManyToOne(() => UserEntity, { createForeignKeyConstraints: false })
  @JoinColumn({ name: 'cancel_approved_by' })
  cancelApprover?: UserEntity;

  /** Fault tickets raised by failed checklist items. */
  @Column({ name: 'follow_up_ticket_ids', type: 'uuid', array: true, default: () => "'{}'" })
  followUpTicketIds!: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn({ type: 'integer' })
  version!: number;
}
