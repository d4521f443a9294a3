import { Client } from 'pg';
import type { Browser, Page } from 'playwright-core';
import type { TicketDetail } from '@leitstand/api-contracts';
import { type AgentWorld, createTicketAs, seedAgentWorld } from './support/agent-fixtures';
import { launchBrowser } from './support/browser';
import { settled } from './support/settled';
import { DEFAULT_DATABASE_URL, baseUrl, outputPath } from './support/stack';
import { isSignedOutProbe, signInThroughUi } from './support/users';

/**
 * The queue at full speed (issue 18): the search field finds a ticket by its number and by its asset's code
 * (and keeps `q` in the URL), j/k move the cursor and Enter opens the ticket, and a bulk accept of two marked
 * tickets, one of which was changed meanwhile, goes through for the other and lists the changed one as failed;
 * a bulk priority change with its reason reaches both tickets.
 */
describe('queue: search, keyboard and bulk actions', () => {
  let browser: Browser;
  let page: Page;
  let world: AgentWorld;
  let onAsset: TicketDetail;
  let alsoOnAsset: TicketDetail;
  let noAsset: TicketDetail;
  let pageErrors: string[];

  beforeAll(async () => {
    world = await seedAgentWorld();
    const db = new Client({ connectionString: process.env['E2E_DATABASE_URL'] ?? DEFAULT_DATABASE_URL });
    await db.connect();
    let assetId: string;
    try {
      const { rows } = await db.query<{ id: string }>(`SELECT id FROM assets WHERE code = $1`, [world.assetCode]);
      assetId = String(rows[0]?.id);
    } finally {
      await db.end();
    }
    const report = (title: string, withAsset: boolean) =>
      createTicketAs(world.agent, {
        siteId: world.siteId,
        title,
        channel: 'phone',
        priority: 'A', // the asset's class: no reason needed
        ...(withAsset ? { assetId } : {}),
      });
    onAsset = await report('Bettenaufzug fährt ruckartig', true);
    alsoOnAsset = await report('Bettenaufzug Tür quietscht', true);
    noAsset = await report('Licht im Flur defekt', false);
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
      viewport: { width: 1600, height: 1000 },
    });
    page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && !isSignedOutProbe(message)) {
        pageErrors.push(`console: ${message.text()}`);
      }
    });
    await signInThroughUi(page, world.agent);
    await page.goto(`${baseUrl()}/queue`);
    await page.getByRole('heading', { level: 1, name: 'Störmeldungen' }).waitFor();
  });

  afterEach(async () => {
    await page?.close();
  });

  const queue = () => page.getByRole('list', { name: 'Offene Tickets, nächste Frist zuerst' });
  /** The numbers the queue shows, top to bottom. */
  const shownNumbers = async (): Promise<string> =>
    (await queue().locator('ls-queue-row .row__number').allInnerTexts()).map((n) => n.trim()).join(' ');
  const search = async (text: string): Promise<void> => {
    const field = page.getByTestId('queue-search');
    await field.fill(text);
  };

  it('finds a ticket by its number and the tickets of an asset by its code, and keeps q in the URL', async () => {
    await search(noAsset.number);
    expect(await settled(shownNumbers, noAsset.number)).toBe(noAsset.number);
    expect(new URL(page.url()).searchParams.get('q')).toBe(noAsset.number);

    await search(world.assetCode);
    const both = [onAsset, alsoOnAsset].map((t) => t.number).sort();
    const shown = await settled(async () => (await shownNumbers()).split(' ').sort().join(' '), both.join(' '));
    expect(shown).toBe(both.join(' '));
    expect(new URL(page.url()).searchParams.get('q')).toBe(world.assetCode);

    // A reload (or a shared link) opens the same search.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Störmeldungen' }).waitFor();
    expect(await page.getByTestId('queue-search').inputValue()).toBe(world.assetCode);
    expect(await settled(async () => (await shownNumbers()).split(' ').sort().join(' '), both.join(' '))).toBe(
      both.join(' '),
    );
    await page.screenshot({ path: outputPath('queue-search.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  it('moves with j and k, opens with Enter, and lists the keys on ?', async () => {
    await search(world.assetCode);
    await settled(async () => (await shownNumbers()).split(' ').length, 2);
    const order = (await shownNumbers()).split(' ');
    expect(order).toHaveLength(2);
    // Keys typed into the search field stay text; Escape hands them back to the queue.
    await page.getByTestId('queue-search').press('j');
    expect(await page.getByTestId('queue-search').inputValue()).toBe(`${world.assetCode}j`);
    await search(world.assetCode);
    // Wait until the queue searched the whole code again (not the text with the typed "j").
    expect(await settled(async () => new URL(page.url()).searchParams.get('q'), world.assetCode)).toBe(world.assetCode);
    expect(await settled(shownNumbers, order.join(' '))).toBe(order.join(' '));
    await page.getByTestId('queue-search').press('Escape');
    const current = async (): Promise<string> => {
      const row = queue().locator('ls-queue-row[aria-current="true"] .row__number');
      return (await row.count()) === 1 ? (await row.innerText()).trim() : '';
    };
    const press = async (key: string, expected: string | undefined): Promise<void> => {
      await page.keyboard.press(key);
      expect(await settled(current, expected ?? '')).toBe(expected);
    };
    await press('j', order[0]);
    await press('j', order[1]);
    await press('j', order[1]); // stays on the last row
    await press('k', order[0]);

    await page.keyboard.press('?');
    const dialog = page.getByTestId('keys-dialog');
    await dialog.getByRole('heading', { name: 'Tastenkürzel' }).waitFor();
    expect(await dialog.locator('dt').allInnerTexts()).toEqual(['/', 'n', 'j', 'k', 'Enter', 'x', 'a', '?', 'Esc']);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('queue-search');
    await page.getByTestId('queue-search').press('Escape');

    await page.keyboard.press('Enter');
    const opened = order[0] === onAsset.number ? onAsset : alsoOnAsset;
    // A router navigation (no page load): the path changes in place.
    expect(await settled(async () => new URL(page.url()).pathname, `/tickets/${opened.id}`)).toBe(
      `/tickets/${opened.id}`,
    );
    await page.getByText(opened.number).first().waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('accepts two marked tickets one by one and reports the one changed meanwhile as failed', async () => {
    await search(world.assetCode);
    await settled(async () => (await shownNumbers()).split(' ').length, 2);
    for (const ticket of [onAsset, alsoOnAsset]) {
      await queue()
        .getByRole('checkbox', { name: `${ticket.number} auswählen` })
        .check();
    }
    await page.getByTestId('bulk-bar').getByText('2 ausgewählt').waitFor();

    // Meanwhile a colleague changes one of them: its version moves on.
    const token = await accessToken(world.agent);
    const current = await api<TicketDetail>(token, 'GET', `/api/tickets/${alsoOnAsset.id}`);
    await api(
      token,
      'PATCH',
      `/api/tickets/${alsoOnAsset.id}`,
      { description: 'Kollege hat ergänzt' },
      current.version,
    );

    await page.getByTestId('bulk-accept').click();
    const outcome = page.getByTestId('bulk-outcome');
    await outcome.getByText('Annehmen: 1 von 2 erledigt, 1 fehlgeschlagen:').waitFor();
    const failed = outcome.locator(`li[data-ticket-id="${alsoOnAsset.id}"]`);
    expect(await failed.innerText()).toBe(
      `${alsoOnAsset.number}: wurde inzwischen geändert (HTTP 412) – neu laden und erneut versuchen`,
    );
    expect(await outcome.locator('li').count()).toBe(1);
    // The server agrees: the one went through, the changed one is still new and still marked for a retry.
    expect((await api<TicketDetail>(token, 'GET', `/api/tickets/${onAsset.id}`)).status).toBe('accepted');
    expect((await api<TicketDetail>(token, 'GET', `/api/tickets/${alsoOnAsset.id}`)).status).toBe('new');
    await page.getByTestId('bulk-bar').getByText('1 ausgewählt').waitFor();
    await page.screenshot({ path: outputPath('queue-bulk.png'), fullPage: true });
    // The browser logs the one refused request; nothing else went wrong.
    expect(pageErrors).toEqual([
      'console: Failed to load resource: the server responded with a status of 412 (Precondition Failed)',
    ]);
  });

  it('changes the priority of the marked tickets with a reason', async () => {
    await search(world.assetCode);
    await settled(async () => (await shownNumbers()).split(' ').length, 2);
    for (const ticket of [onAsset, alsoOnAsset]) {
      await queue()
        .getByRole('checkbox', { name: `${ticket.number} auswählen` })
        .check();
    }
    const bar = page.getByTestId('bulk-bar');
    await bar.getByRole('combobox', { name: 'Neue Priorität' }).click();
    await page.getByRole('option', { name: 'C – niedrig' }).click();
    await bar.getByTestId('bulk-priority-reason').fill('Betreiber: Ersatzaufzug in Betrieb');
    await bar.getByTestId('bulk-set-priority').click();
    await page.getByTestId('bulk-outcome').getByText('Priorität: 2 von 2 erledigt.').waitFor();
    const token = await accessToken(world.agent);
    for (const ticket of [onAsset, alsoOnAsset]) {
      const now = await api<TicketDetail>(token, 'GET', `/api/tickets/${ticket.id}`);
      expect([now.priority, now.priorityReason]).toEqual(['C', 'Betreiber: Ersatzaufzug in Betrieb']);
    }
    expect(pageErrors).toEqual([]);
  });
});

async function accessToken(user: { email: string; password: string }): Promise<string> {
  const response = await fetch(`${baseUrl()}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ email: user.email, password: user.password }),
  });
  if (!response.ok) throw new Error(`POST /api/auth/login answered ${response.status}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

async function api<T = unknown>(token: string, method: string, path: string, body?: unknown, version?: number) {
  const response = await fetch(`${baseUrl()}${path}`, {
    method,
    headers: {
      accept: 'application/json',
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(version === undefined ? {} : { 'if-match': `"${version}"` }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}
