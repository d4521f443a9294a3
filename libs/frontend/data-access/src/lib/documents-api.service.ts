import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type {
  ApiError,
  DocumentClassValue,
  DocumentListResponse,
  DocumentView,
  UpdateDocumentRequest,
} from '@leitstand/api-contracts';
import { API_BASE_URL } from './api-base-url.token';

/** What an upload sends besides the file (multipart/form-data fields). */
export interface DocumentUploadRequest {
  file: Blob;
  fileName: string;
  documentClass: DocumentClassValue;
  title?: string;
  customerVisible?: boolean;
  /** Inspection reports: when the next test is due (YYYY-MM-DD); the report is kept at least until then. */
  nextTestDue?: string;
}

/** Why an upload failed, for the UI's texts (the server's 413 / 415 / 400 / 404 / 403). */
export type UploadFailure =
  | { kind: 'too-large' }
  | { kind: 'type' }
  | { kind: 'invalid'; fields: string[] }
  | { kind: 'not-found' }
  | { kind: 'forbidden' }
  | { kind: 'stale' }
  | { kind: 'other' };

/** Maps an upload's error answer onto an UploadFailure. */
export function uploadFailureOf(error: unknown): UploadFailure {
  if (!(error instanceof HttpErrorResponse)) return { kind: 'other' };
  switch (error.status) {
    case 413:
      return { kind: 'too-large' };
    case 415:
      return { kind: 'type' };
    case 400: {
      const body = error.error as Partial<ApiError> | null;
      return { kind: 'invalid', fields: (body?.fields ?? []).map((f) => f.field) };
    }
    case 404:
      return { kind: 'not-found' };
    case 403:
      return { kind: 'forbidden' };
    case 412:
      return { kind: 'stale' };
    default:
      return { kind: 'other' };
  }
}

/**
 * HTTP client of the document store (issue 14): a ticket's documents, uploads as multipart/form-data (the
 * browser sets the boundary), and the content URL (same origin: the session cookie authorises <img> and
 * download links). Stateless.
 */
@Injectable({ providedIn: 'root' })
export class DocumentsApiService {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  /** GET /api/tickets/:id/documents (customers: the ones marked for them). */
  forTicket(ticketId: string): Observable<DocumentListResponse> {
    return this.http.get<DocumentListResponse>(`${this.ticketUrl(ticketId)}/documents`);
  }

  /** POST /api/tickets/:id/documents. */
  uploadToTicket(ticketId: string, request: DocumentUploadRequest): Observable<DocumentView> {
    return this.http.post<DocumentView>(`${this.ticketUrl(ticketId)}/documents`, formOf(request));
  }

  /** GET /api/assets/:id/documents (inspection reports, manuals, photos of the plate). */
  forAsset(assetId: string): Observable<DocumentListResponse> {
    return this.http.get<DocumentListResponse>(`${this.assetUrl(assetId)}/documents`);
  }

  /** POST /api/assets/:id/documents. */
  uploadToAsset(assetId: string, request: DocumentUploadRequest): Observable<DocumentView> {
    return this.http.post<DocumentView>(`${this.assetUrl(assetId)}/documents`, formOf(request));
  }

  /** PATCH /api/documents/:id with If-Match: a new title or customer visibility. */
  update(doc: Pick<DocumentView, 'id' | 'version'>, changes: UpdateDocumentRequest): Observable<DocumentView> {
    return this.http.patch<DocumentView>(`${this.baseUrl}/documents/${encodeURIComponent(doc.id)}`, changes, {
      headers: { 'If-Match': `"${doc.version}"` },
    });
  }

  /** The URL of a document's bytes (for <img src> and download links). */
  contentUrl(documentId: string): string {
    return `${this.baseUrl}/documents/${encodeURIComponent(documentId)}/content`;
  }

  private assetUrl(id: string): string {
    return `${this.baseUrl}/assets/${encodeURIComponent(id)}`;
  }

  private ticketUrl(id: string): string {
    return `${this.baseUrl}/tickets/${encodeURIComponent(id)}`;
  }
}

function formOf(request: DocumentUploadRequest): FormData {
  const form = new FormData();
  form.append('documentClass', request.documentClass);
  if (request.title !== undefined && request.title.trim() !== '') form.append('title', request.title.trim());
  if (request.customerVisible !== undefined) form.append('customerVisible', String(request.customerVisible));
  if (request.nextTestDue) form.append('nextTestDue', request.nextTestDue);
  // The file last: the server reads the fields first, then streams the file.
  form.append('file', request.file, request.fileName);
  return form;
}
