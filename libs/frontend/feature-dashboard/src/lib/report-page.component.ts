import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, ViewEncapsulation, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { forkJoin } from 'rxjs';
import { KpiApiService } from '@leitstand/frontend/data-access';
import { I18nService, TranslatePipe, formatInstant } from '@leitstand/frontend/i18n';
import { formatPlanDate } from '@leitstand/frontend/ui';
import { errorText } from './api-error-text';
import { formatMoney } from './decimal-format';
import { availabilityTable, bonusMalusTable, costTable, marginTable, reliabilityTable, slaTable } from './kpi-tables';
import { KpiTableComponent } from './kpi-table.component';
import { localizer } from './localizer';
import { periodKind, periodLabel } from './period';
import { termText } from './term-text';

/**
 * The printable monthly SLA report of a contract (`/dashboard/report?contract=&period=`): tables only,
 * a print stylesheet (no top bar, no buttons, page breaks between the parts) and a "Drucken" button.
 * Encapsulation is off so that `@media print` can hide the app shell's top bar and skip link. Texts, dates and
 * figures follow the UI language at runtime.
 */
@Component({
  selector: 'ls-report-page',
  imports: [MatButtonModule, MatProgressBarModule, RouterLink, KpiTableComponent, TranslatePipe],
  templateUrl: './report-page.component.html',
  styleUrl: './report-page.component.scss',
  encapsulation: ViewEncapsulation.None,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReportPageComponent {
  private readonly api = inject(KpiApiService);
  private readonly window = inject(DOCUMENT).defaultView;
  private readonly i18n = inject(I18nService);
  private readonly l = computed(() => localizer(this.i18n));

  readonly contract = input<string | undefined>();
  readonly period = input<string | undefined>();

  protected readonly invalid = computed(() => {
    const period = this.period();
    return !this.contract() || !period || periodKind(period) === null;
  });

  protected readonly report = rxResource({
    params: () => {
      const contractId = this.contract();
      const period = this.period();
      return contractId && period && periodKind(period) ? { contractId, period } : undefined;
    },
    stream: ({ params }) =>
      forkJoin({
        kpis: this.api.kpis(params.contractId, params.period),
        costs: this.api.costs(params.contractId, params.period),
      }),
  });

  protected readonly view = computed(() => {
    if (!this.report.hasValue()) return null;
    const { kpis, costs } = this.report.value();
    const l = this.l();
    const { period } = kpis;
    const result = kpis.bonusMalus.result;
    return {
      kpis,
      costs,
      notes: [...new Set([...kpis.notes, ...costs.notes])],
      /** Set when the period lies outside the contract's term: no figures, no tables. */
      noFigures: kpis.term.coverage === 'none' ? termText(kpis.term, period, l) : null,
      partialTerm: kpis.term.coverage === 'partial' ? termText(kpis.term, period, l) : null,
      title: l.t('report.titleFor', { period: periodLabel(period.key, l) }),
      periodRange: l.t('report.periodRange', {
        from: formatPlanDate(period.from, l.locale),
        to: formatPlanDate(period.to, l.locale),
        timezone: period.timezone,
      }),
      measuredUntil: formatInstant(period.measuredUntil, l.locale, period.timezone),
      computedAt: formatInstant(kpis.computedAt, l.locale, period.timezone),
      bonusMalus: result ? formatMoney(result.amount, l.locale) : l.t('report.noRules'),
      costTotal: formatMoney(costs.total, l.locale),
      tables: [
        availabilityTable(kpis, l),
        slaTable(kpis, l),
        reliabilityTable(kpis, l),
        bonusMalusTable(kpis, l),
        costTable(costs, l),
        marginTable(costs, l),
      ],
    };
  });

  protected readonly errorMessage = computed(() =>
    this.report.error() ? errorText(this.report.error(), this.l()) : null,
  );

  protected print(): void {
    this.window?.print();
  }
}
