import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hash } from 'argon2';
import { Client } from 'pg';
import type { Browser, Page } from 'playwright-core';
import type { ServiceReportView, TicketDetail } from '@leitstand/api-contracts';
import { launchBrowser } from './support/browser';
import { fixtureSql } from './support/fixture-sql';
import { type ApiSession, type FixtureUser, apiLogin } from './support/portal-fixtures';
import { settled } from './support/settled';
import { DEFAULT_DATABASE_URL, WORKSPACE_ROOT, baseUrl, outputPath } from './support/stack';
import { isSignedOutProbe, submitLogin } from './support/users';

interface ReportWorld {
  readonly agent: FixtureUser;
  readonly technician: FixtureUser;
  readonly customer: FixtureUser;
  readonly siteId: string;
  readonly assetId: string;
}

const CALENDAR_24_7 = {
  timezone: 'Europe/Berlin',
  week: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['00:00', '24:00']]])),
  holidayWindows: [['00:00', '24:00']],
};
const minutes = (response: number, restore: number) => ({
  response: { budget: { kind: 'minutes', minutes: response }, calendar: '24-7', warningShare: 0.75 },
  restore: { budget: { kind: 'minutes', minutes: restore }, calendar: '24-7', warningShare: 0.75 },
});

/**
 * A world of its own: a tenant whose site lies 20 km out under a contract priced by seed 003's price list, an
 * agent, a technician serving the tenant and a customer of it (straight into the e2e database, random suffix).
 */
async function seedReportWorld(): Promise<ReportWorld> {
  const suffix = randomBytes(4).toString('hex');
  const seed003 = readFileSync(
    join(WORKSPACE_ROOT, 'libs/demo-data/data/price-lists/seed-003-service-price-list.json'),
    'utf8',
  );
  const client = new Client({ connectionString: process.env['E2E_DATABASE_URL'] ?? DEFAULT_DATABASE_URL });
  await client.connect();
  try {
    const { one, tenant, site, asset } = fixtureSql(client);
    const tenantId = await tenant(`e2e-report-${suffix}`, `E2E Wohnbau ${suffix}`);
    const siteId = await site(tenantId, `Wohnanlage ${suffix}`);
    await client.query(`UPDATE sites SET distance_km = 20 WHERE id = $1`, [siteId]);
    const assetId = await asset(tenantId, siteId, {
      code: `AZ-${suffix}`,
      name: 'Aufzug 1',
      trade: 'elevators',
      assetClass: 'B',
    });
    const priceListId = await one(
      `INSERT INTO price_lists (key, name, valid_from, data, version)
       VALUES ($1, 'Servicepreisliste', '2022-01-01', $2::jsonb, 1) RETURNING id`,
      [`e2e-report-${suffix}`, seed003],
    );
    const contractId = await one(
      `INSERT INTO contracts (tenant_id, name, type, starts_on, ends_on, calendars, sla_matrix, availability_targets,
         availability_basis, price_list_id, annual_volume, version)
       VALUES ($1, $2, 'full_maintenance', '2022-01-01', NULL, $3::jsonb, $4::jsonb, '{}', '24-7', $5, '12000.00', 1) RETURNING id`,
      [
        tenantId,
        `Wartungsvertrag ${suffix}`,
        JSON.stringify({ '24-7': CALENDAR_24_7 }),
        JSON.stringify({ A: minutes(15, 60), B: minutes(30, 240), C: minutes(60, 480) }),
        priceListId,
      ],
    );
    await client.query(`INSERT INTO contract_sites (contract_id, site_id) VALUES ($1, $2)`, [contractId, siteId]);
    const user = async (role: string, label: string, tenant: string | null): Promise<FixtureUser> => {
      const email = `e2e-${label}-${suffix}@example.test`;
      const password = `pw-${randomBytes(12).toString('hex')}`;
      const displayName = `E2E ${label}`;
      const id = await one(
        `INSERT INTO users (email, display_name, role, tenant_id, password_hash, active, version)
         VALUES ($1, $2, $3, $4, $5, true, 1) RETURNING id`,
        [email, displayName, role, tenant, await hash(password)],
      );
      return { id, email, password, displayName };
    };
    const agent = await user('agent', 'leitstelle', null);
    const technician = await user('technician', 'kundendienst', null);
    await client.query(`INSERT INTO user_tenants (user_id, tenant_id) VALUES ($1, $2)`, [technician.id, tenantId]);
    const customer = await user('customer', 'hausverwaltung', tenantId);
    return { agent, technician, customer, siteId, assetId };
  } finally {
    await client.end();
  }
}

