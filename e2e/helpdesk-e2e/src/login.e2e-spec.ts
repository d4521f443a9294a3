import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from './support/browser';
import { baseUrl, outputPath } from './support/stack';
import {
  type E2eUser,
  isSignedOutProbe,
  openQueue,
  seededManager,
  signInThroughUi,
  submitLogin,
} from './support/users';

const LOGIN_URL = /\/login(\?.*)?$/;

describe('signing in and out', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];
  let user: E2eUser;

  beforeAll(async () => {
    browser = await launchBrowser();
    user = seededManager();
  });

  afterAll(async () => {
    await browser?.close();
  });

  beforeEach(async () => {
    pageErrors = [];
    context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && !isSignedOutProbe(message) && !isRefusedLogin(message)) {
        pageErrors.push(`console: ${message.text()} (${message.location().url})`);
      }
    });
  });

  afterEach(async () => {
    await context?.close();
  });

  const statusText = async (): Promise<string> => (await page.getByRole('status').innerText()).trim();
  const sessionCookies = async (): Promise<string[]> =>
    (await context.cookies()).map((cookie) => cookie.name).filter((name) => name.startsWith('ls_'));

  it('a wrong password keeps the sign-in page and says "E-Mail oder Passwort falsch"', async () => {
    await page.goto(`${baseUrl()}/`);
    await page.waitForURL(LOGIN_URL);
    await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
    // Keyboard first: the e-mail field has the focus.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('email');

    await submitLogin(page, user.email, `${user.password}-falsch`);
    await page.getByRole('status').getByText('E-Mail oder Passwort falsch').waitFor();

    expect(page.url()).toMatch(LOGIN_URL);
    expect(await page.getByRole('status').getAttribute('aria-live')).toBe('polite');
    expect(await page.getByLabel('Passwort').inputValue()).toBe('');
    expect(await page.getByRole('button', { name: 'Anmelden' }).isEnabled()).toBe(true);
    expect(await sessionCookies()).toEqual([]);
    await page.screenshot({ path: outputPath('login-wrong-password.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  it('the right password lands a manager on the dashboard, with the user and role in the top bar and no token in storage', async () => {
    await signInThroughUi(page, user);

    // Object managers start on the contract dashboard, not in the queue.
    expect(new URL(page.url()).pathname).toBe('/dashboard');
    await page.getByRole('heading', { level: 1, name: 'Vertragskennzahlen' }).waitFor();
    expect(await page.getByRole('heading', { level: 1, name: 'Störmeldungen' }).count()).toBe(0);
    const banner = page.getByRole('banner');
    expect(await banner.innerText()).toContain(user.displayName);
    expect(await banner.innerText()).toContain(user.roleLabel);
    await page.getByRole('button', { name: 'Abmelden' }).waitFor();
    expect(await page.title()).toBe('Vertragskennzahlen – Leitstand');
    // The session lives in HttpOnly cookies only; scripts see no token anywhere.
    const cookies = await context.cookies();
    expect(cookies.filter((c) => c.name.startsWith('ls_')).map((c) => [c.name, c.httpOnly, c.sameSite])).toEqual(
      expect.arrayContaining([
        ['ls_access', true, 'Strict'],
        ['ls_refresh', true, 'Strict'],
      ]),
    );
    expect(await page.evaluate(() => [localStorage.length, sessionStorage.length, document.cookie])).toEqual([
      0,
      0,
      '',
    ]);
    await page.screenshot({ path: outputPath('login-dashboard.png'), fullPage: true });

    // The queue stays open to managers at /queue.
    await openQueue(page);
    await page
      .getByRole('status')
      .filter({ hasText: /^(Keine Tickets|\d+ Tickets?)$/ })
      .waitFor();
    expect(await statusText()).toMatch(/^(Keine Tickets|\d+ Tickets?)$/);
    await page.screenshot({ path: outputPath('login-queue.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  it('"Abmelden" returns to the sign-in page and ends the session', async () => {
    await signInThroughUi(page, user);

    await page.getByRole('button', { name: 'Abmelden' }).click();
    await page.waitForURL(LOGIN_URL);
    await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
    expect(await page.getByRole('banner').innerText()).not.toContain(user.displayName);
    expect(await sessionCookies()).toEqual([]);
    await page.screenshot({ path: outputPath('logout.png'), fullPage: true });

    // The queue stays closed after a reload.
    await page.goto(`${baseUrl()}/`);
    await page.waitForURL(LOGIN_URL);
    await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('a session that is gone (cookies cleared) returns to the sign-in page on the next request and navigation', async () => {
    await signInThroughUi(page, user);
    await openQueue(page);

    // In the running app: the next API call answers 401, the one refresh fails, and the app shows the sign-in page.
    await context.clearCookies();
    await page.getByRole('button', { name: 'Aktualisieren' }).click();
    await page.waitForURL(LOGIN_URL);
    await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
    expect(await page.getByRole('banner').innerText()).not.toContain(user.displayName);
    await page.screenshot({ path: outputPath('session-expired.png'), fullPage: true });

    // Signing in again leads back to where the user was: the queue.
    await submitLogin(page, user.email, user.password);
    await page.getByRole('heading', { level: 1, name: 'Störmeldungen' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/queue');

    // On a fresh page load: the startup check finds no session and the guard sends the user to sign in.
    await context.clearCookies();
    await page.goto(`${baseUrl()}/`);
    await page.waitForURL(LOGIN_URL);
    await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
    expect(pageErrors.filter((error) => !error.includes('/api/tickets'))).toEqual([]);
  });
});

/** The refused sign-in of the wrong-password journey is logged by the browser as a 401; that one is expected. */
function isRefusedLogin(message: { text(): string; location(): { url: string } }): boolean {
  return message.text().includes('status of 401') && message.location().url.endsWith('/api/auth/login');
}
