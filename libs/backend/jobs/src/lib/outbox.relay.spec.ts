import { JOB_DEFINITIONS } from './jobs.constants';
import { planRelayRound, type OutboxRow } from './outbox.relay';

const NOW = Date.parse('2026-11-22T08:00:00.000Z');
let nextId = 1;
const row = (job_name: string, payload: Record<string, unknown>, runAt: Date | null = null): OutboxRow => ({
  id: String(nextId++),
  job_name,
  payload,
  run_at: runAt,
});

describe('planRelayRound (the BullMQ jobs of one relay round)', () => {
  it('merges the intake confirmations of a round into one job and keeps every other row a job of its own', () => {
    const a = row('ticket.created', { ticketIds: ['t1', 't2'] });
    const timer = row('sla.warning', { ticketId: 't1', clock: 'response', timerVersion: 0 }, new Date(NOW + 90_000));
    const b = row('ticket.created', { ticketIds: ['t3'] });
    const kpi = row('kpi.recompute-contract', { contractId: 'c1' }, new Date(NOW + 30_000));
    const { jobs, poison } = planRelayRound([a, timer, b, kpi], NOW);
    expect(poison).toEqual([]);
    expect(jobs.map((j) => [j.queue, j.name, j.rowIds])).toEqual([
      ['sla-timers', 'sla.warning', [timer.id]],
      ['kpi', 'kpi.recompute-contract', [kpi.id]],
      ['tickets', 'ticket.created', [a.id, b.id]],
    ]);
    const merged = jobs[2];
    expect(merged?.data).toEqual({ ticketIds: ['t1', 't2', 't3'] });
    expect(merged?.opts.jobId).toBe(JOB_DEFINITIONS['ticket.created'].jobId({ ticketIds: ['t1', 't2', 't3'] }));
    expect(merged?.opts.delay).toBeUndefined();
    expect(jobs[0]?.opts).toMatchObject({ jobId: 'sla-warning.t1.response.v0', delay: 90_000 });
    expect(jobs[1]?.opts).toMatchObject({ deduplication: { id: 'kpi-recompute.c1', keepLastIfActive: true } });
  });

  it('gives a re-published row merged with other rows another job id (its effects are idempotent)', () => {
    const a = row('ticket.created', { ticketIds: ['t1'] });
    const alone = planRelayRound([a], NOW).jobs[0];
    const withMore = planRelayRound([a, row('ticket.created', { ticketIds: ['t9'] })], NOW).jobs[0];
    expect(alone?.data).toEqual({ ticketIds: ['t1'] });
    expect(alone?.opts.jobId).not.toBe(withMore?.opts.jobId);
  });

  it('leaves rows of unknown jobs out, as poison', () => {
    const stray = row('no.such.job', {});
    const { jobs, poison } = planRelayRound([stray, row('ticket.created', { ticketIds: ['t1'] })], NOW);
    expect(poison).toEqual([stray]);
    expect(jobs).toHaveLength(1);
  });
});
