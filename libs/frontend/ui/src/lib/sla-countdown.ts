import type { IsoInstant, SlaClockView } from '@leitstand/api-contracts';

/** What a countdown needs of a clock (a full SlaClockView fits, and so does a queue row's summary). */
export type SlaCountdownClock = Pick<SlaClockView, 'clock' | 'state' | 'deadline' | 'warningAt'> &
  Partial<Pick<SlaClockView, 'remainingMinutes' | 'breachMinutes'>>;

export type SlaTone = 'running' | 'at-risk' | 'breached' | 'paused' | 'met' | 'none';

export interface SlaCountdownView {
  readonly tone: SlaTone;
  /** Icon in the `ls` namespace; always shown together with `text`. */
  readonly icon: string;
  readonly text: string;
}

const ICONS: Readonly<Record<SlaTone, string>> = {
  running: 'ls:schedule',
  'at-risk': 'ls:warning',
  breached: 'ls:error',
  paused: 'ls:pause-circle',
  met: 'ls:check-circle',
  none: 'ls:remove',
};

/**
 * The countdown of one SLA clock at `nowMs`, in German: "noch 12:34 min", "gefährdet – noch 4:10 min",
 * "überfällig seit 3 min", "pausiert: Ersatzteil bestellt", "erfüllt". Pure, so that the shared ticker
 * drives every row and tests need no timers.
 */
export function describeSlaClock(
  clock: SlaCountdownClock | null | undefined,
  nowMs: number,
  pauseReason?: string | null,
): SlaCountdownView {
  if (!clock) {
    return view('none', 'keine SLA-Frist');
  }
  switch (clock.state) {
    case 'met':
      return view('met', 'erfüllt');
    case 'paused':
      return view('paused', pauseReason ? `pausiert: ${pauseReason}` : 'pausiert');
    case 'breached': {
      const deadline = toMs(clock.deadline);
      if (deadline !== null && nowMs >= deadline) {
        return view('breached', `überfällig seit ${formatOverdue(nowMs - deadline)}`);
      }
      const minutes = clock.breachMinutes ?? 0;
      return view('breached', `überfällig seit ${formatOverdue(minutes * 60_000)}`);
    }
    case 'running': {
      const deadline = toMs(clock.deadline);
      if (deadline === null) {
        return view('running', 'läuft');
      }
      const remaining = deadline - nowMs;
      if (remaining <= 0) {
        return view('breached', `überfällig seit ${formatOverdue(-remaining)}`);
      }
      const warningAt = toMs(clock.warningAt);
      if (warningAt !== null && nowMs >= warningAt) {
        return view('at-risk', `gefährdet – noch ${formatRemaining(remaining)}`);
      }
      return view('running', `noch ${formatRemaining(remaining)}`);
    }
  }
}

/** "12:34 min" below an hour, "1:02:03 h" below a day, "2 T 3 h" beyond. */
export function formatRemaining(ms: number): string {
  const totalSeconds = Math.ceil(ms / 1000);
  const days = Math.floor(totalSeconds / 86_400);
  const hours = Math.floor((totalSeconds % 86_400) / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (days > 0) {
    return `${days} T ${hours} h`;
  }
  if (hours > 0) {
    return `${hours}:${pad(minutes)}:${pad(seconds)} h`;
  }
  return `${minutes}:${pad(seconds)} min`;
}

/** "3 min", "2 h 5 min", "1 T 4 h" (whole minutes passed). */
export function formatOverdue(ms: number): string {
  const totalMinutes = Math.floor(ms / 60_000);
  const days = Math.floor(totalMinutes / 1440);
  const hours = Math.floor((totalMinutes % 1440) / 60);
  const minutes = totalMinutes % 60;
  if (days > 0) {
    return `${days} T ${hours} h`;
  }
  if (hours > 0) {
    return `${hours} h ${minutes} min`;
  }
  return `${minutes} min`;
}

function view(tone: SlaTone, text: string): SlaCountdownView {
  return { tone, icon: ICONS[tone], text };
}

function pad(value: number): string {
  return value.toString().padStart(2, '0');
}

function toMs(value: IsoInstant | null | undefined): number | null {
  if (!value) {
    return null;
  }
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}
