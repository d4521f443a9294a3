import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import type { Provider } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import type { CreateTicketRequest, TicketDetail, TicketListResponse } from '@leitstand/api-contracts';
import { API_BASE_URL } from './api-base-url.token';
import { TicketsApiService } from './tickets-api.service';

const TICKET: TicketDetail = {
  id: '0b6a3f1e-0000-4000-8000-000000000001',
  number: '2026-000001',
  tenantId: '0b6a3f1e-0000-4000-8000-0000000000a1',
  siteId: '0b6a3f1e-0000-4000-8000-0000000000b1',
  siteName: 'Werk Süd',
  assetId: null,
  assetName: null,
  assigneeId: null,
  nextDeadline: null,
  atRisk: false,
  breached: false,
  title: 'Lüftungsanlage RLT 3 ausgefallen',
  priority: 'A',
  status: 'new',
  channel: 'phone',
  createdAt: '2026-11-21T13:05:00.000Z',
  description: 'Keine Zuluft im 2. OG',
  reporter: 'Haustechnik',
  category: null,
  priorityReason: null,
  faultBeganAt: '2026-11-21T13:00:00.000Z',
  assetDown: true,
  inScope: true,
  scopeNote: null,
  contractId: null,
  pausedFrom: null,
  restoredAt: null,
  closedAt: null,
  updatedAt: '2026-11-21T13:05:00.000Z',
  version: 1,
  clocks: [],
  pauseReason: null,
  pausedUntil: null,
};

describe('TicketsApiService', () => {
  let service: TicketsApiService;
  let http: HttpTestingController;

  function setUp(extraProviders: Provider[] = []): void {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), ...extraProviders],
    });
    service = TestBed.inject(TicketsApiService);
    http = TestBed.inject(HttpTestingController);
  }

  afterEach(() => http.verify());

  it('list() GETs /api/tickets and emits the page', async () => {
    setUp();
    const page: TicketListResponse = { items: [TICKET], nextCursor: null };

    const result = firstValueFrom(service.list());
    const req = http.expectOne('/api/tickets');
    expect(req.request.method).toBe('GET');
    req.flush(page);

    await expect(result).resolves.toEqual(page);
  });

  it('create() POSTs the request body to /api/tickets and emits the created ticket', async () => {
    setUp();
    const request: CreateTicketRequest = {
      siteId: TICKET.siteId,
      title: TICKET.title,
      priority: 'A',
      description: 'Keine Zuluft im 2. OG',
    };

    const result = firstValueFrom(service.create(request));
    const req = http.expectOne({ method: 'POST', url: '/api/tickets' });
    expect(req.request.body).toEqual(request);
    req.flush(TICKET, { status: 201, statusText: 'Created' });

    await expect(result).resolves.toEqual(TICKET);
  });

  it('list() surfaces HTTP errors to the caller', async () => {
    setUp();

    const result = firstValueFrom(service.list());
    http
      .expectOne('/api/tickets')
      .flush({ statusCode: 503, message: 'down' }, { status: 503, statusText: 'Service Unavailable' });

    await expect(result).rejects.toMatchObject({ status: 503 });
  });

  it('uses API_BASE_URL when one is provided', () => {
    setUp([{ provide: API_BASE_URL, useValue: 'https://leitstand.example/api' }]);

    service.list().subscribe();
    http.expectOne('https://leitstand.example/api/tickets').flush({ items: [], nextCursor: null });
  });
  it('list() sends filters and the cursor as query parameters, leaving out empty ones', () => {
    setUp();
    service.list({ open: true, priority: 'A', siteId: '', atRisk: true, cursor: 'c2', limit: 100 }).subscribe();
    const req = http.expectOne((r) => r.url === '/api/tickets');
    expect(req.request.params.toString()).toBe('open=true&priority=A&atRisk=true&cursor=c2&limit=100');
    req.flush({ items: [], nextCursor: null });
  });

  it('create() sends the Idempotency-Key header', () => {
    setUp();
    service.create({ siteId: 's', title: 't' }, 'key-1').subscribe();
    const req = http.expectOne({ method: 'POST', url: '/api/tickets' });
    expect(req.request.headers.get('Idempotency-Key')).toBe('key-1');
    req.flush(TICKET);
  });

  it('act() POSTs the action with If-Match of the loaded version', () => {
    setUp();
    service.act(TICKET.id, 'pause', 7, { reason: 'Ersatzteil' }).subscribe();
    const req = http.expectOne({ method: 'POST', url: `/api/tickets/${TICKET.id}/pause` });
    expect(req.request.headers.get('If-Match')).toBe('"7"');
    expect(req.request.body).toEqual({ reason: 'Ersatzteil' });
    req.flush(TICKET);
  });

  it('update() PATCHes the ticket with If-Match of the listed version', () => {
    setUp();
    service.update(TICKET.id, { priority: 'C', priorityReason: 'kein Ausfall' }, 4).subscribe();
    const req = http.expectOne({ method: 'PATCH', url: `/api/tickets/${TICKET.id}` });
    expect(req.request.headers.get('If-Match')).toBe('"4"');
    expect(req.request.body).toEqual({ priority: 'C', priorityReason: 'kein Ausfall' });
    req.flush(TICKET);
  });
});
