import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  VersionColumn,
} from 'typeorm';
import { TenantEntity } from './tenant.entity';

/** A property (Liegenschaft/Standort). Its state decides the public holidays, its zone the local time. */
@Entity({ name: 'sites' })
export class SiteEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('ix_sites_tenant')
  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @ManyToOne(() => TenantEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'fk_sites_tenant' })
  tenant?: TenantEntity;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 200 })
  street!: string;

  @Column({ name: 'postal_code', type: 'varchar', length: 10 })
  postalCode!: string;

  @Column({ type: 'varchar', length: 100 })
  city!: string;

  /** Holiday region, e.g. 'DE-BY' (Bundesland). */
  @Column({ type: 'varchar', length: 10 })
  state!: string;

  @Column({ type: 'varchar', length: 64, default: 'Europe/Berlin' })
  timezone!: string;

  @Column({ name: 'area_m2', type: 'numeric', precision: 12, scale: 2, nullable: true })
  areaM2!: string | null;

  /** One-way road distance from the provider's base in km (price lists bill travel by distance band). */
  @Column({ name: 'distance_km', type: 'numeric', precision: 7, scale: 1, nullable: true })
  distanceKm!: string | null;

  /** Travel zone id of the provider's price list (e.g. '1' in seed 004), or null. */
  @Column({ name: 'travel_zone', type: 'varchar', length: 40, nullable: true })
  travelZone!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @VersionColumn({ type: 'integer' })
  version!: number;
}
