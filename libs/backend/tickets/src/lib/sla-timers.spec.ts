import {
  JOB_DEFINITIONS,
  assertValidJobId,
  jobIdFor,
  slaTimerJobId,
  type SlaTimerPayload,
} from '@leitstand/backend/jobs';
import {
  breachDueAt,
  clockAfterWarning,
  decideSlaTimer,
  needsNewTimers,
  planSlaTimers,
  slaEventDedupKey,
  slaTimerJobs,
  withinTimerHorizon,
  type SlaTimerClock,
  type SlaTimerClockRow,
} from './sla-timers';

const TICKET = '0b5d5c1e-8a3b-4c55-9a51-6d1b2e3f4a5b';
const warningAt = new Date('2026-03-02T10:45:00.000Z');
const deadline = new Date('2026-03-02T11:00:00.000Z');

const running: SlaTimerClock = {
  ticketId: TICKET,
  clock: 'restore',
  state: 'running',
  warningAt,
  deadline,
  warnedAt: null,
  breachedAt: null,
  timerVersion: 3,
};

function row(over: Partial<SlaTimerClockRow> = {}): SlaTimerClockRow {
  return {
    ticket_id: TICKET,
    clock: 'restore',
    state: 'running',
    warning_at: warningAt,
    deadline,
    warned_at: null,
    breached_at: null,
    timer_version: 3,
    started_at: new Date('2026-03-02T08:00:00.000Z'),
    stopped_at: null,
    ...over,
  };
}

describe('SLA timer job ids', () => {
  it('carry kind, ticket, clock and timer version, are legal for BullMQ and differ per version', () => {
    const p = { ticketId: TICKET, clock: 'response' as const, timerVersion: 0 };
    expect(jobIdFor('sla.breach', p)).toBe(`sla-breach.${TICKET}.response.v0`);
    expect(jobIdFor('sla.warning', p)).toBe(`sla-warning.${TICKET}.response.v0`);
    expect(slaTimerJobId('breach', { ...p, timerVersion: 1 })).not.toBe(jobIdFor('sla.breach', p));
    expect(() => assertValidJobId(jobIdFor('sla.breach', p))).not.toThrow();
    expect(jobIdFor('sla.breach', p)).not.toContain(':');
  });

  it('live on the sla-timers queue and leave no finished job behind (so an id can be armed again)', () => {
    expect(JOB_DEFINITIONS['sla.breach'].queue).toBe('sla-timers');
    expect(JOB_DEFINITIONS['sla.warning'].queue).toBe('sla-timers');
    expect(JOB_DEFINITIONS['sla.breach'].options.removeOnComplete).toBe(true);
  });
});

