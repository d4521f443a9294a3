import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { I18nService } from '@leitstand/frontend/i18n';
import { type SlaCountdownClock, describeSlaClock } from './sla-countdown';
import { SlaTicker } from './sla-ticker.service';
import { CLOCK_LABEL_KEYS } from './ticket-display.constants';

/**
 * One SLA clock as a live countdown: icon + label + text, colour only as the third cue.
 * `<ls-sla-countdown [clock]="ticket.clocks[0]" [pauseReason]="reason" />`. Ticks from the shared
 * {@link SlaTicker} (one interval per page); pass `now` to pin the time. Texts follow the UI language at
 * runtime (`I18nService.t` reads the language signal inside the computeds).
 */
@Component({
  selector: 'ls-sla-countdown',
  imports: [MatIconModule],
  template: `
    <mat-icon class="sla__icon" [svgIcon]="view().icon" aria-hidden="true" />
    @if (showLabel() && clock()) {
      <span class="sla__label">{{ label() + ': ' }}</span>
    }
    <span class="sla__text">{{ view().text }}</span>
  `,
  styleUrl: './sla-countdown.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    role: 'timer',
    '[class]': "'sla sla--' + view().tone",
    '[attr.data-tone]': 'view().tone',
  },
})
export class SlaCountdownComponent {
  private readonly ticker = inject(SlaTicker);
  private readonly i18n = inject(I18nService);
  private readonly t = this.i18n.t.bind(this.i18n);

  readonly clock = input<SlaCountdownClock | null | undefined>(null);
  readonly pauseReason = input<string | null | undefined>(null);
  /** Epoch milliseconds; defaults to the shared ticker. */
  readonly now = input<number | undefined>(undefined);
  readonly showLabel = input(true);

  protected readonly label = computed(() => {
    const clock = this.clock();
    return clock ? this.t(CLOCK_LABEL_KEYS[clock.clock]) : '';
  });

  protected readonly view = computed(() =>
    describeSlaClock(this.clock(), this.now() ?? this.ticker.now(), this.pauseReason(), this.t),
  );
}
