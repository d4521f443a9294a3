import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { API_BASE_URL } from '@leitstand/frontend/data-access';
import { SetPasswordPageComponent } from './set-password-page.component';

describe('set-password page (the one-time link)', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: '**', children: [] }]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: API_BASE_URL, useValue: '/api' },
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });
  afterEach(() => http.verify());

  async function render(token: string | undefined) {
    const fixture = TestBed.createComponent(SetPasswordPageComponent);
    fixture.componentRef.setInput('token', token);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    const fill = (name: string, value: string) => {
      const input = root.querySelector(`input[name="${name}"]`) as HTMLInputElement;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    const submit = async () => {
      (root.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'));
      await fixture.whenStable();
    };
    return { fixture, root, fill, submit };
  }

  it('says the link is incomplete without a token, and offers no form', async () => {
    const { root } = await render(undefined);
    expect(root.querySelector('[role="alert"]')?.textContent).toContain('Der Link ist unvollständig');
    expect(root.querySelector('form')).toBeNull();
  });

  it('refuses a common password with the server’s reason, keeps the link usable, then stores a good one', async () => {
    const { fixture, root, fill, submit } = await render('tok-1');
    fill('password', 'password1234');
    fill('repeat', 'password1235');
    await submit();
    expect(root.querySelector('.account-status')?.textContent?.trim()).toBe('Die Passwörter stimmen nicht überein.');
    http.expectNone('/api/auth/set-password');

    fill('repeat', 'password1234');
    await submit();
    const common = http.expectOne({ method: 'POST', url: '/api/auth/set-password' });
    expect(common.request.body).toEqual({ token: 'tok-1', password: 'password1234' });
    common.flush(
      { statusCode: 400, fields: [{ field: 'password', messages: ['too common'], code: 'password_common' }] },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(root.querySelector('.account-status')?.textContent?.trim()).toBe(
      'Dieses Passwort ist zu gängig. Bitte wählen Sie ein anderes.',
    );

    fill('password', 'Wartung-Aufzug-2026!');
    fill('repeat', 'Wartung-Aufzug-2026!');
    await submit();
    http.expectOne('/api/auth/set-password').flush({ email: 'theo@example.test' });
    await fixture.whenStable();
    expect(root.querySelector('[role="status"]')?.textContent).toContain('Passwort gespeichert für theo@example.test.');
    expect(root.querySelector('a')?.getAttribute('href')).toBe('/login');
    expect(root.querySelector('form')).toBeNull();
  });
});
