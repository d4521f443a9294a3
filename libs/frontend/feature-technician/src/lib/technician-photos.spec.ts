import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { DocumentView } from '@leitstand/api-contracts';
import { API_BASE_URL } from '@leitstand/frontend/data-access';
import { TechnicianPhotosComponent } from './technician-photos.component';

const photo = (id: string): DocumentView => ({
  id,
  tenantId: 't',
  title: 'foto',
  fileName: 'foto.jpg',
  documentClass: 'photo',
  contentType: 'image/jpeg',
  sizeBytes: 2048,
  sha256: 'a'.repeat(64),
  retentionUntil: '2029-12-31',
  customerVisible: false,
  uploadedBy: 'tech-1',
  uploadedAt: '2026-12-07T09:00:00Z',
  version: 1,
  contentUrl: `/api/documents/${id}/content`,
});

describe('TechnicianPhotosComponent ("Foto aufnehmen")', () => {
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

  async function render() {
    const fixture = TestBed.createComponent(TechnicianPhotosComponent);
    fixture.componentRef.setInput('ticketId', 't1');
    fixture.detectChanges();
    http.expectOne('/api/tickets/t1/documents').flush({ items: [] });
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const input = el.querySelector('input[type="file"]') as HTMLInputElement;
    const pick = async (file: File) => {
      Object.defineProperty(input, 'files', { value: [file], configurable: true });
      input.dispatchEvent(new Event('change'));
      fixture.detectChanges();
      await fixture.whenStable();
    };
    return { fixture, el, input, pick };
  }

  it('opens the rear camera for images and uploads the picked photo straight into the ticket', async () => {
    const { fixture, el, input, pick } = await render();
    expect(input.getAttribute('accept')).toBe('image/*');
    expect(input.getAttribute('capture')).toBe('environment');
    expect(el.textContent).toContain('Foto aufnehmen');
    expect(el.textContent).toContain('Noch keine Dokumente.');
    await pick(new File(['jpeg'], 'IMG_1.jpg', { type: 'image/jpeg' }));
    const req = http.expectOne('/api/tickets/t1/documents');
    expect(req.request.method).toBe('POST');
    const form = req.request.body as FormData;
    expect(form.get('documentClass')).toBe('photo');
    expect(form.get('customerVisible')).toBe('false');
    expect((form.get('file') as File).name).toBe('IMG_1.jpg');
    req.flush(photo('d1'), { status: 201, statusText: 'Created' });
    fixture.detectChanges();
    await fixture.whenStable();
    expect(el.querySelector('[role="status"]')?.textContent).toContain('Foto gespeichert.');
    expect(el.querySelector('img.thumb')?.getAttribute('src')).toBe('/api/documents/d1/content');
  });

  it('says in the UI language why the server refused (413, 415)', async () => {
    const { fixture, el, pick } = await render();
    await pick(new File(['x'], 'riesig.jpg', { type: 'image/jpeg' }));
    http
      .expectOne('/api/tickets/t1/documents')
      .flush(
        { statusCode: 413, fields: [{ field: 'file', messages: ['x'] }] },
        { status: 413, statusText: 'Too Large' },
      );
    fixture.detectChanges();
    await fixture.whenStable();
    expect(el.querySelector('[role="alert"]')?.textContent).toContain('Die Datei ist zu groß (höchstens 25 MB).');
    await pick(new File(['x'], 'a.pdf', { type: 'application/pdf' }));
    http
      .expectOne('/api/tickets/t1/documents')
      .flush({ statusCode: 415 }, { status: 415, statusText: 'Unsupported Media Type' });
    fixture.detectChanges();
    await fixture.whenStable();
    expect(el.querySelector('[role="alert"]')?.textContent).toContain('Dieser Dateityp wird nicht angenommen');
    expect(el.querySelector('img.thumb')).toBeNull();
  });
});
