import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { map } from 'rxjs';
import {
  CatalogApiService,
  MaintenanceApiService,
  type MaintenanceLogEntry,
  itemsOf,
} from '@leitstand/frontend/data-access';
import { DateTimePipe, TranslatePipe } from '@leitstand/frontend/i18n';
import { OccurrenceStatusComponent, PlanDatePipe } from '@leitstand/frontend/ui';

/** Newest first by the entry's time (instant or plan date; ISO strings sort as they read), ties by id. */
export function sortLog(entries: readonly MaintenanceLogEntry[]): MaintenanceLogEntry[] {
  return [...entries].sort((a, b) => b.at.localeCompare(a.at) || a.id.localeCompare(b.id));
}

/**
 * `/maintenance/assets/:assetId` — an asset's maintenance log: its fault tickets and its maintenance and
 * inspection occurrences in one history, newest first, with the plans that apply to it.
 */
@Component({
  selector: 'ls-asset-maintenance-log',
  imports: [
    RouterLink,
    MatButtonModule,
    MatProgressBarModule,
    TranslatePipe,
    DateTimePipe,
    PlanDatePipe,
    OccurrenceStatusComponent,
  ],
  template: `
    <p>
      <a routerLink="/maintenance/calendar">← {{ 'maint.tab.calendar' | t }}</a>
    </p>
    <h1>
      {{ 'maint.log.title' | t }}
      @if (asset.hasValue()) {
        · {{ asset.value().code }} {{ asset.value().name }}
      }
    </h1>
    @if (asset.hasValue()) {
      <p>
        <a
          mat-stroked-button
          routerLink="/maintenance/requirements"
          [queryParams]="{ site: asset.value().siteId, asset: asset.value().id }"
          >{{ 'maint.tab.requirements' | t }}</a
        >
      </p>
    }
    @if (log.isLoading()) {
      <p role="status">{{ 'maint.loading' | t }}</p>
      <mat-progress-bar mode="indeterminate" aria-hidden="true" />
    } @else if (log.error()) {
      <div class="error" role="alert">
        {{ 'maint.loadError' | t }}
        <button mat-stroked-button type="button" (click)="log.reload()">{{ 'maint.retry' | t }}</button>
      </div>
    } @else if (entries().length === 0) {
      <p class="empty">{{ 'maint.log.empty' | t }}</p>
    } @else {
      <ol class="log">
        @for (entry of entries(); track entry.type + entry.id) {
          <li [attr.data-type]="entry.type">
            @if (entry.type === 'ticket') {
              <span class="kind">{{ 'maint.log.ticket' | t }}</span>
              <time [attr.datetime]="entry.at">{{ entry.at | lsDateTime }}</time>
              <a [routerLink]="['/tickets', entry.id]">{{ entry.number }} {{ entry.title }}</a>
              <span class="status">{{ 'status.' + entry.status | t }}</span>
            } @else {
              <span class="kind">{{ 'maint.log.occurrence' | t }}</span>
              <span>{{ entry.completedOn ?? entry.targetDate | lsPlanDate }}</span>
              <a [routerLink]="['/maintenance/occurrences', entry.id]">{{ entry.title }}</a>
              <ls-occurrence-status [status]="entry.status" />
              @if (entry.completedOn) {
                <span class="muted">{{ 'maint.log.target' | t: { date: (entry.targetDate | lsPlanDate) } }}</span>
              }
            }
          </li>
        }
      </ol>
    }
  `,
  styles: `
    h1 {
      font: var(--mat-sys-headline-small);
    }
    .log {
      list-style: none;
      padding: 0;
    }
    .log li {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1rem;
      align-items: center;
      padding: 8px 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .kind {
      min-width: 10rem;
      font-weight: 600;
    }
    .empty,
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AssetLogPageComponent {
  private readonly catalog = inject(CatalogApiService);
  private readonly api = inject(MaintenanceApiService);

  /** Route parameter (component input binding). */
  readonly assetId = input.required<string>();

  protected readonly asset = rxResource({
    params: () => this.assetId(),
    stream: ({ params }) => this.catalog.asset(params),
  });
  protected readonly log = rxResource({
    params: () => this.assetId(),
    stream: ({ params }) => this.api.assetLog(params).pipe(map(itemsOf)),
  });
  protected readonly entries = computed(() => (this.log.hasValue() ? sortLog(this.log.value()) : []));
}
