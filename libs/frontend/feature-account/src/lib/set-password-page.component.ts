import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { I18nService, TranslatePipe } from '@leitstand/frontend/i18n';
import { AccountApiService, describeAccountError } from './account-api.service';

/**
 * `/set-password?token=…` (public): the page a one-time link opens. The user chooses a password (the
 * server's rule: ≥ 12 characters, not common, not their e-mail or name; its refusals are translated),
 * then goes on to sign in with the e-mail the server names.
 */
@Component({
  selector: 'ls-set-password-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    RouterLink,
    TranslatePipe,
  ],
  template: `
    <mat-card class="account-card" appearance="outlined">
      <mat-card-header>
        <mat-card-title
          ><h1>{{ 'setPassword.title' | t }}</h1></mat-card-title
        >
        <mat-card-subtitle>{{ 'setPassword.subtitle' | t }}</mat-card-subtitle>
      </mat-card-header>
      <mat-card-content>
        @if (!token()) {
          <p role="alert">{{ 'setPassword.noToken' | t }}</p>
        } @else if (doneFor(); as email) {
          <p role="status">{{ 'setPassword.done' | t: { email } }}</p>
          <a mat-flat-button routerLink="/login">{{ 'setPassword.toLogin' | t }}</a>
        } @else {
          <form class="account-form" [formGroup]="form" (ngSubmit)="submit()" novalidate>
            <mat-form-field appearance="outline">
              <mat-label>{{ 'setPassword.password' | t }}</mat-label>
              <input
                matInput
                type="password"
                formControlName="password"
                autocomplete="new-password"
                name="password"
                required
              />
              <mat-hint>{{ 'account.passwordHint' | t }}</mat-hint>
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>{{ 'account.repeatPassword' | t }}</mat-label>
              <input
                matInput
                type="password"
                formControlName="repeat"
                autocomplete="new-password"
                name="repeat"
                required
              />
            </mat-form-field>
            <div role="status" aria-live="polite" class="account-status">{{ message() }}</div>
            <button mat-flat-button type="submit" [disabled]="busy()">{{ 'setPassword.submit' | t }}</button>
          </form>
        }
      </mat-card-content>
    </mat-card>
  `,
  styles: `
    .account-card {
      max-width: 32rem;
      margin: 2rem auto;
    }
    .account-form {
      display: flex;
      flex-direction: column;
      gap: 0.75rem;
    }
    .account-status {
      min-height: 1.5rem;
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SetPasswordPageComponent {
  private readonly api = inject(AccountApiService);
  private readonly i18n = inject(I18nService);

  /** From the query string (bound by the router). */
  readonly token = input<string | undefined>();

  protected readonly form = inject(NonNullableFormBuilder).group({
    password: ['', Validators.required],
    repeat: ['', Validators.required],
  });
  protected readonly busy = signal(false);
  protected readonly message = signal('');
  protected readonly doneFor = signal<string | null>(null);

  protected submit(): void {
    const { password, repeat } = this.form.getRawValue();
    const token = this.token();
    if (!token || this.busy()) return;
    if (!password) {
      this.message.set(this.i18n.t('account.required'));
      return;
    }
    if (password !== repeat) {
      this.message.set(this.i18n.t('account.passwordMismatch'));
      return;
    }
    this.busy.set(true);
    this.message.set('');
    this.api.setPassword(token, password).subscribe({
      next: (answer) => {
        this.busy.set(false);
        this.doneFor.set(answer.email);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.message.set(describeAccountError(error, this.i18n));
      },
    });
  }
}
