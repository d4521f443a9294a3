import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { TicketStatus } from '@leitstand/domain';
import { AssetEntity } from './asset.entity';
import { ContractEntity } from './contract.entity';
import { SiteEntity } from './site.entity';
import { TenantEntity } from './tenant.entity';
import { UserEntity } from './user.entity';

/**
 * A fault report (Störmeldung). Status, clocks and flags here are a projection of the append-only
 * ticket_events log, kept for querying; `version` guards every change (optimistic locking).
 * `nextDeadline` is the nearest deadline of a running SLA clock: the helpdesk queue sorts by it.
 */
@Entity({ name: 'tickets' })
@Check('ck_tickets_priority', `"priority" IN ('A', 'B', 'C')`)
@Check('ck_tickets_channel', `"channel" IN ('phone', 'email', 'portal')`)
@Check(
  'ck_tickets_status',
  `"status" IN ('new', 'accepted', 'dispatched', 'travelling', 'on_site', 'paused', 'restored', 'closed')`,
)
@Index('ix_tickets_open_queue', ['tenantId', 'nextDeadline', 'createdAt', 'id'], { where: `"status" <> 'closed'` })
@Index('ix_tickets_open_queue_all', ['nextDeadline', 'createdAt', 'id'], { where: `"status" <> 'closed'` })
@Index('ix_tickets_tenant_created', ['tenantId', 'createdAt'])
@Index('ix_tickets_asset_fault', ['assetId', 'faultBeganAt'])
@Index('ix_tickets_queue_order', ['nextDeadline', 'createdAt', 'id'])
@Index('ix_tickets_tenant_queue_order', ['tenantId', 'nextDeadline', 'createdAt', 'id'])
// The queue's search (issue 18): a pg_trgm GIN over number || title and a GIN over search_vector, created by
// migration 1795380000000 (TypeORM cannot describe GIN or expression indexes, so it leaves them alone).
@Index('ix_tickets_search_trgm', { synchronize: false })
@Index('ix_tickets_search_fts', { synchronize: false })
export class TicketEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Human number "2026-000123", unique, allocated per calendar year. */
  @Index('uq_tickets_number', { unique: true })
  @Column({ type: 'varchar', length: 20 })
  number!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @ManyToOne(() => TenantEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'fk_tickets_tenant' })
  tenant?: TenantEntity;

  @Column({ name: 'site_id', type: 'uuid' })
  siteId!: string;

  @ManyToOne(() => SiteEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'site_id', foreignKeyConstraintName: 'fk_tickets_site' })
  site?: SiteEntity;

  @Column({ name: 'asset_id', type: 'uuid', nullable: true })
  assetId!: string | null;

  @ManyToOne(() => AssetEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'asset_id', foreignKeyConstraintName: 'fk_tickets_asset' })
  asset?: AssetEntity;

  @Column({ name: 'contract_id', type: 'uuid', nullable: true })
  contractId!: string | null;

  @ManyToOne(() => ContractEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'contract_id', foreignKeyConstraintName: 'fk_tickets_contract' })
  contract?: ContractEntity;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'varchar', length: 60, nullable: true })
  category!: string | null;

  @Column({ type: 'varchar', length: 1 })
  priority!: 'A' | 'B' | 'C';

  /** Why the priority differs from the asset class's default (required for an override). */
  @Column({ name: 'priority_reason', type: 'text', nullable: true })
  priorityReason!: string | null;

  @Column({ type: 'varchar', length: 20, default: 'new' })
  status!: TicketStatus;

  /** The status a paused ticket returns to on resume. */
  @Column({ name: 'paused_from', type: 'varchar', length: 20, nullable: true })
  pausedFrom!: TicketStatus | null;

  @Column({ type: 'varchar', length: 10, default: 'phone' })
  channel!: 'phone' | 'email' | 'portal';

  @Column({ type: 'varchar', length: 200, nullable: true })
  reporter!: string | null;

  /** When the fault began (may precede the report); availability counts downtime from here. */
  @Column({ name: 'fault_began_at', type: 'timestamptz' })
  faultBeganAt!: Date;

  /** The fault takes the asset out of service (counts as downtime). */
  @Column({ name: 'asset_down', type: 'boolean', default: false })
  assetDown!: boolean;

  /** In the contract's scope; out-of-scope work is billed by the price list. */
  @Column({ name: 'in_scope', type: 'boolean', default: true })
  inScope!: boolean;

  @Column({ name: 'scope_note', type: 'text', nullable: true })
  scopeNote!: string | null;

  @Index('ix_tickets_assignee')
  @Column({ name: 'assignee_id', type: 'uuid', nullable: true })
  assigneeId!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assignee_id', foreignKeyConstraintName: 'fk_tickets_assignee' })
  assignee?: UserEntity;

  @Column({ name: 'next_deadline', type: 'timestamptz', nullable: true })
  nextDeadline!: Date | null;

  /** A running clock passed its warning instant. */
  @Column({ name: 'at_risk', type: 'boolean', default: false })
  atRisk!: boolean;

  /** A clock was breached (stays true: the evidence). */
  @Column({ type: 'boolean', default: false })
  breached!: boolean;

  @Column({ name: 'restored_at', type: 'timestamptz', nullable: true })
  restoredAt!: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn({ type: 'integer' })
  version!: number;

  /**
   * German full-text vector of title (A), description (B) and reporter (C) for the queue's search, kept by the
   * trigger trg_tickets_search_vector (migration 1795380000000); never written by the application.
   */
  @Column({ name: 'search_vector', type: 'tsvector', nullable: true, select: false, insert: false, update: false })
  searchVector?: string | null;
}
