import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { UserSummary } from '@leitstand/api-contracts';
import { API_BASE_URL } from './api-base-url.token';
import { UsersApiService } from './users-api.service';

const TECHS: UserSummary[] = [
  { id: 'u-1', displayName: 'Ömer Öl', email: 'oemer@example.test', role: 'technician' },
  { id: 'u-2', displayName: 'Paul Pumpe', email: 'paul@example.test', role: 'technician' },
];

describe('UsersApiService', () => {
  let api: UsersApiService;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), { provide: API_BASE_URL, useValue: '/api' }],
    });
    api = TestBed.inject(UsersApiService);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('should ask for the technicians of a tenant and answer with the server order', () => {
    let answer: UserSummary[] | undefined;
    api.list({ role: 'technician', tenantId: 'tenant 1' }).subscribe((users) => (answer = users));
    const req = http.expectOne((r) => r.url === '/api/users');
    expect(req.request.method).toBe('GET');
    expect(req.request.params.get('role')).toBe('technician');
    expect(req.request.params.get('tenantId')).toBe('tenant 1');
    expect(req.request.urlWithParams).toBe('/api/users?role=technician&tenantId=tenant%201');
    req.flush(TECHS);
    expect(answer).toEqual(TECHS);
  });

  it('should send no parameters for an empty query', () => {
    api.list().subscribe();
    const req = http.expectOne('/api/users');
    expect(req.request.params.keys()).toEqual([]);
    req.flush([]);
  });

  it('should leave out an empty tenant and pass errors on', () => {
    let status: number | undefined;
    api.list({ role: 'agent', tenantId: '' }).subscribe({ error: (e: { status: number }) => (status = e.status) });
    const req = http.expectOne('/api/users?role=agent');
    req.flush({ statusCode: 403, message: 'forbidden' }, { status: 403, statusText: 'Forbidden' });
    expect(status).toBe(403);
  });
});
