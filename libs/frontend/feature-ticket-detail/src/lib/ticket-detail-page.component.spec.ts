import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpErrorResponse } from '@angular/common/http';
import { LOCALE_ID } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { provideRouter } from '@angular/router';
import { Subject, of, throwError } from 'rxjs';
import type { TicketAction, TicketDetail, TicketStatus, TicketTimelineResponse } from '@leitstand/api-contracts';
import { CatalogApiService, TicketChangesService, TicketsApiService } from '@leitstand/frontend/data-access';
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
    clocks: [],
  };
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
  let fixture: ComponentFixture<TicketDetailPageComponent>;

  beforeEach(() => {
    api = new FakeApi();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideLsIcons(),
        { provide: LOCALE_ID, useValue: 'de-DE' },
        { provide: TicketsApiService, useValue: api },
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

  async function render(status: TicketStatus): Promise<void> {
    api.current = ticket(status);
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
});
