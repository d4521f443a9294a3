import { HttpErrorResponse } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  type ElementRef,
  afterNextRender,
  computed,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormGroupDirective, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router } from '@angular/router';
import { finalize } from 'rxjs';
import { AuthService, safeReturnUrl } from '@leitstand/frontend/data-access';
import { TranslatePipe } from '@leitstand/frontend/i18n';

/** What the page says when the sign-in fails, by cause. */
export const LOGIN_ERROR_MESSAGES = {
  invalidCredentials: 'E-Mail oder Passwort falsch',
  invalidInput: 'Bitte E-Mail-Adresse und Passwort prüfen.',
  tooManyAttempts: 'Zu viele Anmeldeversuche. Bitte warten Sie einen Moment.',
  unreachable: 'Der Server ist nicht erreichbar. Bitte versuchen Sie es später erneut.',
} as const;

/**
 * The sign-in page: e-mail and password, "Anmelden". Keyboard first: the e-mail field has the focus, Enter
 * submits, a failed attempt puts the focus back into the (emptied) password field. Progress and errors are
 * announced through one polite live region.
 */
@Component({
  selector: 'ls-login-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    TranslatePipe,
  ],
  templateUrl: './login-page.component.html',
  styleUrl: './login-page.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoginPageComponent {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);

  /** From the query string (`/login?returnUrl=…`, bound by the router); only in-app paths are followed. */
  readonly returnUrl = input<string | undefined>();

  private readonly emailInput = viewChild.required<ElementRef<HTMLInputElement>>('emailInput');
  private readonly passwordInput = viewChild.required<ElementRef<HTMLInputElement>>('passwordInput');
  private readonly formDirective = viewChild.required(FormGroupDirective);

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', Validators.required],
  });

  protected readonly submitting = signal(false);
  protected readonly errorMessage = signal<string | null>(null);
  /** The live region's text: it changes on every attempt, so a repeated error is announced again. */
  protected readonly statusMessage = computed(() => (this.submitting() ? 'Anmeldung läuft …' : this.errorMessage()));

  constructor() {
    afterNextRender(() => this.emailInput().nativeElement.focus());
  }

  protected submit(): void {
    if (this.submitting()) {
      return;
    }
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.focusFirstInvalid();
      return;
    }
    const { email, password } = this.form.getRawValue();
    this.errorMessage.set(null);
    this.submitting.set(true);
    this.auth
      .login({ email: email.trim(), password })
      .pipe(
        finalize(() => this.submitting.set(false)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: () => void this.router.navigateByUrl(safeReturnUrl(this.returnUrl())),
        error: (error: unknown) => this.showFailure(error),
      });
  }

  private showFailure(error: unknown): void {
    this.errorMessage.set(describeLoginError(error));
    if (error instanceof HttpErrorResponse && error.status === 401) {
      // Also forgets "submitted", so the emptied field is not flagged before the user has typed again.
      this.formDirective().resetForm({ email: this.form.controls.email.value, password: '' });
      this.passwordInput().nativeElement.focus();
    }
  }

  private focusFirstInvalid(): void {
    const target = this.form.controls.email.invalid ? this.emailInput() : this.passwordInput();
    target.nativeElement.focus();
  }
}

function describeLoginError(error: unknown): string {
  if (!(error instanceof HttpErrorResponse)) {
    return 'Die Anmeldung ist fehlgeschlagen.';
  }
  switch (error.status) {
    case 0:
      return LOGIN_ERROR_MESSAGES.unreachable;
    case 400:
      return LOGIN_ERROR_MESSAGES.invalidInput;
    case 401:
      return LOGIN_ERROR_MESSAGES.invalidCredentials;
    case 429:
      return LOGIN_ERROR_MESSAGES.tooManyAttempts;
    default:
      return `Die Anmeldung ist fehlgeschlagen (HTTP ${error.status}). Bitte versuchen Sie es erneut.`;
  }
}
