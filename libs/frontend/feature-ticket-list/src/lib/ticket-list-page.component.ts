import { HttpErrorResponse } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { CdkVirtualScrollViewport, ScrollingModule } from '@angular/cdk/scrolling';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { Subject, type Subscription, concatMap, debounceTime, from, map, of, catchError, finalize } from 'rxjs';
import {
  type ApiError,
  PRIORITIES,
  type Priority,
  OPEN_TICKET_STATUSES,
  type SiteView,
  type TicketAction,
  type TicketStatus,
  type TicketSummary,
} from '@leitstand/api-contracts';
import { CatalogApiService, TicketChangesService, TicketsApiService } from '@leitstand/frontend/data-access';
import { I18nService, type I18nKey, type I18nParams, TranslatePipe } from '@leitstand/frontend/i18n';
import { PRIORITY_DISPLAY, STATUS_LABEL_KEYS } from '@leitstand/frontend/ui';
import {
  EMPTY_FILTER,
  type QueueFilter,
  type SavedQueueFilter,
  byNearestDeadline,
  filterFromParams,
  filterToParams,
  loadSavedFilters,
  matchesFilter,
  storeSavedFilters,
  toQuery,
} from './queue-filters';
import { QUEUE_SHORTCUTS, moveSelection, queueKeyAction } from './queue-keys';
import { QueueRowComponent } from './queue-row.component';

/** Rows per page fetched through the cursor. */
export const QUEUE_PAGE_SIZE = 200;
/** Height of one row in px (the virtual scroll needs a fixed size): compact, 20+ rows at 1080p. */
export const QUEUE_ROW_HEIGHT = 40;
/** Quiet time after the last key stroke in the search field before the queue asks the server. */
export const SEARCH_DEBOUNCE_MS = 250;

/**
 * The bulk actions of the selection; each ticket goes through its own request with its own If-Match: the status
 * actions (POST …/accept, …/close) and a priority change with its reason (PATCH).
 */
export type BulkAction = Extract<TicketAction, 'accept' | 'close'> | 'priority';

/** One ticket of a bulk action that the server refused, and why (kept as a text so it follows the language). */
export interface BulkFailure {
  readonly id: string;
  readonly number: string;
  readonly reason: Text;
}

export interface BulkOutcome {
  readonly action: BulkAction;
  readonly count: number;
  readonly ok: number;
  readonly failures: readonly BulkFailure[];
}

type LoadState = 'loading' | 'loaded' | 'error';

/** A text to show, kept as key and parameters so that it follows a language switch. */
interface Text {
  readonly key: I18nKey;
  readonly params?: I18nParams;
}

/**
 * The live queue of open tickets, nearest deadline first, searchable (`q`, kept in the URL), compact rows that
 * open on a click, keyboard shortcuts (QUEUE_SHORTCUTS, `?` lists them) and bulk actions on marked tickets. Pages come through the cursor as the agent
 * scrolls (only visible rows are rendered); each row shows the clocks and pause reason its list item
 * carries, so rendering a row sends no request. SSE changes re-fetch the changed ticket (or the first page
 * when a ticket is new) without a reload; filters can be saved by name. Texts follow the UI language.
 */
