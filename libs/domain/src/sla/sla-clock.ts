import { BusinessCalendar } from '../calendar/business-calendar';
import { SlaInputError } from './sla.errors';
import type {
  ClockKind,
  Priority,
  ReopenPolicy,
  SlaBudget,
  SlaClockState,
  SlaClocks,
  SlaEvent,
  SlaMatrix,
  SlaStatus,
  SlaTarget,
} from './sla.types';
import { CLOCK_KINDS, PRIORITIES } from './sla.types';

/*
 * ──────────────────────────────────────────────────────────────────────────────────────────────
 *  SLA clocks from a ticket's event log — computeSlaClocks({ events, matrix, now, reopenPolicy? })
 * ──────────────────────────────────────────────────────────────────────────────────────────────
 *  Input is plain data the backend reads from its rows: the SLA events (mapped from the ticket's
 *  append-only event log; unknown types are dropped by that mapping), the contract's SLA matrix (see
 *  buildSlaMatrix for building it from stored JSON) and `now`. The domain never reads the clock.
 *  The result per clock (`response`, `restore`) is what the backend stores and the worker schedules
 *  on: deadline, warningAt, state and nextCheckAt (the instant of the next timer).
 *
 *  Rules (each has a scenario test in sla-clock-*.spec.ts):
 *   1. Both clocks start at 'created' (with its priority). A clock counts business time on its
 *      calendar (matrix[priority][clock].calendar) and never pause time. Events are applied in time
 *      order (stable for equal instants); events after `now` are not yet known and are ignored, and
 *      so is anything before 'created' and a second 'created'.
 *   2. 'accepted' stops the response clock; 'restored' stops the restore clock, and the response
 *      clock too if it is still running (a restore implies the fault was taken on).
 *   3. 'paused' / 'resumed' suspend and resume every clock that has not stopped. Repeated pauses or
 *      resumes are idempotent.
 *   4. 'priority_changed' keeps the time used and swaps the budget, retroactively: the clock is
 *      judged against the budget of the priority in force at `now` (an upgrade that leaves less budget
 *      than was used is breached at once; the event log keeps the history as evidence). Time from the
 *      change on is counted on the new priority's calendar.
 *   5. 'calendar_changed' is effective-dated: time used before it stays as measured on the old
 *      calendar, time after it is counted on the new one, and the deadline is recomputed from there.
 *      (A *corrected* contract calendar is not an event: pass the corrected matrix and every figure is
 *      recomputed from the log.)
 *   6. 'reopened' after 'restored': by default ('continue') the restore clock resumes with the time
 *      already used — the restored→reopened interval does not count, a bogus restore cannot reset the
 *      clock, and a clock that was breached stays breached. With reopenPolicy 'restart' the restore
 *      clock starts again from zero at 'reopened'. The response clock is not affected.
 *   7. A 'businessDays' budget is resolved once, from the clock's start, into business minutes on the
 *      target's calendar (up to the close of the n-th business day); pauses then push the deadline by
 *      the paused business time, exactly like a minutes budget.
 *   8. The deadline is the instant the budget is used up. A clock stopped at or before it is 'met',
 *      after it 'breached'. An unstopped clock is 'breached' once now > deadline, else 'running' or
 *      'paused'. A clock paused after its deadline passed stays 'breached'.
 *   9. The warning instant is where `warningShare × budget` is used up; `warned` once it is reached.
 */

const MS_PER_MINUTE = 60_000;

interface Segment {
  from: number;
  to: number;
  calendar: BusinessCalendar;
}

interface ClockRun {
  readonly kind: ClockKind;
  startedAt: number;
  /** Calendar override in force at startedAt (for resolving a businessDays budget). */
  startOverride: BusinessCalendar | undefined;
  override: BusinessCalendar | undefined;
  segments: Segment[];
  /** Start of the running segment, or undefined when not counting (paused or stopped). */
  openFrom: number | undefined;
  stoppedAt: number | undefined;
}

function instant(value: unknown, field: string): number {
  const ms = value instanceof Date ? value.getTime() : NaN;
  if (!Number.isFinite(ms)) {
    throw new SlaInputError(field, 'expected a valid Date');
  }
  return ms;
}

function isPriority(value: unknown): value is Priority {
  return typeof value === 'string' && (PRIORITIES as readonly string[]).includes(value);
}

/** Validates and returns matrix[priority][clock]. */
function targetOf(matrix: SlaMatrix, priority: Priority, clock: ClockKind): SlaTarget {
  const field = `matrix.${priority}.${clock}`;
  const target = (matrix as Partial<Record<Priority, Partial<Record<ClockKind, SlaTarget>>>>)[priority]?.[clock];
  if (target === undefined) {
    throw new SlaInputError(field, 'missing SLA target');
  }
  if (!(target.calendar instanceof BusinessCalendar)) {
    throw new SlaInputError(`${field}.calendar`, 'expected a BusinessCalendar');
  }
  if (!(Number.isFinite(target.warningShare) && target.warningShare > 0 && target.warningShare <= 1)) {
    throw new SlaInputError(`${field}.warningShare`, `expected a share in (0, 1], got ${target.warningShare}`);
  }
  assertBudget(target.budget, `${field}.budget`);
  return target;
}

