import type { DataSource } from 'typeorm';
import { DateTime } from 'luxon';
import { workingDayRule } from '@leitstand/domain';
import { ServiceProcess, createAsset, createTestEnv, waitFor, type TestEnv } from '@leitstand/backend/testing';
import { createTenantWorld, signIn, type Answer, type Client } from './ticket-test-world';

/**
 * Re-planning on real processes (api + worker, PostgreSQL, Redis), the dates from the system clock:
 * - completing a MAIN statutory inspection earlier or later than planned moves the next main inspection and the
 *   intermediate one half-way (BetrSichV: cycles count from the last main test); a shorter next deadline the
 *   approved body wrote into the inspection record wins over the schedule — through the 'maintenance.generate'
 *   job the completion writes to the outbox in its own transaction;
 * - a requirement PATCH (anchor, then interval) moves the future open occurrences to the new plan, cancels the
 *   periods the plan no longer has and never touches a completed occurrence;
 * - deactivating a requirement cancels its future occurrences with reason and approver in the PATCH's
 *   transaction; completed and started ones and the whole event history stay.
 * The requirements are written through the API and back-dated (created_at) so their horizon starts in the past.
 */
const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
const INSPECTION_ITEMS = ['operator-present', 'logbook-available', 'defects-recorded'];
const MAINTENANCE_ITEMS = ['drive-brake', 'doors', 'safety-gear', 'suspension', 'emergency-call', 'lubrication'];
const ZONE = 'Europe/Berlin';
/** The fixture site's state (createSite): its weekends and public holidays are the working-day rule. */
const isWorkingDay = workingDayRule({ holidayRegion: 'DE-BY' });

const today = (): DateTime => DateTime.now().setZone(ZONE).startOf('day');
const iso = (d: DateTime): string => d.toISODate() as string;
/** A statutory deadline: the raw date, moved EARLIER to a working day (never later). */
const statutoryDay = (raw: DateTime): string => {
  let d = raw;
  while (!isWorkingDay(iso(d))) d = d.minus({ days: 1 });
  return iso(d);
};
/** A planning target: the raw date moved LATER to a working day, never past the day before the next raw date. */
const planningDay = (raw: DateTime, next: DateTime): string => {
  let d = raw;
  while (!isWorkingDay(iso(d)) && d < next.minus({ days: 1 })) d = d.plus({ days: 1 });
  return iso(d);
};

interface OccurrenceRow {
  id: string;
  period_no: number;
  kind: string;
  target_date: string;
  legal_latest: string;
  status: string;
  version: number;
  completed_on: string | null;
  started_at: Date | null;
  cancel_reason: string | null;
  cancelled_by: string | null;
  cancel_approved_by: string | null;
  row_text: string;
}

