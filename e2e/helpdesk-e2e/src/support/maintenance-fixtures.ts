import { randomBytes } from 'node:crypto';
import { hash } from 'argon2';
import { DateTime } from 'luxon';
import { Client } from 'pg';
import type { MaintenanceRequirementView, TechnicianOccurrenceListResponse } from '@leitstand/api-contracts';
import { DEFAULT_DATABASE_URL } from './stack';
import type { E2eUser } from './users';
import { fixtureSql } from './fixture-sql';
import { apiLogin, apiOk } from './portal-fixtures';

/** The zone of the fixture site (and of the provider's "today" in compliance). */
export const ZONE = 'Europe/Berlin';

const CALENDAR_24_7 = {
  timezone: ZONE,
  week: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['00:00', '24:00']]])),
  holidayWindows: [['00:00', '24:00']],
};
const minutes = (response: number, restore: number) => ({
  response: { budget: { kind: 'minutes', minutes: response }, calendar: '24-7', warningShare: 0.75 },
  restore: { budget: { kind: 'minutes', minutes: restore }, calendar: '24-7', warningShare: 0.75 },
});
const SLA_MATRIX = { A: minutes(15, 60), B: minutes(30, 240), C: minutes(60, 480) };

export interface FixtureLift {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly assetClass: 'A' | 'B';
}

/** What the maintenance journey works with. */
export interface MaintenanceWorld {
  readonly suffix: string;
  readonly tenantName: string;
  readonly siteId: string;
  readonly siteName: string;
  readonly contractId: string;
  readonly contractName: string;
  /** The goods lift (class B) whose main inspection by the approved body is due within the next days. */
  readonly dueLift: FixtureLift;
  /** The passenger lift (class A) whose intermediate inspection of last month was missed. */
  readonly missedLift: FixtureLift;
  readonly technician: E2eUser & { readonly id: string };
  readonly agent: E2eUser;
  readonly manager: E2eUser;
  /** The statutory requirement (plan) of the due lift, created through the API. */
  readonly inspectionPlan: MaintenanceRequirementView;
  /** The occurrence of that plan the technician carries out (released by the generator). */
  readonly dueOccurrenceId: string;
  /** Last month's missed intermediate inspection of the passenger lift, and last month's on-time maintenance. */
  readonly missedOccurrenceId: string;
  readonly onTimeOccurrenceId: string;
  /** The last full month (the dashboard's default period): 'yyyy-mm', its first and last day. */
  readonly lastMonth: { readonly key: string; readonly from: string; readonly to: string };
}

const iso = (d: DateTime): string => d.toISODate() ?? '';
const isWeekend = (d: DateTime): boolean => d.weekday >= 6;

/**
 * A lift world of its own, written the way an operator onboards a customer (tenant, site in Munich, a goods lift
 * of class B and a passenger lift of class A, a full-maintenance contract with an SLA matrix, a technician, a
 * helpdesk agent and an object manager serving only this tenant), and its maintenance plans created by the
 * manager through the API:
 * - the approved body's main/intermediate inspection of the goods lift, last main inspection two years before
 *   "in five days" — so the main inspection is due within the week and its work order released now;
 * - the same inspection of the passenger lift, last main inspection a year before the 10th of last month — so
 *   the intermediate inspection fell due last month;
 * - the goods lift's maintenance every 2 months on a grid from the 10th of last month.
 * The generator plans from today on (a plan created today has no past); last month's history is written as the
 * six months of demo history are: the passenger lift's intermediate inspection missed (not done by its legal
 * latest date), the goods lift's maintenance done on time with accepted evidence.
 */
