import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import type { MeResponse } from '@leitstand/api-contracts';
import { API_BASE_URL, AuthService } from '@leitstand/frontend/data-access';
import { I18nService } from '@leitstand/frontend/i18n';
import { AccountPageComponent } from './account-page.component';

const ME: MeResponse = {
  id: 'u 1',
  email: 'theo@example.test',
  displayName: 'Theo Technik',
  role: 'technician',
  tenantId: null,
  tenantIds: ['t-1'],
};

describe('account page (/account)', () => {
  let http: HttpTestingController;
  let ended: number;

  beforeEach(() => {
    localStorage.clear();
    ended = 0;
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: '**', children: [] }]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: API_BASE_URL, useValue: '/api' },
        {
          provide: AuthService,
          useValue: {
            user: signal(ME).asReadonly(),
            endSession: () => {
              ended++;
              return true;
            },
          },
        },
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });
  afterEach(() => {
    http.verify();
    localStorage.clear();
  });

  async function render() {
    const fixture = TestBed.createComponent(AccountPageComponent);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    const input = (name: string) => root.querySelector(`input[formcontrolname="${name}"]`) as HTMLInputElement;
    const fill = (name: string, value: string) => {
      input(name).value = value;
      input(name).dispatchEvent(new Event('input'));
    };
    const submit = async () => {
      (root.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'));
      await fixture.whenStable();
    };
    const status = () => root.querySelector('.account-status')?.textContent?.trim();
    return { fixture, root, fill, submit, status };
  }

  it('shows who is signed in and saves the language to the account, switching the page at once', async () => {
    const { fixture, root } = await render();
    expect(root.textContent).toContain('Theo Technik');
    expect(root.textContent).toContain('theo@example.test');
    const english = Array.from(root.querySelectorAll<HTMLButtonElement>('mat-button-toggle button')).find((b) =>
      b.textContent?.includes('English'),
    );
    english?.click();
    const req = http.expectOne({ method: 'PATCH', url: '/api/account' });
    expect(req.request.body).toEqual({ language: 'en' });
    expect(TestBed.inject(I18nService).language()).toBe('en');
    req.flush(null);
    await fixture.whenStable();
    expect(root.textContent).toContain('Language saved.');
  });

  it('checks the repeat locally, then changes the password; the server naming the field is shown in words', async () => {
    const { fixture, root, fill, submit, status } = await render();
    await submit();
    expect(status()).toBe('Pflichtfeld.');
    fill('currentPassword', 'alt-und-lang-genug');
    fill('newPassword', 'Neu-und-lang-genug-1');
    fill('repeat', 'Neu-und-lang-genug-2');
    await submit();
    expect(status()).toBe('Die Passwörter stimmen nicht überein.');
    http.expectNone('/api/account/password');

    fill('repeat', 'Neu-und-lang-genug-1');
    await submit();
    const wrong = http.expectOne({ method: 'POST', url: '/api/account/password' });
    expect(wrong.request.body).toEqual({ currentPassword: 'alt-und-lang-genug', newPassword: 'Neu-und-lang-genug-1' });
    wrong.flush(
      { statusCode: 400, fields: [{ field: 'currentPassword', messages: ['wrong'], code: 'current_password_wrong' }] },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(status()).toBe('Das aktuelle Passwort ist falsch.');

    fill('currentPassword', 'das-richtige-alte');
    await submit();
    http.expectOne({ method: 'POST', url: '/api/account/password' }).flush(null);
    await fixture.whenStable();
    expect(status()).toBe('Passwort geändert. Ihre anderen Sitzungen wurden beendet.');
    // The form is empty again: nothing of the passwords stays on the page.
    const values = Array.from(root.querySelectorAll<HTMLInputElement>('input[type="password"]')).map((i) => i.value);
    expect(values).toEqual(['', '', '']);
  });

  it('signs out everywhere: ends every session of the user, then this one, and goes to the sign-in page', async () => {
    const { fixture, root } = await render();
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl');
    const button = Array.from(root.querySelectorAll<HTMLButtonElement>('button')).find((b) =>
      b.textContent?.includes('Überall abmelden'),
    );
    button?.click();
    const req = http.expectOne({ method: 'DELETE', url: '/api/auth/users/u%201/sessions' });
    req.flush({ revokedSessions: 3 });
    await fixture.whenStable();
    expect(ended).toBe(1);
    expect(navigate).toHaveBeenCalledWith('/login');
  });

  it('gives a technician the secret calendar address once, with a webcal link, and replaces it on request', async () => {
    const { fixture, root } = await render();
    const section = () => root.querySelector('[data-section="calendar"]') as HTMLElement;
    expect(section().textContent).toContain('Arbeitsaufträge im Kalender');
    expect(section().querySelector('input')).toBeNull();
    (section().querySelector('button.calendar-issue') as HTMLButtonElement).click();
    const first = http.expectOne({ method: 'POST', url: '/api/account/calendar-token' });
    first.flush({ url: 'https://leitstand.example/api/calendar/abc.ics' });
    await fixture.whenStable();
    expect((section().querySelector('input') as HTMLInputElement).value).toBe(
      'https://leitstand.example/api/calendar/abc.ics',
    );
    expect(section().querySelector('a')?.getAttribute('href')).toBe('webcal://leitstand.example/api/calendar/abc.ics');
    expect(section().textContent).toContain('Neue Adresse erzeugt; die bisherige gilt nicht mehr.');

    const renew = section().querySelector('button.calendar-issue') as HTMLButtonElement;
    expect(renew.textContent?.trim()).toBe('Neue Kalenderadresse erzeugen');
    renew.click();
    http
      .expectOne({ method: 'POST', url: '/api/account/calendar-token' })
      .flush({ statusCode: 429, message: 'Too many requests' }, { status: 429, statusText: 'Too Many Requests' });
    await fixture.whenStable();
    // the address shown stays the one issued last; the refusal is said in words
    expect((section().querySelector('input') as HTMLInputElement).value).toContain('/abc.ics');
    expect(section().querySelector('[role="status"]')?.textContent?.trim()).toBe(
      'Zu viele Versuche. Bitte warten Sie einen Moment.',
    );
  });
});

describe('account page for staff without work orders', () => {
  it('shows no calendar section to an agent', async () => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: '**', children: [] }]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: API_BASE_URL, useValue: '/api' },
        { provide: AuthService, useValue: { user: signal({ ...ME, role: 'agent' }).asReadonly() } },
      ],
    });
    const fixture = TestBed.createComponent(AccountPageComponent);
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).querySelector('[data-section="calendar"]')).toBeNull();
  });
});
