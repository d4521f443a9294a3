import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { seedAdmin } from './support/admin-fixtures';
import { launchBrowser } from './support/browser';
import { settled } from './support/settled';
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

  it('an admin finds the administration in the main navigation', async () => {
    await signInAsAdmin();
    const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
    expect(await nav.getByRole('link').allInnerTexts()).toEqual([
      'Störmeldungen',
      'Kennzahlen',
      'Wartung',
      'Verwaltung',
    ]);
    await nav.getByRole('link', { name: 'Verwaltung' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mandanten' }).waitFor();
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
    const key = page.getByLabel('Schlüssel der Version');
    const expectedKey = `e2e-${admin.suffix}-2011-01-01`;
    expect(await settled(() => key.inputValue(), expectedKey)).toBe(expectedKey);
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

  it('an admin downloads a version as a path;value CSV sheet and uploads it again, problems at their rows', async () => {
    await signInAsAdmin();
    await page.goto(`${baseUrl()}/admin/price-lists`);
    await page.getByRole('heading', { level: 1, name: 'Preislisten' }).waitFor();
    const json = JSON.parse(readFileSync(SEED_004, 'utf8')) as Record<string, unknown>;
    json['id'] = `e2e-csv-${admin.suffix}`;
    await page.getByTestId('price-list-file').setInputFiles({
      name: 'itk.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(json)),
    });
    await page.getByRole('button', { name: 'Prüfen und speichern' }).click();
    await page.getByRole('status').getByText('gültig ab 2011-01-01 gespeichert').waitFor();

    // The version's CSV download: one row per value, amounts as text.
    const list = page.locator('article.list', { hasText: `e2e-csv-${admin.suffix}-2011-01-01` });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      list.getByRole('button', { name: 'CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`e2e-csv-${admin.suffix}-2011-01-01.csv`);
    const csv = readFileSync((await download.path()) ?? '', 'utf8');
    const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines.slice(0, 3)).toEqual(['path;value', 'schemaVersion;1', `id;e2e-csv-${admin.suffix}`]);
    const tierRow = lines.findIndex((l) => l.startsWith('material.overheadTiers[7].fromPrice;'));
    expect(lines[tierRow]).toBe('material.overheadTiers[7].fromPrice;20.01');

    // Seed 004's raw tier gap typed into the sheet: the server's problem is shown at the sheet's row.
    lines[tierRow] = 'material.overheadTiers[7].fromPrice;21.01';
    const sheet = lines.join('\r\n').replace('validFrom;2011-01-01', 'validFrom;2012-01-01');
    await page.getByTestId('price-list-file').setInputFiles({
      name: 'itk.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(sheet),
    });
    // The page reads the sheet asynchronously: its key shows once the sheet is read.
    const key = page.getByLabel('Schlüssel der Version');
    const expectedKey = `e2e-csv-${admin.suffix}-2012-01-01`;
    expect(await settled(() => key.inputValue(), expectedKey)).toBe(expectedKey);
    await page.getByRole('button', { name: 'Prüfen und speichern' }).click();
    const row = page.getByTestId('price-list-problems').locator('tbody tr', {
      hasText: 'data.material.overheadTiers[7].fromPrice',
    });
    await row.waitFor();
    const cells = await row.locator('td').allInnerTexts();
    expect(cells[0]).toBe(String(tierRow + 1)); // sheet rows count from 1 at the header
    expect(cells[2]).toContain('gap: 20.01–21.00 € is not covered by any tier');
  });
});
