import type { Browser, Page } from 'playwright-core';
import { createTicket } from './support/api-client';
import { createTicketAs, seedAgentWorld } from './support/agent-fixtures';
import { launchBrowser } from './support/browser';
import { baseUrl, outputPath } from './support/stack';
import { isSignedOutProbe, seededManager, signInThroughUi } from './support/users';

const GERMAN_STATUS_LABELS = [
  'Neu',
  'Angenommen',
  'Disponiert',
  'Anfahrt',
  'Vor Ort',
  'Pausiert',
  'Entstört',
  'Geschlossen',
];

describe('helpdesk ticket list', () => {
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
    // The browser runs in another zone than Berlin on purpose: the UI must convert, not rely on the machine.
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

  it('shows a ticket created through the API in the live queue with its number, title, priority and status', async () => {
    const title = `E2E Lüftungsanlage RLT 3 ausgefallen (${process.pid}-${Date.now()})`;
    const ticket = await createTicket({
      title,
      priority: 'A',
      description: 'Keine Zuluft im 2. OG, Serverraum wird warm',
    });

    // Signed out, the app shows the sign-in page first; after signing in (a manager starts on the dashboard),
    // the staff queue at /queue.
    await signInThroughUi(page, seededManager());
    await page.goto(`${baseUrl()}/queue`);
    await page.getByRole('heading', { level: 1, name: 'Störmeldungen' }).waitFor();
    // The live queue: one list item per open ticket, priority as text, asset and site, German status.
    const row = page
      .getByRole('list', { name: 'Offene Tickets, nächste Frist zuerst' })
      .getByRole('listitem')
      .filter({ hasText: ticket.number });
    await row.waitFor({ state: 'visible', timeout: 15_000 });
    await row.getByText('A – hoch').waitFor();
    await row.getByText(title).waitFor();
    const status = (await row.locator('ls-status-badge').innerText()).trim();
    expect(GERMAN_STATUS_LABELS).toContain(status);
    expect(await page.getByRole('status').first().innerText()).toMatch(/^\d+ Tickets?$/);
    expect(await page.locator('html').getAttribute('lang')).toBe('de');

    await page.screenshot({ path: outputPath('ticket-list.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  it('renders both countdowns of each row from the list page alone and re-renders the queue in English', async () => {
    // A tenant whose contract covers the site: new tickets get a response and a restore clock.
    const world = await seedAgentWorld();
    const title = `E2E Bettenaufzug steht (${process.pid}-${Date.now()})`;
    const ticket = await createTicketAs(world.agent, { siteId: world.siteId, title, priority: 'A' });
    expect(ticket.clocks.map((c) => c.clock).sort()).toEqual(['response', 'restore']);

    // Every request for one ticket (detail or timeline) the page sends: the queue must send none.
    const perTicketRequests: string[] = [];
    page.on('request', (request) => {
      if (/\/api\/tickets\/[0-9a-f-]{36}(\/|$)/.test(new URL(request.url()).pathname)) {
        perTicketRequests.push(`${request.method()} ${request.url()}`);
      }
    });

    await signInThroughUi(page, world.agent);
    // Agents serve every tenant: the site filter narrows the queue to this run's site (through the API).
    await page.getByRole('combobox', { name: 'Standort' }).click();
    await page.getByRole('option', { name: world.siteName, exact: true }).click();
    await page.getByRole('status').first().getByText('1 Ticket', { exact: true }).waitFor();
    const row = page
      .getByRole('list', { name: 'Offene Tickets, nächste Frist zuerst' })
      .getByRole('listitem')
      .filter({ hasText: ticket.number });
    await row.waitFor({ state: 'visible', timeout: 15_000 });
    await row
      .locator('[data-clock="response"]')
      .getByText(/Reaktion: noch \d+:\d\d min/)
      .waitFor();
    await row
      .locator('[data-clock="restore"]')
      .getByText(/Entstörung: noch \d+:\d\d(:\d\d)? (min|h)/)
      .waitFor();
    expect((await row.locator('ls-status-badge').innerText()).trim()).toBe('Neu');

    // The language switch re-renders the queue without a reload: a marker on window survives only then.
    await page.evaluate(() => ((window as unknown as { lsNoReload: boolean }).lsNoReload = true));
    await page.getByRole('button', { name: 'Switch to English' }).click();
    const englishRow = page
      .getByRole('list', { name: 'Open tickets, nearest deadline first' })
      .getByRole('listitem')
      .filter({ hasText: ticket.number });
    await englishRow.getByText('A – high').waitFor();
    await englishRow
      .locator('[data-clock="response"]')
      .getByText(/Response: \d+:\d\d min left/)
      .waitFor();
    await englishRow
      .locator('[data-clock="restore"]')
      .getByText(/Restore: \d+:\d\d(:\d\d)? (min|h) left/)
      .waitFor();
    expect((await englishRow.locator('ls-status-badge').innerText()).trim()).toBe('New');
    expect(await page.getByRole('status').first().innerText()).toBe('1 ticket');
    await page.getByRole('heading', { level: 1, name: 'Incidents' }).waitFor();
    await page.getByRole('checkbox', { name: 'overdue' }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { lsNoReload?: boolean }).lsNoReload)).toBe(true);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.screenshot({ path: outputPath('ticket-list-en.png'), fullPage: true });

    expect(perTicketRequests).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
