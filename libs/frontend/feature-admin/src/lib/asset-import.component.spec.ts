import type { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { AssetImportReport } from '@leitstand/api-contracts';
import { I18nService } from '@leitstand/frontend/i18n';
import { setUpAdminTest } from './admin-test.fixtures';
import { AssetImportComponent } from './asset-import.component';

const report = (over: Partial<AssetImportReport>): AssetImportReport => ({
  dryRun: true,
  applied: false,
  rowCount: 2,
  created: 2,
  updated: 0,
  unchanged: 0,
  locationsCreated: 0,
  problems: [],
  rows: [],
  ...over,
});

describe('asset import (site page)', () => {
  let http: HttpTestingController;
  // The chosen language is kept on the device (localStorage): every test starts in German.
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    http.verify();
    localStorage.clear();
  });

  async function render() {
    http = setUpAdminTest('admin');
    const fixture = TestBed.createComponent(AssetImportComponent);
    fixture.componentRef.setInput('siteId', 's 1');
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    const buttons = () => Array.from(root.querySelectorAll<HTMLButtonElement>('.actions button'));
    const choose = async (name: string) => {
      const input = root.querySelector('[data-testid=asset-import-file]') as HTMLInputElement;
      Object.defineProperty(input, 'files', { value: [new File(['x'], name)], configurable: true });
      input.dispatchEvent(new Event('change'));
      await fixture.whenStable();
    };
    const status = () => root.querySelector('[data-testid=asset-import-status]')?.textContent?.trim() ?? '';
    return { fixture, root, buttons, choose, status };
  }

  it('checks first (dry run), names each problem by row and column in German, and offers no import', async () => {
    const { fixture, root, buttons, choose, status } = await render();
    expect(buttons().map((b) => b.disabled)).toEqual([true, true]); // nothing chosen yet
    await choose('anlagen.xlsx');
    buttons()[0]?.click();
    const req = http.expectOne('/api/sites/s%201/asset-import');
    const form = req.request.body as FormData;
    expect([form.get('dryRun'), (form.get('file') as File).name]).toEqual(['true', 'anlagen.xlsx']);
    req.flush(
      report({
        rowCount: 50,
        created: 48,
        problems: [
          {
            row: 8,
            column: 'Klasse',
            code: 'invalidClass',
            params: { value: 'X' },
            message: '"X" is not an asset class',
          },
          { row: 9, column: null, code: 'no-such-code', params: {}, message: 'something new' },
        ],
      }),
    );
    await fixture.whenStable();
    expect(status()).toContain('2 Problem(e)');
    const rows = Array.from(root.querySelectorAll('[data-testid=asset-import-problems] tbody tr')).map((tr) =>
      Array.from(tr.querySelectorAll('td')).map((td) => td.textContent?.trim()),
    );
    expect(rows).toEqual([
      ['8', 'Klasse', '„X“ ist keine Anlagenklasse (A, B oder C).'],
      // An unknown code falls back to the server's English text; a row-level problem has no column.
      ['9', '–', 'something new'],
    ]);
    expect(buttons()[1]?.disabled).toBe(true);
  });

  it('imports a clean file only after its check, and says what was written', async () => {
    const { fixture, buttons, choose, status } = await render();
    await choose('anlagen.csv');
    buttons()[0]?.click();
    http.expectOne('/api/sites/s%201/asset-import').flush(report({}));
    await fixture.whenStable();
    expect(status()).toContain('2 Zeilen: 2 neu, 0 geändert, 0 unverändert.');
    expect(buttons()[1]?.disabled).toBe(false);
    buttons()[1]?.click();
    const req = http.expectOne('/api/sites/s%201/asset-import');
    expect((req.request.body as FormData).get('dryRun')).toBe('false');
    req.flush(report({ dryRun: false, applied: true, locationsCreated: 3 }));
    await fixture.whenStable();
    expect(status()).toContain('Importiert: 2 neu, 0 geändert, 3 Orte angelegt.');
    expect(buttons()[1]?.disabled).toBe(true); // applied: not twice
    // A new file needs a new check.
    await choose('noch-eine.csv');
    expect(buttons()[1]?.disabled).toBe(true);
  });

  it('explains 413, 415 and a 400 naming the file, in the UI language', async () => {
    const { fixture, buttons, choose, status } = await render();
    await choose('riesig.xlsx');
    buttons()[0]?.click();
    http
      .expectOne('/api/sites/s%201/asset-import')
      .flush({ statusCode: 413 }, { status: 413, statusText: 'Payload Too Large' });
    await fixture.whenStable();
    const tooLarge = status();
    buttons()[0]?.click();
    http
      .expectOne('/api/sites/s%201/asset-import')
      .flush({ statusCode: 415 }, { status: 415, statusText: 'Unsupported Media Type' });
    await fixture.whenStable();
    const wrongType = status();
    TestBed.inject(I18nService).setLanguage('en');
    buttons()[0]?.click();
    http
      .expectOne('/api/sites/s%201/asset-import')
      .flush(
        { statusCode: 400, fields: [{ field: 'file', messages: ['the workbook has no worksheet'] }] },
        { status: 400, statusText: 'Bad Request' },
      );
    await fixture.whenStable();
    expect(tooLarge).toBe('Die Datei ist größer als 25 MB.');
    expect(wrongType).toBe('Nur CSV- oder XLSX-Dateien.');
    expect(status()).toBe('The file was not accepted: the workbook has no worksheet');
  });

  it('links the export in the UI language and the QR label sheet', async () => {
    const { fixture, root } = await render();
    const hrefs = () => Array.from(root.querySelectorAll('.links a')).map((a) => a.getAttribute('href'));
    expect(hrefs()).toEqual([
      '/api/sites/s%201/asset-export?format=xlsx&lang=de',
      '/api/sites/s%201/asset-export?format=csv&lang=de',
      '/api/sites/s%201/asset-labels',
    ]);
    TestBed.inject(I18nService).setLanguage('en');
    await fixture.whenStable();
    expect(hrefs()[1]).toBe('/api/sites/s%201/asset-export?format=csv&lang=en');
  });
});
