import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { Signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { DOCUMENT_CLASS_VALUES, type DocumentClassValue, type DocumentView } from '@leitstand/api-contracts';
import { I18nService, TranslatePipe } from '@leitstand/frontend/i18n';
import { DOCUMENT_CLASS_LABEL_KEYS, DocumentGalleryComponent, uploadFailureKey } from './document-gallery.component';

/** An upload as the panel asks for it: the picked file with its kind, title and customer visibility. */
export interface DocumentsPanelUpload {
  file: Blob;
  fileName: string;
  documentClass: DocumentClassValue;
  title: string;
  customerVisible: boolean;
}

/** What the panel shows and calls (data-access's DocumentListState is one). */
export interface DocumentsPanelState {
  readonly documents: Signal<DocumentView[]>;
  readonly loaded: Signal<boolean>;
  readonly loadFailed: Signal<boolean>;
  readonly busy: Signal<boolean>;
  readonly outcome: Signal<
    | { kind: 'uploaded'; title: string }
    | { kind: 'updated'; title: string }
    | { kind: 'no-file' }
    | { kind: 'failed'; failure: { kind: Parameters<typeof uploadFailureKey>[0]; fields?: string[] } }
    | null
  >;
  upload(request: DocumentsPanelUpload | null): Promise<boolean>;
  /** Whether documents may be retitled / shown to customers here, and how. */
  readonly editable: boolean;
  update(doc: DocumentView, changes: { title?: string; customerVisible?: boolean }): Promise<boolean>;
}

/**
 * The documents of one thing (a ticket, an asset): thumbnails of photos (PDF and HEIC as an icon with the file
 * name), download links, and an upload (file, kind, optional title, visible to customers). Server errors (413,
 * 415, 400 naming the field) are shown in the UI language.
 */
@Component({
  selector: 'ls-documents-panel',
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
    <section [attr.aria-labelledby]="headingId()" class="documents">
      <h2 [id]="headingId()">{{ 'documents.heading' | t }}</h2>
      @if (state().loadFailed()) {
        <p role="alert">{{ 'documents.loadError' | t }}</p>
      } @else if (state().documents().length > 0) {
        <ls-document-gallery [documents]="state().documents()" />
        @if (state().editable) {
          <details class="edit">
            <summary>{{ 'documents.edit' | t }}</summary>
            <ul class="edit-rows">
              @for (doc of state().documents(); track doc.id + ':' + doc.version) {
                <li [attr.data-edit-document-id]="doc.id">
                  <mat-form-field appearance="outline">
                    <mat-label>{{ 'documents.editTitle' | t: { name: doc.fileName } }}</mat-label>
                    <input matInput #docTitle maxlength="200" [value]="doc.title" />
                  </mat-form-field>
                  <mat-checkbox #docVisible [checked]="doc.customerVisible">{{
                    'documents.customerVisible' | t
                  }}</mat-checkbox>
                  <button
                    mat-button
                    type="button"
                    class="save-document"
                    [disabled]="state().busy()"
                    (click)="save(doc, docTitle.value, docVisible.checked)"
                  >
                    {{ 'documents.save' | t }}
                  </button>
                </li>
              }
            </ul>
          </details>
        }
      } @else if (state().loaded()) {
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
        <button mat-flat-button type="submit" class="upload-button" [disabled]="state().busy()" disabledInteractive>
          {{ (state().busy() ? 'documents.uploading' : 'documents.upload') | t }}
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
    .edit-rows {
      list-style: none;
      padding: 0;
      display: flex;
      flex-direction: column;
      gap: 4px;
    }
    .edit-rows li {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px 16px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DocumentsPanelComponent {
  private readonly i18n = inject(I18nService);

  readonly state = input.required<DocumentsPanelState>();
  readonly headingId = input('documents-heading');
  private file: File | null = null;
  protected documentClass: DocumentClassValue = 'photo';
  protected title = '';
  protected customerVisible = false;

  protected readonly classes = computed(() =>
    DOCUMENT_CLASS_VALUES.map((value) => ({ value, label: this.i18n.t(DOCUMENT_CLASS_LABEL_KEYS[value]) })),
  );
  protected readonly isError = computed(() => {
    const o = this.state().outcome();
    return o !== null && o.kind !== 'uploaded' && o.kind !== 'updated';
  });
  protected readonly message = computed(() => {
    const o = this.state().outcome();
    if (!o) return null;
    if (o.kind === 'uploaded') return this.i18n.t('documents.uploaded', { title: o.title });
    if (o.kind === 'updated') return this.i18n.t('documents.updated', { title: o.title });
    if (o.kind === 'no-file') return this.i18n.t('documents.error.noFile');
    const f = o.failure;
    return this.i18n.t(
      uploadFailureKey(f.kind),
      f.kind === 'invalid' ? { fields: (f.fields ?? []).join(', ') } : undefined,
    );
  });

  /** Sends only what changed (nothing changed: nothing is sent). */
  protected save(doc: DocumentView, title: string, customerVisible: boolean): void {
    const changes = {
      ...(title.trim() !== '' && title.trim() !== doc.title ? { title: title.trim() } : {}),
      ...(customerVisible !== doc.customerVisible ? { customerVisible } : {}),
    };
    if (Object.keys(changes).length > 0) void this.state().update(doc, changes);
  }

  protected picked(event: Event): void {
    this.file = (event.target as HTMLInputElement).files?.[0] ?? null;
  }

  protected upload(): void {
    const file = this.file;
    const request = file
      ? {
          file,
          fileName: file.name,
          documentClass: this.documentClass,
          title: this.title,
          customerVisible: this.customerVisible,
        }
      : null;
    void this.state()
      .upload(request)
      .then((stored) => {
        if (stored) this.title = '';
      });
  }
}
