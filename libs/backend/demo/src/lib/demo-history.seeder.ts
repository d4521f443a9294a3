import type { EntityManager } from 'typeorm';
import { ContractEntity, contractTermsForSite } from '@leitstand/backend/data-access';
import { generateCallOut } from './demo-call-outs.generator';
import type { DemoDataset, ResolvedDemoTenant } from './demo-data.types';
import {
  generateTenantHistory,
  type GeneratedTicket,
  type HistoryAsset,
  type HistoryContract,
  type HistoryPeople,
  type HistoryPerson,
  type HistorySite,
} from './demo-history.generator';

export interface DemoHistoryResult {
  /** Tenants whose history was written by this run (a tenant with tickets already is left alone). */
  tenants: string[];
  tickets: number;
  events: number;
  clocks: number;
  workLogs: number;
  /** Call-outs of `demo/call-outs.json` (priced seed cases) among the tickets. */
  callOuts: number;
}

const BATCH = 2_000;

/**
 * Writes the generated ticket history of every demo tenant that has no tickets yet (so a repeat run
 * writes nothing): tickets numbered in order of creation from the yearly counters, their events, SLA
 * clocks and work logs, with multi-row inserts. No outbox rows: the history is in the past; the
 * worker's reconciliation (issue 6) picks up the open tickets' timers from PostgreSQL.
 */
