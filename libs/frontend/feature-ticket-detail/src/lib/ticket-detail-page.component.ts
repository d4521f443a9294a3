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
import { RouterLink } from '@angular/router';
import { forkJoin } from 'rxjs';
import type {
  ApiError,
  SiteView,
  TicketAction,
  TicketDetail,
  TicketEventView,
  TicketStatus,
} from '@leitstand/api-contracts';
import { CatalogApiService, TicketChangesService, TicketsApiService } from '@leitstand/frontend/data-access';
import {
  CLOCK_LABELS,
  DateTimePipe,
  PriorityBadgeComponent,
  STATUS_LABELS,
  SlaCountdownComponent,
  StatusBadgeComponent,
} from '@leitstand/frontend/ui';
import { ACTIONS_WITH_FORM, ACTION_LABELS, actionsFor, eventDisplay } from './ticket-detail.constants';

interface TimelineEntry {
  readonly id: string;
  readonly label: string;
  readonly icon: string;
  readonly at: string;
  readonly actor: string;
  readonly detail: string | null;
  readonly internal: boolean;
}

/**
 * One ticket for the agent: header, both clocks (countdown + deadline in the site zone), the full
 * timeline, an action bar with every transition valid now (sent with If-Match of the loaded version),
 * and comments (internal for staff). 412 → reload with a notice; 409 → the current status is shown.
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
    DateTimePipe,
    PriorityBadgeComponent,
    SlaCountdownComponent,
    StatusBadgeComponent,
  ],
  templateUrl: './ticket-detail-page.component.html',
  styleUrl: './ticket-detail-page.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TicketDetailPageComponent {
  private readonly api = inject(TicketsApiService);
  private readonly catalog = inject(CatalogApiService);

  /** Route parameter `:id` (component input binding). */
  readonly id = input.required<string>();

  readonly ticket = signal<TicketDetail | null>(null);
  protected readonly events = signal<TicketEventView[]>([]);
  protected readonly loadState = signal<'loading' | 'loaded' | 'error'>('loading');
  protected readonly loadError = signal<string | null>(null);
  protected readonly busy = signal(false);
  /** Polite announcement of the last action's outcome. */
  readonly notice = signal<string | null>(null);
  protected readonly noticeIsError = signal(false);
  private readonly sites = signal<SiteView[]>([]);
  private readonly tenantNames = signal<Record<string, string>>({});

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
    return ticket ? actionsFor(ticket.status).map((action) => ({ action, label: ACTION_LABELS[action] })) : [];
  });
  protected readonly timeZone = computed(() => {
    const ticket = this.ticket();
    return this.sites().find((s) => s.id === ticket?.siteId)?.timezone ?? 'Europe/Berlin';
  });
  protected readonly tenantName = computed(() => {
    const ticket = this.ticket();
    return ticket ? (this.tenantNames()[ticket.tenantId] ?? ticket.tenantId) : '';
  });
  protected readonly clocks = computed(() =>
    (this.ticket()?.clocks ?? []).map((clock) => ({ clock, label: CLOCK_LABELS[clock.clock] })),
  );
  protected readonly pauseReasonNow = computed(() => {
    if (this.ticket()?.status !== 'paused') {
      return null;
    }
    const pause = this.events()
      .filter((e) => e.type === 'paused')
      .at(-1);
    return typeof pause?.payload['reason'] === 'string' ? pause.payload['reason'] : null;
  });
  protected readonly timeline = computed<TimelineEntry[]>(() =>
    this.events().map((event) => {
      const display = eventDisplay(event.type);
      const p = event.payload;
      const actorName = typeof p['actorName'] === 'string' ? p['actorName'] : event.actor;
      return {
        id: event.id,
        label: display.label,
        icon: display.icon,
        at: event.occurredAt,
        actor: actorName,
        detail: describePayload(event),
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
      },
      error: (error: unknown) => {
        this.loadError.set(
          error instanceof HttpErrorResponse && error.status === 404
            ? 'Dieses Ticket gibt es nicht (oder es gehört zu einem anderen Mandanten).'
            : describeError(error),
        );
        this.loadState.set('error');
      },
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
        if (this.assigneeId.trim()) {
          this.run('dispatch', { assigneeId: this.assigneeId.trim() });
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
    this.notice.set(null);
    this.api.act(ticket.id, action, ticket.version, body).subscribe({
      next: (updated) => {
        this.busy.set(false);
        this.pending.set(null);
        this.assigneeId = this.pauseReason = this.pauseUntil = this.restoreNote = this.reopenReason = '';
        this.say(`${ACTION_LABELS[action]}: erledigt. Status jetzt „${STATUS_LABELS[updated.status]}“.`, false);
        this.ticket.set(updated);
        this.load(false);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.say(actionErrorText(error), true);
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
        this.say(this.commentInternal ? 'Interner Kommentar gespeichert.' : 'Kommentar gespeichert.', false);
        this.load(false);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.say(`Kommentar nicht gespeichert. ${describeError(error)}`, true);
      },
    });
  }

  private say(text: string, isError: boolean): void {
    this.notice.set(text);
    this.noticeIsError.set(isError);
  }
}

function actionErrorText(error: unknown): string {
  if (error instanceof HttpErrorResponse) {
    const body = error.error as Partial<ApiError> | null;
    if (error.status === 412) {
      return 'Das Ticket wurde inzwischen geändert. Die aktuelle Fassung wurde geladen – bitte erneut prüfen.';
    }
    if (error.status === 409) {
      const current = body?.details?.['currentStatus'];
      const label = typeof current === 'string' ? (STATUS_LABELS[current as TicketStatus] ?? current) : null;
      return label
        ? `Diese Aktion ist im aktuellen Status nicht möglich. Das Ticket ist jetzt „${label}“.`
        : 'Diese Aktion ist im aktuellen Status nicht möglich.';
    }
    if (error.status === 400 && body?.fields?.length) {
      return `Eingabe prüfen: ${body.fields.map((f) => `${f.field}: ${f.messages.join(' ')}`).join('; ')}`;
    }
  }
  return `Aktion fehlgeschlagen. ${describeError(error)}`;
}

function describePayload(event: TicketEventView): string | null {
  const p = event.payload;
  const parts: string[] = [];
  const str = (key: string): string | null => (typeof p[key] === 'string' ? (p[key] as string) : null);
  if (event.type === 'comment') {
    return str('text');
  }
  if (str('assigneeName')) {
    parts.push(`Techniker: ${str('assigneeName')}`);
  }
  if (str('reason')) {
    parts.push(`Grund: ${str('reason')}`);
  }
  if (str('note')) {
    parts.push(`Notiz: ${str('note')}`);
  }
  if (event.type === 'sla_warning' || event.type === 'sla_breached') {
    const clock = str('clock');
    if (clock === 'response' || clock === 'restore') {
      parts.push(`Frist: ${CLOCK_LABELS[clock]}`);
    }
  }
  if (event.type === 'priority_changed' && str('priority')) {
    parts.push(`${str('from') ?? '?'} → ${str('priority')}`);
  }
  return parts.length > 0 ? parts.join(' · ') : null;
}

function describeError(error: unknown): string {
  if (error instanceof HttpErrorResponse) {
    if (error.status === 0) {
      return 'Der Server ist nicht erreichbar.';
    }
    const body = error.error as Partial<ApiError> | null;
    return `HTTP ${error.status}${typeof body?.message === 'string' ? `: ${body.message}` : ''}.`;
  }
  return 'Unerwarteter Fehler.';
}
