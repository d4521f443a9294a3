import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { CitedIndexValueView, IndexationPreviewView } from '@leitstand/api-contracts';
import { KpiApiService } from '@leitstand/frontend/data-access';
import { I18nService, TranslatePipe } from '@leitstand/frontend/i18n';
import { formatPlanDate } from '@leitstand/frontend/ui';
import { errorText } from './api-error-text';
import { formatDecimal, formatMoney } from './decimal-format';
import type { DataTable } from './kpi-tables';
import { KpiTableComponent } from './kpi-table.component';
import { localizer, type Localizer } from './localizer';

/**
 * The indexation of a contract on the economics page: the preview on a reference date (P0, factor, P1 and the
 * index values it used, each with period, publication date and source) and its approval as a new price version
 * (admins and managers; the API refuses everyone else), with the approved versions below.
 */
@Component({
  selector: 'ls-indexation-panel',
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, KpiTableComponent, TranslatePipe],
  template: `
    <h2>{{ 'indexation.title' | t }}</h2>
    <form class="row" (ngSubmit)="computePreview()">
      <mat-form-field appearance="outline">
        <mat-label>{{ 'indexation.on' | t }}</mat-label>
        <input matInput type="date" name="on" [(ngModel)]="on" required />
      </mat-form-field>
      <button mat-stroked-button type="submit" data-action="preview">{{ 'indexation.preview' | t }}</button>
      @if (preview(); as p) {
        <button mat-flat-button type="button" data-action="approve" (click)="approve(p.on)">
          {{ 'indexation.approve' | t }}
        </button>
      }
    </form>
    @if (message(); as m) {
      <p role="status" [class.error]="m.error">{{ m.text }}</p>
    }
    @if (previewTable(); as table) {
      <ls-kpi-table [table]="table" [exportable]="false" />
      <p class="derivation">{{ preview()?.derivation }}</p>
    }
    @if (versionsTable(); as table) {
      <ls-kpi-table [table]="table" />
    }
  `,
  styles: `
    .row {
      display: flex;
      gap: 1rem;
      align-items: baseline;
      flex-wrap: wrap;
    }
    .error {
      color: var(--mat-sys-error);
    }
    .derivation {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class IndexationPanelComponent {
  private readonly api = inject(KpiApiService);
  private readonly i18n = inject(I18nService);
  private readonly l = computed(() => localizer(this.i18n));

  readonly contractId = input.required<string>();
  protected on = '';
  protected readonly preview = signal<IndexationPreviewView | null>(null);
  protected readonly message = signal<{ text: string; error: boolean } | null>(null);
  private readonly reload = signal(0);

  protected readonly versions = rxResource({
    params: () => ({ id: this.contractId(), n: this.reload() }),
    stream: ({ params }) => this.api.priceVersions(params.id),
  });

  protected readonly previewTable = computed(() => {
    const p = this.preview();
    return p === null ? null : previewTable(p, this.l());
  });

  protected readonly versionsTable = computed((): DataTable | null => {
    if (!this.versions.hasValue()) return null;
    const l = this.l();
    return {
      id: 'preisversionen',
      title: l.t('indexation.versions'),
      columns: [
        { key: 'validFrom', label: l.t('indexation.validFrom'), kind: 'text' },
        { key: 'factor', label: l.t('indexation.factor'), kind: 'text' },
        { key: 'volume', label: l.t('indexation.volume'), kind: 'money' },
      ],
      rows: this.versions.value().items.map((v) => ({
        validFrom: formatPlanDate(v.validFrom, l.locale),
        factor: formatDecimal(v.factor, l.locale, 6),
        volume: v.annualVolume,
      })),
    };
  });

  protected computePreview(): void {
    this.message.set(null);
    this.api.indexationPreview(this.contractId(), this.on).subscribe({
      next: (p) => this.preview.set(p),
      error: (e: unknown) => {
        this.preview.set(null);
        this.message.set({ text: this.problem(e), error: true });
      },
    });
  }

  protected approve(on: string): void {
    this.api.approveIndexation(this.contractId(), on).subscribe({
      next: (v) => {
        this.message.set({
          text: this.l().t('indexation.approved', { date: formatPlanDate(v.validFrom, this.l().locale) }),
          error: false,
        });
        this.preview.set(null);
        this.reload.update((n) => n + 1);
      },
      error: (e: unknown) => this.message.set({ text: this.problem(e), error: true }),
    });
  }

  /** The API's field messages (400/409) as they came, else the dashboard's error text. */
  private problem(e: unknown): string {
    if (e instanceof HttpErrorResponse && (e.status === 400 || e.status === 409)) {
      const body = e.error as { message?: string; fields?: Array<{ field: string; messages: string[] }> } | null;
      const fields = body?.fields?.map((f) => `${f.field}: ${f.messages.join(', ')}`) ?? [];
      if (fields.length > 0) return fields.join(' · ');
      if (body?.message) return body.message;
    }
    return errorText(e, this.l());
  }
}

export function previewTable(p: IndexationPreviewView, l: Localizer): DataTable {
  const cite = (c: CitedIndexValueView): string =>
    l.t('indexation.cited', {
      period: c.period,
      value: formatDecimal(c.rebased, l.locale, 4),
      published: formatPlanDate(c.publishedOn, l.locale),
      source: c.source,
    });
  return {
    id: 'indexierung',
    title: l.t('indexation.table', { date: formatPlanDate(p.on, l.locale) }),
    columns: [
      { key: 'item', label: l.t('economics.line'), kind: 'text' },
      { key: 'value', label: l.t('economics.computed'), kind: 'text' },
    ],
    rows: [
      { item: l.t('indexation.basePrice'), value: formatMoney(p.basePrice, l.locale) },
      {
        item: `${l.t('indexation.labour')} L0 → L1`,
        value: `${cite(p.cited.labour.base)} → ${cite(p.cited.labour.current)}`,
      },
      {
        item: `${l.t('indexation.material')} M0 → M1`,
        value: `${cite(p.cited.material.base)} → ${cite(p.cited.material.current)}`,
      },
      { item: l.t('indexation.factor'), value: formatDecimal(p.factor, l.locale, 6) },
      { rowKind: 'total', item: l.t('indexation.indexedPrice'), value: formatMoney(p.indexedPrice, l.locale) },
      { item: l.t('indexation.change'), value: formatMoney(p.change, l.locale) },
    ],
  };
}
