import type { SlaClockView } from '@leitstand/api-contracts';

/** Icon (text symbol, never alone) per SLA clock state. */
export const CLOCK_STATE_ICONS: Readonly<Record<SlaClockView['state'], string>> = {
  running: '⏱',
  paused: '⏸',
  met: '✓',
  breached: '⚠',
};
