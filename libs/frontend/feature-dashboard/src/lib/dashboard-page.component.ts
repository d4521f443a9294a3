import { ChangeDetectionStrategy, Component, computed, inject, input, linkedSignal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import { forkJoin, map } from 'rxjs';
import { KpiApiService } from '@leitstand/frontend/data-access';
import { errorText } from './api-error-text';
import { formatMoney } from './decimal-format';
import { KpiChartComponent } from './kpi-chart.component';
import { availabilityChart, costChart, slaChart } from './kpi-charts';
import { KpiTableComponent } from './kpi-table.component';
import { availabilityTable, bonusMalusTable, costTable, marginTable, reliabilityTable, slaTable } from './kpi-tables';
import { type PeriodKind, convertPeriod, lastFullMonth, periodKind, periodLabel, periodOptions } from './period';
import { NOW } from './now.token';

/**
 * The object manager's dashboard: per contract and period availability against targets, SLA compliance,
 * MTTR/MTBF, bonus/malus with derivation, cost and margin — a chart and a table each, CSV per table.
 * Contract and period live in the query string (`?contract=&period=`), so a view can be linked and reloaded.
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
  ],
  templateUrl: './dashboard-page.component.html',
  styleUrl: './dashboard-page.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DashboardPageComponent {
  private readonly api = inject(KpiApiService);
  private readonly router = inject(Router);
  private readonly now = inject(NOW);

  /** Query parameters (router component input binding). */
  readonly contract = input<string | undefined>();
  readonly period = input<string | undefined>();

  protected readonly contracts = rxResource({
    stream: () => this.api.contracts().pipe(map((page) => page.items)),
  });

  protected readonly contractId = linkedSignal<string | null>(() => {
    const fromUrl = this.contract();
    const list = this.contracts.hasValue() ? this.contracts.value() : [];
    if (fromUrl && (list.length === 0 || list.some((c) => c.id === fromUrl))) return fromUrl;
    return list[0]?.id ?? null;
  });

  protected readonly periodKey = linkedSignal<string>(() => {
    const fromUrl = this.period();
    return fromUrl && periodKind(fromUrl) ? fromUrl : lastFullMonth(this.now());
  });
  protected readonly kind = computed<PeriodKind>(() => periodKind(this.periodKey()) ?? 'month');
  protected readonly periodChoices = computed(() => {
    const options = periodOptions(this.kind(), this.now());
    const key = this.periodKey();
    return options.some((o) => o.key === key) ? options : [{ key, label: periodLabel(key) }, ...options];
  });
  protected readonly kinds: readonly { key: PeriodKind; label: string }[] = [
    { key: 'month', label: 'Monat' },
    { key: 'quarter', label: 'Quartal' },
    { key: 'year', label: 'Jahr' },
  ];

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
    return {
      kpis,
      costs,
      availability: availabilityTable(kpis),
      availabilityChart: availabilityChart(kpis),
      sla: slaTable(kpis),
      slaChart: slaChart(kpis),
      reliability: reliabilityTable(kpis),
      bonusMalus: bonusMalusTable(kpis),
      cost: costTable(costs),
      costChart: costChart(costs),
      margin: marginTable(costs),
      notes: [...new Set([...kpis.notes, ...costs.notes])],
    };
  });

  protected readonly fileStem = computed(() => `leitstand-${this.periodKey()}`);
  protected readonly contractsError = computed(() =>
    this.contracts.error() ? errorText(this.contracts.error()) : null,
  );
  protected readonly figuresError = computed(() => (this.figures.error() ? errorText(this.figures.error()) : null));
  protected readonly noContracts = computed(() => this.contracts.hasValue() && this.contracts.value().length === 0);

  protected readonly statusMessage = computed(() => {
    if (this.contracts.isLoading()) return 'Verträge werden geladen …';
    if (this.contractsError()) return `Verträge konnten nicht geladen werden. ${this.contractsError()}`;
    if (this.noContracts()) return 'Keine Verträge vorhanden.';
    if (this.figures.isLoading()) return `Kennzahlen für ${periodLabel(this.periodKey())} werden geladen …`;
    if (this.figuresError()) return `Kennzahlen konnten nicht geladen werden. ${this.figuresError()}`;
    const view = this.view();
    return view ? `Kennzahlen für ${view.kpis.contractName}, ${periodLabel(view.kpis.period.key)} geladen.` : '';
  });

  protected money(value: string): string {
    return formatMoney(value);
  }

  protected periodText(key: string): string {
    return periodLabel(key);
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
