import type { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import type { TenantView } from '@leitstand/api-contracts';
import { setUpAdminTest, type } from './admin-test.fixtures';
import { TenantPageComponent } from './tenant-page.component';
import { TenantsPageComponent, slugFromName } from './tenants-page.component';

const TENANT: TenantView = {
  id: 't-1',
  slug: 'stadtwerke-nord',
  name: 'Stadtwerke Nord',
  createdAt: '2026-12-01T08:00:00.000Z',
  version: 3,
};

describe('tenants', () => {
  let http: HttpTestingController | undefined;
  afterEach(() => http?.verify());

  it('proposes a kebab-case slug from the name (umlauts spelled out)', () => {
    expect(slugFromName('Müller & Söhne GmbH')).toBe('mueller-soehne-gmbh');
    expect(slugFromName('  Straße 7 – Süd ')).toBe('strasse-7-sued');
  });

  it('lists the tenants by name and lets an admin create one, then opens it', async () => {
    http = setUpAdminTest('admin');
    const fixture = TestBed.createComponent(TenantsPageComponent);
    http.expectOne('/api/tenants').flush({ items: [{ ...TENANT, id: 't-2', name: 'Zoo' }, TENANT], nextCursor: null });
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    expect(Array.from(root.querySelectorAll('.tenant-list a')).map((a) => a.textContent)).toEqual([
      'Stadtwerke Nord',
      'Zoo',
    ]);

    type(root.querySelector('input[formcontrolname=name]'), 'Klinikum Süd');
    await fixture.whenStable();
    expect(root.querySelector<HTMLInputElement>('input[formcontrolname=slug]')?.value).toBe('klinikum-sued');
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    root.querySelector<HTMLButtonElement>('button[type=submit]')?.click();
    const post = http.expectOne({ method: 'POST', url: '/api/tenants' });
    expect(post.request.body).toEqual({ name: 'Klinikum Süd', slug: 'klinikum-sued' });
    post.flush({ ...TENANT, id: 't-9' });
    expect(navigate).toHaveBeenCalledWith(['/admin/tenants', 't-9']);
  });

  it('shows the server problem at its field when the slug is taken', async () => {
    http = setUpAdminTest('admin');
    const fixture = TestBed.createComponent(TenantsPageComponent);
    http.expectOne('/api/tenants').flush({ items: [], nextCursor: null });
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    type(root.querySelector('input[formcontrolname=name]'), 'Stadtwerke Nord');
    await fixture.whenStable();
    root.querySelector<HTMLButtonElement>('button[type=submit]')?.click();
    http
      .expectOne({ method: 'POST', url: '/api/tenants' })
      .flush(
        { statusCode: 409, error: 'Conflict', message: 'slug taken', fields: [{ field: 'slug', messages: ['taken'] }] },
        { status: 409, statusText: 'Conflict' },
      );
    await fixture.whenStable();
    expect(root.querySelector('[data-path=slug]')?.textContent?.trim()).toBe('taken');
    expect(root.querySelector('.write-failure')?.textContent).toContain('Konflikt');
  });

  it('shows no create form to a manager', async () => {
    http = setUpAdminTest('manager');
    const fixture = TestBed.createComponent(TenantsPageComponent);
    http.expectOne('/api/tenants').flush({ items: [TENANT], nextCursor: null });
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).querySelector('form')).toBeNull();
  });

  it('saves a tenant with If-Match of the loaded version and explains a 412 with "reload"', async () => {
    http = setUpAdminTest('admin');
    const fixture = TestBed.createComponent(TenantPageComponent);
    fixture.componentRef.setInput('tenantId', 't-1');
    await fixture.whenStable();
    http.expectOne('/api/tenants/t-1').flush(TENANT);
    http.expectOne('/api/sites?tenantId=t-1').flush({ items: [], nextCursor: null });
    http.expectOne('/api/contracts?tenantId=t-1').flush({ items: [], nextCursor: null });
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    type(root.querySelector('input[formcontrolname=name]'), 'Stadtwerke Nord GmbH');
    await fixture.whenStable();
    root.querySelector<HTMLButtonElement>('button[type=submit]')?.click();
    const patch = http.expectOne({ method: 'PATCH', url: '/api/tenants/t-1' });
    expect(patch.request.headers.get('If-Match')).toBe('"3"');
    expect(patch.request.body).toEqual({ name: 'Stadtwerke Nord GmbH', slug: 'stadtwerke-nord' });
    patch.flush(
      { statusCode: 412, error: 'Precondition Failed', message: 'stale', details: { currentVersion: 4 } },
      { status: 412, statusText: 'Precondition Failed' },
    );
    await fixture.whenStable();
    expect(root.querySelector('.write-failure')?.textContent).toContain('Jemand anders hat diesen Datensatz');
    Array.from(root.querySelectorAll<HTMLButtonElement>('.write-failure button'))[0]?.click();
    http.expectOne('/api/tenants/t-1').flush({ ...TENANT, name: 'Stadtwerke Nord AG', version: 4 });
    http.expectOne('/api/sites?tenantId=t-1').flush({ items: [], nextCursor: null });
    http.expectOne('/api/contracts?tenantId=t-1').flush({ items: [], nextCursor: null });
    await fixture.whenStable();
    expect(root.querySelector<HTMLInputElement>('input[formcontrolname=name]')?.value).toBe('Stadtwerke Nord AG');
    expect(root.querySelector('.write-failure')).toBeNull();
  });
});
