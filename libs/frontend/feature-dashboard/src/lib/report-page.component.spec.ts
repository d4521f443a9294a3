import { HttpErrorResponse } from '@angular/common/http';
import { DOCUMENT } from '@angular/common';
import { TestBed } from '@angular/core/testing';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { of, throwError } from 'rxjs';
import { KpiApiService } from '@leitstand/frontend/data-access';
import { I18nService } from '@leitstand/frontend/i18n';
import { COST_FIXTURE, KPI_FIXTURE } from './kpi.fixtures';
import { ReportPageComponent } from './report-page.component';

const text = (el: Element | null | undefined) =>
  (el?.textContent ?? '')
    .replace(/\s+/g, ' ')
    .replace(/\u00a0/g, ' ')
    .trim();

describe('ReportPageComponent', () => {
  let harness: RouterTestingHarness;
  afterEach(() => localStorage.clear());

  async function open(url: string, api: Partial<KpiApiService>) {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'dashboard/report', component: ReportPageComponent }], withComponentInputBinding()),
        { provide: KpiApiService, useValue: api },
      ],
    });
    harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url);
    await harness.fixture.whenStable();
    return harness.routeNativeElement as HTMLElement;
  }

  it('prints the month: header, all six tables without CSV buttons, and "Drucken" calls window.print()', async () => {
    const kpis = jest.fn(() => of(KPI_FIXTURE));
    const root = await open('/dashboard/report?contract=c-1&period=2026-10', { kpis, costs: () => of(COST_FIXTURE) });
    expect(kpis).toHaveBeenCalledWith('c-1', '2026-10');
    expect(text(root.querySelector('h1'))).toBe('SLA-Bericht Oktober 2026');
    expect(Array.from(root.querySelectorAll('dd')).map((dd) => text(dd))).toEqual([
      'Technischer Gesamtservice',
      '01.10.2026 bis vor 01.11.2026 (Europe/Berlin)',
      '01.11.2026, 00:00',
      '01.11.2026, 02:30',
      '-5,54 €',
      '10.138,21 €',
    ]);
    expect(Array.from(root.querySelectorAll('table')).map((t) => t.getAttribute('data-table'))).toEqual([
      'verfuegbarkeit',
      'sla-erfuellung',
      'mttr-mtbf',
      'bonus-malus',
      'kosten',
      'marge',
    ]);
    expect(root.querySelectorAll('button.csv').length).toBe(0);
    expect(root.querySelector('.ls-page-break table')?.getAttribute('data-table')).toBe('bonus-malus');

    const print = jest.fn();
    const win = TestBed.inject(DOCUMENT).defaultView as Window;
    const original = win.print;
    win.print = print;
    try {
      const button = Array.from(root.querySelectorAll('button')).find((b) => text(b) === 'Drucken');
      button?.click();
      expect(print).toHaveBeenCalledTimes(1);
    } finally {
      win.print = original;
    }
  });

  it('asks for contract and period when they are missing', async () => {
    const kpis = jest.fn();
    const root = await open('/dashboard/report?period=nope', { kpis });
    expect(kpis).not.toHaveBeenCalled();
    expect(text(root.querySelector('[role="alert"]'))).toContain('Bitte Vertrag und Zeitraum wählen');
  });

  it('shows the API error', async () => {
    const root = await open('/dashboard/report?contract=c-9&period=2026-10', {
      kpis: () => throwError(() => new HttpErrorResponse({ status: 404 })),
      costs: () => of(COST_FIXTURE),
    });
    expect(text(root.querySelector('[role="alert"]'))).toContain('Vertrag nicht gefunden.');
  });

  it('switches the report to English, with en-GB dates and amounts, at runtime', async () => {
    const root = await open('/dashboard/report?contract=c-1&period=2026-10', {
      kpis: () => of(KPI_FIXTURE),
      costs: () => of(COST_FIXTURE),
    });
    TestBed.inject(I18nService).setLanguage('en');
    await harness.fixture.whenStable();
    expect(text(root.querySelector('h1'))).toBe('SLA report October 2026');
    expect(Array.from(root.querySelectorAll('dt')).map((dt) => text(dt))).toEqual([
      'Contract',
      'Period',
      'Measured until',
      'Computed on',
      'Bonus/malus',
      'Total cost',
    ]);
    expect(Array.from(root.querySelectorAll('dd')).map((dd) => text(dd))).toEqual([
      'Technischer Gesamtservice',
      '01/10/2026 until before 01/11/2026 (Europe/Berlin)',
      '01/11/2026, 00:00',
      '01/11/2026, 02:30',
      '-€5.54',
      '€10,138.21',
    ]);
    expect(Array.from(root.querySelectorAll('table[data-table="kosten"] thead th'), (th) => text(th))).toEqual([
      'Item',
      'Amount',
      'Derivation',
    ]);
    expect(Array.from(root.querySelectorAll('button, a'), (b) => text(b))).toEqual(['Back to the dashboard', 'Print']);
  });
});
