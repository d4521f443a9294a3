import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import type { TenantView } from '@leitstand/api-contracts';
import { AuthService, CatalogApiService } from '@leitstand/frontend/data-access';
import { TranslatePipe } from '@leitstand/frontend/i18n';
import { type WriteFailure, toWriteFailure } from './api-problems';
import { FieldProblemsComponent } from './field-problems.component';
import { WriteFailureComponent } from './write-failure.component';

/** Lower-case kebab-case, as the API wants a tenant's slug. */
export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** A slug proposed from a name: "Müller & Söhne GmbH" → "mueller-soehne-gmbh". */
export function slugFromName(name: string): string {
  return name
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

/** The tenants in the caller's scope; admins create new ones here. */
@Component({
  selector: 'ls-admin-tenants-page',
  imports: [
    RouterLink,
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    TranslatePipe,
    FieldProblemsComponent,
    WriteFailureComponent,
  ],
  template: `
    <h1>{{ 'admin.tenants' | t }}</h1>
    @if (loadFailure(); as f) {
      <ls-write-failure [failure]="f" />
    }
    @if (tenants(); as list) {
      @if (list.length === 0) {
        <p>{{ 'admin.tenants.empty' | t }}</p>
      } @else {
        <ul class="tenant-list">
          @for (tenant of list; track tenant.id) {
            <li>
              <a [routerLink]="['/admin/tenants', tenant.id]">{{ tenant.name }}</a>
              <span class="slug">{{ tenant.slug }}</span>
            </li>
          }
        </ul>
      }
    } @else if (!loadFailure()) {
      <p role="status">{{ 'admin.loading' | t }}</p>
    }

    @if (isAdmin()) {
      <h2>{{ 'admin.tenants.new' | t }}</h2>
      <form class="form-row" [formGroup]="form" (ngSubmit)="create()" novalidate>
        <mat-form-field>
          <mat-label>{{ 'admin.tenant.name' | t }}</mat-label>
          <input matInput formControlName="name" required (input)="proposeSlug()" />
        </mat-form-field>
        <ls-field-problems [problems]="problems()" path="name" />
        <mat-form-field>
          <mat-label>{{ 'admin.tenant.slug' | t }}</mat-label>
          <input matInput formControlName="slug" required (input)="slugEdited = true" />
          <mat-hint>{{ 'admin.tenant.slugHint' | t }}</mat-hint>
          @if (form.controls.slug.hasError('pattern')) {
            <mat-error>{{ 'admin.tenant.slugHint' | t }}</mat-error>
          }
        </mat-form-field>
        <ls-field-problems [problems]="problems()" path="slug" />
        <ls-write-failure [failure]="failure()" />
        <div class="actions">
          <button mat-flat-button type="submit" [disabled]="saving()">{{ 'admin.create' | t }}</button>
        </div>
      </form>
    }
  `,
  styles: `
    .tenant-list {
      list-style: none;
      padding: 0;
      li {
        padding: 8px 0;
        border-bottom: 1px solid var(--mat-sys-outline-variant);
        display: flex;
        gap: 16px;
        flex-wrap: wrap;
      }
    }
    .slug {
      color: var(--mat-sys-on-surface-variant);
      font-family: monospace;
    }
    .form-row {
      display: flex;
      flex-direction: column;
      max-width: 32rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TenantsPageComponent {
  private readonly api = inject(CatalogApiService);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);
  private readonly auth = inject(AuthService);

  protected readonly isAdmin = computed(() => this.auth.user()?.role === 'admin');
  protected readonly tenants = signal<TenantView[] | null>(null);
  protected readonly loadFailure = signal<WriteFailure | null>(null);
  protected readonly failure = signal<WriteFailure | null>(null);
  protected readonly problems = computed(() => this.failure()?.fields ?? []);
  protected readonly saving = signal(false);
  protected slugEdited = false;

  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['', [Validators.required, Validators.maxLength(200)]],
    slug: ['', [Validators.required, Validators.pattern(SLUG_PATTERN)]],
  });

  constructor() {
    this.api
      .tenants()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (page) => this.tenants.set([...page.items].sort((a, b) => a.name.localeCompare(b.name))),
        error: (error: unknown) => this.loadFailure.set(toWriteFailure(error)),
      });
  }

  protected proposeSlug(): void {
    if (!this.slugEdited) {
      this.form.controls.slug.setValue(slugFromName(this.form.controls.name.value));
    }
  }

  protected create(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.saving.set(true);
    this.failure.set(null);
    const { name, slug } = this.form.getRawValue();
    this.api
      .createTenant({ name: name.trim(), slug })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (tenant) => void this.router.navigate(['/admin/tenants', tenant.id]),
        error: (error: unknown) => {
          this.saving.set(false);
          this.failure.set(toWriteFailure(error));
        },
      });
  }
}
