import { type DestroyRef, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { Observable } from 'rxjs';
import type { DocumentListResponse, DocumentView, UpdateDocumentRequest } from '@leitstand/api-contracts';
import { type DocumentUploadRequest, type UploadFailure, uploadFailureOf } from './documents-api.service';

/** Where a list of documents lives: its reads and its upload (a ticket's, an asset's). */
export interface DocumentSource {
  list(): Observable<DocumentListResponse>;
  upload(request: DocumentUploadRequest): Observable<DocumentView>;
  /** A new title or customer visibility (the office's roles; If-Match with the version shown). */
  update?(doc: DocumentView, changes: UpdateDocumentRequest): Observable<DocumentView>;
}

export type DocumentUploadOutcome =
  | { kind: 'uploaded'; title: string }
  | { kind: 'updated'; title: string }
  | { kind: 'failed'; failure: UploadFailure }
  | { kind: 'no-file' };

/**
 * The state of one documents panel (a ticket's in the agent's detail, an asset's in the register): the list,
 * whether it loaded, and the outcome of the last upload; the newest upload is listed first. One per component
 * (it unsubscribes with the component's DestroyRef).
 */
export class DocumentListState {
  readonly documents = signal<DocumentView[]>([]);
  readonly loaded = signal(false);
  readonly loadFailed = signal(false);
  readonly busy = signal(false);
  readonly outcome = signal<DocumentUploadOutcome | null>(null);
  private source: DocumentSource | null = null;

  constructor(private readonly destroyRef: DestroyRef) {}

  /** Shows the documents of `source` (again, when the target changes). */
  connect(source: DocumentSource): void {
    this.source = source;
    this.outcome.set(null);
    source
      .list()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (list) => {
          if (this.source !== source) return;
          this.documents.set(list.items);
          this.loaded.set(true);
          this.loadFailed.set(false);
        },
        error: () => this.loadFailed.set(true),
      });
  }

  /** True when this list's documents may be retitled and shown to customers here. */
  get editable(): boolean {
    return this.source?.update !== undefined;
  }

  /**
   * Saves a new title / visibility. A stale version (412: someone changed it meanwhile) reloads the list so the
   * user sees the current state before trying again; nothing is overwritten unseen.
   */
  update(doc: DocumentView, changes: UpdateDocumentRequest): Promise<boolean> {
    const source = this.source;
    if (!source?.update) return Promise.resolve(false);
    this.busy.set(true);
    this.outcome.set(null);
    return new Promise((resolve) => {
      source
        .update?.(doc, changes)
        .pipe(takeUntilDestroyed(this.destroyRef))
        .subscribe({
          next: (saved) => {
            this.busy.set(false);
            this.outcome.set({ kind: 'updated', title: saved.title });
            this.documents.update((docs) => docs.map((d) => (d.id === saved.id ? saved : d)));
            resolve(true);
          },
          error: (error: unknown) => {
            this.busy.set(false);
            const failure = uploadFailureOf(error);
            if (failure.kind === 'stale') this.connect(source);
            this.outcome.set({ kind: 'failed', failure });
            resolve(false);
          },
        });
    });
  }

  /** Uploads a file; `null` (nothing picked) says so without a request. Resolves true when it was stored. */
  upload(request: DocumentUploadRequest | null): Promise<boolean> {
    const source = this.source;
    if (!request || !source) {
      this.outcome.set({ kind: 'no-file' });
      return Promise.resolve(false);
    }
    this.busy.set(true);
    this.outcome.set(null);
    return new Promise((resolve) => {
      source
        .upload(request)
        .pipe(takeUntilDestroyed(this.destroyRef))
        .subscribe({
          next: (doc) => {
            this.busy.set(false);
            this.outcome.set({ kind: 'uploaded', title: doc.title });
            this.documents.update((docs) => [doc, ...docs.filter((d) => d.id !== doc.id)]);
            resolve(true);
          },
          error: (error: unknown) => {
            this.busy.set(false);
            this.outcome.set({ kind: 'failed', failure: uploadFailureOf(error) });
            resolve(false);
          },
        });
    });
  }
}
