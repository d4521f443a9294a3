import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { API_BASE_URL } from './api-base-url.token';
import { ServiceReportApiService } from './service-report-api.service';

describe('ServiceReportApiService', () => {
  let api: ServiceReportApiService;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), { provide: API_BASE_URL, useValue: '/api' }],
    });
    api = TestBed.inject(ServiceReportApiService);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('reads the report of the ticket', () => {
    api.get('t 1').subscribe();
    const req = http.expectOne('/api/tickets/t%201/service-report');
    expect(req.request.method).toBe('GET');
    req.flush({});
  });

  it('sends the loaded version as If-Match with the changed choices only', () => {
    api.update('t1', 3, { emergency: true, catalogItems: [{ code: '1.01', quantity: '2' }] }).subscribe();
    const req = http.expectOne('/api/tickets/t1/service-report');
    expect(req.request.method).toBe('PATCH');
    expect(req.request.headers.get('If-Match')).toBe('"3"');
    expect(req.request.body).toEqual({ emergency: true, catalogItems: [{ code: '1.01', quantity: '2' }] });
    req.flush({});
  });
});
