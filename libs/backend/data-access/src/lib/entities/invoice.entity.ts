import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  Unique,
  VersionColumn,
} from 'typeorm';
import { ContractEntity } from './contract.entity';
import { TenantEntity } from './tenant.entity';
import { UserEntity } from './user.entity';

export const INVOICE_STATUS_VALUES = ['draft', 'approved', 'issued', 'cancelled'] as const;
export type InvoiceStatusColumn = (typeof INVOICE_STATUS_VALUES)[number];

/** The buyer as printed on the issued invoice (frozen at issue: a later rename never changes it). */
export interface InvoiceBuyerColumn {
  readonly name: string;
  readonly street: string;
  readonly postalCode: string;
  readonly city: string;
  readonly country: string;
}

/**
 * An invoice (Rechnung) or credit note (Gutschrift) of a contract's month. Drafts come from the billing run
 * and are replaced by it; a manager approves; issuing assigns the gapless number (invoice_number_counters)
 * and from then on PostgreSQL refuses every change (migration 1795390000000) except issued → cancelled while
 * an issued credit note references it. Money is numeric; totals are the sums of the rounded lines.
 */
@Entity({ name: 'invoices' })
@Unique('uq_invoices_number', ['number'])
@Check('ck_invoices_kind', `"kind" IN ('invoice', 'credit-note')`)
@Check('ck_invoices_status', `"status" IN ('draft', 'approved', 'issued', 'cancelled')`)
@Check(
  'ck_invoices_numbered',
  `("number" IS NOT NULL) = ("status" IN ('issued', 'cancelled')) AND ("number" IS NULL) = ("issued_at" IS NULL)`,
)
@Check('ck_invoices_credit', `("kind" = 'credit-note') = ("credit_of" IS NOT NULL)`)
@Index('uq_invoices_contract_period', ['contractId', 'period'], {
  unique: true,
  where: `"kind" = 'invoice' AND "status" <> 'cancelled'`,
})
@Index('ix_invoices_tenant_status', ['tenantId', 'status'])
export class InvoiceEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_invoices' })
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @ManyToOne(() => TenantEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'fk_invoices_tenant' })
  tenant?: TenantEntity;

  @Column({ name: 'contract_id', type: 'uuid' })
  contractId!: string;

  @ManyToOne(() => ContractEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'contract_id', foreignKeyConstraintName: 'fk_invoices_contract' })
  contract?: ContractEntity;

  @Column({ type: 'varchar', length: 12, default: 'invoice' })
  kind!: 'invoice' | 'credit-note';

  /** The billing month 'YYYY-MM'. */
  @Column({ type: 'varchar', length: 7 })
  period!: string;

  @Column({ name: 'period_from', type: 'date' })
  periodFrom!: string;

  /** Exclusive. */
  @Column({ name: 'period_to', type: 'date' })
  periodTo!: string;

  @Column({ type: 'varchar', length: 10, default: 'draft' })
  status!: InvoiceStatusColumn;

  /** "RE-2026-000001"; null until issued. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  number!: string | null;

  @Column({ name: 'issued_at', type: 'timestamptz', nullable: true })
  issuedAt!: Date | null;

  @Column({ name: 'issued_by', type: 'uuid', nullable: true })
  issuedBy!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'issued_by', foreignKeyConstraintName: 'fk_invoices_issued_by' })
  issuer?: UserEntity;

  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt!: Date | null;

  @Column({ name: 'approved_by', type: 'uuid', nullable: true })
  approvedBy!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'approved_by', foreignKeyConstraintName: 'fk_invoices_approved_by' })
  approver?: UserEntity;

  @Column({ type: 'varchar', length: 3, default: 'EUR' })
  currency!: string;

  @Column({ type: 'numeric', precision: 14, scale: 2 })
  net!: string;

  @Column({ type: 'numeric', precision: 14, scale: 2 })
  vat!: string;

  @Column({ type: 'numeric', precision: 14, scale: 2 })
  gross!: string;

  /** The original invoice of a credit note. */
  @Index('ix_invoices_credit_of')
  @Column({ name: 'credit_of', type: 'uuid', nullable: true })
  creditOf!: string | null;

  @ManyToOne(() => InvoiceEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'credit_of', foreignKeyConstraintName: 'fk_invoices_credit_of' })
  original?: InvoiceEntity;

  @Column({ type: 'jsonb', nullable: true })
  buyer!: InvoiceBuyerColumn | null;

  /** Internal notes of the billing run (what could not be priced); never shown to customers. */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  notes!: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @VersionColumn({ type: 'integer' })
  version!: number;

  @OneToMany(() => InvoiceLineEntity, (l) => l.invoice)
  lines?: InvoiceLineEntity[];
}

/** A line of an invoice as printed: quantity × unit price = net (rounded to cents), VAT category and rate. */
@Entity({ name: 'invoice_lines' })
@Check('ck_invoice_lines_kind', `"kind" IN ('flat-fee', 'service-report', 'occurrence-fee', 'bonus-malus')`)
export class InvoiceLineEntity {
  @PrimaryColumn({ name: 'invoice_id', type: 'uuid', primaryKeyConstraintName: 'pk_invoice_lines' })
  invoiceId!: string;

  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'pk_invoice_lines' })
  position!: number;

  @ManyToOne(() => InvoiceEntity, (i) => i.lines, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'invoice_id', foreignKeyConstraintName: 'fk_invoice_lines_invoice' })
  invoice?: InvoiceEntity;

  @Column({ type: 'varchar', length: 20 })
  kind!: 'flat-fee' | 'service-report' | 'occurrence-fee' | 'bonus-malus';

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'numeric', precision: 12, scale: 3 })
  quantity!: string;

  @Column({ type: 'varchar', length: 3 })
  unit!: string;

  @Column({ name: 'unit_price', type: 'numeric', precision: 14, scale: 2 })
  unitPrice!: string;

  @Column({ type: 'numeric', precision: 14, scale: 2 })
  net!: string;

  @Column({ name: 'vat_category', type: 'varchar', length: 2 })
  vatCategory!: string;

  @Column({ name: 'vat_rate', type: 'numeric', precision: 5, scale: 2 })
  vatRate!: string;

  @Column({ type: 'text', nullable: true })
  reference!: string | null;
}

/** Last invoice number handed out per provider and calendar year (gapless: incremented in the issuing transaction). */
@Entity({ name: 'invoice_number_counters' })
export class InvoiceNumberCounterEntity {
  @PrimaryColumn({ type: 'varchar', length: 40, primaryKeyConstraintName: 'pk_invoice_number_counters' })
  provider!: string;

  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'pk_invoice_number_counters' })
  year!: number;

  @Column({ name: 'last_value', type: 'integer' })
  lastValue!: number;
}