export async function seedDemoHistory(
  q: EntityManager,
  data: DemoDataset,
  tenantIds: Map<string, string>,
  now: Date,
): Promise<DemoHistoryResult> {
  const result: DemoHistoryResult = { tenants: [], tickets: 0, events: 0, clocks: 0, workLogs: 0, callOuts: 0 };
  const tickets: GeneratedTicket[] = [];
  for (const tenant of data.tenants) {
    const tenantId = tenantIds.get(tenant.slug);
    if (!tenantId) continue;
    const [existing] = (await q.query(`SELECT 1 FROM tickets WHERE tenant_id = $1 LIMIT 1`, [tenantId])) as unknown[];
    if (existing) continue;
    tickets.push(...(await generateFor(q, data, tenant, tenantId, now)));
    result.tenants.push(tenant.slug);
  }
  if (tickets.length === 0) return result;

  tickets.sort((x, y) => x.createdAt.getTime() - y.createdAt.getTime() || (x.id < y.id ? -1 : 1));
  const numbers = await allocateNumbers(q, tickets);
  await insertTickets(q, tickets, numbers);
  result.tickets = tickets.length;

  const events = tickets.flatMap((t) => t.events.map((e) => ({ ticketId: t.id, ...e })));
  for (let i = 0; i < events.length; i += BATCH) {
    const chunk = events.slice(i, i + BATCH);
    await q.query(
      `INSERT INTO ticket_events (ticket_id, type, actor, occurred_at, payload)
       SELECT u.ticket_id, u.type, u.actor, u.occurred_at, u.payload::jsonb
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[], $5::text[])
           AS u(ticket_id, type, actor, occurred_at, payload)`,
      [
        chunk.map((e) => e.ticketId),
        chunk.map((e) => e.type),
        chunk.map((e) => e.actor),
        chunk.map((e) => e.at.toISOString()),
        chunk.map((e) => JSON.stringify(e.payload)),
      ],
    );
  }
  result.events = events.length;

  const clocks = tickets.flatMap((t) => t.clocks.map((c) => ({ ticketId: t.id, tenantId: t.tenantId, ...c })));
  const round3 = (n: number): string => (Math.round(n * 1000) / 1000).toFixed(3);
  const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);
  for (let i = 0; i < clocks.length; i += BATCH) {
    const c = clocks.slice(i, i + BATCH);
    await q.query(
      `INSERT INTO ticket_sla_clocks (ticket_id, clock, tenant_id, priority, budget, budget_minutes, calendar_key,
          warning_share, state, started_at, stopped_at, deadline, warning_at, used_minutes, breach_minutes, late_ms,
          warned_at, breached_at, timer_version, updated_at)
       SELECT u.ticket_id, u.clock, u.tenant_id, u.priority, u.budget::jsonb, u.budget_minutes, u.calendar_key,
          u.warning_share, u.state, u.started_at, u.stopped_at, u.deadline, u.warning_at, u.used_minutes,
          u.breach_minutes, u.late_ms, u.warned_at, u.breached_at, 0, $19::timestamptz
         FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::numeric[], $7::text[],
          $8::numeric[], $9::text[], $10::timestamptz[], $11::timestamptz[], $12::timestamptz[], $13::timestamptz[],
          $14::numeric[], $15::numeric[], $16::bigint[], $17::timestamptz[], $18::timestamptz[])
           AS u(ticket_id, clock, tenant_id, priority, budget, budget_minutes, calendar_key, warning_share, state,
                started_at, stopped_at, deadline, warning_at, used_minutes, breach_minutes, late_ms, warned_at, breached_at)`,
      [
        c.map((r) => r.ticketId),
        c.map((r) => r.clock),
        c.map((r) => r.tenantId),
        c.map((r) => r.priority),
        c.map((r) => JSON.stringify(r.budget)),
        c.map((r) => round3(r.budgetMinutes)),
        c.map((r) => r.calendarKey),
        c.map((r) => r.warningShare.toFixed(3)),
        c.map((r) => r.state),
        c.map((r) => r.startedAt.toISOString()),
        c.map((r) => iso(r.stoppedAt)),
        c.map((r) => iso(r.deadline)),
        c.map((r) => iso(r.warningAt)),
        c.map((r) => round3(r.usedMinutes)),
        c.map((r) => (r.breachMinutes === null ? null : round3(r.breachMinutes))),
        c.map((r) => (r.lateMs === null ? null : String(r.lateMs))),
        c.map((r) => iso(r.warnedAt)),
        c.map((r) => iso(r.breachedAt)),
        now.toISOString(),
      ],
    );
  }
  result.clocks = clocks.length;

  const logs = tickets.flatMap((t) => t.workLogs.map((w) => ({ ticketId: t.id, tenantId: t.tenantId, ...w })));
  for (let i = 0; i < logs.length; i += BATCH) {
    const w = logs.slice(i, i + BATCH);
    await q.query(
      `INSERT INTO work_logs (id, ticket_id, tenant_id, worker_id, role, kind, started_at, ended_at, note, created_by, created_at)
       SELECT u.id, u.ticket_id, u.tenant_id, u.worker_id, u.role, u.kind, u.started_at, u.ended_at, u.note, u.worker_id, u.ended_at
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::timestamptz[],
          $8::timestamptz[], $9::text[]) AS u(id, ticket_id, tenant_id, worker_id, role, kind, started_at, ended_at, note)`,
      [
        w.map((r) => r.id),
        w.map((r) => r.ticketId),
        w.map((r) => r.tenantId),
        w.map((r) => r.workerId),
        w.map((r) => r.role),
        w.map((r) => r.kind),
        w.map((r) => r.startedAt.toISOString()),
        w.map((r) => r.endedAt.toISOString()),
        w.map((r) => r.note),
      ],
    );
  }
  result.workLogs = logs.length;

  const materials = tickets.flatMap((t) => (t.materials ?? []).map((m) => ({ ticket: t, ...m })));
  if (materials.length > 0) {
    await q.query(
      `INSERT INTO ticket_materials (id, ticket_id, tenant_id, kind, description, net_unit_price, quantity, unit, created_by, created_at)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::numeric[], $7::numeric[],
          $8::text[], $9::uuid[], $10::timestamptz[])`,
      [
        materials.map((m) => m.id),
        materials.map((m) => m.ticket.id),
        materials.map((m) => m.ticket.tenantId),
        materials.map((m) => m.kind),
        materials.map((m) => m.description),
        materials.map((m) => m.netUnitPrice),
        materials.map((m) => m.quantity),
        materials.map((m) => m.unit),
        materials.map((m) => m.ticket.assigneeId),
        materials.map((m) => m.createdAt.toISOString()),
      ],
    );
  }
  const reports = tickets.flatMap((t) => (t.report ? [{ ticket: t, ...t.report }] : []));
  if (reports.length > 0) {
    await q.query(
      `INSERT INTO service_reports (ticket_id, tenant_id, small_material, emergency, work_type, travel_method, catalog_items,
          discounts, updated_by, updated_at, version)
       SELECT u.*, 1 FROM unnest($1::uuid[], $2::uuid[], $3::boolean[], $4::boolean[], $5::text[], $6::text[], $7::jsonb[],
          $8::jsonb[], $9::uuid[], $10::timestamptz[]) AS u`,
      [
        reports.map((r) => r.ticket.id),
        reports.map((r) => r.ticket.tenantId),
        reports.map((r) => r.smallMaterial),
        reports.map((r) => r.emergency),
        reports.map((r) => r.workType),
        reports.map((r) => r.travelMethod),
        reports.map((r) => JSON.stringify(r.catalogItems)),
        reports.map((r) => JSON.stringify(r.discounts)),
        reports.map((r) => r.ticket.assigneeId),
        reports.map((r) => r.updatedAt.toISOString()),
      ],
    );
  }
  result.callOuts = tickets.filter((t) => t.report !== undefined || t.materials !== undefined).length;
  return result;
}

