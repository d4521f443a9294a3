import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { TestBed } from '@angular/core/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { provideRouter } from '@angular/router';
import { Subject, of } from 'rxjs';
import type { MeResponse, TicketDetail, TicketEventView, TicketStatus, TicketSummary } from '@leitstand/api-contracts';
import {
  AuthService,
  TicketChangesService,
  type TicketStreamEvent,
  TicketsApiService,
  UsersApiService,
  WorkRecordsApiService,
} from '@leitstand/frontend/data-access';
import { provideLsIcons } from '@leitstand/frontend/ui';
import { TechnicianPageComponent } from './technician-page.component';
import { TechnicianTicketComponent } from './technician-ticket.component';
import {
  fromLocalInput,
  lineTotal,
  nextTechnicianAction,
  normalizeDecimal,
  toLocalInput,
  workLogDefaults,
} from './technician-workflow';

const ME: MeResponse = {
  id: 'tech-1',
  email: 't@example.test',
  displayName: 'Tina Technik',
  role: 'technician',
  tenantId: null,
  tenantIds: ['tenant-a'],
};

function summary(id: string, status: TicketStatus): TicketSummary {
  return {
    id,
    number: `2026-00000${id}`,
    tenantId: 'tenant-a',
    siteId: 's',
    siteName: 'Werk Nord',
    assetId: 'a',
    assetName: 'RLT 3',
    title: `Ticket ${id}`,
    priority: 'A',
    status,
    channel: 'phone',
    assigneeId: 'tech-1',
    nextDeadline: null,
    atRisk: false,
    breached: false,
    createdAt: '2026-11-21T13:05:00Z',
    clocks: [],
    pauseReason: null,
    pausedUntil: null,
    version: 1,
  };
}

function event(type: TicketEventView['type'], at: string): TicketEventView {
  return { id: type, type, actor: 'x', occurredAt: at, payload: {} };
}

describe('technician workflow', () => {
  it.each<[TicketStatus, string | null]>([
    ['new', 'accept'],
    ['dispatched', 'travel'],
    ['travelling', 'arrive'],
    ['on_site', 'restore'],
    ['paused', null],
    ['restored', null],
    ['closed', null],
  ])('should offer for %s the action %s', (status, action) => {
    expect(nextTechnicianAction(status)).toBe(action);
  });

  it('should default travel to "travel started → arrived" and work to "arrived → now"', () => {
    const events = [event('travel_started', '2026-11-21T13:00:00Z'), event('arrived', '2026-11-21T13:40:00Z')];
    const now = new Date('2026-11-21T15:10:00Z');
    expect(workLogDefaults(events, 'travel', now)).toEqual({
      startedAt: new Date('2026-11-21T13:00:00Z'),
      endedAt: new Date('2026-11-21T13:40:00Z'),
    });
    expect(workLogDefaults(events, 'work', now)).toEqual({ startedAt: new Date('2026-11-21T13:40:00Z'), endedAt: now });
    expect(workLogDefaults([], 'work', now)).toEqual({ startedAt: new Date('2026-11-21T14:10:00Z'), endedAt: now });
  });

  it('should round-trip datetime-local values and normalise decimal input without floats', () => {
    const date = new Date('2026-11-21T13:40:00Z');
    expect(fromLocalInput(toLocalInput(date))).toBe(date.toISOString());
    expect(fromLocalInput('')).toBeNull();
    expect(normalizeDecimal('12,90', 2)).toBe('12.90');
    expect(normalizeDecimal('12.999', 2)).toBeNull();
    expect(normalizeDecimal('1.5', 3)).toBe('1.5');
    expect(normalizeDecimal('-1', 2)).toBeNull();
  });

  it.each([
    ['2.5', '12.90', '32.25'],
    ['3', '0.10', '0.30'], // 0.1 × 3 in floats is 0.30000000000000004
    ['1.333', '0.15', '0.20'], // 0.19995 → half-up 0.20
    ['0.001', '0.01', '0.00'],
    ['12', '1999.99', '23999.88'],
    ['1,5', '2.00', null],
  ])('line total %s × %s = %s (exact decimals, no float)', (quantity, price, expected) => {
    expect(lineTotal(quantity, price)).toBe(expected);
  });
});

