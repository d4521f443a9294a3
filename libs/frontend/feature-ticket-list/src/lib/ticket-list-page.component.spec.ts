import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpErrorResponse } from '@angular/common/http';
import { LOCALE_ID } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatTableHarness } from '@angular/material/table/testing';
import { Subject } from 'rxjs';
import type { TicketListResponse, TicketSummary } from '@leitstand/api-contracts';
import { TicketsApiService } from '@leitstand/frontend/data-access';
import { TicketListPageComponent } from './ticket-list-page.component';
import { provideTicketListIcons } from './ticket-list.icons';

/** Fake of the one API method the page uses; each call hands out a subject the test answers. */
class FakeTicketsApi {
  readonly calls: Subject<TicketListResponse>[] = [];

  list(): Subject<TicketListResponse> {
    const response = new Subject<TicketListResponse>();
    this.calls.push(response);
    return response;
  }

  respond(items: TicketSummary[]): void {
    const call = this.calls.at(-1);
    if (!call) {
      throw new Error('list() was not called');
    }
    call.next({ items, nextCursor: null });
    call.complete();
  }

  fail(status: number): void {
    this.calls
      .at(-1)
      ?.error(new HttpErrorResponse({ status, error: { statusCode: status, message: 'Datenbank nicht erreichbar' } }));
  }
}

const WINTER_TICKET: TicketSummary = {
  id: 't-1',
  number: '2026-000042',
  tenantId: 'tenant-1',
  siteId: 'site-1',
  siteName: 'Werk Süd',
  assetId: null,
  assetName: null,
  assigneeId: null,
  nextDeadline: null,
  atRisk: false,
  breached: false,
  title: 'Aufzug 2 steht zwischen EG und 1. OG',
  priority: 'A',
  status: 'new',
  channel: 'phone',
  createdAt: '2026-11-21T13:05:00.000Z', // CET (UTC+1) → 14:05
};

const SUMMER_TICKET: TicketSummary = {
  id: 't-2',
  number: '2026-000043',
  tenantId: 'tenant-1',
  siteId: 'site-1',
  siteName: 'Werk Süd',
  assetId: null,
  assetName: null,
  assigneeId: null,
  nextDeadline: null,
  atRisk: false,
  breached: false,
  title: 'Druckluft Halle 3 schwankt',
  priority: 'C',
  status: 'on_site',
  channel: 'email',
  createdAt: '2026-07-01T12:00:00.000Z', // CEST (UTC+2) → 14:00
};

describe('TicketListPageComponent', () => {
  let api: FakeTicketsApi;
  let fixture: ComponentFixture<TicketListPageComponent>;

  beforeEach(async () => {
    api = new FakeTicketsApi();
    TestBed.configureTestingModule({
      providers: [
        { provide: TicketsApiService, useValue: api },
        { provide: LOCALE_ID, useValue: 'de-DE' },
        provideTicketListIcons(),
      ],
    });
    fixture = TestBed.createComponent(TicketListPageComponent);
    await fixture.whenStable();
  });

  function text(): string {
    return (fixture.nativeElement as HTMLElement).textContent?.replace(/\s+/g, ' ') ?? '';
  }

  function statusRegion(): HTMLElement {
    const region = (fixture.nativeElement as HTMLElement).querySelector<HTMLElement>('[role="status"]');
    if (!region) {
      throw new Error('no status region');
    }
    return region;
  }

  it('announces loading politely and shows a progress bar until the API answers', () => {
    expect(statusRegion().getAttribute('aria-live')).toBe('polite');
    expect(statusRegion().textContent).toContain('Tickets werden geladen');
    expect(fixture.nativeElement.querySelector('mat-progress-bar')).not.toBeNull();
  });

  it('renders one row per ticket with priority as text, German status and de-DE Berlin time', async () => {
    api.respond([WINTER_TICKET, SUMMER_TICKET]);

    const table = await TestbedHarnessEnvironment.loader(fixture).getHarness(MatTableHarness);
    expect(await table.getHeaderRows().then((rows) => rows[0]?.getCellTextByIndex())).toEqual([
      'Nr.',
      'Priorität',
      'Titel',
      'Status',
      'Erstellt',
    ]);
    expect(await table.getCellTextByIndex()).toEqual([
      ['2026-000042', 'A – hoch', 'Aufzug 2 steht zwischen EG und 1. OG', 'Neu', '21.11.2026, 14:05'],
      ['2026-000043', 'C – niedrig', 'Druckluft Halle 3 schwankt', 'Vor Ort', '01.07.2026, 14:00'],
    ]);
    expect(statusRegion().textContent?.trim()).toBe('2 Tickets');
    expect(fixture.nativeElement.querySelector('table caption')?.textContent?.trim()).toBe('Tickets');
    expect(fixture.nativeElement.querySelector('mat-progress-bar')).toBeNull();
  });

  it('shows the empty state "Keine Tickets" and no table when there are no tickets', async () => {
    api.respond([]);
    await fixture.whenStable();

    expect(statusRegion().textContent?.trim()).toBe('Keine Tickets');
    expect(fixture.nativeElement.querySelector('table')).toBeNull();
  });

  it('shows the error with the HTTP status and loads again on "Erneut versuchen"', async () => {
    api.fail(503);
    await fixture.whenStable();

    expect(statusRegion().textContent).toContain(
      'Tickets konnten nicht geladen werden. Der Server antwortete mit HTTP 503: Datenbank nicht erreichbar.',
    );
    const retry = await TestbedHarnessEnvironment.loader(fixture).getHarness(
      MatButtonHarness.with({ text: 'Erneut versuchen' }),
    );
    await retry.click();
    expect(api.calls).toHaveLength(2);

    api.respond([WINTER_TICKET]);
    await fixture.whenStable();
    expect(text()).toContain('Aufzug 2 steht zwischen EG und 1. OG');
    expect(text()).not.toContain('Erneut versuchen');
  });

  it('keeps the rows visible while "Aktualisieren" reloads, then shows the new list', async () => {
    api.respond([WINTER_TICKET]);
    await fixture.whenStable();

    const refresh = await TestbedHarnessEnvironment.loader(fixture).getHarness(
      MatButtonHarness.with({ text: /Aktualisieren/ }),
    );
    await refresh.click();
    expect(api.calls).toHaveLength(2);
    expect(text()).toContain('2026-000042');
    expect(fixture.nativeElement.querySelector('table')?.getAttribute('aria-busy')).toBe('true');

    api.respond([WINTER_TICKET, SUMMER_TICKET]);
    await fixture.whenStable();
    expect(text()).toContain('2026-000043');
    expect(statusRegion().textContent?.trim()).toBe('2 Tickets');
  });
});
