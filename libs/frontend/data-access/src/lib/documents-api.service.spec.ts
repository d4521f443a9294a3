import { HttpErrorResponse, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { API_BASE_URL } from './api-base-url.token';
import { DocumentsApiService, uploadFailureOf } from './documents-api.service';

describe('DocumentsApiService', () => {
  let api: DocumentsApiService;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), { provide: API_BASE_URL, useValue: '/api' }],
    });
    api = TestBed.inject(DocumentsApiService);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('should list a ticket’s documents', () => {
    api.forTicket('t 1').subscribe();
    const req = http.expectOne('/api/tickets/t%201/documents');
    expect(req.request.method).toBe('GET');
    req.flush({ items: [] });
  });

  it('should upload the fields and then the file as multipart form data', () => {
    const file = new Blob(['x'], { type: 'image/jpeg' });
    api
      .uploadToTicket('t1', {
        file,
        fileName: 'foto.jpg',
        documentClass: 'photo',
        title: '  Zähler ',
        customerVisible: false,
      })
      .subscribe();
    const req = http.expectOne('/api/tickets/t1/documents');
    expect(req.request.method).toBe('POST');
    const form = req.request.body as FormData;
    const keys: string[] = [];
    form.forEach((_v, k) => keys.push(k));
    expect(keys).toEqual(['documentClass', 'title', 'customerVisible', 'file']);
    expect(form.get('title')).toBe('Zähler');
    expect(form.get('customerVisible')).toBe('false');
    expect((form.get('file') as File).name).toBe('foto.jpg');
    req.flush({});
  });

  it('should leave out a blank title', () => {
    api
      .uploadToTicket('t1', { file: new Blob(['x']), fileName: 'a.pdf', documentClass: 'other', title: ' ' })
      .subscribe();
    const form = http.expectOne('/api/tickets/t1/documents').request.body as FormData;
    expect(form.has('title')).toBe(false);
    http.expectNone('/api/tickets/t1/documents');
  });

  it('should list and upload an asset’s documents', () => {
    api.forAsset('a 1').subscribe();
    http.expectOne('/api/assets/a%201/documents').flush({ items: [] });
    api
      .uploadToAsset('a1', { file: new Blob(['%PDF']), fileName: 'pruef.pdf', documentClass: 'inspection-report' })
      .subscribe();
    const req = http.expectOne('/api/assets/a1/documents');
    expect(req.request.method).toBe('POST');
    expect((req.request.body as FormData).get('documentClass')).toBe('inspection-report');
    req.flush({});
  });

  it('should build the content URL', () => {
    expect(api.contentUrl('d/1')).toBe('/api/documents/d%2F1/content');
  });

  it('should name why an upload failed', () => {
    const error = (status: number, body: unknown = null) => new HttpErrorResponse({ status, error: body });
    expect(uploadFailureOf(error(413))).toEqual({ kind: 'too-large' });
    expect(uploadFailureOf(error(415))).toEqual({ kind: 'type' });
    expect(uploadFailureOf(error(400, { fields: [{ field: 'title', messages: ['x'] }] }))).toEqual({
      kind: 'invalid',
      fields: ['title'],
    });
    expect(uploadFailureOf(error(404))).toEqual({ kind: 'not-found' });
    expect(uploadFailureOf(error(403))).toEqual({ kind: 'forbidden' });
    expect(uploadFailureOf(error(500))).toEqual({ kind: 'other' });
    expect(uploadFailureOf(new Error('x'))).toEqual({ kind: 'other' });
  });
});
