import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  type AbstractControl,
  type FormGroupDirective,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  type ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { catchError, forkJoin, of } from 'rxjs';
import type {
  MaterialView,
  TicketAction,
  TicketDetail,
  TicketEventView,
  UserSummary,
  WorkLogKind,
  WorkLogView,
} from '@leitstand/api-contracts';
import {
  AuthService,
  TicketsApiService,
  UsersApiService,
  WorkRecordsApiService,
} from '@leitstand/frontend/data-access';
import { I18nService, DateTimePipe, MoneyPipe, TranslatePipe } from '@leitstand/frontend/i18n';
import {
  OTHER_ROLE,
  PRICE_LIST_ROLES,
  fromLocalInput,
  lineTotal,
  needsConfirmation,
  nextTechnicianAction,
  normalizeDecimal,
  toLocalInput,
  workLogDefaults,
} from './technician-workflow';
import { TechnicianPhotosComponent } from './technician-photos.component';
import { TechnicianSignOffComponent } from './technician-sign-off.component';

const EMPTY_MATERIAL = { description: '', netUnitPrice: '', quantity: '1', unit: 'Stk' };

function decimalValidator(maxDecimals: number, positive: boolean) {
  return (control: AbstractControl<string>): ValidationErrors | null => {
    const value = normalizeDecimal(control.value ?? '', maxDecimals);
    return value === null || (positive && !/[1-9]/.test(value)) ? { decimal: true } : null;
  };
}

