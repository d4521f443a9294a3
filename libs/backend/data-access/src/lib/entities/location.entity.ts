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

/**
 * A place inside a site (Gebäude → Geschoss → Raum): buildings are roots, a floor's parent is a
 * building, a room's parent is a floor, all of the same site (trigger trg_locations_hierarchy).
 * Names are unique among siblings, so a path "Gebäude A / EG / Raum 0.12" names one location.
 */
@Entity({ name: 'locations' })
@Check('ck_locations_kind', `"kind" IN ('building', 'floor', 'room')`)
@Index('ix_locations_site', ['siteId'])
@Index('uq_locations_root_name', ['siteId', 'name'], { unique: true, where: `"parent_id" IS NULL` })
@Index('uq_locations_child_name', ['parentId', 'name'], { unique: true, where: `"parent_id" IS NOT NULL` })
export class LocationEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_locations' })
  id!: string;

  @Index('ix_locations_tenant')
  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @ManyToOne(() => TenantEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'fk_locations_tenant' })
  tenant?: TenantEntity;

  @Column({ name: 'site_id', type: 'uuid' })
  siteId!: string;

  @ManyToOne(() => SiteEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'site_id', foreignKeyConstraintName: 'fk_locations_site' })
  site?: SiteEntity;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId!: string | null;

  @ManyToOne(() => LocationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'fk_locations_parent' })
  parent?: LocationEntity;

  @Column({ type: 'varchar', length: 10 })
  kind!: 'building' | 'floor' | 'room';

  /** Short code shown on plans and labels (e.g. 'A', 'EG', '0.12'); optional. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  code!: string | null;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @VersionColumn({ type: 'integer' })
  version!: number;
}
