import type { Browser, Page } from 'playwright-core';
import { createTicket } from './support/api-client';
import { launchBrowser } from './support/browser';
import { outputPath } from './support/stack';
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

    // Signed out, the app shows the sign-in page first; after signing in, the queue.
    await signInThroughUi(page, seededManager());
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
});
