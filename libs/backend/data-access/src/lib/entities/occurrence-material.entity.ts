import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { MaintenanceOccurrenceEntity } from './maintenance-occurrence.entity';
import { UserEntity } from './user.entity';

/** Material used on an occurrence; the net unit price is optional (not every part is billed). */
@Entity({ name: 'occurrence_materials' })
@Check('ck_occurrence_materials_amounts', `"quantity" > 0 AND ("unit_price" IS NULL OR "unit_price" >= 0)`)
@Index('ix_occurrence_materials_occurrence', ['occurrenceId'])
export class OccurrenceMaterialEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_occurrence_materials' })
  id!: string;

  @Column({ name: 'occurrence_id', type: 'uuid' })
  occurrenceId!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @ManyToOne(() => MaintenanceOccurrenceEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    {
      name: 'occurrence_id',
      referencedColumnName: 'id',
      foreignKeyConstraintName: 'fk_occurrence_materials_occurrence',
    },
    { name: 'tenant_id', referencedColumnName: 'tenantId' },
  ])
  occurrence?: MaintenanceOccurrenceEntity;

  @Column({ type: 'varchar', length: 200 })
  description!: string;

  @Column({ type: 'numeric', precision: 12, scale: 3 })
  quantity!: string;

  @Column({ type: 'varchar', length: 20, default: 'Stk' })
  unit!: string;

  /** Net unit price; null when the material is not billed. */
  @Column({ name: 'unit_price', type: 'numeric', precision: 12, scale: 2, nullable: true })
  unitPrice!: string | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'fk_occurrence_materials_creator' })
  creator?: UserEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
