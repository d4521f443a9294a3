import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router } from '@angular/router';
import { AuthService, MaintenanceApiService } from '@leitstand/frontend/data-access';
import { I18nService, LANGUAGES, TranslatePipe, type Language } from '@leitstand/frontend/i18n';
import { AccountApiService, describeAccountError } from './account-api.service';

/**
 * `/account`: the signed-in user's own page — language, password change, sign out everywhere, and for
 * technicians the secret iCalendar address of their work orders.
 */
@Component({
  selector: 'ls-account-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatButtonToggleModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    TranslatePipe,
  ],
  template: `
    <h1>{{ 'account.title' | t }}</h1>
    @if (auth.user(); as user) {
      <p>{{ 'account.profile' | t: { name: user.displayName, email: user.email } }}</p>
    }
    <mat-card appearance="outlined" class="account-section">
      <mat-card-header
        ><mat-card-title
          ><h2>{{ 'account.language' | t }}</h2></mat-card-title
        ></mat-card-header
      >
      <mat-card-content>
        <mat-button-toggle-group
          [value]="i18n.language()"
          (change)="setLanguage($event.value)"
          [attr.aria-label]="'account.language' | t"
        >
          @for (language of languages; track language) {
            <mat-button-toggle [value]="language">{{ 'lang.' + language | t }}</mat-button-toggle>
          }
        </mat-button-toggle-group>
        <div role="status" aria-live="polite">{{ languageMessage() }}</div>
      </mat-card-content>
    </mat-card>

    <mat-card appearance="outlined" class="account-section">
      <mat-card-header
        ><mat-card-title
          ><h2>{{ 'account.passwordTitle' | t }}</h2></mat-card-title
        ></mat-card-header
      >
      <mat-card-content>
        <form class="account-form" [formGroup]="passwordForm" (ngSubmit)="changePassword()" novalidate>
          <mat-form-field appearance="outline">
            <mat-label>{{ 'account.currentPassword' | t }}</mat-label>
            <input
              matInput
              type="password"
              formControlName="currentPassword"
              autocomplete="current-password"
              required
            />
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>{{ 'account.newPassword' | t }}</mat-label>
            <input matInput type="password" formControlName="newPassword" autocomplete="new-password" required />
            <mat-hint>{{ 'account.passwordHint' | t }}</mat-hint>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>{{ 'account.repeatPassword' | t }}</mat-label>
            <input matInput type="password" formControlName="repeat" autocomplete="new-password" required />
          </mat-form-field>
          <div role="status" aria-live="polite" class="account-status">{{ passwordMessage() }}</div>
          <button mat-flat-button type="submit" [disabled]="busy()">{{ 'account.changePassword' | t }}</button>
        </form>
      </mat-card-content>
    </mat-card>

    @if (auth.user()?.role === 'technician') {
      <mat-card appearance="outlined" class="account-section" data-section="calendar">
        <mat-card-header>
          <mat-card-title
            ><h2>{{ 'account.calendarTitle' | t }}</h2></mat-card-title
          >
        </mat-card-header>
        <mat-card-content>
          <p>{{ 'account.calendarText' | t }}</p>
          @if (calendarUrl(); as url) {
            <mat-form-field appearance="outline" class="calendar-url">
              <mat-label>{{ 'account.calendarUrl' | t }}</mat-label>
              <input matInput name="calendarUrl" readonly [value]="url" (focus)="$any($event.target).select()" />
            </mat-form-field>
            <p class="calendar-actions">
              <button mat-stroked-button type="button" (click)="copyCalendarUrl(url)">
                {{ 'account.calendarCopy' | t }}
              </button>
              <a mat-button [href]="webcal(url)">{{ 'account.calendarSubscribe' | t }}</a>
            </p>
          }
          <button
            mat-stroked-button
            type="button"
            class="calendar-issue"
            (click)="issueCalendarUrl()"
            [disabled]="busy()"
          >
            {{ (calendarUrl() ? 'account.calendarRenew' : 'account.calendarIssue') | t }}
          </button>
          <div role="status" aria-live="polite">{{ calendarMessage() }}</div>
        </mat-card-content>
      </mat-card>
    }

    <mat-card appearance="outlined" class="account-section">
      <mat-card-header>
        <mat-card-title
          ><h2>{{ 'account.signOutEverywhereTitle' | t }}</h2></mat-card-title
        >
      </mat-card-header>
      <mat-card-content>
        <p>{{ 'account.signOutEverywhereText' | t }}</p>
        <button mat-stroked-button type="button" (click)="signOutEverywhere()" [disabled]="busy()">
          {{ 'account.signOutEverywhere' | t }}
        </button>
        <div role="status" aria-live="polite">{{ signOutMessage() }}</div>
      </mat-card-content>
    </mat-card>
  `,
  styles: `
    :host {
      display: block;
      max-width: 40rem;
      margin: 1rem auto;
      padding: 0 1rem;
    }
    .account-section {
      margin-bottom: 1rem;
    }
    .account-form {
      display: flex;
      flex-direction: column;
      gap: 0.75rem;
    }
    .account-status {
      min-height: 1.5rem;
    }
    .calendar-url {
      width: 100%;
    }
    .calendar-actions {
      display: flex;
      gap: 8px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AccountPageComponent {
  protected readonly auth = inject(AuthService);
  protected readonly i18n = inject(I18nService);
  private readonly api = inject(AccountApiService);
  private readonly router = inject(Router);
  private readonly maintenance = inject(MaintenanceApiService);

  protected readonly languages = LANGUAGES;
  protected readonly busy = signal(false);
  protected readonly languageMessage = signal('');
  protected readonly passwordMessage = signal('');
  protected readonly signOutMessage = signal('');
  /** The feed address just issued (shown once: the server keeps only a hash of its token). */
  protected readonly calendarUrl = signal<string | null>(null);
  protected readonly calendarMessage = signal('');
  protected readonly passwordForm = inject(NonNullableFormBuilder).group({
    currentPassword: ['', Validators.required],
    newPassword: ['', Validators.required],
    repeat: ['', Validators.required],
  });

  protected setLanguage(language: Language): void {
    this.i18n.setLanguage(language);
    this.api.setLanguage(language).subscribe({
      next: () => this.languageMessage.set(this.i18n.t('account.languageSaved')),
      error: (error: unknown) => this.languageMessage.set(describeAccountError(error, this.i18n)),
    });
  }

  protected changePassword(): void {
    const { currentPassword, newPassword, repeat } = this.passwordForm.getRawValue();
    if (this.busy()) return;
    if (!currentPassword || !newPassword) {
      this.passwordMessage.set(this.i18n.t('account.required'));
      return;
    }
    if (newPassword !== repeat) {
      this.passwordMessage.set(this.i18n.t('account.passwordMismatch'));
      return;
    }
    this.busy.set(true);
    this.api.changePassword({ currentPassword, newPassword }).subscribe({
      next: () => {
        this.busy.set(false);
        this.passwordForm.reset();
        this.passwordMessage.set(this.i18n.t('account.passwordChanged'));
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.passwordMessage.set(describeAccountError(error, this.i18n));
      },
    });
  }

  /** A new feed address; the old one stops working at once. */
  protected issueCalendarUrl(): void {
    if (this.busy()) return;
    this.busy.set(true);
    this.maintenance.issueCalendarToken().subscribe({
      next: ({ url }) => {
        this.busy.set(false);
        this.calendarUrl.set(url);
        this.calendarMessage.set(this.i18n.t('account.calendarIssued'));
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.calendarMessage.set(describeAccountError(error, this.i18n));
      },
    });
  }

  protected copyCalendarUrl(url: string): void {
    navigator.clipboard.writeText(url).then(
      () => this.calendarMessage.set(this.i18n.t('account.calendarCopied')),
      () => this.calendarMessage.set(this.i18n.t('account.calendarCopyFailed')),
    );
  }

  /** The same address with the webcal scheme, which phones open in their calendar app. */
  protected webcal(url: string): string {
    return url.replace(/^https?:/, 'webcal:');
  }

  protected signOutEverywhere(): void {
    const user = this.auth.user();
    if (!user || this.busy()) return;
    this.busy.set(true);
    this.api.endSessions(user.id).subscribe({
      next: () => {
        this.busy.set(false);
        this.auth.endSession();
        void this.router.navigateByUrl('/login');
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.signOutMessage.set(describeAccountError(error, this.i18n));
      },
    });
  }
}
