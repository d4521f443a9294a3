import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { type Observable, of } from 'rxjs';
import type { ComplianceResponse, NonCompliantOccurrence } from '@leitstand/frontend/data-access';
import { MaintenanceApiService } from '@leitstand/frontend/data-access';
import { I18nService } from '@leitstand/frontend/i18n';
import { CompliancePanelComponent, complianceViewModel, dayBefore } from './compliance-panel.component';

function miss(id: string, reason: NonCompliantOccurrence['reason'], targetDate: string): NonCompliantOccurrence {
  return {
    occurrenceId: id,
    reason,
    taskKey: 'elevator-statutory-inspection',
    title: `Hauptprüfung ${id}`,
    trade: 'elevators',
    siteId: 's-1',
    assetId: `a-${id}`,
    assetCode: `AZ-${id}`,
    assetName: 'Aufzug',
    targetDate,
    onTimeLimit: targetDate,
    legalLatest: targetDate,
    completedOn: reason === 'late' ? '2026-10-20' : null,
    status: reason === 'missed' ? 'missed' : reason === 'late' ? 'done-late' : 'overdue',
  };
}

// 10 due in October: 7 on time, 1 late, 1 missed, 1 still open → 7 / 10 = 70.00 %.
const FIXTURE: ComplianceResponse = {
  contractId: 'c-1',
  from: '2026-10-01',
  to: '2026-10-31',
  today: '2026-11-21',
  measuredTo: '2026-10-31',
  undecided: 0,
  undecidedByTrade: {},
  total: {
    due: 10,
    onTime: 7,
    late: 1,
    missed: 1,
    open: 1,
    cancelled: 2,
    percent: '70.00',
    derivation: ['7 fristgerecht mit Nachweis ÷ 10 fällig = 70,00 %'],
    nonCompliant: [],
  },
  byTrade: {
    'sprinkler-systems': {
      due: 4,
      onTime: 4,
      late: 0,
      missed: 0,
      open: 0,
      cancelled: 0,
      percent: '100.00',
      derivation: [],
      nonCompliant: [],
    },
    elevators: {
      due: 6,
      onTime: 3,
      late: 1,
      missed: 1,
      open: 1,
      cancelled: 2,
      percent: '50.00',
      derivation: [],
      nonCompliant: [],
    },
  },
  nonCompliant: [miss('3', 'late', '2026-10-05'), miss('2', 'open', '2026-10-30'), miss('1', 'missed', '2026-10-12')],
  nonCompliantTotal: 3,
  nonCompliantTruncated: false,
};

/**
 * 1,200 missed and 300 late of 2,000 due; the answer's drill-down holds the first 500, all missed (missed first),
 * so the panel lists 500 of the 1,500 missed and late and says so.
 */
const TRUNCATED: ComplianceResponse = {
  ...FIXTURE,
  total: { ...FIXTURE.total, due: 2000, onTime: 500, late: 300, missed: 1200, open: 0, percent: '25.00' },
  byTrade: {},
  nonCompliant: Array.from({ length: 500 }, (_, i) => miss(String(1000 + i), 'missed', '2026-10-12')),
  nonCompliantTotal: 1500,
  nonCompliantTruncated: true,
};

describe('complianceViewModel', () => {
  it('formats the percentage in the locale and sorts the trades by name', () => {
    const view = complianceViewModel(FIXTURE, 'de-DE');
    expect(view.percent).toBe('70 %');
    expect(view.nothingDue).toBe(false);
    expect(view.byTrade.map((r) => [r.trade, r.percent, r.due, r.missed])).toEqual([
      ['elevators', '50 %', 6, 1],
      ['sprinkler-systems', '100 %', 4, 0],
    ]);
    expect(complianceViewModel(FIXTURE, 'en-GB').percent).toBe('70%');
  });

  it('drills down to every missed and late occurrence, missed first, and counts the open ones apart', () => {
    const view = complianceViewModel(FIXTURE, 'de-DE');
    expect(view.misses.map((o) => [o.occurrenceId, o.reason])).toEqual([
      ['1', 'missed'],
      ['3', 'late'],
    ]);
    expect(view.openCount).toBe(1);
    expect([view.missesTotal, view.truncated]).toEqual([2, false]);
  });

  it('counts every missed and late occurrence when the drill-down holds only a part of them', () => {
    const view = complianceViewModel(TRUNCATED, 'de-DE');
    expect([view.misses.length, view.missesTotal, view.truncated]).toEqual([500, 1500, true]);
  });

  it('shows "–" (not 100 %) when nothing was due', () => {
    const empty = {
      due: 0,
      onTime: 0,
      late: 0,
      missed: 0,
      open: 0,
      cancelled: 0,
      percent: null,
      derivation: [],
      nonCompliant: [],
    };
    const view = complianceViewModel({ ...FIXTURE, total: empty, byTrade: {}, nonCompliant: [] }, 'de-DE');
    expect(view.percent).toBe('–');
    expect(view.nothingDue).toBe(true);
  });
});

