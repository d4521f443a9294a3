import type { Browser, Page } from 'playwright-core';
import type { TenantView } from '@leitstand/api-contracts';
import { seedAdmin } from './support/admin-fixtures';
import { launchBrowser } from './support/browser';
import { apiLogin, apiOk } from './support/portal-fixtures';
import { baseUrl, outputPath } from './support/stack';
import { isSignedOutProbe, submitLogin } from './support/users';

/** The 400 of a refused password is on purpose (the browser logs every failed request as a console error). */
const isExpected400 = (text: string) => text.includes('status of 400');

describe('administration: users and one-time password links', () => {
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  beforeEach(async () => {
    pageErrors = [];
    page = await browser.newPage({
      locale: 'de-DE',
      timezoneId: 'Europe/Berlin',
      viewport: { width: 1280, height: 900 },
    });
    page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && !isSignedOutProbe(message) && !isExpected400(message.text())) {
        pageErrors.push(`console: ${message.text()}`);
      }
    });
  });

  afterEach(async () => {
    if (pageErrors.length > 0) await page.screenshot({ path: outputPath('user-admin-failure.png') });
    await page?.close();
    expect(pageErrors).toEqual([]);
  });

  it('an admin creates a technician; the technician sets a password from the link and lands on their work', async () => {
    const admin = await seedAdmin();
    const session = await apiLogin(admin.email, admin.password);
    const tenant = await apiOk<TenantView>(session, 'POST', '/tenants', {
      slug: `e2e-users-${admin.suffix}`,
      name: `E2E Technik-Kunde ${admin.suffix}`,
    });
    const email = `tech-${admin.suffix}@example.test`;

    await page.goto(`${baseUrl()}/admin/users`);
    await page.waitForURL(/\/login(\?|$)/);
    await submitLogin(page, admin.email, admin.password);
    await page.getByRole('button', { name: 'Benutzer anlegen' }).click();
    const form = page.locator('form.user-form');
    await form.getByLabel('Name').fill(`Theo Technik ${admin.suffix}`);
    await form.getByLabel('E-Mail').fill(email);
    await form.getByLabel('Rolle', { exact: true }).click();
    await page.getByRole('option', { name: 'Technik' }).click();
    // (the floating label of an empty outlined multi-select covers it: open it from the keyboard)
    await form.getByLabel('Betreute Mandanten').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('option', { name: tenant.name }).click();
    await page.keyboard.press('Escape');
    await form.getByRole('button', { name: 'Speichern' }).click();
    const url = (await page.getByTestId('password-link-url').innerText()).trim();
    expect(url).toMatch(/\/set-password\?token=/);
    await page.locator(`tr[data-email="${email}"]`).waitFor();

    // The technician, in a session of their own, opens the link.
    const tech = await browser.newPage({ locale: 'de-DE', viewport: { width: 390, height: 844 } });
    try {
      await tech.goto(url.startsWith('http') ? url.replace(/^https?:\/\/[^/]+/, baseUrl()) : `${baseUrl()}${url}`);
      await tech.getByRole('heading', { name: 'Passwort festlegen' }).waitFor();
      // A common password is refused at its field; the link stays usable.
      await tech.getByLabel('Passwort', { exact: true }).fill('password1234');
      await tech.getByLabel('Neues Passwort wiederholen').fill('password1234');
      await tech.getByRole('button', { name: 'Passwort speichern' }).click();
      await tech.locator('.account-status').filter({ hasText: /\S/ }).waitFor();
      expect(await tech.getByRole('button', { name: 'Passwort speichern' }).isVisible()).toBe(true);
      const password = `Wartung-${admin.suffix}-Aufzug!`;
      await tech.getByLabel('Passwort', { exact: true }).fill(password);
      await tech.getByLabel('Neues Passwort wiederholen').fill(password);
      await tech.getByRole('button', { name: 'Passwort speichern' }).click();
      await tech.getByText(`Passwort gespeichert für ${email}.`, { exact: false }).waitFor();
      await tech.getByRole('link', { name: 'Zur Anmeldung' }).click();
      await tech.waitForURL(/\/login(\?|$)/);
      await submitLogin(tech, email, password);
      await tech.getByRole('heading', { level: 1, name: 'Meine Einsätze' }).waitFor();
      expect(new URL(tech.url()).pathname).toBe('/technician');

      // The link was single use.
      const again = await fetch(`${baseUrl()}/api/auth/set-password`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: new URL(url, baseUrl()).searchParams.get('token'), password: `${password}2` }),
      });
      expect(again.status).toBe(400);
    } finally {
      await tech.close();
    }
  });
});
