import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpErrorResponse, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatCheckboxHarness } from '@angular/material/checkbox/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { Router, provideRouter } from '@angular/router';
import { Subject, of, throwError } from 'rxjs';
import type {
  SlaClockView,
  TicketDetail,
  TicketListQuery,
  TicketListResponse,
  TicketSummary,
} from '@leitstand/api-contracts';
import {
  CatalogApiService,
  TicketChangesService,
  type TicketStreamEvent,
  TicketsApiService,
} from '@leitstand/frontend/data-access';
import { I18nService } from '@leitstand/frontend/i18n';
import { provideTicketListIcons } from './ticket-list.icons';
import { TicketListPageComponent } from './ticket-list-page.component';

const NOW = Date.parse('2026-11-21T13:00:00.000Z');

/** Both clocks as the list endpoint carries them: response met once accepted, restore paused while paused. */
function clocksFor(status: TicketSummary['status']): SlaClockView[] {
  return [
    {
      clock: 'response',
      state: status === 'new' ? 'running' : 'met',
      priority: 'A',
      budgetMinutes: 15,
      usedMinutes: 2,
      remainingMinutes: 13,
      deadline: '2026-11-21T13:12:34.000Z',
      warningAt: '2026-11-21T13:10:00.000Z',
      breachMinutes: null,
      lateMs: null,
      stoppedAt: null,
      calendarKey: '24-7',
    },
    {
      clock: 'restore',
      state: status === 'paused' ? 'paused' : 'running',
      priority: 'A',
      budgetMinutes: 60,
      usedMinutes: 2,
      remainingMinutes: 58,
      deadline: '2026-11-21T12:57:00.000Z',
      warningAt: '2026-11-21T12:45:00.000Z',
      breachMinutes: null,
      lateMs: null,
      stoppedAt: null,
      calendarKey: '24-7',
    },
  ];
}

function summary(overrides: Partial<TicketSummary>): TicketSummary {
  const status = overrides.status ?? 'new';
  return {
    id: 't-1',
    number: '2026-000042',
    tenantId: 'tenant-1',
    siteId: 'site-1',
    siteName: 'Werk Süd',
    assetId: 'asset-1',
    assetName: 'Aufzug 2',
    assigneeId: null,
    nextDeadline: '2026-11-21T13:12:34.000Z',
    atRisk: false,
    breached: false,
    title: 'Aufzug 2 steht zwischen EG und 1. OG',
    priority: 'A',
    status,
    channel: 'phone',
    createdAt: '2026-11-21T12:58:00.000Z',
    clocks: clocksFor(status),
    pauseReason: status === 'paused' ? 'Ersatzteil bestellt' : null,
    pausedUntil: null,
    version: 3,
    ...overrides,
  };
}

function detail(ticket: TicketSummary): TicketDetail {
  return {
    ...ticket,
    description: null,
    category: null,
    priorityReason: null,
    reporter: null,
    faultBeganAt: ticket.createdAt,
    assetDown: true,
    inScope: true,
    scopeNote: null,
    contractId: 'c-1',
    pausedFrom: null,
    restoredAt: null,
    closedAt: null,
    updatedAt: ticket.createdAt,
    version: 1,
  };
}

class FakeTicketsApi {
  readonly listCalls: TicketListQuery[] = [];
  pages: Array<TicketListResponse | 'error'> = [];
  readonly tickets = new Map<string, TicketSummary>();
  list(query: TicketListQuery) {
    this.listCalls.push(query);
    const page = this.pages.shift() ?? { items: [...this.tickets.values()], nextCursor: null };
    return page === 'error'
      ? throwError(() => new HttpErrorResponse({ status: 503, error: { message: 'Datenbank nicht erreichbar' } }))
      : of(page);
  }
  /** Ids asked for one by one: only changes from the stream may do that, never a rendered row. */
  readonly getCalls: string[] = [];
  get(id: string) {
    this.getCalls.push(id);
    const ticket = this.tickets.get(id);
    return ticket ? of(detail(ticket)) : throwError(() => new HttpErrorResponse({ status: 404 }));
  }
  /** Status actions as sent (id, action, If-Match version); `refuse` answers an id with an HTTP error. */
  readonly actCalls: Array<[string, string, number]> = [];
  readonly updateCalls: Array<[string, object, number]> = [];
  update(id: string, request: object, version: number) {
    this.updateCalls.push([id, request, version]);
    const refusal = this.refuse.get(id);
    const ticket = this.tickets.get(id);
    return refusal || !ticket
      ? throwError(() => refusal ?? new HttpErrorResponse({ status: 404 }))
      : of(detail(ticket));
  }
  readonly refuse = new Map<string, HttpErrorResponse>();
  act(id: string, action: string, version: number) {
    this.actCalls.push([id, action, version]);
    const refusal = this.refuse.get(id);
    const ticket = this.tickets.get(id);
    return refusal || !ticket
      ? throwError(() => refusal ?? new HttpErrorResponse({ status: 404 }))
      : of(detail(ticket));
  }
}

