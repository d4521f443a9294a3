import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { ServiceReportView } from '@leitstand/api-contracts';
import { API_BASE_URL } from '@leitstand/frontend/data-access';
import { I18nService } from '@leitstand/frontend/i18n';
import { TicketServiceReportComponent, formatDecimal } from './ticket-service-report.component';

function report(patch: Partial<ServiceReportView> = {}): ServiceReportView {
  return {
    ticketId: 't1',
    ticketNumber: '2026-000003',
    priceList: { id: 'pl', key: 'kd-2026', name: 'Kundendienst 2026', validFrom: '2026-01-01' },
    workDate: '2026-11-24',
    site: { timeZone: 'Europe/Berlin', holidayRegion: 'DE-BY', distanceKm: '18', travelZone: null },
    choices: {
      smallMaterial: true,
      emergency: false,
      workType: 'repair',
      travelMethod: null,
      catalogItems: [{ code: '4.02', quantity: '2' }],
      discounts: ['cash'],
    },
    travel: { method: 'distance', km: '18' },
    coveredByContract: false,
    billable: true,
    pricing: {
      lines: [
        {
          category: 'labour',
          key: 'labour:1',
          quantity: '3',
          unit: '½ h',
          unitPrice: '41.25',
          surchargePercent: '0',
          amount: '123.75',
          discountable: true,
          explanation: '3 × ½ h Kundendiensttechniker Di 10:00–11:10 à 41,25 €',
        },
        {
          category: 'travel',
          key: 'travel',
          quantity: '1',
          unit: 'Pauschale',
          unitPrice: '39.00',
          surchargePercent: '100',
          amount: '78.00',
          discountable: false,
          explanation: 'Anfahrt bis 20 km',
        },
      ],
      subtotals: {
        labour: '123.75',
        travel: '78.00',
        fee: '0.00',
        material: '0.00',
        partner: '0.00',
        passThrough: '0.00',
        catalog: '0.00',
      },
      linesTotal: '201.75',
      discounts: [{ id: 'cash', label: 'Skonto', percent: '2.5', base: '123.75', amount: '-4.30' }],
      discountTotal: '-4.30',
      net: '197.45',
      vatPercent: '19',
      vat: '37.52',
      gross: '234.97',
      notes: [],
    },
    problems: [],
    signOff: null,
    version: 2,
    ...patch,
  };
}

