import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { DocumentView } from '@leitstand/api-contracts';
import { I18nService } from '@leitstand/frontend/i18n';
import { DocumentGalleryComponent, formatFileSize, uploadFailureKey } from './document-gallery.component';

const doc = (id: string, contentType: string, extra: Partial<DocumentView> = {}): DocumentView => ({
  id,
  tenantId: 't',
  title: `Titel ${id}`,
  fileName: `${id}.bin`,
  documentClass: 'photo',
  contentType,
  sizeBytes: 1_234_567,
  sha256: 'a'.repeat(64),
  retentionUntil: '2029-12-31',
  customerVisible: false,
  uploadedBy: null,
  uploadedAt: '2026-12-07T09:00:00Z',
  version: 1,
  contentUrl: `/api/documents/${id}/content`,
  ...extra,
});

@Component({
  imports: [DocumentGalleryComponent],
  template: `<ls-document-gallery [documents]="docs()" />`,
})
class HostComponent {
  readonly docs = signal<DocumentView[]>([
    doc('jpg', 'image/jpeg'),
    doc('pdf', 'application/pdf', { documentClass: 'invoice', fileName: 'Rechnung 1.pdf', customerVisible: true }),
    doc('heic', 'image/heic', { fileName: 'IMG_0001.HEIC' }),
  ]);
}

describe('DocumentGalleryComponent', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => localStorage.clear());

  it('shows thumbnails of images the browser draws, and an icon with the file name for PDF and HEIC', async () => {
    const fixture = TestBed.createComponent(HostComponent);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const tile = (id: string) => el.querySelector(`[data-document-id="${id}"]`) as HTMLElement;
    expect(tile('jpg').querySelector('img')?.getAttribute('src')).toBe('/api/documents/jpg/content');
    expect(tile('jpg').querySelector('img')?.getAttribute('alt')).toBe('Titel jpg');
    expect(tile('pdf').querySelector('img')).toBeNull();
    expect(tile('pdf').querySelector('.file-name')?.textContent).toBe('Rechnung 1.pdf');
    expect(tile('heic').querySelector('img')).toBeNull();
    expect(tile('heic').querySelector('.file-name')?.textContent).toBe('IMG_0001.HEIC');
    const link = tile('pdf').querySelector('a') as HTMLAnchorElement;
    expect(link.getAttribute('href')).toBe('/api/documents/pdf/content');
    expect(link.getAttribute('download')).toBe('Rechnung 1.pdf');
    expect(link.getAttribute('aria-label')).toBe('Rechnung 1.pdf herunterladen');
    expect(tile('pdf').querySelector('.meta')?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'Rechnung · 1,2 MB · für Kunden',
    );
  });

  it('follows a language switch at runtime', async () => {
    const fixture = TestBed.createComponent(HostComponent);
    await fixture.whenStable();
    TestBed.inject(I18nService).setLanguage('en');
    fixture.detectChanges();
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-document-id="pdf"] .meta')?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'Invoice · 1.2 MB · for customers',
    );
    expect(el.querySelector('[data-document-id="jpg"] a')?.getAttribute('aria-label')).toBe('Download jpg.bin');
  });

  it('formats sizes and names the text of every upload failure', () => {
    expect(formatFileSize(12, 'de-DE')).toBe('12 B');
    expect(formatFileSize(340_400, 'de-DE')).toBe('340 kB');
    expect(formatFileSize(26_214_400, 'en-GB')).toBe('26.2 MB');
    expect(uploadFailureKey('too-large')).toBe('documents.error.tooLarge');
    expect(uploadFailureKey('type')).toBe('documents.error.type');
  });
});
