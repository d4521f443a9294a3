import { Component, input } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { HttpErrorResponse } from '@angular/common/http';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatSelectHarness } from '@angular/material/select/testing';
import { withComponentInputBinding } from '@angular/router';
import { type Observable, of, throwError } from 'rxjs';
import type { ContractListResponse, CostView, KpiView } from '@leitstand/api-contracts';
import { type ComplianceResponse, KpiApiService, MaintenanceApiService } from '@leitstand/frontend/data-access';
import { I18nService } from '@leitstand/frontend/i18n';
import { DashboardPageComponent } from './dashboard-page.component';
import { KpiChartComponent } from './kpi-chart.component';
import { COST_FIXTURE, KPI_FIXTURE, contractFixture, noFiguresFixture } from './kpi.fixtures';
import { NOW } from './now.token';

interface ChartOptions {
  xAxis: { data: string[] };
  yAxis: { axisLabel: { formatter: (value: number) => string } };
  series: { name: string; label?: { formatter: (p: { dataIndex: number }) => string } }[];
}

/** Stands in for the ECharts chart (no canvas in jsdom) and shows what it was given. */
@Component({
  selector: 'ls-kpi-chart',
  template: `<div
    role="img"
    [attr.aria-label]="label()"
    [attr.data-categories]="options().xAxis.data.join('|')"
    [attr.data-series]="options().series[0]?.name"
    [attr.data-tick]="options().yAxis.axisLabel.formatter(2500)"
    [attr.data-bar]="options().series[0]?.label?.formatter({ dataIndex: 0 })"
  ></div>`,
})
class FakeChartComponent {
  readonly options = input.required<ChartOptions>();
  readonly label = input.required<string>();
}

class FakeKpiApi {
  calls: string[] = [];
  fail = false;
  list = [contractFixture('c-1', 'Technischer Gesamtservice'), contractFixture('c-2', 'Wartung')];
  /** Answers for a contract and period ("c-1 2026-11"), else the October fixtures. */
  answers = new Map<string, { kpis: KpiView; costs: CostView }>();
  contracts(): Observable<ContractListResponse> {
    return of({ items: this.list, nextCursor: null });
  }
  kpis(id: string, period: string): Observable<KpiView> {
    this.calls.push(`kpis ${id} ${period}`);
    if (this.fail) {
      return throwError(
        () => new HttpErrorResponse({ status: 500, error: { statusCode: 500, error: 'x', message: 'Datenbank weg' } }),
      );
    }
    const answer = this.answers.get(`${id} ${period}`)?.kpis;
    return of(answer ?? { ...KPI_FIXTURE, contractId: id, period: { ...KPI_FIXTURE.period, key: period } });
  }
  costs(id: string, period: string): Observable<CostView> {
    this.calls.push(`costs ${id} ${period}`);
    return of(this.answers.get(`${id} ${period}`)?.costs ?? { ...COST_FIXTURE, contractId: id });
  }
}

/** The compliance panel's API: one contract with 3 of 4 occurrences on time (what it was asked is recorded). */
class FakeMaintenanceApi {
  calls: string[] = [];
  compliance(contractId: string, from: string, to: string): Observable<ComplianceResponse> {
    this.calls.push(`compliance ${contractId} ${from} ${to}`);
    const figure = {
      due: 4,
      onTime: 3,
      late: 0,
      missed: 1,
      open: 0,
      cancelled: 0,
      percent: '75.00',
      derivation: [],
      nonCompliant: [],
    };
    return of({
      contractId,
      from,
      to,
      today: '2026-11-21',
      measuredTo: to,
      undecided: 0,
      undecidedByTrade: {},
      total: figure,
      byTrade: { elevators: figure },
      nonCompliant: [],
      nonCompliantTotal: 0,
      nonCompliantTruncated: false,
    });
  }
}

const text = (el: Element | null | undefined) =>
  (el?.textContent ?? '')
    .replace(/\s+/g, ' ')
    .replace(/\u00a0/g, ' ')
    .trim();

function cellsOf(root: HTMLElement, tableId: string): string[][] {
  return Array.from(root.querySelectorAll(`table[data-table="${tableId}"] tbody tr`)).map((tr) =>
    Array.from(tr.children, (c) => text(c)),
  );
}

