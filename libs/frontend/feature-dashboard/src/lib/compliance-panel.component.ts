import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import {
  type ComplianceFigureView,
  type ComplianceResponse,
  MaintenanceApiService,
  type NonCompliantOccurrence,
} from '@leitstand/frontend/data-access';
import { I18nService, TranslatePipe } from '@leitstand/frontend/i18n';
import { OccurrenceStatusComponent, PlanDatePipe } from '@leitstand/frontend/ui';
import { errorText } from './api-error-text';
import { formatPercent } from './decimal-format';
import { localizer } from './localizer';

/** The day before a local date (the KPI period's `to` is exclusive; compliance takes inclusive bounds). */
export function dayBefore(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) - 1)).toISOString().slice(0, 10);
}

export interface ComplianceRow {
  readonly trade: string;
  readonly percent: string;
  readonly due: number;
  readonly onTime: number;
  readonly late: number;
  readonly missed: number;
  readonly open: number;
}

export interface ComplianceViewModel {
  readonly percent: string;
  /** Nothing was due: the percentage is undefined ("–"), not 100 %. */
  readonly nothingDue: boolean;
  readonly total: ComplianceRow;
  readonly byTrade: readonly ComplianceRow[];
  readonly derivation: readonly string[];
  /** The missed and late occurrences of the drill-down, missed first, then by target date. */
  readonly misses: readonly NonCompliantOccurrence[];
  /** All missed and late occurrences (the answer's drill-down holds at most 500 rows, missed first). */
  readonly missesTotal: number;
  /** The drill-down lists fewer than missesTotal: the panel says so. */
  readonly truncated: boolean;
  readonly openCount: number;
}

function row(trade: string, figure: ComplianceFigureView, locale: string): ComplianceRow {
  return {
    trade,
    percent: formatPercent(figure.percent, locale, 2),
    due: figure.due,
    onTime: figure.onTime,
    late: figure.late,
    missed: figure.missed,
    open: figure.open,
  };
}

/** The panel's figures in the UI locale; trades sorted by name. Pure (tests build it without Angular). */
export function complianceViewModel(view: ComplianceResponse, locale: string): ComplianceViewModel {
  const misses = view.nonCompliant
    .filter((o) => o.reason === 'missed' || o.reason === 'late')
    .sort(
      (a, b) =>
        Number(b.reason === 'missed') - Number(a.reason === 'missed') ||
        a.targetDate.localeCompare(b.targetDate) ||
        a.occurrenceId.localeCompare(b.occurrenceId),
    );
  return {
    percent: formatPercent(view.total.percent, locale, 2),
    nothingDue: view.total.percent === null,
    total: row('', view.total, locale),
    byTrade: Object.entries(view.byTrade)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([trade, figure]) => row(trade, figure, locale)),
    derivation: view.total.derivation,
    misses,
    missesTotal: view.total.missed + view.total.late,
    truncated: misses.length < view.total.missed + view.total.late,
    openCount: view.total.open,
  };
}

/**
 * The dashboard's maintenance & inspection compliance of one contract and period: the percentage (completed with
 * accepted evidence on time ÷ due), due / on time / late / missed / open, the same per trade, the derivation, and a
 * drill-down to the missed and late occurrences (each opens its detail; the first 500, missed first, with a hint
 * when there are more).
 */