describe('planSlaTimers', () => {
  it('arms only the next timer: the warning at warning_at while it is not recorded', () => {
    const plan = planSlaTimers(running);
    expect(plan.map((t) => [t.name, t.jobId, t.dueAt.toISOString()])).toEqual([
      ['sla.warning', `sla-warning.${TICKET}.restore.v3`, '2026-03-02T10:45:00.000Z'],
    ]);
    expect(plan[0]?.payload).toEqual({ ticketId: TICKET, clock: 'restore', timerVersion: 3 });
  });

  it('once the warning is recorded (or without one), the breach at the first breached instant (deadline + 1 ms)', () => {
    expect(
      planSlaTimers({ ...running, warnedAt: warningAt }).map((t) => [t.name, t.jobId, t.dueAt.toISOString()]),
    ).toEqual([['sla.breach', `sla-breach.${TICKET}.restore.v3`, '2026-03-02T11:00:00.001Z']]);
    expect(planSlaTimers({ ...running, warningAt: null }).map((t) => t.kind)).toEqual(['breach']);
    expect(breachDueAt(deadline).getTime() - deadline.getTime()).toBe(1);
    expect(planSlaTimers({ ...running, warnedAt: warningAt, breachedAt: new Date() })).toEqual([]);
  });

  it('arms nothing for paused and met clocks', () => {
    expect(planSlaTimers({ ...running, state: 'paused', deadline: null, warningAt: null })).toEqual([]);
    expect(planSlaTimers({ ...running, state: 'met' })).toEqual([]);
  });

  it('arms an (overdue) breach timer for a clock found breached whose breach is not yet recorded', () => {
    const plan = planSlaTimers({ ...running, state: 'breached' });
    expect(plan.map((t) => t.kind)).toEqual(['breach']);
    expect(planSlaTimers({ ...running, state: 'breached', breachedAt: new Date() })).toEqual([]);
  });

  it('arms new timers only on a new clock, a new version or a (re)start', () => {
    expect(needsNewTimers(undefined, running)).toBe(true);
    expect(needsNewTimers({ state: 'running', timerVersion: 3 }, running)).toBe(false);
    expect(needsNewTimers({ state: 'running', timerVersion: 2 }, running)).toBe(true);
    expect(needsNewTimers({ state: 'met', timerVersion: 3 }, running)).toBe(true); // reopened
    expect(needsNewTimers({ state: 'running', timerVersion: 3 }, { ...running, state: 'paused' })).toBe(false);
    // passing the deadline: the breach timer of this version is the one firing
    expect(needsNewTimers({ state: 'running', timerVersion: 3 }, { ...running, state: 'breached' })).toBe(false);
    // a priority upgrade that breaches at once: new version, an overdue breach timer
    expect(needsNewTimers({ state: 'running', timerVersion: 2 }, { ...running, state: 'breached' })).toBe(true);
  });
});

describe('decideSlaTimer', () => {
  const afterDeadline = new Date(deadline.getTime() + 1);

  it('acts on a breach of the current version', () => {
    expect(decideSlaTimer('breach', 3, row({ state: 'breached' }), afterDeadline)).toEqual({ act: true });
    // stopped after the deadline before the timer ran: still a breach to record
    expect(decideSlaTimer('breach', 3, row({ state: 'breached', stopped_at: afterDeadline }), afterDeadline)).toEqual({
      act: true,
    });
  });

  it('ignores a timer of an older version (orphan after pause, resume, priority or calendar change)', () => {
    expect(decideSlaTimer('breach', 2, row({ state: 'breached' }), afterDeadline)).toEqual({
      act: false,
      reason: 'stale-version',
    });
    expect(decideSlaTimer('warning', 2, row(), afterDeadline)).toEqual({ act: false, reason: 'stale-version' });
  });

  it('never records twice', () => {
    expect(decideSlaTimer('breach', 3, row({ state: 'breached', breached_at: afterDeadline }), afterDeadline)).toEqual({
      act: false,
      reason: 'already-recorded',
    });
    expect(decideSlaTimer('warning', 3, row({ warned_at: warningAt }), afterDeadline)).toEqual({
      act: false,
      reason: 'already-recorded',
    });
  });

  it('does nothing when the condition no longer holds', () => {
    expect(decideSlaTimer('breach', 3, row({ state: 'met' }), afterDeadline)).toEqual({
      act: false,
      reason: 'not-applicable',
    });
    expect(decideSlaTimer('warning', 3, row({ state: 'paused' }), afterDeadline)).toEqual({
      act: false,
      reason: 'not-applicable',
    });
    expect(decideSlaTimer('breach', 3, undefined, afterDeadline)).toEqual({ act: false, reason: 'gone' });
  });

  it('reports a timer that came early as not due (at the deadline itself the clock is not breached)', () => {
    expect(decideSlaTimer('breach', 3, row(), deadline)).toEqual({ act: false, reason: 'not-due' });
    expect(decideSlaTimer('warning', 3, row(), new Date(warningAt.getTime() - 1))).toEqual({
      act: false,
      reason: 'not-due',
    });
    expect(decideSlaTimer('warning', 3, row(), warningAt)).toEqual({ act: true });
  });
});

