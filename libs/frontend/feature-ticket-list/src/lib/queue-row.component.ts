import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { TicketSummary } from '@leitstand/api-contracts';
import { TranslatePipe } from '@leitstand/frontend/i18n';
import { PriorityBadgeComponent, SlaCountdownComponent, StatusBadgeComponent } from '@leitstand/frontend/ui';

/**
 * One queue row: priority, number (link), title, asset and site, status, both clocks as countdowns. The
 * clocks and the pause reason come with the list item itself (`TicketSummary.clocks`, `.pauseReason`), so a
 * row sends no request of its own; a changed ticket arrives as a new item and re-renders its row.
 */
@Component({
  selector: 'ls-queue-row',
  imports: [RouterLink, PriorityBadgeComponent, StatusBadgeComponent, SlaCountdownComponent, TranslatePipe],
  template: `
    @let t = ticket();
    <ls-priority-badge class="row__priority" [priority]="t.priority" />
    <div class="row__main">
      <a class="row__number" [routerLink]="['/tickets', t.id]">{{ t.number }}</a>
      <span class="row__title">{{ t.title }}</span>
      <span class="row__where">{{ t.assetName ?? ('queue.noAsset' | t) }} · {{ t.siteName }}</span>
    </div>
    <ls-status-badge class="row__status" [status]="t.status" />
    <div class="row__clocks">
      <ls-sla-countdown [clock]="response()" [pauseReason]="t.pauseReason" data-clock="response" />
      <ls-sla-countdown [clock]="restore()" [pauseReason]="t.pauseReason" data-clock="restore" />
    </div>
  `,
  styleUrl: './queue-row.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { role: 'listitem', '[attr.data-ticket-id]': 'ticket().id' },
})
export class QueueRowComponent {
  readonly ticket = input.required<TicketSummary>();

  protected readonly response = computed(() => this.ticket().clocks.find((c) => c.clock === 'response') ?? null);
  protected readonly restore = computed(() => this.ticket().clocks.find((c) => c.clock === 'restore') ?? null);
}
