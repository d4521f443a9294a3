import { Injectable, type Signal, inject, signal } from '@angular/core';
import type { SlaClockView, TicketDetail } from '@leitstand/api-contracts';
import { TicketsApiService } from '@leitstand/frontend/data-access';

export interface RowClocks {
  readonly response: SlaClockView | null;
  readonly restore: SlaClockView | null;
  readonly pauseReason: string | null;
}

type Entry =
  | { readonly state: 'loading' }
  | { readonly state: 'loaded'; readonly clocks: RowClocks }
  | { readonly state: 'error' };

/**
 * Both clocks of the queue's visible rows. The list endpoint carries only the nearest deadline, so a row
 * asks for its ticket's detail when it is rendered (virtual scroll renders only the visible ones) and, if
 * paused, for the pause reason from the timeline. A change event refreshes the one ticket.
 */
@Injectable()
export class TicketClockCache {
  private readonly api = inject(TicketsApiService);
  private readonly entries = new Map<string, ReturnType<typeof signal<Entry>>>();

  /** The row's clocks, fetched on first use. */
  clocksOf(ticketId: string): Signal<Entry> {
    let entry = this.entries.get(ticketId);
    if (!entry) {
      entry = signal<Entry>({ state: 'loading' });
      this.entries.set(ticketId, entry);
      // Rows read this inside a computed, where no signal may be written: fetch after it.
      queueMicrotask(() => this.fetch(ticketId));
    }
    return entry;
  }

  /** Stores a freshly loaded ticket (after a change event), fetching the pause reason if needed. */
  put(ticket: TicketDetail): void {
    if (!this.entries.has(ticket.id)) {
      this.entries.set(ticket.id, signal<Entry>({ state: 'loading' }));
    }
    this.store(ticket);
  }

  private fetch(ticketId: string): void {
    this.api.get(ticketId).subscribe({
      next: (ticket) => this.store(ticket),
      error: () => this.entries.get(ticketId)?.set({ state: 'error' }),
    });
  }

  private store(ticket: TicketDetail): void {
    const entry = this.entries.get(ticket.id);
    const clocks = (pauseReason: string | null): RowClocks => ({
      response: ticket.clocks.find((c) => c.clock === 'response') ?? null,
      restore: ticket.clocks.find((c) => c.clock === 'restore') ?? null,
      pauseReason,
    });
    entry?.set({ state: 'loaded', clocks: clocks(null) });
    if (ticket.status === 'paused') {
      this.api.timeline(ticket.id).subscribe({
        next: (timeline) => {
          const pause = timeline.items.filter((e) => e.type === 'paused').at(-1);
          const reason = typeof pause?.payload['reason'] === 'string' ? pause.payload['reason'] : null;
          entry?.set({ state: 'loaded', clocks: clocks(reason) });
        },
        error: () => undefined,
      });
    }
  }
}
