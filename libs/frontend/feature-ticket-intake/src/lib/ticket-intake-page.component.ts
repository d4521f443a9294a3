import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatAutocompleteModule, type MatAutocompleteSelectedEvent } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { Router } from '@angular/router';
import { catchError, debounceTime, distinctUntilChanged, map, of, startWith, switchMap } from 'rxjs';
import {
  type ApiError,
  type AssetView,
  type CreateTicketRequest,
  PRIORITIES,
  type Priority,
  type SiteView,
  TICKET_CHANNELS,
  type TicketChannel,
} from '@leitstand/api-contracts';
import { CatalogApiService, TicketsApiService } from '@leitstand/frontend/data-access';
import { I18nService, type I18nKey, type I18nParams, TranslatePipe } from '@leitstand/frontend/i18n';

/** Makes the per-form idempotency key (a token so tests can pin it). */
export function newIdempotencyKey(): string {
  return globalThis.crypto.randomUUID();
}

/** A message as its text key and placeholders, so that it follows a language switch while it is shown. */
interface Message {
  readonly key: I18nKey;
  readonly params?: I18nParams;
}

/** Form fields the API may name in `fields` (ApiError) → form control names. */
const FIELD_NAMES = [
  'siteId',
  'assetId',
  'title',
  'description',
  'priority',
  'priorityReason',
  'channel',
  'reporter',
  'faultBeganAt',
  'assetDown',
] as const;
type FieldName = (typeof FIELD_NAMES)[number];

/**
 * Phone intake, keyboard first: site → asset search → priority (suggested from the asset class; an
 * override asks for a reason) → texts, reporter, channel, fault start, asset down → submit. One
 * Idempotency-Key per form, so a retry after a lost answer never creates a second ticket.
 */
