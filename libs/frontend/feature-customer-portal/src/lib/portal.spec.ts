import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { TestBed } from '@angular/core/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { Router, provideRouter } from '@angular/router';
import { Subject, of } from 'rxjs';
import type { CreateTicketRequest, CustomerTicketDetail, CustomerTicketSummary } from '@leitstand/api-contracts';
import {
  CatalogApiService,
  DocumentsApiService,
  TicketChangesService,
  type TicketStreamEvent,
  TicketsApiService,
} from '@leitstand/frontend/data-access';
import { provideLsIcons } from '@leitstand/frontend/ui';
import { PortalPageComponent } from './portal-page.component';
import { PortalReportComponent } from './portal-report.component';
import { PortalTicketComponent } from './portal-ticket.component';

function summary(id: string, number: string, title: string): CustomerTicketSummary {
  return {
    id,
    number,
    tenantId: 'tenant-a',
    siteId: 'site-1',
    siteName: 'Werk Nord',
    assetId: null,
    assetName: null,
    title,
    priority: 'B',
    status: 'accepted',
    channel: 'portal',
    technicianName: null,
    nextDeadline: null,
    atRisk: false,
    breached: false,
    createdAt: '2026-11-21T13:05:00Z',
    clocks: [],
    pauseReason: null,
    pausedUntil: null,
  };
}

function detail(overrides: Partial<CustomerTicketDetail> = {}): CustomerTicketDetail {
  return {
    ...summary('t1', '2026-000001', 'Heizung kalt'),
    description: null,
    category: null,
    faultBeganAt: '2026-11-21T13:05:00Z',
    acceptedAt: null,
    restoredAt: null,
    closedAt: null,
    updatedAt: '2026-11-21T13:05:00Z',
    version: 1,
    comments: [],
    ...overrides,
  };
}

