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
import { AssetEntity } from './asset.entity';
import { TenantEntity } from './tenant.entity';
import { UserEntity } from './user.entity';

/**
 * A planned maintenance window (geplante Wartung) of one asset: [starts_at, ends_at) is planned
 * downtime — neither required time nor downtime in the availability (EN 13306). The tenant is the
 * asset's; catalog row with optimistic locking (`version`, If-Match).
 */
@Entity({ name: 'maintenance_windows' })
@Check('ck_maintenance_windows_interval', `"ends_at" > "starts_at"`)
@Index('ix_maintenance_windows_asset_start', ['assetId', 'startsAt'])
export class MaintenanceWindowEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_maintenance_windows' })
  id!: string;

  @Index('ix_maintenance_windows_tenant')
  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @ManyToOne(() => TenantEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'fk_maintenance_windows_tenant' })
  tenant?: TenantEntity;

  @Column({ name: 'asset_id', type: 'uuid' })
  assetId!: string;

  @ManyToOne(() => AssetEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'asset_id', foreignKeyConstraintName: 'fk_maintenance_windows_asset' })
  asset?: AssetEntity;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt!: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt!: Date;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'fk_maintenance_windows_creator' })
  creator?: UserEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @VersionColumn({ type: 'integer' })
  version!: number;
}