async function api<T>(session: ApiSession, method: string, path: string, body?: unknown, version?: number): Promise<T> {
  const response = await fetch(`${baseUrl()}/api${path}`, {
    method,
    headers: {
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(version === undefined ? {} : { 'if-match': `"${version}"` }),
      ...session.headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

describe('service report: signed on the phone, priced for the desk, downloaded in the portal', () => {
  let browser: Browser;
  let world: ReportWorld;
  let pageErrors: string[];
  const pages: Page[] = [];

  async function open(viewport: { width: number; height: number }, touch = false): Promise<Page> {
    const page = await browser.newPage({
      locale: 'de-DE',
      timezoneId: 'Europe/Berlin',
      viewport,
      hasTouch: touch,
      acceptDownloads: true,
    });
    page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && !isSignedOutProbe(message)) pageErrors.push(`console: ${message.text()}`);
    });
    pages.push(page);
    return page;
  }

  async function signIn(page: Page, user: FixtureUser): Promise<void> {
    await page.goto(`${baseUrl()}/`);
    await page.waitForURL(/\/login(\?|$)/);
    await submitLogin(page, user.email, user.password);
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    world = await seedReportWorld();
    pageErrors = [];
  });

  afterAll(async () => {
    for (const page of pages) await page.close();
    await browser?.close();
  });

  it('technician gets the signature → agent sees the priced report → customer downloads the PDF', async () => {
    // The desk: an out-of-scope call-out with seed 003's times (travel 20, on site 35, back 15), dispatched.
    const agent = await apiLogin(world.agent.email, world.agent.password);
    const technician = await apiLogin(world.technician.email, world.technician.password);
    let t = await api<TicketDetail>(agent, 'POST', '/tickets', {
      siteId: world.siteId,
      assetId: world.assetId,
      title: `E2E Aufzug bleibt stehen (${process.pid})`,
    });
    t = await api<TicketDetail>(
      agent,
      'PATCH',
      `/tickets/${t.id}`,
      { inScope: false, scopeNote: 'Vandalismus' },
      t.version,
    );
    const at = (min: number): string => new Date(Date.parse('2026-03-10T09:00:00Z') + min * 60_000).toISOString();
    for (const [kind, from, to] of [
      ['travel', 0, 20],
      ['work', 20, 55],
      ['travel', 55, 70],
    ] as const) {
      await api(agent, 'POST', `/tickets/${t.id}/work-logs`, {
        workerId: world.technician.id,
        role: 'service-technician',
        kind,
        startedAt: at(from),
        endedAt: at(to),
      });
    }
    await api(agent, 'POST', `/tickets/${t.id}/accept`, {});
    await api(agent, 'POST', `/tickets/${t.id}/dispatch`, { assigneeId: world.technician.id });
    for (const step of ['travel', 'arrive', 'restore']) await api(technician, 'POST', `/tickets/${t.id}/${step}`, {});
    await api<ServiceReportView>(agent, 'PATCH', `/tickets/${t.id}/service-report`, { smallMaterial: true }, 0);

    // The phone: the report summary after the restore; the customer types the name and signs with the finger.
    const phone = await open({ width: 390, height: 844 }, true);
    await signIn(phone, world.technician);
    await phone.goto(`${baseUrl()}/technician/tickets/${t.id}`);
    await phone.getByRole('heading', { level: 2, name: 'Leistungsnachweis' }).waitFor();
    expect((await phone.getByTestId('sign-off-net').innerText()).replace(/\s/g, ' ')).toBe('197,45 €');
    expect((await phone.getByTestId('sign-off-gross').innerText()).replace(/\s/g, ' ')).toBe('234,97 €');
    await phone.getByLabel('Name des Kunden').fill('Erika Müller');
    const pad = phone.getByTestId('signature-pad');
    await pad.scrollIntoViewIfNeeded();
    const box = await pad.boundingBox();
    if (!box) throw new Error('no signature pad');
    await phone.mouse.move(box.x + 20, box.y + box.height * 0.7);
    await phone.mouse.down();
    for (let i = 1; i <= 12; i++) {
      await phone.mouse.move(box.x + 20 + i * 25, box.y + box.height * (i % 2 ? 0.3 : 0.7));
    }
    await phone.mouse.up();
    await phone.getByTestId('sign-off-submit').tap();
    await phone.getByTestId('signed-by').filter({ hasText: 'Unterschrieben von Erika Müller' }).waitFor();
    await phone.screenshot({ path: outputPath('service-report-signed-phone.png'), fullPage: true });

    // The desk: the priced report on the ticket detail, and the sign-off in the timeline.
    const desk = await open({ width: 1440, height: 900 });
    await signIn(desk, world.agent);
    await desk.goto(`${baseUrl()}/tickets/${t.id}`);
    const report = desk.getByTestId('service-report');
    await report.getByRole('heading', { level: 2, name: 'Leistungsnachweis' }).waitFor();
    const net = report.locator('[data-total="net"]');
    expect(await settled(async () => (await net.innerText()).replace(/\s+/g, ' ').trim(), 'Netto 197,45 €')).toBe(
      'Netto 197,45 €',
    );
    expect((await report.locator('[data-total="gross"]').innerText()).replace(/\s+/g, ' ').trim()).toBe(
      'Brutto 234,97 €',
    );
    await report.getByTestId('report-billable').waitFor();
    await desk.getByText('Leistungsnachweis vom Kunden unterschrieben').waitFor();
    await desk.screenshot({ path: outputPath('service-report-desk.png'), fullPage: true });

    // The portal: the customer sees the signed report and downloads its PDF.
    const portal = await open({ width: 1280, height: 900 });
    await signIn(portal, world.customer);
    await portal.goto(`${baseUrl()}/portal/tickets/${t.id}`);
    const signed = portal.getByTestId('portal-service-report');
    await signed.getByTestId('portal-signed-by').filter({ hasText: 'Erika Müller' }).waitFor();
    expect((await signed.locator('[data-total="gross"]').innerText()).replace(/\s+/g, ' ').trim()).toBe(
      'Brutto 234,97 €',
    );
    const [download] = await Promise.all([
      portal.waitForEvent('download'),
      signed.getByTestId('portal-report-pdf-de').click(),
    ]);
    const file = outputPath('service-report.pdf');
    await download.saveAs(file);
    const pdf = readFileSync(file);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(download.suggestedFilename()).toMatch(/^Leistungsnachweis-.*\.pdf$/);
    expect(pageErrors).toEqual([]);
  });
});