describe('technician views', () => {
  let api: Record<string, jest.Mock>;
  let changes: Subject<TicketStreamEvent>;

  beforeEach(() => {
    localStorage.clear();
    api = {
      list: jest.fn(() =>
        of({
          items: [summary('1', 'dispatched'), summary('2', 'travelling'), summary('3', 'on_site')],
          nextCursor: null,
        }),
      ),
      get: jest.fn(() => of({ ...summary('1', 'dispatched'), version: 4, clocks: [] } as unknown as TicketDetail)),
      act: jest.fn(() => of({ ...summary('1', 'travelling'), version: 5 })),
      timeline: jest.fn(() =>
        of({ items: [event('travel_started', '2026-11-21T13:00:00Z'), event('arrived', '2026-11-21T13:40:00Z')] }),
      ),
      workLogs: jest.fn(() => of([])),
      materials: jest.fn(() => of([])),
      addWorkLog: jest.fn((_id: string, body: object) => of({ id: 'w1', ...body })),
      addMaterial: jest.fn(),
      users: jest.fn(() =>
        of([
          { id: 'tech-1', displayName: 'Tina Technik', email: 't@example.test', role: 'technician' },
          { id: 'tech-2', displayName: 'Paul Pumpe', email: 'p@example.test', role: 'technician' },
        ]),
      ),
    };
    changes = new Subject<TicketStreamEvent>();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideLsIcons(),
        { provide: TicketChangesService, useValue: { events$: changes.asObservable() } },
        { provide: TicketsApiService, useValue: api },
        { provide: WorkRecordsApiService, useValue: api },
        { provide: AuthService, useValue: { user: () => ME } },
        { provide: UsersApiService, useValue: { list: (query: object) => api['users']?.(query) } },
      ],
    });
  });

  it('should list my open assignments with the next step of each and send it with If-Match', async () => {
    const fixture = TestBed.createComponent(TechnicianPageComponent);
    await fixture.whenStable();
    // Restored tickets are not "my open work" (open=true listed them until the helpdesk closed them).
    expect(api['list']).toHaveBeenCalledWith({
      assigneeId: 'tech-1',
      status: 'new,accepted,dispatched,travelling,on_site,paused',
      limit: 100,
    });
    const el = fixture.nativeElement as HTMLElement;
    const buttons = Array.from(el.querySelectorAll<HTMLButtonElement>('li.card button'));
    expect(buttons.map((b) => b.textContent?.trim())).toEqual(['Anfahrt', 'Vor Ort', 'Entstört']);
    buttons[0]?.click();
    await fixture.whenStable();
    expect(api['get']).toHaveBeenCalledWith('1');
    expect(api['act']).toHaveBeenCalledWith('1', 'travel', 4);
  });

  it('should ask before "Entstört", then drop the restored ticket from my open work', async () => {
    api['get']?.mockReturnValue(of({ ...summary('3', 'on_site'), version: 9, clocks: [] } as unknown as TicketDetail));
    api['act']?.mockReturnValue(of({ ...summary('3', 'restored'), version: 10 }));
    const fixture = TestBed.createComponent(TechnicianPageComponent);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const card = () => el.querySelector<HTMLElement>('li.card[aria-label="2026-000003"]');
    card()?.querySelector<HTMLButtonElement>('button')?.click();
    await fixture.whenStable();
    // one tap only asks
    expect(api['act']).not.toHaveBeenCalled();
    expect(card()?.querySelector('[role="alert"]')?.textContent?.trim()).toBe(
      '2026-000003 wirklich als entstört melden? Das stoppt die Entstörungsfrist.',
    );
    card()?.querySelector<HTMLButtonElement>('button.confirm-no')?.click();
    await fixture.whenStable();
    expect(card()?.querySelector('[role="alert"]')).toBeNull();
    card()?.querySelector<HTMLButtonElement>('button')?.click();
    await fixture.whenStable();
    api['list']?.mockReturnValue(
      of({ items: [summary('1', 'dispatched'), summary('2', 'travelling')], nextCursor: null }),
    );
    card()?.querySelector<HTMLButtonElement>('button.confirm-yes')?.click();
    await fixture.whenStable();
    expect(api['act']).toHaveBeenCalledWith('3', 'restore', 9);
    expect(card()).toBeNull();
    expect(el.querySelectorAll('li.card')).toHaveLength(2);
  });

  it('should show each running deadline labelled and counting down', async () => {
    const deadline = new Date(Date.now() + 42 * 60_000 + 30_000).toISOString();
    api['list']?.mockReturnValue(
      of({
        items: [
          {
            ...summary('1', 'dispatched'),
            nextDeadline: deadline,
            clocks: [
              {
                clock: 'restore',
                state: 'running',
                deadline,
                warningAt: null,
                remainingMinutes: 42,
                breachMinutes: null,
                lateMs: null,
                stoppedAt: null,
              },
            ],
          },
        ],
        nextCursor: null,
      }),
    );
    const fixture = TestBed.createComponent(TechnicianPageComponent);
    await fixture.whenStable();
    const text = (fixture.nativeElement as HTMLElement).querySelector('.deadlines')?.textContent ?? '';
    expect(text.replace(/\s+/g, ' ')).toMatch(/Entstörung: noch 42:\d\d min/);
  });

  it('should re-read my assignments when the stream reports changes (once per burst)', async () => {
    const fixture = TestBed.createComponent(TechnicianPageComponent);
    await fixture.whenStable();
    expect(api['list']).toHaveBeenCalledTimes(1);
    const change: TicketStreamEvent = {
      kind: 'change',
      change: { ticketId: '9', tenantId: 'tenant-a', type: 'dispatched', version: 3, at: '2026-11-21T13:15:00Z' },
    };
    changes.next(change);
    changes.next(change);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(api['list']).toHaveBeenCalledTimes(2);
  });

  it('should propose work from arrival until now, and travel from travel start to arrival', async () => {
    api['get']?.mockReturnValue(of({ ...summary('1', 'on_site'), version: 7, clocks: [] } as unknown as TicketDetail));
    const fixture = TestBed.createComponent(TechnicianTicketComponent);
    fixture.componentRef.setInput('id', '1');
    await fixture.whenStable();
    const form = fixture.componentInstance.workForm;
    expect(form.controls.kind.value).toBe('work');
    expect(form.controls.role.value).toBe('service-technician');
    expect(form.controls.startedAt.value).toBe(toLocalInput(new Date('2026-11-21T13:40:00Z')));
    form.controls.kind.setValue('travel');
    expect(form.controls.startedAt.value).toBe(toLocalInput(new Date('2026-11-21T13:00:00Z')));
    expect(form.controls.endedAt.value).toBe(toLocalInput(new Date('2026-11-21T13:40:00Z')));
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('.next-action')?.textContent?.trim()).toBe('Entstört');

    el.querySelector<HTMLButtonElement>('.save-work')?.click();
    await fixture.whenStable();
    expect(api['addWorkLog']).toHaveBeenCalledWith('1', {
      role: 'service-technician',
      kind: 'travel',
      startedAt: '2026-11-21T13:00:00.000Z',
      endedAt: '2026-11-21T13:40:00.000Z',
    });
  });

  it('should let me pick a colleague by name for a work log, not type a user id', async () => {
    api['get']?.mockReturnValue(of({ ...summary('1', 'on_site'), version: 7, clocks: [] } as unknown as TicketDetail));
    const fixture = TestBed.createComponent(TechnicianTicketComponent);
    fixture.componentRef.setInput('id', '1');
    await fixture.whenStable();
    expect(api['users']).toHaveBeenCalledWith({ role: 'technician', tenantId: 'tenant-a' });
    const picker = await TestbedHarnessEnvironment.loader(fixture).getHarness(
      MatSelectHarness.with({ selector: '[formcontrolname="workerId"]' }),
    );
    expect(await picker.getValueText()).toBe('Ich (Tina Technik)');
    await picker.open();
    expect(await Promise.all((await picker.getOptions()).map((o) => o.getText()))).toEqual([
      'Ich (Tina Technik)',
      'Paul Pumpe',
    ]);
    await picker.clickOptions({ text: 'Paul Pumpe' });
    (fixture.nativeElement as HTMLElement).querySelector<HTMLButtonElement>('.save-work')?.click();
    await fixture.whenStable();
    expect(api['addWorkLog']).toHaveBeenCalledWith('1', expect.objectContaining({ workerId: 'tech-2' }));
  });

  it('should not save a material line with an invalid price', async () => {
    const fixture = TestBed.createComponent(TechnicianTicketComponent);
    fixture.componentRef.setInput('id', '1');
    await fixture.whenStable();
    const form = (fixture.componentInstance as unknown as { materialForm: TechnicianTicketComponent['materialForm'] })
      .materialForm;
    form.setValue({ description: 'Keilriemen', netUnitPrice: '12,999', quantity: '2', unit: 'Stk' });
    expect(form.controls.netUnitPrice.hasError('decimal')).toBe(true);
    form.controls.netUnitPrice.setValue('12,90');
    expect(form.valid).toBe(true);
  });

  it('should ask before "Entstört" on the ticket view and show each material line total', async () => {
    api['get']?.mockReturnValue(of({ ...summary('1', 'on_site'), version: 7, clocks: [] } as unknown as TicketDetail));
    api['materials']?.mockReturnValue(
      of([
        {
          id: 'm1',
          kind: 'material',
          description: 'Keilriemen',
          netUnitPrice: '12.90',
          quantity: '2.500',
          unit: 'Stk',
        },
      ]),
    );
    api['act']?.mockReturnValue(of({ ...summary('1', 'restored'), version: 8 }));
    const fixture = TestBed.createComponent(TechnicianTicketComponent);
    fixture.componentRef.setInput('id', '1');
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('.materials li')?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      '2.5 Stk Keilriemen · 12,90 € je Einheit · 32,25 €',
    );
    el.querySelector<HTMLButtonElement>('.next-action')?.click();
    await fixture.whenStable();
    expect(api['act']).not.toHaveBeenCalled();
    el.querySelector<HTMLButtonElement>('.confirm-yes')?.click();
    await fixture.whenStable();
    expect(api['act']).toHaveBeenCalledWith('1', 'restore', 7);
  });
});