describe('TicketServiceReportComponent (the priced report in the ticket detail)', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), { provide: API_BASE_URL, useValue: '/api' }],
    });
    http = TestBed.inject(HttpTestingController);
  });
  afterEach(() => {
    http.verify();
    localStorage.clear();
  });

  async function render(view: ServiceReportView) {
    const fixture = TestBed.createComponent(TicketServiceReportComponent);
    fixture.componentRef.setInput('ticketId', 't1');
    fixture.detectChanges();
    http.expectOne('/api/tickets/t1/service-report').flush(view);
    fixture.detectChanges();
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    // Cells joined by a space; Intl's no-break spaces read as spaces.
    const text = (selector: string) => {
      const node = el.querySelector(selector);
      if (!node) return null;
      const parts =
        node.tagName === 'TR' ? Array.from(node.children).map((c) => c.textContent ?? '') : [node.textContent ?? ''];
      return parts.join(' ').replace(/\s+/g, ' ').trim();
    };
    return { fixture, el, text };
  }

  async function submit(fixture: { detectChanges(): void; whenStable(): Promise<unknown> }, el: HTMLElement) {
    (el.querySelector('form.report-choices') as HTMLFormElement).dispatchEvent(new Event('submit'));
    fixture.detectChanges();
    await fixture.whenStable();
  }

  it('shows every line with quantity, unit, unit price, surcharge, amount and explanation, in German money', async () => {
    const { el, text } = await render(report());
    const cells = Array.from(el.querySelectorAll('[data-line="travel"] td')).map((td) =>
      td.textContent?.replace(/\s+/g, ' ').trim(),
    );
    expect(cells).toEqual(['Anfahrt', '1', 'Pauschale', '39,00 €', '100 %', '78,00 €', 'Anfahrt bis 20 km']);
    expect(text('[data-line="labour:1"] td:nth-child(3)')).toBe('½ h');
    expect(text('[data-subtotal="labour"]')).toBe('Zwischensumme Arbeitszeit 123,75 €');
    expect(el.querySelector('[data-subtotal="fee"]')).toBeNull();
    expect(text('[data-discount="cash"]')).toBe('Skonto (2,5 % auf 123,75 €) -4,30 €');
    expect(text('[data-total="net"]')).toBe('Netto 197,45 €');
    expect(text('[data-total="vat"]')).toBe('USt. 19 % 37,52 €');
    expect(text('[data-total="gross"]')).toBe('Brutto 234,97 €');
    expect(text('[data-testid="report-billable"]')).toBe('Abrechenbar');
    expect(el.querySelector('[data-testid="report-covered"]')).toBeNull();
  });

  it('formats money in English as €197.45 after a language switch', async () => {
    const { fixture, text } = await render(report());
    TestBed.inject(I18nService).setLanguage('en');
    fixture.detectChanges();
    await fixture.whenStable();
    expect(text('[data-total="net"]')).toBe('Net €197.45');
    expect(text('[data-total="gross"]')).toBe('Gross €234.97');
    expect(text('h2')).toBe('Service report');
  });

  it('marks in-scope work as covered by the contract and lists the problems', async () => {
    const { el, text } = await render(
      report({
        coveredByContract: true,
        billable: false,
        problems: [{ field: 'catalogItems[0].code', message: 'unknown catalogue item 9.99' }],
      }),
    );
    expect(text('[data-testid="report-covered"]')).toBe('Durch den Vertrag abgedeckt');
    expect(el.querySelector('[data-testid="report-billable"]')).toBeNull();
    expect(text('[data-testid="report-problems"] li')).toBe('catalogItems[0].code: unknown catalogue item 9.99');
  });

  it('sends the changed choices with If-Match of the loaded version and shows the repriced report', async () => {
    const { fixture, el, text } = await render(report());
    const cmp = fixture.componentInstance as unknown as { emergency: boolean; discounts: string };
    cmp.emergency = true;
    cmp.discounts = 'cash, partner';
    await submit(fixture, el);
    const req = http.expectOne('/api/tickets/t1/service-report');
    expect(req.request.method).toBe('PATCH');
    expect(req.request.headers.get('If-Match')).toBe('"2"');
    expect(req.request.body).toEqual({
      smallMaterial: true,
      emergency: true,
      workType: 'repair',
      travelMethod: null,
      catalogItems: [{ code: '4.02', quantity: '2' }],
      discounts: ['cash', 'partner'],
    });
    const base = report();
    const pricing = base.pricing ?? fail('the fixture is priced');
    req.flush({ ...base, version: 3, pricing: { ...pricing, net: '297.45' } });
    fixture.detectChanges();
    await fixture.whenStable();
    expect(text('[data-total="net"]')).toBe('Netto 297,45 €');
    expect(text('[data-testid="report-notice"]')).toBe('Leistungsnachweis neu berechnet.');
  });

  it('reloads on 412 and says so', async () => {
    const { fixture, el, text } = await render(report());
    await submit(fixture, el);
    http
      .expectOne('/api/tickets/t1/service-report')
      .flush({ statusCode: 412, message: 'stale' }, { status: 412, statusText: 'Precondition Failed' });
    const reload = http.expectOne('/api/tickets/t1/service-report');
    expect(reload.request.method).toBe('GET');
    reload.flush(report({ version: 5, choices: { ...report().choices, emergency: true } }));
    fixture.detectChanges();
    await fixture.whenStable();
    expect(text('[data-testid="report-notice"]')).toContain('inzwischen geändert und neu geladen');
    expect((fixture.componentInstance as unknown as { emergency: boolean }).emergency).toBe(true);
    await submit(fixture, el);
    const next = http.expectOne('/api/tickets/t1/service-report');
    expect(next.request.headers.get('If-Match')).toBe('"5"');
    next.flush(report({ version: 6 }));
  });

  it('shows the field message of a 400', async () => {
    const { fixture, el, text } = await render(report());
    await submit(fixture, el);
    http.expectOne('/api/tickets/t1/service-report').flush(
      {
        statusCode: 400,
        message: 'invalid',
        fields: [{ field: 'catalogItems[0].code', messages: ['unknown catalogue item 4.02'] }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    fixture.detectChanges();
    await fixture.whenStable();
    expect(text('[data-testid="report-notice"]')).toBe(
      'Eingabe prüfen: catalogItems[0].code: unknown catalogue item 4.02',
    );
  });

  it('shows the sign-off with the PDFs instead of the choices once signed', async () => {
    const { el, text } = await render(
      report({
        signOff: {
          signerName: 'Erika Müller',
          signedAt: '2026-03-10T10:30:00Z',
          signatureDocumentId: 's',
          pdfDocumentId: 'p',
        },
      }),
    );
    expect(text('[data-testid="report-signed-by"]')).toContain('Unterschrieben von Erika Müller am');
    expect(el.querySelector('[data-testid="report-signed-by"] a')?.getAttribute('href')).toBe(
      '/api/tickets/t1/service-report.pdf?lang=de',
    );
    expect(el.querySelector('form.report-choices')).toBeNull();
  });

  it('formats decimal strings without floats', () => {
    expect(formatDecimal('2.5', 'de-DE')).toBe('2,5');
    expect(formatDecimal('1234.125', 'en-GB')).toBe('1,234.125');
    expect(formatDecimal('0.1000000000000000055', 'en-GB')).toBe('0.1');
  });
});
