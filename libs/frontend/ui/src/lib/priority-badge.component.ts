import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import type { Priority } from '@leitstand/api-contracts';
import { I18nService } from '@leitstand/frontend/i18n';
import { PRIORITY_DISPLAY } from './ticket-display.constants';

/** `<ls-priority-badge priority="A" />` → icon + "A – hoch" / "A – high" (colour only as the third cue). */
@Component({
  selector: 'ls-priority-badge',
  imports: [MatIconModule],
  template: `<mat-icon [svgIcon]="display().icon" aria-hidden="true" /><span>{{ label() }}</span>`,
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      white-space: nowrap;
      font-weight: 500;
    }
    mat-icon {
      width: 20px;
      height: 20px;
    }
    :host(.priority--A) {
      color: var(--mat-sys-error);
    }
    :host(.priority--B) {
      color: var(--mat-sys-tertiary);
    }
    :host(.priority--C) {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[class]': "'priority priority--' + priority()" },
})
export class PriorityBadgeComponent {
  private readonly i18n = inject(I18nService);
  readonly priority = input.required<Priority>();
  protected readonly display = computed(() => PRIORITY_DISPLAY[this.priority()]);
  /** Reads the language signal through `t`, so a switch re-renders the badge. */
  protected readonly label = computed(() => this.i18n.t(this.display().labelKey));
}
