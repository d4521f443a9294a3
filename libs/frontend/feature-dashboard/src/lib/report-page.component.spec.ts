import { HttpErrorResponse } from '@angular/common/http';
import { DOCUMENT } from '@angular/common';
import { TestBed } from '@angular/core/testing';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { of, throwError } from 'rxjs';
import { KpiApiService } from '@leitstand/frontend/data-access';
import { COST_FIXTURE, KPI_FIXTURE } from './kpi.fixtures';
import { ReportPageComponent } from './report-page.component';

const text = (el: Element | null | undefined) =>
  (el?.textContent ?? '')
    .replace(/\s+/g, ' ')
    .replace(/\u00a0/g, ' ')
    .trim();

describe('ReportPageComponent', () => {
  async function open(url: string, api: Partial<KpiApiService>) {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'dashboard/report', component: ReportPageComponent }], withComponentInputBinding()),
        { provide: KpiApiService, useValue: api },
      ],
    });
    const harness = await RouterTestingHarness.create();
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
      '2026-10-01 bis vor 2026-11-01 (Europe/Berlin)',
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
});
