import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import {
  ASSET_CLASSES,
  type AssetClass,
  type AssetListQuery,
  type AssetView,
  type SiteView,
} from '@leitstand/api-contracts';
import { CatalogApiService } from '@leitstand/frontend/data-access';
import { TranslatePipe } from '@leitstand/frontend/i18n';
import { type WriteFailure, toWriteFailure } from './api-problems';
import { WriteFailureComponent } from './write-failure.component';

/** Rows per page of the register. */
export const ASSET_PAGE_SIZE = 50;

/**
 * The asset register: search (code, name, manufacturer, serial number, trade) and filters (site, trade, class,
 * in contract), with the total of matches, a page at a time ("more" follows the
 * API's cursor); each row opens the asset with its maintenance windows and ticket history.
 */
@Component({
  selector: 'ls-admin-assets-page',
  imports: [
    RouterLink,
    FormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    TranslatePipe,
    WriteFailureComponent,
  ],
  template: `
    <h1>{{ 'admin.assets' | t }}</h1>
    <div class="filters" role="search">
      <mat-form-field>
        <mat-label>{{ 'admin.assets.search' | t }}</mat-label>
        <input matInput [ngModel]="q()" (ngModelChange)="q.set($event)" (keyup.enter)="search()" />
      </mat-form-field>
      <mat-form-field>
        <mat-label>{{ 'admin.assets.site' | t }}</mat-label>
        <mat-select [ngModel]="siteId()" (ngModelChange)="siteId.set($event); search()">
          <mat-option value="">{{ 'admin.assets.allSites' | t }}</mat-option>
          @for (site of sites(); track site.id) {
            <mat-option [value]="site.id">{{ site.name }}, {{ site.city }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field>
        <mat-label>{{ 'admin.assets.class' | t }}</mat-label>
        <mat-select [ngModel]="assetClass()" (ngModelChange)="assetClass.set($event); search()">
          <mat-option value="">{{ 'admin.assets.allClasses' | t }}</mat-option>
          @for (c of classes; track c) {
            <mat-option [value]="c">{{ c }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field>
        <mat-label>{{ 'admin.asset.trade' | t }}</mat-label>
        <input matInput [ngModel]="trade()" (ngModelChange)="trade.set($event)" (keyup.enter)="search()" />
      </mat-form-field>
      <mat-form-field>
        <mat-label>{{ 'admin.asset.inContract' | t }}</mat-label>
        <mat-select [ngModel]="inContract()" (ngModelChange)="inContract.set($event); search()">
          <mat-option value="">{{ 'admin.assets.any' | t }}</mat-option>
          <mat-option value="true">{{ 'admin.yes' | t }}</mat-option>
          <mat-option value="false">{{ 'admin.no' | t }}</mat-option>
        </mat-select>
      </mat-form-field>
      <button mat-flat-button type="button" (click)="search()">{{ 'admin.assets.searchButton' | t }}</button>
    </div>
    <ls-write-failure [failure]="failure()" />
    @if (rows(); as list) {
      @if (list.length === 0) {
        <p>{{ 'admin.assets.empty' | t }}</p>
      } @else {
        <div class="table-wrap">
          <table data-testid="asset-register">
            <thead>
              <tr>
                <th scope="col">{{ 'admin.asset.code' | t }}</th>
                <th scope="col">{{ 'admin.asset.name' | t }}</th>
                <th scope="col">{{ 'admin.asset.trade' | t }}</th>
                <th scope="col">{{ 'admin.assets.class' | t }}</th>
                <th scope="col">{{ 'admin.assets.site' | t }}</th>
                <th scope="col">{{ 'admin.asset.location' | t }}</th>
                <th scope="col">{{ 'admin.asset.manufacturer' | t }}</th>
                <th scope="col">{{ 'admin.asset.inContract' | t }}</th>
              </tr>
            </thead>
            <tbody>
              @for (a of list; track a.id) {
                <tr>
                  <td>
                    <a [routerLink]="['/admin/assets', a.id]">{{ a.code }}</a>
                  </td>
                  <td>{{ a.name }}</td>
                  <td>{{ a.trade }}</td>
                  <td>{{ a.assetClass }}</td>
                  <td>{{ siteName(a.siteId) }}</td>
                  <td>{{ a.locationPath ?? '' }}</td>
                  <td>{{ a.manufacturer ?? '' }}</td>
                  <td>{{ (a.inContract ? 'admin.yes' : 'admin.no') | t }}</td>
                </tr>
              }
            </tbody>
          </table>
        </div>
        <p class="count" role="status">
          {{ 'admin.assets.shownOf' | t: { count: list.length, total: total() ?? list.length } }}
        </p>
      }
      @if (nextCursor()) {
        <button mat-stroked-button type="button" (click)="more()" [disabled]="loading()">
          {{ 'admin.assets.more' | t }}
        </button>
      }
    } @else if (!failure()) {
      <p role="status">{{ 'admin.loading' | t }}</p>
    }
  `,
  styles: `
    .filters {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 16px;
      align-items: baseline;
    }
    .table-wrap {
      overflow-x: auto;
    }
    table {
      border-collapse: collapse;
      width: 100%;
    }
    th,
    td {
      text-align: left;
      padding: 6px 8px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .count {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AssetsPageComponent {
  private readonly api = inject(CatalogApiService);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly classes = ASSET_CLASSES;
  protected readonly sites = signal<SiteView[]>([]);
  private readonly siteNames = computed(() => new Map(this.sites().map((s) => [s.id, s.name])));
  protected readonly q = signal('');
  protected readonly siteId = signal('');
  protected readonly assetClass = signal<AssetClass | ''>('');
  protected readonly trade = signal('');
  protected readonly inContract = signal<'' | 'true' | 'false'>('');
  protected readonly total = signal<number | null>(null);
  protected readonly rows = signal<AssetView[] | null>(null);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loading = signal(false);
  protected readonly failure = signal<WriteFailure | null>(null);

  constructor() {
    this.api
      .sites()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({ next: (page) => this.sites.set(page.items), error: () => this.sites.set([]) });
    this.search();
  }

  protected siteName(id: string): string {
    return this.siteNames().get(id) ?? '';
  }

  private query(cursor?: string): AssetListQuery {
    const assetClass = this.assetClass();
    const inContract = this.inContract();
    return {
      q: this.q().trim(),
      siteId: this.siteId(),
      trade: this.trade().trim(),
      ...(assetClass ? { assetClass } : {}),
      ...(inContract ? { inContract: inContract === 'true' } : {}),
      withTotal: true,
      limit: ASSET_PAGE_SIZE,
      ...(cursor ? { cursor } : {}),
    };
  }

  protected search(): void {
    this.load(this.query(), false);
  }

  protected more(): void {
    const cursor = this.nextCursor();
    if (cursor) this.load(this.query(cursor), true);
  }

  private load(query: AssetListQuery, append: boolean): void {
    this.loading.set(true);
    this.failure.set(null);
    this.api
      .assets(query)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (page) => {
          this.loading.set(false);
          this.rows.update((rows) => (append && rows ? [...rows, ...page.items] : page.items));
          this.nextCursor.set(page.nextCursor);
          if (page.total !== undefined) this.total.set(page.total);
        },
        error: (error: unknown) => {
          this.loading.set(false);
          this.failure.set(toWriteFailure(error));
        },
      });
  }
}
