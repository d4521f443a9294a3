import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, ViewEncapsulation, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { forkJoin } from 'rxjs';
import { KpiApiService } from '@leitstand/frontend/data-access';
import { errorText } from './api-error-text';
import { formatInstant, formatMoney } from './decimal-format';
import { availabilityTable, bonusMalusTable, costTable, marginTable, reliabilityTable, slaTable } from './kpi-tables';
import { KpiTableComponent } from './kpi-table.component';
import { periodKind, periodLabel } from './period';

/**
 * The printable monthly SLA report of a contract (`/dashboard/report?contract=&period=`): tables only,
 * a print stylesheet (no top bar, no buttons, page breaks between the parts) and a "Drucken" button.
 * Encapsulation is off so that `@media print` can hide the app shell's top bar and skip link.
 */
@Component({
  selector: 'ls-report-page',
  imports: [MatButtonModule, MatProgressBarModule, RouterLink, KpiTableComponent],
  templateUrl: './report-page.component.html',
  styleUrl: './report-page.component.scss',
  encapsulation: ViewEncapsulation.None,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReportPageComponent {
  private readonly api = inject(KpiApiService);
  private readonly window = inject(DOCUMENT).defaultView;

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
    return {
      kpis,
      costs,
      notes: [...new Set([...kpis.notes, ...costs.notes])],
      title: `SLA-Bericht ${periodLabel(kpis.period.key)}`,
      tables: [
        availabilityTable(kpis),
        slaTable(kpis),
        reliabilityTable(kpis),
        bonusMalusTable(kpis),
        costTable(costs),
        marginTable(costs),
      ],
    };
  });

  protected readonly errorMessage = computed(() => (this.report.error() ? errorText(this.report.error()) : null));

  protected money(value: string): string {
    return formatMoney(value);
  }

  protected instant(value: string, timeZone: string): string {
    return formatInstant(value, timeZone);
  }

  protected print(): void {
    this.window?.print();
  }
}
