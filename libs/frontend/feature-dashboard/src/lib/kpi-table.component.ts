import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { I18nService, TranslatePipe } from '@leitstand/frontend/i18n';
import { downloadCsv } from './csv';
import { type DataTable, displayCell, tableToCsv } from './kpi-tables';

/** One KPI table with its caption and a CSV export (`;`, decimal comma; see csv.ts), in the UI locale. */
@Component({
  selector: 'ls-kpi-table',
  imports: [MatButtonModule, TranslatePipe],
  template: `
    <div class="table-head">
      <h3 [id]="headingId()">{{ table().title }}</h3>
      @if (exportable()) {
        <button
          mat-stroked-button
          type="button"
          class="csv no-print"
          (click)="exportCsv()"
          [attr.aria-label]="'dashboard.table.csvLabel' | t: { title: table().title }"
        >
          {{ 'dashboard.table.csv' | t }}
        </button>
      }
    </div>
    @if (table().rows.length === 0) {
      <p class="empty">{{ 'dashboard.table.empty' | t }}</p>
    } @else {
      <div class="scroll">
        <table class="kpi-table" [attr.aria-labelledby]="headingId()" [attr.data-table]="table().id">
          <thead>
            <tr>
              @for (col of table().columns; track col.key) {
                <th scope="col" [class.num]="col.kind !== 'text'">{{ col.label }}</th>
              }
            </tr>
          </thead>
          <tbody>
            @for (row of cells(); track $index) {
              <tr
                [class.total]="row.kind === 'total'"
                [class.detail]="row.kind === 'detail'"
                [class.alert]="row.kind === 'alert'"
              >
                @for (cell of row.cells; track $index) {
                  @if ($first) {
                    <th scope="row" [attr.data-col]="cell.key">{{ cell.text }}</th>
                  } @else {
                    <td [class.num]="cell.numeric" [attr.data-col]="cell.key">{{ cell.text }}</td>
                  }
                }
              </tr>
            }
          </tbody>
        </table>
      </div>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .table-head {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 1rem;
    }
    h3 {
      margin: 0.5rem 0;
      font: var(--mat-sys-title-medium);
    }
    .scroll {
      overflow-x: auto;
    }
    table {
      border-collapse: collapse;
      width: 100%;
      font: var(--mat-sys-body-medium);
    }
    th,
    td {
      text-align: left;
      padding: 0.375rem 0.625rem;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
      vertical-align: top;
    }
    thead th {
      font-weight: 600;
    }
    tbody th {
      font-weight: normal;
    }
    .num {
      text-align: right;
      white-space: nowrap;
      font-variant-numeric: tabular-nums;
    }
    tr.total > * {
      font-weight: 600;
    }
    tr.detail > th {
      padding-left: 1.5rem;
    }
    tr.alert > * {
      color: var(--mat-sys-error);
      font-weight: 600;
    }
    .empty {
      color: var(--mat-sys-on-surface-variant);
    }
    @media print {
      .no-print {
        display: none !important;
      }
      table {
        font-size: 9pt;
      }
      tr {
        break-inside: avoid;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class KpiTableComponent {
  private readonly i18n = inject(I18nService);

  readonly table = input.required<DataTable>();
  /** A file name stem, e.g. "leitstand-vertrag-2026-10". */
  readonly fileStem = input('leitstand');
  readonly exportable = input(true);

  protected readonly headingId = computed(() => `kpi-table-${this.table().id}`);
  protected readonly cells = computed(() => {
    const table = this.table();
    const locale = this.i18n.locale();
    return table.rows.map((row) => ({
      kind: row.rowKind ?? null,
      cells: table.columns.map((c) => ({
        key: c.key,
        numeric: c.kind !== 'text',
        text: displayCell(c.kind, row[c.key], locale),
      })),
    }));
  });

  protected exportCsv(): void {
    downloadCsv(`${this.fileStem()}-${this.table().id}.csv`, tableToCsv(this.table()));
  }
}
