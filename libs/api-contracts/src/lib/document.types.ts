import type { IsoInstant } from './common.types';

/** Document classes (issue 14); the retention rule of each is in @leitstand/domain (documents). */
export const DOCUMENT_CLASS_VALUES = ['photo', 'inspection-report', 'service-report', 'invoice', 'other'] as const;
export type DocumentClassValue = (typeof DOCUMENT_CLASS_VALUES)[number];

/** Longest title (characters) and the upload limit (bytes, 25 MB). */
export const DOCUMENT_TITLE_MAX = 200;
export const DOCUMENT_MAX_BYTES = 25 * 1024 * 1024;

/**
 * A stored document as staff see it. Customers get the same shape for documents marked customerVisible
 * of their own tenant, without `uploadedBy` (an internal user id) — see CustomerDocumentView.
 */
export interface DocumentView {
  id: string;
  tenantId: string;
  title: string;
  fileName: string;
  documentClass: DocumentClassValue;
  /** The real (sniffed) type: application/pdf, image/jpeg, image/png, image/webp, image/heic or image/heif. */
  contentType: string;
  sizeBytes: number;
  /** Hex SHA-256 of the content (the content's address). */
  sha256: string;
  /** Last day the document is kept (civil date, Europe/Berlin). */
  retentionUntil: string;
  customerVisible: boolean;
  uploadedBy: string | null;
  uploadedAt: IsoInstant;
  version: number;
  /** GET this for the bytes. */
  contentUrl: string;
}

export interface DocumentListResponse {
  items: DocumentView[];
}

/** The text fields of an upload form (multipart/form-data, besides `file`). */
export interface DocumentUploadFields {
  title?: string;
  documentClass: DocumentClassValue;
  /** 'true' | 'false' (form fields are text). Default false. */
  customerVisible?: string;
  /** Inspection reports: when the next test is due (YYYY-MM-DD). */
  nextTestDue?: string;
}

/** PATCH /api/documents/:id (If-Match: its version): what may change of a stored document. */
export interface UpdateDocumentRequest {
  title?: string;
  customerVisible?: boolean;
}