async function generateFor(
  q: EntityManager,
  data: DemoDataset,
  tenant: ResolvedDemoTenant,
  tenantId: string,
  now: Date,
): Promise<GeneratedTicket[]> {
  const sites = (await q.query(`SELECT id, state, timezone FROM sites WHERE tenant_id = $1 ORDER BY name`, [
    tenantId,
  ])) as HistorySite[];
  const assets = (await q.query(
    `SELECT id, name, trade, asset_class AS "assetClass", site_id AS "siteId"
       FROM assets WHERE tenant_id = $1 AND in_contract ORDER BY code`,
    [tenantId],
  )) as HistoryAsset[];
  const entities = await q.getRepository(ContractEntity).find({ where: { tenantId }, order: { startsOn: 'ASC' } });
  const links = (await q.query(`SELECT contract_id, site_id FROM contract_sites WHERE contract_id = ANY($1::uuid[])`, [
    entities.map((c) => c.id),
  ])) as Array<{ contract_id: string; site_id: string }>;
  const contracts: HistoryContract[] = entities.map((entity) => ({
    entity,
    siteIds: links.filter((l) => l.contract_id === entity.id).map((l) => l.site_id),
  }));
  const staff = (await q.query(
    `SELECT u.id, u.display_name AS name, u.role FROM users u
      WHERE u.active AND (u.role = 'agent'
         OR (u.role = 'technician' AND EXISTS (SELECT 1 FROM user_tenants ut WHERE ut.user_id = u.id AND ut.tenant_id = $1))
         OR (u.role = 'customer' AND u.tenant_id = $1))
        AND u.email = ANY($2::text[])
      ORDER BY u.email`,
    [tenantId, data.users.map((u) => u.email.toLowerCase())],
  )) as Array<{ id: string; name: string; role: string }>;
  const people: HistoryPeople = {
    agents: staff.filter((s) => s.role === 'agent'),
    technicians: staff.filter((s) => s.role === 'technician'),
    customers: staff.filter((s) => s.role === 'customer'),
  };
  const history = generateTenantHistory({
    now,
    params: data.history,
    spec: tenant.history,
    tenantId,
    slug: tenant.slug,
    sites,
    assets,
    contracts,
    people,
  });
  return [...history, ...(await callOutsFor(q, data, tenant, tenantId, { sites, contracts, people }, now))];
}

/** The tenant's call-outs of `demo/call-outs.json` that are over by `now`, on the contract covering the site then. */
async function callOutsFor(
  q: EntityManager,
  data: DemoDataset,
  tenant: ResolvedDemoTenant,
  tenantId: string,
  world: { sites: HistorySite[]; contracts: HistoryContract[]; people: HistoryPeople },
  now: Date,
): Promise<GeneratedTicket[]> {
  const specs = data.callOuts.filter((c) => c.tenant === tenant.slug);
  if (specs.length === 0) return [];
  const assets = (await q.query(
    `SELECT id, code, name, trade, asset_class AS "assetClass", site_id AS "siteId" FROM assets WHERE tenant_id = $1`,
    [tenantId],
  )) as Array<HistoryAsset & { code: string }>;
  const technicians = (await q.query(
    `SELECT id, display_name AS name, role, email FROM users WHERE email = ANY($1::text[])`,
    [specs.map((c) => c.technician.toLowerCase())],
  )) as Array<HistoryPerson & { email: string }>;
  const agent = world.people.agents[0];
  const out: GeneratedTicket[] = [];
  for (const spec of specs) {
    const asset = assets.find((a) => a.code === spec.asset);
    const site = world.sites.find((s) => s.id === asset?.siteId);
    const technician = technicians.find((t) => t.email === spec.technician.toLowerCase());
    if (!asset || !site || !technician || !agent) {
      throw new Error(`demo call-out ${spec.key}: asset, site or people missing`);
    }
    const day = spec.start.slice(0, 10);
    const contract = world.contracts
      .filter(
        (c) =>
          c.siteIds.includes(site.id) &&
          c.entity.startsOn <= day &&
          (c.entity.endsOn === null || c.entity.endsOn >= day),
      )
      .sort((x, y) => (x.entity.startsOn < y.entity.startsOn ? 1 : -1))[0];
    if (!contract) throw new Error(`demo call-out ${spec.key}: no contract covers ${spec.asset} on ${day}`);
    const ticket = generateCallOut({
      spec,
      now,
      tenantId,
      site,
      asset,
      contractId: contract.entity.id,
      terms: contractTermsForSite(contract.entity, site),
      agent,
      technician,
    });
    if (ticket) out.push(ticket);
  }
  return out;
}

