import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { OccurrenceCalendarItem, OccurrenceCalendarResponse } from '@leitstand/api-contracts';
import { I18nService } from '@leitstand/frontend/i18n';
import { CalendarPageComponent, CHIPS_PER_DAY } from './calendar-page.component';
import { MAINTENANCE_NOW } from './maintenance-now.token';

const SITE = { id: 's-1', name: 'Klinikum Nord', timezone: 'Europe/Berlin' };

type Status = OccurrenceCalendarItem['status'];
interface Row {
  id: string;
  targetDate: string;
  status: Status;
}

function row(id: string, targetDate: string, status: Status): Row {
  return { id, targetDate, status };
}

/** The API's calendar answer for rows of one requirement, each on its own asset `AZ-<id>`. */
function answer(rows: readonly Row[]): OccurrenceCalendarResponse {
  return {
    requirements: [{ id: 'r-1', taskKey: 'elevator-maintenance', title: 'Aufzugswartung' }],
    assets: rows.map((r) => ({ id: `a-${r.id}`, code: `AZ-${r.id}`, name: 'Aufzug', trade: 'elevators' })),
    items: rows.map((r, i) => ({ ...r, requirement: 0, asset: i })),
  };
}

/** Runs change detection and effects until a pending request has been sent (whenStable would wait for its answer). */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    TestBed.tick();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('CalendarPageComponent', () => {
  let http: HttpTestingController;

  async function open(url: string) {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter(
          [{ path: 'maintenance/calendar', component: CalendarPageComponent }],
          withComponentInputBinding(),
        ),
        // 23:30 UTC on 6 December is already 7 December in Berlin, the site's zone.
        { provide: MAINTENANCE_NOW, useValue: () => new Date('2026-12-06T23:30:00Z') },
      ],
    });
    TestBed.inject(I18nService).setLanguage('de');
    http = TestBed.inject(HttpTestingController);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url);
    http.expectOne('/api/sites').flush({ items: [SITE], nextCursor: null });
    http.expectOne('/api/maintenance/tasks').flush({
      items: [
        { key: 'elevator-maintenance', trade: 'elevators' },
        { key: 'sprinkler-test', trade: 'sprinkler' },
      ],
    });
    // Sites and tasks are in: the calendar asks for its rows (the app stays busy until they are answered).
    await settle();
    return harness;
  }

  afterEach(() => http.verify());

  it("loads the site's month grid and shows each occurrence as a labelled chip linking to its detail", async () => {
    const harness = await open('/maintenance/calendar');
    // December 2026 in Monday-first weeks: 30 Nov … 3 Jan.
    const request = http.expectOne((r) => r.url === '/api/maintenance/occurrences' && r.params.get('siteId') === 's-1');
    expect(request.request.params.get('from')).toBe('2026-11-30');
    expect(request.request.params.get('to')).toBe('2027-01-03');
    expect(request.request.params.has('trade')).toBe(false);
    const many = Array.from({ length: CHIPS_PER_DAY + 2 }, (_, i) => row(`m${i}`, '2026-12-14', 'planned'));
    request.flush(answer([row('1', '2026-12-07', 'missed'), row('2', '2026-12-07', 'done-on-time'), ...many]));
    await harness.fixture.whenStable();
    const root = harness.routeNativeElement as HTMLElement;

    expect(text(root.querySelector('.period-title'))).toBe('Dezember 2026');
    expect(root.querySelectorAll('table.month tbody tr')).toHaveLength(5);
    const today = root.querySelector('td[data-date="2026-12-07"]') as HTMLElement;
    expect(today.getAttribute('aria-current')).toBe('date');
    const chips = Array.from(today.querySelectorAll('a.chip'));
    expect(chips.map((c) => c.getAttribute('aria-label'))).toEqual([
      'Versäumt: AZ-1 Aufzugswartung',
      'Fristgerecht erledigt: AZ-2 Aufzugswartung',
    ]);
    expect(chips[0]?.getAttribute('href')).toBe('/maintenance/occurrences/1');
    // status in text (for screen readers) and symbol, not colour alone
    expect(text(chips[0]?.querySelector('ls-occurrence-status'))).toBe('✗ Versäumt');

    const busy = root.querySelector('td[data-date="2026-12-14"]') as HTMLElement;
    expect(busy.querySelectorAll('a.chip')).toHaveLength(CHIPS_PER_DAY);
    const more = busy.querySelector('button.more') as HTMLButtonElement;
    expect(text(more)).toBe('+2 weitere');
    more.click();
    await harness.fixture.whenStable();
    expect(busy.querySelectorAll('a.chip')).toHaveLength(CHIPS_PER_DAY + 2);
    expect(more.getAttribute('aria-expanded')).toBe('true');

    // the legend names every status
    expect(Array.from(root.querySelectorAll('.legend li'), (li) => text(li))).toEqual([
      '○ Geplant',
      '◐ Fällig',
      '! Überfällig',
      '✓ Fristgerecht erledigt',
      '✓! Verspätet erledigt',
      '✗ Versäumt',
      '– Storniert',
    ]);
  });

  it('switches to the year table, counts per month and status, and keeps the view in the address', async () => {
    const harness = await open('/maintenance/calendar?view=year&year=2026&trade=elevators');
    const request = http.expectOne((r) => r.url === '/api/maintenance/occurrences');
    expect(request.request.params.get('from')).toBe('2026-01-01');
    expect(request.request.params.get('to')).toBe('2026-12-31');
    expect(request.request.params.get('trade')).toBe('elevators');
    request.flush(
      answer([
        row('1', '2026-01-10', 'done-on-time'),
        row('2', '2026-01-20', 'done-late'),
        row('3', '2026-03-05', 'missed'),
      ]),
    );
    await harness.fixture.whenStable();
    const root = harness.routeNativeElement as HTMLElement;
    const january = Array.from(root.querySelectorAll('tr[data-month="2026-01"] td'), (td) => text(td));
    // planned, due, overdue, done on time, done late, missed, cancelled, total
    expect(january).toEqual(['0', '0', '0', '1', '1', '0', '0', '2']);
    expect(text(root.querySelector('tr[data-month="2026-03"] td[data-status="missed"]'))).toBe('1');
    expect(text(root.querySelector('tfoot td.total'))).toBe('3');

    (root.querySelector('tr[data-month="2026-03"] th button') as HTMLButtonElement).click();
    await settle();
    http
      .expectOne((r) => r.params.get('from') === '2026-02-23' && r.params.get('to') === '2026-04-05')
      .flush(answer([]));
    await harness.fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe('/maintenance/calendar?site=s-1&trade=elevators&view=month&month=2026-03');
    expect(text(root.querySelector('.empty'))).toBe('Keine Fälligkeiten in diesem Zeitraum.');
  });
});
