import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { KpiApiService } from '@leitstand/frontend/data-access';
import { I18nService, TranslatePipe } from '@leitstand/frontend/i18n';
import { formatPlanDate } from '@leitstand/frontend/ui';
import { errorText } from './api-error-text';
import { dayBefore } from './compliance-panel.component';
import { checksTable, comparisonTable, monthsTable, plannedMonthsTable, variantLinesTable } from './economics-tables';
import { IndexationPanelComponent } from './indexation-panel.component';
import { KpiTableComponent } from './kpi-table.component';
import { localizer } from './localizer';

/**
 * A contract's economics (`/dashboard/economics?contract=&year=`): its calculation computed against the figures
 * it states (differences flagged, never hidden), the contract types repriced with the year's actual call-outs
 * and inspections, and revenue against effort per month with the loss months flagged. Texts and figures follow
 * the UI language at runtime.
 */
@Component({
  selector: 'ls-economics-page',
  imports: [
    MatButtonModule,
    MatProgressBarModule,
    RouterLink,
    KpiTableComponent,
    IndexationPanelComponent,
    TranslatePipe,
  ],
  template: `
    <section class="economics" aria-labelledby="economics-title">
      <a mat-button routerLink=".." [queryParams]="{ contract: contract() }">{{ 'economics.back' | t }}</a>
      @if (economics.isLoading()) {
        <mat-progress-bar mode="indeterminate" [attr.aria-label]="'economics.loading' | t" />
      }
      @if (economics.error(); as error) {
        <p class="error" role="alert">{{ errorMessage(error) }}</p>
      }
      @if (view(); as v) {
        <h1 id="economics-title">{{ 'economics.title' | t: { contract: v.contractName } }}</h1>
        <p class="year">{{ v.yearText }}</p>
        @if (v.noCalculation) {
          <p data-figure="no-calculation">{{ 'economics.noCalculation' | t }}</p>
        }
        @if (v.comparison; as table) {
          <section>
            <p>{{ v.comparisonIntro }}</p>
            <ls-kpi-table [table]="table" />
          </section>
        }
        <section>
          @if (v.months.rows.length === 0) {
            <h2>{{ 'economics.months' | t }}</h2>
            <p>{{ 'economics.noMonths' | t }}</p>
          } @else {
            <ls-kpi-table [table]="v.months" />
          }
          @if (v.plannedMonths; as table) {
            <ls-kpi-table [table]="table" />
          }
        </section>
        <section>
          <ls-indexation-panel [contractId]="v.contractId" />
        </section>
        @for (variant of v.variants; track variant.lines.id) {
          <section>
            <ls-kpi-table [table]="variant.checks" />
            <ls-kpi-table [table]="variant.lines" />
          </section>
        }
      }
    </section>
  `,
  styles: `
    .economics {
      padding: 1rem 1.5rem 3rem;
      max-width: 80rem;
    }
    h1 {
      font: var(--mat-sys-headline-small);
      margin: 0.5rem 0 0;
    }
    .year {
      color: var(--mat-sys-on-surface-variant);
    }
    section {
      margin-top: 1.5rem;
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EconomicsPageComponent {
  private readonly api = inject(KpiApiService);
  private readonly i18n = inject(I18nService);
  private readonly l = computed(() => localizer(this.i18n));

  readonly contract = input<string | undefined>();
  readonly year = input<string | undefined>();

  protected readonly economics = rxResource({
    params: () => {
      const contractId = this.contract();
      return contractId ? { contractId, year: this.year() } : undefined;
    },
    stream: ({ params }) => this.api.economics(params.contractId, params.year),
  });

  protected readonly view = computed(() => {
    if (!this.economics.hasValue()) return null;
    const e = this.economics.value();
    const l = this.l();
    const c = e.comparison;
    return {
      contractId: e.contractId,
      contractName: e.contractName,
      yearText: l.t('economics.year', {
        from: formatPlanDate(e.year.from, l.locale),
        to: formatPlanDate(dayBefore(e.year.to), l.locale),
      }),
      noCalculation: e.calculation === null,
      comparison: comparisonTable(e, l),
      comparisonIntro:
        c === undefined
          ? ''
          : l.t('economics.comparisonIntro', { assets: c.assets, callOuts: c.callOuts, inspections: c.inspections }),
      months: monthsTable(e, l),
      plannedMonths: plannedMonthsTable(e, l),
      variants: (e.calculation?.variants ?? []).map((v) => ({
        checks: checksTable(v, l),
        lines: variantLinesTable(v, l),
      })),
    };
  });

  protected errorMessage(error: unknown): string {
    return errorText(error, this.l());
  }
}
