import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type Provider, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { MeResponse, Role } from '@leitstand/api-contracts';
import { API_BASE_URL, AuthService } from '@leitstand/frontend/data-access';

export function me(role: Role): MeResponse {
  return {
    id: `u-${role}`,
    email: `${role}@leitstand.example`,
    displayName: role,
    role,
    tenantId: null,
    tenantIds: role === 'admin' ? 'all' : ['t-1'],
  };
}

/** TestBed with the real CatalogApiService against HttpTestingController and a signed-in user of `role`. */
export function setUpAdminTest(role: Role = 'admin', extra: Provider[] = []): HttpTestingController {
  TestBed.configureTestingModule({
    providers: [
      provideRouter([{ path: '**', children: [] }]),
      provideHttpClient(),
      provideHttpClientTesting(),
      { provide: API_BASE_URL, useValue: '/api' },
      { provide: AuthService, useValue: { user: signal(me(role)).asReadonly() } },
      ...extra,
    ],
  });
  return TestBed.inject(HttpTestingController);
}

/** Types `value` into the input and lets the form see it. */
export function type(input: HTMLInputElement | HTMLTextAreaElement | null, value: string): void {
  if (!input) throw new Error('no such input');
  input.value = value;
  input.dispatchEvent(new Event('input'));
  input.dispatchEvent(new Event('blur'));
}