describe('TicketListPageComponent (live queue)', () => {
  let api: FakeTicketsApi;
  let changes: Subject<TicketStreamEvent>;
  let fixture: ComponentFixture<TicketListPageComponent>;

  beforeEach(() => {
    jest.useFakeTimers({
      now: NOW,
      doNotFake: ['queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame', 'nextTick', 'setImmediate'],
    });
    localStorage.clear();
    api = new FakeTicketsApi();
    changes = new Subject();
    const first = summary({});
    const second = summary({
      id: 't-2',
      number: '2026-000043',
      title: 'Druckluft Halle 3 schwankt',
      priority: 'B',
      status: 'paused',
      assetName: 'Kompressor 1',
      nextDeadline: null,
    });
    api.tickets.set(first.id, first);
    api.tickets.set(second.id, second);
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideTicketListIcons(),
        { provide: TicketsApiService, useValue: api },
        { provide: CatalogApiService, useValue: { sites: () => of({ items: [], nextCursor: null }) } },
        { provide: TicketChangesService, useValue: { events$: changes } },
      ],
    });
  });

  afterEach(() => {
    jest.useRealTimers();
    localStorage.clear();
  });

  async function render(): Promise<void> {
    fixture = TestBed.createComponent(TicketListPageComponent);
    fixture.detectChanges();
    jest.advanceTimersByTime(50);
    fixture.detectChanges();
    await fixture.whenStable();
    await Promise.resolve(); // the virtual scroll renders its rows after measuring the viewport
    await fixture.whenStable();
  }

  /** The element `selector` finds in the page (fails the test when there is none). */
  function find<T extends Element = HTMLElement>(selector: string, root: ParentNode = fixture.nativeElement): T {
    const found = root.querySelector<T>(selector);
    if (!found) {
      throw new Error(`no ${selector}`);
    }
    return found;
  }

  function rowText(id: string): string {
    const row = (fixture.nativeElement as HTMLElement).querySelector(`ls-queue-row[data-ticket-id="${id}"]`);
    return row?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  }

  it('renders each open ticket with priority, asset, site and both clocks as countdowns with text', async () => {
    await render();
    expect(api.listCalls[0]).toEqual({ open: true, limit: 200 });
    expect(api.getCalls).toEqual([]); // the clocks and the pause reason come with the list items
    const first = rowText('t-1');
    expect(first).toContain('A – hoch');
    expect(first).toContain('2026-000042');
    expect(first).toContain('Aufzug 2 · Werk Süd');
    expect(first).toContain('Reaktion: noch 12:34 min');
    expect(first).toContain('Entstörung: überfällig seit 3 min');
    expect(rowText('t-2')).toContain('Entstörung: pausiert: Ersatzteil bestellt');
    expect(fixture.nativeElement.querySelector('[role="status"]').textContent).toContain('2 Tickets');

    jest.advanceTimersByTime(1000);
    await fixture.whenStable();
    expect(rowText('t-1')).toContain('Reaktion: noch 12:33 min');
  });

  it('re-fetches a changed ticket from the stream and re-reads the page for an unknown one', async () => {
    await render();
    api.tickets.set('t-1', summary({ status: 'accepted' }));
    changes.next({ kind: 'change', change: { ticketId: 't-1', tenantId: 'x', type: 'accepted', version: 2, at: '' } });
    await fixture.whenStable();
    expect(rowText('t-1')).toContain('Angenommen');
    expect(rowText('t-1')).toContain('Reaktion: erfüllt');
    expect(api.getCalls).toEqual(['t-1']);
    expect(api.listCalls).toHaveLength(1);

    // Paused: the re-fetched item carries the new pause reason, which the row shows at once.
    api.tickets.set('t-1', summary({ status: 'paused', pauseReason: 'Kunde nicht erreichbar' }));
    changes.next({ kind: 'change', change: { ticketId: 't-1', tenantId: 'x', type: 'paused', version: 3, at: '' } });
    await fixture.whenStable();
    expect(rowText('t-1')).toContain('Entstörung: pausiert: Kunde nicht erreichbar');

    api.tickets.set('t-3', summary({ id: 't-3', number: '2026-000044', title: 'Neu gemeldet' }));
    changes.next({ kind: 'change', change: { ticketId: 't-3', tenantId: 'x', type: 'created', version: 1, at: '' } });
    jest.advanceTimersByTime(300);
    await fixture.whenStable();
    expect(api.listCalls).toHaveLength(2);
    expect(rowText('t-3')).toContain('Neu gemeldet');
  });

  it('filters through the API and saves a named filter in localStorage', async () => {
    await render();
    const loader = TestbedHarnessEnvironment.loader(fixture);
    await (await loader.getHarness(MatCheckboxHarness.with({ label: 'überfällig' }))).check();
    expect(api.listCalls.at(-1)).toEqual({ open: true, breached: true, limit: 200 });

    await (await loader.getHarness(MatInputHarness.with({ placeholder: '' }))).setValue('Nur überfällige');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Filter speichern' }))).click();
    const stored = JSON.parse(localStorage.getItem('leitstand.queue.savedFilters') ?? '[]') as unknown[];
    expect(stored).toEqual([{ name: 'Nur überfällige', filter: expect.objectContaining({ breached: true }) }]);
  });

  it('keeps the filter in the URL, so a reload opens the same queue', async () => {
    // Before: the filter lived only in the component and a reload showed the whole queue again.
    await render();
    const loader = TestbedHarnessEnvironment.loader(fixture);
    await (await loader.getHarness(MatCheckboxHarness.with({ label: 'überfällig' }))).check();
    await fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe('/?breached=1');
    fixture.destroy();

    await TestBed.inject(Router).navigateByUrl(
      '/?status=new,accepted,bogus&priority=A&breached=1&site=0f6c7a52-1c1e-4b7e-9a3e-8d2a1b0c9e77',
    );
    api.listCalls.length = 0;
    await render();
    expect(api.listCalls[0]).toEqual({
      open: true,
      status: 'new,accepted',
      priority: 'A',
      siteId: '0f6c7a52-1c1e-4b7e-9a3e-8d2a1b0c9e77',
      breached: true,
      limit: 200,
    });
  });

  it('searches through the API after a pause in typing and keeps q in the URL', async () => {
    await render();
    api.listCalls.length = 0;
    const input = find<HTMLInputElement>('[data-testid="queue-search"]');
    for (const text of ['a', 'az', 'az-0815']) {
      input.value = text;
      input.dispatchEvent(new Event('input'));
      jest.advanceTimersByTime(100);
    }
    expect(api.listCalls).toEqual([]); // still typing
    jest.advanceTimersByTime(250);
    await fixture.whenStable();
    expect(api.listCalls).toEqual([{ open: true, q: 'az-0815', limit: 200 }]);
    expect(TestBed.inject(Router).url).toBe('/?q=az-0815');
    fixture.destroy();

    await TestBed.inject(Router).navigateByUrl('/?q=%20Aufzug%20Haus%20');
    api.listCalls.length = 0;
    await render();
    expect(api.listCalls[0]).toEqual({ open: true, q: 'Aufzug Haus', limit: 200 });
    expect(
      (fixture.nativeElement as HTMLElement).querySelector<HTMLInputElement>('[data-testid="queue-search"]')?.value,
    ).toBe('Aufzug Haus');
  });

  function key(key: string, target: EventTarget = document.body, init: KeyboardEventInit = {}): KeyboardEvent {
    const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
    target.dispatchEvent(event);
    fixture.detectChanges();
    return event;
  }

  function currentRow(): string | null {
    return (
      (fixture.nativeElement as HTMLElement)
        .querySelector('ls-queue-row[aria-current="true"]')
        ?.getAttribute('data-ticket-id') ?? null
    );
  }

  it('moves the cursor with j and k, opens with Enter, focuses the search with / and reports with n', async () => {
    await render();
    const router = TestBed.inject(Router);
    const navigate = jest.spyOn(router, 'navigate').mockResolvedValue(true);
    expect(currentRow()).toBeNull();
    expect(key('j').defaultPrevented).toBe(true);
    expect(currentRow()).toBe('t-1');
    key('j');
    expect(currentRow()).toBe('t-2');
    key('j'); // stays on the last row
    expect(currentRow()).toBe('t-2');
    key('k');
    expect(currentRow()).toBe('t-1');
    key('Enter');
    expect(navigate).toHaveBeenLastCalledWith(['/tickets', 't-1']);
    key('n');
    expect(navigate).toHaveBeenLastCalledWith(['/tickets/new']);
    const input = find<HTMLInputElement>('[data-testid="queue-search"]');
    expect(key('/').defaultPrevented).toBe(true);
    expect(document.activeElement).toBe(input);
  });

  it('fires no shortcut while typing in the search field or with Ctrl held', async () => {
    await render();
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const input = find<HTMLInputElement>('[data-testid="queue-search"]');
    input.focus();
    for (const k of ['j', 'k', 'n', '/', '?', 'Enter', 'x']) {
      expect(key(k, input).defaultPrevented).toBe(false);
    }
    expect(currentRow()).toBeNull();
    expect(navigate).not.toHaveBeenCalled();
    key('Escape', input);
    expect(document.activeElement).not.toBe(input);
    key('n', document.body, { ctrlKey: true });
    expect(navigate).not.toHaveBeenCalled();
    key('j');
    expect(currentRow()).toBe('t-1');
  });

  it('shows every shortcut in a dialog on ?', async () => {
    await render();
    const dialog = find<HTMLDialogElement>('[data-testid="keys-dialog"]');
    // jsdom has <dialog> without showModal/close: the attribute is what they toggle.
    dialog.showModal ??= function (this: HTMLDialogElement) {
      this.setAttribute('open', '');
    };
    dialog.close ??= function (this: HTMLDialogElement) {
      this.removeAttribute('open');
    };
    key('?', document.body, { shiftKey: true });
    expect(dialog.open).toBe(true);
    const pairs = Array.from(dialog.querySelectorAll('dt')).map((dt) => [
      dt.textContent?.trim(),
      dt.nextElementSibling?.textContent?.trim(),
    ]);
    expect(pairs).toEqual([
      ['/', 'Suche fokussieren'],
      ['n', 'Neue Störmeldung'],
      ['j', 'Nächstes Ticket auswählen'],
      ['k', 'Vorheriges Ticket auswählen'],
      ['Enter', 'Ausgewähltes Ticket öffnen'],
      ['x', 'Ausgewähltes Ticket markieren'],
      ['a', 'Ausgewähltes Ticket annehmen'],
      ['?', 'Diese Hilfe'],
      ['Esc', 'Suchfeld verlassen'],
    ]);
    key('j'); // the queue does not react while the dialog is open
    expect(currentRow()).toBeNull();
  });

  it('shows each ticket’s age since its report in the compact row', async () => {
    await render();
    expect(find('ls-queue-row[data-ticket-id="t-1"] [data-testid="row-age"]').textContent?.trim()).toBe('2 min');
  });

  it('opens a ticket on a click anywhere on its row, and not on its checkbox', async () => {
    await render();
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const row = find<HTMLElement>('ls-queue-row[data-ticket-id="t-2"]');
    find('.row__title', row).click();
    expect(navigate).toHaveBeenLastCalledWith(['/tickets', 't-2']);
    navigate.mockClear();
    find('[data-testid="row-check"]', row).click();
    fixture.detectChanges();
    expect(navigate).not.toHaveBeenCalled();
    expect(row.classList).toContain('row--checked');
  });

  it('accepts the marked tickets one by one with their own versions and lists the stale one', async () => {
    await render();
    api.refuse.set(
      't-2',
      new HttpErrorResponse({ status: 412, error: { message: 'stale', details: { currentVersion: 8 } } }),
    );
    const el = fixture.nativeElement as HTMLElement;
    for (const id of ['t-1', 't-2']) {
      find(`ls-queue-row[data-ticket-id="${id}"] [data-testid="row-check"]`).click();
    }
    fixture.detectChanges();
    expect(el.querySelector('[data-testid="bulk-bar"]')?.textContent).toContain('2 ausgewählt');
    find('[data-testid="bulk-accept"]').click();
    fixture.detectChanges();
    expect(api.actCalls).toEqual([
      ['t-1', 'accept', 3],
      ['t-2', 'accept', 3],
    ]);
    const outcome = el.querySelector('[data-testid="bulk-outcome"]')?.textContent?.replace(/\s+/g, ' ') ?? '';
    expect(outcome).toContain('Annehmen: 1 von 2 erledigt, 1 fehlgeschlagen:');
    expect(outcome).toContain('2026-000043: wurde inzwischen geändert (HTTP 412)');
    // The one that went through is unmarked; the failed one stays marked for a retry.
    expect(el.querySelector('[data-testid="bulk-bar"]')?.textContent).toContain('1 ausgewählt');
  });

  it('accepts the ticket under the cursor on a, with its version', async () => {
    await render();
    key('a'); // no cursor yet: nothing happens
    expect(api.actCalls).toEqual([]);
    key('j');
    key('j');
    key('a');
    expect(api.actCalls).toEqual([['t-2', 'accept', 3]]);
    expect(find('[data-testid="bulk-outcome"]').textContent).toContain('Annehmen: 1 von 1 erledigt.');
  });

  it('changes the priority of the marked tickets with the reason, each with its own version', async () => {
    await render();
    for (const id of ['t-1', 't-2']) {
      find(`ls-queue-row[data-ticket-id="${id}"] [data-testid="row-check"]`).click();
    }
    fixture.detectChanges();
    const button = find<HTMLButtonElement>('[data-testid="bulk-set-priority"]');
    expect(button.disabled).toBe(true); // neither priority nor reason yet
    const loader = TestbedHarnessEnvironment.loader(fixture);
    const select = await loader.getHarness(MatSelectHarness.with({ selector: '[data-testid="bulk-priority"]' }));
    await select.open();
    await select.clickOptions({ text: 'C – niedrig' });
    expect(button.disabled).toBe(true); // the API needs a reason for a priority change
    const reason = find<HTMLInputElement>('[data-testid="bulk-priority-reason"]');
    reason.value = 'Betreiber bestätigt: kein Ausfall';
    reason.dispatchEvent(new Event('input'));
    fixture.detectChanges();
    expect(button.disabled).toBe(false);
    button.click();
    fixture.detectChanges();
    const body = { priority: 'C', priorityReason: 'Betreiber bestätigt: kein Ausfall' };
    expect(api.updateCalls).toEqual([
      ['t-1', body, 3],
      ['t-2', body, 3],
    ]);
    expect(find('[data-testid="bulk-outcome"]').textContent).toContain('Priorität: 2 von 2 erledigt.');
  });

  it('names the current status of a ticket the action no longer fits (409)', async () => {
    await render();
    api.refuse.set(
      't-1',
      new HttpErrorResponse({ status: 409, error: { message: 'no', details: { currentStatus: 'accepted' } } }),
    );
    const el = fixture.nativeElement as HTMLElement;
    key('j');
    key('x'); // marks the row under the cursor
    find('[data-testid="bulk-accept"]').click();
    fixture.detectChanges();
    const outcome = el.querySelector('[data-testid="bulk-outcome"]')?.textContent?.replace(/\s+/g, ' ') ?? '';
    expect(outcome).toContain('2026-000042: im Status „Angenommen“ nicht möglich (HTTP 409)');
  });

  it('shows the error and loads again on "Erneut versuchen"', async () => {
    api.pages = ['error'];
    await render();
    expect(fixture.nativeElement.querySelector('[role="status"]').textContent).toContain(
      'Der Server antwortete mit HTTP 503: Datenbank nicht erreichbar.',
    );
    const retry = await TestbedHarnessEnvironment.loader(fixture).getHarness(
      MatButtonHarness.with({ text: 'Erneut versuchen' }),
    );
    await retry.click();
    expect(api.listCalls).toHaveLength(2);
    expect(rowText('t-1')).toContain('2026-000042');
  });
  it('renders only the visible rows of 5,000 open tickets and asks for the next page through the cursor', async () => {
    const many = Array.from({ length: 5000 }, (_, i) =>
      summary({ id: `t-${i}`, number: `2026-${String(i).padStart(6, '0')}` }),
    );
    api.pages = [{ items: many, nextCursor: 'cursor-2' }];
    await render();
    const rendered = (fixture.nativeElement as HTMLElement).querySelectorAll('ls-queue-row').length;
    expect(rendered).toBeGreaterThan(0);
    expect(rendered).toBeLessThan(40);
    expect(fixture.nativeElement.querySelector('[role="status"]').textContent).toContain('5.000 Tickets');
    expect(fixture.nativeElement.textContent).toContain('Weitere Tickets werden beim Scrollen geladen.');

    // Near the end of the loaded rows, the next page comes through the cursor and is appended.
    api.pages = [{ items: [summary({ id: 't-5000', number: '2026-005000' })], nextCursor: null }];
    (fixture.componentInstance as unknown as { onScrolled(index: number): void }).onScrolled(4960);
    await fixture.whenStable();
    expect(api.listCalls.at(-1)).toEqual({ open: true, limit: 200, cursor: 'cursor-2' });
    expect(fixture.nativeElement.querySelector('[role="status"]').textContent).toContain('5.001 Tickets');
  });

  it('re-renders every queue text in English when the language is switched, without reloading', async () => {
    await render();
    expect(fixture.nativeElement.querySelector('h1').textContent).toContain('Störmeldungen');
    TestBed.inject(I18nService).setLanguage('en');
    await fixture.whenStable();

    const page = fixture.nativeElement as HTMLElement;
    expect(page.querySelector('h1')?.textContent).toContain('Incidents');
    expect(page.querySelector('[role="status"]')?.textContent).toContain('2 tickets');
    expect(page.querySelector('[role="list"]')?.getAttribute('aria-label')).toBe(
      'Open tickets, nearest deadline first',
    );
    expect(page.querySelector('form.filters')?.getAttribute('aria-label')).toBe('Filters');
    expect(page.querySelector('.queue-head')?.textContent).toContain('Response / Restore');
    expect(rowText('t-1')).toContain('A – high');
    expect(rowText('t-1')).toContain('New');
    expect(rowText('t-1')).toContain('Response: 12:34 min left');
    expect(rowText('t-1')).toContain('Restore: overdue by 3 min');
    expect(rowText('t-2')).toContain('Restore: paused: Ersatzteil bestellt');
    expect(rowText('t-2')).toContain('Paused');

    const loader = TestbedHarnessEnvironment.loader(fixture);
    expect(await (await loader.getHarness(MatCheckboxHarness.with({ label: 'overdue' }))).isChecked()).toBe(false);
    expect(await loader.getHarness(MatButtonHarness.with({ text: 'Save filter' }))).toBeTruthy();
    expect(api.listCalls).toHaveLength(1);

    jest.advanceTimersByTime(1000);
    await fixture.whenStable();
    expect(rowText('t-1')).toContain('Response: 12:33 min left');
  });

  it('tells a load error in English after a switch, with the retry button', async () => {
    api.pages = ['error'];
    await render();
    TestBed.inject(I18nService).setLanguage('en');
    await fixture.whenStable();
    expect(fixture.nativeElement.querySelector('[role="status"]').textContent).toContain(
      'Tickets could not be loaded. The server answered with HTTP 503: Datenbank nicht erreichbar.',
    );
    const retry = await TestbedHarnessEnvironment.loader(fixture).getHarness(
      MatButtonHarness.with({ text: 'Try again' }),
    );
    await retry.click();
    expect(api.listCalls).toHaveLength(2);
  });
});

