import type { Priority, TicketStatus } from '@leitstand/api-contracts';

/** How a priority is shown: text and icon always together, colour only as a third cue. */
export interface PriorityDisplay {
  /** Full label read by screen readers and shown next to the icon. */
  label: string;
  /** Icon name in the `ls` icon namespace. */
  icon: string;
}

export const PRIORITY_DISPLAY: Readonly<Record<Priority, PriorityDisplay>> = {
  A: { label: 'A – hoch', icon: 'ls:priority-a' },
  B: { label: 'B – mittel', icon: 'ls:priority-b' },
  C: { label: 'C – niedrig', icon: 'ls:priority-c' },
};

export const STATUS_LABELS: Readonly<Record<TicketStatus, string>> = {
  new: 'Neu',
  accepted: 'Angenommen',
  dispatched: 'Disponiert',
  travelling: 'Anfahrt',
  on_site: 'Vor Ort',
  paused: 'Pausiert',
  restored: 'Entstört',
  closed: 'Geschlossen',
};

export const CLOCK_LABELS: Readonly<Record<'response' | 'restore', string>> = {
  response: 'Reaktion',
  restore: 'Entstörung',
};
