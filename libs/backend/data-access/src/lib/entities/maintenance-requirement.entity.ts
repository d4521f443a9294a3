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
import { AssetEntity } from './asset.entity';
import { ContractEntity } from './contract.entity';
import { SiteEntity } from './site.entity';
import { TenantEntity } from './tenant.entity';

/**
 * A requirement (Wartungs-/Prüfplan): an obligation of a contract — one task of the catalogue
 * (`task_key`), on one asset or on the assets of a site matching the optional trade and asset class,
 * with its cadence, anchor rule, lead time, performer, evidence and fee. The worker materialises its
 * occurrences (maintenance_occurrences). Trigger trg_maintenance_requirements_tenant keeps contract,
 * site and asset in the requirement's tenant (and the asset on the site). Catalog row with optimistic
 * locking (`version`, If-Match).
 */
@Entity({ name: 'maintenance_requirements' })
@Check('ck_maintenance_requirements_kind', `"kind" IN ('inspection', 'maintenance', 'statutory-test')`)
@Check(
  'ck_maintenance_requirements_cadence',
  `"cadence_every" BETWEEN 1 AND 520 AND "cadence_unit" IN ('week', 'month', 'year')`,
)
@Check(
  'ck_maintenance_requirements_anchor',
  `"anchor_kind" IN ('fixed-grid', 'floating', 'statutory') AND ("intermediate" = false OR "anchor_kind" = 'statutory')`,
)
@Check('ck_maintenance_requirements_lead_days', `"lead_days" BETWEEN 0 AND 366`)
@Check('ck_maintenance_requirements_performer', `"performer" IN ('provider', 'approved-body')`)
@Check('ck_maintenance_requirements_evidence', `"evidence" <@ ARRAY['checklist', 'photo', 'inspection-record']::text[]`)
@Check('ck_maintenance_requirements_fee', `"fee" IS NULL OR "fee" >= 0`)
@Check('ck_maintenance_requirements_asset_class', `"asset_class" IN ('A', 'B', 'C')`)
@Check('ck_maintenance_requirements_selection', `"asset_id" IS NULL OR ("trade" IS NULL AND "asset_class" IS NULL)`)
@Check('ck_maintenance_requirements_title', `char_length("title") BETWEEN 1 AND 200`)
@Index('ix_maintenance_requirements_contract', ['contractId'])
@Index('ix_maintenance_requirements_site', ['siteId'])
@Index('ix_maintenance_requirements_asset', ['assetId'])
export class MaintenanceRequirementEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_maintenance_requirements' })
  id!: string;

  @Index('ix_maintenance_requirements_tenant')
  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @ManyToOne(() => TenantEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'fk_maintenance_requirements_tenant' })
  tenant?: TenantEntity;

  @Column({ name: 'contract_id', type: 'uuid' })
  contractId!: string;

  @ManyToOne(() => ContractEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'contract_id', foreignKeyConstraintName: 'fk_maintenance_requirements_contract' })
  contract?: ContractEntity;

  /** A key of the domain's task catalogue (MAINTENANCE_TASKS). */
  @Column({ name: 'task_key', type: 'varchar', length: 80 })
  taskKey!: string;

  @Column({ type: 'text' })
  title!: string;

  /** DIN 31051 inspection / maintenance, or statutory test (from the task). */
  @Column({ type: 'varchar', length: 20 })
  kind!: 'inspection' | 'maintenance' | 'statutory-test';

  /** Statutory: legal latest dates move only earlier to a working day, completion needs the evidence. */
  @Column({ type: 'boolean' })
  statutory!: boolean;

  @Column({ name: 'site_id', type: 'uuid' })
  siteId!: string;

  @ManyToOne(() => SiteEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'site_id', foreignKeyConstraintName: 'fk_maintenance_requirements_site' })
  site?: SiteEntity;

  /** One asset; null selects the site's assets (optionally of `trade` and `asset_class`). */
  @Column({ name: 'asset_id', type: 'uuid', nullable: true })
  assetId!: string | null;

  @ManyToOne(() => AssetEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'asset_id', foreignKeyConstraintName: 'fk_maintenance_requirements_asset' })
  asset?: AssetEntity;

  @Column({ type: 'varchar', length: 60, nullable: true })
  trade!: string | null;

  @Column({ name: 'asset_class', type: 'varchar', length: 1, nullable: true })
  assetClass!: 'A' | 'B' | 'C' | null;

  @Column({ name: 'cadence_every', type: 'integer' })
  cadenceEvery!: number;

  @Column({ name: 'cadence_unit', type: 'varchar', length: 5 })
  cadenceUnit!: 'week' | 'month' | 'year';

  @Column({ name: 'anchor_kind', type: 'varchar', length: 10 })
  anchorKind!: 'fixed-grid' | 'floating' | 'statutory';

  /** fixed grid / floating: the start; statutory: the last main (legal) test. */
  @Column({ name: 'anchor_date', type: 'date' })
  anchorDate!: string;

  /** Statutory only: an intermediate inspection half-way between main inspections. */
  @Column({ type: 'boolean', default: false })
  intermediate!: boolean;

  @Column({ name: 'lead_days', type: 'integer' })
  leadDays!: number;

  @Column({ type: 'varchar', length: 20 })
  performer!: 'provider' | 'approved-body';

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  evidence!: string[];

  /** Net fee per occurrence; billed when not null. */
  @Column({ type: 'numeric', precision: 12, scale: 2, nullable: true })
  fee!: string | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn({ type: 'integer' })
  version!: number;
}
