import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpErrorResponse } from '@angular/common/http';
import { LOCALE_ID } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatCheckboxHarness } from '@angular/material/checkbox/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { provideRouter } from '@angular/router';
import { Subject, of, throwError } from 'rxjs';
import type {
  TicketDetail,
  TicketListQuery,
  TicketListResponse,
  TicketSummary,
  TicketTimelineResponse,
} from '@leitstand/api-contracts';
import {
  CatalogApiService,
  TicketChangesService,
  type TicketStreamEvent,
  TicketsApiService,
} from '@leitstand/frontend/data-access';
import { provideLsIcons } from '@leitstand/frontend/ui';
import { TicketListPageComponent } from './ticket-list-page.component';

const NOW = Date.parse('2026-11-21T13:00:00.000Z');

function summary(overrides: Partial<TicketSummary>): TicketSummary {
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
    status: 'new',
    channel: 'phone',
    createdAt: '2026-11-21T12:58:00.000Z',
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
    clocks: [
      {
        clock: 'response',
        state: ticket.status === 'new' ? 'running' : 'met',
        priority: 'A',
        budgetMinutes: 15,
        usedMinutes: 2,
        remainingMinutes: 13,
        deadline: '2026-11-21T13:12:34.000Z',
        warningAt: '2026-11-21T13:10:00.000Z',
        breachMinutes: null,
        lateMs: null,
        calendarKey: '24-7',
      },
      {
        clock: 'restore',
        state: ticket.status === 'paused' ? 'paused' : 'running',
        priority: 'A',
        budgetMinutes: 60,
        usedMinutes: 2,
        remainingMinutes: 58,
        deadline: '2026-11-21T12:57:00.000Z',
        warningAt: '2026-11-21T12:45:00.000Z',
        breachMinutes: null,
        lateMs: null,
        calendarKey: '24-7',
      },
    ],
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
  get(id: string) {
    const ticket = this.tickets.get(id);
    return ticket ? of(detail(ticket)) : throwError(() => new HttpErrorResponse({ status: 404 }));
  }
  timeline() {
    const response: TicketTimelineResponse = {
      items: [{ id: 'e1', type: 'paused', actor: 'u', occurredAt: '', payload: { reason: 'Ersatzteil bestellt' } }],
    };
    return of(response);
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
        provideLsIcons(),
        { provide: LOCALE_ID, useValue: 'de-DE' },
        { provide: TicketsApiService, useValue: api },
        { provide: CatalogApiService, useValue: { sites: () => of({ items: [], nextCursor: null }) } },
        { provide: TicketChangesService, useValue: { events$: changes } },
      ],
    });
  });

  afterEach(() => jest.useRealTimers());

  async function render(): Promise<void> {
    fixture = TestBed.createComponent(TicketListPageComponent);
    fixture.detectChanges();
    jest.advanceTimersByTime(50);
    fixture.detectChanges();
    await fixture.whenStable();
    await Promise.resolve(); // the rows' clock fetches run in a microtask
    await fixture.whenStable();
  }

  function rowText(id: string): string {
    const row = (fixture.nativeElement as HTMLElement).querySelector(`ls-queue-row[data-ticket-id="${id}"]`);
    return row?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  }

  it('renders each open ticket with priority, asset, site and both clocks as countdowns with text', async () => {
    await render();
    expect(api.listCalls[0]).toEqual({ open: true, limit: 200 });
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
    expect(api.listCalls).toHaveLength(1);

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
});
