import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import {
  ROLE_NAMES,
  type CreateUserRequest,
  type PasswordLinkView,
  type Role,
  type SiteView,
  type TenantView,
  type UserAdminView,
} from '@leitstand/api-contracts';
import { AuthService } from '@leitstand/frontend/data-access';
import { I18nService, DateTimePipe, TranslatePipe } from '@leitstand/frontend/i18n';
import { AccountApiService, describeAccountError } from './account-api.service';

/** Roles a manager may create (the server enforces it too). */
const MANAGER_ROLES: readonly Role[] = ['technician', 'customer'];

/** A link shown once, with the address it was made for. */
interface ShownLink {
  email: string;
  url: string;
  expiresAt: string;
}

/**
 * `/admin/users` (admins; managers for the technicians and customers of their tenants): the list with
 * filters by role, tenant and status; create and edit in one form; deactivate, reactivate; reset links.
 * A new user's set-password link (and every reset link) is shown once with a copy button.
 */
@Component({
  selector: 'ls-user-admin-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    TranslatePipe,
    DateTimePipe,
  ],
  template: `
    <h1>{{ 'userAdmin.title' | t }}</h1>

    <div class="filters">
      <mat-form-field appearance="outline">
        <mat-label>{{ 'userAdmin.filterRole' | t }}</mat-label>
        <mat-select [value]="filterRole()" (selectionChange)="filterRole.set($event.value); load()">
          <mat-option value="">{{ 'userAdmin.all' | t }}</mat-option>
          @for (role of roles(); track role) {
            <mat-option [value]="role">{{ 'role.' + role | t }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>{{ 'userAdmin.filterTenant' | t }}</mat-label>
        <mat-select [value]="filterTenant()" (selectionChange)="filterTenant.set($event.value); load()">
          <mat-option value="">{{ 'userAdmin.all' | t }}</mat-option>
          @for (tenant of tenants(); track tenant.id) {
            <mat-option [value]="tenant.id">{{ tenant.name }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>{{ 'userAdmin.filterActive' | t }}</mat-label>
        <mat-select [value]="filterActive()" (selectionChange)="filterActive.set($event.value); load()">
          <mat-option value="">{{ 'userAdmin.all' | t }}</mat-option>
          <mat-option value="true">{{ 'userAdmin.active' | t }}</mat-option>
          <mat-option value="false">{{ 'userAdmin.inactive' | t }}</mat-option>
        </mat-select>
      </mat-form-field>
      <button mat-flat-button type="button" (click)="startCreate()">{{ 'userAdmin.create' | t }}</button>
    </div>

    <div role="status" aria-live="polite" class="status">{{ message() }}</div>

    @if (link(); as shown) {
      <mat-card appearance="outlined" class="link-card" data-testid="password-link">
        <mat-card-header>
          <mat-card-title
            ><h2>{{ 'userAdmin.linkTitle' | t: { email: shown.email } }}</h2></mat-card-title
          >
        </mat-card-header>
        <mat-card-content>
          <p>{{ 'userAdmin.linkText' | t: { expires: (shown.expiresAt | lsDateTime) } }}</p>
          <code class="link-url" data-testid="password-link-url">{{ shown.url }}</code>
        </mat-card-content>
        <mat-card-actions>
          <button mat-flat-button type="button" (click)="copy(shown.url)">{{ 'userAdmin.copy' | t }}</button>
          <button mat-button type="button" (click)="link.set(null)">{{ 'userAdmin.close' | t }}</button>
        </mat-card-actions>
      </mat-card>
    }

    @if (editing() !== undefined) {
      <mat-card appearance="outlined" class="form-card">
        <mat-card-content>
          <form class="user-form" [formGroup]="form" (ngSubmit)="save()" novalidate>
            <mat-form-field appearance="outline">
              <mat-label>{{ 'userAdmin.name' | t }}</mat-label>
              <input matInput formControlName="displayName" required />
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>{{ 'userAdmin.email' | t }}</mat-label>
              <input matInput type="email" formControlName="email" required />
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>{{ 'userAdmin.role' | t }}</mat-label>
              <mat-select formControlName="role">
                @for (role of roles(); track role) {
                  <mat-option [value]="role">{{ 'role.' + role | t }}</mat-option>
                }
              </mat-select>
            </mat-form-field>
            @if (formRole() === 'customer') {
              <mat-form-field appearance="outline">
                <mat-label>{{ 'userAdmin.tenant' | t }}</mat-label>
                <mat-select formControlName="tenantId">
                  @for (tenant of tenants(); track tenant.id) {
                    <mat-option [value]="tenant.id">{{ tenant.name }}</mat-option>
                  }
                </mat-select>
              </mat-form-field>
            }
            @if (formRole() === 'technician' || formRole() === 'manager') {
              <mat-form-field appearance="outline">
                <mat-label>{{ 'userAdmin.tenants' | t }}</mat-label>
                <mat-select formControlName="tenantIds" multiple (selectionChange)="loadSites($event.value)">
                  @for (tenant of tenants(); track tenant.id) {
                    <mat-option [value]="tenant.id">{{ tenant.name }}</mat-option>
                  }
                </mat-select>
              </mat-form-field>
            }
            @if (formRole() === 'technician') {
              <mat-form-field appearance="outline">
                <mat-label>{{ 'userAdmin.priceListRole' | t }}</mat-label>
                <input matInput formControlName="priceListRole" />
                <mat-hint>{{ 'userAdmin.priceListRoleHint' | t }}</mat-hint>
              </mat-form-field>
              <mat-form-field appearance="outline">
                <mat-label>{{ 'userAdmin.homeSite' | t }}</mat-label>
                <mat-select formControlName="homeSiteId">
                  <mat-option value="">{{ 'userAdmin.none' | t }}</mat-option>
                  @for (site of sites(); track site.id) {
                    <mat-option [value]="site.id">{{ site.name }}</mat-option>
                  }
                </mat-select>
              </mat-form-field>
            }
            <div class="form-actions">
              <button mat-flat-button type="submit" [disabled]="busy()">{{ 'userAdmin.save' | t }}</button>
              <button mat-button type="button" (click)="editing.set(undefined)">{{ 'userAdmin.cancel' | t }}</button>
            </div>
          </form>
        </mat-card-content>
      </mat-card>
    }

    <table class="users">
      <thead>
        <tr>
          <th scope="col">{{ 'userAdmin.name' | t }}</th>
          <th scope="col">{{ 'userAdmin.email' | t }}</th>
          <th scope="col">{{ 'userAdmin.role' | t }}</th>
          <th scope="col">{{ 'userAdmin.tenants' | t }}</th>
          <th scope="col">{{ 'userAdmin.status' | t }}</th>
          <th scope="col">{{ 'userAdmin.actions' | t }}</th>
        </tr>
      </thead>
      <tbody>
        @for (user of users(); track user.id) {
          <tr [attr.data-email]="user.email">
            <td>{{ user.displayName }}</td>
            <td>{{ user.email }}</td>
            <td>{{ 'role.' + user.role | t }}</td>
            <td>{{ tenantNames(user) }}</td>
            <td>{{ (user.active ? 'userAdmin.active' : 'userAdmin.inactive') | t }}</td>
            <td class="row-actions">
              <button mat-button type="button" (click)="startEdit(user)">{{ 'userAdmin.edit' | t }}</button>
              <button mat-button type="button" (click)="setActive(user, !user.active)">
                {{ (user.active ? 'userAdmin.deactivate' : 'userAdmin.reactivate') | t }}
              </button>
              @if (user.active) {
                <button mat-button type="button" (click)="resetLink(user)">{{ 'userAdmin.resetLink' | t }}</button>
              }
            </td>
          </tr>
        } @empty {
          <tr>
            <td colspan="6">{{ 'userAdmin.empty' | t }}</td>
          </tr>
        }
      </tbody>
    </table>
  `,
  styles: `
    :host {
      display: block;
      padding: 1rem;
    }
    .filters {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem;
      align-items: center;
    }
    .user-form {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr));
      gap: 0.75rem;
    }
    .form-actions {
      display: flex;
      gap: 0.5rem;
      align-items: center;
    }
    .form-card,
    .link-card {
      margin: 1rem 0;
    }
    .link-url {
      display: block;
      word-break: break-all;
      padding: 0.5rem;
      background: var(--mat-sys-surface-container);
    }
    .status {
      min-height: 1.5rem;
    }
    table.users {
      width: 100%;
      border-collapse: collapse;
    }
    table.users th,
    table.users td {
      text-align: left;
      padding: 0.4rem;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UserAdminPageComponent {
  private readonly api = inject(AccountApiService);
  private readonly auth = inject(AuthService);
  private readonly i18n = inject(I18nService);
  private readonly document = inject(DOCUMENT);

  protected readonly users = signal<UserAdminView[]>([]);
  protected readonly tenants = signal<TenantView[]>([]);
  protected readonly sites = signal<SiteView[]>([]);
  protected readonly filterRole = signal<string>('');
  protected readonly filterTenant = signal<string>('');
  protected readonly filterActive = signal<string>('');
  protected readonly message = signal('');
  protected readonly busy = signal(false);
  protected readonly link = signal<ShownLink | null>(null);
  /** undefined: no form; null: creating; a user: editing them. */
  protected readonly editing = signal<UserAdminView | null | undefined>(undefined);
  protected readonly roles = computed<readonly Role[]>(() =>
    this.auth.user()?.role === 'admin' ? ROLE_NAMES : MANAGER_ROLES,
  );

  protected readonly form = inject(NonNullableFormBuilder).group({
    displayName: ['', Validators.required],
    email: ['', [Validators.required, Validators.email]],
    role: ['technician' as Role],
    tenantId: [''],
    tenantIds: [[] as string[]],
    priceListRole: [''],
    homeSiteId: [''],
  });
  protected readonly formRole = signal<Role>('technician');

  constructor() {
    this.form.controls.role.valueChanges.subscribe((role) => this.formRole.set(role));
    this.api.tenants().subscribe({
      next: (tenants) => this.tenants.set(tenants),
      error: (error: unknown) => this.message.set(describeAccountError(error, this.i18n)),
    });
    this.load();
  }

  protected load(): void {
    this.api
      .listUsers({
        ...(this.filterRole() ? { role: this.filterRole() as Role } : {}),
        ...(this.filterTenant() ? { tenantId: this.filterTenant() } : {}),
        ...(this.filterActive() ? { active: this.filterActive() as 'true' | 'false' } : {}),
      })
      .subscribe({
        next: (users) => this.users.set(users),
        error: (error: unknown) => this.message.set(describeAccountError(error, this.i18n)),
      });
  }

  protected loadSites(tenantIds: string[]): void {
    this.sites.set([]);
    for (const tenantId of tenantIds) {
      this.api.sites(tenantId).subscribe({ next: (sites) => this.sites.update((all) => [...all, ...sites]) });
    }
  }

  protected tenantNames(user: UserAdminView): string {
    const ids = user.tenantId ? [user.tenantId] : user.tenantIds;
    const byId = new Map(this.tenants().map((t) => [t.id, t.name]));
    return ids.map((id) => byId.get(id) ?? id).join(', ') || this.i18n.t('userAdmin.none');
  }

  protected startCreate(): void {
    this.form.reset({ role: this.roles()[0] === 'admin' ? 'technician' : 'technician' });
    this.formRole.set('technician');
    this.sites.set([]);
    this.editing.set(null);
  }

  protected startEdit(user: UserAdminView): void {
    this.form.reset({
      displayName: user.displayName,
      email: user.email,
      role: user.role,
      tenantId: user.tenantId ?? '',
      tenantIds: user.tenantIds,
      priceListRole: user.priceListRole ?? '',
      homeSiteId: user.homeSiteId ?? '',
    });
    this.formRole.set(user.role);
    this.loadSites(user.tenantIds);
    this.editing.set(user);
  }

  protected save(): void {
    if (this.busy()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.message.set(this.i18n.t('account.error.fields', { fields: this.invalidFields().join(', ') }));
      return;
    }
    const v = this.form.getRawValue();
    const request: CreateUserRequest = {
      displayName: v.displayName.trim(),
      email: v.email.trim(),
      role: v.role,
      ...(v.role === 'customer' ? { tenantId: v.tenantId } : {}),
      ...(v.role === 'technician' || v.role === 'manager' ? { tenantIds: v.tenantIds } : {}),
      ...(v.role === 'technician'
        ? { priceListRole: v.priceListRole.trim() || null, homeSiteId: v.homeSiteId || null }
        : {}),
    };
    const editing = this.editing();
    this.busy.set(true);
    this.message.set('');
    if (editing) {
      this.api.updateUser(editing.id, editing.version, request).subscribe({
        next: () => this.done(this.i18n.t('userAdmin.saved')),
        error: (error: unknown) => this.failed(error),
      });
    } else {
      this.api.createUser(request).subscribe({
        next: (answer) => {
          this.show(answer.user.email, answer.passwordLink);
          this.done(this.i18n.t('userAdmin.saved'));
        },
        error: (error: unknown) => this.failed(error),
      });
    }
  }

  protected setActive(user: UserAdminView, active: boolean): void {
    this.api.updateUser(user.id, user.version, { active }).subscribe({
      next: () => this.done(this.i18n.t('userAdmin.saved'), false),
      error: (error: unknown) => this.failed(error),
    });
  }

  protected resetLink(user: UserAdminView): void {
    this.api.resetLink(user.id).subscribe({
      next: (link) => this.show(user.email, link),
      error: (error: unknown) => this.failed(error),
    });
  }

  protected copy(url: string): void {
    const clipboard = this.document.defaultView?.navigator.clipboard;
    if (!clipboard) return;
    clipboard.writeText(url).then(
      () => this.message.set(this.i18n.t('userAdmin.copied')),
      () => undefined,
    );
  }

  private show(email: string, link: PasswordLinkView): void {
    const origin = this.document.defaultView?.location.origin ?? '';
    this.link.set({ email, url: `${origin}${link.path}`, expiresAt: link.expiresAt });
  }

  private done(message: string, closeForm = true): void {
    this.busy.set(false);
    if (closeForm) this.editing.set(undefined);
    this.message.set(message);
    this.load();
  }

  private failed(error: unknown): void {
    this.busy.set(false);
    this.message.set(describeAccountError(error, this.i18n));
  }

  private invalidFields(): string[] {
    return Object.entries(this.form.controls)
      .filter(([, control]) => control.invalid)
      .map(([name]) => name);
  }
}