/** `/technician/tickets/:id` — the next step, time per worker and role, and materials, phone-sized. */
@Component({
  selector: 'ls-technician-ticket',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatButtonToggleModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    TranslatePipe,
    DateTimePipe,
    MoneyPipe,
    TechnicianPhotosComponent,
    TechnicianSignOffComponent,
  ],
  templateUrl: './technician-ticket.component.html',
  styleUrl: './technician-ticket.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TechnicianTicketComponent {
  private readonly api = inject(TicketsApiService);
  private readonly records = inject(WorkRecordsApiService);
  private readonly users = inject(UsersApiService);
  private readonly me = inject(AuthService).user;
  private colleaguesOf: string | null = null;
  private readonly i18n = inject(I18nService);
  private readonly destroyRef = inject(DestroyRef);
  private readonly fb = inject(NonNullableFormBuilder);

  readonly id = input.required<string>();

  protected readonly roles = PRICE_LIST_ROLES;
  protected readonly otherRole = OTHER_ROLE;
  protected readonly ticket = signal<TicketDetail | null>(null);
  protected readonly events = signal<TicketEventView[]>([]);
  protected readonly workLogs = signal<WorkLogView[]>([]);
  protected readonly materials = signal<MaterialView[]>([]);
  protected readonly state = signal<'loading' | 'ready' | 'error'>('loading');
  protected readonly busy = signal(false);
  protected readonly message = signal('');
  /** The other technicians of the ticket's tenant, picked by name for a work log ('' = me). */
  protected readonly colleagues = signal<UserSummary[]>([]);
  protected readonly myName = computed(() => this.me()?.displayName ?? '');
  /** "Entstört" waits for a second, explicit tap (it stops the restore clock). */
  protected readonly confirming = signal(false);
  protected readonly lineTotal = lineTotal;
  protected readonly nextAction = computed<TicketAction | null>(() => {
    const ticket = this.ticket();
    return ticket ? nextTechnicianAction(ticket.status) : null;
  });

  readonly workForm = this.fb.group(
    {
      kind: this.fb.control<WorkLogKind>('work'),
      role: [PRICE_LIST_ROLES[0] as string, Validators.required],
      customRole: [''],
      workerId: [''],
      startedAt: ['', Validators.required],
      endedAt: ['', Validators.required],
      note: [''],
    },
    {
      validators: [
        (group: AbstractControl): ValidationErrors | null => {
          const start = fromLocalInput(group.get('startedAt')?.value as string);
          const end = fromLocalInput(group.get('endedAt')?.value as string);
          return start && end && end <= start ? { endBeforeStart: true } : null;
        },
        (group: AbstractControl): ValidationErrors | null =>
          group.get('role')?.value === OTHER_ROLE && !(group.get('customRole')?.value as string).trim()
            ? { customRole: true }
            : null,
      ],
    },
  );

  readonly materialForm = this.fb.group({
    description: ['', [Validators.required, Validators.maxLength(200)]],
    netUnitPrice: ['', [Validators.required, decimalValidator(2, false)]],
    quantity: ['1', [Validators.required, decimalValidator(3, true)]],
    unit: ['Stk'],
  });

  constructor() {
    effect(() => this.load(this.id()));
    this.workForm.controls.kind.valueChanges
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((kind) => this.applyDefaults(kind));
  }

  /** Start/end from the timeline: travel = travel started → arrived, work = arrived → now. */
  applyDefaults(kind: WorkLogKind = this.workForm.controls.kind.value, now = new Date()): void {
    const { startedAt, endedAt } = workLogDefaults(this.events(), kind, now);
    const end = toLocalInput(endedAt);
    let start = toLocalInput(startedAt);
    // The inputs show minutes: an arrival a moment ago still proposes at least one minute.
    if (start >= end) {
      start = toLocalInput(new Date(endedAt.getTime() - 60_000));
    }
    this.workForm.patchValue({ startedAt: start, endedAt: end }, { emitEvent: false });
  }

  protected load(id: string): void {
    this.state.set('loading');
    forkJoin({
      ticket: this.api.get(id),
      timeline: this.api.timeline(id),
      workLogs: this.records.workLogs(id).pipe(catchError(() => of([] as WorkLogView[]))),
      materials: this.records.materials(id).pipe(catchError(() => of([] as MaterialView[]))),
    })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: ({ ticket, timeline, workLogs, materials }) => {
          this.ticket.set(ticket);
          this.loadColleagues(ticket.tenantId);
          this.events.set(timeline.items);
          this.workLogs.set(workLogs);
          this.materials.set(materials);
          this.state.set('ready');
          this.applyDefaults();
        },
        error: () => this.state.set('error'),
      });
  }

  private loadColleagues(tenantId: string): void {
    if (this.colleaguesOf === tenantId) return;
    this.colleaguesOf = tenantId;
    const me = this.me()?.id;
    this.users
      .list({ role: 'technician', tenantId })
      .pipe(
        catchError(() => of([] as UserSummary[])),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((users) => this.colleagues.set(users.filter((u) => u.id !== me)));
  }

  protected request(action: TicketAction): void {
    if (needsConfirmation(action)) this.confirming.set(true);
    else this.act(action);
  }

  protected act(action: TicketAction): void {
    this.confirming.set(false);
    const ticket = this.ticket();
    if (!ticket || this.busy()) {
      return;
    }
    this.busy.set(true);
    this.api
      .act(ticket.id, action, ticket.version)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (updated) => {
          this.busy.set(false);
          this.message.set(
            this.i18n.t('tech.actionDone', { number: ticket.number, status: this.i18n.t(`status.${updated.status}`) }),
          );
          this.load(ticket.id);
        },
        error: (error: unknown) => this.failed(error, ticket.id),
      });
  }

  protected saveWork(): void {
    const ticket = this.ticket();
    if (!ticket || this.workForm.invalid || this.busy()) {
      this.workForm.markAllAsTouched();
      return;
    }
    const value = this.workForm.getRawValue();
    const startedAt = fromLocalInput(value.startedAt);
    const endedAt = fromLocalInput(value.endedAt);
    if (!startedAt || !endedAt) {
      return;
    }
    this.busy.set(true);
    this.records
      .addWorkLog(ticket.id, {
        ...(value.workerId.trim() ? { workerId: value.workerId.trim() } : {}),
        role: value.role === OTHER_ROLE ? value.customRole.trim() : value.role,
        kind: value.kind,
        startedAt,
        endedAt,
        ...(value.note.trim() ? { note: value.note.trim() } : {}),
      })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (log) => {
          this.busy.set(false);
          this.workLogs.update((logs) => [...logs, log]);
          this.workForm.controls.note.setValue('');
          this.message.set(this.i18n.t('tech.workLogged'));
        },
        error: (error: unknown) => this.failed(error, ticket.id),
      });
  }

  protected saveMaterial(formDirective?: FormGroupDirective): void {
    const ticket = this.ticket();
    if (!ticket || this.materialForm.invalid || this.busy()) {
      this.materialForm.markAllAsTouched();
      return;
    }
    const value = this.materialForm.getRawValue();
    const netUnitPrice = normalizeDecimal(value.netUnitPrice, 2);
    const quantity = normalizeDecimal(value.quantity, 3);
    if (!netUnitPrice || !quantity) {
      return;
    }
    this.busy.set(true);
    this.records
      .addMaterial(ticket.id, {
        kind: 'material',
        description: value.description.trim(),
        netUnitPrice,
        quantity,
        ...(value.unit.trim() ? { unit: value.unit.trim() } : {}),
      })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (line) => {
          this.busy.set(false);
          this.materials.update((lines) => [...lines, line]);
          // Also forgets "submitted", so the emptied fields are not flagged as errors.
          formDirective?.resetForm(EMPTY_MATERIAL);
          if (!formDirective) {
            this.materialForm.reset(EMPTY_MATERIAL);
          }
          this.message.set(this.i18n.t('tech.materialSaved'));
        },
        error: (error: unknown) => this.failed(error, ticket.id),
      });
  }

  /** "2.000" → "2", "1.250" → "1.25": a decimal string without trailing zeros (string-only). */
  protected trimZeros(value: string): string {
    return value.includes('.') ? value.replace(/\.?0+$/, '') : value;
  }

  private failed(error: unknown, id: string): void {
    this.busy.set(false);
    const status = error instanceof HttpErrorResponse ? error.status : 0;
    if (status === 409 || status === 412) {
      this.message.set(this.i18n.t('common.conflict'));
      this.load(id);
      return;
    }
    const detail = error instanceof HttpErrorResponse ? (error.error as { message?: string } | null)?.message : '';
    this.message.set(`${this.i18n.t('common.saveError')}${detail ? ` (${detail})` : ''}`);
  }
}
