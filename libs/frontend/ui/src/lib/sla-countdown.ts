import type { IsoInstant, SlaClockView } from '@leitstand/api-contracts';
import type { I18nKey, I18nParams } from '@leitstand/frontend/i18n';

/** What a countdown needs of a clock (a full SlaClockView fits, and so does a queue row's summary). */
export type SlaCountdownClock = Pick<SlaClockView, 'clock' | 'state' | 'deadline' | 'warningAt'> &
  Partial<Pick<SlaClockView, 'remainingMinutes' | 'breachMinutes' | 'lateMs' | 'stoppedAt'>>;

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

/** Looks a text up in the UI language (`I18nService.t`); passed in so that this stays a pure function. */
export type Translate = (key: I18nKey, params?: I18nParams) => string;

/**
 * The countdown of one SLA clock at `nowMs`, in the language of `t`: "noch 12:34 min" / "12:34 min left",
 * "gefährdet – noch 4:10 min" / "at risk – 4:10 min left", "überfällig seit 3 min" / "overdue by 3 min",
 * "pausiert: Ersatzteil bestellt" / "paused: …"; a stopped clock keeps its final figure: "erfüllt, 3 min vor
 * Frist" / "met, 3 min before the deadline", "verletzt um 8:35 min" / "breached by 8:35 min". Pure, so that the shared ticker drives
 * every row and tests need no timers; a component calling it inside a `computed` with `I18nService.t`
 * re-renders when the language changes (the language is a signal read by `t`).
 */
export function describeSlaClock(
  clock: SlaCountdownClock | null | undefined,
  nowMs: number,
  pauseReason: string | null | undefined,
  t: Translate,
): SlaCountdownView {
  if (!clock) {
    return view('none', t('sla.none'));
  }
  const overdue = (ms: number): string => t('sla.overdue', { time: formatOverdue(ms, t) });
  const stoppedAt = toMs(clock.stoppedAt);
  const deadline = toMs(clock.deadline);
  switch (clock.state) {
    case 'met': {
      // A stopped clock shows its final figure: how long before the deadline it stopped.
      if (stoppedAt !== null && deadline !== null && deadline > stoppedAt) {
        return view('met', t('sla.metAhead', { time: formatOverdue(deadline - stoppedAt, t) }));
      }
      return view('met', t('sla.met'));
    }
    case 'paused':
      return view('paused', pauseReason ? t('sla.pausedWithReason', { reason: pauseReason }) : t('sla.paused'));
    case 'breached': {
      if (stoppedAt !== null) {
        // Final lateness (deadline → stop), never the time since the deadline.
        const lateMs = clock.lateMs ?? (deadline !== null ? stoppedAt - deadline : null);
        const late = lateMs ?? (clock.breachMinutes ?? 0) * 60_000;
        return view('breached', t('sla.breachedBy', { time: formatRemaining(Math.max(0, late), t) }));
      }
      if (deadline !== null && nowMs >= deadline) {
        return view('breached', overdue(nowMs - deadline));
      }
      const minutes = clock.breachMinutes ?? 0;
      return view('breached', overdue(minutes * 60_000));
    }
    case 'running': {
      if (deadline === null) {
        return view('running', t('sla.running'));
      }
      const remaining = deadline - nowMs;
      if (remaining <= 0) {
        return view('breached', overdue(-remaining));
      }
      const warningAt = toMs(clock.warningAt);
      if (warningAt !== null && nowMs >= warningAt) {
        return view('at-risk', t('sla.atRisk', { time: formatRemaining(remaining, t) }));
      }
      return view('running', t('sla.remaining', { time: formatRemaining(remaining, t) }));
    }
  }
}

/** "12:34 min" below an hour, "1:02:03 h" below a day, "2 T 3 h" / "2 d 3 h" beyond. */
export function formatRemaining(ms: number, t: Translate): string {
  const totalSeconds = Math.ceil(ms / 1000);
  const days = Math.floor(totalSeconds / 86_400);
  const hours = Math.floor((totalSeconds % 86_400) / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (days > 0) {
    return t('duration.daysHours', { days, hours });
  }
  if (hours > 0) {
    return t('duration.hoursMinutesSeconds', { hours, minutes: pad(minutes), seconds: pad(seconds) });
  }
  return t('duration.minutesSeconds', { minutes, seconds: pad(seconds) });
}

/** "3 min", "2 h 5 min", "1 T 4 h" / "1 d 4 h" (whole minutes passed). */
export function formatOverdue(ms: number, t: Translate): string {
  const totalMinutes = Math.floor(ms / 60_000);
  const days = Math.floor(totalMinutes / 1440);
  const hours = Math.floor((totalMinutes % 1440) / 60);
  const minutes = totalMinutes % 60;
  if (days > 0) {
    return t('duration.daysHours', { days, hours });
  }
  if (hours > 0) {
    return t('duration.hoursMinutes', { hours, minutes });
  }
  return t('duration.minutes', { minutes });
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
