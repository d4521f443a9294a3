import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormGroupDirective, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { filter } from 'rxjs';
import type { CustomerTicketDetail, DocumentView } from '@leitstand/api-contracts';
import { DocumentsApiService, TicketChangesService, TicketsApiService } from '@leitstand/frontend/data-access';
import { I18nService, DateTimePipe, TranslatePipe } from '@leitstand/frontend/i18n';
import { DocumentGalleryComponent, SlaCountdownComponent } from '@leitstand/frontend/ui';
import { CLOCK_STATE_ICONS } from './portal-display';
import { PortalServiceReportComponent } from './portal-service-report.component';

/** `/portal/tickets/:id` — one of the customer's tickets: status, timestamps, its SLA clocks, public comments. */
@Component({
  selector: 'ls-portal-ticket',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    TranslatePipe,
    DateTimePipe,
    SlaCountdownComponent,
    DocumentGalleryComponent,
    PortalServiceReportComponent,
  ],
  template: `
    <a mat-button routerLink="/portal">← {{ 'common.back' | t }}</a>
    @if (ticket(); as ticket) {
      <h1>{{ ticket.number }} · {{ ticket.title }}</h1>
      <p class="status-line" role="status" aria-live="polite">
        {{ 'portal.status' | t }}: <strong class="ticket-status">{{ 'status.' + ticket.status | t }}</strong>
      </p>
      <dl class="facts">
        <dt>{{ 'portal.site' | t }}</dt>
        <dd>{{ ticket.siteName }}</dd>
        <dt>{{ 'portal.asset' | t }}</dt>
        <dd>{{ ticket.assetName ?? '–' }}</dd>
        <dt>{{ 'portal.created' | t }}</dt>
        <dd>{{ ticket.createdAt | lsDateTime }}</dd>
        <dt>{{ 'portal.accepted' | t }}</dt>
        <dd>{{ ticket.acceptedAt | lsDateTime }}</dd>
        <dt>{{ 'portal.restored' | t }}</dt>
        <dd>{{ ticket.restoredAt | lsDateTime }}</dd>
        <dt>{{ 'portal.closed' | t }}</dt>
        <dd>{{ ticket.closedAt | lsDateTime }}</dd>
        <dt>{{ 'portal.technician' | t }}</dt>
        <dd>{{ ticket.technicianName ?? '–' }}</dd>
      </dl>
      @if (ticket.description) {
        <p class="description">{{ ticket.description }}</p>
      }

      <h2>{{ 'portal.clocks' | t }}</h2>
      @if (ticket.clocks.length === 0) {
        <p>{{ 'clock.none' | t }}</p>
      } @else {
        <ul class="clocks">
          @for (clock of ticket.clocks; track clock.clock) {
            <li [class]="'clock clock--' + clock.state">
              {{ 'clock.' + clock.clock | t }}:
              @if (german()) {
                <!-- The shared live countdown (its texts are German). -->
                <ls-sla-countdown class="countdown" [clock]="clock" [showLabel]="false" /> ·
              } @else {
                <span aria-hidden="true">{{ icons[clock.state] }}</span>
              }
              @if (clock.state === 'running') {
                {{ 'clock.running' | t: { deadline: (clock.deadline | lsDateTime) } }}
              } @else {
                {{ 'clock.' + clock.state | t }}
              }
            </li>
          }
        </ul>
      }

      @if (signedReport()) {
        <ls-portal-service-report [ticketId]="ticket.id" />
      }

      @if (documents().length > 0) {
        <h2 id="documents-title">{{ 'documents.heading' | t }}</h2>
        <ls-document-gallery [documents]="documents()" />
      }

      <h2 id="comments-title">{{ 'portal.comments' | t }}</h2>
      @if (ticket.comments.length === 0) {
        <p>{{ 'portal.noComments' | t }}</p>
      } @else {
        <ul class="comments" aria-labelledby="comments-title">
          @for (comment of ticket.comments; track comment.id) {
            <li>
              <span class="comment-meta">{{ comment.author }}, {{ comment.at | lsDateTime }}</span>
              <p>{{ comment.text }}</p>
            </li>
          }
        </ul>
      }
      <form [formGroup]="commentForm" (ngSubmit)="sendComment(ticket.id)" class="comment-form" novalidate>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'portal.addComment' | t }}</mat-label>
          <textarea matInput formControlName="text" rows="3" required maxlength="4000"></textarea>
        </mat-form-field>
        <button mat-stroked-button type="submit" [disabled]="sending()" disabledInteractive>
          {{ 'portal.sendComment' | t }}
        </button>
      </form>
    } @else if (state() === 'error') {
      <p role="alert">{{ 'common.loadError' | t }}</p>
      <button mat-stroked-button type="button" (click)="load(id())">{{ 'common.retry' | t }}</button>
    } @else {
      <p role="status">{{ 'common.loading' | t }}</p>
      <mat-progress-bar mode="indeterminate" aria-hidden="true" />
    }
    <div class="cdk-visually-hidden" role="status" aria-live="polite">{{ message() }}</div>
  `,
  styles: `
    :host {
      display: block;
      padding: 16px;
      max-width: 900px;
      margin: 0 auto;
    }
    h1 {
      line-height: 1.3;
    }
    .facts {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 4px 16px;
    }
    .facts dt {
      font-weight: 600;
    }
    .facts dd {
      margin: 0;
    }
    .clocks,
    .comments {
      list-style: none;
      padding: 0;
    }
    .clock {
      padding: 6px 0;
    }
    .clock--breached {
      color: var(--mat-sys-error);
      font-weight: 600;
    }
    .comment-meta {
      font-size: 0.875rem;
      color: var(--mat-sys-on-surface-variant);
    }
    .comment-form {
      display: flex;
      flex-direction: column;
      gap: 8px;
      max-width: 640px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PortalTicketComponent {
  private readonly api = inject(TicketsApiService);
  private readonly documentsApi = inject(DocumentsApiService);
  private readonly changes = inject(TicketChangesService);
  private readonly i18n = inject(I18nService);
  private readonly destroyRef = inject(DestroyRef);

  /** The ticket id from the route (`withComponentInputBinding`). */
  readonly id = input.required<string>();

  protected readonly icons = CLOCK_STATE_ICONS;
  protected readonly german = computed(() => this.i18n.language() === 'de');
  protected readonly ticket = signal<CustomerTicketDetail | null>(null);
  /** The documents of the ticket marked for customers (the server shows no others). */
  protected readonly documents = signal<DocumentView[]>([]);
  /**
   * The sign-off stores the report's PDF as a customer-visible service-report document: only then is there a
   * signed report to show (asking before would be answered 403).
   */
  protected readonly signedReport = computed(() =>
    this.documents().some((d) => d.documentClass === 'service-report' && d.contentType === 'application/pdf'),
  );
  protected readonly state = signal<'loading' | 'ready' | 'error'>('loading');
  protected readonly sending = signal(false);
  protected readonly message = signal('');

  /** The form's directive: resetForm() also clears "submitted", so the emptied field is not shown as an error. */
  private readonly commentFormDirective = viewChild(FormGroupDirective);
  protected readonly commentForm = inject(NonNullableFormBuilder).group({
    text: ['', [Validators.required, Validators.maxLength(4000)]],
  });

  constructor() {
    effect(() => this.load(this.id()));
    // Follows the ticket live (SSE): a change to it, or a reconnect after a gap, re-reads it.
    this.changes.events$
      .pipe(
        filter(
          (event) => event.kind === 'reconnected' || (event.kind === 'change' && event.change.ticketId === this.id()),
        ),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe(() => this.load(this.id(), true));
  }

  protected load(id: string, quietly = false): void {
    if (!quietly) {
      this.state.set('loading');
    }
    this.api
      .customerGet(id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (ticket) => {
          this.ticket.set(ticket);
          this.state.set('ready');
          this.documentsApi
            .forTicket(id)
            .pipe(takeUntilDestroyed(this.destroyRef))
            .subscribe({ next: (list) => this.documents.set(list.items), error: () => this.documents.set([]) });
        },
        error: () => {
          this.ticket.set(null);
          this.state.set('error');
        },
      });
  }

  protected sendComment(id: string): void {
    const text = this.commentForm.controls.text.value.trim();
    if (!text || this.sending()) {
      this.commentForm.markAllAsTouched();
      return;
    }
    this.sending.set(true);
    this.api
      .addComment(id, { text })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: () => {
          this.sending.set(false);
          const directive = this.commentFormDirective();
          if (directive) directive.resetForm();
          else this.commentForm.reset();
          this.message.set(this.i18n.t('portal.commentSent'));
          this.load(id);
        },
        error: () => {
          this.sending.set(false);
          this.message.set(this.i18n.t('common.saveError'));
        },
      });
  }
}
