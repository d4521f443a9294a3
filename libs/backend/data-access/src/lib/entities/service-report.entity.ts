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
@Check(
  'ck_service_reports_signed',
  `("signed_at" IS NULL AND "signer_name" IS NULL AND "signed_by" IS NULL AND "signed_snapshot" IS NULL)
      OR ("signed_at" IS NOT NULL AND "signer_name" IS NOT NULL AND "signed_by" IS NOT NULL AND "signed_snapshot" IS NOT NULL)`,
)
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

  /** The customer's sign-off (null until signed); the choices are frozen from then on. */
  @Column({ name: 'signed_at', type: 'timestamptz', nullable: true })
  signedAt!: Date | null;

  /** The name the customer typed on the technician's phone. */
  @Column({ name: 'signer_name', type: 'varchar', length: 200, nullable: true })
  signerName!: string | null;

  /** The user who took the sign-off (the assigned technician or staff). */
  @Column({ name: 'signed_by', type: 'uuid', nullable: true })
  signedBy!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'signed_by', foreignKeyConstraintName: 'fk_service_reports_signed_by' })
  signer?: UserEntity;

  /** The drawn signature, a PNG document of the ticket. */
  @Column({ name: 'signature_document_id', type: 'uuid', nullable: true })
  signatureDocumentId!: string | null;

  /** The signed report as PDF, a document of the ticket visible to the customer. */
  @Column({ name: 'pdf_document_id', type: 'uuid', nullable: true })
  pdfDocumentId!: string | null;

  /** The priced report as signed: ticket, site, lines, totals (JSON). */
  @Column({ name: 'signed_snapshot', type: 'jsonb', nullable: true })
  signedSnapshot!: Record<string, unknown> | null;

  @VersionColumn({ type: 'integer' })
  version!: number;
}
