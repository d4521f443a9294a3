import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { DOCUMENT_CLASS_VALUES, type DocumentClassValue, type DocumentView } from '@leitstand/api-contracts';
import { DocumentsApiService, type UploadFailure, uploadFailureOf } from '@leitstand/frontend/data-access';
import { I18nService, TranslatePipe } from '@leitstand/frontend/i18n';
import { DOCUMENT_CLASS_LABEL_KEYS, DocumentGalleryComponent, uploadFailureKey } from '@leitstand/frontend/ui';

type Outcome = { kind: 'uploaded'; title: string } | { kind: 'failed'; failure: UploadFailure } | { kind: 'no-file' };

/**
 * The documents of a ticket in the agent's detail: thumbnails of photos (PDF and HEIC as an icon with the
 * file name), download links, and an upload (file, kind, optional title, visible to customers). Server
 * errors (413, 415, 400 naming the field) are shown in the UI language.
 */
@Component({
  selector: 'ls-ticket-documents',
  imports: [
    FormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    TranslatePipe,
    DocumentGalleryComponent,
  ],
  template: `
    <section aria-labelledby="documents-heading" class="documents">
      <h2 id="documents-heading">{{ 'documents.heading' | t }}</h2>
      @if (loadFailed()) {
        <p role="alert">{{ 'documents.loadError' | t }}</p>
      } @else if (documents().length > 0) {
        <ls-document-gallery [documents]="documents()" />
      } @else if (loaded()) {
        <p class="empty">{{ 'documents.empty' | t }}</p>
      }
      <form class="upload" (ngSubmit)="upload()">
        <label class="file">
          <span>{{ 'documents.file' | t }}</span>
          <input type="file" class="file-input" accept="application/pdf,image/*" (change)="picked($event)" />
        </label>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'documents.class' | t }}</mat-label>
          <mat-select name="documentClass" [(ngModel)]="documentClass">
            @for (c of classes(); track c.value) {
              <mat-option [value]="c.value">{{ c.label }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'documents.title' | t }}</mat-label>
          <input matInput name="title" maxlength="200" [(ngModel)]="title" />
        </mat-form-field>
        <mat-checkbox name="customerVisible" [(ngModel)]="customerVisible">{{
          'documents.customerVisible' | t
        }}</mat-checkbox>
        <button mat-flat-button type="submit" class="upload-button" [disabled]="busy()" disabledInteractive>
          {{ (busy() ? 'documents.uploading' : 'documents.upload') | t }}
        </button>
      </form>
      @if (message(); as m) {
        <p [attr.role]="isError() ? 'alert' : 'status'" class="message" [class.error]="isError()">{{ m }}</p>
      }
    </section>
  `,
  styles: `
    .upload {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px 16px;
      margin-top: 12px;
    }
    .file {
      display: flex;
      flex-direction: column;
      gap: 4px;
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TicketDocumentsComponent {
  private readonly api = inject(DocumentsApiService);
  private readonly i18n = inject(I18nService);
  private readonly destroyRef = inject(DestroyRef);

  readonly ticketId = input.required<string>();
  readonly documents = signal<DocumentView[]>([]);
  protected readonly loaded = signal(false);
  protected readonly loadFailed = signal(false);
  protected readonly busy = signal(false);
  private readonly outcome = signal<Outcome | null>(null);
  private file: File | null = null;
  protected documentClass: DocumentClassValue = 'photo';
  protected title = '';
  protected customerVisible = false;

  protected readonly classes = computed(() =>
    DOCUMENT_CLASS_VALUES.map((value) => ({ value, label: this.i18n.t(DOCUMENT_CLASS_LABEL_KEYS[value]) })),
  );
  protected readonly isError = computed(() => {
    const o = this.outcome();
    return o !== null && o.kind !== 'uploaded';
  });
  protected readonly message = computed(() => {
    const o = this.outcome();
    if (!o) return null;
    if (o.kind === 'uploaded') return this.i18n.t('documents.uploaded', { title: o.title });
    if (o.kind === 'no-file') return this.i18n.t('documents.error.noFile');
    const f = o.failure;
    return this.i18n.t(uploadFailureKey(f.kind), f.kind === 'invalid' ? { fields: f.fields.join(', ') } : undefined);
  });

  constructor() {
    effect(() => this.load(this.ticketId()));
  }

  load(ticketId: string): void {
    this.api
      .forTicket(ticketId)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (list) => {
          this.documents.set(list.items);
          this.loaded.set(true);
          this.loadFailed.set(false);
        },
        error: () => this.loadFailed.set(true),
      });
  }

  protected picked(event: Event): void {
    this.file = (event.target as HTMLInputElement).files?.[0] ?? null;
  }

  protected upload(): void {
    const file = this.file;
    if (!file) {
      this.outcome.set({ kind: 'no-file' });
      return;
    }
    this.busy.set(true);
    this.outcome.set(null);
    this.api
      .uploadToTicket(this.ticketId(), {
        file,
        fileName: file.name,
        documentClass: this.documentClass,
        title: this.title,
        customerVisible: this.customerVisible,
      })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (doc) => {
          this.busy.set(false);
          this.outcome.set({ kind: 'uploaded', title: doc.title });
          this.documents.update((docs) => [doc, ...docs.filter((d) => d.id !== doc.id)]);
          this.title = '';
        },
        error: (error: unknown) => {
          this.busy.set(false);
          this.outcome.set({ kind: 'failed', failure: uploadFailureOf(error) });
        },
      });
  }
}
