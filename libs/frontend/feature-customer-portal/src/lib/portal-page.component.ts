import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { debounceTime, filter } from 'rxjs';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import type { TicketSummary } from '@leitstand/api-contracts';
import { TicketChangesService, TicketsApiService } from '@leitstand/frontend/data-access';
import { LocalizedDateTimePipe, TranslatePipe } from '@leitstand/frontend/i18n';

type LoadState = 'loading' | 'ready' | 'error';

/** `/portal`: the customer's own tickets (the API scopes the list to the customer's tenant). */
@Component({
  selector: 'ls-portal-page',
  imports: [RouterLink, MatButtonModule, MatProgressBarModule, TranslatePipe, LocalizedDateTimePipe],
  template: `
    <header class="portal-header">
      <h1>{{ 'portal.title' | t }}</h1>
      <a mat-flat-button routerLink="/portal/new" class="report-link">{{ 'portal.report' | t }}</a>
    </header>
    <div role="status" aria-live="polite" class="status">
      @switch (state()) {
        @case ('loading') {
          {{ 'common.loading' | t }}
        }
        @case ('error') {
          {{ 'common.loadError' | t }}
        }
        @default {
          {{ 'portal.count' | t: { count: tickets().length } }}
        }
      }
    </div>
    @if (state() === 'loading') {
      <mat-progress-bar mode="indeterminate" aria-hidden="true" />
    } @else if (state() === 'error') {
      <button mat-stroked-button type="button" (click)="load()">{{ 'common.retry' | t }}</button>
    } @else if (tickets().length === 0) {
      <p class="empty">{{ 'portal.empty' | t }}</p>
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
              <td>
                <a [routerLink]="['/portal/tickets', ticket.id]">{{ ticket.number }}</a>
              </td>
              <td>{{ ticket.title }}</td>
              <td>
                {{ ticket.siteName }}
                @if (ticket.assetName) {
                  · {{ ticket.assetName }}
                }
              </td>
              <td>{{ 'status.' + ticket.status | t }}</td>
              <td>{{ ticket.createdAt | lsLocalDateTime }}</td>
            </tr>
          }
        </tbody>
      </table>
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
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PortalPageComponent {
  private readonly api = inject(TicketsApiService);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly state = signal<LoadState>('loading');
  protected readonly tickets = signal<TicketSummary[]>([]);

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
  }

  protected load(quietly = false): void {
    if (!quietly || this.state() === 'error') {
      this.state.set('loading');
    }
    this.api
      .list({ limit: 200 })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (page) => {
          this.tickets.set(page.items);
          this.state.set('ready');
        },
        error: () => this.state.set('error'),
      });
  }
}
