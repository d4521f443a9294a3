import type { Browser, Locator, Page } from 'playwright-core';
import { type AgentWorld, seedAgentWorld } from './support/agent-fixtures';
import { launchBrowser } from './support/browser';
import { outputPath } from './support/stack';
import { isSignedOutProbe, signInThroughUi } from './support/users';

/**
 * The helpdesk agent's journey (issue 7): a phone call becomes an A-ticket through the intake form, it shows
 * up in the live queue with both countdowns, and the agent accepts it, dispatches it to a technician picked
 * from the list of technicians serving the tenant, pauses, resumes and restores it.
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

  it('takes a phone call, creates an A-ticket and works it through accept, dispatch, pause, resume and restore', async () => {
    const title = `Bettenaufzug 2 steht im 3. OG (${Date.now()})`;

    // 1. Sign in and see the live queue (agents serve every tenant: it holds other runs' tickets too).
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

    // 4. It is in the queue with both countdowns (text, not only colour). The queue holds every tenant's open
    // tickets, overdue ones first: the agent narrows it to this site, as one does with a long queue.
    await page.getByRole('link', { name: '← Zur Warteschlange' }).click();
    await page.getByRole('combobox', { name: 'Standort' }).click();
    await page.getByRole('option', { name: world.siteName, exact: true }).click();
    await page.getByRole('status').first().getByText('1 Ticket', { exact: true }).waitFor();
    const row = page.getByRole('listitem').filter({ hasText: number });
    await row.waitFor({ timeout: 15_000 }).catch(async (error: Error) => {
      // Say what the queue showed instead, so that a failure on CI can be read from its log.
      await shot('4-queue-without-row');
      const statusLine = await page
        .locator('.list-status')
        .innerText({ timeout: 1000 })
        .catch(() => '(none)');
      const rows = await page.getByRole('listitem').allInnerTexts();
      throw new Error(
        `${error.message}\nqueue at ${page.url()}: status "${statusLine}", ${rows.length} rendered rows:\n${rows.join('\n')}`,
      );
    });
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

    // 6. Dispatch: pick the technician serving this tenant from the labelled list, by keyboard.
    await page.locator('.action-bar').getByRole('button', { name: 'Disponieren' }).click();
    const dispatchForm = page.getByRole('form', { name: 'Disponieren' });
    const picker = dispatchForm.getByRole('combobox', { name: 'Techniker' });
    await picker.focus();
    await picker.press('Enter');
    const option = page.getByRole('option', { name: world.technician.displayName, exact: true });
    await option.waitFor();
    // Arrow keys move through the list until the technician is the active option; Enter picks it.
    const optionId = await option.getAttribute('id');
    for (let i = 0; i < 50 && (await picker.getAttribute('aria-activedescendant')) !== optionId; i++) {
      await picker.press('ArrowDown');
    }
    expect(await picker.getAttribute('aria-activedescendant')).toBe(optionId);
    await picker.press('Enter');
    // The closed select shows the chosen technician (its value text; the panel may still be animating away).
    await picker
      .locator('.mat-mdc-select-value-text')
      .getByText(world.technician.displayName, { exact: true })
      .waitFor();
    await shot('6-dispatch-picker');
    await dispatchForm.getByRole('button', { name: 'Disponieren' }).click();
    await page.getByTestId('notice').getByText('Status jetzt „Disponiert“').waitFor();
    expect(await status().innerText()).toBe('Disponiert');
    expect((await page.getByTestId('assignee').innerText()).trim()).toBe(world.technician.displayName);
    await shot('6-dispatched');

    // 7. Pause with a reason; the restore clock shows it.
    await page.getByRole('button', { name: 'Pausieren' }).click();
    await page.getByTestId('pause-reason').fill('Ersatzteil bestellt');
    await page.getByRole('button', { name: 'Pause starten' }).click();
    await page.getByTestId('notice').getByText('Status jetzt „Pausiert“').waitFor();
    await clock('restore').getByText('pausiert: Ersatzteil bestellt').waitFor();
    await page.locator('.timeline').getByText('Grund: Ersatzteil bestellt').waitFor();
    await shot('7-paused');

    // 8. Resume: back to where the pause began.
    await page.getByRole('button', { name: 'Fortsetzen' }).click();
    await page.getByTestId('notice').getByText('Status jetzt „Disponiert“').waitFor();
    await clock('restore').getByText(/noch/).waitFor();
    await shot('8-resumed');

    // 9. Restore.
    await page.getByRole('button', { name: 'Entstört melden' }).click();
    await page.getByRole('button', { name: 'Entstörung bestätigen' }).click();
    await page.getByTestId('notice').getByText('Status jetzt „Entstört“').waitFor();
    await clock('restore').getByText('erfüllt').waitFor();
    for (const label of ['Angelegt', 'Angenommen', 'Disponiert', 'Pausiert', 'Fortgesetzt', 'Entstört']) {
      await page.locator('.timeline').getByText(label, { exact: true }).first().waitFor();
    }
    await shot('9-restored');

    // 10. The same view in English, switched at runtime: texts, the countdowns and the outcome re-render.
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { level: 2, name: 'History' }).waitFor();
    expect(await status().innerText()).toBe('Restored');
    await clock('response').getByText('Response: met').waitFor();
    await clock('restore').getByText('Restore: met').waitFor();
    await page.getByTestId('notice').getByText('Report restored: done. Status now “Restored”.').waitFor();
    await page
      .getByRole('toolbar', { name: 'Actions for the current status' })
      .getByRole('button', { name: 'Close' })
      .waitFor();
    expect((await page.getByTestId('assignee').innerText()).trim()).toBe(world.technician.displayName);
    for (const label of ['Created', 'Accepted', 'Dispatched', 'Paused', 'Resumed', 'Restored']) {
      await page.locator('.timeline').getByText(label, { exact: true }).first().waitFor();
    }
    await shot('10-english');

    expect(pageErrors).toEqual([]);
  });
});
