import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatToolbarModule } from '@angular/material/toolbar';
import { Router, RouterOutlet } from '@angular/router';
import { AuthService, LOGIN_PATH } from '@leitstand/frontend/data-access';
import { I18nService, TranslatePipe } from '@leitstand/frontend/i18n';

/**
 * The shell: skip link, top bar (language switch, who is signed in, "Abmelden"), and the routed page in `<main>`.
 */
@Component({
  selector: 'ls-root',
  imports: [RouterOutlet, MatToolbarModule, MatButtonModule, TranslatePipe],
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
  /** The language the switch offers: English while German is shown, and back. */
  protected readonly otherLanguage = computed(() => (this.i18n.language() === 'de' ? 'en' : 'de'));

  /** Signs out (locally even if the server cannot be reached) and shows the sign-in page. */
  protected logout(): void {
    const toLogin = (): void => void this.router.navigateByUrl(LOGIN_PATH);
    this.auth.logout().pipe(takeUntilDestroyed(this.destroyRef)).subscribe({ complete: toLogin, error: toLogin });
  }
}
