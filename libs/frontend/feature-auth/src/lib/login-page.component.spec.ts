import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import type { HarnessLoader } from '@angular/cdk/testing';
import { HttpErrorResponse } from '@angular/common/http';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { Router, provideRouter } from '@angular/router';
import { Subject } from 'rxjs';
import type { LoginRequest, MeResponse } from '@leitstand/api-contracts';
import { AuthService } from '@leitstand/frontend/data-access';
import { LoginPageComponent } from './login-page.component';

const AGENT: MeResponse = {
  id: 'u-1',
  email: 'agentin@leitstand.example',
  displayName: 'Anna Agentin',
  role: 'agent',
  tenantId: null,
  tenantIds: 'all',
};

/** Fake of the one AuthService method the page uses; each call hands out a subject the test answers. */
class FakeAuth {
  readonly requests: LoginRequest[] = [];
  private pending: Subject<MeResponse> | null = null;

  login(request: LoginRequest): Subject<MeResponse> {
    this.requests.push(request);
    this.pending = new Subject<MeResponse>();
    return this.pending;
  }

  succeed(): void {
    this.pending?.next(AGENT);
    this.pending?.complete();
  }

  fail(status: number): void {
    this.pending?.error(new HttpErrorResponse({ status, error: { statusCode: status, message: 'x' } }));
  }
}

