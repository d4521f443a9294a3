import { Injectable, InjectionToken, inject } from '@angular/core';
import { Observable, share } from 'rxjs';
import type { TicketChangeEvent } from '@leitstand/api-contracts';
import { API_BASE_URL } from './api-base-url.token';

/** Builds the EventSource (a token so tests can hand in a fake). */
export const EVENT_SOURCE_FACTORY = new InjectionToken<(url: string) => EventSource | null>('EVENT_SOURCE_FACTORY', {
  providedIn: 'root',
  // Null where the platform has no EventSource (server rendering, jsdom): the stream then stays silent.
  factory: () => (url: string) =>
    typeof EventSource === 'undefined' ? null : new EventSource(url, { withCredentials: true }),
});

/** First reconnect delay; doubles per failed attempt up to {@link MAX_RECONNECT_MS}. */
export const FIRST_RECONNECT_MS = 1000;
export const MAX_RECONNECT_MS = 30_000;

/**
 * Live ticket changes from `GET /api/tickets/stream` (SSE, cookie auth, event type 'ticket').
 * One EventSource is shared by all subscribers and closed when the last one leaves. When the stream
 * errors, it is closed and opened again after 1 s, 2 s, 4 s … (at most 30 s); a successful open resets
 * the delay. `connected` events tell subscribers to re-fetch, because changes may have been missed.
 */
@Injectable({ providedIn: 'root' })
export class TicketChangesService {
  private readonly createSource = inject(EVENT_SOURCE_FACTORY);
  private readonly url = `${inject(API_BASE_URL)}/tickets/stream`;

  readonly events$: Observable<TicketStreamEvent> = new Observable<TicketStreamEvent>((subscriber) => {
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let delay = FIRST_RECONNECT_MS;
    let opened = false;

    const connect = (): void => {
      source = this.createSource(this.url);
      if (!source) {
        return;
      }
      source.onopen = () => {
        delay = FIRST_RECONNECT_MS;
        // After a reconnect, changes in the gap are unknown: ask for a full re-fetch.
        subscriber.next({ kind: opened ? 'reconnected' : 'connected' });
        opened = true;
      };
      source.addEventListener('ticket', (message: MessageEvent<string>) => {
        try {
          subscriber.next({ kind: 'change', change: JSON.parse(message.data) as TicketChangeEvent });
        } catch {
          // A malformed event is ignored; the next reconnect re-fetches anyway.
        }
      });
      source.onerror = () => {
        source?.close();
        source = null;
        subscriber.next({ kind: 'disconnected', retryInMs: delay });
        timer = setTimeout(connect, delay);
        delay = Math.min(delay * 2, MAX_RECONNECT_MS);
      };
    };

    connect();
    return () => {
      if (timer) {
        clearTimeout(timer);
      }
      source?.close();
    };
  }).pipe(share());
}

export type TicketStreamEvent =
  | { readonly kind: 'connected' }
  | { readonly kind: 'reconnected' }
  | { readonly kind: 'disconnected'; readonly retryInMs: number }
  | { readonly kind: 'change'; readonly change: TicketChangeEvent };
