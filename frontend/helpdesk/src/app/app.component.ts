import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatToolbarModule } from '@angular/material/toolbar';
import { Router, RouterOutlet } from '@angular/router';
import { AuthService, LOGIN_PATH } from '@leitstand/frontend/data-access';
import { ROLE_LABELS } from './role-labels';

/** The shell: skip link, top bar (who is signed in, "Abmelden"), and the routed page in `<main>`. */
@Component({
  selector: 'ls-root',
  imports: [RouterOutlet, MatToolbarModule, MatButtonModule],
  templateUrl: './app.component.html',
  styleUrl: './app.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AppComponent {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly user = this.auth.user;
  protected readonly roleLabel = computed(() => {
    const user = this.user();
    return user ? ROLE_LABELS[user.role] : '';
  });

  /** Signs out (locally even if the server cannot be reached) and shows the sign-in page. */
  protected logout(): void {
    const toLogin = (): void => void this.router.navigateByUrl(LOGIN_PATH);
    this.auth.logout().pipe(takeUntilDestroyed(this.destroyRef)).subscribe({ complete: toLogin, error: toLogin });
  }
}
