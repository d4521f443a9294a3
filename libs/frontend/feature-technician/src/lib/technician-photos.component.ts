import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { DocumentView } from '@leitstand/api-contracts';
import { DocumentsApiService, type UploadFailure, uploadFailureOf } from '@leitstand/frontend/data-access';
import { I18nService, TranslatePipe } from '@leitstand/frontend/i18n';
import { DocumentGalleryComponent, uploadFailureKey } from '@leitstand/frontend/ui';

/**
 * "Foto aufnehmen / Take photo" on the technician's ticket page: the phone's camera (`capture=environment`)
 * or its gallery, uploaded straight into the ticket as a photo (internal: not marked for customers), then
 * shown with the ticket's other documents. The server judges the bytes (413 over 25 MB, 415 for non-images).
 */
@Component({
  selector: 'ls-technician-photos',
  imports: [MatProgressBarModule, TranslatePipe, DocumentGalleryComponent],
  template: `
    <section class="photos" aria-labelledby="photos-heading">
      <h2 id="photos-heading">{{ 'documents.heading' | t }}</h2>
      <label class="take-photo" [class.busy]="busy()">
        <input
          type="file"
          accept="image/*"
          capture="environment"
          class="photo-input"
          [disabled]="busy()"
          (change)="picked($event)"
        />
        <span>{{ 'documents.takePhoto' | t }}</span>
      </label>
      @if (busy()) {
        <p role="status">{{ 'documents.uploading' | t }}</p>
        <mat-progress-bar mode="indeterminate" aria-hidden="true" />
      }
      @if (message(); as m) {
        <p [attr.role]="failed() ? 'alert' : 'status'" class="message" [class.error]="failed()">{{ m }}</p>
      }
      @if (documents().length > 0) {
        <ls-document-gallery [documents]="documents()" />
      } @else if (loaded()) {
        <p class="empty">{{ 'documents.empty' | t }}</p>
      }
    </section>
  `,
  styles: `
    .take-photo {
      display: inline-flex;
      align-items: center;
      min-height: 48px;
      padding: 0 24px;
      border-radius: 24px;
      cursor: pointer;
      background: var(--mat-sys-primary);
      color: var(--mat-sys-on-primary);
      font: var(--mat-sys-label-large);
    }
    .take-photo.busy {
      opacity: 0.6;
    }
    .photo-input {
      position: absolute;
      width: 1px;
      height: 1px;
      opacity: 0;
    }
    .take-photo:focus-within {
      outline: 2px solid var(--mat-sys-primary);
      outline-offset: 2px;
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TechnicianPhotosComponent {
  private readonly api = inject(DocumentsApiService);
  private readonly i18n = inject(I18nService);
  private readonly destroyRef = inject(DestroyRef);

  readonly ticketId = input.required<string>();
  readonly documents = signal<DocumentView[]>([]);
  protected readonly loaded = signal(false);
  protected readonly busy = signal(false);
  private readonly outcome = signal<{ failure: UploadFailure | null } | null>(null);
  protected readonly failed = computed(() => (this.outcome()?.failure ?? null) !== null);
  protected readonly message = computed(() => {
    const outcome = this.outcome();
    if (!outcome) return null;
    const f = outcome.failure;
    if (!f) return this.i18n.t('documents.photoSaved');
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
        },
        error: () => this.loaded.set(true),
      });
  }

  protected picked(event: Event): void {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    this.busy.set(true);
    this.outcome.set(null);
    this.api
      .uploadToTicket(this.ticketId(), {
        file,
        fileName: file.name || 'foto.jpg',
        documentClass: 'photo',
        customerVisible: false,
      })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (doc) => {
          this.busy.set(false);
          this.outcome.set({ failure: null });
          this.documents.update((docs) => [doc, ...docs.filter((d) => d.id !== doc.id)]);
          input.value = '';
        },
        error: (error: unknown) => {
          this.busy.set(false);
          this.outcome.set({ failure: uploadFailureOf(error) });
          input.value = '';
        },
      });
  }
}
