import type { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { AssetView, MaintenanceWindowView } from '@leitstand/api-contracts';
import { setUpAdminTest, type } from './admin-test.fixtures';
import { AssetPageComponent, fromLocalInput, toLocalInput } from './asset-page.component';
import { ASSET_PAGE_SIZE, AssetsPageComponent } from './assets-page.component';

const ASSET: AssetView = {
  id: 'a-1',
  tenantId: 't-1',
  siteId: 's-1',
  parentId: null,
  code: 'AZ-03',
  name: 'Aufzug 3',
  trade: 'elevators',
  assetClass: 'A',
  inContract: true,
  locationId: 'l-room',
  locationPath: 'Haus A / EG / Raum 0.12',
  manufacturer: 'Schindler',
  model: '3300',
  serialNumber: 'SN-1',
  yearBuilt: 2015,
  warrantyUntil: '2027-06-30',
  attributes: { Tragkraft: '1000 kg' },
  redundancyGroup: null,
  createdAt: '2026-12-01T08:00:00.000Z',
  version: 5,
};

const WINDOW: MaintenanceWindowView = {
  id: 'w-1',
  tenantId: 't-1',
  assetId: 'a-1',
  startsAt: '2026-12-10T06:00:00.000Z',
  endsAt: '2026-12-10T10:00:00.000Z',
  reason: 'Hauptprüfung ZÜS',
  createdBy: 'u-admin',
  createdAt: '2026-12-01T08:00:00.000Z',
  version: 2,
};

describe('asset register', () => {
  let http: HttpTestingController | undefined;
  afterEach(() => http?.verify());

  it('reads datetime-local values in the browser zone as instants and back', () => {
    expect(fromLocalInput(toLocalInput('2026-12-10T06:00:00.000Z'))).toBe('2026-12-10T06:00:00.000Z');
    expect(fromLocalInput('')).toBe('');
  });

  it('searches with the filters, pages with the cursor and appends the next page', async () => {
    const h = setUpAdminTest('manager');
    http = h;
    const fixture = TestBed.createComponent(AssetsPageComponent);
    h.expectOne('/api/sites').flush({ items: [{ id: 's-1', name: 'Werk Nord', city: 'Kiel' }], nextCursor: null });
    h.expectOne(`/api/assets?withTotal=true&limit=${ASSET_PAGE_SIZE}`).flush({
      items: [ASSET],
      nextCursor: 'c2',
      total: 2,
    });
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    expect(root.querySelector('[data-testid=asset-register] tbody tr')?.textContent).toContain('Werk Nord');
    Array.from(root.querySelectorAll<HTMLButtonElement>('button'))
      .find((b) => b.textContent?.includes('Weitere'))
      ?.click();
    h.expectOne(`/api/assets?withTotal=true&limit=${ASSET_PAGE_SIZE}&cursor=c2`).flush({
      items: [{ ...ASSET, id: 'a-2', code: 'AZ-04' }],
      nextCursor: null,
    });
    await fixture.whenStable();
    expect(root.querySelectorAll('[data-testid=asset-register] tbody tr').length).toBe(2);
    expect(root.querySelector('.count')?.textContent?.trim()).toBe('2 von 2 Anlagen angezeigt');
    expect(root.querySelector('[data-testid=asset-register] tbody tr')?.textContent).toContain(
      'Haus A / EG / Raum 0.12',
    );
    expect(root.textContent).not.toContain('Weitere laden');

    type(root.querySelector('.filters input'), ' aufzug ');
    await fixture.whenStable();
    Array.from(root.querySelectorAll<HTMLButtonElement>('button'))
      .find((b) => b.textContent?.includes('Suchen'))
      ?.click();
    h.expectOne(`/api/assets?q=aufzug&withTotal=true&limit=${ASSET_PAGE_SIZE}`).flush({ items: [], nextCursor: null });
    await fixture.whenStable();
    expect(root.textContent).toContain('Keine Anlagen gefunden.');
  });

  it('plans, edits and deletes maintenance windows with the version they were loaded with', async () => {
    const h = setUpAdminTest('manager');
    http = h;
    const fixture = TestBed.createComponent(AssetPageComponent);
    fixture.componentRef.setInput('assetId', 'a-1');
    await fixture.whenStable();
    h.expectOne('/api/assets/a-1').flush(ASSET);
    h.expectOne('/api/sites/s-1').flush({ id: 's-1', name: 'Werk Nord', city: 'Kiel' });
    h.expectOne('/api/sites/s-1/locations').flush({ siteId: 's-1', items: [] });
    h.expectOne('/api/assets?siteId=s-1&limit=200').flush({ items: [ASSET], nextCursor: null });
    h.expectOne('/api/assets/a-1/maintenance-windows').flush({ items: [WINDOW] });
    h.expectOne('/api/assets/a-1/tickets').flush({ items: [] });
    h.expectOne('/api/assets/a-1/documents').flush({
      items: [
        {
          id: 'd-1',
          tenantId: 't',
          title: 'Prüfbericht 2026',
          fileName: 'pruefbericht.pdf',
          documentClass: 'inspection-report',
          contentType: 'application/pdf',
          sizeBytes: 2048,
          sha256: 'a'.repeat(64),
          retentionUntil: '2028-12-31',
          customerVisible: false,
          uploadedBy: 'u',
          uploadedAt: '2026-12-01T09:00:00Z',
          version: 1,
          contentUrl: '/api/documents/d-1/content',
        },
      ],
    });
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    expect(root.querySelector('[data-testid=maintenance-windows]')?.textContent).toContain('Hauptprüfung ZÜS');
    // The asset's documents: the shared panel with the inspection report as a download.
    expect(root.querySelector('#asset-documents-heading')?.textContent).toBe('Dokumente');
    expect(root.querySelector('[data-document-id="d-1"] a')?.getAttribute('href')).toBe('/api/documents/d-1/content');
    const button = (text: string) =>
      Array.from(root.querySelectorAll<HTMLButtonElement>('[data-testid=maintenance-windows] button')).find(
        (b) => b.textContent?.trim() === text,
      );

    // edit: the form takes the window, PATCH sends If-Match "2"
    button('Bearbeiten')?.click();
    await fixture.whenStable();
    const reason = root.querySelector<HTMLInputElement>('input[formcontrolname=reason]');
    expect(reason?.value).toBe('Hauptprüfung ZÜS');
    type(reason, 'Hauptprüfung ZÜS (verlängert)');
    await fixture.whenStable();
    Array.from(root.querySelectorAll<HTMLFormElement>('form'))[1]?.requestSubmit();
    const patch = h.expectOne({ method: 'PATCH', url: '/api/maintenance-windows/w-1' });
    expect(patch.request.headers.get('If-Match')).toBe('"2"');
    expect(patch.request.body).toEqual({
      startsAt: '2026-12-10T06:00:00.000Z',
      endsAt: '2026-12-10T10:00:00.000Z',
      reason: 'Hauptprüfung ZÜS (verlängert)',
    });
    patch.flush(
      {
        statusCode: 400,
        error: 'Bad Request',
        message: 'x',
        fields: [{ field: 'endsAt', messages: ['after startsAt'] }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(root.querySelector('[data-path=endsAt]')?.textContent?.trim()).toBe('after startsAt');

    // delete with If-Match, then the list is reloaded
    button('Löschen')?.click();
    const del = h.expectOne({ method: 'DELETE', url: '/api/maintenance-windows/w-1' });
    expect(del.request.headers.get('If-Match')).toBe('"2"');
    del.flush(null, { status: 204, statusText: 'No Content' });
    h.expectOne('/api/assets/a-1/maintenance-windows').flush({ items: [] });
    await fixture.whenStable();
    expect(root.textContent).toContain('Keine Wartungsfenster geplant.');
  });

  it('edits location, manufacturer, year built and the attributes (key/value), sent as one PATCH', async () => {
    const h = setUpAdminTest('admin');
    http = h;
    const fixture = TestBed.createComponent(AssetPageComponent);
    fixture.componentRef.setInput('assetId', 'a-1');
    await fixture.whenStable();
    h.expectOne('/api/assets/a-1').flush(ASSET);
    h.expectOne('/api/sites/s-1').flush({ id: 's-1', name: 'Werk Nord', city: 'Kiel' });
    h.expectOne('/api/sites/s-1/locations').flush({ siteId: 's-1', items: [] });
    h.expectOne('/api/assets?siteId=s-1&limit=200').flush({ items: [], nextCursor: null });
    h.expectOne('/api/assets/a-1/maintenance-windows').flush({ items: [] });
    h.expectOne('/api/assets/a-1/tickets').flush({
      items: [
        {
          id: 'k-1',
          number: 'T-1',
          title: 'Steht',
          status: 'closed',
          createdAt: '2026-11-02T08:00:00Z',
          restoredAt: '2026-11-02T09:00:00Z',
        },
      ],
    });
    h.expectOne('/api/assets/a-1/documents').flush({ items: [] });
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    expect(root.textContent).toContain('T-1');
    const inputs = () => Array.from(root.querySelectorAll<HTMLInputElement>('.attribute input'));
    expect(inputs().map((i) => i.value)).toEqual(['Tragkraft', '1000 kg']);
    Array.from(root.querySelectorAll<HTMLButtonElement>('button'))
      .find((b) => b.textContent?.includes('Merkmal hinzufügen'))
      ?.click();
    await fixture.whenStable();
    type(inputs()[2] ?? null, 'Haltestellen');
    type(inputs()[3] ?? null, '6');
    type(root.querySelector('input[formcontrolname=yearBuilt]'), '2016');
    type(root.querySelector('input[formcontrolname=manufacturer]'), '  ');
    await fixture.whenStable();
    root.querySelector<HTMLFormElement>('form')?.requestSubmit();
    const patch = h.expectOne({ method: 'PATCH', url: '/api/assets/a-1' });
    expect(patch.request.headers.get('If-Match')).toBe('"5"');
    expect(patch.request.body).toMatchObject({
      locationId: 'l-room',
      manufacturer: null,
      model: '3300',
      yearBuilt: 2016,
      warrantyUntil: '2027-06-30',
      redundancyGroup: null,
      attributes: { Tragkraft: '1000 kg', Haltestellen: '6' },
    });
    patch.flush({ ...ASSET, version: 6 });
  });
});
