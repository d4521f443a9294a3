import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { DocumentClassValue, DocumentView } from '@leitstand/api-contracts';
import { I18nService, type I18nKey } from '@leitstand/frontend/i18n';

/** Types every browser draws in an <img> (HEIC is not among them: it gets an icon like a PDF). */
const THUMBNAIL_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp']);

export const DOCUMENT_CLASS_LABEL_KEYS: Readonly<Record<DocumentClassValue, I18nKey>> = {
  photo: 'documents.class.photo',
  'inspection-report': 'documents.class.inspection-report',
  'service-report': 'documents.class.service-report',
  invoice: 'documents.class.invoice',
  other: 'documents.class.other',
};

/** The text key of an upload failure (the server's 413 / 415 / 400 / 404 / 403, see uploadFailureOf). */
export function uploadFailureKey(
  kind: 'too-large' | 'type' | 'invalid' | 'not-found' | 'forbidden' | 'stale' | 'other',
): I18nKey {
  const keys = {
    'too-large': 'documents.error.tooLarge',
    type: 'documents.error.type',
    invalid: 'documents.error.invalid',
    'not-found': 'documents.error.notFound',
    forbidden: 'documents.error.forbidden',
    stale: 'documents.error.stale',
    other: 'documents.error.other',
  } as const satisfies Record<string, I18nKey>;
  return keys[kind];
}

/** "1.2 MB", "340 kB", "12 B" (decimal units, one decimal from MB on). */
export function formatFileSize(bytes: number, locale: string): string {
  if (bytes >= 1_000_000) return `${(bytes / 1_000_000).toLocaleString(locale, { maximumFractionDigits: 1 })} MB`;
  if (bytes >= 1_000) return `${Math.round(bytes / 1_000).toLocaleString(locale)} kB`;
  return `${bytes} B`;
}

/**
 * `<ls-document-gallery [documents]="docs" />`: each document as a tile linking to its content — a
 * thumbnail for JPEG, PNG and WebP (the browser scales the stored image), a document icon with the file
 * name for PDF and HEIC — with its title, kind and size. Texts follow the UI language.
 */
@Component({
  selector: 'ls-document-gallery',
  template: `
    <ul class="gallery">
      @for (doc of tiles(); track doc.id) {
        <li class="tile" [attr.data-document-id]="doc.id">
          <a [href]="doc.contentUrl" [attr.download]="doc.fileName" [attr.aria-label]="doc.downloadLabel">
            @if (doc.thumbnail) {
              <img class="thumb" [src]="doc.contentUrl" [alt]="doc.title" loading="lazy" width="120" height="90" />
            } @else {
              <span class="icon" aria-hidden="true">
                <svg viewBox="0 0 24 24" width="40" height="40">
                  <path
                    d="M14 2H6c-1.1 0-2 .9-2 2v16c0 1.1.9 2 2 2h12c1.1 0 2-.9 2-2V8l-6-6zm2 16H8v-2h8v2zm0-4H8v-2h8v2zm-3-5V3.5L18.5 9H13z"
                  />
                </svg>
                <span class="file-name">{{ doc.fileName }}</span>
              </span>
            }
          </a>
          <span class="title">{{ doc.title }}</span>
          <span class="meta"
            >{{ doc.classLabel }} · {{ doc.size }}
            @if (doc.forCustomers) {
              · {{ doc.forCustomers }}
            }
          </span>
        </li>
      }
    </ul>
  `,
  styles: `
    .gallery {
      display: flex;
      flex-wrap: wrap;
      gap: 12px;
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .tile {
      display: flex;
      flex-direction: column;
      width: 132px;
      gap: 2px;
      font: var(--mat-sys-body-small);
    }
    .thumb,
    .icon {
      display: flex;
      width: 120px;
      height: 90px;
      object-fit: cover;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 4px;
    }
    .icon {
      flex-direction: column;
      align-items: center;
      justify-content: center;
      fill: var(--mat-sys-primary);
      overflow: hidden;
    }
    .file-name {
      max-width: 112px;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .title {
      font: var(--mat-sys-label-large);
      overflow-wrap: anywhere;
    }
    .meta {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DocumentGalleryComponent {
  private readonly i18n = inject(I18nService);
  readonly documents = input.required<readonly DocumentView[]>();

  protected readonly tiles = computed(() => {
    const t = (key: I18nKey, params?: Record<string, string | number>) => this.i18n.t(key, params);
    const locale = this.i18n.locale();
    return this.documents().map((doc) => ({
      id: doc.id,
      title: doc.title,
      fileName: doc.fileName,
      contentUrl: doc.contentUrl,
      thumbnail: THUMBNAIL_TYPES.has(doc.contentType),
      downloadLabel: t('documents.download', { name: doc.fileName }),
      classLabel: t(DOCUMENT_CLASS_LABEL_KEYS[doc.documentClass]),
      size: formatFileSize(doc.sizeBytes, locale),
      forCustomers: doc.customerVisible ? t('documents.forCustomers') : null,
    }));
  });
}
