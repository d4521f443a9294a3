import type { BusinessCalendar } from '../calendar/business-calendar';

export type Priority = 'A' | 'B' | 'C';
export const PRIORITIES: readonly Priority[] = ['A', 'B', 'C'];

/** `response` = acceptance (Annahme/Reaktionszeit), `restore` = Entstörung/Wiederherstellzeit. */
export type ClockKind = 'response' | 'restore';
export const CLOCK_KINDS: readonly ClockKind[] = ['response', 'restore'];

/**
 * An SLA budget: business minutes on the target's calendar, or "by the close of the n-th business
 * day" (see BusinessCalendar.closeOfBusinessDay for how days are counted).
 */
export type SlaBudget = { kind: 'minutes'; minutes: number } | { kind: 'businessDays'; days: number };

export interface SlaTarget {
  budget: SlaBudget;
  /** The calendar the clock runs on (24/7, on-site service hours, …). */
  calendar: BusinessCalendar;
  /** Share of the budget at which to warn, in (0, 1], e.g. 0.75. */
  warningShare: number;
}

/** A contract's SLA matrix: one target per priority and clock. */
export type SlaMatrix = Record<Priority, Record<ClockKind, SlaTarget>>;

/** A pause of the SLA clocks ("waiting for customer"); `to` is absent while still paused. */
export interface Pause {
  from: Date;
  to?: Date;
}

/**
 * The SLA-relevant part of a ticket's append-only event log. The backend maps its event rows onto
 * these and drops types it does not know (the domain only sees the union below).
 */
export type SlaEvent =
  | { type: 'created'; at: Date; priority: Priority }
  | { type: 'priority_changed'; at: Date; priority: Priority }
  | { type: 'paused'; at: Date }
  | { type: 'resumed'; at: Date }
  | { type: 'accepted'; at: Date }
  | { type: 'restored'; at: Date }
  | { type: 'reopened'; at: Date }
  /** From `at` on, the clock(s) run on `calendar` instead of the matrix's (both clocks when `clock` is absent). */
  | { type: 'calendar_changed'; at: Date; calendar: BusinessCalendar; clock?: ClockKind };

export type SlaEventType = SlaEvent['type'];

/**
 * What happens to the restore clock when a restored ticket is reopened:
 * - 'continue' (default): the clock resumes with the time already used; the time between
 *   'restored' and 'reopened' does not count.
 * - 'restart': the clock starts again from zero at 'reopened' with the full budget.
 */
export type ReopenPolicy = 'continue' | 'restart';

export type SlaStatus = 'running' | 'paused' | 'met' | 'breached';

export interface SlaBreach {
  /** Business minutes used beyond the budget (0 when the deadline was a closing instant and the clock stood still since). */
  businessMinutes: number;
  /** Wall-clock milliseconds from the deadline to the stop (or to `now` while unfinished). */
  lateMs: number;
}

export interface SlaClockState {
  clock: ClockKind;
  state: SlaStatus;
  /** Priority in force at `now` (its budget applies to the whole clock). */
  priority: Priority;
  budget: SlaBudget;
  /** The budget in business minutes (a businessDays budget resolved from the clock's start). */
  budgetMinutes: number;
  /** When the clock started: 'created', or the last 'reopened' under the 'restart' policy. */
  startedAt: Date;
  /** 'accepted' (response) / 'restored' (restore); null while the clock is not stopped. */
  stoppedAt: Date | null;
  /** Business minutes used up to min(now, stoppedAt), pauses excluded. */
  usedMinutes: number;
  /** max(0, budgetMinutes − usedMinutes). */
  remainingMinutes: number;
  /**
   * The instant the budget is (or was) used up. For a met clock: the deadline that was in force when
   * it stopped. Null while paused with budget left (the deadline moves with the pause).
   */
  deadline: Date | null;
  /** The instant `warningShare` of the budget is (or was) used up; null while paused before it. */
  warningAt: Date | null;
  /** The warning instant has been reached (by `now`, or by the stop). */
  warned: boolean;
  /** Set when state is 'breached'. */
  breach: SlaBreach | null;
  /**
   * The next instant at which this clock's state changes by the passage of time alone, for the
   * worker's timer: `warningAt` if still ahead, else the first breached instant (deadline + 1 ms).
   * Null when paused, stopped or already breached.
   */
  nextCheckAt: Date | null;
}

export type SlaClocks = Record<ClockKind, SlaClockState>;
