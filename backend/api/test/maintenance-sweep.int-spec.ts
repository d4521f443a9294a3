import type { DataSource } from 'typeorm';
import { OccurrenceSweep } from '@leitstand/backend/maintenance';
import { createTestEnv, type TestEnv } from '@leitstand/backend/testing';
import { createTenantWorld } from './ticket-test-world';
import { MAINTENANCE, createOccurrence, createRequirement } from './maintenance-test-world';

/**
 * The status sweep (issue 15) against the real PostgreSQL with a controlled clock: planned → due (work-order
 * date reached: 'reminder') → overdue (not started after the target date: 'overdue') → missed (not completed by
 * the legal latest date: 'missed'), each judged on the SITE's date (Europe/Berlin, not UTC) and each event once
 * in the occurrence's own append-only log — a repeated or concurrent sweep records nothing twice. A started
 * occurrence is never overdue, a completed one never missed, and a sweep of one contract leaves the others.
 *
 * The worker process runs the sweep on the system clock, so the class runs here, on the spec's clock, against
 * the same database a worker would use; no part of the database is mocked.
 */
describe('maintenance sweep: planned → due → overdue → missed on a controlled clock', () => {
  let env: TestEnv;
  let ds: DataSource;
  let world: Awaited<ReturnType<typeof createTenantWorld>>;
  let other: Awaited<ReturnType<typeof createTenantWorld>>;
  let requirement: string;
  let otherRequirement: string;
  let now = new Date('2027-02-10T12:00:00Z');
  const clock = { now: () => now };
  let sweep: OccurrenceSweep;

  // One occurrence, dated as the generator writes them: work order from 2027-02-15 (target − 28 days),
  // target 2027-03-15 (a Monday), legal latest 2027-03-29.
  const dates = { target: '2027-03-15', legalLatest: '2027-03-29', onTimeLimit: '2027-03-15' };

  beforeAll(async () => {
    env = await createTestEnv('maint_sweep');
    ds = env.dataSource;
    world = await createTenantWorld(ds);
    other = await createTenantWorld(ds);
    requirement = await createRequirement(ds, world, MAINTENANCE, world.assetA);
    otherRequirement = await createRequirement(ds, other, MAINTENANCE, other.assetA);
    sweep = new OccurrenceSweep(ds, clock);
  });

  afterAll(async () => {
    await env?.cleanup();
  });

  async function state(id: string): Promise<{ status: string; version: number; events: string[] }> {
    const [row] = (await ds.query(
      `SELECT o.status, o.version,
              coalesce((SELECT array_agg(e.type ORDER BY e.id) FROM occurrence_events e WHERE e.occurrence_id = o.id),
                       '{}')::text[] AS events
         FROM maintenance_occurrences o WHERE o.id = $1`,
      [id],
    )) as Array<{ status: string; version: number; events: string[] }>;
    if (!row) throw new Error(`no occurrence ${id}`);
    return row;
  }

  it('moves an untouched occurrence through every status on the site’s date, one event each', async () => {
    const id = await createOccurrence(ds, world, requirement, world.assetA, {
      ...dates,
      status: 'planned',
      released: false,
    });
    const at = async (instant: string) => {
      now = new Date(instant);
      await sweep.run(world.contractId ?? undefined);
      return state(id);
    };

    expect(await at('2027-02-14T12:00:00Z')).toMatchObject({ status: 'planned', events: [] });
    // 23:30 UTC on the 14th is 00:30 on the 15th in Berlin: the work-order date has come at the site
    expect(await at('2027-02-14T23:30:00Z')).toMatchObject({ status: 'due', events: ['reminder'] });
    // the target day itself is not overdue yet (23:59 in Berlin)
    expect(await at('2027-03-15T22:59:00Z')).toMatchObject({ status: 'due', events: ['reminder'] });
    // the day after the target, not started: overdue
    expect(await at('2027-03-15T23:01:00Z')).toMatchObject({ status: 'overdue', events: ['reminder', 'overdue'] });
    // still overdue on the legal latest date
    expect(await at('2027-03-29T12:00:00Z')).toMatchObject({ status: 'overdue' });
    // not completed by the legal latest date: missed
    const missed = await at('2027-03-30T06:00:00Z');
    expect(missed).toMatchObject({ status: 'missed', events: ['reminder', 'overdue', 'missed'] });

    // the payload names the dates the event was judged against
    const [event] = (await ds.query(
      `SELECT payload, dedup_key, actor_id FROM occurrence_events WHERE occurrence_id = $1 AND type = 'missed'`,
      [id],
    )) as Array<{ payload: Record<string, string>; dedup_key: string; actor_id: string | null }>;
    expect(event).toEqual({
      payload: { targetDate: dates.target, legalLatest: dates.legalLatest },
      dedup_key: 'missed',
      actor_id: null,
    });

    // a later sweep, and two at once, change nothing: the status is final and each event exists once
    now = new Date('2027-04-20T06:00:00Z');
    const reports = await Promise.all([sweep.run(), sweep.run(), sweep.run(world.contractId ?? undefined)]);
    expect(reports.every((r) => r.events === 0)).toBe(true);
    expect(await state(id)).toEqual(missed);
  });

  it('skips straight to missed when the worker was stopped past the legal latest date (catch-up)', async () => {
    const id = await createOccurrence(ds, world, requirement, world.assetA, {
      ...dates,
      status: 'planned',
      released: false,
    });
    now = new Date('2027-04-02T06:00:00Z');
    await sweep.run();
    // one sweep records what it judges now — missed — and no reminder or overdue event for days long gone
    expect(await state(id)).toMatchObject({ status: 'missed', events: ['missed'] });
  });

  it('never marks a started occurrence overdue, nor a completed one missed', async () => {
    const started = await createOccurrence(ds, world, requirement, world.assetA, { ...dates, status: 'due' });
    await ds.query(`UPDATE maintenance_occurrences SET started_at = '2027-03-14T08:00:00Z' WHERE id = $1`, [started]);
    const completed = await createOccurrence(ds, world, requirement, world.assetA, {
      ...dates,
      status: 'done-on-time',
      completedOn: '2027-03-14',
      evidenceAccepted: true,
    });
    const before = await state(completed);
    now = new Date('2027-03-20T06:00:00Z');
    await sweep.run();
    expect(await state(started)).toMatchObject({ status: 'due', events: [] });
    // past the legal latest date the started one is missed all the same (started is not completed)
    now = new Date('2027-03-30T06:00:00Z');
    await sweep.run();
    expect(await state(started)).toMatchObject({ status: 'missed', events: ['missed'] });
    expect(await state(completed)).toEqual(before);
  });

  it('leaves a row alone that changed after the sweep read it (its version moved)', async () => {
    const id = await createOccurrence(ds, world, requirement, world.assetA, { ...dates, status: 'due' });
    now = new Date('2027-03-20T06:00:00Z');
    // A technician starts the work while the sweep runs: the sweep's read saw it not started (overdue), the
    // start commits before the sweep's write. Holding a lock on the row between the two makes that order sure.
    const runner = ds.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    await runner.query(
      `UPDATE maintenance_occurrences SET started_at = '2027-03-20T05:00:00Z', version = version + 1 WHERE id = $1`,
      [id],
    );
    const sweeping = sweep.run(world.contractId ?? undefined);
    // the sweep reads the committed (not started) row, then waits on the row lock for its UPDATE
    await new Promise((r) => setTimeout(r, 500));
    await runner.commitTransaction();
    await runner.release();
    await sweeping;
    expect(await state(id)).toMatchObject({ status: 'due', events: [] });
  });

  it('sweeps only the contract it is given', async () => {
    const mine = await createOccurrence(ds, world, requirement, world.assetA, { ...dates, status: 'due' });
    const theirs = await createOccurrence(ds, other, otherRequirement, other.assetA, { ...dates, status: 'due' });
    now = new Date('2027-03-20T06:00:00Z');
    await sweep.run(world.contractId ?? undefined);
    expect((await state(mine)).status).toBe('overdue');
    expect(await state(theirs)).toMatchObject({ status: 'due', events: [] });
    await sweep.run(other.contractId ?? undefined);
    expect(await state(theirs)).toMatchObject({ status: 'overdue', events: ['overdue'] });
  });
});
