import { formatDate, formatNumber } from '@angular/common';
import { LOCALE_ID } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { of } from 'rxjs';
import type { TicketListResponse } from '@leitstand/api-contracts';
import { TicketsApiService } from '@leitstand/frontend/data-access';
import { AppComponent } from './app.component';
import { APP_LOCALE, appConfig } from './app.config';
import { APP_ROUTES } from './app.routes';

const EMPTY_PAGE: TicketListResponse = { items: [], nextCursor: null };

describe('helpdesk app', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter(APP_ROUTES),
        { provide: LOCALE_ID, useValue: APP_LOCALE },
        { provide: TicketsApiService, useValue: { list: () => of(EMPTY_PAGE) } },
      ],
    });
  });

  it('renders the shell with a skip link, the brand and a main landmark', async () => {
    const fixture = TestBed.createComponent(AppComponent);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;

    expect(root.querySelector('a.skip-link')?.getAttribute('href')).toBe('#main');
    expect(root.querySelector('.brand')?.textContent).toBe('Leitstand');
    expect(root.querySelector('main#main router-outlet')).not.toBeNull();
  });

  it('shows the ticket list at "/" and sends unknown paths back to it', async () => {
    const harness = await RouterTestingHarness.create();

    await harness.navigateByUrl('/');
    // The feature is lazy-loaded, so it is recognised by what it renders rather than imported here.
    expect(harness.routeNativeElement?.tagName.toLowerCase()).toBe('ls-ticket-list-page');
    expect(harness.routeNativeElement?.querySelector('h1')?.textContent).toBe('Störmeldungen');
    await harness.navigateByUrl('/gibt-es-nicht');
    expect(TestBed.inject(Router).url).toBe('/');
    expect(harness.routeNativeElement?.textContent).toContain('Keine Tickets');
  });

  it('runs in German: de-DE is the locale id and its number and date formats are registered', () => {
    const providers = appConfig.providers;
    expect(providers).toContainEqual({ provide: LOCALE_ID, useValue: 'de-DE' });
    expect(formatNumber(1234.56, APP_LOCALE, '1.2-2')).toBe('1.234,56');
    expect(formatDate('2026-11-21T14:05:00', 'EEEE, d. MMMM y', APP_LOCALE)).toBe('Samstag, 21. November 2026');
  });
});
