import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  VersionColumn,
} from 'typeorm';
import { LocationEntity } from './location.entity';
import { SiteEntity } from './site.entity';
import { TenantEntity } from './tenant.entity';

/** A plant or device (Anlage) with its trade and criticality class, optionally part of a parent asset. */
@Entity({ name: 'assets' })
@Check('ck_assets_class', `"asset_class" IN ('A', 'B', 'C')`)
@Index('ix_assets_site', ['siteId'])
@Check('ck_assets_attributes', `jsonb_typeof("attributes") = 'object'`)
@Check('ck_assets_year_built', `"year_built" BETWEEN 1800 AND 2200`)
@Index('uq_assets_tenant_code', ['tenantId', 'code'], { unique: true })
@Index('ix_assets_location', ['locationId'])
@Index('ix_assets_code_id', ['code', 'id'])
@Index('ix_assets_tenant_name_id', ['tenantId', 'name', 'id'])
@Index('ix_assets_name_id', ['name', 'id'])
@Index('ix_assets_site_code', ['siteId', 'code'])
// Register search (code, name, manufacturer, serial number, trade; ILIKE '%q%'): a pg_trgm GIN index over
// one expression, created by migration 1795330000000 (TypeORM cannot describe it, so it leaves it alone).
@Index('ix_assets_search_trgm', { synchronize: false })
export class AssetEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('ix_assets_tenant')
  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @ManyToOne(() => TenantEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'fk_assets_tenant' })
  tenant?: TenantEntity;

  @Column({ name: 'site_id', type: 'uuid' })
  siteId!: string;

  @ManyToOne(() => SiteEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'site_id', foreignKeyConstraintName: 'fk_assets_site' })
  site?: SiteEntity;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId!: string | null;

  @ManyToOne(() => AssetEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'fk_assets_parent' })
  parent?: AssetEntity;

  /** Inventory code, unique per tenant (e.g. 'AZ-03'). */
  @Column({ type: 'varchar', length: 40 })
  code!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** Trade (Gewerk), e.g. 'elevators', 'air-handling', 'compressed-air'. */
  @Column({ type: 'varchar', length: 60 })
  trade!: string;

  @Column({ name: 'asset_class', type: 'varchar', length: 1 })
  assetClass!: 'A' | 'B' | 'C';

  @Column({ name: 'in_contract', type: 'boolean', default: true })
  inContract!: boolean;

  /** The room, floor or building of the asset's site, or null. */
  @Column({ name: 'location_id', type: 'uuid', nullable: true })
  locationId!: string | null;

  @ManyToOne(() => LocationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'location_id', foreignKeyConstraintName: 'fk_assets_location' })
  location?: LocationEntity;

  @Column({ type: 'varchar', length: 100, nullable: true })
  manufacturer!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  model!: string | null;

  @Column({ name: 'serial_number', type: 'varchar', length: 100, nullable: true })
  serialNumber!: string | null;

  @Column({ name: 'year_built', type: 'smallint', nullable: true })
  yearBuilt!: number | null;

  /** Local date 'YYYY-MM-DD' (the last day of the warranty). */
  @Column({ name: 'warranty_until', type: 'date', nullable: true })
  warrantyUntil!: string | null;

  /** Free technical attributes (key → value, strings only; bounded by the API). */
  @Column({ type: 'jsonb', default: {} })
  attributes!: Record<string, string>;

  /** Assets sharing a key back each other up (k-of-n availability). */
  @Column({ name: 'redundancy_group', type: 'varchar', length: 60, nullable: true })
  redundancyGroup!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @VersionColumn({ type: 'integer' })
  version!: number;
}