describe('maintenance re-planning on real processes', () => {
  let env: TestEnv;
  let api: ServiceProcess;
  let worker: ServiceProcess | null = null;
  let ds: DataSource;
  let world: Awaited<ReturnType<typeof createTenantWorld>>;
  let manager: Client;
  let technician: Client;
  const req: Record<'early' | 'late' | 'body' | 'grid' | 'retired', string> = {
    early: '',
    late: '',
    body: '',
    grid: '',
    retired: '',
  };
  const T = today();
  // last main tests: the next main inspection 20 days ahead (E1, E3), and 10 days ago (E2)
  const lastEarly = T.minus({ years: 1 }).plus({ days: 20 });
  const lastLate = T.minus({ years: 1 }).minus({ days: 10 });
  // the fixed grid of the PATCH and the deactivation specs: monthly from three months ago
  const gridStart = T.minus({ months: 3 });

  async function occurrences(requirementId: string): Promise<OccurrenceRow[]> {
    return (await ds.query(
      `SELECT o.id, o.period_no, o.kind, o.target_date::text AS target_date, o.legal_latest::text AS legal_latest,
              o.status, o.version, o.completed_on::text AS completed_on, o.started_at, o.cancel_reason,
              o.cancelled_by, o.cancel_approved_by, o::text AS row_text
         FROM maintenance_occurrences o WHERE o.requirement_id = $1 ORDER BY o.period_no`,
      [requirementId],
    )) as OccurrenceRow[];
  }
  async function eventsOf(
    occurrenceId: string,
  ): Promise<Array<{ type: string; actor_id: string | null; payload: Record<string, unknown> }>> {
    return (await ds.query(
      `SELECT type, actor_id, payload FROM occurrence_events WHERE occurrence_id = $1 ORDER BY id`,
      [occurrenceId],
    )) as Array<{ type: string; actor_id: string | null; payload: Record<string, unknown> }>;
  }
  async function version(id: string): Promise<number> {
    const [row] = (await ds.query(`SELECT version FROM maintenance_occurrences WHERE id = $1`, [id])) as Array<{
      version: number;
    }>;
    return Number(row?.version);
  }
  const path = (id: string, action = ''): string => `/api/maintenance/occurrences/${id}${action ? `/${action}` : ''}`;
  const ifMatch = (v: number): Record<string, string> => ({ 'if-match': `"${v}"` });
  async function act(client: Client, id: string, action: string, body: unknown = {}): Promise<Answer> {
    return client.post(path(id, action), body, ifMatch(await version(id)));
  }
  async function put(client: Client, id: string, action: string, body: unknown): Promise<Answer> {
    return client.call('PUT', path(id, action), body, ifMatch(await version(id)));
  }
  async function uploadReport(client: Client, id: string): Promise<number> {
    const form = new FormData();
    form.append('documentClass', 'inspection-report');
    form.append('file', new Blob([new Uint8Array(PDF)]), 'Pruefbericht.pdf');
    const res = await fetch(`${api.baseUrl}${path(id, 'documents')}`, {
      method: 'POST',
      headers: client.session.headers,
      body: form,
    });
    await res.text();
    return res.status;
  }
  /** Completes a main inspection with the full evidence (checklist, §17 record, the body's report). */
  async function completeInspection(id: string, nextDeadline?: string): Promise<Answer> {
    expect(
      (await put(technician, id, 'checklist', { results: INSPECTION_ITEMS.map((key) => ({ key, outcome: 'pass' })) }))
        .status,
    ).toBe(200);
    const record = {
      date: iso(today()),
      type: 'Hauptprüfung',
      scope: 'Prüfung nach § 16 BetrSichV, Anhang 2 Abschnitt 2',
      result: 'no-defects',
      defects: [],
      inspector: 'Dipl.-Ing. M. Berger',
      body: 'TÜV SÜD Industrie Service GmbH',
      ...(nextDeadline ? { nextDeadline } : {}),
    };
    expect((await put(technician, id, 'inspection-record', record)).status).toBe(200);
    expect(await uploadReport(technician, id)).toBe(201);
    return act(technician, id, 'complete');
  }
  /** The worker has published the outbox and its runs left the occurrences alone for two seconds. */
  async function settled(): Promise<void> {
    let last = '';
    await waitFor(
      async () => {
        const [row] = (await ds.query(
          `SELECT (SELECT count(*)::int FROM outbox_messages WHERE published_at IS NULL) AS pending,
                  (SELECT md5(coalesce(string_agg(o::text, ',' ORDER BY o.id), '')) FROM maintenance_occurrences o) AS digest`,
        )) as Array<{ pending: number; digest: string }>;
        const same = row !== undefined && row.pending === 0 && row.digest === last;
        last = row?.digest ?? '';
        return same;
      },
      'the worker to settle',
      120_000,
      2_000,
    );
  }

  beforeAll(async () => {
    env = await createTestEnv('maint_replan');
    ds = env.dataSource;
    api = await ServiceProcess.start('api', env.env);
    world = await createTenantWorld(ds);
    [manager, technician] = await Promise.all([
      signIn(ds, api.baseUrl, 'manager', { servesTenantIds: [world.tenantId] }),
      signIn(ds, api.baseUrl, 'technician', { servesTenantIds: [world.tenantId] }),
    ]);
    const lift = async (code: string) =>
      (
        await createAsset(ds, world.tenantId, world.siteId, {
          code,
          name: `Aufzug ${code}`,
          trade: 'elevators',
          assetClass: 'A',
        })
      ).id;
    const [e1, e2, e3] = [await lift('AZ-E1'), await lift('AZ-E2'), await lift('AZ-E3')];
    const create = async (body: Record<string, unknown>, backdays: number): Promise<string> => {
      const r = await manager.post<{ id: string }>('/api/maintenance/requirements', {
        contractId: world.contractId,
        siteId: world.siteId,
        ...body,
      });
      expect(r.status).toBe(201);
      await ds.query(
        `UPDATE maintenance_requirements SET created_at = now() - make_interval(days => $2) WHERE id = $1`,
        [r.body.id, backdays],
      );
      return r.body.id;
    };
    // Statutory, every year with the intermediate inspection half-way (so the next main one lies in the horizon).
    const statutory = (assetId: string, lastTest: DateTime) => ({
      taskKey: 'elevator-statutory-inspection',
      assetId,
      cadence: { every: 1, unit: 'year' },
      anchor: { kind: 'statutory', lastTest: iso(lastTest) },
      leadDays: 60,
    });
    req.early = await create(statutory(e1, lastEarly), 100);
    req.late = await create(statutory(e2, lastLate), 100);
    req.body = await create(statutory(e3, lastEarly), 100);
    const grid = (assetId: string, leadDays: number) => ({
      taskKey: 'elevator-maintenance',
      assetId,
      cadence: { every: 1, unit: 'month' },
      anchor: { kind: 'fixed-grid', start: iso(gridStart) },
      leadDays,
    });
    req.grid = await create(grid(world.assetA, 7), 10);
    // back-dated 40 days: last month's occurrence exists (to complete) and this month's is released (to start)
    req.retired = await create(grid(world.assetC, 28), 40);
    worker = await ServiceProcess.start('worker', env.env);
    for (const id of Object.values(req)) {
      await waitFor(async () => (await occurrences(id)).length > 0, `the occurrences of ${id}`, 120_000, 250);
    }
    await settled();
  }, 300_000);

  afterAll(async () => {
    await worker?.stop();
    await api?.stop();
    await env?.cleanup();
  });

  /** Waits until the requirement's occurrence of `periodNo` has the target date (the worker re-planned). */
  async function planned(requirementId: string, periodNo: number, target: string): Promise<OccurrenceRow> {
    return waitFor(
      async () =>
        (await occurrences(requirementId)).find((o) => o.period_no === periodNo && o.target_date === target) ?? null,
      `period ${periodNo} of ${requirementId} at ${target}`,
      120_000,
      250,
    );
  }

  describe('completing a main statutory inspection', () => {
    it('earlier than planned moves the intermediate and the next main inspection earlier (half-way rule)', async () => {
      const before = await occurrences(req.early);
      // last test L = today − 1 year + 20 days: the main inspection (period 2) is due in 20 days, the
      // intermediate one (period 3) half-way to the next, L + 1 year + 6 months; period 4 lies beyond the horizon
      const main = before.find((o) => o.period_no === 2);
      expect(main).toMatchObject({ kind: 'main', target_date: statutoryDay(lastEarly.plus({ years: 1 })) });
      expect(before.find((o) => o.period_no === 3)).toMatchObject({
        kind: 'intermediate',
        target_date: statutoryDay(lastEarly.plus({ years: 1 }).plus({ months: 6 })),
      });
      expect(before.find((o) => o.period_no === 4)).toBeUndefined();

      const completions = async () =>
        (
          (await ds.query(
            `SELECT count(*)::int AS n, max(payload ->> 'contractId') AS contract FROM outbox_messages
              WHERE job_name = 'maintenance.generate' AND payload ->> 'reason' = 'occurrence-completed'`,
          )) as Array<{ n: number; contract: string | null }>
        )[0];
      const outboxBefore = await completions();
      const done = await completeInspection(String(main?.id));
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({ status: 'done-on-time', completedOn: iso(T) });
      // the completion's transaction wrote the generation job for the contract
      expect(await completions()).toEqual({ n: Number(outboxBefore?.n) + 1, contract: world.contractId });

      // the cycles now count from today: intermediate today + 6 months, next main today + 1 year
      const intermediate = await planned(req.early, 3, statutoryDay(T.plus({ months: 6 })));
      expect(intermediate.kind).toBe('intermediate');
      expect(intermediate.target_date < String(before.find((o) => o.period_no === 3)?.target_date)).toBe(true);
      const next = await planned(req.early, 4, statutoryDay(T.plus({ years: 1 })));
      expect(next).toMatchObject({ kind: 'main', legal_latest: next.target_date });
      // the move is in the intermediate occurrence's log; the completed one is as it was completed
      const moved = (await eventsOf(intermediate.id)).filter((e) => e.type === 'rescheduled');
      expect(moved.map((e) => e.payload)).toEqual([
        { from: before.find((o) => o.period_no === 3)?.target_date, to: intermediate.target_date },
      ]);
      const after = await occurrences(req.early);
      expect(after.find((o) => o.period_no === 2)).toMatchObject({ status: 'done-on-time', completed_on: iso(T) });
    });

    it('later than planned (past its deadline: missed) moves them later — the miss stays a miss', async () => {
      const before = await occurrences(req.late);
      const main = before.find((o) => o.period_no === 2);
      // last test L = today − 1 year − 10 days: the main inspection was due 10 days ago
      expect(main).toMatchObject({ kind: 'main', target_date: statutoryDay(lastLate.plus({ years: 1 })) });
      const oldIntermediate = String(before.find((o) => o.period_no === 3)?.target_date);
      expect(oldIntermediate).toBe(statutoryDay(lastLate.plus({ years: 1 }).plus({ months: 6 })));
      const done = await completeInspection(String(main?.id));
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({ status: 'missed', completedOn: iso(T) });
      const intermediate = await planned(req.late, 3, statutoryDay(T.plus({ months: 6 })));
      expect(intermediate.target_date > oldIntermediate).toBe(true);
      await planned(req.late, 4, statutoryDay(T.plus({ years: 1 })));
      expect((await occurrences(req.late)).find((o) => o.period_no === 2)).toMatchObject({ status: 'missed' });
    });

    it('with a shorter next deadline in the body’s record: that deadline wins, the intermediate half-way to it', async () => {
      const main = (await occurrences(req.body)).find((o) => o.period_no === 2);
      // the body sets the next main inspection 8 months ahead instead of the schedule's 12
      const deadline = T.plus({ months: 8 });
      const done = await completeInspection(String(main?.id), iso(deadline));
      expect(done.status).toBe(200);
      const next = await planned(req.body, 4, statutoryDay(deadline));
      expect(next).toMatchObject({ kind: 'main' });
      // half-way between today and the body's deadline, in days (the interval is not a whole cadence)
      const days = Math.round(
        DateTime.fromISO(iso(deadline), { zone: 'UTC' }).diff(DateTime.fromISO(iso(T), { zone: 'UTC' }), 'days').days,
      );
      const halfway = T.plus({ days: Math.floor(days / 2) });
      await planned(req.body, 3, statutoryDay(halfway));
      // nothing follows within the horizon: the next intermediate is 8 + 6 months ahead, the next main 8 + 12
      await settled();
      const open = (await occurrences(req.body)).filter((o) => o.completed_on === null && o.status !== 'cancelled');
      expect(open.map((o) => [o.period_no, o.kind, o.target_date])).toEqual([
        [3, 'intermediate', statutoryDay(halfway)],
        [4, 'main', statutoryDay(deadline)],
      ]);
    });
  });

  describe('a requirement PATCH', () => {
    /** The open occurrences a monthly-style fixed grid from `start` every `months` plans from period `first` on. */
    function gridPlan(start: DateTime, months: number, periods: number[]): Map<number, string> {
      const to = T.plus({ months: 12 });
      const plan = new Map<number, string>();
      for (const k of periods) {
        const target = planningDay(start.plus({ months: k * months }), start.plus({ months: (k + 1) * months }));
        if (target >= iso(T.minus({ days: 10 })) && target <= iso(to)) plan.set(k, target);
      }
      return plan;
    }

    it('moves the future open occurrences to the new anchor, then the new interval; completed ones stay', async () => {
      // the grid's current occurrence (period 3, about today) is done; the others lie ahead
      const rows = await occurrences(req.grid);
      const current = rows.find(
        (o) => o.target_date <= iso(T.plus({ days: 7 })) && o.target_date >= iso(T.minus({ days: 10 })),
      );
      expect(current).toBeDefined();
      const id = String(current?.id);
      expect(
        (
          await put(technician, id, 'checklist', {
            results: MAINTENANCE_ITEMS.map((key) => ({ key, outcome: 'pass' })),
          })
        ).status,
      ).toBe(200);
      expect((await act(technician, id, 'complete')).status).toBe(200);
      const completed = (await occurrences(req.grid)).find((o) => o.id === id) as OccurrenceRow;
      expect(completed.completed_on).toBe(iso(T));

      const patch = async (body: Record<string, unknown>): Promise<void> => {
        const [r] = (await ds.query(`SELECT version FROM maintenance_requirements WHERE id = $1`, [
          req.grid,
        ])) as Array<{ version: number }>;
        const res = await manager.patch(`/api/maintenance/requirements/${req.grid}`, body, ifMatch(Number(r?.version)));
        expect(res.status).toBe(200);
      };
      const all = Array.from({ length: 30 }, (_, k) => k);
      const expectPlan = async (start: DateTime, months: number): Promise<void> => {
        const expected = gridPlan(start, months, all);
        expected.delete(completed.period_no);
        const stringify = (m: Map<number, string>) => JSON.stringify([...m].sort((a, b) => a[0] - b[0]));
        await waitFor(
          async () => {
            const open = (await occurrences(req.grid)).filter(
              (o) => o.completed_on === null && o.status !== 'cancelled',
            );
            return stringify(new Map(open.map((o) => [o.period_no, o.target_date]))) === stringify(expected);
          },
          `the grid from ${iso(start)} every ${months} months`,
          120_000,
          250,
        );
      };

      // 1. the anchor moves 10 days later: every future period follows, the one now past the horizon is cancelled
      const newStart = gridStart.plus({ days: 10 });
      await patch({ anchor: { kind: 'fixed-grid', start: iso(newStart) } });
      await expectPlan(newStart, 1);
      await settled();
      let now = await occurrences(req.grid);
      expect(now.find((o) => o.id === id)?.row_text).toBe(completed.row_text);
      const movedOnce = now.filter((o) => o.completed_on === null && o.status !== 'cancelled');
      for (const o of movedOnce) {
        expect((await eventsOf(o.id)).filter((e) => e.type === 'rescheduled')).toHaveLength(1);
      }
      for (const o of now.filter((x) => x.status === 'cancelled')) expect(o.cancel_reason).toMatch(/Plan geändert/);

      // 2. the interval doubles: the periods are every 2 months from the anchor, those beyond the horizon cancelled
      await patch({ cadence: { every: 2, unit: 'month' } });
      await expectPlan(newStart, 2);
      await settled();
      now = await occurrences(req.grid);
      expect(now.find((o) => o.id === id)?.row_text).toBe(completed.row_text);
      const cancelled = now.filter((o) => o.status === 'cancelled');
      expect(cancelled.length).toBeGreaterThan(0);
      for (const o of cancelled) {
        expect(o.cancel_reason).toMatch(/Plan geändert/);
        expect(o.target_date >= iso(T)).toBe(true); // only future ones; their history stays
        expect((await eventsOf(o.id)).map((e) => e.type)[0]).toBe('generated');
      }
    });
  });

  describe('deactivating a requirement', () => {
    it('cancels its future occurrences with reason and approver at once; completed and started ones stay', async () => {
      const rows = await occurrences(req.retired);
      // last month's occurrence (past) and this month's (released) are worked on; the later ones lie ahead
      const released = rows.filter((o) => o.target_date <= iso(T.plus({ days: 7 })));
      expect(released.map((o) => o.target_date < iso(T.minus({ days: 10 })))).toEqual([true, false]);
      const [doneRow, startedRow] = released as [OccurrenceRow, OccurrenceRow];
      expect(
        (
          await put(technician, doneRow.id, 'checklist', {
            results: MAINTENANCE_ITEMS.map((key) => ({ key, outcome: 'pass' })),
          })
        ).status,
      ).toBe(200);
      expect((await act(technician, doneRow.id, 'complete')).status).toBe(200);
      expect((await act(technician, startedRow.id, 'start')).status).toBe(200);
      await settled();
      const before = await occurrences(req.retired);
      const [eventsBefore] = (await ds.query(
        `SELECT count(*)::int AS n FROM occurrence_events e JOIN maintenance_occurrences o ON o.id = e.occurrence_id
          WHERE o.requirement_id = $1`,
        [req.retired],
      )) as Array<{ n: number }>;

      const [r] = (await ds.query(`SELECT version FROM maintenance_requirements WHERE id = $1`, [
        req.retired,
      ])) as Array<{ version: number }>;
      const res = await manager.patch<{ active: boolean }>(
        `/api/maintenance/requirements/${req.retired}`,
        { active: false },
        ifMatch(Number(r?.version)),
      );
      expect(res.status).toBe(200);
      expect(res.body.active).toBe(false);

      // at once, in the PATCH's transaction (the worker has not run yet or changes nothing)
      const after = await occurrences(req.retired);
      const future = before.filter((o) => o.id !== doneRow.id && o.id !== startedRow.id);
      expect(future.length).toBeGreaterThan(5);
      for (const o of future) {
        const now = after.find((a) => a.id === o.id);
        expect(now).toMatchObject({
          status: 'cancelled',
          cancel_reason: 'Plan deaktiviert / requirement deactivated',
          cancelled_by: manager.user.id,
          cancel_approved_by: manager.user.id,
        });
        const events = await eventsOf(o.id);
        expect(events[0]?.type).toBe('generated'); // history kept
        expect(events.at(-1)).toMatchObject({
          type: 'cancelled',
          actor_id: manager.user.id,
          payload: { reason: 'requirement-deactivated', approverId: manager.user.id, from: o.status },
        });
      }
      expect(after.find((o) => o.id === doneRow.id)?.row_text).toBe(before.find((o) => o.id === doneRow.id)?.row_text);
      expect(after.find((o) => o.id === startedRow.id)?.row_text).toBe(
        before.find((o) => o.id === startedRow.id)?.row_text,
      );

      // the generation the PATCH queued finds nothing more to cancel and plans nothing new
      await settled();
      const final = await occurrences(req.retired);
      expect(final.map((o) => o.row_text)).toEqual(after.map((o) => o.row_text));
      const [events] = (await ds.query(
        `SELECT count(*)::int AS n,
                count(*) FILTER (WHERE e.type = 'cancelled')::int AS cancelled
           FROM occurrence_events e JOIN maintenance_occurrences o ON o.id = e.occurrence_id WHERE o.requirement_id = $1`,
        [req.retired],
      )) as Array<{ n: number; cancelled: number }>;
      expect(events).toEqual({ n: Number(eventsBefore?.n) + future.length, cancelled: future.length });
    });
  });

  describe('an asset taken out of the contract', () => {
    it('is re-planned at once: the PATCH queues the generation, which cancels its future open occurrences', async () => {
      const [r] = (await ds.query(`SELECT asset_id FROM maintenance_requirements WHERE id = $1`, [
        req.early,
      ])) as Array<{
        asset_id: string;
      }>;
      const assetId = String(r?.asset_id);
      const open = (o: OccurrenceRow) =>
        o.target_date >= iso(today()) && o.completed_on === null && o.started_at === null && o.status !== 'cancelled';
      const before = await occurrences(req.early);
      expect(before.filter(open).length).toBeGreaterThan(0);
      const done = before.filter((o) => o.completed_on !== null);
      const asset = await manager.get<{ version: number }>(`/api/assets/${assetId}`);
      expect(asset.status).toBe(200);
      const res = await manager.patch(`/api/assets/${assetId}`, { inContract: false }, ifMatch(asset.body.version));
      expect(res.status).toBe(200);
      const [queued] = (await ds.query(
        `SELECT count(*)::int AS n FROM outbox_messages
          WHERE job_name = 'maintenance.generate' AND payload ->> 'reason' = 'asset-changed'
            AND payload ->> 'contractId' = $1`,
        [world.contractId],
      )) as Array<{ n: number }>;
      expect(queued?.n).toBe(1);
      await waitFor(
        async () => ((await occurrences(req.early)).filter(open).length === 0 ? true : null),
        'the future occurrences of the asset taken out to be cancelled',
        60_000,
        250,
      );
      const after = await occurrences(req.early);
      const cancelled = after.filter((o) => o.status === 'cancelled' && o.target_date >= iso(today()));
      expect(cancelled.length).toBe(before.filter(open).length);
      // what was completed stays as it was
      for (const o of done) expect(after.find((a) => a.id === o.id)?.row_text).toBe(o.row_text);
      // and a change that does not touch the selection queues nothing
      const again = await manager.get<{ version: number }>(`/api/assets/${assetId}`);
      expect(
        (await manager.patch(`/api/assets/${assetId}`, { name: 'Aufzug E1 (Rückbau)' }, ifMatch(again.body.version)))
          .status,
      ).toBe(200);
      const [still] = (await ds.query(
        `SELECT count(*)::int AS n FROM outbox_messages
          WHERE job_name = 'maintenance.generate' AND payload ->> 'reason' = 'asset-changed'`,
      )) as Array<{ n: number }>;
      expect(still?.n).toBe(1);
    });
  });
});