describe('dayBefore', () => {
  it('turns the exclusive end of a period into its last day, across months and leap days', () => {
    expect(dayBefore('2026-11-01')).toBe('2026-10-31');
    expect(dayBefore('2027-01-01')).toBe('2026-12-31');
    expect(dayBefore('2028-03-01')).toBe('2028-02-29');
    expect(dayBefore('2027-03-01')).toBe('2027-02-28');
  });
});

/** The panel for contract c-1 over October 2026 in German, on `api`, rendered and stable. */
async function renderPanel(api: { compliance: () => Observable<ComplianceResponse> } | object) {
  TestBed.configureTestingModule({
    providers: [provideRouter([]), { provide: MaintenanceApiService, useValue: api }],
  });
  const i18n = TestBed.inject(I18nService);
  i18n.setLanguage('de');
  const fixture = TestBed.createComponent(CompliancePanelComponent);
  fixture.componentRef.setInput('contractId', 'c-1');
  fixture.componentRef.setInput('from', '2026-10-01');
  fixture.componentRef.setInput('to', '2026-10-31');
  await fixture.whenStable();
  return { fixture, i18n, root: fixture.nativeElement as HTMLElement };
}

describe('CompliancePanelComponent', () => {
  it('renders the figure and opens the drill-down with a link to each miss', async () => {
    const calls: string[] = [];
    const api = {
      compliance(contractId: string, from: string, to: string): Observable<ComplianceResponse> {
        calls.push(`${contractId} ${from} ${to}`);
        return of(FIXTURE);
      },
    };
    const { fixture, root } = await renderPanel(api);
    expect(calls).toEqual(['c-1 2026-10-01 2026-10-31']);
    expect(root.querySelector('[data-figure="compliance"]')?.textContent?.replace(/\s/g, ' ')).toBe('70 %');
    expect(root.querySelector('#compliance-misses')).toBeNull();

    const button = root.querySelector('button.drill-down') as HTMLButtonElement;
    expect(button.textContent?.trim()).toBe('Versäumte und verspätete Fälligkeiten (2)');
    button.click();
    await fixture.whenStable();
    const rows = Array.from(root.querySelectorAll('#compliance-misses tbody tr'));
    expect(rows.map((r) => r.getAttribute('data-reason'))).toEqual(['missed', 'late']);
    expect(rows[0]?.querySelector('a')?.getAttribute('href')).toBe('/maintenance/occurrences/1');
    expect(rows[0]?.textContent).toContain('Versäumt');
    expect(rows[0]?.textContent).toContain('12.10.2026');
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(root.querySelector('[data-hint="truncated"]')).toBeNull();
  });

  it('says how many missed and late occurrences the list leaves out, in German and English', async () => {
    const api = { compliance: (): Observable<ComplianceResponse> => of(TRUNCATED) };
    const { fixture, i18n, root } = await renderPanel(api);
    expect(root.querySelector('button.drill-down')?.textContent?.trim()).toBe(
      'Versäumte und verspätete Fälligkeiten (1500)',
    );
    expect(root.querySelector('[data-hint="truncated"]')?.textContent?.trim()).toBe(
      'Die Liste zeigt die ersten 500 von 1500 versäumten und verspäteten Fälligkeiten (versäumte zuerst); die Zahlen oben zählen alle.',
    );
    i18n.setLanguage('en');
    fixture.detectChanges();
    await fixture.whenStable();
    expect(root.querySelector('[data-hint="truncated"]')?.textContent?.trim()).toBe(
      'The list shows the first 500 of 1500 missed and late occurrences (missed first); the figures above count them all.',
    );
  });
});
