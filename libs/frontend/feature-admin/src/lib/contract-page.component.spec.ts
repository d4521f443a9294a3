import type { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import type { ContractView, CreateContractRequest, SiteView } from '@leitstand/api-contracts';
import { setUpAdminTest, type } from './admin-test.fixtures';
import { fromContract, parseRows, parseWindows, toContractRequest } from './contract-form';
import { ADMIN_NOW, ContractPageComponent } from './contract-page.component';

const SITE: SiteView = {
  id: 's-1',
  tenantId: 't-1',
  name: 'Werk Nord',
  street: 'Hafenstraße 2',
  postalCode: '80331',
  city: 'München',
  state: 'DE-BY',
  timezone: 'Europe/Berlin',
  areaM2: null,
  distanceKm: null,
  travelZone: null,
  createdAt: '2026-12-01T08:00:00.000Z',
  version: 1,
};

describe('contract form model', () => {
  it('reads window texts and KPI rows', () => {
    expect(parseWindows('08:00-12:00, 13:00 – 17:15;')).toEqual([
      ['08:00', '12:00'],
      ['13:00', '17:15'],
    ]);
    expect(parseRows('98.5: -1.5\n\n99.5 : 0')).toEqual([
      ['98.5', '-1.5'],
      ['99.5', '0'],
    ]);
  });

  it('round-trips a stored contract through the form model', () => {
    const request = toContractRequest({
      ...fromContract({
        id: 'c-1',
        tenantId: 't-1',
        name: 'Vollwartung',
        type: 'full_maintenance',
        startsOn: '2026-01-01',
        endsOn: null,
        siteIds: ['s-1'],
        calendars: {
          regular: { week: { mon: [['08:00', '18:00']] }, holidayRegion: 'DE-BY', holidays: ['2026-12-24'] },
        },
        slaMatrix: {
          A: {
            response: { budget: { kind: 'minutes', minutes: 15 }, calendar: 'regular' },
            restore: { budget: { kind: 'minutes', minutes: 60 }, calendar: 'regular', warningShare: 0.8 },
          },
          B: {
            response: { budget: { kind: 'minutes', minutes: 30 }, calendar: 'regular' },
            restore: { budget: { kind: 'minutes', minutes: 240 }, calendar: 'regular' },
          },
          C: {
            response: { budget: { kind: 'businessDays', days: 1 }, calendar: 'regular' },
            restore: { budget: { kind: 'businessDays', days: 2 }, calendar: 'regular' },
          },
        },
        availabilityTargets: { A: '0.995' },
        availabilityBasis: 'regular',
        bonusMalus: {
          capPercentOfVolume: '2',
          kpis: [
            {
              kpi: 'inspection-compliance',
              label: 'Prüfcompliance',
              unit: '%',
              rule: {
                kind: 'stepped',
                otherwisePercentOfVolume: '-1',
                steps: [{ atLeast: '98', percentOfVolume: '-0.5' }],
              },
            },
          ],
        },
        priceListId: null,
        annualVolume: '60000.00',
        indexation: { fixedShare: '0', labourShare: '0.6', materialShare: '0.4' },
        capexThreshold: '5000.00',
        scope: { trades: ['elevators'], exclusions: ['Bedienfehler'] },
        quietWarningsCalendar: null,
        economics: null,
        createdAt: '2026-01-01T00:00:00Z',
        version: 4,
      }),
    });
    expect(request.calendars).toEqual({
      regular: { week: { mon: [['08:00', '18:00']] }, holidayRegion: 'DE-BY', holidays: ['2026-12-24'] },
    });
    expect(request.slaMatrix.A.restore).toEqual({
      budget: { kind: 'minutes', minutes: 60 },
      calendar: 'regular',
      warningShare: 0.8,
    });
    expect(request.slaMatrix.C.restore.budget).toEqual({ kind: 'businessDays', days: 2 });
    expect(request.bonusMalus?.kpis[0]?.rule).toEqual({
      kind: 'stepped',
      otherwisePercentOfVolume: '-1',
      steps: [{ atLeast: '98', percentOfVolume: '-0.5' }],
    });
    expect(request.indexation).toEqual({ fixedShare: '0', labourShare: '0.6', materialShare: '0.4' });
    expect(request.scope).toEqual({ trades: ['elevators'], exclusions: ['Bedienfehler'] });
    expect(request.availabilityTargets).toEqual({ A: '0.995' });
  });
});

describe('contract page', () => {
  // The first render loads the holiday tables and builds the whole editor.
  jest.setTimeout(30_000);
  let http: HttpTestingController;
  afterEach(() => http.verify());

  async function open() {
    // Wed 2026-12-23 19:00 in Munich: regular hours open next on Thu 24 Dec 08:00, then Mon 28 Dec.
    http = setUpAdminTest('admin', [{ provide: ADMIN_NOW, useValue: () => new Date('2026-12-23T18:00:00Z') }]);
    const fixture = TestBed.createComponent(ContractPageComponent);
    fixture.componentRef.setInput('tenantId', 't-1');
    await fixture.whenStable();
    http.expectOne('/api/price-lists').flush({ items: [], nextCursor: null });
    http.expectOne('/api/sites?tenantId=t-1').flush({ items: [SITE], nextCursor: null });
    await fixture.whenStable();
    return { fixture, root: fixture.nativeElement as HTMLElement };
  }

  it('previews the next openings of each calendar with the domain calendar (Bavarian holidays)', async () => {
    const { root } = await open();
    const regular = root.querySelector('.preview[data-calendar=regular]');
    const items = Array.from(regular?.querySelectorAll('li') ?? []).map((li) => li.textContent?.trim());
    expect(items[0]).toBe('Do., 24.12.2026, 08:00 – Do., 24.12.2026, 18:00');
    // 25/26 Dec are public holidays, 27 Dec a Sunday.
    expect(items[1]).toBe('Mo., 28.12.2026, 08:00 – Mo., 28.12.2026, 18:00');
    expect(root.querySelector('.preview[data-calendar="24-7"] li')?.textContent).toContain('durchgehend geöffnet');
  });

  it('shows a sample deadline, and a broken window at its calendar before anything is sent', async () => {
    const { fixture, root } = await open();
    const at = root.querySelector<HTMLInputElement>('input[type=datetime-local]');
    expect(at?.value).toMatch(/^2026-12-2\dT\d\d:00$/);
    // Priority B on the 24/7 calendar: 30 / 240 minutes after the report.
    type(at, '2026-12-04T10:00');
    await fixture.whenStable();
    const sample = root.querySelector('[data-testid=sample-deadlines]')?.textContent ?? '';
    const reported = new Date('2026-12-04T10:00');
    const fmt = (d: Date) =>
      new Intl.DateTimeFormat('de-DE', {
        timeZone: 'Europe/Berlin',
        weekday: 'short',
        day: '2-digit',
        month: '2-digit',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
      }).format(d);
    expect(sample).toContain(`Annahme: fällig ${fmt(new Date(reported.getTime() + 30 * 60_000))}`);
    expect(sample).toContain(`Entstörung: fällig ${fmt(new Date(reported.getTime() + 240 * 60_000))}`);

    // Monday of the second calendar ('regular'): the first field of its week.
    type(root.querySelectorAll('.calendar')[1]?.querySelector<HTMLInputElement>('.week input') ?? null, '18:00-08:00');
    await fixture.whenStable();
    expect(root.querySelector('[data-path="calendars.regular"]')?.textContent).toContain(
      'calendars.regular.week.mon[0]',
    );
  });

  it('creates the contract with terms, sites, calendars and the SLA matrix, and shows server problems at their cells', async () => {
    const { fixture, root } = await open();
    type(root.querySelector('input[formcontrolname=name]'), 'Vollwartung Werk Nord');
    type(root.querySelector('input[formcontrolname=startsOn]'), '2027-01-01');
    type(root.querySelector('input[formcontrolname=annualVolume]'), '60000,00');
    const component = fixture.componentInstance as unknown as {
      form: { controls: { siteIds: { setValue(v: string[]): void } } };
    };
    component.form.controls.siteIds.setValue(['s-1']);
    await fixture.whenStable();
    root.querySelector<HTMLButtonElement>('button[type=submit]')?.click();
    const post = http.expectOne({ method: 'POST', url: '/api/contracts' });
    const body = post.request.body as CreateContractRequest;
    expect(body).toMatchObject({
      tenantId: 't-1',
      name: 'Vollwartung Werk Nord',
      startsOn: '2027-01-01',
      endsOn: null,
      annualVolume: '60000.00',
      siteIds: ['s-1'],
      availabilityTargets: { A: '0.995' },
      capexThreshold: '5000.00',
      bonusMalus: null,
      indexation: null,
    });
    expect(Object.keys(body.calendars)).toEqual(['24-7', 'regular']);
    expect(body.slaMatrix.C.response).toEqual({
      budget: { kind: 'businessDays', days: 1 },
      calendar: 'regular',
      warningShare: 0.75,
    });
    post.flush(
      {
        statusCode: 400,
        error: 'Bad Request',
        message: 'Invalid input',
        fields: [
          { field: 'slaMatrix.B.restore.budget.minutes', messages: ['expected business minutes ≥ 0, got -1'] },
          { field: 'economics.x', messages: ['odd'] },
        ],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(root.querySelector('[data-cell="B.restore"] [role=alert]')?.textContent).toContain(
      'slaMatrix.B.restore.budget.minutes',
    );
    expect(root.querySelector('.unplaced')?.textContent).toContain('economics.x');

    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    root.querySelector<HTMLButtonElement>('button[type=submit]')?.click();
    http.expectOne({ method: 'POST', url: '/api/contracts' }).flush({ id: 'c-9' } as ContractView);
    expect(navigate).toHaveBeenCalledWith(['/admin/contracts', 'c-9']);
  });
});
