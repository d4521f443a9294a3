import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { DocumentView } from '@leitstand/api-contracts';
import { API_BASE_URL } from '@leitstand/frontend/data-access';
import { I18nService } from '@leitstand/frontend/i18n';
import { TicketDocumentsComponent } from './ticket-documents.component';

const doc = (id: string, contentType: string, fileName: string): DocumentView => ({
  id,
  tenantId: 't',
  title: `Titel ${id}`,
  fileName,
  documentClass: contentType === 'application/pdf' ? 'service-report' : 'photo',
  contentType,
  sizeBytes: 4096,
  sha256: 'b'.repeat(64),
  retentionUntil: '2034-12-31',
  customerVisible: false,
  uploadedBy: 'u',
  uploadedAt: '2026-12-07T09:00:00Z',
  version: 1,
  contentUrl: `/api/documents/${id}/content`,
});

describe('TicketDocumentsComponent (documents in the ticket detail)', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), { provide: API_BASE_URL, useValue: '/api' }],
    });
    http = TestBed.inject(HttpTestingController);
  });
  afterEach(() => {
    http.verify();
    localStorage.clear();
  });

  async function render(items: DocumentView[]) {
    const fixture = TestBed.createComponent(TicketDocumentsComponent);
    fixture.componentRef.setInput('ticketId', 't1');
    fixture.detectChanges();
    http.expectOne('/api/tickets/t1/documents').flush({ items });
    fixture.detectChanges();
    await fixture.whenStable();
    return { fixture, el: fixture.nativeElement as HTMLElement };
  }

  it('shows thumbnails of photos and an icon with the file name for PDF and HEIC, each a download link', async () => {
    const { el } = await render([
      doc('p', 'image/jpeg', 'a.jpg'),
      doc('r', 'application/pdf', 'Leistungsnachweis.pdf'),
      doc('h', 'image/heic', 'IMG_2.HEIC'),
    ]);
    expect(el.querySelector('h2')?.textContent).toBe('Dokumente');
    expect(el.querySelector('[data-document-id="p"] img')?.getAttribute('src')).toBe('/api/documents/p/content');
    expect(el.querySelector('[data-document-id="r"] img')).toBeNull();
    expect(el.querySelector('[data-document-id="r"] .file-name')?.textContent).toBe('Leistungsnachweis.pdf');
    expect(el.querySelector('[data-document-id="h"] .file-name')?.textContent).toBe('IMG_2.HEIC');
    expect(el.querySelector('[data-document-id="r"] a')?.getAttribute('href')).toBe('/api/documents/r/content');
  });

  it('uploads the picked file with kind, title and customer visibility, and lists it first', async () => {
    const { fixture, el } = await render([doc('p', 'image/jpeg', 'a.jpg')]);
    const input = el.querySelector('input[type="file"]') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [new File(['%PDF'], 'bericht.pdf')], configurable: true });
    input.dispatchEvent(new Event('change'));
    (el.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'));
    fixture.detectChanges();
    const req = http.expectOne('/api/tickets/t1/documents');
    expect(req.request.method).toBe('POST');
    const form = req.request.body as FormData;
    expect(form.get('documentClass')).toBe('photo');
    expect(form.get('customerVisible')).toBe('false');
    expect((form.get('file') as File).name).toBe('bericht.pdf');
    req.flush(doc('n', 'application/pdf', 'bericht.pdf'), { status: 201, statusText: 'Created' });
    fixture.detectChanges();
    await fixture.whenStable();
    const ids = Array.from(el.querySelectorAll('[data-document-id]')).map((e) => e.getAttribute('data-document-id'));
    expect(ids).toEqual(['n', 'p']);
    expect(el.querySelector('[role="status"]')?.textContent).toContain('„Titel n“ wurde gespeichert.');
  });

  it('asks for a file first, and shows the server’s 400 naming the field in English after a switch', async () => {
    const { fixture, el } = await render([]);
    (el.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'));
    fixture.detectChanges();
    await fixture.whenStable();
    expect(el.querySelector('[role="alert"]')?.textContent).toContain('Bitte wählen Sie eine Datei.');
    TestBed.inject(I18nService).setLanguage('en');
    const input = el.querySelector('input[type="file"]') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [new File(['x'], 'a.png')], configurable: true });
    input.dispatchEvent(new Event('change'));
    (el.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'));
    http
      .expectOne('/api/tickets/t1/documents')
      .flush(
        { statusCode: 400, fields: [{ field: 'title', messages: ['too long'] }] },
        { status: 400, statusText: 'Bad Request' },
      );
    fixture.detectChanges();
    await fixture.whenStable();
    expect(el.querySelector('[role="alert"]')?.textContent).toContain('Invalid input: title.');
    expect(el.querySelector('h2')?.textContent).toBe('Documents');
  });

  it('retitles a document and shows it to customers with If-Match, sending only what changed', async () => {
    const { fixture, el } = await render([doc('p', 'image/jpeg', 'a.jpg')]);
    const row = el.querySelector('[data-edit-document-id="p"]') as HTMLElement;
    const title = row.querySelector('input[matinput], input.mat-mdc-input-element') as HTMLInputElement;
    title.value = 'Typenschild';
    (row.querySelector('input[type="checkbox"]') as HTMLInputElement).click();
    fixture.detectChanges();
    (row.querySelector('button.save-document') as HTMLButtonElement).click();
    const req = http.expectOne('/api/documents/p');
    expect(req.request.method).toBe('PATCH');
    expect(req.request.headers.get('If-Match')).toBe('"1"');
    expect(req.request.body).toEqual({ title: 'Typenschild', customerVisible: true });
    req.flush({ ...doc('p', 'image/jpeg', 'a.jpg'), title: 'Typenschild', customerVisible: true, version: 2 });
    fixture.detectChanges();
    await fixture.whenStable();
    expect(el.querySelector('[data-document-id="p"] .title')?.textContent).toBe('Typenschild');
    expect(el.querySelector('[data-document-id="p"] .meta')?.textContent).toContain('für Kunden');
    expect(el.querySelector('[role="status"]')?.textContent).toContain('„Typenschild“ wurde geändert.');
    // Nothing changed: nothing is sent.
    (el.querySelector('[data-edit-document-id="p"] button.save-document') as HTMLButtonElement).click();
    http.expectNone('/api/documents/p');
  });

  it('reloads the list when someone else changed the document meanwhile (412), overwriting nothing', async () => {
    const { fixture, el } = await render([doc('p', 'image/jpeg', 'a.jpg')]);
    const row = el.querySelector('[data-edit-document-id="p"]') as HTMLElement;
    (row.querySelector('input[type="checkbox"]') as HTMLInputElement).click();
    fixture.detectChanges();
    (row.querySelector('button.save-document') as HTMLButtonElement).click();
    http.expectOne('/api/documents/p').flush({ statusCode: 412 }, { status: 412, statusText: 'Precondition Failed' });
    http
      .expectOne('/api/tickets/t1/documents')
      .flush({ items: [{ ...doc('p', 'image/jpeg', 'a.jpg'), title: 'Neu', version: 2 }] });
    fixture.detectChanges();
    await fixture.whenStable();
    expect(el.querySelector('[role="alert"]')?.textContent).toContain('inzwischen von jemand anderem geändert');
    expect(el.querySelector('[data-document-id="p"] .title')?.textContent).toBe('Neu');
  });
});
