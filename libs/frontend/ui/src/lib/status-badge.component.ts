import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { TicketStatus } from '@leitstand/api-contracts';
import { I18nService } from '@leitstand/frontend/i18n';
import { STATUS_LABEL_KEYS } from './ticket-display.constants';

/** `<ls-status-badge status="on_site" />` → a chip reading "Vor Ort" / "On site" (follows a language switch). */
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
  private readonly i18n = inject(I18nService);
  readonly status = input.required<TicketStatus>();
  /** Reads the language signal through `t`, so a switch re-renders the badge. */
  protected readonly label = computed(() => this.i18n.t(STATUS_LABEL_KEYS[this.status()]));
}
