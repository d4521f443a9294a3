import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { TicketStatus } from '@leitstand/api-contracts';
import { STATUS_LABELS } from './ticket-display.constants';

/** `<ls-status-badge status="on_site" />` → a chip reading "Vor Ort". */
@Component({
  selector: 'ls-status-badge',
  template: `{{ label() }}`,
  styles: `
    :host {
      display: inline-block;
      padding: 2px 8px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      white-space: nowrap;
      font: var(--mat-sys-label-large);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[attr.data-status]': 'status()' },
})
export class StatusBadgeComponent {
  readonly status = input.required<TicketStatus>();
  protected readonly label = computed(() => STATUS_LABELS[this.status()]);
}
