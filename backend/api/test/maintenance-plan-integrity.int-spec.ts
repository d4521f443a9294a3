import pino from 'pino';
import type { DataSource } from 'typeorm';
import { DateTime } from 'luxon';
import { OccurrenceGenerator } from '@leitstand/backend/maintenance';
import { createTestEnv, type TestEnv } from '@leitstand/backend/testing';
import { createTenantWorld } from './ticket-test-world';
import { MAINTENANCE, STATUTORY, createRequirement } from './maintenance-test-world';

/**
 * What re-planning must never do, on the real generator and PostgreSQL (dates from the system clock):
 * - a plan change moves only planned or due occurrences: an overdue or a missed one keeps its dates (moving its
 *   legal latest date past today would heal the miss), and a re-run after that writes nothing;
 * - a shorter next deadline the approved body set at the main inspection survives an intermediate inspection
 *   recorded without one: the next main inspection never moves later than the body's deadline.
 */
interface Row {
  id: string;
  period_no: number;
  kind: string;
  target_date: string;
  legal_latest: string;
  status: string;
  completed_on: string | null;
  row_text: string;
}

const ZONE = 'Europe/Berlin';
const today = (): DateTime => DateTime.now().setZone(ZONE).startOf('day');
const iso = (d: DateTime): string => d.toISODate() as string;

describe('maintenance plan integrity', () => {
  let env: TestEnv;
  let ds: DataSource;
  let world: Awaited<ReturnType<typeof createTenantWorld>>;
  let generator: OccurrenceGenerator;

  beforeAll(async () => {
    env = await createTestEnv('maint_integrity');
    ds = env.dataSource;
    world = await createTenantWorld(ds);
    generator = new OccurrenceGenerator(ds, { now: () => new Date() }, pino({ level: 'silent' }));
  });

  afterAll(async () => {
    await env?.cleanup();
  });

  async function rows(requirementId: string): Promise<Row[]> {
    return (await ds.query(
      `SELECT o.id, o.period_no, o.kind, o.target_date::text AS target_date, o.legal_latest::text AS legal_latest,
              o.status, o.completed_on::text AS completed_on, o::text AS row_text
         FROM maintenance_occurrences o WHERE o.requirement_id = $1 ORDER BY o.period_no`,
      [requirementId],
    )) as Row[];
  }
  async function setAnchor(requirementId: string, anchor: DateTime, backdays: number): Promise<void> {
    await ds.query(
      `UPDATE maintenance_requirements SET anchor_date = $2::date, created_at = now() - make_interval(days => $3),
              version = version + 1 WHERE id = $1`,
      [requirementId, iso(anchor), backdays],
    );
  }

  it('a plan change moves planned and due occurrences only: overdue and missed keep their dates', async () => {
    const T = today();
    const req = await createRequirement(ds, world, { ...MAINTENANCE, cadence: [1, 'month'] }, world.assetA);
    // monthly fixed grid from three months ago, the horizon from 70 days ago: two periods already lie behind us
    await setAnchor(req, T.minus({ months: 3 }), 70);
    await generator.generate(String(world.contractId));
    const before = await rows(req);
    const past = before.filter((r) => r.target_date < iso(T));
    expect(past.length).toBeGreaterThanOrEqual(2);
    const [missed, overdue] = past as [Row, Row];
    await ds.query(`UPDATE maintenance_occurrences SET status = 'missed' WHERE id = $1`, [missed.id]);
    await ds.query(`UPDATE maintenance_occurrences SET status = 'overdue' WHERE id = $1`, [overdue.id]);
    const frozen = (await rows(req)).filter((r) => r.id === missed.id || r.id === overdue.id);

    // the anchor moves 10 days later: the planned ones follow …
    await setAnchor(req, T.minus({ months: 3 }).plus({ days: 10 }), 70);
    const report = await generator.generate(String(world.contractId));
    expect(report.rescheduled).toBeGreaterThan(0);
    const after = await rows(req);
    const moved = after.filter((r) => r.status === 'planned' || r.status === 'due');
    expect(moved.length).toBeGreaterThan(0);
    for (const r of moved) {
      const was = before.find((b) => b.id === r.id);
      if (was && was.target_date >= iso(T.plus({ days: 1 }))) {
        expect([r.id, r.target_date]).not.toEqual([r.id, was.target_date]);
      }
    }
    // … the overdue and the missed one stay exactly as they were, and the miss stays a miss
    expect(after.filter((r) => r.id === missed.id || r.id === overdue.id).map((r) => r.row_text)).toEqual(
      frozen.map((r) => r.row_text),
    );
    const [events] = (await ds.query(
      `SELECT count(*)::int AS n FROM occurrence_events WHERE occurrence_id = ANY($1::uuid[]) AND type = 'rescheduled'`,
      [[missed.id, overdue.id]],
    )) as Array<{ n: number }>;
    expect(events?.n).toBe(0);

    // a re-run finds the stored plan equal to the plan: nothing is written again
    const rerun = await generator.generate(String(world.contractId));
    expect([rerun.changedPairs, rerun.inserted, rerun.rescheduled, rerun.cancelled]).toEqual([0, 0, 0, 0]);
  });

  it('keeps the body’s shorter deadline after an intermediate inspection recorded without one', async () => {
    const T = today();
    const asset = world.assetC;
    const req = await createRequirement(ds, world, { ...STATUTORY, cadence: [1, 'year'] }, asset);
    // last main test a year ago less 20 days: the next main inspection is due in 20 days
    await setAnchor(req, T.minus({ years: 1 }).plus({ days: 20 }), 30);
    await generator.generate(String(world.contractId));
    const main = (await rows(req)).find((r) => r.kind === 'main' && r.target_date >= iso(T));
    expect(main).toBeDefined();

    // the main inspection is done today; the body writes a next deadline in 8 months (shorter than the year)
    const bodyDeadline = T.plus({ months: 8 });
    const record = (nextDeadline?: string) =>
      JSON.stringify({
        date: iso(T),
        type: 'Prüfung',
        scope: 'BetrSichV Anhang 2 Abschnitt 2',
        result: 'no-defects',
        defects: [],
        inspector: 'Dipl.-Ing. M. Berger',
        body: 'TÜV SÜD Industrie Service GmbH',
        ...(nextDeadline ? { nextDeadline } : {}),
      });
    const complete = (id: string, rec: string) =>
      ds.query(
        `UPDATE maintenance_occurrences SET status = 'done-on-time', started_at = now(), completed_at = now(),
                completed_on = $2::date, inspection_record = $3::jsonb, evidence_accepted = true,
                version = version + 1 WHERE id = $1`,
        [id, iso(T), rec],
      );
    await complete(String(main?.id), record(iso(bodyDeadline)));
    await generator.generate(String(world.contractId));
    const nextMain = () =>
      rows(req).then((all) =>
        all.find((r) => r.kind === 'main' && r.completed_on === null && r.status !== 'cancelled'),
      );
    const planned = await nextMain();
    expect(planned).toBeDefined();
    expect(String(planned?.legal_latest) <= iso(bodyDeadline)).toBe(true);
    const intermediate = (await rows(req)).find(
      (r) => r.kind === 'intermediate' && r.completed_on === null && r.status !== 'cancelled',
    );
    expect(intermediate).toBeDefined();

    // the intermediate inspection is recorded without a deadline: the body's deadline still holds
    await complete(String(intermediate?.id), record());
    await generator.generate(String(world.contractId));
    const after = await nextMain();
    expect(after).toBeDefined();
    const latest = String(after?.legal_latest);
    expect([latest, latest <= iso(bodyDeadline)]).toEqual([latest, true]);
  });
});
