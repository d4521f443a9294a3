import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { API_BASE_URL } from './api-base-url.token';
import { KpiApiService } from './kpi-api.service';

describe('KpiApiService', () => {
  let api: KpiApiService;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), { provide: API_BASE_URL, useValue: '/api' }],
    });
    api = TestBed.inject(KpiApiService);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('asks for the contracts', async () => {
    const answer = firstValueFrom(api.contracts());
    http.expectOne({ method: 'GET', url: '/api/contracts' }).flush({ items: [], nextCursor: null });
    expect(await answer).toEqual({ items: [], nextCursor: null });
  });

  it('asks for the KPIs and costs of a contract and period', async () => {
    const kpis = firstValueFrom(api.kpis('c 1', '2026-Q4'));
    const req = http.expectOne((r) => r.url === '/api/contracts/c%201/kpis');
    expect(req.request.params.get('period')).toBe('2026-Q4');
    req.flush({ period: { key: '2026-Q4' } });
    expect(await kpis).toEqual({ period: { key: '2026-Q4' } });

    const costs = firstValueFrom(api.costs('c1', '2026'));
    const creq = http.expectOne((r) => r.url === '/api/contracts/c1/costs');
    expect(creq.request.params.get('period')).toBe('2026');
    creq.flush({ total: '1.00' });
    expect(await costs).toEqual({ total: '1.00' });
  });
});
