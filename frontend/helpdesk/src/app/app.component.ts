import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatToolbarModule } from '@angular/material/toolbar';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import type { Role } from '@leitstand/api-contracts';
import { AuthService, LOGIN_PATH } from '@leitstand/frontend/data-access';
import { I18nService, TranslatePipe } from '@leitstand/frontend/i18n';

/** A link of the main navigation: where it goes, its text key, and whether only the exact path marks it active. */
export interface NavLink {
  readonly path: string;
  readonly label: string;
  readonly exact: boolean;
}

const QUEUE: NavLink = { path: '/queue', label: 'nav.queue', exact: false };
const DASHBOARD: NavLink = { path: '/dashboard', label: 'nav.dashboard', exact: false };
const MAINTENANCE: NavLink = { path: '/maintenance', label: 'nav.maintenance', exact: false };
const ADMIN: NavLink = { path: '/admin', label: 'nav.admin', exact: false };

/**
 * The main navigation per role. Technicians and customers keep their single start page (/technician, /portal) and
 * get no navigation; the administration is for admins and for managers (their tenants).
 */
export const NAV_BY_ROLE: Readonly<Record<Role, readonly NavLink[]>> = {
  admin: [QUEUE, DASHBOARD, MAINTENANCE, ADMIN],
  agent: [QUEUE, DASHBOARD, MAINTENANCE],
  manager: [DASHBOARD, QUEUE, MAINTENANCE, ADMIN],
  technician: [],
  customer: [],
};

/**
 * The shell: skip link, top bar (main navigation by role, language switch, who is signed in, "Abmelden"), and the routed page in `<main>`.
 */
@Component({
  selector: 'ls-root',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, MatToolbarModule, MatButtonModule, TranslatePipe],
  templateUrl: './app.component.html',
  styleUrl: './app.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AppComponent {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly i18n = inject(I18nService);

  protected readonly user = this.auth.user;
  protected readonly roleLabel = computed(() => {
    const user = this.user();
    return user ? this.i18n.t(`role.${user.role}`) : '';
  });
  /** The main navigation of the signed-in user's role (none while signed out). */
  protected readonly navLinks = computed(() => {
    const role = this.user()?.role;
    return role ? NAV_BY_ROLE[role] : [];
  });
  /** The language the switch offers: English while German is shown, and back. */
  protected readonly otherLanguage = computed(() => (this.i18n.language() === 'de' ? 'en' : 'de'));

  /** The top bar's switch: the other language, kept on the signed-in user's account too. */
  protected switchLanguage(): void {
    this.auth.switchLanguage(this.otherLanguage());
  }

  /** Signs out (locally even if the server cannot be reached) and shows the sign-in page. */
  protected logout(): void {
    const toLogin = (): void => void this.router.navigateByUrl(LOGIN_PATH);
    this.auth.logout().pipe(takeUntilDestroyed(this.destroyRef)).subscribe({ complete: toLogin, error: toLogin });
  }
}