@Component({
  selector: 'ls-compliance-panel',
  imports: [RouterLink, MatButtonModule, MatProgressBarModule, TranslatePipe, PlanDatePipe, OccurrenceStatusComponent],
  template: `
    <h2>{{ 'maint.compliance.title' | t }}</h2>
    @if (compliance.isLoading()) {
      <mat-progress-bar mode="indeterminate" [attr.aria-label]="'maint.loading' | t" />
    } @else if (failure(); as message) {
      <p class="error" role="alert">
        {{ 'maint.compliance.loadError' | t }} {{ message }}
        <button mat-stroked-button type="button" (click)="compliance.reload()">{{ 'maint.retry' | t }}</button>
      </p>
    } @else if (view(); as v) {
      <p class="summary">
        {{ 'maint.compliance.percent' | t }}: <strong data-figure="compliance">{{ v.percent }}</strong>
        @if (v.nothingDue) {
          <span class="muted">({{ 'maint.compliance.none' | t }})</span>
        }
      </p>
      <table class="figures">
        <thead>
          <tr>
            <th scope="col">{{ 'maint.trade' | t }}</th>
            <th scope="col">{{ 'maint.compliance.percent' | t }}</th>
            <th scope="col">{{ 'maint.compliance.due' | t }}</th>
            <th scope="col">{{ 'maint.compliance.onTime' | t }}</th>
            <th scope="col">{{ 'maint.compliance.late' | t }}</th>
            <th scope="col">{{ 'maint.compliance.missed' | t }}</th>
            <th scope="col">{{ 'maint.compliance.open' | t }}</th>
          </tr>
        </thead>
        <tbody>
          @for (r of v.byTrade; track r.trade) {
            <tr [attr.data-trade]="r.trade">
              <th scope="row">{{ r.trade }}</th>
              <td>{{ r.percent }}</td>
              <td>{{ r.due }}</td>
              <td>{{ r.onTime }}</td>
              <td>{{ r.late }}</td>
              <td>{{ r.missed }}</td>
              <td>{{ r.open }}</td>
            </tr>
          }
        </tbody>
        <tfoot>
          <tr data-trade="total">
            <th scope="row">{{ 'maint.calendar.total' | t }}</th>
            <td>{{ v.total.percent }}</td>
            <td data-figure="compliance-due">{{ v.total.due }}</td>
            <td>{{ v.total.onTime }}</td>
            <td data-figure="compliance-late">{{ v.total.late }}</td>
            <td data-figure="compliance-missed">{{ v.total.missed }}</td>
            <td>{{ v.total.open }}</td>
          </tr>
        </tfoot>
      </table>
      @if (v.derivation.length > 0) {
        <details class="derivation">
          <summary>{{ 'maint.compliance.derivation' | t }}</summary>
          <ul>
            @for (line of v.derivation; track $index) {
              <li>{{ line }}</li>
            }
          </ul>
        </details>
      }
      @if (v.misses.length > 0) {
        <button
          mat-stroked-button
          type="button"
          class="drill-down"
          [attr.aria-expanded]="open()"
          aria-controls="compliance-misses"
          (click)="open.set(!open())"
        >
          {{ 'maint.compliance.drillDown' | t: { count: v.missesTotal } }}
        </button>
        @if (v.truncated) {
          <p class="muted" data-hint="truncated">
            {{ 'maint.compliance.truncated' | t: { shown: v.misses.length, total: v.missesTotal } }}
          </p>
        }
        @if (open()) {
          <table id="compliance-misses" class="misses">
            <thead>
              <tr>
                <th scope="col">{{ 'maint.compliance.column.reason' | t }}</th>
                <th scope="col">{{ 'maint.compliance.column.occurrence' | t }}</th>
                <th scope="col">{{ 'maint.compliance.column.asset' | t }}</th>
                <th scope="col">{{ 'maint.compliance.column.target' | t }}</th>
                <th scope="col">{{ 'maint.compliance.column.latest' | t }}</th>
                <th scope="col">{{ 'maint.compliance.column.completed' | t }}</th>
              </tr>
            </thead>
            <tbody>
              @for (o of v.misses; track o.occurrenceId) {
                <tr [attr.data-occurrence]="o.occurrenceId" [attr.data-reason]="o.reason">
                  <td><ls-occurrence-status [status]="o.reason === 'missed' ? 'missed' : 'done-late'" /></td>
                  <td>
                    <a [routerLink]="['/maintenance/occurrences', o.occurrenceId]">{{ o.title }}</a>
                  </td>
                  <td>{{ o.assetCode }} {{ o.assetName }}</td>
                  <td>{{ o.targetDate | lsPlanDate }}</td>
                  <td>{{ o.legalLatest | lsPlanDate }}</td>
                  <td>{{ o.completedOn ? (o.completedOn | lsPlanDate) : '–' }}</td>
                </tr>
              }
            </tbody>
          </table>
        }
      } @else {
        <p class="muted">{{ 'maint.compliance.noMisses' | t }}</p>
      }
    }
  `,
  styles: `
    h2 {
      font: var(--mat-sys-title-large);
      margin: 0 0 0.5rem;
    }
    table {
      border-collapse: collapse;
      margin: 0.5rem 0;
    }
    th,
    td {
      padding: 4px 12px 4px 0;
      text-align: left;
    }
    td {
      font-variant-numeric: tabular-nums;
    }
    tfoot {
      font-weight: 600;
    }
    .misses a {
      font-weight: 600;
    }
    .error {
      color: var(--mat-sys-error);
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CompliancePanelComponent {
  private readonly api = inject(MaintenanceApiService);
  private readonly i18n = inject(I18nService);

  readonly contractId = input.required<string>();
  /** First and last day of the period (local dates, both inclusive). */
  readonly from = input.required<string>();
  readonly to = input.required<string>();

  /** The drill-down is shown. */
  protected readonly open = signal(false);
  protected readonly compliance = rxResource({
    params: () => ({ contractId: this.contractId(), from: this.from(), to: this.to() }),
    stream: ({ params }) => this.api.compliance(params.contractId, params.from, params.to),
  });
  protected readonly view = computed(() =>
    this.compliance.hasValue() ? complianceViewModel(this.compliance.value(), this.i18n.locale()) : null,
  );
  protected readonly failure = computed(() =>
    this.compliance.error() ? errorText(this.compliance.error(), localizer(this.i18n)) : null,
  );
}
