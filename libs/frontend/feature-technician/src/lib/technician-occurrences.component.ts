import { ChangeDetectionStrategy, Component, computed, inject, input, linkedSignal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import { map } from 'rxjs';
import { MaintenanceApiService, type TechnicianRange, itemsOf } from '@leitstand/frontend/data-access';
import { TranslatePipe } from '@leitstand/frontend/i18n';
import { OccurrenceStatusComponent, PlanDatePipe } from '@leitstand/frontend/ui';

/**
 * `/technician/occurrences?range=today|week` — the technician's due maintenance and inspections (own and
 * unassigned released work orders of the technician's tenants), most urgent first, each with one big button to
 * carry it out. Phone-sized like "Meine Einsätze".
 */
@Component({
  selector: 'ls-technician-occurrences',
  imports: [
    RouterLink,
    MatButtonModule,
    MatButtonToggleModule,
    MatProgressBarModule,
    TranslatePipe,
    PlanDatePipe,
    OccurrenceStatusComponent,
  ],
  template: `
    <a mat-button routerLink="/technician" class="back">← {{ 'tech.title' | t }}</a>
    <h1>{{ 'maint.tech.title' | t }}</h1>
    <mat-button-toggle-group
      class="range"
      [value]="rangeKey()"
      (change)="select($event.value)"
      [attr.aria-label]="'maint.tech.range' | t"
    >
      <mat-button-toggle value="today">{{ 'maint.tech.today' | t }}</mat-button-toggle>
      <mat-button-toggle value="week">{{ 'maint.tech.week' | t }}</mat-button-toggle>
    </mat-button-toggle-group>
    <div role="status" aria-live="polite" class="status">
      @if (work.isLoading()) {
        {{ 'common.loading' | t }}
      } @else if (work.error()) {
        {{ 'common.loadError' | t }}
      } @else {
        {{ 'maint.tech.count' | t: { count: items().length } }}
      }
    </div>
    @if (work.isLoading()) {
      <mat-progress-bar mode="indeterminate" aria-hidden="true" />
    } @else if (work.error()) {
      <button mat-stroked-button type="button" class="big" (click)="work.reload()">{{ 'common.retry' | t }}</button>
    } @else if (items().length === 0) {
      <p class="empty">{{ 'maint.tech.empty' | t }}</p>
    }
    <ul class="cards">
      @for (o of items(); track o.id) {
        <li class="card" [attr.aria-label]="o.assetCode + ' ' + o.title">
          <div class="card-head">
            <span>{{ o.assetCode }}</span>
            <ls-occurrence-status [status]="o.status" />
          </div>
          <p class="title">{{ o.title }}</p>
          <p class="where">
            @if (o.siteName) {
              {{ o.siteName }} ·
            }
            {{ o.assetName }}
          </p>
          <p class="due">
            {{ 'maint.tech.due' | t: { target: (o.targetDate | lsPlanDate), latest: (o.legalLatest | lsPlanDate) } }}
          </p>
          <a mat-flat-button class="big" [routerLink]="['/technician/occurrences', o.id]">{{
            'maint.tech.open' | t
          }}</a>
        </li>
      }
    </ul>
  `,
  styles: `
    :host {
      display: block;
      padding: 12px;
      max-width: 400px;
      margin: 0 auto;
    }
    h1 {
      font-size: 1.5rem;
      margin: 8px 0;
    }
    .back {
      min-height: 48px;
    }
    .range {
      width: 100%;
      margin-bottom: 8px;
    }
    .range mat-button-toggle {
      flex: 1;
      min-height: 48px;
    }
    .cards {
      list-style: none;
      padding: 0;
      margin: 0;
      display: flex;
      flex-direction: column;
      gap: 12px;
    }
    .card {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      padding: 12px;
    }
    .card-head {
      display: flex;
      justify-content: space-between;
      font-weight: 600;
    }
    .card p {
      margin: 4px 0;
    }
    .big {
      min-height: 56px;
      width: 100%;
      font-size: 1.1rem;
      margin-top: 8px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TechnicianOccurrencesComponent {
  private readonly api = inject(MaintenanceApiService);
  private readonly router = inject(Router);

  /** Query parameter (router component input binding). */
  readonly range = input<string | undefined>();
  protected readonly rangeKey = linkedSignal<TechnicianRange>(() => (this.range() === 'week' ? 'week' : 'today'));

  protected readonly work = rxResource({
    params: () => this.rangeKey(),
    stream: ({ params }) => this.api.technicianOccurrences(params).pipe(map(itemsOf)),
  });
  /** Overdue first, then by legal latest date and target date (the hard deadline decides). */
  protected readonly items = computed(() =>
    (this.work.hasValue() ? [...this.work.value()] : []).sort(
      (a, b) =>
        Number(b.status === 'overdue') - Number(a.status === 'overdue') ||
        a.legalLatest.localeCompare(b.legalLatest) ||
        a.targetDate.localeCompare(b.targetDate) ||
        a.id.localeCompare(b.id),
    ),
  );

  protected select(range: TechnicianRange): void {
    this.rangeKey.set(range);
    void this.router.navigate([], { queryParams: { range }, replaceUrl: true });
  }
}
