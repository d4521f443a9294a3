import type { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { CreatePriceListRequest, PriceListView } from '@leitstand/api-contracts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setUpAdminTest } from './admin-test.fixtures';
import { ADMIN_NOW } from './contract-page.component';
import { priceListToCsv } from '@leitstand/domain';
import { groupVersions, readPriceListFile, readPriceListUpload } from './price-list-file';
import { PriceListsPageComponent } from './price-lists-page.component';

const SEED_004 = readFileSync(
  join(__dirname, '../../../../demo-data/data/price-lists/seed-004-itk-service-price-list.json'),
  'utf8',
);

function view(key: string, validFrom: string, id = 'itk'): PriceListView {
  return { id: key, key, name: `ITK ${validFrom}`, validFrom, data: { id }, createdAt: '', version: 1 };
}

describe('price list files and versions', () => {
  it('proposes key, name and valid-from from the seed 004 document', () => {
    const result = readPriceListFile(SEED_004);
    expect(result.ok && result.file.key).toBe('seed-004-itk-service-price-list-2011-01-01');
    expect(result.ok && result.file.validFrom).toBe('2011-01-01');
    expect(result.ok && result.file.name).toContain('Servicepreisliste');
  });

  it('refuses a file that is no JSON object, saying why', () => {
    expect(readPriceListFile('{"a":')).toMatchObject({ ok: false, reason: 'notJson' });
    expect(readPriceListFile('[1]')).toEqual({ ok: false, reason: 'notObject', detail: 'array' });
  });

  it('reads a .csv file as the path;value sheet, keeping the row of each path', () => {
    const csv = priceListToCsv(JSON.parse(SEED_004) as Record<string, unknown>);
    const result = readPriceListUpload('Preise.CSV', csv);
    expect(result.ok && result.file.key).toBe('seed-004-itk-service-price-list-2011-01-01');
    expect(result.ok && result.file.data).toEqual(JSON.parse(SEED_004));
    expect(result.ok && result.file.rows?.get('id')).toBe(3); // header, schemaVersion, id
    expect(readPriceListUpload('x.csv', 'path;value\nid;a\nid;b\n')).toMatchObject({
      ok: false,
      reason: 'badSheet',
      detail: '1',
      issues: [{ row: 3, path: 'id', message: 'given twice (first in row 2)' }],
    });
  });

  it('groups versions by document id: the one in force is current, later future, earlier superseded', () => {
    const groups = groupVersions(
      [
        view('itk-2025', '2025-01-01'),
        view('itk-2027', '2027-01-01'),
        view('itk-2026', '2026-01-01'),
        view('x', '2020-01-01', 'other'),
      ],
      '2026-12-07',
    );
    // Sorted by the name of the version in force: "ITK 2020-01-01" (other) before "ITK 2026-01-01" (itk).
    expect(groups.map((g) => g.listId)).toEqual(['other', 'itk']);
    expect(groups[1]?.versions.map((v) => [v.view.key, v.status])).toEqual([
      ['itk-2027', 'future'],
      ['itk-2026', 'current'],
      ['itk-2025', 'superseded'],
    ]);
  });
});

describe('price lists page', () => {
  let http: HttpTestingController;
  afterEach(() => http.verify());

  it('uploads seed 004 with a tier gap and shows every problem at its path', async () => {
    http = setUpAdminTest('admin', [{ provide: ADMIN_NOW, useValue: () => new Date('2026-12-07T10:00:00Z') }]);
    const fixture = TestBed.createComponent(PriceListsPageComponent);
    http.expectOne('/api/price-lists').flush({ items: [view('itk-2025', '2025-01-01')], nextCursor: null });
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    expect(root.querySelector('article.list td:nth-child(3)')?.textContent).toBe('gültig');

    const gap = JSON.parse(SEED_004) as { material: { overheadTiers: Array<{ fromPrice: string }> } };
    const tier = gap.material.overheadTiers[7];
    if (tier) tier.fromPrice = '21.01';
    fixture.componentInstance.read('itk.json', JSON.stringify(gap));
    await fixture.whenStable();
    root.querySelector<HTMLButtonElement>('button[type=submit]')?.click();
    const post = http.expectOne({ method: 'POST', url: '/api/price-lists' });
    const body = post.request.body as CreatePriceListRequest;
    expect(body.key).toBe('seed-004-itk-service-price-list-2011-01-01');
    expect((body.data as typeof gap).material.overheadTiers[7]?.fromPrice).toBe('21.01');
    const path = 'data.material.overheadTiers[7].fromPrice';
    const message = 'gap: 20.01–21.00 € is not covered by any tier (tier 6 ends at 20.00 €, tier 7 starts at 21.01 €)';
    post.flush(
      {
        statusCode: 400,
        error: 'Bad Request',
        message: 'Invalid input',
        fields: [
          { field: path, messages: [message] },
          { field: 'data.vatPercent', messages: ['expected a decimal'] },
        ],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    const rows = Array.from(root.querySelectorAll('[data-testid=price-list-problems] tbody tr')).map((tr) =>
      Array.from(tr.querySelectorAll('td')).map((td) => td.textContent?.trim()),
    );
    expect(rows).toEqual([
      [path, message],
      ['data.vatPercent', 'expected a decimal'],
    ]);
    expect(root.querySelector('[data-testid=price-list-problems] caption')?.textContent).toContain('2 Stelle(n)');
  });

  it("uploads a CSV sheet and shows the server's problems at their sheet rows", async () => {
    http = setUpAdminTest('admin');
    const fixture = TestBed.createComponent(PriceListsPageComponent);
    http.expectOne('/api/price-lists').flush({ items: [], nextCursor: null });
    const doc = JSON.parse(SEED_004) as Record<string, unknown>;
    const csv = priceListToCsv(doc);
    const line = csv.split('\r\n').findIndex((l) => l.startsWith('material.overheadTiers[7].fromPrice;'));
    fixture.componentInstance.read('itk.csv', csv);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    root.querySelector<HTMLButtonElement>('button[type=submit]')?.click();
    const post = http.expectOne({ method: 'POST', url: '/api/price-lists' });
    expect((post.request.body as CreatePriceListRequest).data).toEqual(doc);
    post.flush(
      {
        statusCode: 400,
        error: 'Bad Request',
        message: 'Invalid input',
        fields: [{ field: 'data.material.overheadTiers[7].fromPrice', messages: ['gap'] }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    const cells = Array.from(root.querySelectorAll('[data-testid=price-list-problems] tbody td')).map((td) =>
      td.textContent?.trim(),
    );
    // The sheet's rows count from 1 at the header, as a spreadsheet shows them.
    expect(cells).toEqual([String(line + 1), 'data.material.overheadTiers[7].fromPrice', 'gap']);
  });

  it('shows the problems of a broken CSV sheet at their rows and sends nothing', async () => {
    http = setUpAdminTest('admin');
    const fixture = TestBed.createComponent(PriceListsPageComponent);
    http.expectOne('/api/price-lists').flush({ items: [], nextCursor: null });
    fixture.componentInstance.read('x.csv', 'path;value\nroles[0].id;a\nroles[2].id;b\n');
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    expect(root.querySelector('.problem')?.textContent).toContain('Die CSV-Datei hat 1 Fehler');
    const cells = Array.from(root.querySelectorAll('[data-testid=price-list-sheet-problems] tbody td')).map((td) =>
      td.textContent?.trim(),
    );
    expect(cells).toEqual(['3', 'roles[1]', 'is missing (the list jumps to roles[2])']);
    expect(root.querySelector('form')).toBeNull();
  });

  it('says so when the chosen file is not JSON, and uploads nothing', async () => {
    http = setUpAdminTest('admin');
    const fixture = TestBed.createComponent(PriceListsPageComponent);
    http.expectOne('/api/price-lists').flush({ items: [], nextCursor: null });
    fixture.componentInstance.read('x.json', 'not json');
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    expect(root.querySelector('.problem')?.textContent).toContain('Die Datei ist kein gültiges JSON');
    expect(root.querySelector('form')).toBeNull();
  });
});
