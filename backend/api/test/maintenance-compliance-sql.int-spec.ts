import { DateTime } from 'luxon';
import type { DataSource } from 'typeorm';
import { COMPLIANCE_DRILL_DOWN_LIMIT, type ComplianceResponse } from '@leitstand/api-contracts';
import type { AuthUser } from '@leitstand/backend/core';
import { ComplianceService } from '@leitstand/backend/maintenance';
import { createAsset, createTestEnv, type TestEnv } from '@leitstand/backend/testing';
import { provisionalCompliance, type ComplianceInput, type ProvisionalComplianceResult } from '@leitstand/domain';
import { MAINTENANCE, createOccurrence, createRequirement, type MaintenanceWorld } from './maintenance-test-world';
import { createTenantWorld } from './ticket-test-world';

/**
 * Issue 15, the compliance endpoint's SQL held to the domain: ComplianceService counts in PostgreSQL (one GROUP BY
 * trade) what provisionalCompliance counts in memory. A varied world — three trades, every status, targets before,
 * in and after the period, completions on time, within grace, after grace, after the legal latest date and after
 * "today", accepted and missing evidence, cancellations, another contract's occurrences — is read both ways on
 * several days (before the period, inside it, on its last day, after it): the SQL answer must equal the domain
 * function over the same rows. The drill-down is capped at COMPLIANCE_DRILL_DOWN_LIMIT rows, missed first.
 */
const PERIOD = { from: '2026-03-01', to: '2026-05-31' };
const TODAYS = ['2026-02-20', '2026-03-01', '2026-04-15', '2026-05-31', '2026-06-10', '2026-07-20'];
const TRADES = ['elevators', 'fire-protection', 'compressed-air'];
const ADMIN: AuthUser = {
  id: '00000000-0000-4000-8000-000000000001',
  email: 'admin@leitstand.example',
  displayName: 'Admin',
  role: 'admin',
  tenantId: null,
  tenantIds: 'all',
  sessionId: 'compliance-sql',
};

const plus = (date: string, days: number): string =>
  DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate() as string;

