import type { Browser, Page } from 'playwright-core';
import type { CostView, TicketDetail } from '@leitstand/api-contracts';
import { launchBrowser } from './support/browser';
import { type DashboardWorld, apiGetAs, seedDashboardWorld } from './support/dashboard-fixtures';
import { type PortalWorld, apiLogin, reportAsCustomer, seedPortalWorld } from './support/portal-fixtures';
import { baseUrl, outputPath } from './support/stack';
import { isSignedOutProbe, signInThroughUi, submitLogin } from './support/users';

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

/** Money as the UI must show it in a locale, from the API's decimal string (exact, no float). */
function euro(value: string, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' }).format(
    value as Intl.StringNumericLiteral,
  );
}

const squash = (text: string) =>
  text
    .replace(/\u00a0/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

const PERIOD = '2026-10';

describe('German and English at runtime', () => {
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];
  let world: PortalWorld;
  let dashboard: DashboardWorld;
  let ticket: TicketDetail;

  beforeAll(async () => {
    browser = await launchBrowser();
    world = await seedPortalWorld();
    dashboard = await seedDashboardWorld();
    ticket = await reportAsCustomer(
      await apiLogin(world.customerA.email, world.customerA.password),
      world.siteA,
      world.assetA,
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

  it('switches the dashboard (figures, dates, charts) and the phone intake form to English and back', async () => {
    const costs = await apiGetAs<CostView>(
      dashboard.manager,
      baseUrl(),
      `/api/contracts/${dashboard.contractId}/costs?period=${PERIOD}`,
    );
    const costCell = (row: number) =>
      page.locator('table[data-table="kosten"] tbody tr').nth(row).locator('td').first();
    const periodMeta = page.locator('[data-figure="period"]');

    // German: the manager lands on the dashboard; de-DE figures (1.234,56 €) and dates (dd.MM.yyyy).
    await signInThroughUi(page, dashboard.manager);
    await page.goto(`${baseUrl()}/dashboard?contract=${dashboard.contractId}&period=${PERIOD}`);
    await page
      .getByRole('status')
      .filter({ hasText: `Kennzahlen für ${dashboard.contractName}, Oktober 2026 geladen.` })
      .waitFor({ timeout: 20_000 });
    await page.getByRole('heading', { level: 1, name: 'Vertragskennzahlen' }).waitFor();
    const totalRow = costs.lines.length;
    expect(squash(await costCell(totalRow).innerText())).toBe(squash(euro(costs.total, 'de-DE')));
    expect(squash(await costCell(totalRow).innerText())).toMatch(/^-?\d{1,3}(\.\d{3})*,\d{2} €$/);
    expect(squash(await periodMeta.innerText())).toBe('01.10.2026 bis vor 01.11.2026, Zeitzone Europe/Berlin');
    expect(await page.getByRole('button', { name: 'CSV-Export: Kosten des Vertrags' }).count()).toBe(1);
    const charts = page.locator('ls-kpi-chart [role="img"]');
    expect(await charts.nth(2).getAttribute('aria-label')).toContain(`Summe ${euro(costs.total, 'de-DE')}`);
    await page.locator('ls-kpi-chart canvas').first().waitFor();
    expect(await page.title()).toBe('Vertragskennzahlen – Leitstand');
    await page.screenshot({ path: outputPath('i18n-dashboard-de.png'), fullPage: true });

    // English without a reload: texts, en-GB figures (€1,234.56) and dates (dd/MM/yyyy), chart summaries.
    await page.evaluate(() => ((window as unknown as { lsNoReload: boolean }).lsNoReload = true));
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Contract figures' }).waitFor();
    expect(squash(await page.getByRole('status').innerText())).toBe(
      `Figures for ${dashboard.contractName}, October 2026 loaded.`,
    );
    for (const name of ['Availability', 'SLA compliance', 'Bonus/malus', 'Cost and margin']) {
      await page.getByRole('heading', { level: 2, name, exact: true }).waitFor();
    }
    expect(
      await page
        .locator('table[data-table="kosten"] thead th')
        .evaluateAll((ths) => ths.map((th) => th.textContent?.trim())),
    ).toEqual(['Item', 'Amount', 'Derivation']);
    expect(squash(await costCell(totalRow).innerText())).toBe(squash(euro(costs.total, 'en-GB')));
    expect(squash(await costCell(totalRow).innerText())).toMatch(/^-?€\d{1,3}(,\d{3})*\.\d{2}$/);
    expect(squash(await periodMeta.innerText())).toBe('01/10/2026 until before 01/11/2026, time zone Europe/Berlin');
    expect(await page.getByRole('button', { name: 'CSV export: Cost of the contract' }).count()).toBe(1);
    expect(await charts.nth(0).getAttribute('aria-label')).toMatch(/^Availability per asset class: Class A /);
    expect(await charts.nth(2).getAttribute('aria-label')).toContain(`Total ${euro(costs.total, 'en-GB')}`);
    expect(await page.title()).toBe('Contract figures – Leitstand');
    expect(await page.evaluate(() => (window as unknown as { lsNoReload?: boolean }).lsNoReload)).toBe(true);
    await page.screenshot({ path: outputPath('i18n-dashboard-en.png'), fullPage: true });

    // The printable report in English.
    await page.getByRole('link', { name: 'SLA report (printable)' }).click();
    await page.getByRole('heading', { level: 1, name: 'SLA report October 2026' }).waitFor();
    await page.getByRole('button', { name: 'Print' }).waitFor();
    expect(squash(await page.locator('dl').innerText())).toContain('01/10/2026 until before 01/11/2026');
    await page.screenshot({ path: outputPath('i18n-report-en.png'), fullPage: true });

    // The phone intake form in English (the choice is remembered across the page load).
    await page.goto(`${baseUrl()}/tickets/new`);
    await page.getByRole('heading', { level: 1, name: 'New incident report (phone)' }).waitFor();
    for (const label of ['Site', 'Search asset (code, name, trade)', 'Priority', 'Title', 'Reported by', 'Channel']) {
      await page.getByLabel(label, { exact: true }).first().waitFor();
    }
    expect(await page.getByRole('checkbox', { name: 'Asset is down (out of service)' }).count()).toBe(1);
    expect(await page.title()).toBe('New incident report – Leitstand');
    await page.getByRole('button', { name: 'Create ticket' }).click();
    await page.getByRole('status').filter({ hasText: 'Please fill in the marked fields.' }).waitFor();
    await page.getByText('Please enter a title.').waitFor();
    await page.getByText('Please choose a priority.').waitFor();
    await page.screenshot({ path: outputPath('i18n-intake-en.png'), fullPage: true });

    // Back to German at runtime: the error on screen follows.
    await page.getByRole('button', { name: 'Auf Deutsch umschalten' }).click();
    await page.getByRole('heading', { level: 1, name: 'Neue Störmeldung (Telefon)' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Bitte die markierten Felder ausfüllen.' }).waitFor();
    await page.getByText('Bitte einen Titel angeben.').waitFor();
    await page.getByLabel('Anlage suchen (Code, Name, Gewerk)').waitFor();
    expect(await page.title()).toBe('Neue Störmeldung – Leitstand');
    await page.screenshot({ path: outputPath('i18n-intake-de.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});
