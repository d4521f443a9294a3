import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import { type CreateSiteRequest, GERMAN_STATES, type GermanState, type SiteView } from '@leitstand/api-contracts';
import { CatalogApiService } from '@leitstand/frontend/data-access';
import { TranslatePipe } from '@leitstand/frontend/i18n';
import { type WriteFailure, toWriteFailure } from './api-problems';
import { FieldProblemsComponent } from './field-problems.component';
import { AssetImportComponent } from './asset-import.component';
import { LocationTreeComponent } from './location-tree.component';
import { WriteFailureComponent } from './write-failure.component';

/** A decimal area in m² as the API wants it ("1250" or "1250.5"); a comma is taken as the decimal mark. */
export const DECIMAL_PATTERN = /^\d{1,12}([.,]\d{1,4})?$/;

/** A distance with at most one decimal ("12.5", "12,5"), as the API stores it. */
export const DISTANCE_PATTERN = /^\d{1,5}([.,]\d)?$/;

export function toDecimalString(text: string): string | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed.replace(',', '.');
}

/** Creates a site of a tenant (`tenants/:tenantId/sites/new`) or edits one (`sites/:siteId`). */
@Component({
  selector: 'ls-admin-site-page',
  imports: [
    RouterLink,
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    TranslatePipe,
    FieldProblemsComponent,
    LocationTreeComponent,
    AssetImportComponent,
    WriteFailureComponent,
  ],
  template: `
    @if (ownerId(); as tenantId) {
      <p>
        <a [routerLink]="['/admin/tenants', tenantId]">← {{ 'admin.tenant.back' | t }}</a>
      </p>
    }
    <h1>{{ (site() ? 'admin.site.edit' : 'admin.sites.new') | t }}</h1>
    <ls-write-failure [failure]="loadFailure()" />
    <form class="grid" [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-form-field class="wide">
        <mat-label>{{ 'admin.site.name' | t }}</mat-label>
        <input matInput formControlName="name" required />
      </mat-form-field>
      <ls-field-problems class="wide" [problems]="problems()" path="name" />
      <mat-form-field class="wide">
        <mat-label>{{ 'admin.site.street' | t }}</mat-label>
        <input matInput formControlName="street" required autocomplete="street-address" />
      </mat-form-field>
      <ls-field-problems class="wide" [problems]="problems()" path="street" />
      <mat-form-field>
        <mat-label>{{ 'admin.site.postalCode' | t }}</mat-label>
        <input matInput formControlName="postalCode" required autocomplete="postal-code" />
      </mat-form-field>
      <mat-form-field>
        <mat-label>{{ 'admin.site.city' | t }}</mat-label>
        <input matInput formControlName="city" required />
      </mat-form-field>
      <ls-field-problems class="wide" [problems]="problems()" path="postalCode" />
      <ls-field-problems class="wide" [problems]="problems()" path="city" />
      <mat-form-field>
        <mat-label>{{ 'admin.site.state' | t }}</mat-label>
        <mat-select formControlName="state" required>
          @for (state of states; track state) {
            <mat-option [value]="state">{{ 'admin.state.' + state | t }}</mat-option>
          }
        </mat-select>
        <mat-hint>{{ 'admin.site.stateHint' | t }}</mat-hint>
      </mat-form-field>
      <mat-form-field>
        <mat-label>{{ 'admin.site.timezone' | t }}</mat-label>
        <input matInput formControlName="timezone" required />
      </mat-form-field>
      <ls-field-problems class="wide" [problems]="problems()" path="state" />
      <ls-field-problems class="wide" [problems]="problems()" path="timezone" />
      <mat-form-field>
        <mat-label>{{ 'admin.site.area' | t }}</mat-label>
        <input matInput formControlName="areaM2" inputmode="decimal" />
        <span matTextSuffix>m²</span>
        @if (form.controls.areaM2.hasError('pattern')) {
          <mat-error>{{ 'admin.site.areaInvalid' | t }}</mat-error>
        }
      </mat-form-field>
      <mat-form-field>
        <mat-label>{{ 'admin.site.distance' | t }}</mat-label>
        <input matInput formControlName="distanceKm" inputmode="decimal" />
        <span matTextSuffix>km</span>
        <mat-hint>{{ 'admin.site.distanceHint' | t }}</mat-hint>
        @if (form.controls.distanceKm.hasError('pattern')) {
          <mat-error>{{ 'admin.site.distanceInvalid' | t }}</mat-error>
        }
      </mat-form-field>
      <mat-form-field>
        <mat-label>{{ 'admin.site.travelZone' | t }}</mat-label>
        <input matInput formControlName="travelZone" />
        <mat-hint>{{ 'admin.site.travelZoneHint' | t }}</mat-hint>
      </mat-form-field>
      <ls-field-problems class="wide" [problems]="problems()" path="areaM2" />
      <ls-field-problems class="wide" [problems]="problems()" path="distanceKm" />
      <ls-field-problems class="wide" [problems]="problems()" path="travelZone" />
      <ls-write-failure class="wide" [failure]="failure()" (reload)="load()" />
      @if (saved()) {
        <p class="wide" role="status">{{ 'admin.saved' | t }}</p>
      }
      <div class="wide actions">
        <button mat-flat-button type="submit" [disabled]="saving()">
          {{ (site() ? 'admin.save' : 'admin.create') | t }}
        </button>
      </div>
    </form>
    @if (site(); as site) {
      <ls-location-tree [siteId]="site.id" />
      <p>
        <a mat-stroked-button [routerLink]="['/admin/sites', site.id, 'assets', 'new']">{{ 'admin.assets.new' | t }}</a>
      </p>
      <ls-asset-import [siteId]="site.id" />
    }
  `,
  styles: `
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr));
      column-gap: 16px;
      max-width: 48rem;
    }
    .wide {
      grid-column: 1 / -1;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SitePageComponent {
  private readonly api = inject(CatalogApiService);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);

  /** Route parameters: `tenantId` when creating, `siteId` when editing. */
  readonly tenantId = input<string>();
  readonly siteId = input<string>();

  protected readonly states = GERMAN_STATES;
  protected readonly site = signal<SiteView | null>(null);
  protected readonly ownerId = computed(() => this.site()?.tenantId ?? this.tenantId() ?? null);
  protected readonly loadFailure = signal<WriteFailure | null>(null);
  protected readonly failure = signal<WriteFailure | null>(null);
  protected readonly problems = computed(() => this.failure()?.fields ?? []);
  protected readonly saving = signal(false);
  protected readonly saved = signal(false);

  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['', [Validators.required, Validators.maxLength(200)]],
    street: ['', Validators.required],
    postalCode: ['', Validators.required],
    city: ['', Validators.required],
    state: ['DE-BY' as GermanState, Validators.required],
    timezone: ['Europe/Berlin', Validators.required],
    areaM2: ['', Validators.pattern(DECIMAL_PATTERN)],
    distanceKm: ['', Validators.pattern(DISTANCE_PATTERN)],
    travelZone: ['', Validators.maxLength(40)],
  });

  constructor() {
    effect(() => {
      if (this.siteId()) this.load();
    });
  }

  load(): void {
    const id = this.siteId();
    if (!id) return;
    this.failure.set(null);
    this.api
      .site(id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (site) => this.show(site),
        error: (error: unknown) => this.loadFailure.set(toWriteFailure(error)),
      });
  }

  private show(site: SiteView): void {
    this.site.set(site);
    this.form.reset({
      name: site.name,
      street: site.street,
      postalCode: site.postalCode,
      city: site.city,
      state: site.state,
      timezone: site.timezone,
      areaM2: site.areaM2 ?? '',
      distanceKm: site.distanceKm ?? '',
      travelZone: site.travelZone ?? '',
    });
  }

  protected save(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const value = this.form.getRawValue();
    const body: Omit<CreateSiteRequest, 'tenantId'> = {
      name: value.name.trim(),
      street: value.street.trim(),
      postalCode: value.postalCode.trim(),
      city: value.city.trim(),
      state: value.state,
      timezone: value.timezone.trim(),
      areaM2: toDecimalString(value.areaM2),
      distanceKm: toDecimalString(value.distanceKm),
      travelZone: value.travelZone.trim() === '' ? null : value.travelZone.trim(),
    };
    const site = this.site();
    const tenantId = this.tenantId();
    this.saving.set(true);
    this.saved.set(false);
    this.failure.set(null);
    const request = site
      ? this.api.updateSite(site.id, site.version, body)
      : this.api.createSite({ ...body, tenantId: tenantId ?? '' });
    request.pipe(takeUntilDestroyed(this.destroyRef)).subscribe({
      next: (saved) => {
        this.saving.set(false);
        if (site) {
          this.saved.set(true);
          this.show(saved);
        } else {
          void this.router.navigate(['/admin/sites', saved.id]);
        }
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.failure.set(toWriteFailure(error));
      },
    });
  }
}
