import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { TicketSummary } from '@leitstand/api-contracts';
import { PriorityBadgeComponent, SlaCountdownComponent, StatusBadgeComponent } from '@leitstand/frontend/ui';
import { TicketClockCache } from './ticket-clock-cache.service';

/** One queue row: priority, number (link), title, asset and site, status, both clocks as countdowns. */
@Component({
  selector: 'ls-queue-row',
  imports: [RouterLink, PriorityBadgeComponent, StatusBadgeComponent, SlaCountdownComponent],
  template: `
    @let t = ticket();
    <ls-priority-badge class="row__priority" [priority]="t.priority" />
    <div class="row__main">
      <a class="row__number" [routerLink]="['/tickets', t.id]">{{ t.number }}</a>
      <span class="row__title">{{ t.title }}</span>
      <span class="row__where">{{ t.assetName ?? 'ohne Anlage' }} · {{ t.siteName }}</span>
    </div>
    <ls-status-badge class="row__status" [status]="t.status" />
    <div class="row__clocks">
      @switch (clocks().state) {
        @case ('loaded') {
          <ls-sla-countdown [clock]="response()" [pauseReason]="pauseReason()" data-clock="response" />
          <ls-sla-countdown [clock]="restore()" [pauseReason]="pauseReason()" data-clock="restore" />
        }
        @case ('error') {
          <span class="row__muted">Fristen nicht verfügbar</span>
        }
        @default {
          <span class="row__muted">Fristen werden geladen …</span>
        }
      }
    </div>
  `,
  styleUrl: './queue-row.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { role: 'listitem', '[attr.data-ticket-id]': 'ticket().id' },
})
export class QueueRowComponent {
  private readonly cache = inject(TicketClockCache);
  readonly ticket = input.required<TicketSummary>();

  protected readonly clocks = computed(() => this.cache.clocksOf(this.ticket().id)());
  private readonly loaded = computed(() => {
    const entry = this.clocks();
    return entry.state === 'loaded' ? entry.clocks : null;
  });
  protected readonly response = computed(() => this.loaded()?.response ?? null);
  protected readonly restore = computed(() => this.loaded()?.restore ?? null);
  protected readonly pauseReason = computed(() => this.loaded()?.pauseReason ?? null);
}
