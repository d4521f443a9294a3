import { Workbook } from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import type {
  AssetListResponse,
  ContractView,
  DocumentListResponse,
  TicketDetail,
  TicketListResponse,
} from '@leitstand/api-contracts';
import { seedAdmin } from './support/admin-fixtures';
import { launchBrowser } from './support/browser';
import { isStatus, watchPageErrors } from './support/page-errors';
import {
  type ApiSession,
  type PortalWorld,
  apiCall,
  apiLogin,
  apiOk,
  seedPortalWorld,
} from './support/portal-fixtures';
import { settled } from './support/settled';
import { baseUrl, outputPath } from './support/stack';
import { submitLogin } from './support/users';

const ROWS = 50;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A 2×2 PNG (red, green / blue, white): small, but an image every browser draws. */
const PHOTO = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFElEQVR4nGP4z8DAAMIM/////w8AH+4F+7C4l8kAAAAASUVORK5CYII=',
  'base64',
);

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

/**
 * Issue 14's journey, in one browser session per person and in this order: an admin onboards a customer
 * (tenant, site, building → floor → room, 50 assets from XLSX with two bad rows, a maintenance window, a contract
 * with its SLA matrix, a technician user); the technician sets a password from the one-time link, signs in, sees
 * only that tenant and takes a photo into its ticket; the desk sees the thumbnail; a customer of another tenant
 * gets 404 for the photo. Each step builds on the one before (jest runs them in order).
 */
