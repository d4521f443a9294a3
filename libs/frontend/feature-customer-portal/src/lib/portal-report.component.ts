import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import type { AssetView, SiteView } from '@leitstand/api-contracts';
import { CatalogApiService, TicketsApiService } from '@leitstand/frontend/data-access';
import { I18nService, TranslatePipe } from '@leitstand/frontend/i18n';

/**
 * `/portal/new` — "Störung melden": site → asset → short and long description. The customer never chooses a
 * priority (the API derives it from the asset's class, so the asset is required); the channel is always 'portal'.
 */
@Component({
  selector: 'ls-portal-report',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    TranslatePipe,
  ],
  template: `
    <a mat-button routerLink="/portal">← {{ 'common.back' | t }}</a>
    <h1 id="report-title">{{ 'portal.report' | t }}</h1>
    <form [formGroup]="form" (ngSubmit)="submit()" aria-labelledby="report-title" novalidate class="report-form">
      <mat-form-field appearance="outline">
        <mat-label>{{ 'portal.site' | t }}</mat-label>
        <mat-select formControlName="siteId" required (selectionChange)="loadAssets($event.value)">
          @for (site of sites(); track site.id) {
            <mat-option [value]="site.id">{{ site.name }} – {{ site.city }}</mat-option>
          }
        </mat-select>
        @if (form.controls.siteId.hasError('required')) {
          <mat-error>{{ 'portal.siteRequired' | t }}</mat-error>
        }
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>{{ 'portal.asset' | t }}</mat-label>
        <mat-select formControlName="assetId" required>
          @for (asset of assets(); track asset.id) {
            <mat-option [value]="asset.id">{{ asset.code }} – {{ asset.name }}</mat-option>
          }
        </mat-select>
        <mat-hint>{{ 'portal.priorityNote' | t }}</mat-hint>
        @if (form.controls.assetId.hasError('required')) {
          <mat-error>{{ 'portal.assetRequired' | t }}</mat-error>
        }
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>{{ 'portal.title.field' | t }}</mat-label>
        <input matInput formControlName="title" required maxlength="200" />
        @if (form.controls.title.hasError('required')) {
          <mat-error>{{ 'portal.titleRequired' | t }}</mat-error>
        }
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>{{ 'portal.description' | t }}</mat-label>
        <textarea matInput formControlName="description" rows="5"></textarea>
      </mat-form-field>
      <div role="status" aria-live="polite" class="form-status">{{ message() }}</div>
      <button mat-flat-button type="submit" class="submit" [disabled]="submitting()" disabledInteractive>
        {{ 'portal.submit' | t }}
      </button>
    </form>
  `,
  styles: `
    :host {
      display: block;
      padding: 16px;
      max-width: 640px;
      margin: 0 auto;
    }
    .report-form {
      display: flex;
      flex-direction: column;
      gap: 8px;
    }
    .submit {
      min-height: 48px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PortalReportComponent {
  private readonly api = inject(TicketsApiService);
  private readonly catalog = inject(CatalogApiService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  /** The asset of `?asset=<id>` (a scanned QR label), selected as soon as its site's assets are loaded. */
  private preselected: AssetView | null = null;
  private readonly i18n = inject(I18nService);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly sites = signal<SiteView[]>([]);
  protected readonly assets = signal<AssetView[]>([]);
  protected readonly submitting = signal(false);
  protected readonly message = signal('');

  protected readonly form = inject(NonNullableFormBuilder).group({
    siteId: ['', Validators.required],
    assetId: ['', Validators.required],
    title: ['', [Validators.required, Validators.maxLength(200)]],
    description: [''],
  });

  constructor() {
    const assetId = this.route.snapshot.queryParamMap.get('asset');
    if (assetId) {
      this.catalog
        .asset(assetId)
        .pipe(takeUntilDestroyed(this.destroyRef))
        .subscribe({
          next: (asset) => {
            this.preselected = asset;
            this.form.controls.siteId.setValue(asset.siteId);
            this.loadAssets(asset.siteId);
          },
          error: () => this.message.set(this.i18n.t('common.loadError')),
        });
    }
    this.catalog
      .sites()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (page) => {
          this.sites.set(page.items);
          const only = page.items.length === 1 ? page.items[0] : undefined;
          if (only && !assetId) {
            this.form.controls.siteId.setValue(only.id);
            this.loadAssets(only.id);
          }
        },
        error: () => this.message.set(this.i18n.t('common.loadError')),
      });
  }

  protected loadAssets(siteId: string): void {
    this.form.controls.assetId.setValue('');
    this.assets.set([]);
    this.catalog
      .searchAssets(siteId, '', 200)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (page) => {
          const wanted = this.preselected?.siteId === siteId ? this.preselected : null;
          const items = wanted && !page.items.some((a) => a.id === wanted.id) ? [wanted, ...page.items] : page.items;
          this.assets.set(items);
          if (wanted) this.form.controls.assetId.setValue(wanted.id);
        },
        error: () => this.message.set(this.i18n.t('common.loadError')),
      });
  }

  protected submit(): void {
    if (this.form.invalid || this.submitting()) {
      this.form.markAllAsTouched();
      return;
    }
    const { siteId, assetId, title, description } = this.form.getRawValue();
    this.submitting.set(true);
    this.message.set('');
    this.api
      .create({
        siteId,
        assetId,
        title: title.trim(),
        ...(description.trim() ? { description: description.trim() } : {}),
        channel: 'portal',
      })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (ticket) => {
          this.submitting.set(false);
          this.message.set(this.i18n.t('portal.submitted', { number: ticket.number }));
          void this.router.navigate(['/portal/tickets', ticket.id]);
        },
        error: (error: unknown) => {
          this.submitting.set(false);
          const detail =
            error instanceof HttpErrorResponse ? (error.error as { message?: string } | null)?.message : '';
          this.message.set(`${this.i18n.t('common.saveError')}${detail ? ` (${detail})` : ''}`);
        },
      });
  }
}
