import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  JoinTable,
  ManyToMany,
  ManyToOne,
  PrimaryGeneratedColumn,
  VersionColumn,
} from 'typeorm';
import { PriceListEntity } from './price-list.entity';
import { SiteEntity } from './site.entity';
import { TenantEntity } from './tenant.entity';

export const CONTRACT_TYPES = ['inspection', 'full_maintenance', 'all_in'] as const;
export type ContractType = (typeof CONTRACT_TYPES)[number];

/**
 * A service contract of one tenant covering some of its sites: its service calendars, SLA matrix,
 * availability targets, bonus/malus rules, price list, money figures and scope.
 * Structured terms are JSONB validated by @leitstand/domain on every write; money is numeric.
 */
@Entity({ name: 'contracts' })
@Check('ck_contracts_type', `"type" IN ('inspection', 'full_maintenance', 'all_in')`)
@Check('ck_contracts_term', `"ends_on" IS NULL OR "ends_on" >= "starts_on"`)
export class ContractEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('ix_contracts_tenant')
  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @ManyToOne(() => TenantEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'fk_contracts_tenant' })
  tenant?: TenantEntity;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 20 })
  type!: ContractType;

  @Column({ name: 'starts_on', type: 'date' })
  startsOn!: string;

  @Column({ name: 'ends_on', type: 'date', nullable: true })
  endsOn!: string | null;

  /** Calendar specs by key ('24-7', 'on-site', …), each a domain CalendarSpec. */
  @Column({ type: 'jsonb' })
  calendars!: Record<string, unknown>;

  /** Domain SlaMatrixSpec: per priority and clock a budget, a calendar key and a warning share. */
  @Column({ name: 'sla_matrix', type: 'jsonb' })
  slaMatrix!: Record<string, unknown>;

  /** Availability target share per asset class, e.g. { "A": "0.995" }, and the basis ('24/7' or a calendar key). */
  @Column({ name: 'availability_targets', type: 'jsonb', default: {} })
  availabilityTargets!: Record<string, string>;

  @Column({ name: 'availability_basis', type: 'varchar', length: 60, default: '24-7' })
  availabilityBasis!: string;

  /** Domain bonus/malus rules (capPercentOfVolume, kpis[]); null when the contract has none. */
  @Column({ name: 'bonus_malus', type: 'jsonb', nullable: true })
  bonusMalus!: Record<string, unknown> | null;

  @Column({ name: 'price_list_id', type: 'uuid', nullable: true })
  priceListId!: string | null;

  @ManyToOne(() => PriceListEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'price_list_id', foreignKeyConstraintName: 'fk_contracts_price_list' })
  priceList?: PriceListEntity;

  @Column({ name: 'annual_volume', type: 'numeric', precision: 14, scale: 2 })
  annualVolume!: string;

  /** Domain indexation clause (fixed/labour/material shares, index names); null when none. */
  @Column({ type: 'jsonb', nullable: true })
  indexation!: Record<string, unknown> | null;

  @Column({ name: 'capex_threshold', type: 'numeric', precision: 14, scale: 2, nullable: true })
  capexThreshold!: string | null;

  /** Included trades and asset classes, and exclusions (e.g. user errors, wilful damage). */
  @Column({ type: 'jsonb', default: {} })
  scope!: { trades?: string[]; assetClasses?: string[]; exclusions?: string[] };

  /** Keep SLA warnings quiet outside the service calendar (they are recorded all the same). */
  @Column({ name: 'quiet_warnings_calendar', type: 'varchar', length: 60, nullable: true })
  quietWarningsCalendar!: string | null;

  /** Monthly flat fees, optional modules and inspection fees: the domain contract calculation, optional. */
  @Column({ type: 'jsonb', nullable: true })
  economics!: Record<string, unknown> | null;

  @ManyToMany(() => SiteEntity)
  @JoinTable({
    name: 'contract_sites',
    joinColumn: {
      name: 'contract_id',
      referencedColumnName: 'id',
      foreignKeyConstraintName: 'fk_contract_sites_contract',
    },
    inverseJoinColumn: {
      name: 'site_id',
      referencedColumnName: 'id',
      foreignKeyConstraintName: 'fk_contract_sites_site',
    },
  })
  sites?: SiteEntity[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @VersionColumn({ type: 'integer' })
  version!: number;
}
