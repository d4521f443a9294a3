import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { API_BASE_URL } from './api-base-url.token';
import { WorkRecordsApiService } from './work-records-api.service';

describe('WorkRecordsApiService', () => {
  let api: WorkRecordsApiService;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), { provide: API_BASE_URL, useValue: '/api' }],
    });
    api = TestBed.inject(WorkRecordsApiService);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('should post a work log to the ticket', () => {
    const body = {
      role: 'service-technician',
      kind: 'work' as const,
      startedAt: '2026-11-21T13:00:00Z',
      endedAt: '2026-11-21T14:00:00Z',
    };
    api.addWorkLog('t 1', body).subscribe();
    const req = http.expectOne('/api/tickets/t%201/work-logs');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual(body);
    req.flush({});
  });

  it('should post a material line with decimal strings untouched', () => {
    api.addMaterial('t1', { description: 'Keilriemen', netUnitPrice: '12.90', quantity: '2', unit: 'Stk' }).subscribe();
    const req = http.expectOne('/api/tickets/t1/materials');
    expect(req.request.body).toEqual({ description: 'Keilriemen', netUnitPrice: '12.90', quantity: '2', unit: 'Stk' });
    req.flush({});
  });

  it('should read work logs and materials', () => {
    api.workLogs('t1').subscribe();
    api.materials('t1').subscribe();
    http.expectOne('/api/tickets/t1/work-logs').flush([]);
    http.expectOne('/api/tickets/t1/materials').flush([]);
  });
});
