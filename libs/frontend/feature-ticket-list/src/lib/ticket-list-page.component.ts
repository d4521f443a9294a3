import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ScrollingModule } from '@angular/cdk/scrolling';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { Subject, type Subscription, debounceTime } from 'rxjs';
import {
  type ApiError,
  PRIORITIES,
  OPEN_TICKET_STATUSES,
  type SiteView,
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
import { QueueRowComponent } from './queue-row.component';

/** Rows per page fetched through the cursor. */
export const QUEUE_PAGE_SIZE = 200;
/** Height of one row in px (the virtual scroll needs a fixed size). */
export const QUEUE_ROW_HEIGHT = 72;

type LoadState = 'loading' | 'loaded' | 'error';

/** A text to show, kept as key and parameters so that it follows a language switch. */
interface Text {
  readonly key: I18nKey;
  readonly params?: I18nParams;
}

/**
 * The live queue of open tickets, nearest deadline first. Pages come through the cursor as the agent
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

  protected trackById(_index: number, ticket: TicketSummary): string {
    return ticket.id;
  }
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
