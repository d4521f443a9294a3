import type { Browser, Page } from 'playwright-core';
import type { TicketDetail, WorkLogView } from '@leitstand/api-contracts';
import { createTicket, managerSession } from './support/api-client';
import { launchBrowser } from './support/browser';
import { type PortalWorld, apiOk, seedPortalWorld } from './support/portal-fixtures';
import { readWorld } from './support/seed';
import { baseUrl, outputPath } from './support/stack';
import { isSignedOutProbe, submitLogin } from './support/users';

describe('technician phone view', () => {
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];
  let world: PortalWorld;

  beforeAll(async () => {
    browser = await launchBrowser();
    world = await seedPortalWorld();
  });

  afterAll(async () => {
    await browser?.close();
  });

  beforeEach(async () => {
    pageErrors = [];
    page = await browser.newPage({
      locale: 'de-DE',
      timezoneId: 'Europe/Berlin',
      viewport: { width: 390, height: 844 },
      hasTouch: true,
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

  it('takes an assigned ticket from dispatched to on site in taps and logs the work', async () => {
    // The helpdesk (here: the seeded manager through the API) accepts and dispatches to the technician.
    const title = `E2E Technik: RLT 3 ausgefallen (${process.pid}-${Date.now()})`;
    const created = await createTicket({ title, assetId: readWorld().assetId, description: 'Keine Zuluft' });
    const manager = await managerSession();
    const path = `/tickets/${created.id}`;
    let ticket = await apiOk<TicketDetail>(manager, 'GET', path);
    ticket = await apiOk<TicketDetail>(manager, 'POST', `${path}/accept`, {}, ticket.version);
    await apiOk<TicketDetail>(manager, 'POST', `${path}/dispatch`, { assigneeId: world.technician.id }, ticket.version);

    await page.goto(`${baseUrl()}/`);
    await page.waitForURL(/\/login(\?|$)/);
    await submitLogin(page, world.technician.email, world.technician.password);
    await page.getByRole('heading', { level: 1, name: 'Meine Einsätze' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/technician');

    const card = page.getByRole('listitem', { name: created.number });
    await card.getByRole('button', { name: 'Anfahrt' }).tap();
    await card.getByRole('button', { name: 'Vor Ort' }).waitFor();
    await page.screenshot({ path: outputPath('technician-travelling.png'), fullPage: true });
    await card.getByRole('button', { name: 'Vor Ort' }).tap();
    await card.getByRole('button', { name: 'Entstört' }).waitFor();

    // Time and material: the work form proposes "arrived → now" with the first price-list role.
    await card.getByRole('link', { name: 'Zeit & Material' }).tap();
    await page.getByRole('heading', { level: 1, name: created.number }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Arbeitszeit erfassen' }).waitFor();
    expect(await page.getByLabel('Beginn').inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    // the worker is picked by name (default: me), not typed as a user id
    expect(await page.getByLabel('Wer hat gearbeitet?').innerText()).toContain(world.technician.displayName);
    await page.getByRole('button', { name: 'Arbeitszeit erfassen' }).tap();
    await page.getByText('Arbeitszeit gespeichert.').first().waitFor();

    await page.getByLabel('Bezeichnung').fill('Keilriemen SPZ 1250');
    await page.getByLabel('Einzelpreis netto (€)').fill('12,90');
    await page.getByLabel('Menge').fill('2');
    await page.getByRole('button', { name: 'Material erfassen' }).click();
    await page.getByText('Material gespeichert.').first().waitFor();
    await page.getByText(/Keilriemen SPZ 1250 · 12,90\s€/).waitFor();
    // the line total: 2 × 12,90 € (decimal strings, no float)
    expect((await page.locator('.materials .line-total').first().innerText()).replace(/\s/g, ' ')).toBe('25,80 €');
    await page.screenshot({ path: outputPath('technician-work-logged.png'), fullPage: true });

    const logs = await apiOk<WorkLogView[]>(manager, 'GET', `${path}/work-logs`);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ workerId: world.technician.id, role: 'service-technician', kind: 'work' });
    const after = await apiOk<TicketDetail>(manager, 'GET', path);
    expect(after.status).toBe('on_site');

    // "Entstört" asks first; confirmed, the ticket leaves "my open work".
    await page.getByRole('link', { name: /Meine Einsätze/ }).tap();
    const restoreCard = page.getByRole('listitem', { name: created.number });
    await restoreCard.getByRole('button', { name: 'Entstört' }).tap();
    await restoreCard.getByRole('alert').filter({ hasText: 'wirklich als entstört melden?' }).waitFor();
    expect((await apiOk<TicketDetail>(manager, 'GET', path)).status).toBe('on_site');
    await restoreCard.getByRole('button', { name: 'Ja, entstört melden' }).tap();
    await restoreCard.waitFor({ state: 'detached' });
    expect((await apiOk<TicketDetail>(manager, 'GET', path)).status).toBe('restored');
    expect(pageErrors).toEqual([]);
  });
});
