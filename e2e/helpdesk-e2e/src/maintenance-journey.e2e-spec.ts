import PDFDocument from 'pdfkit';
import type { Browser, Page, Response } from 'playwright-core';
import type { ComplianceResponse, OccurrenceDetail, TicketDetail } from '@leitstand/api-contracts';
import { launchBrowser } from './support/browser';
import { type MaintenanceWorld, seedMaintenanceWorld } from './support/maintenance-fixtures';
import { isStatus, watchPageErrors } from './support/page-errors';
import { type ApiSession, apiLogin, apiOk } from './support/portal-fixtures';
import { settled } from './support/settled';
import { baseUrl, outputPath } from './support/stack';
import { signInThroughUi, submitLogin } from './support/users';

/** A one-page inspection report as the approved body hands it over: a real PDF, written here with pdfkit. */
function inspectionReportPdf(lines: readonly string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', info: { Title: lines[0] ?? 'Prüfbericht' } });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.fontSize(16).text(lines[0] ?? '');
    doc.fontSize(11);
    for (const line of lines.slice(1)) doc.text(line);
    doc.end();
  });
}

/** de-DE as the UI writes plan dates and compliance percentages. */
const planDate = (day: string): string => day.split('-').reverse().join('.');
const percent = (value: string): string =>
  `${new Intl.NumberFormat('de-DE', { maximumFractionDigits: 2 }).format(value as Intl.StringNumericLiteral)} %`;
