import type { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import type { SiteView } from '@leitstand/api-contracts';
import { setUpAdminTest, type } from './admin-test.fixtures';
import { SitePageComponent, toDecimalString } from './site-page.component';

const SITE: SiteView = {
  id: 's-1',
  tenantId: 't-1',
  name: 'Werk Nord',
  street: 'Hafenstraße 2',
  postalCode: '20457',
  city: 'Hamburg',
  state: 'DE-HH',
  timezone: 'Europe/Berlin',
  areaM2: '1250.50',
  distanceKm: '12.5',
  travelZone: '2',
  createdAt: '2026-12-01T08:00:00.000Z',
  version: 2,
};

describe('site page', () => {
  let http: HttpTestingController;
  beforeEach(() => (http = setUpAdminTest('manager')));
  afterEach(() => http.verify());

  it('turns an area with a decimal comma into a decimal string, and empty into null', () => {
    expect(toDecimalString(' 1250,5 ')).toBe('1250.5');
    expect(toDecimalString('')).toBeNull();
  });

  it('creates a site of the tenant with address, state, time zone and area, then opens it', async () => {
    const fixture = TestBed.createComponent(SitePageComponent);
    fixture.componentRef.setInput('tenantId', 't-1');
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    type(root.querySelector('input[formcontrolname=name]'), 'Werk Nord');
    type(root.querySelector('input[formcontrolname=street]'), 'Hafenstraße 2');
    type(root.querySelector('input[formcontrolname=postalCode]'), '20457');
    type(root.querySelector('input[formcontrolname=city]'), 'Hamburg');
    type(root.querySelector('input[formcontrolname=areaM2]'), '1250,5');
    type(root.querySelector('input[formcontrolname=distanceKm]'), '12,5');
    type(root.querySelector('input[formcontrolname=travelZone]'), ' 2 ');
    await fixture.whenStable();
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    root.querySelector<HTMLButtonElement>('button[type=submit]')?.click();
    const post = http.expectOne({ method: 'POST', url: '/api/sites' });
    expect(post.request.body).toEqual({
      tenantId: 't-1',
      name: 'Werk Nord',
      street: 'Hafenstraße 2',
      postalCode: '20457',
      city: 'Hamburg',
      state: 'DE-BY',
      timezone: 'Europe/Berlin',
      areaM2: '1250.5',
      distanceKm: '12.5',
      travelZone: '2',
    });
    post.flush(SITE);
    expect(navigate).toHaveBeenCalledWith(['/admin/sites', 's-1']);
  });

  it('edits a site with If-Match and shows a bad time zone at its field', async () => {
    const fixture = TestBed.createComponent(SitePageComponent);
    fixture.componentRef.setInput('siteId', 's-1');
    await fixture.whenStable();
    http.expectOne('/api/sites/s-1').flush(SITE);
    await fixture.whenStable();
    http.expectOne('/api/sites/s-1/locations').flush({ siteId: 's-1', items: [] });
    const root = fixture.nativeElement as HTMLElement;
    expect(root.querySelector<HTMLInputElement>('input[formcontrolname=areaM2]')?.value).toBe('1250.50');
    type(root.querySelector('input[formcontrolname=timezone]'), 'Mars/Olympus');
    await fixture.whenStable();
    root.querySelector<HTMLButtonElement>('button[type=submit]')?.click();
    const patch = http.expectOne({ method: 'PATCH', url: '/api/sites/s-1' });
    expect(patch.request.headers.get('If-Match')).toBe('"2"');
    expect(patch.request.body).toMatchObject({
      timezone: 'Mars/Olympus',
      state: 'DE-HH',
      distanceKm: '12.5',
      travelZone: '2',
    });
    patch.flush(
      {
        statusCode: 400,
        error: 'Bad Request',
        message: 'Invalid input',
        fields: [{ field: 'timezone', messages: ["unknown IANA time zone 'Mars/Olympus'"] }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(root.querySelector('[data-path=timezone]')?.textContent?.trim()).toBe(
      "unknown IANA time zone 'Mars/Olympus'",
    );
    expect(root.querySelector('.write-failure')?.textContent).toContain('Bitte korrigieren Sie');
  });
});
