import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { TicketSummary } from '@leitstand/api-contracts';
import { TranslatePipe } from '@leitstand/frontend/i18n';
import { PriorityBadgeComponent, SlaCountdownComponent, SlaTicker, StatusBadgeComponent } from '@leitstand/frontend/ui';
import { ageText } from './queue-keys';

/**
 * One compact queue row (QUEUE_ROW_HEIGHT px): a checkbox for bulk actions, priority, number (a link, so it
 * opens in a new tab too), title, asset and site, age, status, both clocks as countdowns. A click anywhere on the row
 * asks to open the ticket (`activate`); the checkbox and the link keep their own click. The clocks and the pause
 * reason come with the list item itself, so a row sends no request of its own.
 */
@Component({
  selector: 'ls-queue-row',
  imports: [RouterLink, PriorityBadgeComponent, StatusBadgeComponent, SlaCountdownComponent, TranslatePipe],
  template: `
    @let t = ticket();
    <span class="row__check">
      <input
        type="checkbox"
        [checked]="checked()"
        (change)="mark.emit()"
        [attr.aria-label]="'queue.select' | t: { number: t.number }"
        data-testid="row-check"
      />
    </span>
    <ls-priority-badge class="row__priority" [priority]="t.priority" />
    <a class="row__number" [routerLink]="['/tickets', t.id]">{{ t.number }}</a>
    <span class="row__title" [attr.title]="t.title">{{ t.title }}</span>
    <span class="row__where">{{ t.assetName ?? ('queue.noAsset' | t) }} · {{ t.siteName }}</span>
    <span class="row__age" [attr.title]="t.createdAt" data-testid="row-age">{{ age().key | t: age().params }}</span>
    <ls-status-badge class="row__status" [status]="t.status" />
    <div class="row__clocks">
      <ls-sla-countdown [clock]="response()" [pauseReason]="t.pauseReason" data-clock="response" />
      <ls-sla-countdown [clock]="restore()" [pauseReason]="t.pauseReason" data-clock="restore" />
    </div>
  `,
  styleUrl: './queue-row.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    role: 'listitem',
    '[attr.data-ticket-id]': 'ticket().id',
    '[attr.aria-current]': 'current() ? "true" : null',
    '[class.row--current]': 'current()',
    '[class.row--checked]': 'checked()',
    '(click)': 'onClick($event)',
  },
})
export class QueueRowComponent {
  readonly ticket = input.required<TicketSummary>();
  /** The keyboard cursor (j/k) is on this row. */
  readonly current = input(false);
  /** Marked for a bulk action. */
  readonly checked = input(false);
  /** A click on the row outside its checkbox and link: open the ticket (keyboard: the link, or j/k and Enter). */
  readonly activate = output<void>();
  /** The checkbox changed. */
  readonly mark = output<void>();

  private readonly ticker = inject(SlaTicker);
  /** Age since the report, on the page's one ticking clock (minutes change at most once a minute). */
  protected readonly age = computed(() => ageText(this.ticket().createdAt, this.ticker.now()));
  protected readonly response = computed(() => this.ticket().clocks.find((c) => c.clock === 'response') ?? null);
  protected readonly restore = computed(() => this.ticket().clocks.find((c) => c.clock === 'restore') ?? null);

  protected onClick(event: MouseEvent): void {
    const target = event.target as Element | null;
    if (target?.closest('input, a, .row__check')) {
      return; // the checkbox marks, the link navigates itself
    }
    this.activate.emit();
  }
}