const squash = (text: string): string =>
  text
    .replace(/\u00a0/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

const FAILED_ITEM = { key: 'logbook-available', label: 'Anlagenbuch und Wartungsnachweise vorgelegt' };

/**
 * Issue 15's journey, one browser session per person: a technician carries out an elevator's main inspection by
 * the approved body on the phone (start, one checklist item failed, time, the report as PDF, the BetrSichV §17
 * record) — completing without the evidence is refused with the server's reasons in German — and completes it;
 * the failed item's fault ticket appears live in the helpdesk queue with the priority of the lift's class; the
 * object manager reads the contract's compliance of last month as the API answers it and drills down to the
 * missed intermediate inspection. Each step builds on the one before (jest runs them in order).
 */
describe('maintenance: an inspection with a failed item, its fault ticket and the compliance (issue 15)', () => {
  let browser: Browser;
  let world: MaintenanceWorld;
  let managerApi: ApiSession;
  let desk: Page;
  let deskErrors: string[];
  // What the journey creates, step by step.
  let followUp: TicketDetail | undefined;

  beforeAll(async () => {
    [world, browser] = await Promise.all([seedMaintenanceWorld(), launchBrowser()]);
    managerApi = await apiLogin(world.manager.email, world.manager.password);
    desk = await browser.newPage({
      locale: 'de-DE',
      timezoneId: 'Europe/Berlin',
      viewport: { width: 1400, height: 900 },
    });
    deskErrors = watchPageErrors(desk);
  }, 90_000);

  afterEach(async () => {
    if (deskErrors.length > 0) await desk.screenshot({ path: outputPath('maintenance-journey-desk-failure.png') });
    expect(deskErrors).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('1. the helpdesk agent watches the live queue of the site', async () => {
    await signInThroughUi(desk, world.agent);
    await desk.getByText('Live', { exact: true }).waitFor({ timeout: 15_000 });
    await desk.getByRole('combobox', { name: 'Standort' }).click();
    await desk.getByRole('option', { name: world.siteName, exact: true }).click();
    await desk.getByRole('status').first().getByText('Keine Tickets', { exact: true }).waitFor();
  });

  it('2. the technician carries out the main inspection on the phone; without the evidence it is refused', async () => {
    const phone = await browser.newPage({
      locale: 'de-DE',
      timezoneId: 'Europe/Berlin',
      viewport: { width: 390, height: 844 },
      hasTouch: true,
    });
    // The 409 is the refused completion's, on purpose.
    const phoneErrors = watchPageErrors(phone, isStatus(409));
    const shot = (name: string) =>
      phone.screenshot({ path: outputPath(`maintenance-journey-${name}.png`), fullPage: true });
    try {
      await phone.goto(`${baseUrl()}/technician/occurrences`);
      await phone.waitForURL(/\/login(\?|$)/);
      await submitLogin(phone, world.technician.email, world.technician.password);
      // Sign-in leads back to the page asked for.
      await phone.getByRole('heading', { level: 1, name: 'Wartung & Prüfungen' }).waitFor();
      expect(new URL(phone.url()).pathname).toBe('/technician/occurrences');

      // Due within the week (the main inspection's legal latest date lies a few days ahead).
      await phone.locator('.range mat-button-toggle', { hasText: 'Diese Woche' }).locator('button').tap();
      await phone.waitForURL(/[?&]range=week/);
      const card = phone.getByRole('listitem', { name: `${world.dueLift.code} ${world.inspectionPlan.title}` });
      await card.waitFor();
      expect(squash(await card.innerText())).toContain(`${world.siteName} · ${world.dueLift.name}`);
      await card.getByRole('link', { name: 'Ausführen' }).tap();
      await phone.waitForURL((url) => url.pathname === `/technician/occurrences/${world.dueOccurrenceId}`);
      await phone.getByRole('heading', { level: 1, name: world.inspectionPlan.title }).waitFor();
      await phone.getByText('Gesetzliche Prüfung · BetrSichV §16 und Anh. 2 Abschn. 2 Nr. 4').waitFor();

      await phone.getByRole('button', { name: 'Beginnen' }).tap();
      await phone.getByText('Begonnen.').first().waitFor();
      await phone.getByRole('button', { name: 'Beginnen' }).waitFor({ state: 'detached' });

      // The checklist: one item failed (with a note), the others passed.
      const items = phone.locator('ol.items > li[data-item]');
      const keys = await items.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-item') ?? ''));
      expect(keys).toEqual(['operator-present', 'logbook-available', 'defects-recorded']);
      for (const key of keys) {
        const outcome = key === FAILED_ITEM.key ? 'fail' : 'pass';
        await phone.locator(`li[data-item="${key}"] mat-button-toggle[data-outcome="${outcome}"] button`).tap();
      }
      await phone.getByText('Ein Punkt n. i. O. erzeugt beim Abschluss ein Störungsticket.').waitFor();
      await phone
        .getByLabel(`Bemerkung (${FAILED_ITEM.label})`)
        .fill('Anlagenbuch nicht vor Ort, Betreiber reicht es nach');
      await phone.getByRole('button', { name: 'Checkliste speichern' }).tap();
      await phone.getByText('Checkliste gespeichert.').first().waitFor();

      // Working time.
      await phone.getByLabel('Minuten').fill('90');
      await phone.getByLabel('Notiz').fill('Begleitung der ZÜS-Prüfung');
      await phone.getByRole('button', { name: 'Zeit erfassen' }).tap();
      await phone.getByText('Arbeitszeit gespeichert.').first().waitFor();
      await phone.locator('.lines li', { hasText: '90 min Begleitung der ZÜS-Prüfung' }).waitFor();

      // Completing now is refused: the server's 409 names the record and the report, the UI says so in German.
      const [refused] = await Promise.all([
        phone.waitForResponse((r: Response) =>
          r.url().endsWith(`/api/maintenance/occurrences/${world.dueOccurrenceId}/complete`),
        ),
        phone.getByRole('button', { name: 'Abschließen' }).tap(),
      ]);
      expect(refused.status()).toBe(409);
      expect(((await refused.json()) as { details?: unknown }).details).toEqual({
        code: 'evidence-missing',
        missing: ['inspectionRecord', 'document:inspection-report'],
      });
      const alert = phone.locator('.missing[role="alert"]');
      await alert.getByText('Abschluss nicht möglich, es fehlt:').waitFor();
      expect(await alert.locator('li').allInnerTexts()).toEqual([
        'Prüfbericht (BetrSichV §17) fehlt',
        'Dokument fehlt: Prüfbericht',
      ]);
      await shot('1-refused');
      const stillOpen = await apiOk<OccurrenceDetail>(
        managerApi,
        'GET',
        `/maintenance/occurrences/${world.dueOccurrenceId}`,
      );
      expect(stillOpen).toMatchObject({ status: expect.not.stringMatching(/^done-/), followUpTicketIds: [] });

      // The evidence the statutory test needs: the body's report as PDF …
      const pdf = await inspectionReportPdf([
        `Prüfbericht Aufzug ${world.dueLift.code}`,
        `Hauptprüfung nach BetrSichV Anh. 2 Abschn. 2 Nr. 4, ${world.dueLift.name}`,
        'Ergebnis: keine Mängel an der Anlage. Anlagenbuch wird nachgereicht.',
      ]);
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      await phone
        .locator('input.pdf-input')
        .setInputFiles({ name: `pruefbericht-${world.suffix}.pdf`, mimeType: 'application/pdf', buffer: pdf });
      await phone.getByText('Dokument gespeichert.').first().waitFor();
      await phone.locator('ls-document-gallery').getByText(`pruefbericht-${world.suffix}`).first().waitFor();

      // … and the inspection record of BetrSichV §17.
      const today = await phone.getByLabel('Prüfdatum').inputValue();
      expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const nextDeadline = `${Number(today.slice(0, 4)) + 2}${today.slice(4)}`.replace(/-02-29$/, '-02-28');
      await phone.getByLabel('Art der Prüfung').fill('Hauptprüfung');
      await phone.getByLabel('Umfang').fill('Aufzugsanlage vollständig, Fahrkorb, Schacht, Triebwerk, Notruf');
      await phone.getByRole('combobox', { name: 'Ergebnis' }).tap();
      await phone.getByRole('option', { name: 'Keine Mängel' }).tap();
      await phone.getByLabel('Nächste Prüffrist').fill(nextDeadline);
      await phone.getByLabel('Prüfer').fill('Dipl.-Ing. Petra Brandt');
      await phone.getByLabel('Prüfstelle (ZÜS)').fill('TÜV SÜD Industrie Service GmbH');
      await phone.getByRole('button', { name: 'Prüfbericht speichern' }).tap();
      await phone.getByText('Prüfbericht gespeichert.').first().waitFor();
      await shot('2-evidence');

      // Complete: done on time, and the failed item's fault ticket by its number.
      const [completed] = await Promise.all([
        phone.waitForResponse((r: Response) =>
          r.url().endsWith(`/api/maintenance/occurrences/${world.dueOccurrenceId}/complete`),
        ),
        phone.getByRole('button', { name: 'Abschließen' }).tap(),
      ]);
      expect(completed.status()).toBe(200);
      await phone.getByText('Diese Fälligkeit ist abgeschlossen.').waitFor();
      await phone.locator('p.head ls-occurrence-status').getByText('Fristgerecht erledigt').waitFor();
      expect(await phone.getByRole('button', { name: 'Abschließen' }).count()).toBe(0);

      const done = await apiOk<OccurrenceDetail>(
        managerApi,
        'GET',
        `/maintenance/occurrences/${world.dueOccurrenceId}`,
      );
      expect(done).toMatchObject({ status: 'done-on-time', evidenceAccepted: true });
      expect(done.followUpTicketIds).toHaveLength(1);
      expect(done.inspectionRecord).toMatchObject({
        type: 'Hauptprüfung',
        result: 'no-defects',
        nextDeadline,
        body: 'TÜV SÜD Industrie Service GmbH',
      });
      expect(done.documents.map((d) => [d.documentClass, d.contentType, d.sizeBytes])).toEqual([
        ['inspection-report', 'application/pdf', pdf.length],
      ]);
      expect(done.workLogs.map((l) => l.minutes)).toEqual([90]);
      followUp = await apiOk<TicketDetail>(managerApi, 'GET', `/tickets/${done.followUpTicketIds[0] ?? ''}`);
      expect(followUp).toMatchObject({
        assetId: world.dueLift.id,
        siteId: world.siteId,
        priority: world.dueLift.assetClass,
        status: 'new',
      });
      expect(followUp.title).toContain(`${FAILED_ITEM.label} – nicht in Ordnung`);

      const followUps = phone.locator('section.follow-ups');
      await followUps.getByRole('heading', { level: 2, name: 'Störungstickets aus Mängeln' }).waitFor();
      expect(await followUps.locator('li').allInnerTexts()).toEqual([followUp.number]);
      expect(squash(await phone.locator('[role="status"][aria-live="polite"]').first().innerText())).toBe(
        `Abgeschlossen: Fristgerecht erledigt. Störungsticket angelegt: ${followUp.number}.`,
      );
      await shot('3-completed');
      expect(phoneErrors).toEqual([]);
    } catch (error) {
      // Say what the phone showed, so that a failure on CI can be read from its log.
      await shot('failure');
      const message = await phone.locator('p.message').allInnerTexts();
      throw new Error(
        `${(error as Error).message}\nmessage: ${message.join(' | ')}\nerrors: ${phoneErrors.join('\n')}`,
      );
    } finally {
      await phone.close();
    }
  });

  it('3. the fault ticket is in the agent’s queue, live, with the priority of the lift’s class', async () => {
    expect(followUp).toBeDefined();
    const number = followUp?.number ?? '';
    await desk.getByRole('status').first().getByText('1 Ticket', { exact: true }).waitFor({ timeout: 15_000 });
    const row = desk.getByRole('listitem').filter({ hasText: number });
    await row.waitFor();
    // Class B → "B – mittel" (the intake's rule; not the A a lift usually gets).
    await row.getByText('B – mittel').waitFor();
    await row.getByText(`${world.dueLift.name} · ${world.siteName}`).waitFor();
    expect(squash(await row.innerText())).toContain(followUp?.title ?? '');
    await desk.screenshot({ path: outputPath('maintenance-journey-4-queue.png'), fullPage: true });
  });

  it('4. the manager sees last month’s compliance as the API answers it and drills down to the miss', async () => {
    const { lastMonth } = world;
    const api = await apiOk<ComplianceResponse>(
      managerApi,
      'GET',
      `/maintenance/compliance?contractId=${world.contractId}&from=${lastMonth.from}&to=${lastMonth.to}`,
    );
    // Last month: the goods lift's maintenance on time, the passenger lift's intermediate inspection missed.
    expect(api.total).toMatchObject({ due: 2, onTime: 1, late: 0, missed: 1, open: 0, percent: '50.00' });
    expect(api.nonCompliant.map((o) => [o.occurrenceId, o.reason])).toEqual([[world.missedOccurrenceId, 'missed']]);

    const page = await browser.newPage({
      locale: 'de-DE',
      timezoneId: 'Europe/Berlin',
      viewport: { width: 1280, height: 900 },
    });
    const pageErrors = watchPageErrors(page);
    try {
      const panelAnswer = page.waitForResponse((r: Response) => r.url().includes('/api/maintenance/compliance?'));
      await signInThroughUi(page, world.manager);
      const monthName = new Intl.DateTimeFormat('de-DE', { timeZone: 'UTC', month: 'long', year: 'numeric' }).format(
        new Date(`${lastMonth.key}-15T00:00:00Z`),
      );
      await page
        .getByRole('status')
        .filter({ hasText: `Kennzahlen für ${world.contractName}, ${monthName} geladen.` })
        .waitFor({ timeout: 20_000 });

      // The panel asked for this contract and the whole of last month, and shows what the API answers.
      const answer = await panelAnswer;
      const asked = new URL(answer.url()).searchParams;
      expect([asked.get('contractId'), asked.get('from'), asked.get('to')]).toEqual([
        world.contractId,
        lastMonth.from,
        lastMonth.to,
      ]);
      expect(((await answer.json()) as ComplianceResponse).total).toEqual(api.total);
      const panel = page.locator('ls-compliance-panel');
      await panel.getByRole('heading', { level: 2, name: 'Wartungs- & Prüfcompliance' }).waitFor();
      const figure = panel.locator('[data-figure="compliance"]');
      await figure.waitFor();
      expect(squash(await figure.innerText())).toBe(squash(percent(api.total.percent ?? '')));
      expect(squash(await figure.innerText())).toBe('50 %');
      expect(await panel.locator('[data-figure="compliance-due"]').innerText()).toBe(String(api.total.due));
      expect(await panel.locator('[data-figure="compliance-missed"]').innerText()).toBe(String(api.total.missed));
      const elevators = panel.locator('tr[data-trade="elevators"] td');
      expect((await elevators.allInnerTexts()).map(squash)).toEqual([
        squash(percent(api.byTrade['elevators']?.percent ?? '')),
        '2',
        '1',
        '0',
        '1',
        '0',
      ]);

      // The drill-down lists the miss: the passenger lift's intermediate inspection, with its dates.
      const drillDown = panel.getByRole('button', { name: 'Versäumte und verspätete Fälligkeiten (1)' });
      expect(await drillDown.getAttribute('aria-expanded')).toBe('false');
      await drillDown.click();
      expect(await settled(() => drillDown.getAttribute('aria-expanded'), 'true')).toBe('true');
      const misses = panel.locator('#compliance-misses tbody tr');
      await misses.first().waitFor();
      expect(await misses.count()).toBe(1);
      const miss = panel.locator(`#compliance-misses tr[data-occurrence="${world.missedOccurrenceId}"]`);
      expect(await miss.getAttribute('data-reason')).toBe('missed');
      const missed = api.nonCompliant[0];
      expect((await miss.locator('td').allInnerTexts()).map(squash)).toEqual([
        '✗ Versäumt',
        missed?.title ?? '',
        `${world.missedLift.code} ${world.missedLift.name}`,
        planDate(missed?.targetDate ?? ''),
        planDate(missed?.legalLatest ?? ''),
        '–',
      ]);
      await page.screenshot({ path: outputPath('maintenance-journey-5-compliance.png'), fullPage: true });

      // … and opens it: the missed occurrence's detail.
      await miss.getByRole('link', { name: missed?.title ?? '' }).click();
      await page.waitForURL((url) => url.pathname === `/maintenance/occurrences/${world.missedOccurrenceId}`);
      await page.getByRole('heading', { level: 1, name: missed?.title ?? '' }).waitFor();
      await page.locator('p.head ls-occurrence-status').getByText('Versäumt').waitFor();
      await page.locator('p.head').getByText('Zwischenprüfung').waitFor();
      expect(await page.locator('[data-field="legalLatest"]').innerText()).toBe(planDate(missed?.legalLatest ?? ''));
      expect(pageErrors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
