import type { Browser, Page } from 'playwright-core';
import type { TicketDetail } from '@leitstand/api-contracts';
import { launchBrowser } from './support/browser';
import { type PortalWorld, apiLogin, reportAsCustomer, seedPortalWorld } from './support/portal-fixtures';
import { readWorld } from './support/seed';
import { baseUrl, outputPath } from './support/stack';
import { isSignedOutProbe, submitLogin } from './support/users';

/** What the UI must show for an instant in a locale: Europe/Berlin, day and minute. */
function berlin(instant: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone: 'Europe/Berlin',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(instant));
}

describe('German and English at runtime', () => {
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];
  let world: PortalWorld;
  let ticket: TicketDetail;

  beforeAll(async () => {
    browser = await launchBrowser();
    world = await seedPortalWorld();
    const { siteId, assetId } = readWorld();
    ticket = await reportAsCustomer(
      await apiLogin(world.customerA.email, world.customerA.password),
      siteId,
      assetId,
      `E2E Sprache: Aufzug steht (${process.pid}-${Date.now()})`,
    );
  });

  afterAll(async () => {
    await browser?.close();
  });

  beforeEach(async () => {
    pageErrors = [];
    page = await browser.newPage({
      locale: 'de-DE',
      timezoneId: 'America/New_York',
      viewport: { width: 1280, height: 800 },
    });
    page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && !isSignedOutProbe(message)) {
        pageErrors.push(`console: ${message.text()}`);
      }
    });
  });

  afterEach(async () => {
    await page?.close();
  });

  it('starts in German, switches to English without a reload, remembers it and switches back', async () => {
    await page.goto(`${baseUrl()}/login`);
    await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    await submitLogin(page, world.customerA.email, world.customerA.password);
    await page.getByRole('heading', { level: 1, name: 'Meine Störmeldungen' }).waitFor();

    const row = page.getByRole('row').filter({ hasText: ticket.number });
    const createdCell = row.getByRole('cell').nth(4);
    expect((await createdCell.innerText()).trim()).toBe(berlin(ticket.createdAt, 'de-DE'));
    await page.getByRole('button', { name: 'Abmelden' }).waitFor();
    await page.screenshot({ path: outputPath('i18n-de.png'), fullPage: true });

    // A marker on window survives only if the page is not reloaded.
    await page.evaluate(() => ((window as unknown as { lsNoReload: boolean }).lsNoReload = true));
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { level: 1, name: 'My incident reports' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    // en-GB: day/month/year with slashes.
    expect((await createdCell.innerText()).trim()).toBe(berlin(ticket.createdAt, 'en-GB'));
    expect((await createdCell.innerText()).trim()).toMatch(/^\d{2}\/\d{2}\/\d{4}, \d{2}:\d{2}$/);
    expect(await page.evaluate(() => (window as unknown as { lsNoReload?: boolean }).lsNoReload)).toBe(true);
    await page.screenshot({ path: outputPath('i18n-en.png'), fullPage: true });

    // The choice is remembered across a reload.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'My incident reports' }).waitFor();

    await page.getByRole('button', { name: 'Auf Deutsch umschalten' }).click();
    await page.getByRole('heading', { level: 1, name: 'Meine Störmeldungen' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    expect(pageErrors).toEqual([]);
  });
});
