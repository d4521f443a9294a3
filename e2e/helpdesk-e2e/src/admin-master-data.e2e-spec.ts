import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { ContractView } from '@leitstand/api-contracts';
import { seedAdmin } from './support/admin-fixtures';
import { launchBrowser } from './support/browser';
import { apiLogin, apiOk } from './support/portal-fixtures';
import { WORKSPACE_ROOT, baseUrl, outputPath } from './support/stack';
import { isSignedOutProbe, submitLogin } from './support/users';

const SEED_004 = join(WORKSPACE_ROOT, 'libs/demo-data/data/price-lists/seed-004-itk-service-price-list.json');

/** The 400s this journey provokes on purpose (the browser logs every failed request as a console error). */
const isExpected400 = (text: string) => text.includes('status of 400');

describe('administration: master data', () => {
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];
  let admin: Awaited<ReturnType<typeof seedAdmin>>;

  beforeAll(async () => {
    admin = await seedAdmin();
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
    if (pageErrors.length > 0) await page.screenshot({ path: outputPath('admin-master-data-failure.png') });
    await page?.close();
    expect(pageErrors).toEqual([]);
  });

  async function signInAsAdmin(): Promise<void> {
    await page.goto(`${baseUrl()}/`);
    await page.waitForURL(/\/login(\?|$)/);
    await submitLogin(page, admin.email, admin.password);
    await page.getByRole('heading', { level: 1, name: 'Störmeldungen' }).waitFor();
  }

  it('shows a 404 page for an unknown address, keeping the address', async () => {
    await page.goto(`${baseUrl()}/gibt-es-nicht/wirklich`);
    await page.getByRole('heading', { level: 1, name: 'Seite nicht gefunden' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/gibt-es-nicht/wirklich');
    expect(await page.locator('ls-not-found-page code').innerText()).toBe('/gibt-es-nicht/wirklich');
    expect(await page.title()).toBe('Seite nicht gefunden – Leitstand');
    await page.getByRole('link', { name: 'Zur Startseite' }).click();
    await page.waitForURL(/\/login(\?|$)/);
  });

  it('an admin creates a tenant, a site and a contract with an SLA matrix, and sees the calendar preview', async () => {
    await signInAsAdmin();
    const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
    expect(await nav.getByRole('link').allInnerTexts()).toEqual(['Störmeldungen', 'Kennzahlen', 'Verwaltung']);
    await nav.getByRole('link', { name: 'Verwaltung' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mandanten' }).waitFor();

    // tenant
    const tenantName = `E2E Klinikum ${admin.suffix}`;
    await page.getByLabel('Name', { exact: true }).fill(tenantName);
    expect(await page.getByLabel('Kürzel').inputValue()).toBe(`e2e-klinikum-${admin.suffix}`);
    await page.getByRole('button', { name: 'Anlegen' }).click();
    await page.getByRole('heading', { level: 1, name: tenantName }).waitFor();
    const tenantId = new URL(page.url()).pathname.split('/').pop() ?? '';

    // site
    await page.getByRole('link', { name: 'Neuer Standort' }).click();
    await page.getByRole('heading', { level: 1, name: 'Neuer Standort' }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Haus A');
    await page.getByLabel('Straße und Hausnummer').fill('Klinikstraße 1');
    await page.getByLabel('PLZ').fill('01067');
    await page.getByLabel('Ort', { exact: true }).fill('Dresden');
    await page.getByRole('combobox', { name: 'Bundesland (Feiertage)' }).click();
    await page.getByRole('option', { name: 'Sachsen', exact: true }).click();
    await page.getByLabel('Fläche').fill('1250,5');
    await page.getByRole('button', { name: 'Anlegen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Standort bearbeiten' }).waitFor();
    expect(await page.getByLabel('Fläche').inputValue()).toBe('1250.50');

    // an asset of the site with a planned maintenance window
    await page.getByRole('link', { name: 'Neue Anlage' }).click();
    await page.getByRole('heading', { level: 1, name: 'Neue Anlage' }).waitFor();
    await page.getByLabel('Kennung').fill(`AZ-${admin.suffix}`);
    await page.getByLabel('Name', { exact: true }).fill('Aufzug Haus A');
    await page.getByLabel('Gewerk').fill('elevators');
    await page.getByRole('button', { name: 'Anlegen' }).click();
    await page.getByRole('heading', { level: 1, name: `AZ-${admin.suffix} Aufzug Haus A` }).waitFor();
    await page.getByLabel('Beginn').fill('2027-03-01T06:00');
    await page.getByLabel('Ende').fill('2027-03-01T10:00');
    await page.getByLabel('Grund').fill('Hauptprüfung ZÜS');
    await page.getByRole('button', { name: 'Hinzufügen', exact: true }).click();
    await page.getByTestId('maintenance-windows').getByText('Hauptprüfung ZÜS').waitFor();
    await page.getByRole('tab', { name: 'Anlagen' }).click();
    await page.getByLabel('Suche (Kennung, Name, Gewerk)').fill(`AZ-${admin.suffix}`);
    await page.getByRole('button', { name: 'Suchen' }).click();
    await page
      .getByTestId('asset-register')
      .getByRole('link', { name: `AZ-${admin.suffix}` })
      .waitFor();

    // contract
    await page.goto(`${baseUrl()}/admin/tenants/${tenantId}`);
    await page.getByRole('link', { name: 'Neuer Vertrag' }).click();
    await page.getByRole('heading', { level: 1, name: 'Neuer Vertrag' }).waitFor();
    await page.getByLabel('Bezeichnung').first().fill('Vollwartung Haus A');
    await page.getByLabel('Beginn').fill('2027-01-01');
    await page.getByLabel('Jahresvolumen').fill('60000.00');
    await page.getByRole('combobox', { name: 'Abgedeckte Standorte' }).click();
    await page.getByRole('option', { name: 'Haus A, Dresden' }).click();
    await page.keyboard.press('Escape');
    // The preview is evaluated at the covered site (Saxony).
    await page.getByText('Vorschau für Haus A (Europe/Berlin).').waitFor();
    const regular = page.locator('.preview[data-calendar="regular"] li');
    await regular.first().waitFor();
    expect(await regular.count()).toBe(5);
    // The first opening may be the current one ("now" inside a window); each ends on a window edge, the next
    // ones are whole Mon–Fri 08:00–18:00 windows.
    expect(await regular.first().innerText()).toMatch(/, 18:00$/);
    expect(await regular.nth(1).innerText()).toMatch(
      /^\w{2}\., \d\d\.\d\d\.\d{4}, 08:00 – \w{2}\., \d\d\.\d\d\.\d{4}, 18:00$/,
    );

    // SLA matrix: B restore 300 minutes; the sample deadline of B reported Fri 2026-12-04 10:00 on 24/7 follows.
    await page.getByLabel('Frist B Entstörung').fill('300');
    await page.getByRole('combobox', { name: 'Priorität', exact: true }).click();
    await page.getByRole('option', { name: 'B', exact: true }).click();
    await page.getByLabel('Gemeldet am').fill('2026-12-04T10:00');
    const sample = page.getByTestId('sample-deadlines');
    await sample.getByText('Entstörung: fällig Fr., 04.12.2026, 15:00').waitFor();
    expect(await sample.innerText()).toContain('Annahme: fällig Fr., 04.12.2026, 10:30');

    await page.getByRole('button', { name: 'Anlegen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Vertrag bearbeiten' }).waitFor();
    const contractId = new URL(page.url()).pathname.split('/').pop() ?? '';
    const stored = await apiOk<ContractView>(
      await apiLogin(admin.email, admin.password),
      'GET',
      `/contracts/${contractId}`,
    );
    expect(stored.tenantId).toBe(tenantId);
    expect(stored.slaMatrix.B.restore.budget).toEqual({ kind: 'minutes', minutes: 300 });
    expect(stored.calendars['regular']?.week.mon).toEqual([['08:00', '18:00']]);
    expect(stored.annualVolume).toBe('60000.00');

    // A broken window is refused by the server and shown at its calendar.
    await page.locator('.calendar').nth(1).locator('.week input').first().fill('18:00-08:00');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.locator('.write-failure').getByText('Bitte korrigieren Sie die markierten Angaben.').waitFor();
    const problem = page.locator('[data-path="calendars.regular"]').first();
    expect(await problem.innerText()).toContain('calendars.regular.week.mon[0]');
  });

  it('an admin uploads a price list with a tier gap and sees the problem at its path', async () => {
    await signInAsAdmin();
    await page.goto(`${baseUrl()}/admin/price-lists`);
    await page.getByRole('heading', { level: 1, name: 'Preislisten' }).waitFor();
    const json = JSON.parse(readFileSync(SEED_004, 'utf8')) as {
      id: string;
      material: { overheadTiers: Array<{ fromPrice: string }> };
    };
    json.id = `e2e-${admin.suffix}`;
    const tier = json.material.overheadTiers[7];
    if (!tier) throw new Error('seed 004 has no tier 7');
    tier.fromPrice = '21.01';
    await page.getByTestId('price-list-file').setInputFiles({
      name: 'itk.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(json)),
    });
    expect(await page.getByLabel('Schlüssel der Version').inputValue()).toBe(`e2e-${admin.suffix}-2011-01-01`);
    await page.getByRole('button', { name: 'Prüfen und speichern' }).click();
    const table = page.getByTestId('price-list-problems');
    await table.waitFor();
    const row = table.locator('tbody tr', { hasText: 'data.material.overheadTiers[7].fromPrice' });
    expect(await row.innerText()).toContain('gap: 20.01–21.00 € is not covered by any tier');

    // Fixed, the same file is accepted and listed as a version.
    tier.fromPrice = '20.01';
    await page.getByTestId('price-list-file').setInputFiles({
      name: 'itk.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(json)),
    });
    await page.getByRole('button', { name: 'Prüfen und speichern' }).click();
    await page.getByRole('status').getByText('gültig ab 2011-01-01 gespeichert').waitFor();
    await page.locator('article.list', { hasText: `e2e-${admin.suffix}-2011-01-01` }).waitFor();
  });
});