describe('DashboardPageComponent', () => {
  let api: FakeKpiApi;
  let maintenance: FakeMaintenanceApi;

  async function open(url = '/dashboard') {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'dashboard', component: DashboardPageComponent }], withComponentInputBinding()),
        { provide: KpiApiService, useValue: api },
        { provide: MaintenanceApiService, useValue: maintenance },
        { provide: NOW, useValue: () => new Date('2026-11-21T12:00:00Z') },
      ],
    });
    TestBed.overrideComponent(DashboardPageComponent, {
      remove: { imports: [KpiChartComponent] },
      add: { imports: [FakeChartComponent] },
    });
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url);
    await harness.fixture.whenStable();
    return harness;
  }

  beforeEach(() => {
    localStorage.clear();
    api = new FakeKpiApi();
    maintenance = new FakeMaintenanceApi();
  });

  afterEach(() => localStorage.clear());

  it('loads the first contract for the last full month and renders every table', async () => {
    const harness = await open();
    const root = harness.routeNativeElement as HTMLElement;
    expect(api.calls).toEqual(['kpis c-1 2026-10', 'costs c-1 2026-10']);
    // the compliance panel asks for the same period with inclusive bounds (the KPI period's `to` is exclusive)
    expect(maintenance.calls).toEqual(['compliance c-1 2026-10-01 2026-10-31']);
    expect(text(root.querySelector('#compliance [data-figure="compliance"]'))).toBe('75 %');
    expect(cellsOf(root, 'verfuegbarkeit')[0]).toEqual([
      'Klasse A',
      '2',
      '89.400 min',
      '480 min',
      '447 min',
      '99,4631 %',
      '99,5 %',
      '✗ verfehlt',
    ]);
    expect(cellsOf(root, 'sla-erfuellung')[1]).toEqual([
      'A',
      'Entstörung', // one name per clock, as in the queue and the ticket (was "Wiederherstellung")
      '2',
      '1',
      '66,6667 %',
      '2026-900001',
    ]);
    // MTTR and MTBF in hours and minutes (was "165 min" and "29.640 min")
    expect(cellsOf(root, 'mttr-mtbf')[0]).toEqual(['Klasse A', '4', '2 h 45 min', '3', '494 h 0 min']);
    expect(cellsOf(root, 'bonus-malus').at(-1)).toEqual(['Bonus/Malus', '–', 'Summe −5,54 €', '–', '-5,54 €']);
    expect(cellsOf(root, 'kosten').map((r) => r.slice(0, 2))).toEqual([
      ['Pauschalen', '10.000,00 €'],
      ['Zusatzleistungen (außerhalb des Umfangs)', '143,75 €'],
      ['Inspektionen', '0,00 €'],
      ['Bonus/Malus', '-5,54 €'],
      ['Summe (Umsatz des Dienstleisters)', '10.138,21 €'],
    ]);
    expect(cellsOf(root, 'marge').at(-1)).toEqual(['Marge', '10.020,71 €', '98,84 % vom Umsatz']);
    expect(root.querySelectorAll('button.csv').length).toBe(6);
    const chart = root.querySelector('[role="img"]');
    expect(chart?.getAttribute('aria-label')).toContain('Klasse A 99,4631 % (Ziel 99,5 %, verfehlt)');
    expect(text(root.querySelector('[role="status"]'))).toBe(
      'Kennzahlen für Technischer Gesamtservice, Oktober 2026 geladen.',
    );
  });

  it('switches to a quarter and another contract, and reflects them in the URL', async () => {
    const harness = await open();
    const loader = TestbedHarnessEnvironment.loader(harness.fixture);
    const [contract, kind, period] = await loader.getAllHarnesses(MatSelectHarness);
    await kind?.clickOptions({ text: 'Quartal' });
    await harness.fixture.whenStable();
    expect(api.calls.slice(-2)).toEqual(['kpis c-1 2026-Q4', 'costs c-1 2026-Q4']);
    expect(await period?.getValueText()).toBe('4. Quartal 2026');
    await period?.clickOptions({ text: '3. Quartal 2026' });
    await contract?.clickOptions({ text: 'Wartung' });
    await harness.fixture.whenStable();
    expect(api.calls.at(-2)).toBe('kpis c-2 2026-Q3');
    expect(TestBed.inject(Router).url).toBe('/dashboard?contract=c-2&period=2026-Q3');
  });

  it('reads contract and period from the URL', async () => {
    await open('/dashboard?contract=c-2&period=2026');
    expect(api.calls).toEqual(['kpis c-2 2026', 'costs c-2 2026']);
  });

  it('shows an error with a retry that loads again', async () => {
    api.fail = true;
    const harness = await open();
    const root = harness.routeNativeElement as HTMLElement;
    expect(text(root.querySelector('[role="alert"]'))).toContain(
      'Kennzahlen konnten nicht geladen werden. Datenbank weg',
    );
    expect(root.querySelector('table')).toBeNull();
    api.fail = false;
    (root.querySelector('[role="alert"] button') as HTMLButtonElement).click();
    await harness.fixture.whenStable();
    expect(root.querySelector('[role="alert"]')).toBeNull();
    expect(cellsOf(root, 'kosten').length).toBe(5);
  });

  it('switches texts, figures, dates and charts to English at runtime and back', async () => {
    const harness = await open();
    const root = harness.routeNativeElement as HTMLElement;
    const i18n = TestBed.inject(I18nService);
    const charts = () => Array.from(root.querySelectorAll('[role="img"]'));
    const headers = (tableId: string) =>
      Array.from(root.querySelectorAll(`table[data-table="${tableId}"] thead th`), (th) => text(th));
    expect(text(root.querySelector('[data-figure="period"]'))).toBe(
      '01.10.2026 bis vor 01.11.2026, Zeitzone Europe/Berlin',
    );
    expect(charts()[0]?.getAttribute('data-series')).toBe('Verfügbarkeit');
    expect(charts()[0]?.getAttribute('data-categories')).toBe('Klasse A|Klasse C');
    expect(charts()[0]?.getAttribute('data-bar')).toBe('99,4631 %');
    expect(
      charts()[2]
        ?.getAttribute('data-tick')
        ?.replace(/\u00a0/g, ' '),
    ).toBe('2.500 €');

    i18n.setLanguage('en');
    await harness.fixture.whenStable();
    expect(text(root.querySelector('h1'))).toBe('Contract figures');
    expect(Array.from(root.querySelectorAll('mat-label'), (l) => text(l))).toEqual([
      'Contract',
      'Kind of period',
      'Period',
    ]);
    expect(Array.from(root.querySelectorAll('h2'), (h) => text(h))).toEqual([
      'Availability',
      'SLA compliance',
      'MTTR / MTBF',
      'Bonus/malus',
      'Maintenance & inspection compliance',
      'Cost and margin',
      'Notes',
    ]);
    expect(text(root.querySelector('[role="status"]'))).toBe(
      'Figures for Technischer Gesamtservice, October 2026 loaded.',
    );
    expect(text(root.querySelector('[data-figure="period"]'))).toBe(
      '01/10/2026 until before 01/11/2026, time zone Europe/Berlin',
    );
    expect(text(root.querySelector('.meta'))).toContain('Availability basis: around the clock');
    expect(headers('verfuegbarkeit')).toEqual([
      'Asset class',
      'Assets',
      'Basis',
      'Downtime',
      'Allowed downtime',
      'Availability',
      'Target',
      'Target met',
    ]);
    expect(cellsOf(root, 'verfuegbarkeit')[0]).toEqual([
      'Class A',
      '2',
      '89,400 min',
      '480 min',
      '447 min',
      '99.4631%',
      '99.5%',
      '✗ missed',
    ]);
    expect(cellsOf(root, 'sla-erfuellung')[1]?.slice(0, 2)).toEqual(['A', 'Restore']);
    expect(cellsOf(root, 'kosten').map((r) => r.slice(0, 2))).toEqual([
      ['Flat fees', '€10,000.00'],
      ['Additional work (out of scope)', '€143.75'],
      ['Inspections', '€0.00'],
      ['Bonus/malus', '-€5.54'],
      ["Total (provider's revenue)", '€10,138.21'],
    ]);
    expect(cellsOf(root, 'marge').at(-1)).toEqual(['Margin', '€10,020.71', '98.84% of revenue']);
    expect(text(root.querySelector('[data-figure="bonus-malus"]'))).toBe('-€5.54');
    expect(text(root.querySelector('a.report-link'))).toBe('SLA report (printable)');
    expect(Array.from(root.querySelectorAll('button.csv'), (b) => b.getAttribute('aria-label'))[0]).toBe(
      'CSV export: Availability per asset class',
    );
    // The charts get new options (ngx-echarts redraws on them) and a new text summary.
    expect(charts()[0]?.getAttribute('aria-label')).toContain('Class A 99.4631% (target 99.5%, missed)');
    expect(charts()[0]?.getAttribute('data-series')).toBe('Availability');
    expect(charts()[0]?.getAttribute('data-categories')).toBe('Class A|Class C');
    expect(charts()[0]?.getAttribute('data-bar')).toBe('99.4631%');
    expect(charts()[1]?.getAttribute('data-series')).toBe('SLA compliance');
    expect(charts()[2]?.getAttribute('data-series')).toBe('Amount');
    expect(charts()[2]?.getAttribute('data-tick')).toBe('€2,500');
    expect(charts()[2]?.getAttribute('aria-label')).toContain('Flat fees €10,000.00');
    // The period picker speaks English, too.
    const [, kind, period] = await TestbedHarnessEnvironment.loader(harness.fixture).getAllHarnesses(MatSelectHarness);
    expect(await kind?.getValueText()).toBe('Month');
    expect(await period?.getValueText()).toBe('October 2026');

    i18n.setLanguage('de');
    await harness.fixture.whenStable();
    expect(text(root.querySelector('h1'))).toBe('Vertragskennzahlen');
    expect(cellsOf(root, 'verfuegbarkeit')[0]?.[5]).toBe('99,4631 %');
    expect(charts()[0]?.getAttribute('data-series')).toBe('Verfügbarkeit');
  });

  it('opens on a contract whose term covers the last full month, not on one that has not started', async () => {
    api.list = [
      contractFixture('c-1', 'Neuvertrag 2027–2031', { startsOn: '2027-01-01', endsOn: '2031-12-31' }),
      contractFixture('c-2', 'Wartung', { startsOn: '2025-01-01', endsOn: null }),
    ];
    await open();
    expect(api.calls).toEqual(['kpis c-2 2026-10', 'costs c-2 2026-10']);
  });

  it('opens a contract whose term ended on its last month', async () => {
    api.list = [contractFixture('c-1', 'Altvertrag', { startsOn: '2024-01-01', endsOn: '2025-06-30' })];
    await open('/dashboard?contract=c-1');
    expect(api.calls).toEqual(['kpis c-1 2025-06', 'costs c-1 2025-06']);
  });

  it('a period outside the term shows "no figures" with the start date, not 100 % and a bonus', async () => {
    api.list = [contractFixture('c-1', 'Neuvertrag 2027–2031', { startsOn: '2027-01-01', endsOn: '2031-12-31' })];
    api.answers.set('c-1 2026-11', noFiguresFixture('2026-11', { startsOn: '2027-01-01', endsOn: '2031-12-31' }));
    const harness = await open('/dashboard?contract=c-1&period=2026-11');
    const root = harness.routeNativeElement as HTMLElement;
    expect(text(root.querySelector('[data-figure="no-figures"]'))).toBe(
      'Keine Kennzahlen: Der Vertrag beginnt am 01.01.2027.',
    );
    expect(text(root.querySelector('[role="status"]'))).toBe('Keine Kennzahlen: Der Vertrag beginnt am 01.01.2027.');
    expect(root.querySelector('table')).toBeNull();
    expect(root.querySelector('[data-figure="bonus-malus"]')).toBeNull();
    expect(root.querySelector('[role="img"]')).toBeNull();
    TestBed.inject(I18nService).setLanguage('en');
    await harness.fixture.whenStable();
    expect(text(root.querySelector('[data-figure="no-figures"]'))).toBe(
      'No figures: the contract starts on 01/01/2027.',
    );
  });

  it('a term that ends inside the period says so above the figures', async () => {
    api.answers.set('c-1 2026-10', {
      kpis: { ...KPI_FIXTURE, term: { startsOn: '2025-01-01', endsOn: '2026-10-15', coverage: 'partial' } },
      costs: COST_FIXTURE,
    });
    const harness = await open('/dashboard?contract=c-1&period=2026-10');
    const root = harness.routeNativeElement as HTMLElement;
    expect(text(root.querySelector('[data-figure="partial-term"]'))).toBe(
      'Der Vertrag endete am 15.10.2026; die Kennzahlen umfassen den ganzen Zeitraum.',
    );
    expect(cellsOf(root, 'kosten').length).toBe(5);
  });

  it('names API failures in the current language', async () => {
    api.fail = true;
    const harness = await open();
    const root = harness.routeNativeElement as HTMLElement;
    TestBed.inject(I18nService).setLanguage('en');
    await harness.fixture.whenStable();
    expect(text(root.querySelector('[role="alert"]'))).toBe(
      '⚠ The figures could not be loaded. Datenbank weg Try again',
    );
  });
});
