import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { firstValueFrom } from 'rxjs';
import { AGENT, sessionFor } from './auth-test.fixtures';
import { authGuard, guestGuard } from './auth.guards';
import { AuthService } from './auth.service';

@Component({ selector: 'ls-test-page', template: 'geschützt' })
class ProtectedPage {}

@Component({ selector: 'ls-test-login', template: 'anmelden' })
class LoginPage {}

describe('authGuard and guestGuard', () => {
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([
          { path: 'login', component: LoginPage, canActivate: [guestGuard] },
          { path: '', component: ProtectedPage, canActivate: [authGuard] },
          { path: 'tickets/:id', component: ProtectedPage, canActivate: [authGuard] },
        ]),
      ],
    });
    harness = await RouterTestingHarness.create();
  });

  async function signIn(): Promise<void> {
    const done = firstValueFrom(TestBed.inject(AuthService).login({ email: AGENT.email, password: 'geheim' }));
    TestBed.inject(HttpTestingController).expectOne('/api/auth/login').flush(sessionFor(AGENT));
    await done;
  }

  const url = (): string => TestBed.inject(Router).url;

  it('sends a signed-out user to /login, remembering the page', async () => {
    await harness.navigateByUrl('/tickets/42?tab=verlauf');

    expect(url()).toBe('/login?returnUrl=%2Ftickets%2F42%3Ftab%3Dverlauf');
    expect(harness.routeNativeElement?.textContent).toBe('anmelden');
  });

  it('sends a signed-out user from "/" to /login without a returnUrl', async () => {
    await harness.navigateByUrl('/');

    expect(url()).toBe('/login');
  });

  it('lets a signed-in user in', async () => {
    await signIn();
    await harness.navigateByUrl('/tickets/42');

    expect(url()).toBe('/tickets/42');
    expect(harness.routeNativeElement?.textContent).toBe('geschützt');
  });

  it('sends a signed-in user away from /login, to the returnUrl when it is an in-app path', async () => {
    await signIn();

    await harness.navigateByUrl('/login?returnUrl=%2Ftickets%2F7');
    expect(url()).toBe('/tickets/7');

    await harness.navigateByUrl('/login?returnUrl=https%3A%2F%2Fevil.example');
    expect(url()).toBe('/');
  });
});
