import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { forkJoin } from 'rxjs';
import type {
  ApiError,
  SiteView,
  TicketAction,
  TicketDetail,
  TicketEventView,
  TicketStatus,
  UserSummary,
} from '@leitstand/api-contracts';
import {
  CatalogApiService,
  TicketChangesService,
  TicketsApiService,
  UsersApiService,
} from '@leitstand/frontend/data-access';
import { DateTimePipe, I18nService, type I18nKey, type I18nParams, TranslatePipe } from '@leitstand/frontend/i18n';
import {
  CLOCK_LABEL_KEYS,
  PriorityBadgeComponent,
  STATUS_LABEL_KEYS,
  SlaCountdownComponent,
  StatusBadgeComponent,
  type Translate,
} from '@leitstand/frontend/ui';
import { TicketDocumentsComponent } from './ticket-documents.component';
import { TicketServiceReportComponent } from './ticket-service-report.component';
import { ACTIONS_WITH_FORM, ACTION_LABEL_KEYS, actionsFor, eventDisplay } from './ticket-detail.constants';

interface TimelineEntry {
  readonly id: string;
  readonly label: string;
  readonly icon: string;
  readonly at: string;
  readonly actor: string;
  readonly detail: string | null;
  readonly internal: boolean;
}

/** A text built in the current language when it is shown, so that a language switch re-renders it. */
type Message = (t: Translate) => string;

/** The dispatch picker's technicians of the ticket's tenant. */
type Technicians =
  | { readonly state: 'loading' }
  | { readonly state: 'loaded'; readonly users: readonly UserSummary[] }
  | { readonly state: 'error' };

/**
 * One ticket for the agent: header, both clocks (countdown + deadline in the site zone), the full
 * timeline, an action bar with every transition valid now (sent with If-Match of the loaded version),
 * and comments (internal for staff). 412 → reload with a notice; 409 → the current status is shown.
 * Dispatch picks a technician serving the ticket's tenant from a list (`GET /api/users?role=technician`);
 * the assignee is shown by name. Every text follows the UI language at runtime.
 */