describe('TicketListPageComponent over HTTP', () => {
  afterEach(() => jest.useRealTimers());

  beforeEach(() => {
    jest.useFakeTimers({
      now: NOW,
      doNotFake: ['queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame', 'nextTick', 'setImmediate'],
    });
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideTicketListIcons(),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: CatalogApiService, useValue: { sites: () => of({ items: [], nextCursor: null }) } },
        { provide: TicketChangesService, useValue: { events$: new Subject<TicketStreamEvent>() } },
      ],
    });
  });

  it('renders both clocks of each row from the list page alone: no request per row', async () => {
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(TicketListPageComponent);
    fixture.detectChanges();
    const paused = summary({ id: 't-2', number: '2026-000043', status: 'paused', nextDeadline: null });
    const page: TicketListResponse = { items: [summary({}), paused], nextCursor: null };
    http.expectOne((request) => request.url === '/api/tickets' && request.params.get('open') === 'true').flush(page);
    jest.advanceTimersByTime(50);
    fixture.detectChanges();
    await fixture.whenStable();
    await Promise.resolve();
    await fixture.whenStable();

    const rows = (fixture.nativeElement as HTMLElement).querySelectorAll('ls-queue-row');
    expect(rows).toHaveLength(2);
    const text = (i: number): string => rows[i]?.textContent?.replace(/\s+/g, ' ') ?? '';
    expect(text(0)).toContain('Reaktion: noch 12:34 min');
    expect(text(0)).toContain('Entstörung: überfällig seit 3 min');
    expect(text(1)).toContain('Entstörung: pausiert: Ersatzteil bestellt');
    await Promise.resolve();
    await fixture.whenStable();
    http.verify(); // no GET /api/tickets/:id, no timeline
  });
});
