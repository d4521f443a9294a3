import type { MoneyString } from './kpi.types';

/** Invoices and credit notes (issue 16). Money as decimal strings, instants as ISO strings. */
export type InvoiceStatus = 'draft' | 'approved' | 'issued' | 'cancelled';
export type InvoiceKind = 'invoice' | 'credit-note';
export const INVOICE_STATUSES: readonly InvoiceStatus[] = ['draft', 'approved', 'issued', 'cancelled'];

export interface InvoiceLineView {
  readonly position: number;
  readonly kind: 'flat-fee' | 'service-report' | 'occurrence-fee' | 'bonus-malus';
  readonly description: string;
  /** Decimal string. */
  readonly quantity: string;
  /** UN/ECE rec. 20 unit code (C62 one, MON month). */
  readonly unit: string;
  readonly unitPrice: MoneyString;
  readonly net: MoneyString;
  /** EN 16931 VAT category (S = standard rate) and rate in percent. */
  readonly vatCategory: string;
  readonly vatRate: string;
}

export interface InvoiceView {
  readonly id: string;
  readonly kind: InvoiceKind;
  readonly contractId: string;
  readonly tenantId: string;
  /** Billing month 'YYYY-MM'; `periodTo` exclusive. */
  readonly period: string;
  readonly periodFrom: string;
  readonly periodTo: string;
  readonly status: InvoiceStatus;
  /** "RE-2026-000001" once issued, else null. */
  readonly number: string | null;
  readonly issuedAt: string | null;
  readonly currency: string;
  readonly net: MoneyString;
  readonly vat: MoneyString;
  readonly gross: MoneyString;
  /** A credit note: the original invoice (id and number). */
  readonly creditOf: { readonly id: string; readonly number: string | null } | null;
  /** An issued invoice that was credited: the credit notes that reference it. */
  readonly creditNotes: readonly { readonly id: string; readonly number: string | null }[];
  readonly lines: readonly InvoiceLineView[];
  /** Internal (staff only): approval, the billing run's notes, the version for If-Match. */
  readonly approvedAt?: string | null;
  readonly approvedBy?: string | null;
  readonly notes?: readonly string[];
  readonly version?: number;
}

export type InvoiceSummaryView = Omit<InvoiceView, 'lines' | 'notes' | 'creditNotes'>;