@Component({
  selector: 'ls-ticket-detail-page',
  imports: [
    FormsModule,
    RouterLink,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    DateTimePipe,
    TranslatePipe,
    PriorityBadgeComponent,
    SlaCountdownComponent,
    StatusBadgeComponent,
    TicketDocumentsComponent,
    TicketServiceReportComponent,
  ],
  templateUrl: './ticket-detail-page.component.html',
  styleUrl: './ticket-detail-page.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TicketDetailPageComponent {
  private readonly api = inject(TicketsApiService);
  private readonly catalog = inject(CatalogApiService);
  private readonly users = inject(UsersApiService);
  private readonly i18n = inject(I18nService);
  private readonly t: Translate = (key: I18nKey, params?: I18nParams) => this.i18n.t(key, params);

  /** Route parameter `:id` (component input binding). */
  readonly id = input.required<string>();

  readonly ticket = signal<TicketDetail | null>(null);
  protected readonly events = signal<TicketEventView[]>([]);
  protected readonly loadState = signal<'loading' | 'loaded' | 'error'>('loading');
  private readonly loadErrorMessage = signal<Message | null>(null);
  protected readonly loadError = computed(() => this.loadErrorMessage()?.(this.t) ?? null);
  protected readonly busy = signal(false);
  private readonly noticeMessage = signal<Message | null>(null);
  /** Polite announcement of the last action's outcome, in the current language. */
  readonly notice = computed(() => this.noticeMessage()?.(this.t) ?? null);
  protected readonly noticeIsError = signal(false);
  private readonly sites = signal<SiteView[]>([]);
  private readonly tenantNames = signal<Record<string, string>>({});
  /** Technicians serving the loaded ticket's tenant (for the dispatch picker and the assignee's name). */
  readonly technicians = signal<Technicians>({ state: 'loading' });
  private techniciansTenant: string | null = null;
  protected readonly technicianOptions = computed(() => {
    const technicians = this.technicians();
    return technicians.state === 'loaded' ? technicians.users : [];
  });

  /** The action whose form is open (dispatch, pause, restore, reopen). */
  readonly pending = signal<TicketAction | null>(null);
  protected assigneeId = '';
  protected pauseReason = '';
  protected pauseUntil = '';
  protected restoreNote = '';
  protected reopenReason = '';
  protected commentText = '';
  protected commentInternal = true;

  readonly actions = computed(() => {
    const ticket = this.ticket();
    return ticket
      ? actionsFor(ticket.status).map((action) => ({ action, label: this.t(ACTION_LABEL_KEYS[action]) }))
      : [];
  });
  protected readonly timeZone = computed(() => {
    const ticket = this.ticket();
    return this.sites().find((s) => s.id === ticket?.siteId)?.timezone ?? 'Europe/Berlin';
  });
  protected readonly tenantName = computed(() => {
    const ticket = this.ticket();
    return ticket ? (this.tenantNames()[ticket.tenantId] ?? ticket.tenantId) : '';
  });
  protected readonly clocks = computed(() => this.ticket()?.clocks ?? []);
  /** "(steht)" only while the fault lasts; once restored (or closed) the asset runs again: "(stand bis zur Entstörung)". */
  protected readonly assetStateKey = computed(() => {
    const t = this.ticket();
    if (!t?.assetDown || t.assetId === null) return null;
    return t.restoredAt === null && t.status !== 'restored' && t.status !== 'closed'
      ? 'detail.assetDown'
      : 'detail.assetWasDown';
  });
  /** The assignee by display name: from the technician list, else the last dispatch event, else the id. */
  protected readonly assigneeName = computed(() => {
    const id = this.ticket()?.assigneeId;
    if (!id) {
      return null;
    }
    const technicians = this.technicians();
    const known = technicians.state === 'loaded' ? technicians.users.find((u) => u.id === id) : undefined;
    if (known) {
      return known.displayName;
    }
    const dispatch = this.events()
      .filter((e) => e.type === 'dispatched' && e.payload['assigneeId'] === id)
      .at(-1);
    const name = dispatch?.payload['assigneeName'];
    return typeof name === 'string' ? name : id;
  });
  protected readonly timeline = computed<TimelineEntry[]>(() =>
    this.events().map((event) => {
      const display = eventDisplay(event.type);
      const p = event.payload;
      const actorName = typeof p['actorName'] === 'string' ? p['actorName'] : event.actor;
      return {
        id: event.id,
        label: display.labelKey ? this.t(display.labelKey) : event.type,
        icon: display.icon,
        at: event.occurredAt,
        actor: actorName,
        detail: describePayload(event, this.t),
        internal: event.type === 'comment' && p['internal'] === true,
      };
    }),
  );

  constructor() {
    this.catalog
      .sites()
      .pipe(takeUntilDestroyed())
      .subscribe({ next: (page) => this.sites.set(page.items), error: () => undefined });
    this.catalog
      .tenants()
      .pipe(takeUntilDestroyed())
      .subscribe({
        next: (page) => this.tenantNames.set(Object.fromEntries(page.items.map((t) => [t.id, t.name]))),
        error: () => undefined,
      });
    inject(TicketChangesService)
      .events$.pipe(takeUntilDestroyed())
      .subscribe((event) => {
        const ticket = this.ticket();
        if (event.kind === 'change' && ticket && event.change.ticketId === ticket.id && !this.busy()) {
          if (event.change.version > ticket.version) {
            this.load(false);
          }
        } else if (event.kind === 'reconnected') {
          this.load(false);
        }
      });
    // (Re)load whenever the route's id changes.
    effect(() => {
      this.id();
      untracked(() => this.load(true));
    });
  }

  load(showLoading = true): void {
    if (showLoading) {
      this.loadState.set('loading');
    }
    forkJoin([this.api.get(this.id()), this.api.timeline(this.id())]).subscribe({
      next: ([ticket, timeline]) => {
        this.ticket.set(ticket);
        this.events.set(timeline.items);
        this.loadState.set('loaded');
        this.loadTechnicians(ticket.tenantId);
      },
      error: (error: unknown) => {
        this.loadErrorMessage.set(
          error instanceof HttpErrorResponse && error.status === 404
            ? (t) => t('detail.notFound')
            : (t) => describeError(error, t),
        );
        this.loadState.set('error');
      },
    });
  }

  /** The technicians serving `tenantId`, fetched once per tenant (again after a failed attempt). */
  private loadTechnicians(tenantId: string): void {
    if (this.techniciansTenant === tenantId && this.technicians().state !== 'error') {
      return;
    }
    this.techniciansTenant = tenantId;
    this.technicians.set({ state: 'loading' });
    this.users.list({ role: 'technician', tenantId }).subscribe({
      next: (users) => {
        if (this.techniciansTenant === tenantId) {
          this.technicians.set({ state: 'loaded', users });
        }
      },
      error: () => this.technicians.set({ state: 'error' }),
    });
  }

  /** Action bar click: actions with input open their form, the others are sent at once. */
  start(action: TicketAction): void {
    if (ACTIONS_WITH_FORM.has(action)) {
      this.pending.set(this.pending() === action ? null : action);
      return;
    }
    this.run(action, {});
  }

  protected cancel(): void {
    this.pending.set(null);
  }

  submitPending(): void {
    const action = this.pending();
    switch (action) {
      case 'dispatch':
        if (this.assigneeId) {
          this.run('dispatch', { assigneeId: this.assigneeId });
        }
        return;
      case 'pause': {
        if (!this.pauseReason.trim()) {
          return;
        }
        const body: { reason: string; until?: string } = { reason: this.pauseReason.trim() };
        const until = this.pauseUntil ? new Date(this.pauseUntil) : null;
        if (until && !Number.isNaN(until.getTime())) {
          body.until = until.toISOString();
        }
        this.run('pause', body);
        return;
      }
      case 'restore':
        this.run('restore', this.restoreNote.trim() ? { note: this.restoreNote.trim() } : {});
        return;
      case 'reopen':
        if (this.reopenReason.trim()) {
          this.run('reopen', { reason: this.reopenReason.trim() });
        }
        return;
      case 'accept':
      case 'arrive':
      case 'close':
      case 'resume':
      case 'travel':
      case null:
        return;
    }
  }

  private run(action: TicketAction, body: object): void {
    const ticket = this.ticket();
    if (!ticket || this.busy()) {
      return;
    }
    this.busy.set(true);
    this.noticeMessage.set(null);
    this.api.act(ticket.id, action, ticket.version, body).subscribe({
      next: (updated) => {
        this.busy.set(false);
        this.pending.set(null);
        this.assigneeId = this.pauseReason = this.pauseUntil = this.restoreNote = this.reopenReason = '';
        this.say(
          (t) =>
            t('detail.done', { action: t(ACTION_LABEL_KEYS[action]), status: t(STATUS_LABEL_KEYS[updated.status]) }),
          false,
        );
        this.ticket.set(updated);
        this.load(false);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.say((t) => actionErrorText(error, t), true);
        if (error instanceof HttpErrorResponse && (error.status === 412 || error.status === 409)) {
          this.load(false);
        }
      },
    });
  }

  addComment(): void {
    const ticket = this.ticket();
    const text = this.commentText.trim();
    if (!ticket || !text || this.busy()) {
      return;
    }
    this.busy.set(true);
    this.api.addComment(ticket.id, { text, internal: this.commentInternal }).subscribe({
      next: () => {
        this.busy.set(false);
        this.commentText = '';
        const key = this.commentInternal ? 'detail.comment.savedInternal' : 'detail.comment.saved';
        this.say((t) => t(key), false);
        this.load(false);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.say((t) => t('detail.comment.failed', { reason: describeError(error, t) }), true);
      },
    });
  }

  private say(message: Message, isError: boolean): void {
    this.noticeMessage.set(message);
    this.noticeIsError.set(isError);
  }
}

function actionErrorText(error: unknown, t: Translate): string {
  if (error instanceof HttpErrorResponse) {
    const body = error.error as Partial<ApiError> | null;
    if (error.status === 412) {
      return t('detail.error.stale');
    }
    if (error.status === 409) {
      const current = body?.details?.['currentStatus'];
      const key = typeof current === 'string' ? STATUS_LABEL_KEYS[current as TicketStatus] : undefined;
      return typeof current === 'string'
        ? t('detail.error.conflictStatus', { status: key ? t(key) : current })
        : t('detail.error.conflict');
    }
    if (error.status === 400 && body?.fields?.length) {
      return t('detail.error.fields', {
        fields: body.fields.map((f) => `${f.field}: ${f.messages.join(' ')}`).join('; '),
      });
    }
  }
  return t('detail.error.action', { reason: describeError(error, t) });
}

function describePayload(event: TicketEventView, t: Translate): string | null {
  const p = event.payload;
  const parts: string[] = [];
  const str = (key: string): string | null => (typeof p[key] === 'string' ? (p[key] as string) : null);
  if (event.type === 'comment') {
    return str('text');
  }
  const assignee = str('assigneeName');
  if (assignee) {
    parts.push(t('detail.payload.technician', { name: assignee }));
  }
  const reason = str('reason');
  if (reason) {
    parts.push(t('detail.payload.reason', { reason }));
  }
  const note = str('note');
  if (note) {
    parts.push(t('detail.payload.note', { note }));
  }
  if (event.type === 'sla_warning' || event.type === 'sla_breached') {
    const clock = str('clock');
    if (clock === 'response' || clock === 'restore') {
      parts.push(t('detail.payload.clock', { clock: t(CLOCK_LABEL_KEYS[clock]) }));
    }
  }
  if (event.type === 'priority_changed' && str('priority')) {
    parts.push(`${str('from') ?? '?'} → ${str('priority')}`);
  }
  return parts.length > 0 ? parts.join(' · ') : null;
}

function describeError(error: unknown, t: Translate): string {
  if (error instanceof HttpErrorResponse) {
    if (error.status === 0) {
      return t('detail.error.unreachable');
    }
    const body = error.error as Partial<ApiError> | null;
    return typeof body?.message === 'string'
      ? t('detail.error.httpMessage', { status: error.status, message: body.message })
      : t('detail.error.http', { status: error.status });
  }
  return t('detail.error.unexpected');
}
