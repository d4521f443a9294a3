import { TestBed } from '@angular/core/testing';
import type { TicketChangeEvent } from '@leitstand/api-contracts';
import { EVENT_SOURCE_FACTORY, TicketChangesService, type TicketStreamEvent } from './ticket-changes.service';

/** A hand-driven EventSource: the test opens it, pushes events and fails it. */
class FakeEventSource {
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  closed = false;
  private readonly listeners: Array<(message: MessageEvent<string>) => void> = [];
  constructor(readonly url: string) {}
  addEventListener(_type: string, listener: (message: MessageEvent<string>) => void): void {
    this.listeners.push(listener);
  }
  close(): void {
    this.closed = true;
  }
  emit(change: TicketChangeEvent): void {
    for (const listener of this.listeners) {
      listener({ data: JSON.stringify(change) } as MessageEvent<string>);
    }
  }
}

describe('TicketChangesService', () => {
  let sources: FakeEventSource[];

  beforeEach(() => {
    jest.useFakeTimers();
    sources = [];
    TestBed.configureTestingModule({
      providers: [
        {
          provide: EVENT_SOURCE_FACTORY,
          useValue: (url: string) => {
            const source = new FakeEventSource(url);
            sources.push(source);
            return source as unknown as EventSource;
          },
        },
      ],
    });
  });

  afterEach(() => jest.useRealTimers());

  it('passes ticket changes on and reconnects with a doubling delay after errors', () => {
    const events: TicketStreamEvent[] = [];
    const subscription = TestBed.inject(TicketChangesService).events$.subscribe((event) => events.push(event));
    expect(sources).toHaveLength(1);
    expect(sources[0]?.url).toBe('/api/tickets/stream');
    sources[0]?.onopen?.();
    const change: TicketChangeEvent = { ticketId: 't-1', tenantId: 'x', type: 'accepted', version: 2, at: 'now' };
    sources[0]?.emit(change);
    expect(events).toEqual([{ kind: 'connected' }, { kind: 'change', change }]);

    sources[0]?.onerror?.();
    expect(sources[0]?.closed).toBe(true);
    jest.advanceTimersByTime(999);
    expect(sources).toHaveLength(1);
    jest.advanceTimersByTime(1);
    expect(sources).toHaveLength(2);
    sources[1]?.onerror?.();
    jest.advanceTimersByTime(1999);
    expect(sources).toHaveLength(2);
    jest.advanceTimersByTime(1);
    expect(sources).toHaveLength(3);
    sources[2]?.onopen?.();
    expect(events.at(-1)).toEqual({ kind: 'reconnected' });

    subscription.unsubscribe();
    expect(sources[2]?.closed).toBe(true);
  });
});