describe('slaEventDedupKey', () => {
  it('is one per ticket, clock and clock cycle', () => {
    const a = slaEventDedupKey('breach', TICKET, 'restore', new Date('2026-03-02T08:00:00.000Z'));
    expect(a).toBe(`sla_breached.${TICKET}.restore.${Date.parse('2026-03-02T08:00:00.000Z')}`);
    expect(slaEventDedupKey('breach', TICKET, 'restore', new Date('2026-03-03T08:00:00.000Z'))).not.toBe(a);
    expect(slaEventDedupKey('warning', TICKET, 'restore', new Date('2026-03-02T08:00:00.000Z'))).toMatch(
      /^sla_warning\./,
    );
    expect(a.length).toBeLessThanOrEqual(200);
  });
});

describe('clockAfterWarning (one timer per clock: the warning hands on to the breach)', () => {
  const at = new Date(warningAt.getTime() + 5);
  const next = (version: number, clockRow: SlaTimerClockRow | undefined) => {
    const clock = clockAfterWarning(version, clockRow, decideSlaTimer('warning', version, clockRow, at), at);
    return clock && planSlaTimers(clock).map((t) => t.jobId);
  };

  it('arms the breach when the warning is recorded now or was recorded before', () => {
    expect(next(3, row())).toEqual([`sla-breach.${TICKET}.restore.v3`]);
    expect(next(3, row({ warned_at: warningAt }))).toEqual([`sla-breach.${TICKET}.restore.v3`]);
  });

  it('arms the (overdue) breach of a clock found breached, and nothing for a stopped clock', () => {
    expect(next(3, row({ state: 'breached' }))).toEqual([`sla-breach.${TICKET}.restore.v3`]);
    expect(next(3, row({ state: 'met' }))).toEqual([]);
  });

  it('hands on nothing from a stale, early or vanished warning', () => {
    expect(next(2, row())).toBeNull();
    expect(next(3, undefined)).toBeNull();
    const early = new Date(warningAt.getTime() - 1);
    expect(clockAfterWarning(3, row(), decideSlaTimer('warning', 3, row(), early), early)).toBeNull();
  });
});

describe('timer horizon (what goes to Redis when a clock is written)', () => {
  const FIVE_MIN = 5 * 60_000;
  const at = (iso: string) => new Date(iso);

  it('arms a timer due within the horizon, an overdue one, and leaves a later one to reconciliation', () => {
    expect(withinTimerHorizon(warningAt, at('2026-03-02T10:40:00.000Z'), FIVE_MIN)).toBe(true); // exactly 5 min
    expect(withinTimerHorizon(warningAt, at('2026-03-02T10:39:59.999Z'), FIVE_MIN)).toBe(false);
    expect(withinTimerHorizon(warningAt, at('2026-03-02T10:50:00.000Z'), FIVE_MIN)).toBe(true); // overdue
  });

  it('filters the jobs of the written clocks by their due instant; without a horizon every timer is armed', () => {
    const response: SlaTimerClock = {
      ...running,
      clock: 'response',
      warningAt: at('2026-03-02T10:02:00.000Z'),
      deadline: at('2026-03-02T10:05:00.000Z'),
    };
    const now = at('2026-03-02T10:00:00.000Z');
    const horizonJobs = slaTimerJobs([response, running], { now, horizonMs: FIVE_MIN });
    expect(horizonJobs).toEqual([
      {
        jobName: 'sla.warning',
        payload: { ticketId: TICKET, clock: 'response', timerVersion: 3 },
        runAt: response.warningAt,
      },
    ]);
    expect(slaTimerJobs([response, running]).map((j) => (j.payload as SlaTimerPayload).clock)).toEqual([
      'response',
      'restore',
    ]);
    // 45 minutes later the restore warning is within the horizon too
    expect(slaTimerJobs([running], { now: at('2026-03-02T10:41:00.000Z'), horizonMs: FIVE_MIN })).toHaveLength(1);
  });
});