export async function seedMaintenanceWorld(
  databaseUrl = process.env['E2E_DATABASE_URL'] ?? DEFAULT_DATABASE_URL,
): Promise<MaintenanceWorld> {
  const suffix = randomBytes(4).toString('hex');
  const today = DateTime.now().setZone(ZONE).startOf('day');
  const lastMonthStart = today.startOf('month').minus({ months: 1 });
  const lastMonth = {
    key: lastMonthStart.toFormat('yyyy-MM'),
    from: iso(lastMonthStart),
    to: iso(lastMonthStart.endOf('month')),
  };
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  let ids: { tenantId: string; siteId: string; contractId: string; due: FixtureLift; missed: FixtureLift };
  let people: Record<'technician' | 'agent' | 'manager', E2eUser & { id: string }>;
  const tenantName = `E2E Aufzüge ${suffix}`;
  const siteName = `Verwaltung Nord ${suffix}`;
  const contractName = `Vollwartung Aufzüge ${suffix}`;
  try {
    const { one, tenant, site, asset } = fixtureSql(client);
    const tenantId = await tenant(`e2e-lifts-${suffix}`, tenantName);
    const siteId = await site(tenantId, siteName);
    const lift = async (code: string, name: string, assetClass: 'A' | 'B'): Promise<FixtureLift> => ({
      id: await asset(tenantId, siteId, { code: `${code}-${suffix}`, name, trade: 'elevators', assetClass }),
      code: `${code}-${suffix}`,
      name,
      assetClass,
    });
    const due = await lift('AZ-01', 'Lastenaufzug Halle 1', 'B');
    const missed = await lift('AZ-02', 'Personenaufzug Haus 2', 'A');
    const contractId = await one(
      `INSERT INTO contracts (tenant_id, name, type, starts_on, ends_on, calendars, sla_matrix, availability_targets,
         availability_basis, annual_volume, version)
       VALUES ($1, $2, 'full_maintenance', $3, NULL, $4::jsonb, $5::jsonb, '{"A":"0.995"}', '24-7', '48000.00', 1)
       RETURNING id`,
      [
        tenantId,
        contractName,
        `${today.year - 1}-01-01`,
        JSON.stringify({ '24-7': CALENDAR_24_7 }),
        JSON.stringify(SLA_MATRIX),
      ],
    );
    await client.query(`INSERT INTO contract_sites (contract_id, site_id) VALUES ($1, $2)`, [contractId, siteId]);
    const person = async (
      role: 'technician' | 'agent' | 'manager',
      displayName: string,
      roleLabel: string,
    ): Promise<E2eUser & { id: string }> => {
      const email = `e2e-lifts-${role}-${suffix}@example.test`;
      const password = `pw-${randomBytes(12).toString('hex')}`;
      const id = await one(
        `INSERT INTO users (email, display_name, role, tenant_id, password_hash, active, version)
         VALUES ($1, $2, $3, NULL, $4, true, 1) RETURNING id`,
        [email, displayName, role, await hash(password)],
      );
      await client.query(`INSERT INTO user_tenants (user_id, tenant_id) VALUES ($1, $2)`, [id, tenantId]);
      return { id, email, password, displayName, roleLabel };
    };
    people = {
      technician: await person('technician', `E2E Aufzugstechnik ${suffix}`, 'Technik'),
      agent: await person('agent', `E2E Leitstand ${suffix}`, 'Helpdesk'),
      manager: await person('manager', `E2E Objektleitung ${suffix}`, 'Objektleitung'),
    };
    ids = { tenantId, siteId, contractId, due, missed };
  } finally {
    await client.end();
  }

  // The plans, as the object manager creates them.
  const manager = await apiLogin(people.manager.email, people.manager.password);
  const plan = (body: Record<string, unknown>) =>
    apiOk<MaintenanceRequirementView>(manager, 'POST', '/maintenance/requirements', {
      contractId: ids.contractId,
      siteId: ids.siteId,
      ...body,
    });
  const tenthOfLastMonth = lastMonthStart.set({ day: 10 });
  const inspectionPlan = await plan({
    taskKey: 'elevator-statutory-inspection',
    assetId: ids.due.id,
    anchor: { kind: 'statutory', lastTest: iso(today.plus({ days: 5 }).minus({ years: 2 })), intermediate: true },
  });
  const missedPlan = await plan({
    taskKey: 'elevator-statutory-inspection',
    assetId: ids.missed.id,
    anchor: { kind: 'statutory', lastTest: iso(tenthOfLastMonth.minus({ years: 1 })), intermediate: true },
  });
  const maintenancePlan = await plan({
    taskKey: 'elevator-maintenance',
    assetId: ids.due.id,
    anchor: { kind: 'fixed-grid', start: iso(tenthOfLastMonth) },
  });

  // Last month's history (the generator never plans before a plan's creation day).
  let missedOccurrenceId: string;
  let onTimeOccurrenceId: string;
  const history = new Client({ connectionString: databaseUrl });
  await history.connect();
  try {
    const occurrence = async (o: {
      requirementId: string;
      assetId: string;
      periodNo: number;
      kind: 'regular' | 'intermediate';
      earliest: DateTime;
      target: DateTime;
      onTimeLimit: DateTime;
      legalLatest: DateTime;
      workOrderFrom: DateTime;
      completed: boolean;
    }): Promise<string> => {
      const { rows } = await history.query<{ id: string }>(
        `INSERT INTO maintenance_occurrences (tenant_id, contract_id, site_id, requirement_id, asset_id, trade, period_no,
           kind, earliest_start, target_date, legal_latest, on_time_limit, work_order_from, released_at, status,
           completed_at, completed_on, completed_by, evidence_accepted, version)
         VALUES ($1, $2, $3, $4, $5, 'elevators', $6, $7, $8, $9, $10, $11, $12, ($12::date + time '06:00') AT TIME ZONE $13,
           $14, $15, $16, $17, $18, 1) RETURNING id`,
        [
          ids.tenantId,
          ids.contractId,
          ids.siteId,
          o.requirementId,
          o.assetId,
          o.periodNo,
          o.kind,
          iso(o.earliest),
          iso(o.target),
          iso(o.legalLatest),
          iso(o.onTimeLimit),
          iso(o.workOrderFrom),
          ZONE,
          o.completed ? 'done-on-time' : 'missed',
          o.completed ? o.target.set({ hour: 10 }).toJSDate() : null,
          o.completed ? iso(o.target) : null,
          o.completed ? people.technician.id : null,
          o.completed,
        ],
      );
      const id = rows[0]?.id;
      if (!id) throw new Error('[e2e] occurrence insert returned no id');
      return id;
    };
    // Intermediate inspection (period 1) half-way between the last main inspection and the next: a statutory
    // date moves earlier to a working day, and the planning target never passes it.
    let intermediate = tenthOfLastMonth;
    while (isWeekend(intermediate)) intermediate = intermediate.minus({ days: 1 });
    const lastTest = tenthOfLastMonth.minus({ years: 1 });
    missedOccurrenceId = await occurrence({
      requirementId: missedPlan.id,
      assetId: ids.missed.id,
      periodNo: 1,
      kind: 'intermediate',
      earliest: lastTest.plus({ days: 1 }),
      target: intermediate,
      onTimeLimit: intermediate,
      legalLatest: intermediate,
      workOrderFrom: DateTime.max(lastTest.plus({ days: 1 }), intermediate.minus({ days: 91 })),
      completed: false,
    });
    // Maintenance period 0 of the 2-monthly grid: target the 10th (later to a working day), on time + 12 days,
    // legal latest the day before the next period's target.
    let target = tenthOfLastMonth;
    while (isWeekend(target)) target = target.plus({ days: 1 });
    onTimeOccurrenceId = await occurrence({
      requirementId: maintenancePlan.id,
      assetId: ids.due.id,
      periodNo: 0,
      kind: 'regular',
      earliest: target.minus({ months: 2 }).plus({ days: 1 }),
      target,
      onTimeLimit: target.plus({ days: 12 }),
      legalLatest: tenthOfLastMonth.plus({ months: 2 }).minus({ days: 1 }),
      workOrderFrom: target.minus({ days: 28 }),
      completed: true,
    });
  } finally {
    await history.end();
  }

  // The generation runs in the worker (queued through the outbox): wait until the work order is released.
  const technicianApi = await apiLogin(people.technician.email, people.technician.password);
  const dueOccurrenceId = await eventually('the released main inspection of the goods lift', async () => {
    const list = await apiOk<TechnicianOccurrenceListResponse>(
      technicianApi,
      'GET',
      '/technician/occurrences?range=week',
    );
    return list.items.find((o) => o.assetId === ids.due.id && o.taskKey === 'elevator-statutory-inspection')?.id;
  });

  return {
    suffix,
    tenantName,
    siteId: ids.siteId,
    siteName,
    contractId: ids.contractId,
    contractName,
    dueLift: ids.due,
    missedLift: ids.missed,
    technician: people.technician,
    agent: people.agent,
    manager: people.manager,
    inspectionPlan,
    dueOccurrenceId,
    missedOccurrenceId,
    onTimeOccurrenceId,
    lastMonth,
  };
}

/**
 * Polls `probe` until it answers a value (every 250 ms, at most `timeoutMs`): for work the worker does
 * asynchronously, where no page exists to wait on.
 */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined | null>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null) return value;
    if (Date.now() > deadline) throw new Error(`[e2e] timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
