import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToOne,
  PrimaryColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { TenantEntity } from './tenant.entity';
import { TicketEntity } from './ticket.entity';
import { UserEntity } from './user.entity';

/**
 * The choices made on a ticket's service report (Leistungsnachweis): the small-material flat, the
 * emergency surcharge, maintenance work (may waive the order fee under a contract), how travel is
 * billed, catalogue items and discounts. The logged work and material stay on the ticket; the report
 * is priced from both on every read. One row per ticket, created on the first change; optimistic
 * locking by `version` (If-Match).
 */
@Entity({ name: 'service_reports' })
@Check('ck_service_reports_work_type', `"work_type" IN ('repair', 'maintenance')`)
@Check('ck_service_reports_travel_method', `"travel_method" IS NULL OR "travel_method" IN ('distance', 'zone', 'time')`)
export class ServiceReportEntity {
  @PrimaryColumn({ name: 'ticket_id', type: 'uuid', primaryKeyConstraintName: 'pk_service_reports' })
  ticketId!: string;

  @OneToOne(() => TicketEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'ticket_id', foreignKeyConstraintName: 'fk_service_reports_ticket' })
  ticket?: TicketEntity;

  @Index('ix_service_reports_tenant')
  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @ManyToOne(() => TenantEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'fk_service_reports_tenant' })
  tenant?: TenantEntity;

  @Column({ name: 'small_material', type: 'boolean', default: false })
  smallMaterial!: boolean;

  @Column({ type: 'boolean', default: false })
  emergency!: boolean;

  @Column({ name: 'work_type', type: 'varchar', length: 20, default: 'repair' })
  workType!: 'repair' | 'maintenance';

  /** null = chosen from the site and the price list. */
  @Column({ name: 'travel_method', type: 'varchar', length: 10, nullable: true })
  travelMethod!: 'distance' | 'zone' | 'time' | null;

  /** [{ code, quantity }] of the price list's catalogue. */
  @Column({ name: 'catalog_items', type: 'jsonb', default: () => `'[]'` })
  catalogItems!: { code: string; quantity: string }[];

  /** Ids of the price list's discounts. */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  discounts!: string[];

  @Column({ name: 'updated_by', type: 'uuid' })
  updatedBy!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'updated_by', foreignKeyConstraintName: 'fk_service_reports_updated_by' })
  updater?: UserEntity;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn({ type: 'integer' })
  version!: number;
}