describe('onboarding a customer: from an empty tenant to a technician’s photo (issue 14)', () => {
  let browser: Browser;
  let desk: Page;
  let deskErrors: string[];
  let admin: Awaited<ReturnType<typeof seedAdmin>>;
  let adminApi: ApiSession;
  let other: PortalWorld;
  // What the journey creates, step by step.
  let tenantId = '';
  let tenantName = '';
  let siteId = '';
  let technician = { email: '', password: '' };
  let ticket: TicketDetail | undefined;
  let photoId = '';

  beforeAll(async () => {
    [admin, other, browser] = await Promise.all([seedAdmin(), seedPortalWorld(), launchBrowser()]);
    adminApi = await apiLogin(admin.email, admin.password);
    desk = await browser.newPage({
      locale: 'de-DE',
      timezoneId: 'Europe/Berlin',
      viewport: { width: 1280, height: 900 },
    });
    // The 400s are the dry run's and the refused password's, on purpose.
    deskErrors = watchPageErrors(desk, isStatus(400));
  });

  afterEach(async () => {
    if (deskErrors.length > 0) await desk.screenshot({ path: outputPath('onboarding-journey-failure.png') });
    expect(deskErrors).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('1. the admin creates a tenant, a site in Saxony and a building with a floor and a room', async () => {
    await desk.goto(`${baseUrl()}/admin`);
    await desk.waitForURL(/\/login(\?|$)/);
    await submitLogin(desk, admin.email, admin.password);
    await desk.getByRole('heading', { level: 1, name: 'Mandanten' }).waitFor();

    tenantName = `E2E Klinikum ${admin.suffix}`;
    await desk.getByLabel('Name', { exact: true }).fill(tenantName);
    const slug = `e2e-klinikum-${admin.suffix}`;
    expect(await settled(() => desk.getByLabel('Kürzel').inputValue(), slug)).toBe(slug);
    await desk.getByRole('button', { name: 'Anlegen' }).click();
    await desk.getByRole('heading', { level: 1, name: tenantName }).waitFor();
    tenantId = new URL(desk.url()).pathname.split('/').pop() ?? '';

    await desk.getByRole('link', { name: 'Neuer Standort' }).click();
    await desk.getByRole('heading', { level: 1, name: 'Neuer Standort' }).waitFor();
    await desk.getByLabel('Name', { exact: true }).fill('Haus A');
    await desk.getByLabel('Straße und Hausnummer').fill('Klinikstraße 1');
    await desk.getByLabel('PLZ').fill('01067');
    await desk.getByLabel('Ort', { exact: true }).fill('Dresden');
    await desk.getByRole('combobox', { name: 'Bundesland (Feiertage)' }).click();
    await desk.getByRole('option', { name: 'Sachsen', exact: true }).click();
    await desk.getByLabel('Fläche').fill('1250,5');
    await desk.getByRole('button', { name: 'Anlegen' }).click();
    await desk.getByRole('heading', { level: 1, name: 'Standort bearbeiten' }).waitFor();
    expect(await settled(() => desk.getByLabel('Fläche').inputValue(), '1250.50')).toBe('1250.50');
    siteId = new URL(desk.url()).pathname.split('/').pop() ?? '';

    // building → floor → room, each added below its parent in the tree
    const tree = desk.getByTestId('location-tree');
    await desk.getByRole('button', { name: 'Gebäude hinzufügen' }).click();
    await desk.getByLabel('Name des Gebäudes').fill('Haus 2');
    await desk.getByRole('button', { name: 'Anlegen', exact: true }).last().click();
    await tree.locator('li[data-kind="building"]', { hasText: 'Haus 2' }).waitFor();
    await tree.locator('li[data-kind="building"]').getByRole('button', { name: 'Geschoss hinzufügen' }).click();
    await desk.getByLabel('Name des Geschosses').fill('EG');
    await desk.getByRole('button', { name: 'Anlegen', exact: true }).last().click();
    await tree.locator('li[data-kind="floor"]', { hasText: 'EG' }).waitFor();
    await tree.locator('li[data-kind="floor"]').getByRole('button', { name: 'Raum hinzufügen' }).click();
    await desk.getByLabel('Name des Raums').fill('Raum 1');
    await desk.getByRole('button', { name: 'Anlegen', exact: true }).last().click();
    await tree.locator('li[data-kind="room"]', { hasText: 'Raum 1' }).waitFor();
    expect(await tree.locator('li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-kind')))).toEqual([
      'building',
      'floor',
      'room',
    ]);
  });

  it('2. imports 50 assets from XLSX: the dry run names both bad rows, the fixed file imports all 50', async () => {
    const fileInput = desk.getByTestId('asset-import-file');
    const status = desk.getByTestId('asset-import-status');
    const bad = new Map<number, 'class' | 'year'>([
      [7, 'class'],
      [31, 'year'],
    ]);
    await fileInput.setInputFiles({
      name: 'anlagen.xlsx',
      mimeType: XLSX,
      buffer: await registerXlsx(admin.suffix, bad),
    });
    await desk.getByRole('button', { name: 'Prüfen (Probelauf)' }).click();
    await status.getByText('2 Problem(e) – nichts wurde geschrieben.', { exact: false }).waitFor();
    const problems = await desk
      .getByTestId('asset-import-problems')
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => Array.from(tr.children, (td) => (td as HTMLElement).innerText.trim())));
    // Row 1 is the header: data row 7 is sheet row 8, data row 31 is sheet row 32.
    expect(problems).toEqual([
      ['8', 'Klasse', '„X“ ist keine Anlagenklasse (A, B oder C).'],
      ['32', 'Baujahr', expect.stringMatching(/^„1700“ ist kein Baujahr zwischen \d+ und \d+\.$/)],
    ]);
    expect(await desk.getByTestId('asset-import-apply').isDisabled()).toBe(true);
    const before = await apiOk<AssetListResponse>(adminApi, 'GET', `/assets?siteId=${siteId}&withTotal=true`);
    expect(before.total).toBe(0);

    // The same page in English names the same problems in English.
    await desk.getByRole('button', { name: 'Switch to English' }).click();
    await desk.getByTestId('asset-import-problems').getByText('“X” is not an asset class (A, B or C).').waitFor();
    await desk.getByRole('button', { name: 'Auf Deutsch umschalten' }).click();

    await fileInput.setInputFiles({
      name: 'anlagen-korrigiert.xlsx',
      mimeType: XLSX,
      buffer: await registerXlsx(admin.suffix, new Map()),
    });
    await desk.getByRole('button', { name: 'Prüfen (Probelauf)' }).click();
    await status.getByText('50 Zeilen: 50 neu, 0 geändert, 0 unverändert.').waitFor();
    await desk.getByTestId('asset-import-apply').click();
    // 2 buildings, 2 floors and 50 rooms are named; "Haus 2 / EG / Raum 1" of step 1 is reused, not doubled.
    await status.getByText('Importiert: 50 neu, 0 geändert, 51 Orte angelegt.', { exact: false }).waitFor();

    const after = await apiOk<AssetListResponse>(adminApi, 'GET', `/assets?siteId=${siteId}&withTotal=true&limit=200`);
    expect(after.total).toBe(ROWS);
    expect(after.items.find((a) => a.code === `IMP-${admin.suffix}-007`)).toMatchObject({
      assetClass: 'B',
      manufacturer: 'Wolf',
      yearBuilt: 2007,
      locationPath: 'Haus 2 / EG / Raum 7',
    });
    expect(after.items.find((a) => a.code === `IMP-${admin.suffix}-001`)?.locationPath).toBe('Haus 2 / EG / Raum 1');

    // Export and the QR label sheet are downloads of the signed-in session; the export round-trips 50 rows.
    const labels = await desk.context().request.get(`${baseUrl()}/api/sites/${siteId}/asset-labels`);
    expect(labels.status()).toBe(200);
    expect((await labels.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const xlsxHref = await desk.getByRole('link', { name: 'Register als XLSX' }).getAttribute('href');
    const exported = await desk.context().request.get(`${baseUrl()}${xlsxHref ?? ''}`);
    expect(exported.status()).toBe(200);
    const book = new Workbook();
    await book.xlsx.load(new Uint8Array(await exported.body()).buffer);
    expect(book.worksheets[0]?.rowCount).toBe(ROWS + 1);
  });

  it('3. plans a maintenance window on an asset and creates the contract with its SLA matrix', async () => {
    const code = `IMP-${admin.suffix}-003`;
    await desk.getByRole('tab', { name: 'Anlagen' }).click();
    await desk.getByLabel('Suche (Kennung, Name, Gewerk)').fill(code);
    await desk.getByRole('button', { name: 'Suchen' }).click();
    await desk.getByTestId('asset-register').getByRole('link', { name: code }).click();
    await desk.getByRole('heading', { level: 1, name: `${code} Lüftungsgerät 3` }).waitFor();
    await desk.getByLabel('Beginn').fill('2027-03-01T06:00');
    await desk.getByLabel('Ende').fill('2027-03-01T10:00');
    await desk.getByLabel('Grund').fill('Filterwechsel, Anlage aus');
    await desk.getByRole('button', { name: 'Hinzufügen', exact: true }).click();
    await desk.getByTestId('maintenance-windows').getByText('Filterwechsel, Anlage aus').waitFor();
    // The asset page carries the asset's documents too (none yet).
    await desk.getByRole('heading', { level: 2, name: 'Dokumente' }).waitFor();

    await desk.goto(`${baseUrl()}/admin/tenants/${tenantId}`);
    await desk.getByRole('link', { name: 'Neuer Vertrag' }).click();
    await desk.getByRole('heading', { level: 1, name: 'Neuer Vertrag' }).waitFor();
    await desk.getByLabel('Bezeichnung').first().fill('Vollwartung Haus A');
    await desk.getByLabel('Beginn').fill('2026-01-01');
    await desk.getByLabel('Jahresvolumen').fill('60000.00');
    await desk.getByRole('combobox', { name: 'Abgedeckte Standorte' }).click();
    await desk.getByRole('option', { name: 'Haus A, Dresden' }).click();
    await desk.keyboard.press('Escape');
    // The preview is evaluated at the covered site (Saxony).
    await desk.getByText('Vorschau für Haus A (Europe/Berlin).').waitFor();
    const regular = desk.locator('.preview[data-calendar="regular"] li');
    await regular.first().waitFor();
    expect(await regular.count()).toBe(5);
    expect(await regular.first().innerText()).toMatch(/, 18:00$/);
    expect(await regular.nth(1).innerText()).toMatch(
      /^\w{2}\., \d\d\.\d\d\.\d{4}, 08:00 – \w{2}\., \d\d\.\d\d\.\d{4}, 18:00$/,
    );

    // SLA matrix: B restore 300 minutes; the sample deadline of B reported Fri 2026-12-04 10:00 on 24/7 follows.
    await desk.getByLabel('Frist B Entstörung').fill('300');
    await desk.getByRole('combobox', { name: 'Priorität', exact: true }).click();
    await desk.getByRole('option', { name: 'B', exact: true }).click();
    await desk.getByLabel('Gemeldet am').fill('2026-12-04T10:00');
    const sample = desk.getByTestId('sample-deadlines');
    await sample.getByText('Entstörung: fällig Fr., 04.12.2026, 15:00').waitFor();
    expect(await sample.innerText()).toContain('Annahme: fällig Fr., 04.12.2026, 10:30');

    await desk.getByRole('button', { name: 'Anlegen' }).click();
    await desk.getByRole('heading', { level: 1, name: 'Vertrag bearbeiten' }).waitFor();
    const contractId = new URL(desk.url()).pathname.split('/').pop() ?? '';
    const stored = await apiOk<ContractView>(adminApi, 'GET', `/contracts/${contractId}`);
    expect(stored).toMatchObject({ tenantId, siteIds: [siteId], annualVolume: '60000.00' });
    expect(stored.slaMatrix.B.restore.budget).toEqual({ kind: 'minutes', minutes: 300 });
    expect(stored.calendars['regular']?.week.mon).toEqual([['08:00', '18:00']]);

    // A broken window is refused by the server and shown at its calendar.
    await desk.locator('.calendar').nth(1).locator('.week input').first().fill('18:00-08:00');
    await desk.getByRole('button', { name: 'Speichern' }).click();
    await desk.locator('.write-failure').getByText('Bitte korrigieren Sie die markierten Angaben.').waitFor();
    expect(await desk.locator('[data-path="calendars.regular"]').first().innerText()).toContain(
      'calendars.regular.week.mon[0]',
    );
  });

  it('4. creates a technician for the tenant, who sets a password from the link and signs in', async () => {
    technician = { email: `tech-${admin.suffix}@example.test`, password: `Wartung-${admin.suffix}-Aufzug!` };
    await desk.goto(`${baseUrl()}/admin/users`);
    await desk.getByRole('button', { name: 'Benutzer anlegen' }).click();
    const form = desk.locator('form.user-form');
    await form.getByLabel('Name').fill(`Theo Technik ${admin.suffix}`);
    await form.getByLabel('E-Mail').fill(technician.email);
    await form.getByLabel('Rolle', { exact: true }).click();
    await desk.getByRole('option', { name: 'Technik' }).click();
    // (the floating label of an empty outlined multi-select covers it: open it from the keyboard)
    await form.getByLabel('Betreute Mandanten').focus();
    await desk.keyboard.press('Enter');
    await desk.getByRole('option', { name: tenantName }).click();
    await desk.keyboard.press('Escape');
    await form.getByRole('button', { name: 'Speichern' }).click();
    const url = (await desk.getByTestId('password-link-url').innerText()).trim();
    expect(url).toMatch(/\/set-password\?token=/);
    await desk.locator(`tr[data-email="${technician.email}"]`).waitFor();

    // The technician, on a phone of their own, opens the link.
    const phone = await browser.newPage({ locale: 'de-DE', viewport: { width: 390, height: 844 }, hasTouch: true });
    const phoneErrors = watchPageErrors(phone, isStatus(400));
    try {
      await phone.goto(url.startsWith('http') ? url.replace(/^https?:\/\/[^/]+/, baseUrl()) : `${baseUrl()}${url}`);
      await phone.getByRole('heading', { name: 'Passwort festlegen' }).waitFor();
      // A common password is refused at its field; the link stays usable.
      await phone.getByLabel('Passwort', { exact: true }).fill('password1234');
      await phone.getByLabel('Neues Passwort wiederholen').fill('password1234');
      await phone.getByRole('button', { name: 'Passwort speichern' }).click();
      await phone.locator('.account-status').filter({ hasText: /\S/ }).waitFor();
      expect(await phone.getByRole('button', { name: 'Passwort speichern' }).isVisible()).toBe(true);
      await phone.getByLabel('Passwort', { exact: true }).fill(technician.password);
      await phone.getByLabel('Neues Passwort wiederholen').fill(technician.password);
      await phone.getByRole('button', { name: 'Passwort speichern' }).click();
      await phone.getByText(`Passwort gespeichert für ${technician.email}.`, { exact: false }).waitFor();
      await phone.getByRole('link', { name: 'Zur Anmeldung' }).click();
      await phone.waitForURL(/\/login(\?|$)/);
      await submitLogin(phone, technician.email, technician.password);
      await phone.getByRole('heading', { level: 1, name: 'Meine Einsätze' }).waitFor();
      expect(new URL(phone.url()).pathname).toBe('/technician');
      expect(phoneErrors).toEqual([]);
    } finally {
      await phone.close();
    }
    // The link was single use.
    const again = await fetch(`${baseUrl()}/api/auth/set-password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        token: new URL(url, baseUrl()).searchParams.get('token'),
        password: 'Noch-ein-Passwort-2',
      }),
    });
    expect(again.status).toBe(400);
  });

  it('5. the technician sees only that tenant and takes a photo into its ticket; the desk sees the thumbnail', async () => {
    // The desk opens a fault on an imported asset and dispatches it to the new technician.
    const assets = await apiOk<AssetListResponse>(
      adminApi,
      'GET',
      `/assets?siteId=${siteId}&q=IMP-${admin.suffix}-003`,
    );
    const assetId = assets.items[0]?.id;
    const created = await apiOk<TicketDetail>(adminApi, 'POST', '/tickets', {
      siteId,
      assetId,
      title: `Lüftungsgerät 3 ohne Zuluft (${admin.suffix})`,
      description: 'Filterwächter meldet Störung',
    });
    const accepted = await apiOk<TicketDetail>(adminApi, 'POST', `/tickets/${created.id}/accept`, {}, created.version);
    const techUser = await apiOk<{ items: Array<{ id: string; email: string }> }>(
      adminApi,
      'GET',
      `/admin/users?role=technician&tenantId=${tenantId}`,
    );
    const techId = techUser.items.find((u) => u.email === technician.email)?.id;
    ticket = await apiOk<TicketDetail>(
      adminApi,
      'POST',
      `/tickets/${created.id}/dispatch`,
      { assigneeId: techId },
      accepted.version,
    );

    // Only that tenant: its ticket list holds this tenant's tickets only; another tenant's asset is 404.
    const techApi = await apiLogin(technician.email, technician.password);
    const list = await apiOk<TicketListResponse>(techApi, 'GET', '/tickets?limit=100');
    expect(list.items.map((t) => t.id)).toEqual([created.id]);
    const sites = await apiOk<{ items: Array<{ id: string }> }>(techApi, 'GET', '/sites');
    expect(sites.items.map((x) => x.id)).toEqual([siteId]);
    expect((await apiCall(techApi, 'GET', `/assets/${other.assetA}`)).status).toBe(404);
    expect((await apiCall(techApi, 'GET', `/sites/${other.siteA}`)).status).toBe(404);

    const phone = await browser.newPage({ locale: 'de-DE', viewport: { width: 390, height: 844 }, hasTouch: true });
    const phoneErrors = watchPageErrors(phone);
    try {
      await phone.goto(`${baseUrl()}/technician`);
      await phone.waitForURL(/\/login(\?|$)/);
      await submitLogin(phone, technician.email, technician.password);
      await phone.getByRole('heading', { level: 1, name: 'Meine Einsätze' }).waitFor();
      const cards = phone.locator('ls-technician-page li[aria-label]');
      await cards.first().waitFor();
      expect(await cards.evaluateAll((lis) => lis.map((li) => li.getAttribute('aria-label')))).toEqual([
        created.number,
      ]);
      await phone.goto(`${baseUrl()}/technician/tickets/${created.id}`);
      await phone.getByRole('heading', { level: 1, name: created.number }).waitFor();
      // "Foto aufnehmen" opens the camera; here the file is set on that input.
      const input = phone.locator('input[type="file"][capture="environment"]');
      expect(await input.getAttribute('accept')).toBe('image/*');
      await input.setInputFiles({ name: 'filterwaechter.png', mimeType: 'image/png', buffer: PHOTO });
      await phone.getByText('Foto gespeichert.').waitFor();
      await phone.locator('ls-technician-photos img.thumb').first().waitFor();
      await phone.screenshot({ path: outputPath('onboarding-technician-photo.png'), fullPage: true });
      expect(phoneErrors).toEqual([]);
    } finally {
      await phone.close();
    }

    const docs = await apiOk<DocumentListResponse>(adminApi, 'GET', `/tickets/${created.id}/documents`);
    expect(docs.items).toHaveLength(1);
    expect(docs.items[0]).toMatchObject({ documentClass: 'photo', contentType: 'image/png', sizeBytes: PHOTO.length });
    photoId = docs.items[0]?.id ?? '';

    // The desk's ticket detail shows the photo as a thumbnail the browser actually drew.
    await desk.goto(`${baseUrl()}/tickets/${created.id}`);
    await desk.getByRole('heading', { level: 2, name: 'Dokumente' }).waitFor();
    const thumb = desk.locator(`[data-document-id="${photoId}"] img.thumb`);
    await thumb.waitFor();
    expect(await thumb.getAttribute('src')).toBe(`/api/documents/${photoId}/content`);
    await desk.waitForFunction((id) => {
      const img = document.querySelector<HTMLImageElement>(`[data-document-id="${id}"] img.thumb`);
      return img !== null && img.complete && img.naturalWidth === 2;
    }, photoId);
    await desk.screenshot({ path: outputPath('onboarding-ticket-documents.png'), fullPage: true });
  });

  it('6. a customer of another tenant gets 404 for that photo, its content and the ticket’s documents', async () => {
    expect(photoId).not.toBe('');
    const customer = await apiLogin(other.customerA.email, other.customerA.password);
    expect((await apiCall(customer, 'GET', `/documents/${photoId}`)).status).toBe(404);
    expect((await apiCall(customer, 'GET', `/documents/${photoId}/content`)).status).toBe(404);
    expect((await apiCall(customer, 'GET', `/tickets/${ticket?.id ?? ''}/documents`)).status).toBe(404);
    // The admin still reads it (the 404 is the tenant boundary, not a missing file).
    expect((await apiCall(adminApi, 'GET', `/documents/${photoId}`)).status).toBe(200);
  });
});
