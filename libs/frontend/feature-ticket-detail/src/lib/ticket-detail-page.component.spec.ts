import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpErrorResponse } from '@angular/common/http';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { provideRouter } from '@angular/router';
import { Subject, of, throwError } from 'rxjs';
import type {
  TicketAction,
  TicketDetail,
  TicketStatus,
  TicketTimelineResponse,
  UserListQuery,
  UserSummary,
} from '@leitstand/api-contracts';
import {
  CatalogApiService,
  TicketChangesService,
  TicketsApiService,
  UsersApiService,
} from '@leitstand/frontend/data-access';
import { I18nService } from '@leitstand/frontend/i18n';
import { provideLsIcons } from '@leitstand/frontend/ui';
import { TicketDetailPageComponent } from './ticket-detail-page.component';

function ticket(status: TicketStatus, version = 3): TicketDetail {
  return {
    id: 't-1',
    number: '2026-000042',
    tenantId: 'tenant-1',
    siteId: 'site-1',
    siteName: 'Werk Süd',
    assetId: 'asset-1',
    assetName: 'Aufzug 2',
    assigneeId: null,
    nextDeadline: null,
    atRisk: false,
    breached: false,
    title: 'Aufzug 2 steht',
    priority: 'A',
    status,
    channel: 'phone',
    createdAt: '2026-11-21T13:05:00.000Z',
    description: null,
    category: null,
    priorityReason: null,
    reporter: 'Frau Meier',
    faultBeganAt: '2026-11-21T13:00:00.000Z',
    assetDown: true,
    inScope: true,
    scopeNote: null,
    contractId: 'c-1',
    pausedFrom: null,
    restoredAt: null,
    closedAt: null,
    updatedAt: '2026-11-21T13:05:00.000Z',
    version,
    clocks: [
      {
        clock: 'response',
        state: status === 'new' ? 'running' : 'met',
        priority: 'A',
        budgetMinutes: 15,
        usedMinutes: 0,
        remainingMinutes: 15,
        deadline: '2026-11-21T13:20:00.000Z',
        warningAt: null,
        breachMinutes: null,
        lateMs: null,
        stoppedAt: null,
        calendarKey: '24-7',
      },
    ],
    pauseReason: status === 'paused' ? 'Ersatzteil bestellt' : null,
    pausedUntil: null,
  };
}

const TECHNICIANS: UserSummary[] = [
  { id: 'u-tech-1', displayName: 'Tom Techniker', email: 'tom@example.test', role: 'technician' },
  { id: 'u-tech-2', displayName: 'Tina Technik', email: 'tina@example.test', role: 'technician' },
];

class FakeUsers {
  readonly queries: UserListQuery[] = [];
  list(query: UserListQuery) {
    this.queries.push(query);
    return of(TECHNICIANS);
  }
}

const TIMELINE: TicketTimelineResponse = {
  items: [
    {
      id: 'e1',
      type: 'created',
      actor: 'u1',
      occurredAt: '2026-11-21T13:05:00.000Z',
      payload: { actorName: 'Agent Anna' },
    },
    {
      id: 'e2',
      type: 'comment',
      actor: 'u1',
      occurredAt: '2026-11-21T13:06:00.000Z',
      payload: { actorName: 'Agent Anna', text: 'Kunde ruft zurück', internal: true },
    },
  ],
};

class FakeApi {
  current = ticket('new');
  readonly acts: Array<{ action: TicketAction; version: number; body: object; answer: Subject<TicketDetail> }> = [];
  gets = 0;
  get() {
    this.gets++;
    return of(this.current);
  }
  timeline() {
    return of(TIMELINE);
  }
  act(_id: string, action: TicketAction, version: number, body: object) {
    const answer = new Subject<TicketDetail>();
    this.acts.push({ action, version, body, answer });
    return answer;
  }
  addComment() {
    return of({});
  }
}