/** Reserves a block of numbers per year from the counters the tickets service uses ("2026-000123"). */
async function allocateNumbers(q: EntityManager, tickets: GeneratedTicket[]): Promise<string[]> {
  const perYear = new Map<number, number>();
  for (const t of tickets) {
    perYear.set(t.createdAt.getUTCFullYear(), (perYear.get(t.createdAt.getUTCFullYear()) ?? 0) + 1);
  }
  const next = new Map<number, number>();
  for (const [year, n] of [...perYear].sort((x, y) => x[0] - y[0])) {
    const [row] = (await q.query(
      `INSERT INTO ticket_number_counters (year, last_value) VALUES ($1, $2)
       ON CONFLICT (year) DO UPDATE SET last_value = ticket_number_counters.last_value + $2
       RETURNING last_value`,
      [year, n],
    )) as Array<{ last_value: number }>;
    next.set(year, Number(row?.last_value) - n + 1);
  }
  return tickets.map((t) => {
    const year = t.createdAt.getUTCFullYear();
    const value = next.get(year) ?? 1;
    next.set(year, value + 1);
    return `${year}-${String(value).padStart(6, '0')}`;
  });
}

async function insertTickets(q: EntityManager, tickets: GeneratedTicket[], numbers: string[]): Promise<void> {
  const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);
  for (let i = 0; i < tickets.length; i += BATCH) {
    const t = tickets.slice(i, i + BATCH);
    const n = numbers.slice(i, i + BATCH);
    await q.query(
      `INSERT INTO tickets (id, number, tenant_id, site_id, asset_id, contract_id, title, description, category, priority,
          priority_reason, status, paused_from, channel, reporter, fault_began_at, asset_down, in_scope, scope_note,
          assignee_id, next_deadline, at_risk, breached, restored_at, closed_at, created_at, updated_at, version)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::uuid[], $6::uuid[], $7::text[], $8::text[],
          $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::timestamptz[],
          $17::boolean[], $18::boolean[], $19::text[], $20::uuid[], $21::timestamptz[], $22::boolean[], $23::boolean[],
          $24::timestamptz[], $25::timestamptz[], $26::timestamptz[], $27::timestamptz[], $28::int[])`,
      [
        t.map((r) => r.id),
        n,
        t.map((r) => r.tenantId),
        t.map((r) => r.siteId),
        t.map((r) => r.assetId),
        t.map((r) => r.contractId),
        t.map((r) => r.title),
        t.map((r) => r.description),
        t.map((r) => r.category),
        t.map((r) => r.priority),
        t.map((r) => r.priorityReason),
        t.map((r) => r.status),
        t.map((r) => r.pausedFrom),
        t.map((r) => r.channel),
        t.map((r) => r.reporter),
        t.map((r) => r.faultBeganAt.toISOString()),
        t.map((r) => r.assetDown),
        t.map((r) => r.inScope),
        t.map((r) => r.scopeNote),
        t.map((r) => r.assigneeId),
        t.map((r) => iso(r.nextDeadline)),
        t.map((r) => r.atRisk),
        t.map((r) => r.breached),
        t.map((r) => iso(r.restoredAt)),
        t.map((r) => iso(r.closedAt)),
        t.map((r) => r.createdAt.toISOString()),
        t.map((r) => r.updatedAt.toISOString()),
        t.map((r) => r.version),
      ],
    );
  }
}