export function assertBudget(budget: SlaBudget, field: string): void {
  if (budget?.kind === 'minutes') {
    if (!(Number.isFinite(budget.minutes) && budget.minutes >= 0)) {
      throw new SlaInputError(`${field}.minutes`, `expected business minutes ≥ 0, got ${budget.minutes}`);
    }
    return;
  }
  if (budget?.kind === 'businessDays') {
    if (!(Number.isInteger(budget.days) && budget.days >= 1)) {
      throw new SlaInputError(`${field}.days`, `expected a whole number of business days ≥ 1, got ${budget.days}`);
    }
    return;
  }
  throw new SlaInputError(field, "expected { kind: 'minutes', minutes } or { kind: 'businessDays', days }");
}

function budgetMs(budget: SlaBudget, calendar: BusinessCalendar, startedAt: number): number {
  if (budget.kind === 'minutes') {
    return budget.minutes * MS_PER_MINUTE;
  }
  const close = calendar.closeOfBusinessDay(new Date(startedAt), budget.days).getTime();
  return calendar.businessMsBetween(startedAt, close);
}

/** Instant at which `amount` business ms are used along the segments; undefined if not within them. */
function crossing(segments: readonly Segment[], amount: number): number | undefined {
  let used = 0;
  for (const s of segments) {
    const available = s.calendar.businessMsBetween(s.from, s.to);
    if (used + available > amount || (used + available === amount && available > 0)) {
      return s.calendar.addBusinessMs(s.from, amount - used);
    }
    used += available;
  }
  return undefined;
}

function toDate(ms: number): Date {
  return new Date(Math.round(ms));
}

export function computeSlaClocks(a: {
  events: readonly SlaEvent[];
  matrix: SlaMatrix;
  now: Date;
  reopenPolicy?: ReopenPolicy;
}): SlaClocks {
  const now = instant(a.now, 'now');
  const reopenPolicy: ReopenPolicy = a.reopenPolicy ?? 'continue';
  if (reopenPolicy !== 'continue' && reopenPolicy !== 'restart') {
    throw new SlaInputError('reopenPolicy', `expected 'continue' or 'restart', got ${String(reopenPolicy)}`);
  }

  const ordered = a.events
    .map((event, index) => ({ event, index, at: instant(event?.at, `events[${index}].at`) }))
    .filter((e) => e.at <= now)
    .sort((x, y) => x.at - y.at || x.index - y.index);

  let priority: Priority | undefined;
  let paused = false;
  const runs = new Map<ClockKind, ClockRun>();

  const calendarOf = (run: ClockRun): BusinessCalendar =>
    run.override ?? targetOf(a.matrix, priority as Priority, run.kind).calendar;
  const closeSegment = (run: ClockRun, at: number): void => {
    if (run.openFrom !== undefined) {
      if (at > run.openFrom) {
        run.segments.push({ from: run.openFrom, to: at, calendar: calendarOf(run) });
      }
      run.openFrom = undefined;
    }
  };
  const openSegment = (run: ClockRun, at: number): void => {
    if (run.stoppedAt === undefined && !paused) {
      run.openFrom = at;
    }
  };
  const stop = (run: ClockRun | undefined, at: number): void => {
    if (run !== undefined && run.stoppedAt === undefined) {
      closeSegment(run, at);
      run.stoppedAt = at;
    }
  };
  /** Ends the running segment at `at` and continues with whatever calendar applies after `change`. */
  const splitAt = (run: ClockRun, at: number, change: () => void): void => {
    const wasOpen = run.openFrom !== undefined;
    closeSegment(run, at);
    change();
    if (wasOpen) {
      openSegment(run, at);
    }
  };

  for (const { event, index, at } of ordered) {
    if (event.type === 'created') {
      if (priority !== undefined) {
        continue;
      }
      if (!isPriority(event.priority)) {
        throw new SlaInputError(`events[${index}].priority`, `expected one of ${PRIORITIES.join(', ')}`);
      }
      priority = event.priority;
      for (const kind of CLOCK_KINDS) {
        targetOf(a.matrix, priority, kind);
        const run: ClockRun = {
          kind,
          startedAt: at,
          startOverride: undefined,
          override: undefined,
          segments: [],
          openFrom: undefined,
          stoppedAt: undefined,
        };
        runs.set(kind, run);
        openSegment(run, at);
      }
      continue;
    }
    if (priority === undefined) {
      continue; // nothing runs before 'created'
    }
    const all = [...runs.values()];
    switch (event.type) {
      case 'priority_changed': {
        if (!isPriority(event.priority)) {
          throw new SlaInputError(`events[${index}].priority`, `expected one of ${PRIORITIES.join(', ')}`);
        }
        const next = event.priority;
        for (const kind of CLOCK_KINDS) {
          targetOf(a.matrix, next, kind);
        }
        // time so far stays on the old priority's calendar; from here on the new one counts
        const wasOpen = all.filter((run) => run.openFrom !== undefined);
        for (const run of wasOpen) {
          closeSegment(run, at);
        }
        priority = next;
        for (const run of wasOpen) {
          openSegment(run, at);
        }
        break;
      }
      case 'paused':
        if (!paused) {
          for (const run of all) {
            closeSegment(run, at);
          }
          paused = true;
        }
        break;
      case 'resumed':
        if (paused) {
          paused = false;
          for (const run of all) {
            openSegment(run, at);
          }
        }
        break;
      case 'accepted':
        stop(runs.get('response'), at);
        break;
      case 'restored':
        stop(runs.get('restore'), at);
        stop(runs.get('response'), at);
        break;
      case 'reopened': {
        const run = runs.get('restore');
        if (run !== undefined && run.stoppedAt !== undefined) {
          run.stoppedAt = undefined;
          if (reopenPolicy === 'restart') {
            run.segments = [];
            run.startedAt = at;
            run.startOverride = run.override;
          }
          openSegment(run, at);
        }
        break;
      }
      case 'calendar_changed': {
        if (!(event.calendar instanceof BusinessCalendar)) {
          throw new SlaInputError(`events[${index}].calendar`, 'expected a BusinessCalendar');
        }
        if (event.clock !== undefined && !(CLOCK_KINDS as readonly string[]).includes(event.clock)) {
          throw new SlaInputError(`events[${index}].clock`, `expected one of ${CLOCK_KINDS.join(', ')}`);
        }
        for (const run of all) {
          if (event.clock === undefined || event.clock === run.kind) {
            splitAt(run, at, () => {
              run.override = event.calendar;
            });
          }
        }
        break;
      }
      default:
        break; // the union is closed; anything else was dropped by the backend mapping
    }
  }

  if (priority === undefined) {
    throw new SlaInputError('events', "the event log has no 'created' event at or before now");
  }
  const finalPriority = priority;
  const result = {} as SlaClocks;
  for (const kind of CLOCK_KINDS) {
    const run = runs.get(kind) as ClockRun;
    const running = run.openFrom !== undefined;
    closeSegment(run, now);
    result[kind] = evaluate(run, running, targetOf(a.matrix, finalPriority, kind), finalPriority, now);
  }
  return result;
}

