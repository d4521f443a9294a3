import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { type Subscription, debounceTime, filter } from 'rxjs';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import type { CustomerTicketSummary, TicketListQuery } from '@leitstand/api-contracts';
import { TicketChangesService, TicketsApiService } from '@leitstand/frontend/data-access';
import { DateTimePipe, TranslatePipe } from '@leitstand/frontend/i18n';

type LoadState = 'loading' | 'ready' | 'error';

/** Tickets per page of the portal list. */
export const PORTAL_PAGE_SIZE = 25;

/**
 * `/portal`: the customer's own tickets (the API scopes the list to the customer's tenant), newest first,
 * 25 a page with "more" (server-side cursor), searchable by number, title and asset. On a phone the table
 * turns into one card per ticket (no horizontal scrolling).
 */
@Component({
  selector: 'ls-portal-page',
  imports: [
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    TranslatePipe,
    DateTimePipe,
  ],
  template: `
    <header class="portal-header">
      <h1>{{ 'portal.title' | t }}</h1>
      <a mat-flat-button routerLink="/portal/new" class="report-link">{{ 'portal.report' | t }}</a>
    </header>
    <form class="search" role="search" (submit)="$event.preventDefault(); search(query.value)">
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>{{ 'portal.search' | t }}</mat-label>
        <input #query matInput type="search" name="q" [value]="q()" (input)="searchSoon(query.value)" />
      </mat-form-field>
    </form>
    <div role="status" aria-live="polite" class="status">
      @switch (state()) {
        @case ('loading') {
          {{ 'common.loading' | t }}
        }
        @case ('error') {
          {{ 'common.loadError' | t }}
        }
        @default {
          {{ (nextCursor() ? 'portal.countMore' : 'portal.count') | t: { count: tickets().length } }}
        }
      }
    </div>
    @if (state() === 'loading') {
      <mat-progress-bar mode="indeterminate" aria-hidden="true" />
    } @else if (state() === 'error') {
      <button mat-stroked-button type="button" (click)="load()">{{ 'common.retry' | t }}</button>
    } @else if (tickets().length === 0) {
      <p class="empty">{{ (q() ? 'portal.noMatch' : 'portal.empty') | t }}</p>
    } @else {
      <table class="portal-table" [attr.aria-label]="'portal.title' | t">
        <thead>
          <tr>
            <th scope="col">{{ 'portal.number' | t }}</th>
            <th scope="col">{{ 'portal.subject' | t }}</th>
            <th scope="col">{{ 'portal.site' | t }}</th>
            <th scope="col">{{ 'portal.status' | t }}</th>
            <th scope="col">{{ 'portal.created' | t }}</th>
          </tr>
        </thead>
        <tbody>
          @for (ticket of tickets(); track ticket.id) {
            <tr>
              <td [attr.data-label]="'portal.number' | t">
                <a [routerLink]="['/portal/tickets', ticket.id]">{{ ticket.number }}</a>
              </td>
              <td [attr.data-label]="'portal.subject' | t">{{ ticket.title }}</td>
              <td [attr.data-label]="'portal.site' | t">
                {{ ticket.siteName }}
                @if (ticket.assetName) {
                  · {{ ticket.assetName }}
                }
              </td>
              <td [attr.data-label]="'portal.status' | t">{{ 'status.' + ticket.status | t }}</td>
              <td [attr.data-label]="'portal.created' | t">{{ ticket.createdAt | lsDateTime }}</td>
            </tr>
          }
        </tbody>
      </table>
      @if (nextCursor()) {
        <button mat-stroked-button type="button" class="more" [disabled]="loadingMore()" (click)="more()">
          {{ 'portal.more' | t }}
        </button>
      }
    }
  `,
  styles: `
    :host {
      display: block;
      padding: 16px;
      max-width: 1100px;
      margin: 0 auto;
    }
    .portal-header {
      display: flex;
      flex-wrap: wrap;
      gap: 16px;
      align-items: center;
      justify-content: space-between;
    }
    .report-link {
      min-height: 48px;
    }
    .status {
      margin: 8px 0;
    }
    .portal-table {
      width: 100%;
      border-collapse: collapse;
    }
    .portal-table th,
    .portal-table td {
      text-align: left;
      padding: 10px 8px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .portal-table a {
      display: inline-block;
      min-height: 24px;
    }
    .portal-table td {
      overflow-wrap: anywhere;
    }
    .search mat-form-field {
      width: 100%;
      max-width: 420px;
    }
    .more {
      margin: 16px 0;
      min-height: 48px;
    }
    /* Phone: one card per ticket, each cell labelled by its column (no horizontal overflow at 390 px). */
    @media (max-width: 640px) {
      :host {
        padding: 12px;
      }
      .portal-table thead {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip: rect(0 0 0 0);
      }
      .portal-table,
      .portal-table tbody,
      .portal-table tr,
      .portal-table td {
        display: block;
        width: 100%;
        box-sizing: border-box;
      }
      .portal-table tr {
        border: 1px solid var(--mat-sys-outline-variant);
        border-radius: 8px;
        margin-bottom: 12px;
        padding: 4px 0;
      }
      .portal-table td {
        border-bottom: none;
        padding: 4px 12px;
      }
      .portal-table td::before {
        content: attr(data-label);
        display: block;
        font-size: 0.75rem;
        color: var(--mat-sys-on-surface-variant);
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PortalPageComponent {
  private readonly api = inject(TicketsApiService);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly state = signal<LoadState>('loading');
  protected readonly tickets = signal<CustomerTicketSummary[]>([]);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loadingMore = signal(false);
  /** The search words (number, title, asset), sent to the API. */
  protected readonly q = signal('');
  private request: Subscription | null = null;
  private typing: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    this.load();
    // Status changes by the helpdesk show up without a reload (SSE; a burst is read once).
    inject(TicketChangesService)
      .events$.pipe(
        filter((event) => event.kind === 'change' || event.kind === 'reconnected'),
        debounceTime(300),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe(() => this.load(true));
    this.destroyRef.onDestroy(() => clearTimeout(this.typing));
  }

  /** The first page again (newest first); quietly keeps the shown list until the answer arrives. */
  protected load(quietly = false): void {
    if (!quietly || this.state() === 'error') {
      this.state.set('loading');
    }
    this.request?.unsubscribe();
    this.request = this.api
      .customerList(this.query())
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (page) => {
          this.tickets.set(page.items);
          this.nextCursor.set(page.nextCursor);
          this.state.set('ready');
        },
        error: () => this.state.set('error'),
      });
  }

  /** The next page, appended. */
  protected more(): void {
    const cursor = this.nextCursor();
    if (!cursor || this.loadingMore()) return;
    this.loadingMore.set(true);
    this.api
      .customerList({ ...this.query(), cursor })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (page) => {
          const seen = new Set(this.tickets().map((t) => t.id));
          this.tickets.update((list) => [...list, ...page.items.filter((t) => !seen.has(t.id))]);
          this.nextCursor.set(page.nextCursor);
          this.loadingMore.set(false);
        },
        error: () => {
          this.loadingMore.set(false);
          this.state.set('error');
        },
      });
  }

  protected searchSoon(text: string): void {
    clearTimeout(this.typing);
    this.typing = setTimeout(() => this.search(text), 300);
  }

  protected search(text: string): void {
    clearTimeout(this.typing);
    const q = text.trim();
    if (q === this.q()) return;
    this.q.set(q);
    this.load();
  }

  private query(): TicketListQuery {
    const q = this.q();
    return { sort: 'newest', limit: PORTAL_PAGE_SIZE, ...(q ? { q } : {}) };
  }
}
