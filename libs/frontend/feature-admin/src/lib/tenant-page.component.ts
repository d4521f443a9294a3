import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import type { ContractView, SiteView, TenantView } from '@leitstand/api-contracts';
import { AuthService, CatalogApiService } from '@leitstand/frontend/data-access';
import { TranslatePipe } from '@leitstand/frontend/i18n';
import { type WriteFailure, toWriteFailure } from './api-problems';
import { FieldProblemsComponent } from './field-problems.component';
import { SLUG_PATTERN } from './tenants-page.component';
import { WriteFailureComponent } from './write-failure.component';

/** One tenant: its name and slug (admins edit them), its sites and its contracts. */
@Component({
  selector: 'ls-admin-tenant-page',
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
    <p>
      <a routerLink="/admin/tenants">← {{ 'admin.tenants' | t }}</a>
    </p>
    <ls-write-failure [failure]="loadFailure()" />
    @if (tenant(); as tenant) {
      <h1>{{ tenant.name }}</h1>
      @if (isAdmin()) {
        <form class="stack" [formGroup]="form" (ngSubmit)="save()" novalidate>
          <mat-form-field>
            <mat-label>{{ 'admin.tenant.name' | t }}</mat-label>
            <input matInput formControlName="name" required />
          </mat-form-field>
          <ls-field-problems [problems]="problems()" path="name" />
          <mat-form-field>
            <mat-label>{{ 'admin.tenant.slug' | t }}</mat-label>
            <input matInput formControlName="slug" required />
            <mat-hint>{{ 'admin.tenant.slugHint' | t }}</mat-hint>
          </mat-form-field>
          <ls-field-problems [problems]="problems()" path="slug" />
          <ls-write-failure [failure]="failure()" (reload)="load()" />
          @if (saved()) {
            <p role="status">{{ 'admin.saved' | t }}</p>
          }
          <div class="actions">
            <button mat-flat-button type="submit" [disabled]="saving() || form.pristine">{{ 'admin.save' | t }}</button>
          </div>
        </form>
      }

      <section>
        <h2>{{ 'admin.sites' | t }}</h2>
        @if (sites().length === 0) {
          <p>{{ 'admin.sites.empty' | t }}</p>
        }
        <ul class="rows">
          @for (site of sites(); track site.id) {
            <li>
              <a [routerLink]="['/admin/sites', site.id]">{{ site.name }}</a>
              <span>{{ site.street }}, {{ site.postalCode }} {{ site.city }}</span>
              <span>{{ 'admin.state.' + site.state | t }}</span>
            </li>
          }
        </ul>
        <a mat-stroked-button [routerLink]="['/admin/tenants', tenant.id, 'sites', 'new']">{{
          'admin.sites.new' | t
        }}</a>
      </section>

      <section>
        <h2>{{ 'admin.contracts' | t }}</h2>
        @if (contracts().length === 0) {
          <p>{{ 'admin.contracts.empty' | t }}</p>
        }
        <ul class="rows">
          @for (contract of contracts(); track contract.id) {
            <li>
              <a [routerLink]="['/admin/contracts', contract.id]">{{ contract.name }}</a>
              <span>{{ 'admin.contract.type.' + contract.type | t }}</span>
              <span>{{ contract.startsOn }} – {{ contract.endsOn ?? '…' }}</span>
            </li>
          }
        </ul>
        <a mat-stroked-button [routerLink]="['/admin/tenants', tenant.id, 'contracts', 'new']">{{
          'admin.contracts.new' | t
        }}</a>
      </section>
    }
  `,
  styles: `
    .stack {
      display: flex;
      flex-direction: column;
      max-width: 32rem;
    }
    section {
      margin-top: 24px;
    }
    .rows {
      list-style: none;
      padding: 0;
      li {
        display: flex;
        flex-wrap: wrap;
        gap: 16px;
        padding: 8px 0;
        border-bottom: 1px solid var(--mat-sys-outline-variant);
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TenantPageComponent {
  private readonly api = inject(CatalogApiService);
  private readonly destroyRef = inject(DestroyRef);
  private readonly auth = inject(AuthService);

  /** Route parameter. */
  readonly tenantId = input.required<string>();

  protected readonly isAdmin = computed(() => this.auth.user()?.role === 'admin');
  protected readonly tenant = signal<TenantView | null>(null);
  protected readonly sites = signal<SiteView[]>([]);
  protected readonly contracts = signal<ContractView[]>([]);
  protected readonly loadFailure = signal<WriteFailure | null>(null);
  protected readonly failure = signal<WriteFailure | null>(null);
  protected readonly problems = computed(() => this.failure()?.fields ?? []);
  protected readonly saving = signal(false);
  protected readonly saved = signal(false);

  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['', [Validators.required, Validators.maxLength(200)]],
    slug: ['', [Validators.required, Validators.pattern(SLUG_PATTERN)]],
  });

  constructor() {
    effect(() => {
      this.tenantId();
      this.load();
    });
  }

  load(): void {
    const id = this.tenantId();
    this.failure.set(null);
    this.api
      .tenant(id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (tenant) => this.show(tenant),
        error: (error: unknown) => this.loadFailure.set(toWriteFailure(error)),
      });
    this.api
      .sites(id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({ next: (page) => this.sites.set(page.items), error: () => this.sites.set([]) });
    this.api
      .contracts(id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({ next: (page) => this.contracts.set(page.items), error: () => this.contracts.set([]) });
  }

  private show(tenant: TenantView): void {
    this.tenant.set(tenant);
    this.form.reset({ name: tenant.name, slug: tenant.slug });
  }

  protected save(): void {
    const tenant = this.tenant();
    if (!tenant || this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.saving.set(true);
    this.saved.set(false);
    this.failure.set(null);
    const { name, slug } = this.form.getRawValue();
    this.api
      .updateTenant(tenant.id, tenant.version, { name: name.trim(), slug })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (updated) => {
          this.saving.set(false);
          this.saved.set(true);
          this.show(updated);
        },
        error: (error: unknown) => {
          this.saving.set(false);
          this.failure.set(toWriteFailure(error));
        },
      });
  }
}