describe('TicketDetailPageComponent', () => {
  let api: FakeApi;
  let users: FakeUsers;
  let fixture: ComponentFixture<TicketDetailPageComponent>;

  beforeEach(() => {
    localStorage.clear();
    api = new FakeApi();
    users = new FakeUsers();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideLsIcons(),
        { provide: TicketsApiService, useValue: api },
        { provide: UsersApiService, useValue: users },
        {
          provide: CatalogApiService,
          useValue: {
            sites: () => of({ items: [], nextCursor: null }),
            tenants: () => of({ items: [{ id: 'tenant-1', name: 'Stadtwerke Süd' }], nextCursor: null }),
          },
        },
        { provide: TicketChangesService, useValue: { events$: new Subject() } },
      ],
    });
  });

  afterEach(() => localStorage.clear());

  async function render(status: TicketStatus, patch: Partial<TicketDetail> = {}): Promise<void> {
    api.current = { ...ticket(status), ...patch };
    fixture = TestBed.createComponent(TicketDetailPageComponent);
    fixture.componentRef.setInput('id', 't-1');
    await fixture.whenStable();
  }

  function text(): string {
    return (fixture.nativeElement as HTMLElement).textContent?.replace(/\s+/g, ' ') ?? '';
  }

  async function actionButtons(): Promise<string[]> {
    const buttons = await TestbedHarnessEnvironment.loader(fixture).getAllHarnesses(
      MatButtonHarness.with({ selector: '[data-action]' }),
    );
    return Promise.all(buttons.map((b) => b.getText()));
  }

  it.each<[TicketStatus, string[]]>([
    ['new', ['Annehmen', 'Pausieren']],
    ['accepted', ['Disponieren', 'Pausieren', 'Entstört melden']],
    ['on_site', ['Pausieren', 'Entstört melden']],
    ['paused', ['Fortsetzen']],
    ['restored', ['Schließen', 'Wiedereröffnen']],
    ['closed', ['Wiedereröffnen']],
  ])('offers exactly the transitions valid in status %s', async (status, labels) => {
    await render(status);
    expect(await actionButtons()).toEqual(labels);
  });

  it('shows the header, the timeline with German labels and marks internal comments', async () => {
    await render('new');
    expect(text()).toContain('2026-000042');
    expect(text()).toContain('Stadtwerke Süd');
    expect(text()).toContain('Angelegt');
    const internal = (fixture.nativeElement as HTMLElement).querySelectorAll('.timeline li.internal');
    expect(internal).toHaveLength(1);
    expect(internal[0]?.querySelector('.internal-tag')?.textContent?.trim()).toBe('intern');
    expect(text()).toContain('Kunde ruft zurück');
    expect(text()).toContain('21.11.2026, 14:05 · Agent Anna');
  });

  it('sends If-Match with the loaded version and asks for a reason before pausing', async () => {
    await render('accepted');
    const component = fixture.componentInstance;
    component.start('pause');
    await fixture.whenStable();
    expect(fixture.nativeElement.querySelector('[data-testid="pause-reason"]')).not.toBeNull();
    component.submitPending();
    expect(api.acts).toHaveLength(0);
    (component as unknown as { pauseReason: string }).pauseReason = 'Ersatzteil bestellt';
    component.submitPending();
    expect(api.acts[0]).toEqual(
      expect.objectContaining({ action: 'pause', version: 3, body: { reason: 'Ersatzteil bestellt' } }),
    );
  });

  it('on 412 tells that the ticket changed and reloads it', async () => {
    await render('new');
    const loadsBefore = api.gets;
    fixture.componentInstance.start('accept');
    api.current = ticket('accepted', 4);
    api.acts[0]?.answer.error(new HttpErrorResponse({ status: 412, error: { statusCode: 412, message: 'stale' } }));
    await fixture.whenStable();
    expect(fixture.componentInstance.notice()).toContain('Das Ticket wurde inzwischen geändert');
    expect(text()).toContain('Das Ticket wurde inzwischen geändert');
    expect(api.gets).toBe(loadsBefore + 1);
    expect(fixture.componentInstance.ticket()?.version).toBe(4);
    expect(await actionButtons()).toEqual(['Disponieren', 'Pausieren', 'Entstört melden']);
  });

  it('on 409 shows the current status', async () => {
    await render('new');
    fixture.componentInstance.start('accept');
    api.acts[0]?.answer.error(
      new HttpErrorResponse({
        status: 409,
        error: { statusCode: 409, message: 'x', details: { currentStatus: 'paused' } },
      }),
    );
    await fixture.whenStable();
    expect(text()).toContain('Das Ticket ist jetzt „Pausiert“');
  });

  it('shows an error state with retry when the ticket cannot be loaded', async () => {
    api.get = () => throwError(() => new HttpErrorResponse({ status: 404 }));
    fixture = TestBed.createComponent(TicketDetailPageComponent);
    fixture.componentRef.setInput('id', 't-x');
    await fixture.whenStable();
    expect(text()).toContain('Dieses Ticket gibt es nicht');
  });

  it('dispatches through a labelled picker listing the technicians of the ticket tenant, sending the chosen id', async () => {
    await render('accepted');
    expect(users.queries).toEqual([{ role: 'technician', tenantId: 'tenant-1' }]);
    fixture.componentInstance.start('dispatch');
    await fixture.whenStable();

    const loader = TestbedHarnessEnvironment.loader(fixture);
    const picker = await loader.getHarness(MatSelectHarness.with({ selector: '[data-testid="assignee-picker"]' }));
    const submit = await loader.getHarness(MatButtonHarness.with({ text: 'Disponieren', selector: '[type="submit"]' }));
    expect(await submit.isDisabled()).toBe(true);
    const field = (fixture.nativeElement as HTMLElement).querySelector('.action-form mat-form-field');
    expect(field?.querySelector('mat-label')?.textContent?.trim()).toBe('Techniker');

    await picker.open();
    const options = await picker.getOptions();
    expect(await Promise.all(options.map((o) => o.getText()))).toEqual(['Tom Techniker', 'Tina Technik']);
    await picker.clickOptions({ text: 'Tina Technik' });
    expect(await picker.getValueText()).toBe('Tina Technik');
    await submit.click();

    expect(api.acts).toHaveLength(1);
    expect(api.acts[0]).toEqual(
      expect.objectContaining({ action: 'dispatch', version: 3, body: { assigneeId: 'u-tech-2' } }),
    );
    api.acts[0]?.answer.next({ ...ticket('dispatched', 4), assigneeId: 'u-tech-2' });
    await fixture.whenStable();
    expect(text()).toContain('Disponieren: erledigt. Status jetzt „Disponiert“.');
  });

  it.each<[TicketStatus, Partial<TicketDetail>, string]>([
    ['on_site', {}, 'Aufzug 2 (steht)'],
    ['restored', { restoredAt: '2026-11-21T14:00:00.000Z' }, 'Aufzug 2 (stand bis zur Entstörung)'],
    ['closed', { restoredAt: '2026-11-21T14:00:00.000Z' }, 'Aufzug 2 (stand bis zur Entstörung)'],
    ['on_site', { assetDown: false }, 'Aufzug 2'],
  ])('the asset in status %s reads "%s"', async (status, patch, expected) => {
    // Before: "(steht)" stayed after the restore, since the ticket keeps assetDown as a fact of the fault.
    await render(status, patch);
    const asset = (fixture.nativeElement as HTMLElement).querySelector('[data-testid="asset"]');
    expect(asset?.textContent?.replace(/\s+/g, ' ').trim()).toBe(expected);
  });

  it('shows the assignee by display name, not by id', async () => {
    await render('dispatched', { assigneeId: 'u-tech-1' });
    const assignee = (fixture.nativeElement as HTMLElement).querySelector('[data-testid="assignee"]');
    expect(assignee?.textContent?.trim()).toBe('Tom Techniker');
    expect(text()).not.toContain('u-tech-1');
  });

  it('re-renders the detail in English when the language is switched, without reloading', async () => {
    await render('paused', { assigneeId: 'u-tech-1' });
    const gets = api.gets;
    TestBed.inject(I18nService).setLanguage('en');
    await fixture.whenStable();

    expect(text()).toContain('← Back to the queue');
    expect(text()).toContain('Priority');
    expect(text()).toContain('A – high');
    expect(text()).toContain('Paused');
    expect(text()).toContain('Fault since');
    expect(text()).toContain('21/11/2026, 14:00');
    expect(text()).toContain('Technician');
    expect(text()).toContain('SLA deadlines (time zone Europe/Berlin)');
    expect(text()).toContain('Response: met');
    expect(text()).toContain('Deadline: 21/11/2026, 14:20');
    expect(text()).toContain('History');
    expect(text()).toContain('Created');
    expect((fixture.nativeElement as HTMLElement).querySelector('.internal-tag')?.textContent?.trim()).toBe('internal');
    expect(text()).toContain('Internal (not visible to customers)');
    expect(await actionButtons()).toEqual(['Resume']);
    expect((fixture.nativeElement as HTMLElement).querySelector('[role="toolbar"]')?.getAttribute('aria-label')).toBe(
      'Actions for the current status',
    );
    expect(api.gets).toBe(gets);
  });

  it('translates an outcome already shown when the language is switched', async () => {
    await render('new');
    fixture.componentInstance.start('accept');
    api.acts[0]?.answer.error(
      new HttpErrorResponse({
        status: 409,
        error: { statusCode: 409, message: 'x', details: { currentStatus: 'paused' } },
      }),
    );
    await fixture.whenStable();
    expect(fixture.componentInstance.notice()).toBe(
      'Diese Aktion ist im aktuellen Status nicht möglich. Das Ticket ist jetzt „Pausiert“.',
    );
    TestBed.inject(I18nService).setLanguage('en');
    await fixture.whenStable();
    expect(text()).toContain('This action is not possible in the current status. The ticket is now “Paused”.');
  });

  it('tells when the technician list cannot be loaded and keeps dispatch disabled', async () => {
    users.list = (query: UserListQuery) => {
      users.queries.push(query);
      return throwError(() => new HttpErrorResponse({ status: 503 }));
    };
    await render('accepted');
    fixture.componentInstance.start('dispatch');
    await fixture.whenStable();
    expect(text()).toContain('Die Technikerliste konnte nicht geladen werden.');
    const submit = await TestbedHarnessEnvironment.loader(fixture).getHarness(
      MatButtonHarness.with({ text: 'Disponieren', selector: '[type="submit"]' }),
    );
    expect(await submit.isDisabled()).toBe(true);
    fixture.componentInstance.submitPending();
    expect(api.acts).toHaveLength(0);
  });
});
