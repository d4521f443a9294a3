import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { CustomerServiceReportView } from '@leitstand/api-contracts';
import { API_BASE_URL } from '@leitstand/frontend/data-access';
import { PortalServiceReportComponent } from './portal-service-report.component';

const signed: CustomerServiceReportView = {
  ticketId: 't1',
  ticketNumber: '2026-000003',
  workDate: '2026-03-10',
  coveredByContract: false,
  lines: [
    {
      category: 'labour',
      quantity: '3',
      unit: '½ h',
      unitPrice: '41.25',
      surchargePercent: '0',
      amount: '123.75',
      explanation: '3 × ½ h Kundendiensttechniker',
    },
  ],
  discounts: [],
  net: '197.45',
  vatPercent: '19',
  vat: '37.52',
  gross: '234.97',
  signOff: {
    signerName: 'Erika Müller',
    signedAt: '2026-03-10T10:30:00Z',
    signatureDocumentId: null,
    pdfDocumentId: 'p',
  },
};

describe('PortalServiceReportComponent (the signed report in the portal)', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), { provide: API_BASE_URL, useValue: '/api' }],
    });
    http = TestBed.inject(HttpTestingController);
  });
  afterEach(() => http.verify());

  async function render(answer: (req: ReturnType<HttpTestingController['expectOne']>) => void) {
    const fixture = TestBed.createComponent(PortalServiceReportComponent);
    fixture.componentRef.setInput('ticketId', 't1');
    fixture.detectChanges();
    answer(http.expectOne('/api/tickets/t1/service-report/signed'));
    fixture.detectChanges();
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('shows nothing before the sign-off (403)', async () => {
    const el = await render((req) => req.flush({ statusCode: 403 }, { status: 403, statusText: 'Forbidden' }));
    expect(el.textContent?.trim()).toBe('');
  });

  it('shows lines, totals, the signer and both PDF downloads', async () => {
    const el = await render((req) => req.flush(signed));
    const text = el.textContent?.replace(/\s+/g, ' ') ?? '';
    expect(text).toContain('3 × ½ h Kundendiensttechniker');
    expect(el.querySelector('[data-total="gross"]')?.textContent?.replace(/\s+/g, ' ')).toContain('234,97 €');
    expect(el.querySelector('[data-testid="portal-signed-by"]')?.textContent).toContain('Erika Müller');
    expect(el.querySelector('[data-testid="portal-report-pdf-de"]')?.getAttribute('href')).toBe(
      '/api/tickets/t1/service-report.pdf?lang=de',
    );
    expect(el.querySelector('[data-testid="portal-report-pdf-en"]')?.getAttribute('href')).toBe(
      '/api/tickets/t1/service-report.pdf?lang=en',
    );
  });
});
