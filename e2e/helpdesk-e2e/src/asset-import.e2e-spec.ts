import { Workbook } from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import type { AssetListResponse, SiteView, TenantView } from '@leitstand/api-contracts';
import { seedAdmin } from './support/admin-fixtures';
import { launchBrowser } from './support/browser';
import { apiLogin, apiOk } from './support/portal-fixtures';
import { baseUrl, outputPath } from './support/stack';
import { isSignedOutProbe, submitLogin } from './support/users';

const ROWS = 50;

/** An XLSX register of ROWS assets with German headers; `bad` rows get a wrong class or year built. */
async function registerXlsx(suffix: string, bad: ReadonlyMap<number, 'class' | 'year'>): Promise<Buffer> {
  const book = new Workbook();
  const sheet = book.addWorksheet('Anlagen');
  sheet.addRow(['Anlagennummer', 'Bezeichnung', 'Gewerk', 'Klasse', 'Ort', 'Hersteller', 'Baujahr']);
  for (let i = 1; i <= ROWS; i++) {
    const problem = bad.get(i);
    sheet.addRow([
      `IMP-${suffix}-${String(i).padStart(3, '0')}`,
      `Lüftungsgerät ${i}`,
      'air-handling',
      problem === 'class' ? 'X' : i % 3 === 0 ? 'A' : 'B',
      `Haus ${1 + (i % 2)} / EG / Raum ${i}`,
      'Wolf',
      problem === 'year' ? '1700' : String(2000 + (i % 20)),
    ]);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The 400s of the journey are on purpose only if they come from the import; the browser logs them. */
const isExpected400 = (text: string) => text.includes('status of 400');

describe('administration: asset import from XLSX', () => {
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
    if (pageErrors.length > 0) await page.screenshot({ path: outputPath('asset-import-failure.png') });
    await page?.close();
    expect(pageErrors).toEqual([]);
  });

  it('the dry run names both bad rows in German, nothing is written; the fixed file imports all 50', async () => {
    const admin = await seedAdmin();
    const session = await apiLogin(admin.email, admin.password);
    const tenant = await apiOk<TenantView>(session, 'POST', '/tenants', {
      slug: `e2e-import-${admin.suffix}`,
      name: `E2E Import ${admin.suffix}`,
    });
    const site = await apiOk<SiteView>(session, 'POST', '/sites', {
      tenantId: tenant.id,
      name: `Verwaltungsbau ${admin.suffix}`,
      street: 'Ringstraße 1',
      postalCode: '80331',
      city: 'München',
      state: 'DE-BY',
    });

    await page.goto(`${baseUrl()}/admin/sites/${site.id}`);
    await page.waitForURL(/\/login(\?|$)/);
    await submitLogin(page, admin.email, admin.password);
    await page.getByRole('heading', { name: 'Anlagen importieren und exportieren' }).waitFor();

    const fileInput = page.getByTestId('asset-import-file');
    const status = page.getByTestId('asset-import-status');
    const bad = new Map<number, 'class' | 'year'>([
      [7, 'class'],
      [31, 'year'],
    ]);
    await fileInput.setInputFiles({
      name: 'anlagen.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await registerXlsx(admin.suffix, bad),
    });
    await page.getByRole('button', { name: 'Prüfen (Probelauf)' }).click();
    await status.getByText('2 Problem(e) – nichts wurde geschrieben.', { exact: false }).waitFor();
    const problems = await page
      .getByTestId('asset-import-problems')
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => Array.from(tr.children, (td) => (td as HTMLElement).innerText.trim())));
    // Row 1 is the header: data row 7 is sheet row 8, data row 31 is sheet row 32.
    expect(problems).toEqual([
      ['8', 'Klasse', '„X“ ist keine Anlagenklasse (A, B oder C).'],
      ['32', 'Baujahr', expect.stringMatching(/^„1700“ ist kein Baujahr zwischen \d+ und \d+\.$/)],
    ]);
    expect(await page.getByTestId('asset-import-apply').isDisabled()).toBe(true);
    const before = await apiOk<AssetListResponse>(session, 'GET', `/assets?siteId=${site.id}&withTotal=true`);
    expect(before.total).toBe(0);

    // The same page in English names the same problems in English.
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByTestId('asset-import-problems').getByText('“X” is not an asset class (A, B or C).').waitFor();
    await page.getByRole('button', { name: 'Auf Deutsch umschalten' }).click();

    // Fixed file: check, then import.
    await fileInput.setInputFiles({
      name: 'anlagen-korrigiert.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await registerXlsx(admin.suffix, new Map()),
    });
    await page.getByRole('button', { name: 'Prüfen (Probelauf)' }).click();
    await status.getByText('50 Zeilen: 50 neu, 0 geändert, 0 unverändert.').waitFor();
    await page.getByTestId('asset-import-apply').click();
    await status.getByText('Importiert: 50 neu, 0 geändert, 54 Orte angelegt.', { exact: false }).waitFor();

    const after = await apiOk<AssetListResponse>(session, 'GET', `/assets?siteId=${site.id}&withTotal=true&limit=200`);
    expect(after.total).toBe(ROWS);
    const seven = after.items.find((a) => a.code === `IMP-${admin.suffix}-007`);
    expect(seven).toMatchObject({ assetClass: 'B', manufacturer: 'Wolf', yearBuilt: 2007 });
    expect(seven?.locationPath).toBe('Haus 2 / EG / Raum 7');

    // Export and the QR label sheet are downloads of the signed-in session.
    const labels = await page.context().request.get(`${baseUrl()}/api/sites/${site.id}/asset-labels`);
    expect(labels.status()).toBe(200);
    expect((await labels.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const xlsxHref = await page.getByRole('link', { name: 'Register als XLSX' }).getAttribute('href');
    const exported = await page.context().request.get(`${baseUrl()}${xlsxHref ?? ''}`);
    expect(exported.status()).toBe(200);
    const book = new Workbook();
    const bytes = await exported.body();
    await book.xlsx.load(new Uint8Array(bytes).buffer);
    expect(book.worksheets[0]?.rowCount).toBe(ROWS + 1);
  });
});