/** Deterministic pseudo-random numbers (a 32-bit LCG), so the world is the same on every run. */
function lcg(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

/** A service whose "today" is `day` (10:00 in Europe/Berlin). */
const serviceOn = (ds: DataSource, day: string): ComplianceService =>
  new ComplianceService(ds, { now: () => new Date(`${day}T09:00:00Z`) });

/** The contract's occurrences as provisionalCompliance takes them (target date, then id, as the figures list them). */
async function inputsOf(ds: DataSource, contractId: string): Promise<ComplianceInput[]> {
  const rows = (await ds.query(
    `SELECT id, trade, target_date::text AS target, on_time_limit::text AS on_time, legal_latest::text AS legal,
            completed_on::text AS completed, evidence_accepted AS accepted, status
       FROM maintenance_occurrences WHERE contract_id = $1 ORDER BY target_date, id`,
    [contractId],
  )) as Array<{
    id: string;
    trade: string;
    target: string;
    on_time: string;
    legal: string;
    completed: string | null;
    accepted: boolean;
    status: string;
  }>;
  return rows.map((r) => ({
    occurrenceId: r.id,
    trade: r.trade,
    targetDate: r.target,
    onTimeLimit: r.on_time,
    legalLatest: r.legal,
    ...(r.completed !== null ? { completedOn: r.completed } : {}),
    evidenceAccepted: r.accepted,
    cancelled: r.status === 'cancelled',
  }));
}

/** The answer's figures are the domain's (counts, percent, derivation and, untruncated, the non-compliant lists). */
function expectSameFigures(answer: ComplianceResponse, expected: ProvisionalComplianceResult): void {
  expect(answer.measuredTo).toBe(expected.measuredTo);
  expect(answer.total).toEqual(expected.total);
  expect(answer.byTrade).toEqual(expected.byTrade);
  expect(answer.undecided).toBe(expected.undecided.total);
  expect(answer.undecidedByTrade).toEqual(expected.undecided.byTrade);
}

describe('compliance in SQL equals the domain function', () => {
  let env: TestEnv;
  let world: MaintenanceWorld & { assetA: string };
  let inputs: ComplianceInput[];

  beforeAll(async () => {
    env = await createTestEnv('maintenance_compliance_sql');
    const ds = env.dataSource;
    const w = await createTenantWorld(ds);
    world = w;
    const assets = [
      w.assetA,
      (await createAsset(ds, w.tenantId, w.siteId, { assetClass: 'A', name: 'BMA', trade: 'fire-protection' })).id,
      (await createAsset(ds, w.tenantId, w.siteId, { assetClass: 'B', name: 'Kompressor', trade: 'compressed-air' }))
        .id,
    ];
    const requirements = await Promise.all(assets.map((a) => createRequirement(ds, w, MAINTENANCE, a)));
    const rnd = lcg(15_2026);
    // 360 occurrences: targets 20 days before to 20 days after the period; grace 0, 1 or 6 days; legal latest
    // 0, 1, 3, 14 or 28 days after the on-time limit; one of six completions; evidence accepted (2 in 3) or not; 1 in 10
    // cancelled.
    const span = DateTime.fromISO(PERIOD.to).diff(DateTime.fromISO(PERIOD.from), 'days').days + 40;
    for (let i = 0; i < 360; i++) {
      const t = i % TRADES.length;
      const target = plus(PERIOD.from, rnd(span) - 20);
      const onTimeLimit = plus(target, [0, 1, 6][rnd(3)] ?? 0);
      const legalLatest = plus(onTimeLimit, [0, 1, 3, 14, 28][rnd(5)] ?? 0);
      const cancelled = rnd(10) === 0;
      const completion = cancelled ? 0 : rnd(6);
      const completedOn = [
        undefined, // not completed
        target, // on its target day
        onTimeLimit, // on the last day of its grace
        plus(onTimeLimit, 1), // after its grace: late (or missed when the legal latest is the on-time limit)
        plus(legalLatest, 2), // after its legal latest date: missed, never healed
        plus(PERIOD.to, 30), // long after, past every "today" inside the period
      ][completion];
      await createOccurrence(ds, w, requirements[t] as string, assets[t] as string, {
        target,
        onTimeLimit,
        legalLatest,
        trade: TRADES[t] as string,
        ...(completedOn !== undefined ? { completedOn, status: 'done-on-time' } : {}),
        evidenceAccepted: completedOn !== undefined && rnd(3) !== 0,
        ...(cancelled ? { status: 'cancelled', cancelReason: 'Anlage stillgelegt' } : {}),
      });
    }
    // the edges of each day read: on-time limit today (still undecided), legal latest today (open, not missed yet),
    // completed on its legal latest date (late, not missed)
    for (const [t, today] of TODAYS.flatMap((d) => TRADES.map((_, t) => [t, d] as const))) {
      const on = (o: Parameters<typeof createOccurrence>[4]) =>
        createOccurrence(ds, w, requirements[t] as string, assets[t] as string, { ...o, trade: TRADES[t] as string });
      await on({ target: plus(today, -2), onTimeLimit: today, legalLatest: plus(today, 3) });
      await on({ target: plus(today, -5), onTimeLimit: plus(today, -3), legalLatest: today });
      await on({
        target: plus(today, -6),
        onTimeLimit: plus(today, -5),
        legalLatest: plus(today, -2),
        completedOn: plus(today, -2),
        status: 'done-late',
        evidenceAccepted: true,
      });
    }
    // another contract's occurrence in the period: never counted
    const other = await createTenantWorld(ds);
    const otherReq = await createRequirement(ds, other, MAINTENANCE, other.assetA);
    await createOccurrence(ds, other, otherReq, other.assetA, { target: '2026-04-01', legalLatest: '2026-04-02' });
    inputs = await inputsOf(ds, String(w.contractId));
  });

  afterAll(async () => {
    await env?.cleanup();
  });

  it.each(TODAYS)('counts as provisionalCompliance does on %s', async (today) => {
    const answer = await serviceOn(env.dataSource, today).compliance(ADMIN, {
      contractId: String(world.contractId),
      ...PERIOD,
    });
    const expected = provisionalCompliance(inputs, PERIOD, today);
    expectSameFigures(answer, expected);
    // the drill-down: every late, missed and open occurrence (fewer than the cap here), missed first, then late,
    // then open, each by target date
    const rank = { missed: 0, late: 1, open: 2 } as const;
    const targetOf = new Map(inputs.map((i) => [i.occurrenceId, i.targetDate]));
    const wanted = [...expected.total.nonCompliant].sort(
      (a, b) =>
        rank[a.reason] - rank[b.reason] ||
        String(targetOf.get(a.occurrenceId)).localeCompare(String(targetOf.get(b.occurrenceId))) ||
        (a.occurrenceId < b.occurrenceId ? -1 : 1),
    );
    expect(answer.nonCompliant.map((n) => ({ occurrenceId: n.occurrenceId, reason: n.reason }))).toEqual(wanted);
    expect([answer.nonCompliantTotal, answer.nonCompliantTruncated]).toEqual([wanted.length, false]);
    for (const n of answer.nonCompliant) {
      const input = inputs.find((i) => i.occurrenceId === n.occurrenceId);
      expect([n.targetDate, n.onTimeLimit, n.legalLatest, n.completedOn ?? undefined, n.trade]).toEqual([
        input?.targetDate,
        input?.onTimeLimit,
        input?.legalLatest,
        input?.completedOn,
        input?.trade,
      ]);
    }
  });

  it('is held to a world that has every outcome, so a wrong classification changes the answer', () => {
    // on 2026-04-15, inside the period: on time, late, missed, open, cancelled and undecided all occur, in every trade
    const r = provisionalCompliance(inputs, PERIOD, '2026-04-15');
    for (const f of [r.total, ...Object.values(r.byTrade)]) {
      const counts = { onTime: f.onTime, late: f.late, missed: f.missed, open: f.open, cancelled: f.cancelled };
      expect(Object.entries(counts).filter(([, n]) => n === 0)).toEqual([]);
    }
    expect(Object.keys(r.byTrade).sort()).toEqual([...TRADES].sort());
    expect(TRADES.every((t) => (r.undecided.byTrade[t] ?? 0) > 0)).toBe(true);
    // after the period every on-time limit has passed: no open without a completion is left undecided
    const after = provisionalCompliance(inputs, PERIOD, '2026-07-20');
    expect(after.total.missed).toBeGreaterThan(r.total.missed);
    // completed after the legal latest date but before "today": a miss that a completion never heals
    expect(
      inputs.some(
        (i) =>
          i.completedOn !== undefined && i.completedOn > i.legalLatest && i.targetDate >= PERIOD.from && !i.cancelled,
      ),
    ).toBe(true);
  });

  it('caps the drill-down at the limit, missed first, and says how many it left out', async () => {
    const ds = env.dataSource;
    const w = await createTenantWorld(ds);
    const req = await createRequirement(ds, w, MAINTENANCE, w.assetA);
    const req2 = await createRequirement(ds, w, { ...MAINTENANCE, taskKey: 'sprinkler-pump-test' }, w.assetC);
    // 520 missed (not completed, legal latest passed) and 40 late elevator occurrences, 15 open door occurrences
    // (completed in time without accepted evidence, legal latest ahead), 25 on time → 600 due
    const insert = (requirementId: string, assetId: string, trade: string, n: number, first: number, sql: string) =>
      ds.query(
        `INSERT INTO maintenance_occurrences (tenant_id, contract_id, site_id, requirement_id, asset_id, trade, period_no,
           kind, earliest_start, target_date, legal_latest, on_time_limit, work_order_from, status, completed_at,
           completed_on, evidence_accepted, version)
         SELECT $1, $2, $3, $4, $5, $6, $7 + g, 'regular', t - 7, t, t + 5, t, t - 7, s, c::timestamptz, c, e, 1
           FROM generate_series(1, $8::int) g,
                LATERAL (SELECT ('2026-03-01'::date + (g % 80))::date AS t) d,
                LATERAL (${sql}) x`,
        [w.tenantId, w.contractId, w.siteId, requirementId, assetId, trade, first, n],
      );
    await insert(req, w.assetA, 'elevators', 520, 0, `SELECT 'missed' AS s, NULL::date AS c, false AS e`);
    await insert(req, w.assetA, 'elevators', 40, 1000, `SELECT 'done-late' AS s, d.t + 2 AS c, true AS e`);
    await insert(req2, w.assetC, 'doors', 25, 0, `SELECT 'done-on-time' AS s, d.t AS c, true AS e`);
    const today = '2026-05-25';
    // open: completed on the target day without accepted evidence, legal latest (target + 5) still ahead
    await ds.query(
      `INSERT INTO maintenance_occurrences (tenant_id, contract_id, site_id, requirement_id, asset_id, trade, period_no,
         kind, earliest_start, target_date, legal_latest, on_time_limit, work_order_from, status, completed_at,
         completed_on, evidence_accepted, version)
       SELECT $1, $2, $3, $4, $5, 'doors', 100 + g, 'regular', '2026-05-15', '2026-05-22', '2026-05-27', '2026-05-22',
              '2026-05-15', 'due', '2026-05-22T10:00:00Z', '2026-05-22', false, 1
         FROM generate_series(1, 15) g`,
      [w.tenantId, w.contractId, w.siteId, req2, w.assetC],
    );
    const all = await inputsOf(ds, String(w.contractId));
    const answer = await serviceOn(ds, today).compliance(ADMIN, { contractId: String(w.contractId), ...PERIOD });
    const expected = provisionalCompliance(all, PERIOD, today);
    // 25 on time of 600 due → 25 ÷ 600 × 100 = 4.17 %; 520 missed + 40 late + 15 open = 575 behind it
    expect(answer.total).toMatchObject({ due: 600, onTime: 25, late: 40, missed: 520, open: 15, percent: '4.17' });
    expect([answer.nonCompliantTotal, answer.nonCompliantTruncated]).toEqual([575, true]);
    expect(answer.nonCompliant).toHaveLength(COMPLIANCE_DRILL_DOWN_LIMIT);
    // the first 500 of the missed ones (missed first), by target date then id
    const missed = expected.total.nonCompliant.filter((n) => n.reason === 'missed');
    expect(answer.nonCompliant.map((n) => n.occurrenceId)).toEqual(
      [...missed]
        .sort((a, b) => {
          const ta = all.find((i) => i.occurrenceId === a.occurrenceId)?.targetDate ?? '';
          const tb = all.find((i) => i.occurrenceId === b.occurrenceId)?.targetDate ?? '';
          return ta.localeCompare(tb) || (a.occurrenceId < b.occurrenceId ? -1 : 1);
        })
        .slice(0, COMPLIANCE_DRILL_DOWN_LIMIT)
        .map((n) => n.occurrenceId),
    );
    // the counts and derivations are complete; only the figures' lists are cut to the drill-down's occurrences
    const listed = new Set(answer.nonCompliant.map((n) => n.occurrenceId));
    const cut = (f: ProvisionalComplianceResult['total']) => ({
      ...f,
      nonCompliant: f.nonCompliant.filter((n) => listed.has(n.occurrenceId)),
    });
    expect(answer.total).toEqual(cut(expected.total));
    expect(answer.byTrade).toEqual(
      Object.fromEntries(Object.entries(expected.byTrade).map(([trade, f]) => [trade, cut(f)])),
    );
    expect(answer.byTrade['doors']).toMatchObject({ due: 40, onTime: 25, open: 15, nonCompliant: [] });
  });
});
