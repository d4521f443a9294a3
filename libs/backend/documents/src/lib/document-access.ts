import type { DocumentClassValue, DocumentView } from '@leitstand/api-contracts';
import { canSeeTenant, type AuthUser, type Role } from '@leitstand/backend/core';

/** Who uploads documents (to tickets and assets of their tenants). Customers do not. */
export const DOCUMENT_UPLOADER_ROLES: readonly Role[] = ['admin', 'agent', 'manager', 'technician'];

/** A document row as the store reads it (metadata joined with its content's type and size). */
export interface DocumentRow {
  id: string;
  tenant_id: string;
  sha256: string;
  title: string;
  file_name: string;
  document_class: DocumentClassValue;
  retention_until: string;
  customer_visible: boolean;
  uploaded_by: string;
  uploaded_at: Date;
  version: number;
  content_type: string;
  size_bytes: number;
}

/**
 * Whether the caller may read a document at all (else: 404, never 403). Staff by tenant scope (admins and
 * agents every tenant, managers and technicians the tenants they serve — the rule tickets follow);
 * customers only documents of their own tenant marked for customers.
 */
export function canReadDocument(user: AuthUser, doc: Pick<DocumentRow, 'tenant_id' | 'customer_visible'>): boolean {
  if (!canSeeTenant(user, doc.tenant_id)) return false;
  if (user.role === 'customer') return doc.customer_visible && user.tenantId === doc.tenant_id;
  return true;
}

/** The view of a row for this caller (customers do not learn who uploaded it). */
export function toDocumentView(user: AuthUser, row: DocumentRow): DocumentView {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    title: row.title,
    fileName: row.file_name,
    documentClass: row.document_class,
    contentType: row.content_type,
    sizeBytes: row.size_bytes,
    sha256: row.sha256,
    retentionUntil: row.retention_until,
    customerVisible: row.customer_visible,
    uploadedBy: user.role === 'customer' ? null : row.uploaded_by,
    uploadedAt: row.uploaded_at.toISOString(),
    version: row.version,
    contentUrl: `/api/documents/${row.id}/content`,
  };
}
