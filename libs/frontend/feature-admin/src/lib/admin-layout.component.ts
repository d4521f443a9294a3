import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatTabsModule } from '@angular/material/tabs';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { AuthService } from '@leitstand/frontend/data-access';
import { TranslatePipe } from '@leitstand/frontend/i18n';

interface AdminSection {
  readonly path: string;
  readonly label: string;
  /** Shown to admins only (managers cannot write it). */
  readonly adminOnly: boolean;
}

/** The administration's sections, in tab order. */
export const ADMIN_SECTIONS: readonly AdminSection[] = [
  { path: '/admin/tenants', label: 'admin.tenants', adminOnly: false },
  { path: '/admin/assets', label: 'admin.assets', adminOnly: false },
  { path: '/admin/price-lists', label: 'admin.priceLists', adminOnly: true },
  // feature-account's user administration (its own route; managers for their technicians and customers).
  { path: '/admin/users', label: 'admin.users', adminOnly: false },
];

/** The administration's frame: its sections as tabs (price lists are the provider's: admins only). */
@Component({
  selector: 'ls-admin-layout',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, MatTabsModule, TranslatePipe],
  template: `
    <div class="admin">
      <nav mat-tab-nav-bar [tabPanel]="panel" [attr.aria-label]="'admin.sections' | t">
        @for (section of sections(); track section.path) {
          <a
            mat-tab-link
            [routerLink]="section.path"
            routerLinkActive
            #active="routerLinkActive"
            [active]="active.isActive"
            >{{ section.label | t }}</a
          >
        }
      </nav>
      <mat-tab-nav-panel #panel>
        <router-outlet />
      </mat-tab-nav-panel>
    </div>
  `,
  styles: `
    .admin {
      max-width: 1200px;
      margin: 0 auto;
      padding: 8px 16px 32px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminLayoutComponent {
  private readonly auth = inject(AuthService);
  protected readonly sections = computed<AdminSection[]>(() => {
    const isAdmin = this.auth.user()?.role === 'admin';
    return ADMIN_SECTIONS.filter((section) => isAdmin || !section.adminOnly);
  });
}
