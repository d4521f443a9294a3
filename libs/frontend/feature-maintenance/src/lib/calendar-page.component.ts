import { ChangeDetectionStrategy, Component, computed, inject, input, linkedSignal, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import { map } from 'rxjs';
import {
  CatalogApiService,
  MaintenanceApiService,
  type OccurrenceRow,
  calendarRows,
  itemsOf,
} from '@leitstand/frontend/data-access';
import { I18nService, TranslatePipe } from '@leitstand/frontend/i18n';
import { OCCURRENCE_STATUS_ORDER, OccurrenceStatusComponent } from '@leitstand/frontend/ui';
import {
  type MonthKey,
  buildMonthGrid,
  buildYearTable,
  isMonthKey,
  monthGridRange,
  shiftMonth,
  todayIn,
  yearBounds,
} from './calendar-grid';
import { MAINTENANCE_NOW } from './maintenance-now.token';

export type CalendarView = 'month' | 'year';

/** Chips shown per day before "+n weitere" (the day can be expanded). */
export const CHIPS_PER_DAY = 4;
/** The API's row limit of one calendar request (GET /api/maintenance/occurrences answers ≤ 5,000 rows). */
export const CALENDAR_ROW_LIMIT = 5000;

/**
 * `/maintenance/calendar?site=&trade=&view=month|year&month=yyyy-mm&year=yyyy` — the planner's calendar of one
 * site, optionally one trade: a month grid with an occurrence chip per item (status in text, symbol and colour),
 * or a year table of 12 months × count per status. A chip opens the occurrence's detail. Everything lives in
 * the query string, so a view can be linked and reloaded.
 */
@Component({
  selector: 'ls-maintenance-calendar',
  imports: [
    RouterLink,
    MatButtonModule,
    MatButtonToggleModule,
    MatFormFieldModule,
    MatProgressBarModule,
    MatSelectModule,
    TranslatePipe,
    OccurrenceStatusComponent,
  ],
  templateUrl: './calendar-page.component.html',
  styleUrl: './calendar-page.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CalendarPageComponent {
  private readonly catalog = inject(CatalogApiService);
  private readonly api = inject(MaintenanceApiService);
  private readonly router = inject(Router);
  private readonly now = inject(MAINTENANCE_NOW);
  protected readonly i18n = inject(I18nService);

  /** Query parameters (router component input binding). */
  readonly site = input<string | undefined>();
  readonly trade = input<string | undefined>();
  readonly view = input<string | undefined>();
  readonly month = input<string | undefined>();
  readonly year = input<string | undefined>();

  protected readonly statuses = OCCURRENCE_STATUS_ORDER;
  protected readonly chipsPerDay = CHIPS_PER_DAY;

  protected readonly sites = rxResource({ stream: () => this.catalog.sites().pipe(map((page) => page.items)) });
  protected readonly tasks = rxResource({ stream: () => this.api.tasks().pipe(map(itemsOf)) });

  protected readonly siteId = linkedSignal<string | null>(() => {
    const fromUrl = this.site();
    const sites = this.sites.hasValue() ? this.sites.value() : [];
    return sites.find((s) => s.id === fromUrl)?.id ?? sites[0]?.id ?? null;
  });
  protected readonly tradeKey = linkedSignal<string>(() => this.trade() ?? '');
  protected readonly mode = linkedSignal<CalendarView>(() => (this.view() === 'year' ? 'year' : 'month'));
  private readonly selectedSite = computed(() =>
    this.sites.hasValue() ? (this.sites.value().find((s) => s.id === this.siteId()) ?? null) : null,
  );
  /** Today in the site's zone (plan dates are the site's days). */
  protected readonly today = computed(() => todayIn(this.now(), this.selectedSite()?.timezone));
  protected readonly monthKey = linkedSignal<MonthKey>(() => {
    const m = this.month();
    return isMonthKey(m) ? m : this.today().slice(0, 7);
  });
  protected readonly yearNumber = linkedSignal<number>(() => {
    const y = this.year();
    return y && /^\d{4}$/.test(y) ? Number(y) : Number(this.monthKey().slice(0, 4));
  });

  /** The trades of the catalogue (the filter's options), in the catalogue's order. */
  protected readonly trades = computed(() =>
    this.tasks.hasValue() ? [...new Set(this.tasks.value().map((t) => t.trade))] : [],
  );
  /** The days to load: the month grid's weeks, or the whole year. */
  private readonly range = computed(() =>
    this.mode() === 'month' ? monthGridRange(this.monthKey()) : yearBounds(this.yearNumber()),
  );

  protected readonly occurrences = rxResource({
    params: () => {
      const siteId = this.siteId();
      return siteId ? { siteId, trade: this.tradeKey(), ...this.range() } : undefined;
    },
    stream: ({ params }) => this.api.occurrences(params).pipe(map(calendarRows)),
  });
  protected readonly rows = computed<OccurrenceRow[]>(() =>
    this.occurrences.hasValue() ? this.occurrences.value() : [],
  );
  protected readonly truncated = computed(() => this.rows().length >= CALENDAR_ROW_LIMIT);

  protected readonly grid = computed(() => buildMonthGrid(this.monthKey(), this.rows(), this.today()));
  protected readonly yearTable = computed(() => buildYearTable(this.yearNumber(), this.rows()));
  /** Days whose chips are all shown ("+n weitere" was pressed). */
  protected readonly expanded = signal<ReadonlySet<string>>(new Set());

  protected readonly weekdays = computed(() => {
    const format = new Intl.DateTimeFormat(this.i18n.locale(), { weekday: 'short', timeZone: 'UTC' });
    // 2024-01-01 is a Monday.
    return Array.from({ length: 7 }, (_, i) => format.format(new Date(Date.UTC(2024, 0, 1 + i))));
  });
  protected readonly title = computed(() => {
    if (this.mode() === 'year') return String(this.yearNumber());
    return this.monthName(this.monthKey(), 'long');
  });
  protected readonly statusMessage = computed(() => {
    if (this.sites.isLoading() || this.occurrences.isLoading()) return this.i18n.t('maint.loading');
    if (this.sites.error() || this.occurrences.error()) return this.i18n.t('maint.loadError');
    return `${this.title()}: ${this.i18n.t('maint.calendar.count', { count: this.rows().length })}`;
  });

  protected monthName(month: MonthKey, style: 'long' | 'short'): string {
    return new Intl.DateTimeFormat(this.i18n.locale(), {
      month: style,
      year: style === 'long' ? 'numeric' : undefined,
      timeZone: 'UTC',
    }).format(new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1, 1)));
  }

  /** The full date of a day cell for screen readers ("Montag, 7. Dezember 2026"). */
  protected dayLabel(date: string): string {
    return new Intl.DateTimeFormat(this.i18n.locale(), {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(`${date}T00:00:00Z`));
  }

  protected chipLabel(row: OccurrenceRow): string {
    return `${this.i18n.t(`maint.status.${row.status}`)}: ${row.assetCode} ${row.title}`;
  }

  protected toggleDay(date: string): void {
    this.expanded.update((days) => {
      const next = new Set(days);
      if (next.has(date)) next.delete(date);
      else next.add(date);
      return next;
    });
  }

  protected selectSite(id: string): void {
    this.siteId.set(id);
    this.syncUrl();
  }

  protected selectTrade(trade: string): void {
    this.tradeKey.set(trade);
    this.syncUrl();
  }

  protected selectView(view: CalendarView): void {
    if (view === 'year') this.yearNumber.set(Number(this.monthKey().slice(0, 4)));
    this.mode.set(view);
    this.syncUrl();
  }

  protected step(delta: number): void {
    if (this.mode() === 'month') this.monthKey.set(shiftMonth(this.monthKey(), delta));
    else this.yearNumber.set(this.yearNumber() + delta);
    this.syncUrl();
  }

  protected goToday(): void {
    this.monthKey.set(this.today().slice(0, 7));
    this.yearNumber.set(Number(this.today().slice(0, 4)));
    this.syncUrl();
  }

  /** From the year table into one month. */
  protected openMonth(month: MonthKey): void {
    this.monthKey.set(month);
    this.mode.set('month');
    this.syncUrl();
  }

  protected retry(): void {
    if (this.sites.error()) this.sites.reload();
    else this.occurrences.reload();
  }

  private syncUrl(): void {
    const month = this.mode() === 'month';
    void this.router.navigate([], {
      queryParams: {
        site: this.siteId(),
        trade: this.tradeKey() || null,
        view: this.mode(),
        month: month ? this.monthKey() : null,
        year: month ? null : this.yearNumber(),
      },
      replaceUrl: true,
    });
  }
}
