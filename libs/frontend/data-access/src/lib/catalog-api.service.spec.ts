import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { API_BASE_URL } from './api-base-url.token';
import { CatalogApiService } from './catalog-api.service';

describe('CatalogApiService', () => {
  let api: CatalogApiService;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), { provide: API_BASE_URL, useValue: '/api' }],
    });
    api = TestBed.inject(CatalogApiService);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('sends the loaded version as If-Match on every update and delete', () => {
    void firstValueFrom(api.updateTenant('t-1', 3, { name: 'N' }));
    void firstValueFrom(api.updateSite('s-1', 4, { city: 'Kiel' }));
    void firstValueFrom(api.updateContract('c-1', 5, { name: 'V' }));
    void firstValueFrom(api.updatePriceList('p-1', 6, { name: 'P' }));
    void firstValueFrom(api.updateAsset('a-1', 7, { name: 'A' }));
    void firstValueFrom(api.updateMaintenanceWindow('w-1', 8, { reason: 'R' }));
    void firstValueFrom(api.deleteMaintenanceWindow('w-1', 9));
    const seen = [
      ['PATCH', '/api/tenants/t-1', '"3"'],
      ['PATCH', '/api/sites/s-1', '"4"'],
      ['PATCH', '/api/contracts/c-1', '"5"'],
      ['PATCH', '/api/price-lists/p-1', '"6"'],
      ['PATCH', '/api/assets/a-1', '"7"'],
      ['PATCH', '/api/maintenance-windows/w-1', '"8"'],
      ['DELETE', '/api/maintenance-windows/w-1', '"9"'],
    ].map(([method, url]) => {
      const req = http.expectOne({ method, url });
      return [method, url, req.request.headers.get('If-Match')];
    });
    expect(seen.map((s) => s[2])).toEqual(['"3"', '"4"', '"5"', '"6"', '"7"', '"8"', '"9"']);
    http.match(() => true).forEach((r) => r.flush({}));
  });

  it('lists the sites and contracts of one tenant, and all of them without one', () => {
    void firstValueFrom(api.sites('t-1'));
    void firstValueFrom(api.sites());
    void firstValueFrom(api.contracts('t 2'));
    http.expectOne('/api/sites?tenantId=t-1').flush({ items: [], nextCursor: null });
    http.expectOne('/api/sites').flush({ items: [], nextCursor: null });
    http.expectOne('/api/contracts?tenantId=t%202').flush({ items: [], nextCursor: null });
  });

  it('escapes ids in paths (an id never reaches another route)', () => {
    void firstValueFrom(api.site('../tenants'));
    http.expectOne('/api/sites/..%2Ftenants').flush({});
  });
});
