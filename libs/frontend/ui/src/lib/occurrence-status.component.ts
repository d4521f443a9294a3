import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { I18nService } from '@leitstand/frontend/i18n';
import { occurrenceStatusDisplay } from './occurrence-status';

/**
 * `<ls-occurrence-status status="missed" />` → "✗ Versäumt" in the status's colour: the text is always there,
 * the symbol and the colour only add to it. `compact` shows the symbol alone (the label stays for screen readers
 * and as a tooltip).
 */
@Component({
  selector: 'ls-occurrence-status',
  // &ngsp; keeps the space between symbol and text (textContent reads "✗ Versäumt").
  template: `<span class="symbol" aria-hidden="true">{{ view().symbol }}</span
    >&ngsp;
    @if (compact()) {
      <span class="cdk-visually-hidden">{{ view().label }}</span>
    } @else {
      <span class="label">{{ view().label }}</span>
    }`,
  styles: `
    :host {
      display: inline-flex;
      gap: 4px;
      align-items: center;
      padding: 0 6px;
      border-radius: 10px;
      border: 1px solid currentColor;
      white-space: nowrap;
      font: var(--mat-sys-label-medium);
    }
    :host([data-tone='neutral']) {
      color: var(--mat-sys-on-surface-variant);
    }
    :host([data-tone='info']) {
      color: #0b57d0;
      background: #d3e3fd;
    }
    :host([data-tone='warning']) {
      color: #7a4100;
      background: #ffdcbe;
    }
    :host([data-tone='success']) {
      color: #0d652d;
      background: #c4eed0;
    }
    :host([data-tone='caution']) {
      color: #5c5000;
      background: #f6e58d;
    }
    :host([data-tone='danger']) {
      color: #8c1d18;
      background: #f9dedc;
    }
    :host([data-tone='muted']) {
      color: var(--mat-sys-outline);
      text-decoration: line-through;
    }
    .symbol {
      font-weight: 700;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    '[attr.data-status]': 'status()',
    '[attr.data-tone]': 'view().tone',
    '[attr.title]': 'view().label',
  },
})
export class OccurrenceStatusComponent {
  private readonly i18n = inject(I18nService);
  readonly status = input.required<string>();
  readonly compact = input(false);
  protected readonly view = computed(() => {
    const display = occurrenceStatusDisplay(this.status());
    return { ...display, label: display.known ? this.i18n.t(display.labelKey) : this.status() };
  });
}
