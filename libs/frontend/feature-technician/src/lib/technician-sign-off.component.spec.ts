import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { ServiceReportView, TicketStatus } from '@leitstand/api-contracts';
import { API_BASE_URL } from '@leitstand/frontend/data-access';
import { TechnicianSignOffComponent } from './technician-sign-off.component';

const PNG = 'data:image/png;base64,iVBORw0KGgo=';

function report(patch: Partial<ServiceReportView> = {}): ServiceReportView {
  return {
    ticketId: 't1',
    ticketNumber: '2026-000003',
    priceList: null,
    workDate: '2026-03-10',
    site: { timeZone: 'Europe/Berlin', holidayRegion: 'DE-BY', distanceKm: '20', travelZone: null },
    choices: {
      smallMaterial: true,
      emergency: false,
      workType: 'repair',
      travelMethod: null,
      catalogItems: [],
      discounts: [],
    },
    travel: null,
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
          explanation: '3 × ½ h Kundendiensttechniker',
        },
      ],
      subtotals: {
        labour: '123.75',
        travel: '0.00',
        fee: '0.00',
        material: '0.00',
        partner: '0.00',
        passThrough: '0.00',
        catalog: '0.00',
      },
      linesTotal: '197.45',
      discounts: [],
      discountTotal: '0.00',
      net: '197.45',
      vatPercent: '19',
      vat: '37.52',
      gross: '234.97',
      notes: [],
    },
    problems: [],
    signOff: null,
    version: 1,
    ...patch,
  };
}

describe('TechnicianSignOffComponent (the customer signs on the phone)', () => {
  let http: HttpTestingController;
  let strokes: number;

  beforeEach(() => {
    localStorage.clear();
    strokes = 0;
    // jsdom has no 2D canvas: a recording stand-in, and a fixed PNG for toDataURL.
    jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(
      () =>
        ({
          beginPath: () => undefined,
          moveTo: () => undefined,
          lineTo: () => undefined,
          stroke: () => strokes++,
          clearRect: () => undefined,
        }) as unknown as CanvasRenderingContext2D,
    );
    jest.spyOn(HTMLCanvasElement.prototype, 'toDataURL').mockReturnValue(PNG);
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), { provide: API_BASE_URL, useValue: '/api' }],
    });
    http = TestBed.inject(HttpTestingController);
  });
  afterEach(() => {
    http.verify();
    jest.restoreAllMocks();
  });

  async function render(status: TicketStatus, view: ServiceReportView | null = report()) {
    const fixture = TestBed.createComponent(TechnicianSignOffComponent);
    fixture.componentRef.setInput('ticketId', 't1');
    fixture.componentRef.setInput('status', status);
    fixture.detectChanges();
    if (view) http.expectOne('/api/tickets/t1/service-report').flush(view);
    fixture.detectChanges();
    await fixture.whenStable();
    return { fixture, el: fixture.nativeElement as HTMLElement };
  }

  function draw(el: HTMLElement): void {
    const pad = el.querySelector('[data-testid="signature-pad"]') as HTMLCanvasElement;
    const pointer = (type: string, x: number) => {
      const event = new MouseEvent(type, { clientX: x, clientY: 10, bubbles: true, cancelable: true });
      Object.defineProperty(event, 'pointerId', { value: 7 });
      pad.dispatchEvent(event);
    };
    pointer('pointerdown', 5);
    pointer('pointermove', 30);
    pointer('pointermove', 60);
    pointer('pointerup', 60);
  }

  it('shows nothing before the restore', async () => {
    const { el } = await render('on_site', null);
    expect(el.querySelector('[data-testid="sign-off"]')).toBeNull();
  });

  it('shows the totals, takes name and drawn signature and posts them with If-Match', async () => {
    const { fixture, el } = await render('restored');
    expect(el.querySelector('[data-testid="sign-off-net"]')?.textContent?.replace(/\s/g, ' ')).toBe('197,45 €');
    const submit = el.querySelector('[data-testid="sign-off-submit"]') as HTMLButtonElement;
    expect(submit.getAttribute('aria-disabled')).toBe('true');
    draw(el);
    expect(strokes).toBeGreaterThanOrEqual(3);
    const name = el.querySelector('[data-testid="signer-name"]') as HTMLInputElement;
    name.value = 'Erika Müller';
    name.dispatchEvent(new Event('input'));
    fixture.detectChanges();
    await fixture.whenStable();
    (el.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'));
    const req = http.expectOne('/api/tickets/t1/service-report/sign-off');
    expect(req.request.method).toBe('POST');
    expect(req.request.headers.get('If-Match')).toBe('"1"');
    expect(req.request.body).toEqual({ signerName: 'Erika Müller', signature: PNG, lang: 'de' });
    req.flush(
      report({
        version: 2,
        signOff: {
          signerName: 'Erika Müller',
          signedAt: '2026-03-10T10:30:00Z',
          signatureDocumentId: 's',
          pdfDocumentId: 'p',
        },
      }),
    );
    fixture.detectChanges();
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="signed-by"]')?.textContent).toContain('Unterschrieben von Erika Müller');
    expect(el.querySelector('form')).toBeNull();
  });

  it('reloads on 412 and shows the field of a 400', async () => {
    const { fixture, el } = await render('restored');
    draw(el);
    const cmp = fixture.componentInstance as unknown as { signerName: string };
    cmp.signerName = 'Erika Müller';
    fixture.componentInstance.submit();
    http
      .expectOne('/api/tickets/t1/service-report/sign-off')
      .flush(
        { statusCode: 400, message: 'invalid', fields: [{ field: 'signature', messages: ['not a PNG'] }] },
        { status: 400, statusText: 'Bad Request' },
      );
    fixture.detectChanges();
    expect(el.querySelector('[data-testid="sign-off-notice"]')?.textContent).toContain('signature: not a PNG');
    fixture.componentInstance.submit();
    http
      .expectOne('/api/tickets/t1/service-report/sign-off')
      .flush({ statusCode: 412, message: 'stale' }, { status: 412, statusText: 'Precondition Failed' });
    http.expectOne('/api/tickets/t1/service-report').flush(report({ version: 3 }));
    fixture.detectChanges();
    expect(el.querySelector('[data-testid="sign-off-notice"]')?.textContent).toContain('neu geladen');
  });
});
