import { Redis } from 'ioredis';
import { DateTime } from 'luxon';
import { ServiceProcess, createTestEnv, sleep, waitFor, type TestEnv } from '@leitstand/backend/testing';
import { parseChanges, ticketChangesChannel } from '@leitstand/backend/tickets';
import { armTickets, countEvents, createSlaWorld, timerJobIds, type SlaWorld } from './sla-test-world';
import { signIn } from './ticket-test-world';

/**
 * SLA timers end to end on real processes: armed through the outbox, fired by the worker's delayed
 * jobs, recorded once with flags, notifications and a live change; stale versions ignored; quiet
 * warnings recorded without a notification; the notifications endpoint within scope.
 */
describe('SLA timers', () => {
  let env: TestEnv;
  let worker: ServiceProcess;
  let api: ServiceProcess;
  let world: SlaWorld;

  beforeAll(async () => {
    env = await createTestEnv('sla_timers', { SLA_RECONCILE_MS: '1000' });
    world = await createSlaWorld(env.dataSource);
    [worker, api] = await Promise.all([ServiceProcess.start('worker', env.env), ServiceProcess.start('api', env.env)]);
  });

  afterAll(async () => {
    await Promise.all([worker?.stop(), api?.stop()]);
    await env?.cleanup();
  });

  it('records each breach once, at its deadline, with flags, a notification and a live change', async () => {
    const sub = new Redis(env.redisUrl);
    const changes: Array<{ ticketId: string; type: string; version: number }> = [];
    await sub.subscribe(ticketChangesChannel(env.queuePrefix));
    sub.on('message', (_c: string, m: string) => changes.push(...parseChanges(m)));
    try {
      const firstDeadline = new Date(Date.now() + 2_500);
      const ids = await armTickets(env.dataSource, world, {
        n: 20,
        firstDeadline,
        stepMs: 50,
        viaOutbox: true,
        tag: 'F',
      });
      await waitFor(async () => (await countEvents(env.dataSource, 'sla_breached')).events >= 20, 'breaches', 20_000);
      await sleep(1_500); // a reconciliation round and any duplicate delivery would land here
      expect(await countEvents(env.dataSource, 'sla_breached')).toEqual({ events: 20, tickets: 20 });

      const rows = (await env.dataSource.query(
        `SELECT t.id, t.breached, t.version, c.breached_at, c.deadline, e.occurred_at, e.actor, e.dedup_key, e.payload
           FROM tickets t JOIN ticket_sla_clocks c ON c.ticket_id = t.id AND c.clock = 'response'
           JOIN ticket_events e ON e.ticket_id = t.id AND e.type = 'sla_breached'
          WHERE t.id = ANY($1::uuid[])`,
        [ids],
      )) as Array<{
        id: string;
        breached: boolean;
        version: number;
        breached_at: Date;
        deadline: Date;
        occurred_at: Date;
        actor: string;
        dedup_key: string;
        payload: Record<string, unknown>;
      }>;
      expect(rows).toHaveLength(20);
      for (const r of rows) {
        expect(r.breached).toBe(true);
        expect(r.version).toBe(2);
        expect(r.actor).toBe('system:sla-timer');
        expect(r.breached_at.getTime()).toBe(r.occurred_at.getTime());
        const late = r.occurred_at.getTime() - r.deadline.getTime();
        expect(late).toBeGreaterThan(0);
        expect(late).toBeLessThan(2_000);
        expect(r.dedup_key).toMatch(new RegExp(`^sla_breached\\.${r.id}\\.response\\.\\d+$`));
        expect(r.payload).toMatchObject({ clock: 'response', priority: 'A', timerVersion: 0 });
      }
      const [notes] = (await env.dataSource.query(
        `SELECT count(*)::int AS n, count(DISTINCT ticket_id)::int AS t FROM notifications WHERE kind = 'sla_breached' AND channel = 'in_app'`,
      )) as Array<{ n: number; t: number }>;
      expect(notes).toEqual({ n: 20, t: 20 });
      await waitFor(async () => changes.filter((c) => c.type === 'sla_breached').length >= 20, 'changes', 5_000);
      expect(changes.filter((c) => c.type === 'sla_breached' && ids.includes(c.ticketId))).toHaveLength(20);
      expect(changes.every((c) => c.version === 2)).toBe(true);
      // the restore warnings wait in Redis (one timer per clock; their breach follows them); the fired ones are gone
      const delayed = await timerJobIds(env.redisUrl, env.queuePrefix);
      expect(delayed.filter((id) => id.startsWith('sla-breach.') && id.includes('.response.'))).toEqual([]);
      const mine = delayed.filter((id) => ids.some((t) => id.includes(t)));
      expect(mine).toHaveLength(20);
      expect(mine.every((id) => id.startsWith('sla-warning.') && id.includes('.restore.'))).toBe(true);
    } finally {
      sub.disconnect();
    }
  });

  it('ignores a timer whose version is no longer current, and reconciliation replaces it', async () => {
    const [id] = await armTickets(env.dataSource, world, {
      n: 1,
      firstDeadline: new Date(Date.now() + 200_000), // within the timer horizon (5 min), far from firing
      stepMs: 0,
      viaOutbox: true,
      tag: 'V',
    });
    const ticketId = String(id);
    await waitFor(
      async () => (await timerJobIds(env.redisUrl, env.queuePrefix)).includes(`sla-breach.${ticketId}.response.v0`),
      'timer armed',
      10_000,
    );
    // Something moved the deadline (as a priority change would): the v0 timer is an orphan now.
    await env.dataSource.query(
      `UPDATE ticket_sla_clocks SET timer_version = 1 WHERE ticket_id = $1 AND clock = 'response'`,
      [ticketId],
    );
    await waitFor(
      async () => {
        const delayed = await timerJobIds(env.redisUrl, env.queuePrefix);
        return (
          delayed.includes(`sla-breach.${ticketId}.response.v1`) &&
          !delayed.includes(`sla-breach.${ticketId}.response.v0`)
        );
      },
      'reconciliation swaps v0 for v1',
      10_000,
    );
    // The old timer firing anyway does nothing: push it through the queue as if it were due.
    const redis = new Redis(env.redisUrl);
    try {
      const { Queue } = await import('bullmq');
      const queue = new Queue('sla-timers', { connection: redis, prefix: env.queuePrefix });
      await queue.add('sla.breach', { ticketId, clock: 'response', timerVersion: 0 }, { jobId: 'stale-probe-v0' });
      await waitFor(
        async () => (await queue.getJobState('stale-probe-v0')) === 'completed',
        'stale probe done',
        10_000,
      );
      await queue.close();
    } finally {
      redis.disconnect();
    }
    const [n] = (await env.dataSource.query(
      `SELECT count(*)::int AS n FROM ticket_events WHERE ticket_id = $1 AND type LIKE 'sla_%'`,
      [ticketId],
    )) as Array<{ n: number }>;
    expect(n?.n).toBe(0);
  });

  it('records a quiet warning outside the quiet calendar but notifies nobody; notifications are scoped', async () => {
    // A second contract whose quiet calendar is open only on a weekday that is not today.
    const other = await createSlaWorld(env.dataSource);
    const today = DateTime.now().setZone('Europe/Berlin').weekday; // 1 = mon
    const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
    const openDay = days[(today + 2) % 7] as string;
    await env.dataSource.query(
      `UPDATE contracts SET quiet_warnings_calendar = 'service',
         calendars = calendars || jsonb_build_object('service', jsonb_build_object('timezone', 'Europe/Berlin',
           'week', jsonb_build_object($2::text, jsonb_build_array(jsonb_build_array('08:00', '09:00')))))
       WHERE id = $1`,
      [other.contractId, openDay],
    );
    const loud = await armTickets(env.dataSource, world, {
      n: 3,
      firstDeadline: new Date(Date.now() + 120_000),
      stepMs: 10,
      viaOutbox: true,
      tag: 'L',
      warnResponse: true,
    });
    const quiet = await armTickets(env.dataSource, other, {
      n: 3,
      firstDeadline: new Date(Date.now() + 120_000),
      stepMs: 10,
      viaOutbox: true,
      tag: 'Q',
      warnResponse: true,
    });
    await waitFor(async () => (await countEvents(env.dataSource, 'sla_warning')).events >= 6, 'warnings', 15_000);
    await sleep(1_500);
    expect(await countEvents(env.dataSource, 'sla_warning')).toEqual({ events: 6, tickets: 6 });
    const quietEvents = (await env.dataSource.query(
      `SELECT payload FROM ticket_events WHERE type = 'sla_warning' AND ticket_id = ANY($1::uuid[])`,
      [quiet],
    )) as Array<{ payload: Record<string, unknown> }>;
    expect(quietEvents.map((e) => e.payload['quiet'])).toEqual([true, true, true]);
    const flags = (await env.dataSource.query(
      `SELECT at_risk, c.warned_at IS NOT NULL AS warned FROM tickets t JOIN ticket_sla_clocks c
          ON c.ticket_id = t.id AND c.clock = 'response' WHERE t.id = ANY($1::uuid[])`,
      [[...loud, ...quiet]],
    )) as Array<{ at_risk: boolean; warned: boolean }>;
    expect(flags.every((f) => f.at_risk && f.warned)).toBe(true);
    const notified = (await env.dataSource.query(
      `SELECT ticket_id FROM notifications WHERE kind = 'sla_warning' ORDER BY ticket_id`,
    )) as Array<{ ticket_id: string }>;
    expect(notified.map((r) => r.ticket_id)).toEqual([...loud].sort());

    // GET /api/notifications: staff of the tenant see theirs, other tenants' staff not, customers 403.
    const manager = await signIn(env.dataSource, api.baseUrl, 'manager', { servesTenantIds: [world.tenantId] });
    const mine = await manager.get<Array<{ ticketId: string; kind: string }>>('/api/notifications?limit=200');
    expect(mine.status).toBe(200);
    expect(
      mine.body
        .filter((n) => n.kind === 'sla_warning')
        .map((n) => n.ticketId)
        .sort(),
    ).toEqual([...loud].sort());
    expect(mine.body.filter((n) => n.kind === 'sla_breached')).toHaveLength(20);
    const stranger = await signIn(env.dataSource, api.baseUrl, 'manager', { servesTenantIds: [other.tenantId] });
    expect((await stranger.get<unknown[]>('/api/notifications')).body).toEqual([]);
    const customer = await signIn(env.dataSource, api.baseUrl, 'customer', { tenantId: world.tenantId });
    expect((await customer.get('/api/notifications')).status).toBe(403);
    expect((await manager.get('/api/notifications?limit=0')).status).toBe(400);
  });

  it('keeps one timer per clock: a warning hands on to its breach timer, which fires on time', async () => {
    const own = await createSlaWorld(env.dataSource); // its own tenant, apart from the counts above
    // Far ahead: only the two warnings wait in Redis, no breach timer yet.
    const [ahead] = await armTickets(env.dataSource, own, {
      n: 1,
      firstDeadline: new Date(Date.now() + 600_000),
      stepMs: 0,
      viaOutbox: true,
      tag: 'W',
      warnResponse: true,
    });
    const timersOf = async (ticketId: string) =>
      (await timerJobIds(env.redisUrl, env.queuePrefix)).filter((id) => id.includes(ticketId)).sort();
    await waitFor(async () => (await timersOf(String(ahead))).length === 2, 'warnings armed', 10_000);
    await sleep(1_200); // a reconciliation round keeps exactly these
    expect(await timersOf(String(ahead))).toEqual([
      `sla-warning.${ahead}.response.v0`,
      `sla-warning.${ahead}.restore.v0`,
    ]);

    // Warnings due now, deadlines 3 s ahead: each warning is recorded and arms the breach timer, which fires.
    const ids = await armTickets(env.dataSource, own, {
      n: 5,
      firstDeadline: new Date(Date.now() + 3_000),
      stepMs: 10,
      viaOutbox: true,
      tag: 'H',
      warnResponse: true,
    });
    const events = async () =>
      (await env.dataSource.query(
        `SELECT e.ticket_id, e.type, e.occurred_at, c.deadline FROM ticket_events e
           JOIN ticket_sla_clocks c ON c.ticket_id = e.ticket_id AND c.clock = 'response'
          WHERE e.ticket_id = ANY($1::uuid[]) AND e.type IN ('sla_warning', 'sla_breached') ORDER BY e.id`,
        [ids],
      )) as Array<{ ticket_id: string; type: string; occurred_at: Date; deadline: Date }>;
    // And a warning that runs only after the deadline too (the worker was away): it finds the clock breached
    // and hands on to the breach timer, which fires at once — the breach is recorded, the late warning not.
    const overdue = await armTickets(env.dataSource, own, {
      n: 3,
      firstDeadline: new Date(Date.now() - 2_000),
      stepMs: 10,
      viaOutbox: true,
      tag: 'X',
      warnResponse: true,
    });
    ids.push(...overdue);
    await waitFor(
      async () => (await events()).filter((e) => e.type === 'sla_breached').length >= 8,
      'breaches',
      15_000,
    );
    await sleep(1_200);
    const log = await events();
    for (const id of ids) {
      const mine = log.filter((e) => e.ticket_id === id);
      if (overdue.includes(id)) {
        expect(mine.map((e) => e.type)).toEqual(['sla_breached']);
        continue;
      }
      expect(mine.map((e) => e.type)).toEqual(['sla_warning', 'sla_breached']);
      const breach = mine[1] as (typeof mine)[number];
      const late = breach.occurred_at.getTime() - breach.deadline.getTime();
      expect(late).toBeGreaterThan(0);
      expect(late).toBeLessThan(2_000);
    }
  });
});