@Component({
  selector: 'ls-ticket-list-page',
  imports: [
    FormsModule,
    RouterLink,
    ScrollingModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    QueueRowComponent,
    TranslatePipe,
  ],
  templateUrl: './ticket-list-page.component.html',
  styleUrl: './ticket-list-page.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(document:keydown)': 'onKeydown($event)' },
})
export class TicketListPageComponent {
  private readonly api = inject(TicketsApiService);
  private readonly catalog = inject(CatalogApiService);
  private readonly i18n = inject(I18nService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly reloadSoon$ = new Subject<void>();
  private pageRequest: Subscription | null = null;
  private sitesRequested = false;

  protected readonly rowHeight = QUEUE_ROW_HEIGHT;
  protected readonly statusOptions = OPEN_TICKET_STATUSES.map((value) => ({
    value,
    labelKey: STATUS_LABEL_KEYS[value],
  }));
  protected readonly priorityOptions = PRIORITIES.map((value) => ({
    value,
    labelKey: PRIORITY_DISPLAY[value].labelKey,
  }));
  protected readonly sites = signal<SiteView[]>([]);

  /** Starts from the query string, so a reload or a shared link keeps the filter (see applyFilter). */
  protected readonly filter = signal<QueueFilter>(
    filterFromParams((name) => this.route.snapshot.queryParamMap.get(name)),
  );
  /** What the search field shows (applied to the filter and the URL after SEARCH_DEBOUNCE_MS). */
  protected readonly searchText = signal(this.filter().q);
  private readonly search$ = new Subject<string>();
  private readonly searchInput = viewChild<ElementRef<HTMLInputElement>>('searchInput');
  private readonly viewport = viewChild(CdkVirtualScrollViewport);
  private readonly helpDialog = viewChild<ElementRef<HTMLDialogElement>>('helpDialog');
  protected readonly shortcuts = QUEUE_SHORTCUTS;

  /** The keyboard cursor (j/k): a ticket id, so it stays on its ticket when rows move. */
  protected readonly cursorId = signal<string | null>(null);
  /** Tickets marked for a bulk action → the version the agent saw when marking it (sent as If-Match). */
  protected readonly checked = signal<ReadonlyMap<string, { number: string; version: number }>>(new Map());
  protected readonly checkedCount = computed(() => this.checked().size);
  protected readonly bulkRunning = signal<{ done: number; count: number } | null>(null);
  /** The bulk priority change's form: the new priority and the reason the API requires for it. */
  protected readonly bulkPriority = signal<Priority | ''>('');
  protected readonly bulkReasonText = signal('');
  protected readonly canSetPriority = computed(() => this.bulkPriority() !== '' && this.bulkReasonText().trim() !== '');
  protected readonly bulkOutcome = signal<BulkOutcome | null>(null);
  protected readonly saved = signal<SavedQueueFilter[]>(loadSavedFilters());
  protected readonly filterName = signal('');

  protected readonly tickets = signal<TicketSummary[]>([]);
  private readonly nextCursor = signal<string | null>(null);
  protected readonly state = signal<LoadState>('loading');
  protected readonly error = signal<Text | null>(null);
  protected readonly live = signal<'connecting' | 'live' | 'offline'>('connecting');

  protected readonly loading = computed(() => this.state() === 'loading');
  protected readonly empty = computed(() => this.state() === 'loaded' && this.tickets().length === 0);
  /** The polite status line; `I18nService.t` reads the language signal, so a switch re-renders it. */
  protected readonly statusMessage = computed(() => {
    const t = (text: Text): string => this.i18n.t(text.key, text.params);
    switch (this.state()) {
      case 'loading':
        return t({ key: 'queue.loading' });
      case 'error': {
        const error = this.error();
        return t({ key: 'queue.loadError', params: { reason: error ? t(error) : '' } }).trim();
      }
      case 'loaded': {
        const count = this.tickets().length;
        return count === 0
          ? t({ key: 'queue.empty' })
          : count === 1
            ? t({ key: 'queue.countOne' })
            : t({ key: 'queue.count', params: { count: count.toLocaleString(this.i18n.locale()) } });
      }
    }
  });
  /** Shown under the list while more pages wait behind the cursor. */
  protected readonly hasMore = computed(() => this.nextCursor() !== null);
  protected readonly liveLabel = computed(() =>
    this.i18n.t(
      this.live() === 'live' ? 'queue.live' : this.live() === 'offline' ? 'queue.offline' : 'queue.connecting',
    ),
  );

  constructor() {
    this.reloadSoon$.pipe(debounceTime(300), takeUntilDestroyed()).subscribe(() => this.reload(false));
    this.search$
      .pipe(debounceTime(SEARCH_DEBOUNCE_MS), takeUntilDestroyed())
      .subscribe((q) => this.patchFilter({ q: q.trim() }));
    inject(TicketChangesService)
      .events$.pipe(takeUntilDestroyed())
      .subscribe((event) => {
        switch (event.kind) {
          case 'connected':
            this.live.set('live');
            break;
          case 'reconnected':
            this.live.set('live');
            this.reloadSoon$.next();
            break;
          case 'disconnected':
            this.live.set('offline');
            break;
          case 'change':
            this.onChange(event.change.ticketId);
            break;
        }
      });
    if (this.filter().siteId) {
      this.loadSites();
    }
    this.reload(true);
  }

  /** The site filter's options, fetched when the agent first opens it (or applies a saved site filter). */
  protected loadSites(): void {
    if (this.sitesRequested) {
      return;
    }
    this.sitesRequested = true;
    this.catalog
      .sites()
      .subscribe({ next: (page) => this.sites.set(page.items), error: () => (this.sitesRequested = false) });
  }

  /** Loads the first page again (after a filter change, a new ticket, or a reconnect). */
  reload(showLoading = true): void {
    this.pageRequest?.unsubscribe();
    if (showLoading) {
      this.state.set('loading');
    }
    this.pageRequest = this.api.list({ ...toQuery(this.filter()), limit: QUEUE_PAGE_SIZE }).subscribe({
      next: (page) => {
        this.tickets.set(page.items);
        this.nextCursor.set(page.nextCursor);
        this.state.set('loaded');
      },
      error: (error: unknown) => {
        this.error.set(describeError(error));
        this.state.set('error');
      },
    });
  }

  /** Virtual scroll reached the last screenful: fetch the next page through the cursor. */
  protected onScrolled(firstVisible: number): void {
    const cursor = this.nextCursor();
    if (!cursor || this.pageRequest?.closed === false || firstVisible < this.tickets().length - 50) {
      return;
    }
    this.pageRequest = this.api.list({ ...toQuery(this.filter()), limit: QUEUE_PAGE_SIZE, cursor }).subscribe({
      next: (page) => {
        const known = new Set(this.tickets().map((t) => t.id));
        this.tickets.update((rows) => [...rows, ...page.items.filter((t) => !known.has(t.id))]);
        this.nextCursor.set(page.nextCursor);
      },
      error: (error: unknown) => this.error.set(describeError(error)),
    });
  }

  private onChange(ticketId: string): void {
    if (this.filter().q) {
      // Only the server knows whether a changed ticket still matches the search (stems, asset names).
      this.reloadSoon$.next();
      return;
    }
    if (!this.tickets().some((t) => t.id === ticketId)) {
      // A new ticket (or one that now matches): its place in the order is the server's to decide.
      this.reloadSoon$.next();
      return;
    }
    this.api.get(ticketId).subscribe({
      next: (ticket) => {
        const filter = this.filter();
        this.tickets.update((rows) => {
          const others = rows.filter((t) => t.id !== ticket.id);
          return matchesFilter(ticket, filter) ? [...others, ticket].sort(byNearestDeadline) : others;
        });
      },
      error: () => this.tickets.update((rows) => rows.filter((t) => t.id !== ticketId)),
    });
  }

  protected setStatuses(statuses: TicketStatus[]): void {
    this.applyFilter({ ...this.filter(), statuses });
  }

  protected patchFilter(patch: Partial<QueueFilter>): void {
    this.applyFilter({ ...this.filter(), ...patch });
  }

  protected applyFilter(filter: QueueFilter): void {
    this.filter.set({ ...filter, statuses: [...filter.statuses] });
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: filterToParams(filter),
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
    this.reload(true);
  }

  protected resetFilter(): void {
    this.applyFilter({ ...EMPTY_FILTER });
  }

  protected saveFilter(): void {
    const name = this.filterName().trim();
    if (!name) {
      return;
    }
    const next = [...this.saved().filter((f) => f.name !== name), { name, filter: this.filter() }];
    this.saved.set(next);
    storeSavedFilters(next);
    this.filterName.set('');
  }

  protected applySaved(name: string): void {
    const found = this.saved().find((f) => f.name === name);
    if (found) {
      if (found.filter.siteId) {
        this.loadSites();
      }
      this.applyFilter({ ...EMPTY_FILTER, ...found.filter });
    }
  }

  protected deleteSaved(name: string): void {
    const next = this.saved().filter((f) => f.name !== name);
    this.saved.set(next);
    storeSavedFilters(next);
  }

  protected onSearchInput(text: string): void {
    this.searchText.set(text);
    this.search$.next(text);
  }

  protected clearSearch(): void {
    this.searchText.set('');
    this.patchFilter({ q: '' });
  }

  /** Escape in the search field hands the keys back to the queue. */
  protected leaveSearch(event: Event): void {
    (event.target as HTMLElement).blur();
  }

  /** The queue's shortcuts (see queueKeyAction: none fire inside text fields). */
  protected onKeydown(event: KeyboardEvent): void {
    if (this.helpDialog()?.nativeElement.open) {
      return;
    }
    const action = queueKeyAction(event);
    if (action === null) {
      return;
    }
    event.preventDefault();
    switch (action) {
      case 'search':
        this.searchInput()?.nativeElement.focus();
        this.searchInput()?.nativeElement.select();
        break;
      case 'new':
        void this.router.navigate(['/tickets/new']);
        break;
      case 'next':
      case 'previous':
        this.moveCursor(action === 'next' ? 1 : -1);
        break;
      case 'open': {
        const id = this.cursorId();
        if (id) {
          this.openTicket(id);
        }
        break;
      }
      case 'toggle': {
        const ticket = this.tickets().find((t) => t.id === this.cursorId());
        if (ticket) {
          this.toggleChecked(ticket);
        }
        break;
      }
      case 'accept': {
        const ticket = this.tickets().find((t) => t.id === this.cursorId());
        if (ticket) {
          this.runBulk('accept', [[ticket.id, { number: ticket.number, version: ticket.version }]]);
        }
        break;
      }
      case 'help':
        this.helpDialog()?.nativeElement.showModal();
        break;
    }
  }

  protected closeHelp(): void {
    this.helpDialog()?.nativeElement.close();
  }

  private moveCursor(delta: 1 | -1): void {
    const rows = this.tickets();
    const current = rows.findIndex((t) => t.id === this.cursorId());
    const next = moveSelection(current < 0 ? null : current, delta, rows.length);
    if (next === null) {
      return;
    }
    this.cursorId.set(rows[next]?.id ?? null);
    // Keep the cursor row in view (a viewport that was never laid out has no size: nothing to scroll).
    const viewport = this.viewport();
    if (viewport && viewport.getViewportSize() > 0) {
      const first = Math.ceil(viewport.measureScrollOffset() / QUEUE_ROW_HEIGHT);
      const visible = Math.max(1, Math.floor(viewport.getViewportSize() / QUEUE_ROW_HEIGHT));
      if (next < first) {
        viewport.scrollToIndex(next);
      } else if (next >= first + visible) {
        viewport.scrollToIndex(next - visible + 1);
      }
    }
  }

  protected openTicket(id: string): void {
    void this.router.navigate(['/tickets', id]);
  }

  protected toggleChecked(ticket: TicketSummary): void {
    this.checked.update((current) => {
      const next = new Map(current);
      if (next.has(ticket.id)) {
        next.delete(ticket.id);
      } else {
        next.set(ticket.id, { number: ticket.number, version: ticket.version });
      }
      return next;
    });
  }

  protected clearChecked(): void {
    this.checked.set(new Map());
  }

  /**
   * Runs `action` on every marked ticket, one after the other, each through POST /api/tickets/:id/<action> with
   * the version the agent saw when marking it: a ticket changed since answers 412 (or 409 when its status no
   * longer allows the action) and is listed with its reason; the others go through. The marks of the tickets
   * that went through are cleared; the failed ones stay marked.
   */
  protected runBulk(
    action: BulkAction,
    targets: ReadonlyArray<[string, { number: string; version: number }]> = [...this.checked().entries()],
  ): void {
    if (targets.length === 0 || this.bulkRunning() || (action === 'priority' && !this.canSetPriority())) {
      return;
    }
    const priority = this.bulkPriority();
    const priorityReason = this.bulkReasonText().trim();
    const send = (id: string, version: number) =>
      action === 'priority' && priority !== ''
        ? this.api.update(id, { priority, priorityReason }, version)
        : this.api.act(id, action as TicketAction, version);
    this.bulkOutcome.set(null);
    this.bulkRunning.set({ done: 0, count: targets.length });
    const failures: BulkFailure[] = [];
    let ok = 0;
    from(targets)
      .pipe(
        concatMap(([id, seen]) =>
          send(id, seen.version).pipe(
            map(() => ({ id, failure: null as BulkFailure | null })),
            catchError((error: unknown) => of({ id, failure: { id, number: seen.number, reason: bulkReason(error) } })),
          ),
        ),
        finalize(() => {
          this.bulkRunning.set(null);
          this.bulkOutcome.set({ action, count: targets.length, ok, failures });
          this.reload(false);
        }),
      )
      .subscribe(({ id, failure }) => {
        if (failure) {
          failures.push(failure);
        } else {
          ok++;
          this.checked.update((current) => {
            const next = new Map(current);
            next.delete(id);
            return next;
          });
        }
        this.bulkRunning.update((r) => (r ? { ...r, done: r.done + 1 } : r));
      });
  }

  protected bulkSummary(outcome: BulkOutcome): string {
    const action = this.i18n.t(
      outcome.action === 'accept'
        ? 'queue.bulk.accept'
        : outcome.action === 'close'
          ? 'queue.bulk.close'
          : 'queue.bulk.priorityDone',
    );
    return outcome.failures.length === 0
      ? this.i18n.t('queue.bulk.doneAll', { action, count: outcome.count })
      : this.i18n.t('queue.bulk.doneSome', {
          action,
          ok: outcome.ok,
          count: outcome.count,
          failed: outcome.failures.length,
        });
  }

  protected failureText(failure: BulkFailure): string {
    const { key, params } = failure.reason;
    const status = params?.['status'];
    if (key === 'queue.bulk.failure.status' && typeof status === 'string' && status in STATUS_LABEL_KEYS) {
      return this.i18n.t(key, { ...params, status: this.i18n.t(STATUS_LABEL_KEYS[status as TicketStatus]) });
    }
    return this.i18n.t(key, params);
  }

  protected trackById(_index: number, ticket: TicketSummary): string {
    return ticket.id;
  }
}

/** Why the server refused one ticket of a bulk action: stale (412), not now (409, with the current status). */
export function bulkReason(error: unknown): Text {
  if (error instanceof HttpErrorResponse) {
    const body = error.error as Partial<ApiError> | null;
    if (error.status === 412) {
      return { key: 'queue.bulk.failure.stale', params: { status: 412 } };
    }
    const current = body?.details?.['currentStatus'];
    if (error.status === 409 && typeof current === 'string') {
      return { key: 'queue.bulk.failure.status', params: { status: current, code: 409 } };
    }
    if (error.status === 0) {
      return { key: 'queue.error.unreachable' };
    }
    return {
      key: 'queue.bulk.failure.other',
      params: { status: error.status, message: typeof body?.message === 'string' ? body.message : '' },
    };
  }
  return { key: 'queue.error.unexpected' };
}

function describeError(error: unknown): Text {
  if (error instanceof HttpErrorResponse) {
    if (error.status === 0) {
      return { key: 'queue.error.unreachable' };
    }
    const body = error.error as Partial<ApiError> | null;
    return typeof body?.message === 'string'
      ? { key: 'queue.error.httpMessage', params: { status: error.status, message: body.message } }
      : { key: 'queue.error.http', params: { status: error.status } };
  }
  return { key: 'queue.error.unexpected' };
}