@Component({
  selector: 'ls-ticket-intake-page',
  imports: [
    ReactiveFormsModule,
    MatAutocompleteModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    TranslatePipe,
  ],
  templateUrl: './ticket-intake-page.component.html',
  styleUrl: './ticket-intake-page.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TicketIntakePageComponent {
  private readonly tickets = inject(TicketsApiService);
  private readonly catalog = inject(CatalogApiService);
  private readonly router = inject(Router);
  private readonly fb = inject(FormBuilder).nonNullable;
  private readonly i18n = inject(I18nService);

  /** One key for the life of this form: every retry of the same report sends it again. */
  readonly idempotencyKey = newIdempotencyKey();

  protected readonly priorities = PRIORITIES.map((value) => ({ value, label: `priority.${value}` as I18nKey }));
  protected readonly channels = TICKET_CHANNELS.map((value) => ({
    value,
    label: `intake.channel.${value}` as I18nKey,
  }));

  readonly form = this.fb.group({
    siteId: ['', Validators.required],
    assetQuery: [''],
    priority: this.fb.control<Priority | ''>('', Validators.required),
    priorityReason: [''],
    title: ['', [Validators.required, Validators.maxLength(200)]],
    description: [''],
    reporter: [''],
    channel: this.fb.control<TicketChannel>('phone'),
    faultBeganAt: [toLocalInput(new Date())],
    assetDown: [false],
  });

  protected readonly sites = signal<SiteView[]>([]);
  protected readonly sitesError = signal<I18nKey | null>(null);
  readonly asset = signal<AssetView | null>(null);
  protected readonly submitting = signal(false);
  private readonly errorMessage = signal<Message | null>(null);
  /** The status line's error in the current language. */
  protected readonly error = computed(() => {
    const message = this.errorMessage();
    return message ? this.i18n.t(message.key, message.params) : null;
  });
  private readonly priorityValue = toSignal(this.form.controls.priority.valueChanges, {
    initialValue: this.form.controls.priority.value,
  });

  /** The asset class' priority, the default the API would apply. */
  readonly suggestedPriority = computed<Priority | null>(() => this.asset()?.assetClass ?? null);
  /** The agent chose another priority than the suggestion: a reason is required. */
  readonly overridden = computed(() => {
    const suggested = this.suggestedPriority();
    const chosen = this.priorityValue();
    return suggested !== null && chosen !== '' && chosen !== suggested;
  });

  protected readonly assetOptions = toSignal(
    this.form.controls.assetQuery.valueChanges.pipe(
      startWith(''),
      debounceTime(250),
      map((q) => (typeof q === 'string' ? q : '')),
      distinctUntilChanged(),
      switchMap((q) => {
        const siteId = this.form.controls.siteId.value;
        if (!siteId) {
          return of<AssetView[]>([]);
        }
        return this.catalog.searchAssets(siteId, q).pipe(
          map((page) => page.items),
          catchError(() => of<AssetView[]>([])),
        );
      }),
    ),
    { initialValue: [] },
  );

  constructor() {
    this.catalog
      .sites()
      .pipe(takeUntilDestroyed())
      .subscribe({
        next: (page) => {
          this.sites.set(page.items);
          const only = page.items.length === 1 ? page.items[0] : undefined;
          if (only && !this.form.controls.siteId.value) {
            this.form.controls.siteId.setValue(only.id);
          }
        },
        error: () => this.sitesError.set('intake.sitesError'),
      });
    this.form.controls.siteId.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => {
      // Assets belong to one site: a new site starts the search over.
      this.asset.set(null);
      this.form.controls.assetQuery.setValue('');
    });
    this.form.controls.priority.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => this.updateReasonRequirement());
  }

  protected displayAsset(asset: AssetView | string | null): string {
    if (!asset) {
      return '';
    }
    return typeof asset === 'string' ? asset : `${asset.code} – ${asset.name}`;
  }

  protected assetLabel(asset: AssetView): string {
    const { code, name, trade, assetClass } = asset;
    return this.i18n.t('intake.assetOption', { code, name, trade, assetClass });
  }

  selectAsset(asset: AssetView): void {
    this.asset.set(asset);
    // The suggestion replaces the priority; the agent may override it afterwards (with a reason).
    this.form.controls.priority.setValue(asset.assetClass);
    this.updateReasonRequirement();
  }

  protected onAssetSelected(event: MatAutocompleteSelectedEvent): void {
    this.selectAsset(event.option.value as AssetView);
  }

  protected clearAsset(): void {
    this.asset.set(null);
    this.form.controls.assetQuery.setValue('');
    this.updateReasonRequirement();
  }

  private updateReasonRequirement(): void {
    const reason = this.form.controls.priorityReason;
    const suggested = this.asset()?.assetClass ?? null;
    const chosen = this.form.controls.priority.value;
    const needed = suggested !== null && chosen !== '' && chosen !== suggested;
    reason.setValidators(needed ? [Validators.required] : []);
    reason.updateValueAndValidity({ emitEvent: false });
  }

  submit(): void {
    this.updateReasonRequirement();
    if (this.form.invalid || this.submitting()) {
      this.form.markAllAsTouched();
      this.errorMessage.set({ key: 'intake.invalid' });
      return;
    }
    this.submitting.set(true);
    this.errorMessage.set(null);
    this.tickets.create(this.request(), this.idempotencyKey).subscribe({
      next: (ticket) => {
        this.submitting.set(false);
        void this.router.navigate(['/tickets', ticket.id]);
      },
      error: (error: unknown) => {
        this.submitting.set(false);
        this.showError(error);
      },
    });
  }

  private request(): CreateTicketRequest {
    const v = this.form.getRawValue();
    const asset = this.asset();
    const request: CreateTicketRequest = {
      siteId: v.siteId,
      title: v.title.trim(),
      channel: v.channel,
      assetDown: v.assetDown,
    };
    if (asset) {
      request.assetId = asset.id;
    }
    if (v.priority) {
      request.priority = v.priority;
    }
    if (this.overridden() && v.priorityReason.trim()) {
      request.priorityReason = v.priorityReason.trim();
    }
    if (v.description.trim()) {
      request.description = v.description.trim();
    }
    if (v.reporter.trim()) {
      request.reporter = v.reporter.trim();
    }
    const began = v.faultBeganAt ? new Date(v.faultBeganAt) : null;
    if (began && !Number.isNaN(began.getTime())) {
      request.faultBeganAt = began.toISOString();
    }
    return request;
  }

  private showError(error: unknown): void {
    if (!(error instanceof HttpErrorResponse)) {
      this.errorMessage.set({ key: 'intake.unexpected' });
      return;
    }
    if (error.status === 0) {
      this.errorMessage.set({ key: 'intake.offline' });
      return;
    }
    const body = error.error as Partial<ApiError> | null;
    for (const field of body?.fields ?? []) {
      const name = (field.field === 'assetId' ? 'assetQuery' : field.field) as FieldName | 'assetQuery';
      const control = (
        this.form.controls as Record<string, (typeof this.form.controls)[keyof typeof this.form.controls]>
      )[name];
      if (control && (FIELD_NAMES as readonly string[]).concat('assetQuery').includes(name)) {
        control.setErrors({ server: field.messages.join(' ') });
        control.markAsTouched();
      }
    }
    this.errorMessage.set(
      body?.message
        ? { key: 'intake.notCreatedWithMessage', params: { status: error.status, message: body.message } }
        : { key: 'intake.notCreated', params: { status: error.status } },
    );
  }

  protected serverError(name: keyof typeof this.form.controls): string | null {
    const errors = this.form.controls[name].errors;
    return typeof errors?.['server'] === 'string' ? errors['server'] : null;
  }
}

/** `2026-11-21T14:05` in the browser's zone, for `<input type="datetime-local">`. */
function toLocalInput(date: Date): string {
  const pad = (n: number) => n.toString().padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
