import type { Browser, Page } from 'playwright-core';
import type { TicketDetail } from '@leitstand/api-contracts';
import { launchBrowser } from './support/browser';
import { type PortalWorld, apiCall, apiLogin, reportAsCustomer, seedPortalWorld } from './support/portal-fixtures';
import { Client } from 'pg';
import { DEFAULT_DATABASE_URL, baseUrl, outputPath } from './support/stack';
import { isSignedOutProbe, submitLogin } from './support/users';

/** How the UI shows an instant: Berlin time, de-DE, day and minute ("21.11.2026, 14:05"). */
function berlin(instant: string): string {
  return new Intl.DateTimeFormat('de-DE', {
    timeZone: 'Europe/Berlin',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(instant));
}

const squash = (text: string) =>
  text
    .replace(/\u00a0/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** Reads until the text differs from `before` (a live countdown ticks every second), for at most 5 s. */
async function changed(read: () => Promise<string>, before: string): Promise<string> {
  const until = Date.now() + 5_000;
  let now = await read();
  while (now === before && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    now = await read();
  }
  return now;
}

describe('customer portal', () => {
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];
  let world: PortalWorld;
  let ticketA: TicketDetail;
  let ticketB: TicketDetail;

  beforeAll(async () => {
    browser = await launchBrowser();
    world = await seedPortalWorld();
    const runId = `${process.pid}-${Date.now()}`;
    // Customer A's site is under contract: her report starts the response and the restore clock.
    ticketA = await reportAsCustomer(
      await apiLogin(world.customerA.email, world.customerA.password),
      world.siteA,
      world.assetA,
      `E2E Kunde A: Lüftung laut (${runId})`,
    );
    ticketB = await reportAsCustomer(
      await apiLogin(world.customerB.email, world.customerB.password),
      world.siteB,
      world.assetB,
      `E2E Kunde B: Rolltor klemmt (${runId})`,
    );
  });

  afterAll(async () => {
    await browser?.close();
  });

  beforeEach(async () => {
    pageErrors = [];
    page = await browser.newPage({
      locale: 'de-DE',
      timezoneId: 'Europe/Berlin',
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

  it("shows customer A her own tickets and never customer B's, and lets her report a fault", async () => {
    await page.goto(`${baseUrl()}/`);
    await page.waitForURL(/\/login(\?|$)/);
    await submitLogin(page, world.customerA.email, world.customerA.password);

    // Customers land in the portal, not in the staff queue.
    await page.getByRole('heading', { level: 1, name: 'Meine Störmeldungen' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/portal');
    const table = page.getByRole('table', { name: 'Meine Störmeldungen' });
    await table.getByRole('link', { name: ticketA.number }).waitFor();
    expect(await page.locator('main').innerText()).not.toContain(ticketB.number);
    expect(await page.locator('main').innerText()).not.toContain(ticketB.title);
    await page.screenshot({ path: outputPath('customer-portal-list.png'), fullPage: true });

    // The ticket view: status, timestamps and both running SLA clocks as live countdowns, no internal comments.
    await table.getByRole('link', { name: ticketA.number }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(ticketA.number) }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Fristen' }).waitFor();
    const clocks = page.locator('ul.clocks > li');
    await clocks.first().waitFor();
    expect(await clocks.count()).toBe(2);
    expect(await page.getByText('Für diesen Standort läuft keine SLA-Frist.').count()).toBe(0);
    for (const [clock, label] of [
      ['response', 'Reaktion'],
      ['restore', 'Entstörung'],
    ] as const) {
      const fromApi = ticketA.clocks.find((c) => c.clock === clock);
      expect(fromApi?.state).toBe('running');
      const item = clocks.filter({ hasText: label });
      // Running, due at the API's deadline (Berlin time, de-DE), with a countdown that ticks.
      expect(squash(await item.innerText())).toContain(`läuft, fällig ${berlin(fromApi?.deadline ?? '')}`);
      const timer = item.getByRole('timer');
      const before = squash(await timer.innerText());
      expect(before).toMatch(/\d+:\d\d/);
      expect(await changed(async () => squash(await timer.innerText()), before)).not.toBe(before);
    }
    await page.screenshot({ path: outputPath('customer-portal-ticket.png'), fullPage: true });

    // "Störung melden": site (her only one, preselected) → asset → description; no priority field.
    await page.goto(`${baseUrl()}/portal/new`);
    await page.getByRole('heading', { level: 1, name: 'Störung melden' }).waitFor();
    expect(await page.getByLabel('Priorität').count()).toBe(0);
    await page.getByRole('combobox', { name: 'Anlage' }).click();
    await page.getByRole('listbox').waitFor();
    await page.screenshot({ path: outputPath('customer-portal-asset-select.png'), fullPage: true });
    await page.getByRole('option', { name: /RLT 3/ }).click();
    const title = `E2E Portal: Heizung kalt (${process.pid}-${Date.now()})`;
    await page.getByLabel('Kurzbeschreibung').fill(title);
    await page.getByLabel('Beschreibung', { exact: true }).fill('Büro 2.14 ist kalt.');
    await page.getByRole('button', { name: 'Störung melden' }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(title.replace(/[()]/g, '.')) }).waitFor();
    await page.screenshot({ path: outputPath('customer-portal-reported.png'), fullPage: true });

    expect(pageErrors).toEqual([]);
  });

  it("answers customer A's request for customer B's ticket with 404", async () => {
    const sessionA = await apiLogin(world.customerA.email, world.customerA.password);
    expect((await apiCall(sessionA, 'GET', `/tickets/${ticketB.id}`)).status).toBe(404);
    const own = await apiCall<{ items: Array<{ id: string }> }>(sessionA, 'GET', '/tickets?limit=200');
    expect(own.status).toBe(200);
    expect(own.body.items.map((t) => t.id)).toContain(ticketA.id);
    expect(own.body.items.map((t) => t.id)).not.toContain(ticketB.id);
  });

  it('pages newest first and searches on a phone (390 px) without horizontal overflow', async () => {
    // 60 older closed tickets of customer B's tenant (June), so the list has three pages of 25 with her own
    // report on top. Before: one request for 200 by nearest deadline, and the table ran 420 px past the screen.
    const db = new Client({ connectionString: process.env['E2E_DATABASE_URL'] ?? DEFAULT_DATABASE_URL });
    await db.connect();
    const prefix = `PG${process.pid}-${Date.now() % 100000}`;
    try {
      await db.query(
        `INSERT INTO tickets (number, tenant_id, site_id, asset_id, title, priority, status, fault_began_at, created_at,
           asset_down, in_scope, closed_at, version)
         SELECT $1 || '-' || lpad(g::text, 2, '0'), $2, $3, $4, 'Ältere Meldung mit einem recht langen Betreff ' || g,
                'C', 'closed', ts, ts, false, true, ts + interval '1 hour', 1
           FROM generate_series(1, 60) g,
                LATERAL (SELECT timestamptz '2026-06-01 08:00Z' + g * interval '1 hour' AS ts) x`,
        [prefix, world.tenantB, world.siteB, world.assetB],
      );
    } finally {
      await db.end();
    }
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${baseUrl()}/portal`);
    await page.waitForURL(/\/login(\?|$)/);
    await submitLogin(page, world.customerB.email, world.customerB.password);
    await page.getByRole('heading', { level: 1, name: 'Meine Störmeldungen' }).waitFor();
    const rows = page.locator('table.portal-table tbody tr');
    const status = page.getByRole('status').filter({ hasText: 'Störmeldungen' });
    await status.filter({ hasText: '25 Störmeldungen angezeigt, weitere vorhanden' }).waitFor();
    expect(await rows.count()).toBe(25);
    // newest first: her own report, then the June tickets from the latest down
    expect(squash(await rows.nth(0).locator('td').first().innerText())).toContain(ticketB.number);
    expect(squash(await rows.nth(1).locator('td').first().innerText())).toContain(`${prefix}-60`);
    const overflow = () =>
      page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await overflow()).toBe(0);
    await page.screenshot({ path: outputPath('customer-portal-phone.png'), fullPage: false });

    const more = page.getByRole('button', { name: 'Weitere laden' });
    await more.click();
    await status.filter({ hasText: '50 Störmeldungen angezeigt' }).waitFor();
    await more.click();
    await status.filter({ hasText: /^\s*61 Störmeldungen\s*$/ }).waitFor();
    expect(await more.count()).toBe(0);
    expect(squash(await rows.last().locator('td').first().innerText())).toContain(`${prefix}-01`);
    expect(await overflow()).toBe(0);

    // search by number: one card, labelled cells
    await page.getByRole('searchbox', { name: 'Suchen (Nummer, Betreff, Anlage)' }).fill(`${prefix}-07`);
    await status.filter({ hasText: /^\s*1 Störmeldungen\s*$/ }).waitFor();
    expect(await rows.count()).toBe(1);
    expect(squash(await rows.first().innerText())).toContain('Ältere Meldung mit einem recht langen Betreff 7');
    expect(await overflow()).toBe(0);
    await page.getByRole('searchbox', { name: 'Suchen (Nummer, Betreff, Anlage)' }).fill('gibt es nicht');
    await page.getByText('Keine Störmeldung passt zur Suche.').waitFor();
    expect(pageErrors).toEqual([]);
  });
});
