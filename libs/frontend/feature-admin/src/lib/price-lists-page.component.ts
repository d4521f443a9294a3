import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { PriceListView } from '@leitstand/api-contracts';
import { CatalogApiService } from '@leitstand/frontend/data-access';
import { TranslatePipe } from '@leitstand/frontend/i18n';
import { type WriteFailure, toWriteFailure } from './api-problems';
import { ADMIN_NOW } from './contract-page.component';
import { FieldProblemsComponent } from './field-problems.component';
import { priceListCsvRow, priceListToCsv, type PriceListCsvIssue } from '@leitstand/domain';
import { groupVersions, readPriceListUpload } from './price-list-file';
import { WriteFailureComponent } from './write-failure.component';

const KEY_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

/** A local date 'YYYY-MM-DD' of `date` in Europe/Berlin (where the provider's price lists take effect). */
function berlinDate(date: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(date);
}

/**
 * Price lists (admins): upload a JSON document as a new version with its valid-from date; the server validates it
 * with the domain parser and names every problem at its path (`data.material.overheadTiers[7].fromPrice`), all shown
 * in a table. Lists are grouped by the document id; superseded versions stay listed, read-only.
 */
@Component({
  selector: 'ls-admin-price-lists-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    TranslatePipe,
    FieldProblemsComponent,
    WriteFailureComponent,
  ],
  template: `
    <h1>{{ 'admin.priceLists' | t }}</h1>

    <section>
      <h2>{{ 'admin.priceLists.upload' | t }}</h2>
      <p class="hint">{{ 'admin.priceLists.uploadHint' | t }}</p>
      <p class="hint">{{ 'admin.priceLists.csvHint' | t }}</p>
      <label class="file">
        <span>{{ 'admin.priceLists.file' | t }}</span>
        <input
          type="file"
          accept=".json,.csv,application/json,text/csv"
          (change)="choose($event)"
          data-testid="price-list-file"
        />
      </label>
      @if (fileProblem(); as p) {
        <p class="problem" role="alert">{{ p.key | t: { detail: p.detail } }}</p>
        @if (sheetIssues().length > 0) {
          <table class="problems" data-testid="price-list-sheet-problems">
            <thead>
              <tr>
                <th scope="col">{{ 'admin.priceLists.row' | t }}</th>
                <th scope="col">{{ 'admin.priceLists.path' | t }}</th>
                <th scope="col">{{ 'admin.priceLists.message' | t }}</th>
              </tr>
            </thead>
            <tbody>
              @for (i of sheetIssues(); track $index) {
                <tr>
                  <td>{{ i.row }}</td>
                  <td>
                    <code>{{ i.path }}</code>
                  </td>
                  <td>{{ i.message }}</td>
                </tr>
              }
            </tbody>
          </table>
        }
      }
      @if (fileName()) {
        <form class="stack" [formGroup]="form" (ngSubmit)="upload()" novalidate>
          <mat-form-field>
            <mat-label>{{ 'admin.priceLists.name' | t }}</mat-label>
            <input matInput formControlName="name" required />
          </mat-form-field>
          <ls-field-problems [problems]="problems()" path="name" />
          <mat-form-field>
            <mat-label>{{ 'admin.priceLists.validFrom' | t }}</mat-label>
            <input matInput type="date" formControlName="validFrom" required />
          </mat-form-field>
          <ls-field-problems [problems]="problems()" path="validFrom" />
          <mat-form-field>
            <mat-label>{{ 'admin.priceLists.key' | t }}</mat-label>
            <input matInput formControlName="key" required />
            <mat-hint>{{ 'admin.priceLists.keyHint' | t }}</mat-hint>
          </mat-form-field>
          <ls-field-problems [problems]="problems()" path="key" />
          <ls-write-failure [failure]="failure()" />
          @if (dataProblems().length > 0) {
            <table class="problems" data-testid="price-list-problems">
              <caption>
                {{
                  'admin.priceLists.problems' | t: { count: dataProblems().length }
                }}
              </caption>
              <thead>
                <tr>
                  @if (sheetRows()) {
                    <th scope="col">{{ 'admin.priceLists.row' | t }}</th>
                  }
                  <th scope="col">{{ 'admin.priceLists.path' | t }}</th>
                  <th scope="col">{{ 'admin.priceLists.message' | t }}</th>
                </tr>
              </thead>
              <tbody>
                @for (p of dataProblems(); track p.field) {
                  @for (m of p.messages; track $index) {
                    <tr>
                      @if (sheetRows()) {
                        <td>{{ rowOf(p.field) ?? '–' }}</td>
                      }
                      <td>
                        <code>{{ p.field }}</code>
                      </td>
                      <td>{{ m }}</td>
                    </tr>
                  }
                }
              </tbody>
            </table>
          }
          @if (uploaded(); as u) {
            <p role="status">{{ 'admin.priceLists.uploaded' | t: { name: u.name, validFrom: u.validFrom } }}</p>
          }
          <div class="actions">
            <button mat-flat-button type="submit" [disabled]="saving()">{{ 'admin.priceLists.submit' | t }}</button>
          </div>
        </form>
      }
    </section>

    <section>
      <h2>{{ 'admin.priceLists.versions' | t }}</h2>
      <ls-write-failure [failure]="loadFailure()" />
      @if (groups().length === 0) {
        <p>{{ 'admin.priceLists.empty' | t }}</p>
      }
      @for (group of groups(); track group.listId) {
        <article class="list">
          <h3>{{ group.name }}</h3>
          <table>
            <thead>
              <tr>
                <th scope="col">{{ 'admin.priceLists.validFrom' | t }}</th>
                <th scope="col">{{ 'admin.priceLists.key' | t }}</th>
                <th scope="col">{{ 'admin.priceLists.status' | t }}</th>
                <th scope="col">{{ 'admin.priceLists.download' | t }}</th>
              </tr>
            </thead>
            <tbody>
              @for (v of group.versions; track v.view.id) {
                <tr [class]="v.status">
                  <td>{{ v.view.validFrom }}</td>
                  <td>
                    <code>{{ v.view.key }}</code>
                  </td>
                  <td>{{ 'admin.priceLists.status.' + v.status | t }}</td>
                  <td class="downloads">
                    <button mat-button type="button" (click)="download(v.view, 'csv')">
                      {{ 'admin.priceLists.downloadCsv' | t }}
                    </button>
                    <button mat-button type="button" (click)="download(v.view, 'json')">
                      {{ 'admin.priceLists.downloadJson' | t }}
                    </button>
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </article>
      }
    </section>
  `,
  styles: `
    .stack {
      display: flex;
      flex-direction: column;
      max-width: 40rem;
    }
    .file {
      display: flex;
      flex-direction: column;
      gap: 4px;
      margin-bottom: 16px;
    }
    .hint {
      color: var(--mat-sys-on-surface-variant);
    }
    .problem {
      color: var(--mat-sys-error);
    }
    table {
      border-collapse: collapse;
      width: 100%;
      margin-bottom: 16px;
    }
    th,
    td {
      text-align: left;
      padding: 4px 8px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
      vertical-align: top;
    }
    .problems {
      color: var(--mat-sys-error);
      caption {
        text-align: left;
        font-weight: 600;
      }
    }
    td code {
      word-break: break-all;
    }
    .superseded {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PriceListsPageComponent {
  private readonly api = inject(CatalogApiService);
  private readonly destroyRef = inject(DestroyRef);
  private readonly now = inject(ADMIN_NOW);

  protected readonly lists = signal<PriceListView[]>([]);
  protected readonly groups = computed(() => groupVersions(this.lists(), berlinDate(this.now())));
  protected readonly loadFailure = signal<WriteFailure | null>(null);
  protected readonly failure = signal<WriteFailure | null>(null);
  protected readonly problems = computed(() => this.failure()?.fields ?? []);
  /** Every problem of the document (`data.…`), each at its path. */
  protected readonly dataProblems = computed(() =>
    this.problems().filter((p) => p.field === 'data' || p.field.startsWith('data.')),
  );
  protected readonly fileName = signal<string | null>(null);
  protected readonly fileProblem = signal<{ key: string; detail: string } | null>(null);
  /** Problems of a CSV sheet itself (before anything is sent), each at its row. */
  protected readonly sheetIssues = signal<readonly PriceListCsvIssue[]>([]);
  /** The chosen CSV sheet's row of each path; null for a JSON file. */
  protected readonly sheetRows = signal<ReadonlyMap<string, number> | null>(null);
  protected readonly saving = signal(false);
  protected readonly uploaded = signal<PriceListView | null>(null);
  private data: Record<string, unknown> | null = null;

  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['', [Validators.required, Validators.maxLength(200)]],
    validFrom: ['', Validators.required],
    key: ['', [Validators.required, Validators.pattern(KEY_PATTERN), Validators.maxLength(80)]],
  });

  constructor() {
    this.load();
  }

  private load(): void {
    this.api
      .priceLists()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (page) => this.lists.set(page.items),
        error: (error: unknown) => this.loadFailure.set(toWriteFailure(error)),
      });
  }

  protected choose(event: Event): void {
    const file = (event.target as HTMLInputElement).files?.[0];
    if (!file) return;
    void file.text().then((text) => this.read(file.name, text));
  }

  /** Takes a chosen file's text (public for tests: jsdom's File has no reliable text()). */
  read(name: string, text: string): void {
    this.failure.set(null);
    this.uploaded.set(null);
    const result = readPriceListUpload(name, text);
    if (!result.ok) {
      this.fileName.set(null);
      this.data = null;
      this.sheetRows.set(null);
      this.fileProblem.set({ key: `admin.priceLists.${result.reason}`, detail: result.detail });
      this.sheetIssues.set(result.reason === 'badSheet' ? result.issues : []);
      return;
    }
    this.fileProblem.set(null);
    this.sheetIssues.set([]);
    this.sheetRows.set(result.file.rows ?? null);
    this.fileName.set(name);
    this.data = result.file.data;
    this.form.reset({ name: result.file.name, validFrom: result.file.validFrom, key: result.file.key });
  }

  /** The CSV row of a server problem at `data.<path>`. */
  protected rowOf(field: string): number | undefined {
    const rows = this.sheetRows();
    return rows ? priceListCsvRow(rows, field.replace(/^data\.?/, '')) : undefined;
  }

  /** A version as the file it can be uploaded from again: the `path;value` sheet or the JSON document. */
  protected download(view: PriceListView, format: 'csv' | 'json'): void {
    const text = format === 'csv' ? priceListToCsv(view.data) : `${JSON.stringify(view.data, null, 2)}\n`;
    const type = format === 'csv' ? 'text/csv;charset=utf-8' : 'application/json';
    const url = URL.createObjectURL(new Blob([text], { type }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `${view.key}.${format}`;
    link.click();
    URL.revokeObjectURL(url);
  }

  protected upload(): void {
    if (!this.data || this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { name, validFrom, key } = this.form.getRawValue();
    this.saving.set(true);
    this.failure.set(null);
    this.api
      .createPriceList({ key, name: name.trim(), validFrom, data: { ...this.data, validFrom } })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (view) => {
          this.saving.set(false);
          this.uploaded.set(view);
          this.lists.update((lists) => [...lists, view]);
        },
        error: (error: unknown) => {
          this.saving.set(false);
          this.failure.set(toWriteFailure(error));
        },
      });
  }
}
