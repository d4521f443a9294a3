import type { Browser, Page } from 'playwright-core';
import type { DocumentListResponse } from '@leitstand/api-contracts';
import { createTicket, managerSession } from './support/api-client';
import { type AgentWorld, seedAgentWorld } from './support/agent-fixtures';
import { launchBrowser } from './support/browser';
import { type PortalWorld, apiCall, apiLogin, apiOk, seedPortalWorld } from './support/portal-fixtures';
import { readWorld } from './support/seed';
import { baseUrl, outputPath } from './support/stack';
import { isSignedOutProbe, signInThroughUi, submitLogin } from './support/users';

/** A 2×2 PNG (red, green / blue, white): small, but an image every browser draws. */
const PHOTO = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFElEQVR4nGP4z8DAAMIM/////w8AH+4F+7C4l8kAAAAASUVORK5CYII=',
  'base64',
);

describe('documents: a technician’s photo in the ticket (issue 14)', () => {
  let browser: Browser;
  let pages: Page[] = [];
  let pageErrors: string[];
  let world: PortalWorld;
  let agentWorld: AgentWorld;

  beforeAll(async () => {
    browser = await launchBrowser();
    world = await seedPortalWorld();
    agentWorld = await seedAgentWorld();
  });

  afterAll(async () => {
    await browser?.close();
  });

  beforeEach(() => {
    pageErrors = [];
  });

  afterEach(async () => {
    await Promise.all(pages.map((p) => p.close()));
    pages = [];
  });

  async function newPage(phone: boolean): Promise<Page> {
    const page = await browser.newPage({
      locale: 'de-DE',
      timezoneId: 'Europe/Berlin',
      ...(phone ? { viewport: { width: 390, height: 844 }, hasTouch: true } : {}),
    });
    page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && !isSignedOutProbe(message)) pageErrors.push(`console: ${message.text()}`);
    });
    pages.push(page);
    return page;
  }

  it('the technician takes a photo into the ticket, the agent sees its thumbnail, another tenant’s customer gets 404', async () => {
    const title = `E2E Foto: Schaltschrank (${process.pid}-${Date.now()})`;
    const created = await createTicket({ title, assetId: readWorld().assetId, description: 'Brandgeruch' });

    // The technician's phone: "Foto aufnehmen" opens the camera; here the file is set on that input.
    const phone = await newPage(true);
    await phone.goto(`${baseUrl()}/technician/tickets/${created.id}`);
    await phone.waitForURL(/\/login(\?|$)/);
    await submitLogin(phone, world.technician.email, world.technician.password);
    await phone.getByRole('heading', { level: 1, name: created.number }).waitFor();
    const input = phone.locator('input[type="file"][capture="environment"]');
    expect(await input.getAttribute('accept')).toBe('image/*');
    await phone.getByText('Foto aufnehmen').waitFor();
    await input.setInputFiles({ name: 'schaltschrank.png', mimeType: 'image/png', buffer: PHOTO });
    await phone.getByText('Foto gespeichert.').waitFor();
    await phone.locator('ls-technician-photos img.thumb').first().waitFor();
    await phone.screenshot({ path: outputPath('technician-photo.png'), fullPage: true });

    const manager = await managerSession();
    const docs = await apiOk<DocumentListResponse>(manager, 'GET', `/tickets/${created.id}/documents`);
    expect(docs.items).toHaveLength(1);
    const doc = docs.items[0];
    expect(doc).toMatchObject({ documentClass: 'photo', contentType: 'image/png', sizeBytes: PHOTO.length });

    // The agent's ticket detail shows the photo as a thumbnail the browser actually drew.
    const desk = await newPage(false);
    await signInThroughUi(desk, agentWorld.agent);
    await desk.goto(`${baseUrl()}/tickets/${created.id}`);
    await desk.getByRole('heading', { level: 2, name: 'Dokumente' }).waitFor();
    const thumb = desk.locator(`[data-document-id="${doc?.id}"] img.thumb`);
    await thumb.waitFor();
    expect(await thumb.getAttribute('src')).toBe(`/api/documents/${doc?.id}/content`);
    await desk.waitForFunction((id) => {
      const img = document.querySelector<HTMLImageElement>(`[data-document-id="${id}"] img.thumb`);
      return img !== null && img.complete && img.naturalWidth === 2;
    }, doc?.id);
    await desk.screenshot({ path: outputPath('ticket-detail-documents.png'), fullPage: true });

    // A customer of another tenant: the document does not exist for her.
    const customerB = await apiLogin(world.customerB.email, world.customerB.password);
    expect((await apiCall(customerB, 'GET', `/documents/${doc?.id}`)).status).toBe(404);
    expect((await apiCall(customerB, 'GET', `/documents/${doc?.id}/content`)).status).toBe(404);
    expect((await apiCall(customerB, 'GET', `/tickets/${created.id}/documents`)).status).toBe(404);
    expect(pageErrors).toEqual([]);
  });
});
