import { HttpErrorResponse } from '@angular/common/http';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { Subject, of } from 'rxjs';
import type { AssetView, CreateTicketRequest, TicketDetail } from '@leitstand/api-contracts';
import { CatalogApiService, TicketsApiService } from '@leitstand/frontend/data-access';
import { I18nService } from '@leitstand/frontend/i18n';
import { provideLsIcons } from '@leitstand/frontend/ui';
import { TicketIntakePageComponent } from './ticket-intake-page.component';

const ELEVATOR: AssetView = {
  id: 'asset-1',
  tenantId: 'tenant-1',
  siteId: 'site-1',
  parentId: null,
  code: 'AZ-02',
  name: 'Aufzug 2',
  trade: 'elevators',
  assetClass: 'A',
  inContract: true,
  locationId: null,
  locationPath: null,
  manufacturer: null,
  model: null,
  serialNumber: null,
  yearBuilt: null,
  warrantyUntil: null,
  attributes: {},
  redundancyGroup: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  version: 1,
};

class FakeTickets {
  readonly calls: Array<{ request: CreateTicketRequest; key: string | undefined; answer: Subject<TicketDetail> }> = [];
  create(request: CreateTicketRequest, key?: string) {
    const answer = new Subject<TicketDetail>();
    this.calls.push({ request, key, answer });
    return answer;
  }
}

