import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { firstValueFrom } from 'rxjs';
import type { MeResponse, Role } from '@leitstand/api-contracts';
import { AGENT, sessionFor } from './auth-test.fixtures';
import { authGuard } from './auth.guards';
import { AuthService } from './auth.service';
import { ROLE_HOME, roleGuard, roleHomeGuard } from './role.guards';

@Component({ selector: 'ls-test-page', template: '' })
class Page {}

describe('roleHomeGuard and roleGuard', () => {
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([
          { path: '', pathMatch: 'full', component: Page, canActivate: [authGuard, roleHomeGuard], title: 'queue' },
          { path: 'dashboard', component: Page, canActivate: [authGuard], title: 'dashboard' },
          { path: 'portal', component: Page, canActivate: [authGuard, roleGuard('customer')], title: 'portal' },
          { path: 'technician', component: Page, canActivate: [authGuard, roleGuard('technician')], title: 'tech' },
          { path: 'login', component: Page, title: 'login' },
        ]),
      ],
    });
    harness = await RouterTestingHarness.create();
  });

  async function signInAs(role: Role): Promise<void> {
    const user: MeResponse = { ...AGENT, role };
    const done = firstValueFrom(TestBed.inject(AuthService).login({ email: user.email, password: 'geheim' }));
    TestBed.inject(HttpTestingController).expectOne('/api/auth/login').flush(sessionFor(user));
    await done;
  }

  const url = (): string => TestBed.inject(Router).url;

  it('names the start page of every role that does not start in the queue', () => {
    expect(ROLE_HOME).toEqual({ customer: '/portal', technician: '/technician', manager: '/dashboard' });
  });

  it.each([
    ['manager', '/dashboard'],
    ['customer', '/portal'],
    ['technician', '/technician'],
    ['agent', '/'],
    ['admin', '/'],
  ] as const)('sends a signed-in %s from "/" (where sign-in leads) to %s', async (role, home) => {
    await signInAs(role);
    await harness.navigateByUrl('/');
    expect(url()).toBe(home);
  });

  it('keeps roles out of views that are not theirs, sending them to their start page', async () => {
    await signInAs('manager');
    await harness.navigateByUrl('/portal');
    expect(url()).toBe('/dashboard');
    await harness.navigateByUrl('/technician');
    expect(url()).toBe('/dashboard');

    await signInAs('customer');
    await harness.navigateByUrl('/technician');
    expect(url()).toBe('/portal');
  });

  it('sends a signed-out visitor to the sign-in page, not to a role home', async () => {
    await harness.navigateByUrl('/');
    expect(url()).toBe('/login');
  });
});
