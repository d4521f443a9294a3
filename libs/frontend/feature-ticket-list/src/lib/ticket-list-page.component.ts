import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { Subject, catchError, map, of, startWith, switchMap } from 'rxjs';
import type { ApiError, IsoInstant, Priority, TicketSummary } from '@leitstand/api-contracts';
import { TicketsApiService } from '@leitstand/frontend/data-access';
import { DateTimePipe } from './date-time.pipe';
import { PRIORITY_DISPLAY, STATUS_LABELS } from './ticket-display.constants';

/** What the page knows about the list. Rows survive a refresh so the table does not flicker. */
type ListState =
  | { readonly kind: 'loading'; readonly tickets: readonly TicketSummary[] }
  | { readonly kind: 'loaded'; readonly tickets: readonly TicketSummary[] }
  | { readonly kind: 'error'; readonly tickets: readonly TicketSummary[]; readonly message: string };

type ListEvent =
  | { readonly kind: 'loading' }
  | { readonly kind: 'loaded'; readonly tickets: readonly TicketSummary[] }
  | { readonly kind: 'error'; readonly message: string };

/** A ticket with its display texts resolved once, so the template only reads fields. */
export interface TicketRow {
  readonly id: string;
  readonly number: string;
  readonly title: string;
  readonly priority: Priority;
  readonly priorityLabel: string;
  readonly priorityIcon: string;
  readonly statusLabel: string;
  readonly createdAt: IsoInstant;
}

export const TICKET_LIST_COLUMNS = ['number', 'priority', 'title', 'status', 'createdAt'] as const;

/** Routed page: every ticket in a table with loading, empty and error states and a manual refresh. */
@Component({
  selector: 'ls-ticket-list-page',
  imports: [MatTableModule, MatButtonModule, MatIconModule, MatProgressBarModule, DateTimePipe],
  templateUrl: './ticket-list-page.component.html',
  styleUrl: './ticket-list-page.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TicketListPageComponent {
  private readonly api = inject(TicketsApiService);
  private readonly reload$ = new Subject<void>();

  protected readonly columns = TICKET_LIST_COLUMNS;

  private readonly state = signal<ListState>({ kind: 'loading', tickets: [] });

  protected readonly rows = computed(() => this.state().tickets.map(toRow));
  protected readonly loading = computed(() => this.state().kind === 'loading');
  protected readonly errorMessage = computed(() => {
    const state = this.state();
    return state.kind === 'error' ? state.message : null;
  });
  /** Shown with the empty-state illustration only once a load has succeeded with no rows. */
  protected readonly empty = computed(() => this.state().kind === 'loaded' && this.state().tickets.length === 0);
  /** Text of the polite live region: one sentence per state, announced when it changes. */
  protected readonly statusMessage = computed(() => {
    const state = this.state();
    switch (state.kind) {
      case 'loading':
        return 'Tickets werden geladen …';
      case 'error':
        return `Tickets konnten nicht geladen werden. ${state.message}`;
      case 'loaded':
        return countLabel(state.tickets.length);
    }
  });

  constructor() {
    this.reload$
      .pipe(
        startWith(undefined),
        switchMap(() =>
          this.api.list().pipe(
            map((page): ListEvent => ({ kind: 'loaded', tickets: page.items })),
            catchError((error: unknown) => of<ListEvent>({ kind: 'error', message: describeError(error) })),
            startWith<ListEvent>({ kind: 'loading' }),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((event) => this.state.update((previous) => reduce(previous, event)));
  }

  refresh(): void {
    this.reload$.next();
  }

  protected trackById(_index: number, row: TicketRow): string {
    return row.id;
  }
}

function toRow(ticket: TicketSummary): TicketRow {
  const priority = PRIORITY_DISPLAY[ticket.priority];
  return {
    id: ticket.id,
    number: ticket.number,
    title: ticket.title,
    priority: ticket.priority,
    priorityLabel: priority.label,
    priorityIcon: priority.icon,
    statusLabel: STATUS_LABELS[ticket.status],
    createdAt: ticket.createdAt,
  };
}

function reduce(previous: ListState, event: ListEvent): ListState {
  switch (event.kind) {
    case 'loading':
      return { kind: 'loading', tickets: previous.tickets };
    case 'loaded':
      return { kind: 'loaded', tickets: event.tickets };
    case 'error':
      return { kind: 'error', tickets: previous.tickets, message: event.message };
  }
}

function countLabel(count: number): string {
  if (count === 0) {
    return 'Keine Tickets';
  }
  return count === 1 ? '1 Ticket' : `${count.toLocaleString('de-DE')} Tickets`;
}

function describeError(error: unknown): string {
  if (error instanceof HttpErrorResponse) {
    if (error.status === 0) {
      return 'Der Server ist nicht erreichbar.';
    }
    const body = error.error as Partial<ApiError> | null;
    const detail = typeof body?.message === 'string' ? `: ${body.message}` : '';
    return `Der Server antwortete mit HTTP ${error.status}${detail}.`;
  }
  return 'Unerwarteter Fehler.';
}
