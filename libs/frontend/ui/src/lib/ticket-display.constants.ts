import type { Priority, TicketStatus } from '@leitstand/api-contracts';
import type { I18nKey } from '@leitstand/frontend/i18n';

/** How a priority is shown: text and icon always together, colour only as a third cue. */
export interface PriorityDisplay {
  /** Text key of the full label ("A – hoch" / "A – high"), read by screen readers and shown next to the icon. */
  labelKey: I18nKey;
  /** Icon name in the `ls` icon namespace. */
  icon: string;
}

export const PRIORITY_DISPLAY: Readonly<Record<Priority, PriorityDisplay>> = {
  A: { labelKey: 'priority.A', icon: 'ls:priority-a' },
  B: { labelKey: 'priority.B', icon: 'ls:priority-b' },
  C: { labelKey: 'priority.C', icon: 'ls:priority-c' },
};

/** Text key of each status ("Vor Ort" / "On site"). */
export const STATUS_LABEL_KEYS: Readonly<Record<TicketStatus, I18nKey>> = {
  new: 'status.new',
  accepted: 'status.accepted',
  dispatched: 'status.dispatched',
  travelling: 'status.travelling',
  on_site: 'status.on_site',
  paused: 'status.paused',
  restored: 'status.restored',
  closed: 'status.closed',
};

/** Text key of each clock's short label ("Reaktion" / "Response"), as in "Reaktion: noch 12:34 min". */
export const CLOCK_LABEL_KEYS: Readonly<Record<'response' | 'restore', I18nKey>> = {
  response: 'clock.short.response',
  restore: 'clock.short.restore',
};