describe('customer portal', () => {
  let api: Record<string, jest.Mock>;
  let changes: Subject<TicketStreamEvent>;
  let documents: { forTicket: jest.Mock };

  beforeEach(() => {
    localStorage.clear();
    api = {
      customerList: jest.fn(() =>
        of({
          items: [summary('t1', '2026-000001', 'Heizung kalt'), summary('t2', '2026-000002', 'Tor klemmt')],
          nextCursor: null,
        }),
      ),
      sites: jest.fn(() => of({ items: [{ id: 'site-1', name: 'Werk Nord', city: 'München' }], nextCursor: null })),
      searchAssets: jest.fn(() => of({ items: [{ id: 'asset-1', code: 'RLT-1', name: 'Lüftung' }], nextCursor: null })),
      create: jest.fn((request: CreateTicketRequest) => of({ ...summary('t3', '2026-000003', request.title) })),
      customerGet: jest.fn(),
      addComment: jest.fn(() => of({})),
    };
    changes = new Subject<TicketStreamEvent>();
    documents = { forTicket: jest.fn(() => of({ items: [] })) };
    TestBed.configureTestingModule({
      providers: [
        provideLsIcons(),
        { provide: TicketChangesService, useValue: { events$: changes.asObservable() } },
        provideRouter([{ path: '**', children: [] }]),
        { provide: TicketsApiService, useValue: api },
        { provide: CatalogApiService, useValue: api },
        { provide: DocumentsApiService, useValue: documents },
      ],
    });
  });

  it('should list exactly the tickets the API returns for the customer, in German', async () => {
    const fixture = TestBed.createComponent(PortalPageComponent);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const rows = Array.from(el.querySelectorAll('tbody tr')).map((row) =>
      Array.from(row.querySelectorAll('td')).map((cell) => cell.textContent?.trim()),
    );
    expect(rows).toEqual([
      ['2026-000001', 'Heizung kalt', 'Werk Nord', 'Angenommen', '21.11.2026, 14:05'],
      ['2026-000002', 'Tor klemmt', 'Werk Nord', 'Angenommen', '21.11.2026, 14:05'],
    ]);
    expect(el.querySelector('[role="status"]')?.textContent?.trim()).toBe('2 Störmeldungen');
    expect(api['customerList']).toHaveBeenCalledWith({ sort: 'newest', limit: 25 });
  });

  it('should page newest first with "more" and search on the server', async () => {
    // Before: one request for 200 by nearest deadline — a customer with more saw June's closed tickets only.
    api['customerList']?.mockImplementation((query: { cursor?: string; q?: string }) =>
      of(
        query.q
          ? { items: [summary('t9', '2026-000009', 'Tor klemmt')], nextCursor: null }
          : query.cursor
            ? { items: [summary('t2', '2026-000002', 'Alt'), summary('t1', '2026-000001', 'Älter')], nextCursor: null }
            : { items: [summary('t4', '2026-000004', 'Neu'), summary('t3', '2026-000003', 'Neu')], nextCursor: 'c2' },
      ),
    );
    const fixture = TestBed.createComponent(PortalPageComponent);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const numbers = () => Array.from(el.querySelectorAll('tbody tr td:first-child'), (td) => td.textContent?.trim());
    expect(numbers()).toEqual(['2026-000004', '2026-000003']);
    expect(el.querySelector('[role="status"]')?.textContent?.trim()).toBe(
      '2 Störmeldungen angezeigt, weitere vorhanden',
    );
    el.querySelector<HTMLButtonElement>('button.more')?.click();
    await fixture.whenStable();
    expect(api['customerList']).toHaveBeenLastCalledWith({ sort: 'newest', limit: 25, cursor: 'c2' });
    expect(numbers()).toEqual(['2026-000004', '2026-000003', '2026-000002', '2026-000001']);
    expect(el.querySelector('button.more')).toBeNull();

    const input = el.querySelector<HTMLInputElement>('input[type="search"]');
    if (!input) throw new Error('search field missing');
    input.value = ' tor ';
    el.querySelector('form')?.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
    expect(api['customerList']).toHaveBeenLastCalledWith({ sort: 'newest', limit: 25, q: 'tor' });
    expect(numbers()).toEqual(['2026-000009']);
    // every cell carries its column name for the phone cards
    expect(Array.from(el.querySelectorAll('tbody td'), (td) => td.getAttribute('data-label'))).toEqual([
      'Nummer',
      'Betreff',
      'Standort',
      'Status',
      'Gemeldet',
    ]);
  });

  it('should say so when there are no tickets', async () => {
    api['customerList']?.mockReturnValue(of({ items: [], nextCursor: null }));
    const fixture = TestBed.createComponent(PortalPageComponent);
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).querySelector('.empty')?.textContent).toContain(
      'Sie haben noch keine Störung gemeldet.',
    );
  });

  it('should not send the report form without asset and short description, and never send a priority', async () => {
    const fixture = TestBed.createComponent(PortalReportComponent);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    // The only site is preselected and its assets loaded.
    expect(api['searchAssets']).toHaveBeenCalledWith('site-1', '', 200);
    el.querySelector('form')?.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
    expect(api['create']).not.toHaveBeenCalled();
    expect(el.textContent).toContain('Bitte beschreiben Sie die Störung kurz.');
    expect(el.textContent).toContain('Bitte wählen Sie die betroffene Anlage.');

    const asset = await TestbedHarnessEnvironment.loader(fixture).getHarness(
      MatSelectHarness.with({ selector: '[formcontrolname="assetId"]' }),
    );
    await asset.open();
    await asset.clickOptions({ text: 'RLT-1 – Lüftung' });

    const title = el.querySelector<HTMLInputElement>('input[formcontrolname="title"]');
    if (!title) throw new Error('title input missing');
    title.value = '  Heizung kalt ';
    title.dispatchEvent(new Event('input'));
    el.querySelector('form')?.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
    expect(api['create']).toHaveBeenCalledWith({
      siteId: 'site-1',
      assetId: 'asset-1',
      title: 'Heizung kalt',
      channel: 'portal',
    });
  });

  it('should preselect the asset of ?asset= (a scanned QR label) with its site, even beyond the first 200', async () => {
    api['sites'] = jest.fn(() =>
      of({
        items: [
          { id: 'site-1', name: 'Werk Nord', city: 'München' },
          { id: 'site-2', name: 'Werk Süd', city: 'Augsburg' },
        ],
        nextCursor: null,
      }),
    );
    api['asset'] = jest.fn(() => of({ id: 'asset-9', siteId: 'site-2', code: 'AZ-9', name: 'Aufzug 9' }));
    await TestBed.inject(Router).navigateByUrl('/portal/report?asset=asset-9');
    const fixture = TestBed.createComponent(PortalReportComponent);
    await fixture.whenStable();
    expect(api['asset']).toHaveBeenCalledWith('asset-9');
    expect(api['searchAssets']).toHaveBeenCalledWith('site-2', '', 200);
    const el = fixture.nativeElement as HTMLElement;
    const title = el.querySelector<HTMLInputElement>('input[formcontrolname="title"]');
    if (!title) throw new Error('title input missing');
    title.value = 'Aufzug steht';
    title.dispatchEvent(new Event('input'));
    el.querySelector('form')?.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
    expect(api['create']).toHaveBeenCalledWith({
      siteId: 'site-2',
      assetId: 'asset-9',
      title: 'Aufzug steht',
      channel: 'portal',
    });
  });

  it('should show the customer view: times, clocks, public comments and the technician by name', async () => {
    api['customerGet']?.mockReturnValue(
      of(
        detail({
          status: 'restored',
          technicianName: 'Tom Technik',
          acceptedAt: '2026-11-21T13:15:00Z',
          restoredAt: '2026-11-21T15:00:00Z',
          comments: [{ id: 'c1', author: 'Helpdesk', at: '2026-11-21T13:20:00Z', text: 'Wir kommen.' }],
          clocks: [
            {
              clock: 'response',
              state: 'met',
              priority: 'B',
              budgetMinutes: 240,
              usedMinutes: 10,
              remainingMinutes: 230,
              deadline: null,
              warningAt: null,
              breachMinutes: null,
              lateMs: null,
              stoppedAt: null,
              calendarKey: 'x',
            },
          ],
        }),
      ),
    );
    const fixture = TestBed.createComponent(PortalTicketComponent);
    fixture.componentRef.setInput('id', 't1');
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const facts = Array.from(el.querySelectorAll('dd')).map((dd) => dd.textContent?.trim());
    expect(facts).toEqual([
      'Werk Nord',
      '–',
      '21.11.2026, 14:05',
      '21.11.2026, 14:15',
      '21.11.2026, 16:00',
      '–',
      'Tom Technik',
    ]);
    expect(el.querySelector('.ticket-status')?.textContent).toBe('Entstört');
    expect(el.querySelector('.clock')?.textContent).toContain('Reaktion');
    expect(el.querySelector('.clock')?.textContent).toContain('eingehalten');
    expect(el.querySelector('.comments')?.textContent).toContain('Wir kommen.');
    expect(el.querySelector('.comment-meta')?.textContent).toContain('Helpdesk');
  });

  it('should show the documents the server marks for customers, and no section without any', async () => {
    api['customerGet']?.mockReturnValue(of(detail()));
    const empty = TestBed.createComponent(PortalTicketComponent);
    empty.componentRef.setInput('id', 't1');
    await empty.whenStable();
    expect((empty.nativeElement as HTMLElement).querySelector('#documents-title')).toBeNull();
    documents.forTicket.mockReturnValue(
      of({
        items: [
          {
            id: 'd1',
            tenantId: 'tenant-a',
            title: 'Leistungsnachweis',
            fileName: 'LN-1.pdf',
            documentClass: 'service-report',
            contentType: 'application/pdf',
            sizeBytes: 2048,
            sha256: 'c'.repeat(64),
            retentionUntil: '2034-12-31',
            customerVisible: true,
            uploadedBy: null,
            uploadedAt: '2026-11-21T15:00:00Z',
            version: 1,
            contentUrl: '/api/documents/d1/content',
          },
        ],
      }),
    );
    const fixture = TestBed.createComponent(PortalTicketComponent);
    fixture.componentRef.setInput('id', 't1');
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(documents.forTicket).toHaveBeenCalledWith('t1');
    expect(el.querySelector('#documents-title')?.textContent).toBe('Dokumente');
    expect(el.querySelector('[data-document-id="d1"] a')?.getAttribute('href')).toBe('/api/documents/d1/content');
    expect(el.querySelector('[data-document-id="d1"] .file-name')?.textContent).toBe('LN-1.pdf');
  });

  it('should re-read the ticket when the stream reports a change to it, and only then', async () => {
    api['customerGet']?.mockReturnValue(of(detail()));
    const fixture = TestBed.createComponent(PortalTicketComponent);
    fixture.componentRef.setInput('id', 't1');
    await fixture.whenStable();
    expect(api['customerGet']).toHaveBeenCalledTimes(1);
    const change = (ticketId: string): TicketStreamEvent => ({
      kind: 'change',
      change: { ticketId, tenantId: 'tenant-a', type: 'accepted', version: 2, at: '2026-11-21T13:15:00Z' },
    });
    changes.next(change('other'));
    changes.next(change('t1'));
    await fixture.whenStable();
    expect(api['customerGet']).toHaveBeenCalledTimes(2);
  });

  it('should empty the comment field after sending without showing it as an error', async () => {
    // Before: reset() kept the form "submitted", so the emptied required field turned red at once.
    api['customerGet']?.mockReturnValue(of(detail()));
    const fixture = TestBed.createComponent(PortalTicketComponent);
    fixture.componentRef.setInput('id', 't1');
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const textarea = el.querySelector<HTMLTextAreaElement>('textarea');
    if (!textarea) throw new Error('comment field missing');
    textarea.value = 'Bitte vor 10 Uhr kommen';
    textarea.dispatchEvent(new Event('input'));
    el.querySelector<HTMLFormElement>('form.comment-form')?.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
    expect(api['addComment']).toHaveBeenCalledWith('t1', { text: 'Bitte vor 10 Uhr kommen' });
    expect(textarea.value).toBe('');
    expect(el.querySelector('.mat-form-field-invalid')).toBeNull();
    expect(el.textContent).toContain('Kommentar gesendet.');
  });
});
