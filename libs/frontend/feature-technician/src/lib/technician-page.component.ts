import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { debounceTime, filter, switchMap } from 'rxjs';
import type { TicketAction, TicketSummary } from '@leitstand/api-contracts';
import { AuthService, TicketChangesService, TicketsApiService } from '@leitstand/frontend/data-access';
import { I18nService, TranslatePipe } from '@leitstand/frontend/i18n';
import { SlaCountdownComponent } from '@leitstand/frontend/ui';
import { MY_OPEN_WORK_STATUSES, needsConfirmation, nextTechnicianAction } from './technician-workflow';

/** `/technician` — "Meine Einsätze": the open tickets assigned to me, each with its next step as one big button. */
@Component({
  selector: 'ls-technician-page',
  imports: [RouterLink, MatButtonModule, MatProgressBarModule, TranslatePipe, SlaCountdownComponent],
  template: `
    <h1>{{ 'tech.title' | t }}</h1>
    <a mat-stroked-button class="big maintenance-link" routerLink="/technician/occurrences">{{
      'maint.tech.link' | t
    }}</a>
    <div role="status" aria-live="polite" class="status">
      @if (state() === 'loading') {
        {{ 'common.loading' | t }}
      } @else if (state() === 'error') {
        {{ 'common.loadError' | t }}
      } @else {
        {{ message() || ('tech.count' | t: { count: tickets().length }) }}
      }
    </div>
    @if (state() === 'loading') {
      <mat-progress-bar mode="indeterminate" aria-hidden="true" />
    } @else if (state() === 'error') {
      <button mat-stroked-button type="button" class="big" (click)="load()">{{ 'common.retry' | t }}</button>
    } @else if (tickets().length === 0) {
      <p class="empty">{{ 'tech.empty' | t }}</p>
    }
    <ul class="cards">
      @for (ticket of tickets(); track ticket.id) {
        <li class="card" [attr.aria-label]="ticket.number">
          <div class="card-head">
            <span class="number">{{ ticket.number }}</span>
            <span class="priority">{{ 'priority.' + ticket.priority | t }}</span>
          </div>
          <p class="title">{{ ticket.title }}</p>
          <p class="where">
            {{ ticket.siteName }}
            @if (ticket.assetName) {
              · {{ ticket.assetName }}
            }
          </p>
          <p class="ticket-status">{{ 'status.' + ticket.status | t }}</p>
          <!-- the running clocks, labelled and counting down ("Entstörung: noch 42:10 min") -->
          <ul class="deadlines">
            @for (clock of ticket.clocks; track clock.clock) {
              <li><ls-sla-countdown [clock]="clock" [pauseReason]="ticket.pauseReason" /></li>
            }
          </ul>
          <div class="actions">
            @if (next(ticket); as action) {
              @if (confirming() === ticket.id) {
                <p class="confirm-question" role="alert">{{ 'tech.confirmRestore' | t: { number: ticket.number } }}</p>
                <button
                  mat-flat-button
                  type="button"
                  class="big confirm-yes"
                  [disabled]="busy() === ticket.id"
                  disabledInteractive
                  (click)="act(ticket, action)"
                >
                  {{ 'tech.confirmRestoreYes' | t }}
                </button>
                <button mat-stroked-button type="button" class="big confirm-no" (click)="confirming.set(null)">
                  {{ 'common.cancel' | t }}
                </button>
              } @else {
                <button
                  mat-flat-button
                  type="button"
                  class="big"
                  [disabled]="busy() === ticket.id"
                  disabledInteractive
                  (click)="request(ticket, action)"
                >
                  {{ 'tech.action.' + action | t }}
                </button>
              }
            }
            <a mat-stroked-button class="big" [routerLink]="['/technician/tickets', ticket.id]">{{
              'tech.open' | t
            }}</a>
          </div>
        </li>
      }
    </ul>
  `,
  styles: `
    :host {
      display: block;
      padding: 12px;
      max-width: 400px;
      margin: 0 auto;
    }
    h1 {
      font-size: 1.5rem;
      margin: 8px 0;
    }
    .cards {
      list-style: none;
      padding: 0;
      margin: 0;
      display: flex;
      flex-direction: column;
      gap: 12px;
    }
    .card {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      padding: 12px;
    }
    .card-head {
      display: flex;
      justify-content: space-between;
      font-weight: 600;
    }
    .card p {
      margin: 4px 0;
    }
    .deadlines {
      list-style: none;
      padding: 0;
      margin: 4px 0;
    }
    .maintenance-link {
      margin-bottom: 8px;
    }
    .confirm-question {
      font-weight: 600;
    }
    .actions {
      display: flex;
      flex-direction: column;
      gap: 8px;
      margin-top: 8px;
    }
    .big {
      min-height: 56px;
      width: 100%;
      font-size: 1.1rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TechnicianPageComponent {
  private readonly api = inject(TicketsApiService);
  private readonly auth = inject(AuthService);
  private readonly i18n = inject(I18nService);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly state = signal<'loading' | 'ready' | 'error'>('loading');
  protected readonly tickets = signal<TicketSummary[]>([]);
  protected readonly busy = signal<string | null>(null);
  protected readonly message = signal('');
  /** The ticket whose "Entstört" waits for a second, explicit tap. */
  protected readonly confirming = signal<string | null>(null);

  constructor() {
    this.load();
    // New assignments and changes by the helpdesk show up without a reload (SSE; a burst is read once).
    inject(TicketChangesService)
      .events$.pipe(
        filter((event) => event.kind === 'change' || event.kind === 'reconnected'),
        debounceTime(300),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe(() => this.load(true));
  }

  protected next(ticket: TicketSummary): TicketAction | null {
    return nextTechnicianAction(ticket.status);
  }

  protected load(quietly = false): void {
    const me = this.auth.user()?.id;
    if (!me) {
      this.state.set('error');
      return;
    }
    if (!quietly || this.state() === 'error') {
      this.state.set('loading');
    }
    this.api
      .list({ assigneeId: me, status: MY_OPEN_WORK_STATUSES.join(','), limit: 100 })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (page) => {
          this.tickets.set(page.items);
          this.state.set('ready');
        },
        error: () => this.state.set('error'),
      });
  }

  /** One tap for every step but "Entstört", which asks first (it stops the restore clock). */
  protected request(ticket: TicketSummary, action: TicketAction): void {
    if (needsConfirmation(action)) this.confirming.set(ticket.id);
    else this.act(ticket, action);
  }

  /** Reads the ticket's current version and sends the action with `If-Match`. */
  protected act(ticket: TicketSummary, action: TicketAction): void {
    this.confirming.set(null);
    this.busy.set(ticket.id);
    this.api
      .get(ticket.id)
      .pipe(
        switchMap((detail) => this.api.act(ticket.id, action, detail.version)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (updated) => {
          this.busy.set(null);
          const status = updated?.status ?? ticket.status;
          this.message.set(
            this.i18n.t('tech.actionDone', { number: ticket.number, status: this.i18n.t(`status.${status}`) }),
          );
          // A restored ticket leaves "my open work" at once.
          this.tickets.update((list) =>
            list
              .map((t) => (t.id === ticket.id ? { ...t, status } : t))
              .filter((t) => MY_OPEN_WORK_STATUSES.includes(t.status)),
          );
          this.load(true);
        },
        error: (error: unknown) => {
          this.busy.set(null);
          const conflict = error instanceof HttpErrorResponse && (error.status === 409 || error.status === 412);
          this.message.set(this.i18n.t(conflict ? 'common.conflict' : 'common.saveError'));
          this.load();
        },
      });
  }
}
