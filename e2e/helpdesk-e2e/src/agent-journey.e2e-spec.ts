import type { Browser, Locator, Page } from 'playwright-core';
import { type AgentWorld, seedAgentWorld } from './support/agent-fixtures';
import { launchBrowser } from './support/browser';
import { outputPath } from './support/stack';
import { isSignedOutProbe, signInThroughUi } from './support/users';

/**
 * The helpdesk agent's journey (issue 7): a phone call becomes an A-ticket through the intake form, it shows
 * up in the live queue with both countdowns, and the agent accepts, pauses, resumes and restores it.
 */
describe('helpdesk agent journey', () => {
  let browser: Browser;
  let page: Page;
  let world: AgentWorld;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    world = await seedAgentWorld();
    browser = await launchBrowser();
    page = await browser.newPage({
      locale: 'de-DE',
      timezoneId: 'Europe/Berlin',
      viewport: { width: 1400, height: 900 },
    });
    page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && !isSignedOutProbe(message)) {
        pageErrors.push(`console: ${message.text()}`);
      }
    });
  });

  afterAll(async () => {
    await page?.close();
    await browser?.close();
  });

  const shot = (name: string) => page.screenshot({ path: outputPath(`agent-journey-${name}.png`), fullPage: true });
  const status = () => page.getByTestId('ticket-status');
  const clock = (name: 'response' | 'restore'): Locator =>
    page.locator(`.clock[data-clock="${name}"] ls-sla-countdown`);

  it('takes a phone call, creates an A-ticket and works it through accept, pause, resume and restore', async () => {
    const title = `Bettenaufzug 2 steht im 3. OG (${Date.now()})`;

    // 1. Sign in and see the (empty) live queue of this tenant.
    await signInThroughUi(page, world.agent);
    await page.getByText('Live', { exact: true }).waitFor({ timeout: 15_000 });
    await shot('1-queue');

    // 2. The phone rings: intake form, keyboard first (the only site is preselected).
    await page.getByRole('link', { name: 'Neue Störmeldung' }).click();
    await page.waitForURL(/\/tickets\/new$/);
    const siteSelect = page.locator('mat-select[formcontrolname="siteId"]');
    await siteSelect.focus();
    await siteSelect.press('Enter');
    await page.getByRole('option', { name: new RegExp(world.siteName) }).click();
    expect(await siteSelect.innerText()).toContain(world.siteName);
    const search = page.getByTestId('asset-search');
    await search.focus();
    await search.pressSequentially(world.assetCode.slice(0, 6));
    await page.getByRole('option', { name: new RegExp(world.assetCode) }).waitFor();
    await search.press('ArrowDown');
    await search.press('Enter');
    await page.getByTestId('priority-suggestion').getByText('Vorschlag aus der Anlagenklasse: A').waitFor();
    expect(await page.getByTestId('priority').innerText()).toContain('A – hoch');
    await page.getByLabel('Titel').fill(title);
    await page.getByLabel('Beschreibung').fill('Patient im Aufzug, Notruf ausgelöst');
    await page.getByLabel('Meldende Person').fill('Pforte, Herr Schulz');
    await page.getByLabel('Anlage steht (ausgefallen)').check();
    await shot('2-intake');
    await page.getByLabel('Titel').press('Enter');

    // 3. The new ticket opens with both clocks running.
    await page.waitForURL(/\/tickets\/[0-9a-f-]{36}$/, { timeout: 15_000 });
    await page.getByRole('heading', { level: 1, name: new RegExp(title.replace(/[()]/g, '.')) }).waitFor();
    const number = (await page.locator('h1 .number').innerText()).trim();
    expect(await status().innerText()).toBe('Neu');
    await clock('response')
      .getByText(/noch \d+:\d\d min/)
      .waitFor();
    await clock('restore')
      .getByText(/noch \d+:\d\d(:\d\d)? (min|h)/)
      .waitFor();
    await shot('3-ticket-created');

    // 4. It is in the queue with both countdowns (text, not only colour).
    await page.getByRole('link', { name: '← Zur Warteschlange' }).click();
    const row = page.getByRole('listitem').filter({ hasText: number });
    await row.waitFor({ timeout: 15_000 });
    await row.getByText('A – hoch').waitFor();
    await row.getByText(`${world.assetName} · ${world.siteName}`).waitFor();
    await row
      .locator('[data-clock="response"]')
      .getByText(/Reaktion: noch \d+:\d\d min/)
      .waitFor();
    await row
      .locator('[data-clock="restore"]')
      .getByText(/Entstörung: noch/)
      .waitFor();
    const before = await row.locator('[data-clock="response"]').innerText();
    await page.waitForTimeout(1500);
    expect(await row.locator('[data-clock="response"]').innerText()).not.toBe(before); // it ticks
    await shot('4-queue-with-countdowns');

    // 5. Accept.
    await row.getByRole('link', { name: number }).click();
    await page.getByRole('button', { name: 'Annehmen' }).click();
    await page.getByTestId('notice').getByText('Status jetzt „Angenommen“').waitFor();
    expect(await status().innerText()).toBe('Angenommen');
    await clock('response').getByText('erfüllt').waitFor();
    await shot('5-accepted');

    // 6. Pause with a reason; the restore clock shows it.
    await page.getByRole('button', { name: 'Pausieren' }).click();
    await page.getByTestId('pause-reason').fill('Ersatzteil bestellt');
    await page.getByRole('button', { name: 'Pause starten' }).click();
    await page.getByTestId('notice').getByText('Status jetzt „Pausiert“').waitFor();
    await clock('restore').getByText('pausiert: Ersatzteil bestellt').waitFor();
    await page.locator('.timeline').getByText('Grund: Ersatzteil bestellt').waitFor();
    await shot('6-paused');

    // 7. Resume.
    await page.getByRole('button', { name: 'Fortsetzen' }).click();
    await page.getByTestId('notice').getByText('Status jetzt „Angenommen“').waitFor();
    await clock('restore').getByText(/noch/).waitFor();
    await shot('7-resumed');

    // 8. Restore.
    await page.getByRole('button', { name: 'Entstört melden' }).click();
    await page.getByRole('button', { name: 'Entstörung bestätigen' }).click();
    await page.getByTestId('notice').getByText('Status jetzt „Entstört“').waitFor();
    await clock('restore').getByText('erfüllt').waitFor();
    for (const label of ['Angelegt', 'Angenommen', 'Pausiert', 'Fortgesetzt', 'Entstört']) {
      await page.locator('.timeline').getByText(label, { exact: true }).first().waitFor();
    }
    await shot('8-restored');

    expect(pageErrors).toEqual([]);
  });
});
