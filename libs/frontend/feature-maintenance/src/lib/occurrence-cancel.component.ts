import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import {
  AuthService,
  MaintenanceApiService,
  type CancelApprover,
  type OccurrenceDetail,
} from '@leitstand/frontend/data-access';
import { TranslatePipe } from '@leitstand/frontend/i18n';
import { MAINT_ERROR_KEY_BY_STATUS } from './requirement-form';

/** Statuses from which an occurrence can no longer be cancelled (done, cancelled, or its legal date passed). */
const FINAL_STATUSES: ReadonlySet<string> = new Set(['done-on-time', 'done-late', 'missed', 'cancelled']);
/** Roles that cancel occurrences (technicians do not). */
const CANCELLING_ROLES: ReadonlySet<string> = new Set(['admin', 'agent', 'manager']);
/** The longest reason the API takes. */
export const CANCEL_REASON_MAX = 1000;

/** Whether `role` may cancel `occurrence` now (the API decides; this only hides a button that cannot work). */
export function canCancel(occurrence: Pick<OccurrenceDetail, 'status'>, role: string | undefined): boolean {
  return role !== undefined && CANCELLING_ROLES.has(role) && !FINAL_STATUSES.has(occurrence.status);
}

/** The text key of a failed cancellation: a passed legal date, a stale version, missing rights, or the rest. */
export function cancelFailureKey(error: unknown): string {
  if (!(error instanceof HttpErrorResponse)) return 'maint.error.server';
  const code = (error.error as { details?: { code?: unknown } } | null)?.details?.code;
  if (error.status === 409 && code === 'missed') return 'maint.cancel.missed';
  return MAINT_ERROR_KEY_BY_STATUS[error.status] ?? 'maint.error.server';
}

/**
 * Cancelling an occurrence (e.g. the asset was taken out of service): a reason and an approver — a manager
 * of the tenant or an admin, the caller preselected when they are one. Emits the cancelled detail.
 */
@Component({
  selector: 'ls-occurrence-cancel',
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule, TranslatePipe],
  template: `
    @if (!open()) {
      <button mat-stroked-button type="button" class="open" (click)="start()">{{ 'maint.cancel.open' | t }}</button>
    } @else {
      <form class="cancel" (submit)="$event.preventDefault(); submit()" aria-labelledby="cancel-title">
        <h2 id="cancel-title">{{ 'maint.cancel.title' | t }}</h2>
        <p class="hint">{{ 'maint.cancel.hint' | t }}</p>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'maint.cancel.reason' | t }}</mat-label>
          <textarea matInput name="reason" [formControl]="reason" rows="2" [maxlength]="reasonMax"></textarea>
          @if (reason.touched && reason.invalid) {
            <mat-error>{{ 'maint.cancel.reasonRequired' | t }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'maint.cancel.approver' | t }}</mat-label>
          <mat-select name="approver" [formControl]="approver">
            @for (a of approvers(); track a.id) {
              <mat-option [value]="a.id">{{ a.name }} ({{ 'maint.cancel.role.' + a.role | t }})</mat-option>
            }
          </mat-select>
          @if (approver.touched && approver.invalid) {
            <mat-error>{{ 'maint.cancel.approverRequired' | t }}</mat-error>
          }
        </mat-form-field>
        @if (failureKey(); as key) {
          <p class="failure" role="alert">{{ key | t: { status: failureStatus() } }}</p>
        }
        <div class="actions">
          <button mat-flat-button type="submit" class="confirm" [disabled]="busy()">
            {{ 'maint.cancel.confirm' | t }}
          </button>
          <button mat-button type="button" (click)="open.set(false)">{{ 'maint.cancel.back' | t }}</button>
        </div>
      </form>
    }
  `,
  styles: `
    .cancel {
      display: grid;
      gap: 4px;
      max-width: 40rem;
      border-left: 4px solid var(--mat-sys-outline);
      padding-left: 12px;
    }
    h2 {
      font: var(--mat-sys-title-medium);
      margin: 0.5rem 0 0;
    }
    .hint {
      color: var(--mat-sys-on-surface-variant);
      margin: 0 0 0.5rem;
    }
    .actions {
      display: flex;
      gap: 8px;
    }
    .failure {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OccurrenceCancelComponent {
  private readonly api = inject(MaintenanceApiService);
  private readonly auth = inject(AuthService);

  readonly occurrence = input.required<Pick<OccurrenceDetail, 'id' | 'version'>>();
  readonly cancelled = output<OccurrenceDetail>();

  protected readonly reasonMax = CANCEL_REASON_MAX;
  protected readonly open = signal(false);
  protected readonly busy = signal(false);
  protected readonly approvers = signal<CancelApprover[]>([]);
  protected readonly failure = signal<unknown>(null);
  protected readonly failureKey = computed(() => (this.failure() === null ? null : cancelFailureKey(this.failure())));
  protected readonly failureStatus = computed(() => {
    const error = this.failure();
    return error instanceof HttpErrorResponse ? error.status : 0;
  });
  protected readonly reason = new FormControl('', {
    nonNullable: true,
    validators: [Validators.required, Validators.pattern(/\S/), Validators.maxLength(CANCEL_REASON_MAX)],
  });
  protected readonly approver = new FormControl<string | null>(null, { validators: [Validators.required] });

  protected start(): void {
    this.open.set(true);
    this.failure.set(null);
    this.api.cancelApprovers(this.occurrence().id).subscribe({
      next: ({ items }) => {
        this.approvers.set(items);
        const self = this.auth.user()?.id;
        if (this.approver.value === null && items.some((a) => a.id === self)) this.approver.setValue(self ?? null);
      },
      error: (error: unknown) => this.failure.set(error),
    });
  }

  protected submit(): void {
    this.reason.markAsTouched();
    this.approver.markAsTouched();
    const approverId = this.approver.value;
    if (this.reason.invalid || approverId === null) return;
    this.busy.set(true);
    this.failure.set(null);
    const { id, version } = this.occurrence();
    this.api.cancel(id, { reason: this.reason.value.trim(), approverId }, version).subscribe({
      next: (detail) => {
        this.busy.set(false);
        this.open.set(false);
        this.cancelled.emit(detail);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.failure.set(error);
      },
    });
  }
}