describe('TicketIntakePageComponent', () => {
  let fixture: ComponentFixture<TicketIntakePageComponent>;
  let component: TicketIntakePageComponent;
  let tickets: FakeTickets;

  beforeEach(async () => {
    localStorage.clear();
    tickets = new FakeTickets();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideLsIcons(),
        { provide: TicketsApiService, useValue: tickets },
        {
          provide: CatalogApiService,
          useValue: {
            sites: () => of({ items: [{ id: 'site-1', name: 'Werk Süd', city: 'München' }], nextCursor: null }),
            searchAssets: () => of({ items: [ELEVATOR], nextCursor: null }),
          },
        },
      ],
    });
    fixture = TestBed.createComponent(TicketIntakePageComponent);
    component = fixture.componentInstance;
    await fixture.whenStable();
  });

  afterEach(() => localStorage.clear());

  function text(): string {
    return (fixture.nativeElement as HTMLElement).textContent?.replace(/\s+/g, ' ') ?? '';
  }

  it('preselects the only site, defaults the channel to phone and suggests the priority from the asset class', async () => {
    expect(component.form.controls.siteId.value).toBe('site-1');
    expect(component.form.controls.channel.value).toBe('phone');
    component.selectAsset(ELEVATOR);
    await fixture.whenStable();
    expect(component.form.controls.priority.value).toBe('A');
    expect(text()).toContain('Vorschlag aus der Anlagenklasse: A');
    expect(component.overridden()).toBe(false);
    expect(fixture.nativeElement.querySelector('[data-testid="priority-reason"]')).toBeNull();
  });

  it('asks for a reason when the priority is overridden and sends it', async () => {
    component.selectAsset(ELEVATOR);
    component.form.controls.priority.setValue('C');
    component.form.controls.title.setValue('Aufzug 2 steht');
    await fixture.whenStable();
    expect(component.overridden()).toBe(true);
    expect(fixture.nativeElement.querySelector('[data-testid="priority-reason"]')).not.toBeNull();

    component.submit();
    await fixture.whenStable();
    expect(tickets.calls).toHaveLength(0);
    expect(component.form.controls.priorityReason.hasError('required')).toBe(true);
    expect(text()).toContain('Eine abweichende Priorität braucht einen Grund.');

    component.form.controls.priorityReason.setValue('Ersatzaufzug vorhanden');
    component.submit();
    expect(tickets.calls[0]?.request).toEqual(
      expect.objectContaining({
        siteId: 'site-1',
        assetId: 'asset-1',
        priority: 'C',
        priorityReason: 'Ersatzaufzug vorhanden',
        channel: 'phone',
        title: 'Aufzug 2 steht',
      }),
    );
  });

  it('sends the same Idempotency-Key on a retry and shows API field errors on their fields', async () => {
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    component.selectAsset(ELEVATOR);
    component.form.controls.title.setValue('Aufzug 2 steht');

    component.submit();
    tickets.calls[0]?.answer.error(new HttpErrorResponse({ status: 0 }));
    await fixture.whenStable();
    expect(text()).toContain('Der Server ist nicht erreichbar');

    component.submit();
    tickets.calls[1]?.answer.error(
      new HttpErrorResponse({
        status: 400,
        error: {
          statusCode: 400,
          message: 'invalid input',
          fields: [{ field: 'title', messages: ['title must be shorter'] }],
        },
      }),
    );
    await fixture.whenStable();
    expect(component.form.controls.title.getError('server')).toBe('title must be shorter');
    expect(text()).toContain('title must be shorter');

    component.form.controls.title.setValue('Aufzug 2');
    component.submit();
    tickets.calls[2]?.answer.next({ id: 'ticket-9' } as TicketDetail);
    expect(tickets.calls.map((c) => c.key)).toEqual([
      component.idempotencyKey,
      component.idempotencyKey,
      component.idempotencyKey,
    ]);
    expect(component.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(navigate).toHaveBeenCalledWith(['/tickets', 'ticket-9']);
  });

  it('switches every text of the form to English and back at runtime, including a shown error', async () => {
    const root = fixture.nativeElement as HTMLElement;
    const labels = (): string[] =>
      Array.from(root.querySelectorAll('mat-label, mat-checkbox label, button[type="submit"]'), (el) =>
        (el.textContent ?? '').trim(),
      );
    component.selectAsset(ELEVATOR);
    component.form.controls.priority.setValue('C');
    component.form.controls.title.setValue('');
    component.submit();
    await fixture.whenStable();
    expect(root.querySelector('h1')?.textContent).toBe('Neue Störmeldung (Telefon)');
    expect(labels()).toEqual([
      'Standort',
      'Anlage suchen (Code, Name, Gewerk)',
      'Priorität',
      'Grund für die abweichende Priorität',
      'Titel',
      'Beschreibung',
      'Meldende Person',
      'Eingangskanal',
      'Störung seit',
      'Anlage steht (ausgefallen)',
      'Ticket anlegen',
    ]);
    expect(text()).toContain('Gewählt: AZ-02 – Aufzug 2, Klasse A');
    expect(text()).toContain('Vorschlag aus der Anlagenklasse: A');
    expect(text()).toContain('Eine abweichende Priorität braucht einen Grund.');
    expect(root.querySelector('[role="status"]')?.textContent).toContain('Bitte die markierten Felder ausfüllen.');

    TestBed.inject(I18nService).setLanguage('en');
    await fixture.whenStable();
    expect(root.querySelector('h1')?.textContent).toBe('New incident report (phone)');
    expect(labels()).toEqual([
      'Site',
      'Search asset (code, name, trade)',
      'Priority',
      'Reason for the different priority',
      'Title',
      'Description',
      'Reported by',
      'Channel',
      'Fault since',
      'Asset is down (out of service)',
      'Create ticket',
    ]);
    expect(text()).toContain('Selected: AZ-02 – Aufzug 2, class A');
    expect(text()).toContain('Suggested by the asset class: A');
    expect(text()).toContain('A different priority needs a reason.');
    expect(text()).toContain('Please enter a title.');
    // The error already on screen follows the switch, too.
    expect(root.querySelector('[role="status"]')?.textContent).toContain('Please fill in the marked fields.');
    expect(text()).not.toMatch(/Bitte|Anlage|Störung/);

    TestBed.inject(I18nService).setLanguage('de');
    await fixture.whenStable();
    expect(root.querySelector('h1')?.textContent).toBe('Neue Störmeldung (Telefon)');
    expect(text()).toContain('Bitte einen Titel angeben.');
  });

  it('names HTTP failures in the current language', async () => {
    TestBed.inject(I18nService).setLanguage('en');
    component.selectAsset(ELEVATOR);
    component.form.controls.title.setValue('Lift 2 stuck');
    component.submit();
    tickets.calls[0]?.answer.error(new HttpErrorResponse({ status: 0 }));
    await fixture.whenStable();
    expect(text()).toContain('The server cannot be reached. Please send again – the ticket will not be created twice.');

    component.submit();
    tickets.calls[1]?.answer.error(
      new HttpErrorResponse({ status: 409, error: { statusCode: 409, message: 'duplicate report' } }),
    );
    await fixture.whenStable();
    expect(text()).toContain('The ticket was not created (HTTP 409: duplicate report).');
    TestBed.inject(I18nService).setLanguage('de');
    await fixture.whenStable();
    expect(text()).toContain('Das Ticket wurde nicht angelegt (HTTP 409: duplicate report).');
  });
});
