import { HttpErrorResponse } from '@angular/common/http';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { Subject, of } from 'rxjs';
import type { AssetView, CreateTicketRequest, TicketDetail } from '@leitstand/api-contracts';
import { CatalogApiService, TicketsApiService } from '@leitstand/frontend/data-access';
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
});
