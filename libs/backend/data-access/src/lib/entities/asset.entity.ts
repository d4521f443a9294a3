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
import { SiteEntity } from './site.entity';
import { TenantEntity } from './tenant.entity';

/** A plant or device (Anlage) with its trade and criticality class, optionally part of a parent asset. */
@Entity({ name: 'assets' })
@Check('ck_assets_class', `"asset_class" IN ('A', 'B', 'C')`)
@Index('ix_assets_site', ['siteId'])
@Index('uq_assets_tenant_code', ['tenantId', 'code'], { unique: true })
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

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @VersionColumn({ type: 'integer' })
  version!: number;
}