describe('LoginPageComponent', () => {
  let auth: FakeAuth;
  let fixture: ComponentFixture<LoginPageComponent>;
  let loader: HarnessLoader;
  let navigateByUrl: jest.SpyInstance;

  beforeEach(async () => {
    auth = new FakeAuth();
    TestBed.configureTestingModule({
      providers: [provideRouter([]), { provide: AuthService, useValue: auth }],
    });
    navigateByUrl = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    fixture = TestBed.createComponent(LoginPageComponent);
    loader = TestbedHarnessEnvironment.loader(fixture);
    await fixture.whenStable();
  });

  const input = (label: string): Promise<MatInputHarness> =>
    loader
      .getHarness(MatFormFieldHarness.with({ floatingLabelText: label }))
      .then((field) => field.getControl(MatInputHarness))
      .then((control) => {
        if (!control) {
          throw new Error(`no input labelled ${label}`);
        }
        return control;
      });
  const submitButton = (): Promise<MatButtonHarness> => loader.getHarness(MatButtonHarness.with({ text: 'Anmelden' }));
  const status = (): HTMLElement =>
    (fixture.nativeElement as HTMLElement).querySelector('[role="status"]') as HTMLElement;

  async function fillIn(email: string, password: string): Promise<void> {
    await (await input('E-Mail')).setValue(email);
    await (await input('Passwort')).setValue(password);
  }

  it('has German labels, the right input types and autocomplete hints, and focuses the e-mail field', async () => {
    const email = await input('E-Mail');
    const password = await input('Passwort');

    expect(await email.getType()).toBe('email');
    expect(await password.getType()).toBe('password');
    expect(await (await email.host()).getAttribute('autocomplete')).toBe('username');
    expect(await (await password.host()).getAttribute('autocomplete')).toBe('current-password');
    expect(await email.isFocused()).toBe(true);
    expect(await (await (await submitButton()).host()).getProperty<string>('type')).toBe('submit');
    expect(status().getAttribute('aria-live')).toBe('polite');
    expect(status().textContent?.trim()).toBe('');
  });

  it('submits the trimmed e-mail and the password, then goes to the start page', async () => {
    await fillIn('  agentin@leitstand.example ', 'geheim');
    await (await submitButton()).click();

    expect(auth.requests).toEqual([{ email: 'agentin@leitstand.example', password: 'geheim' }]);
    auth.succeed();
    await fixture.whenStable();
    expect(navigateByUrl).toHaveBeenCalledWith('/');
  });

  it('submits through the form itself, as Enter in a field does', async () => {
    await fillIn('agentin@leitstand.example', 'geheim');
    const form = (fixture.nativeElement as HTMLElement).querySelector('form') as HTMLFormElement;
    form.requestSubmit();
    await fixture.whenStable();

    expect(auth.requests).toHaveLength(1);
  });

  it('goes back to the returnUrl after signing in, but never to another site', async () => {
    fixture.componentRef.setInput('returnUrl', '/tickets/42');
    await fillIn('agentin@leitstand.example', 'geheim');
    await (await submitButton()).click();
    auth.succeed();
    expect(navigateByUrl).toHaveBeenLastCalledWith('/tickets/42');

    fixture.componentRef.setInput('returnUrl', 'https://evil.example/');
    await fillIn('agentin@leitstand.example', 'geheim');
    await (await submitButton()).click();
    auth.succeed();
    expect(navigateByUrl).toHaveBeenLastCalledWith('/');
  });

  it('disables the button and announces progress while the sign-in is pending; a second click sends nothing', async () => {
    await fillIn('agentin@leitstand.example', 'geheim');
    const button = await submitButton();
    await button.click();

    expect(await button.isDisabled()).toBe(true);
    expect(status().textContent?.trim()).toBe('Anmeldung läuft …');
    await button.click();
    expect(auth.requests).toHaveLength(1);

    auth.succeed();
    await fixture.whenStable();
    expect(await button.isDisabled()).toBe(false);
  });

  it('on 401 says "E-Mail oder Passwort falsch", empties the password, focuses it and enables the button', async () => {
    await fillIn('agentin@leitstand.example', 'falsch');
    await (await submitButton()).click();
    auth.fail(401);
    await fixture.whenStable();

    expect(status().textContent?.trim()).toBe('E-Mail oder Passwort falsch');
    expect(await (await submitButton()).isDisabled()).toBe(false);
    const password = await input('Passwort');
    expect(await password.getValue()).toBe('');
    expect(await password.isFocused()).toBe(true);
    expect(await (await input('E-Mail')).getValue()).toBe('agentin@leitstand.example');
    expect(navigateByUrl).not.toHaveBeenCalled();
    // The emptied password is not yet an error: the user is about to type it again.
    expect(
      await (await loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: 'Passwort' }))).hasErrors(),
    ).toBe(false);
  });

  it('announces a repeated failure again (the live region changes in between)', async () => {
    await fillIn('agentin@leitstand.example', 'falsch');
    await (await submitButton()).click();
    auth.fail(401);
    await fixture.whenStable();

    await (await input('Passwort')).setValue('auch falsch');
    await (await submitButton()).click();
    expect(status().textContent?.trim()).toBe('Anmeldung läuft …');
    auth.fail(401);
    await fixture.whenStable();
    expect(status().textContent?.trim()).toBe('E-Mail oder Passwort falsch');
  });

  it.each([
    [0, 'Der Server ist nicht erreichbar. Bitte versuchen Sie es später erneut.'],
    [400, 'Bitte E-Mail-Adresse und Passwort prüfen.'],
    [429, 'Zu viele Anmeldeversuche. Bitte warten Sie einen Moment.'],
    [503, 'Die Anmeldung ist fehlgeschlagen (HTTP 503). Bitte versuchen Sie es erneut.'],
  ])('explains a failure with HTTP %p', async (httpStatus, message) => {
    await fillIn('agentin@leitstand.example', 'geheim');
    await (await submitButton()).click();
    auth.fail(httpStatus);
    await fixture.whenStable();

    expect(status().textContent?.trim()).toBe(message);
    expect(await (await input('Passwort')).getValue()).toBe('geheim');
  });

  it('does not send an incomplete form: shows the field errors and focuses the first invalid field', async () => {
    await (await submitButton()).click();

    expect(auth.requests).toEqual([]);
    const emailField = await loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: 'E-Mail' }));
    const passwordField = await loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: 'Passwort' }));
    expect(await emailField.getTextErrors()).toEqual(['Bitte geben Sie Ihre E-Mail-Adresse ein.']);
    expect(await passwordField.getTextErrors()).toEqual(['Bitte geben Sie Ihr Passwort ein.']);
    expect(await (await input('E-Mail')).isFocused()).toBe(true);

    await (await input('E-Mail')).setValue('keine-adresse');
    await (await submitButton()).click();
    expect(await emailField.getTextErrors()).toEqual(['Bitte geben Sie eine gültige E-Mail-Adresse ein.']);

    await (await input('E-Mail')).setValue('agentin@leitstand.example');
    await (await submitButton()).click();
    expect(await (await input('Passwort')).isFocused()).toBe(true);
    expect(auth.requests).toEqual([]);
  });
});