function evaluate(run: ClockRun, running: boolean, target: SlaTarget, priority: Priority, now: number): SlaClockState {
  const calendar = run.override ?? target.calendar;
  const budget = budgetMs(target.budget, run.startOverride ?? target.calendar, run.startedAt);
  let used = 0;
  for (const s of run.segments) {
    used += s.calendar.businessMsBetween(s.from, s.to);
  }
  /** Where `amount` is (or will be) used up: within the history, or projected from the last instant. */
  const instantOf = (amount: number): number | null => {
    const within = crossing(run.segments, amount);
    if (within !== undefined) {
      return within;
    }
    if (running) {
      return calendar.addBusinessMs(now, amount - used);
    }
    if (run.stoppedAt !== undefined) {
      return calendar.addBusinessMs(run.stoppedAt, amount - used);
    }
    return null; // paused with budget left: the instant moves with the pause
  };
  const deadline = instantOf(budget);
  const warningAt = instantOf(budget * target.warningShare);
  const end = run.stoppedAt ?? now;

  let state: SlaStatus;
  if (run.stoppedAt !== undefined) {
    state = deadline !== null && run.stoppedAt > deadline ? 'breached' : 'met';
  } else if (deadline !== null && now > deadline) {
    state = 'breached';
  } else {
    state = running ? 'running' : 'paused';
  }

  let nextCheckAt: number | null = null;
  if (state === 'running' && deadline !== null && warningAt !== null) {
    nextCheckAt = warningAt > now ? warningAt : deadline + 1;
  }

  return {
    clock: run.kind,
    state,
    priority,
    budget:
      target.budget.kind === 'minutes'
        ? { kind: 'minutes', minutes: target.budget.minutes }
        : { kind: 'businessDays', days: target.budget.days },
    budgetMinutes: budget / MS_PER_MINUTE,
    startedAt: new Date(run.startedAt),
    stoppedAt: run.stoppedAt === undefined ? null : new Date(run.stoppedAt),
    usedMinutes: used / MS_PER_MINUTE,
    remainingMinutes: Math.max(0, budget - used) / MS_PER_MINUTE,
    deadline: deadline === null ? null : toDate(deadline),
    warningAt: warningAt === null ? null : toDate(warningAt),
    warned: warningAt !== null && end >= warningAt,
    breach:
      state === 'breached' && deadline !== null
        ? { businessMinutes: Math.max(0, used - budget) / MS_PER_MINUTE, lateMs: Math.round(end - deadline) }
        : null,
    nextCheckAt: nextCheckAt === null ? null : toDate(nextCheckAt),
  };
}
