import { ServiceProcess, createTestEnv, sleep, waitFor, type TestEnv } from '@leitstand/backend/testing';
import { armTickets, breachesOf, createSlaWorld, timerJobIds, type SlaWorld } from './sla-test-world';

const HORIZON_MS = 4_000;

/**
 * Redis holds the near timers only: a timer due beyond SLA_TIMER_HORIZON_MS is not armed when its clock
 * is written; reconciliation arms it once it comes within the horizon — ahead of its due instant — and it
 * fires on time, once. (Here a 4 s horizon and a 1 s reconciliation period; in production 5 min and 1 min.)
 */
describe('SLA timer horizon', () => {
  let env: TestEnv;
  let worker: ServiceProcess;
  let world: SlaWorld;

  beforeAll(async () => {
    env = await createTestEnv('sla_horizon', { SLA_RECONCILE_MS: '1000', SLA_TIMER_HORIZON_MS: String(HORIZON_MS) });
    world = await createSlaWorld(env.dataSource);
    worker = await ServiceProcess.start('worker', env.env);
  });

  afterAll(async () => {
    await worker?.stop();
    await env?.cleanup();
  });

  it('arms a later timer by reconciliation once it is within the horizon, before it is due', async () => {
    const deadline = Date.now() + 9_000;
    // Warned already, so each response clock's next timer is its breach (due at the deadline + 1 ms); the
    // restore warnings are due in about 45 minutes. No outbox rows: only reconciliation arms these.
    const ids = await armTickets(env.dataSource, world, {
      n: 3,
      firstDeadline: new Date(deadline),
      stepMs: 0,
      viaOutbox: false,
      tag: 'H',
    });
    const mine = async (): Promise<string[]> =>
      (await timerJobIds(env.redisUrl, env.queuePrefix)).filter((id) => ids.some((t) => id.includes(t)));

    let firstSeen: number | null = null;
    while (Date.now() < deadline) {
      const armed = await mine();
      if (armed.length > 0) {
        firstSeen = Date.now();
        expect(armed).toHaveLength(3);
        expect(armed.every((id) => id.startsWith('sla-breach.') && id.includes('.response.'))).toBe(true);
        break;
      }
      await sleep(100);
    }
    expect(firstSeen).not.toBeNull();
    // not before the breach came within the horizon (plus a little for the round that saw it) …
    expect(firstSeen as number).toBeGreaterThanOrEqual(deadline - HORIZON_MS - 500);
    // … and well before it was due
    expect(firstSeen as number).toBeLessThan(deadline - 1_000);

    await waitFor(async () => (await breachesOf(env.dataSource, ids)).events >= 3, 'breaches', 10_000);
    await sleep(1_500); // a duplicate would land here
    expect(await breachesOf(env.dataSource, ids)).toEqual({ events: 3, tickets: 3, max: 1 });
    const rows = (await env.dataSource.query(
      `SELECT e.occurred_at, c.deadline FROM ticket_events e
         JOIN ticket_sla_clocks c ON c.ticket_id = e.ticket_id AND c.clock = 'response'
        WHERE e.type = 'sla_breached' AND e.ticket_id = ANY($1::uuid[])`,
      [ids],
    )) as Array<{ occurred_at: Date; deadline: Date }>;
    expect(rows).toHaveLength(3);
    for (const r of rows) {
      const late = r.occurred_at.getTime() - r.deadline.getTime();
      expect(late).toBeGreaterThan(0);
      expect(late).toBeLessThan(1_000);
    }
    // The restore warnings, still beyond the horizon, are not in Redis.
    expect(await mine()).toEqual([]);
  });
});
