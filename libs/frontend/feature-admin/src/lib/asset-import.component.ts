import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { HttpErrorResponse } from '@angular/common/http';
import { MatButtonModule } from '@angular/material/button';
import type { ApiError, AssetImportReport, ImportProblemView } from '@leitstand/api-contracts';
import { CatalogApiService } from '@leitstand/frontend/data-access';
import { I18nService, TranslatePipe } from '@leitstand/frontend/i18n';

type Failure = 'too-large' | 'type' | { messages: string[] } | 'other';

/**
 * Import of a site's assets (and their locations) from CSV or XLSX: the file is checked first (a dry run names
 * every problem by row and column, in the UI's language), and written only when the check found none (one
 * transaction on the server). Also the register's export (XLSX, CSV) and the printable QR label sheet.
 */
@Component({
  selector: 'ls-asset-import',
  imports: [MatButtonModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="import" aria-labelledby="asset-import-title">
      <h2 id="asset-import-title">{{ 'import.title' | t }}</h2>
      <p class="hint">{{ 'import.hint' | t }}</p>
      <label class="file">
        {{ 'import.file' | t }}
        <input
          type="file"
          data-testid="asset-import-file"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          (change)="choose($event)"
        />
      </label>
      <div class="actions">
        <button mat-stroked-button type="button" (click)="check()" [disabled]="!file() || busy()">
          {{ 'import.check' | t }}
        </button>
        <button
          mat-flat-button
          type="button"
          data-testid="asset-import-apply"
          (click)="apply()"
          [disabled]="!canApply() || busy()"
        >
          {{ 'import.apply' | t }}
        </button>
      </div>
      <div role="status" aria-live="polite" data-testid="asset-import-status">
        @if (busy()) {
          <p>{{ 'import.busy' | t }}</p>
        } @else if (failure(); as f) {
          <p class="error">{{ failureText(f) }}</p>
        } @else if (report(); as r) {
          @if (r.applied) {
            <p>
              {{ 'import.applied' | t: { created: r.created, updated: r.updated, locations: r.locationsCreated } }}
            </p>
          } @else {
            <p>
              {{
                'import.summary'
                  | t: { rows: r.rowCount, created: r.created, updated: r.updated, unchanged: r.unchanged }
              }}
            </p>
            @if (r.problems.length > 0) {
              <p class="error">{{ 'import.problems' | t: { count: r.problems.length } }}</p>
            } @else {
              <p>{{ 'import.ok' | t }}</p>
            }
          }
        }
      </div>
      @if (report()?.problems?.length) {
        <div class="table-wrap">
          <table data-testid="asset-import-problems">
            <thead>
              <tr>
                <th scope="col">{{ 'import.row' | t }}</th>
                <th scope="col">{{ 'import.column' | t }}</th>
                <th scope="col">{{ 'import.message' | t }}</th>
              </tr>
            </thead>
            <tbody>
              @for (p of report()?.problems ?? []; track $index) {
                <tr>
                  <td>{{ p.row }}</td>
                  <td>{{ p.column ?? '–' }}</td>
                  <td>{{ problemText(p) }}</td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      }
      <h3>{{ 'import.export' | t }}</h3>
      <p class="links">
        <a mat-stroked-button [href]="exportUrl('xlsx')" download>{{ 'import.exportXlsx' | t }}</a>
        <a mat-stroked-button [href]="exportUrl('csv')" download>{{ 'import.exportCsv' | t }}</a>
        <a mat-stroked-button [href]="labelsUrl()" target="_blank" rel="noopener">{{ 'import.labels' | t }}</a>
      </p>
    </section>
  `,
  styles: `
    .actions,
    .links {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
    .file {
      display: flex;
      flex-direction: column;
      gap: 4px;
      margin-bottom: 8px;
    }
    .error {
      color: var(--mat-sys-error);
    }
    .table-wrap {
      overflow-x: auto;
    }
    table {
      border-collapse: collapse;
    }
    th,
    td {
      text-align: left;
      padding: 4px 8px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
  `,
})
export class AssetImportComponent {
  readonly siteId = input.required<string>();

  private readonly api = inject(CatalogApiService);
  private readonly i18n = inject(I18nService);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly file = signal<File | null>(null);
  protected readonly report = signal<AssetImportReport | null>(null);
  protected readonly failure = signal<Failure | null>(null);
  protected readonly busy = signal(false);
  /** Import only a file whose dry run found no problem (the server checks again and writes all or nothing). */
  protected readonly canApply = computed(() => {
    const r = this.report();
    return this.file() !== null && r !== null && !r.applied && r.problems.length === 0 && r.rowCount > 0;
  });

  protected choose(event: Event): void {
    const chosen = (event.target as HTMLInputElement).files?.[0] ?? null;
    this.file.set(chosen);
    this.report.set(null);
    this.failure.set(null);
  }

  protected check(): void {
    this.send(true);
  }

  protected apply(): void {
    this.send(false);
  }

  protected exportUrl(format: 'xlsx' | 'csv'): string {
    return this.api.assetExportUrl(this.siteId(), format, this.i18n.language() === 'en' ? 'en' : 'de');
  }

  protected labelsUrl(): string {
    return this.api.assetLabelsUrl(this.siteId());
  }

  /** The problem in the UI's language from its code and parameters (the server's English text otherwise). */
  protected problemText(p: ImportProblemView): string {
    const key = `import.code.${p.code}`;
    const text = this.i18n.t(key, p.params);
    return text === key ? p.message : text;
  }

  protected failureText(f: Failure): string {
    if (f === 'too-large') return this.i18n.t('import.tooLarge');
    if (f === 'type') return this.i18n.t('import.wrongType');
    const reason = f === 'other' ? '' : f.messages.join('; ');
    return this.i18n.t('import.failed', { reason });
  }

  private send(dryRun: boolean): void {
    const file = this.file();
    if (!file) return;
    this.busy.set(true);
    this.failure.set(null);
    this.api
      .importAssets(this.siteId(), file, file.name, dryRun)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (report) => {
          this.report.set(report);
          this.busy.set(false);
        },
        error: (error: unknown) => {
          this.busy.set(false);
          this.report.set(null);
          this.failure.set(failureOf(error));
        },
      });
  }
}

function failureOf(error: unknown): Failure {
  if (!(error instanceof HttpErrorResponse)) return 'other';
  if (error.status === 413) return 'too-large';
  if (error.status === 415) return 'type';
  const body = error.error as Partial<ApiError> | null;
  const messages = (body?.fields ?? []).flatMap((f) => f.messages ?? []);
  return messages.length > 0 ? { messages } : 'other';
}
