import { ChangeDetectionStrategy, Component, computed, inject, input, linkedSignal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import { forkJoin, map } from 'rxjs';
import { KpiApiService } from '@leitstand/frontend/data-access';
import { I18nService, TranslatePipe } from '@leitstand/frontend/i18n';
import { formatPlanDate } from '@leitstand/frontend/ui';
import { errorText } from './api-error-text';
import { CompliancePanelComponent, dayBefore } from './compliance-panel.component';
import { formatMoney } from './decimal-format';
import { KpiChartComponent } from './kpi-chart.component';
import { availabilityChart, costChart, slaChart } from './kpi-charts';
import { KpiTableComponent } from './kpi-table.component';
import { availabilityTable, bonusMalusTable, costTable, marginTable, reliabilityTable, slaTable } from './kpi-tables';
import { localizer } from './localizer';
import { termText } from './term-text';
import { type PeriodKind, convertPeriod, openingView, periodKind, periodLabel, periodOptions } from './period';
import { NOW } from './now.token';

/**
 * The object manager's dashboard: per contract and period availability against targets, SLA compliance,
 * MTTR/MTBF, bonus/malus with derivation, cost and margin — a chart and a table each, CSV per table.
 * Contract and period live in the query string (`?contract=&period=`), so a view can be linked and reloaded.
 * Texts, figures and charts follow the UI language at runtime (every builder runs inside a `computed` that reads it).
 */
@Component({
  selector: 'ls-dashboard-page',
  imports: [
    MatButtonModule,
    MatFormFieldModule,
    MatSelectModule,
    MatProgressBarModule,
    RouterLink,
    KpiChartComponent,
    KpiTableComponent,
    CompliancePanelComponent,
    TranslatePipe,
  ],
  templateUrl: './dashboard-page.component.html',
  styleUrl: './dashboard-page.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DashboardPageComponent {
  private readonly api = inject(KpiApiService);
  private readonly router = inject(Router);
  private readonly now = inject(NOW);
  private readonly i18n = inject(I18nService);
  /** The current language's texts and locale; everything built from it is rebuilt on a switch. */
  private readonly l = computed(() => localizer(this.i18n));

  /** Query parameters (router component input binding). */
  readonly contract = input<string | undefined>();
  readonly period = input<string | undefined>();

  protected readonly contracts = rxResource({
    stream: () => this.api.contracts().pipe(map((page) => page.items)),
  });

  /** Contract and period from the URL, else a contract whose term covers the last full month (see openingView). */
  private readonly opening = computed(() =>
    openingView(
      this.contracts.hasValue() ? this.contracts.value() : null,
      { contract: this.contract(), period: this.period() },
      this.now(),
    ),
  );
  protected readonly contractId = linkedSignal<string | null>(() => this.opening().contractId);
  protected readonly periodKey = linkedSignal<string>(() => this.opening().period);
  protected readonly kind = computed<PeriodKind>(() => periodKind(this.periodKey()) ?? 'month');
  protected readonly periodChoices = computed(() => {
    const l = this.l();
    const options = periodOptions(this.kind(), this.now(), l);
    const key = this.periodKey();
    return options.some((o) => o.key === key) ? options : [{ key, label: periodLabel(key, l) }, ...options];
  });
  protected readonly kinds: readonly PeriodKind[] = ['month', 'quarter', 'year'];

  protected readonly figures = rxResource({
    params: () => {
      const contractId = this.contractId();
      return contractId ? { contractId, period: this.periodKey() } : undefined;
    },
    stream: ({ params }) =>
      forkJoin({
        kpis: this.api.kpis(params.contractId, params.period),
        costs: this.api.costs(params.contractId, params.period),
      }),
  });

  protected readonly view = computed(() => {
    if (!this.figures.hasValue()) return null;
    const { kpis, costs } = this.figures.value();
    const l = this.l();
    const { period } = kpis;
    const bonus = kpis.bonusMalus.result;
    const { term } = kpis;
    return {
      kpis,
      costs,
      /** Set when the period lies outside the contract's term: the API has no figures for it. */
      noFigures: term.coverage === 'none' ? termText(term, period, l) : null,
      partialTerm: term.coverage === 'partial' ? termText(term, period, l) : null,
      meta: l.t('dashboard.meta', {
        from: formatPlanDate(period.from, l.locale),
        to: formatPlanDate(period.to, l.locale),
        timezone: period.timezone,
      }),
      basis: l.t('dashboard.basis', {
        basis: kpis.availability.basis === '24-7' ? l.t('dashboard.basis.24-7') : kpis.availability.basis,
      }),
      bonus: bonus && {
        volume: l.t('dashboard.bonus.volume', { amount: formatMoney(bonus.periodVolume, l.locale) }),
        cap: l.t('dashboard.bonus.cap', { amount: formatMoney(bonus.cap, l.locale) }),
        capped: bonus.capped,
        amount: formatMoney(bonus.amount, l.locale),
      },
      availability: availabilityTable(kpis, l),
      availabilityChart: availabilityChart(kpis, l),
      sla: slaTable(kpis, l),
      slaChart: slaChart(kpis, l),
      reliability: reliabilityTable(kpis, l),
      bonusMalus: bonusMalusTable(kpis, l),
      cost: costTable(costs, l),
      costChart: costChart(costs, l),
      margin: marginTable(costs, l),
      notes: [...new Set([...kpis.notes, ...costs.notes])],
      /** Maintenance compliance takes inclusive bounds; the KPI period's `to` is exclusive. */
      complianceTo: dayBefore(period.to),
    };
  });

  protected readonly fileStem = computed(() => `leitstand-${this.periodKey()}`);
  protected readonly contractsError = computed(() =>
    this.contracts.error() ? errorText(this.contracts.error(), this.l()) : null,
  );
  protected readonly figuresError = computed(() =>
    this.figures.error() ? errorText(this.figures.error(), this.l()) : null,
  );
  protected readonly noContracts = computed(() => this.contracts.hasValue() && this.contracts.value().length === 0);

  protected readonly statusMessage = computed(() => {
    const l = this.l();
    if (this.contracts.isLoading()) return l.t('dashboard.status.contractsLoading');
    if (this.contractsError()) return `${l.t('dashboard.contractsError')} ${this.contractsError()}`;
    if (this.noContracts()) return l.t('dashboard.status.noContracts');
    if (this.figures.isLoading()) {
      return l.t('dashboard.status.figuresLoading', { period: periodLabel(this.periodKey(), l) });
    }
    if (this.figuresError()) return `${l.t('dashboard.figuresError')} ${this.figuresError()}`;
    const view = this.view();
    if (view?.noFigures) return view.noFigures;
    return view
      ? l.t('dashboard.status.loaded', {
          contract: view.kpis.contractName,
          period: periodLabel(view.kpis.period.key, l),
        })
      : '';
  });

  protected periodText(key: string): string {
    return periodLabel(key, this.l());
  }

  protected selectContract(id: string): void {
    this.contractId.set(id);
    this.syncUrl();
  }

  protected selectKind(kind: PeriodKind): void {
    this.periodKey.set(convertPeriod(this.periodKey(), kind));
    this.syncUrl();
  }

  protected selectPeriod(key: string): void {
    this.periodKey.set(key);
    this.syncUrl();
  }

  protected retry(): void {
    if (this.contractsError()) this.contracts.reload();
    else this.figures.reload();
  }

  private syncUrl(): void {
    void this.router.navigate([], {
      queryParams: { contract: this.contractId(), period: this.periodKey() },
      replaceUrl: true,
    });
  }
}
