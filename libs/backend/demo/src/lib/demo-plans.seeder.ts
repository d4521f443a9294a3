import type { EntityManager } from 'typeorm';
import { workingDayRule, type ContractCalculation, type GraceRule, type IsoDate } from '@leitstand/domain';
import type { DemoDataset } from './demo-data.types';
import { seedDemoEvidence } from './demo-evidence';
import {
  generateDemoPlans,
  type GeneratedOccurrence,
  type PlanContract,
  type PlanTenant,
} from './demo-plans.generator';

export interface DemoPlansResult {
  /** Tenants whose plans were written by this run (a tenant with requirements already is left alone). */
  tenants: string[];
  requirements: number;
  occurrences: number;
  events: number;
  /** Evidence documents of the completed occurrences: inspection reports (PDF) and photos. */
  documents: number;
}

const BATCH = 2_000;

/**
 * Writes the demo maintenance plans (demo/maintenance.json) of every tenant that has no requirement yet:
 * requirements, their occurrences over the history months and the generation horizon, and the occurrences'
 * event logs, with multi-row inserts (as the ticket history), and the evidence documents of the completed ones. Stored roll-ups of those tenants that are not
 * frozen are dropped, so the next read computes them with the compliance and the billed fees; frozen months
 * stay as they were settled.
 */
export async function seedDemoPlans(
  q: EntityManager,
  data: DemoDataset,
  tenantIds: Map<string, string>,
  now: Date,
): Promise<DemoPlansResult> {
  const result: DemoPlansResult = { tenants: [], requirements: 0, occurrences: 0, events: 0, documents: 0 };
  const tenants: PlanTenant[] = [];
  for (const slug of [...new Set(data.plans.requirements.map((r) => r.tenant))]) {
    const tenantId = tenantIds.get(slug);
    if (!tenantId) continue;
    const [existing] = (await q.query(`SELECT 1 FROM maintenance_requirements WHERE tenant_id = $1 LIMIT 1`, [
      tenantId,
    ])) as unknown[];
    if (existing) continue;
    tenants.push(await planTenant(q, data, slug, tenantId));
  }
  if (tenants.length === 0) return result;

  const plans = generateDemoPlans({ now, file: data.plans, tenants });
  const createdAt = new Date(now.getTime() - (data.plans.months + 1) * 31 * 86_400_000);
  const r = plans.requirements;
  await q.query(
    `INSERT INTO maintenance_requirements (id, tenant_id, contract_id, task_key, title, kind, statutory, site_id, asset_id,
        trade, cadence_every, cadence_unit, anchor_kind, anchor_date, intermediate, lead_days, performer, evidence, fee,
        active, created_at, updated_at, version)
     SELECT u.id, u.tenant_id, u.contract_id, u.task_key, u.title, u.kind, u.statutory, u.site_id, u.asset_id, u.trade,
        u.cadence_every, u.cadence_unit, u.anchor_kind, u.anchor_date, u.intermediate, u.lead_days, u.performer,
        string_to_array(u.evidence, ','), u.fee, true, $20::timestamptz, $20::timestamptz, 1
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::boolean[], $8::uuid[],
        $9::uuid[], $10::text[], $11::int[], $12::text[], $13::text[], $14::date[], $15::boolean[], $16::int[],
        $17::text[], $18::text[], $19::numeric[])
         AS u(id, tenant_id, contract_id, task_key, title, kind, statutory, site_id, asset_id, trade, cadence_every,
              cadence_unit, anchor_kind, anchor_date, intermediate, lead_days, performer, evidence, fee)`,
    [
      r.map((x) => x.id),
      r.map((x) => x.tenantId),
      r.map((x) => x.contractId),
      r.map((x) => x.task.key),
      r.map((x) => x.title),
      r.map((x) => x.task.kind),
      r.map((x) => x.task.statutory),
      r.map((x) => x.siteId),
      r.map((x) => x.assetId),
      r.map((x) => x.trade),
      r.map((x) => x.cadence.every),
      r.map((x) => x.cadence.unit),
      r.map((x) => x.anchor.kind),
      r.map((x) => (x.anchor.kind === 'statutory' ? x.anchor.lastTest : x.anchor.start)),
      r.map((x) => x.anchor.kind === 'statutory' && x.anchor.intermediate),
      r.map((x) => x.leadDays),
      r.map((x) => x.task.performer),
      r.map((x) => x.task.evidence.join(',')),
      r.map((x) => x.fee),
      createdAt.toISOString(),
    ],
  );
  result.requirements = r.length;

  const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);
  const json = (v: unknown): string | null => (v === null ? null : JSON.stringify(v));
  const occurrences = plans.occurrences;
  for (let i = 0; i < occurrences.length; i += BATCH) {
    const o = occurrences.slice(i, i + BATCH);
    await q.query(
      `INSERT INTO maintenance_occurrences (id, tenant_id, contract_id, site_id, requirement_id, asset_id, trade, period_no,
          kind, earliest_start, target_date, legal_latest, on_time_limit, work_order_from, released_at, technician_id,
          status, started_at, completed_at, completed_on, completed_by, checklist, inspection_record, evidence_accepted,
          created_at, updated_at, version)
       SELECT u.id, u.tenant_id, u.contract_id, u.site_id, u.requirement_id, u.asset_id, u.trade, u.period_no, u.kind,
          u.earliest_start, u.target_date, u.legal_latest, u.on_time_limit, u.work_order_from, u.released_at,
          u.technician_id, u.status, u.started_at, u.completed_at, u.completed_on,
          CASE WHEN u.completed_on IS NULL THEN NULL ELSE u.technician_id END, u.checklist::jsonb,
          u.inspection_record::jsonb, u.evidence_accepted, u.created_at, COALESCE(u.completed_at, u.created_at), 1
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::uuid[], $7::text[], $8::int[],
          $9::text[], $10::date[], $11::date[], $12::date[], $13::date[], $14::date[], $15::timestamptz[], $16::uuid[],
          $17::text[], $18::timestamptz[], $19::timestamptz[], $20::date[], $21::text[], $22::text[], $23::boolean[],
          $24::timestamptz[])
           AS u(id, tenant_id, contract_id, site_id, requirement_id, asset_id, trade, period_no, kind, earliest_start,
                target_date, legal_latest, on_time_limit, work_order_from, released_at, technician_id, status, started_at,
                completed_at, completed_on, checklist, inspection_record, evidence_accepted, created_at)`,
      [
        o.map((x) => x.id),
        o.map((x) => x.tenantId),
        o.map((x) => x.contractId),
        o.map((x) => x.siteId),
        o.map((x) => x.requirementId),
        o.map((x) => x.assetId),
        o.map((x) => x.trade),
        o.map((x) => x.plan.periodNo),
        o.map((x) => x.plan.kind),
        o.map((x) => x.plan.earliestStart),
        o.map((x) => x.plan.targetDate),
        o.map((x) => x.plan.legalLatest),
        o.map((x) => x.onTimeLimit),
        o.map((x) => x.plan.workOrderFrom),
        o.map((x) => iso(x.releasedAt)),
        o.map((x) => x.technicianId),
        o.map((x) => x.status),
        o.map((x) => iso(x.startedAt)),
        o.map((x) => iso(x.completedAt)),
        o.map((x) => x.completedOn),
        o.map((x) => json(x.checklist)),
        o.map((x) => json(x.inspectionRecord)),
        o.map((x) => x.evidenceAccepted),
        o.map((x) => (x.events[0]?.at ?? now).toISOString()),
      ],
    );
  }
  result.occurrences = occurrences.length;

  const events = occurrences.flatMap((o: GeneratedOccurrence) =>
    o.events.map((e) => ({ occurrenceId: o.id, tenantId: o.tenantId, ...e })),
  );
  for (let i = 0; i < events.length; i += BATCH) {
    const e = events.slice(i, i + BATCH);
    await q.query(
      `INSERT INTO occurrence_events (occurrence_id, tenant_id, type, at, actor_id, payload, dedup_key)
       SELECT u.occurrence_id, u.tenant_id, u.type, u.at, u.actor_id, u.payload::jsonb, u.dedup_key
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::timestamptz[], $5::uuid[], $6::text[], $7::text[])
           AS u(occurrence_id, tenant_id, type, at, actor_id, payload, dedup_key)`,
      [
        e.map((x) => x.occurrenceId),
        e.map((x) => x.tenantId),
        e.map((x) => x.type),
        e.map((x) => x.at.toISOString()),
        e.map((x) => x.actorId),
        e.map((x) => JSON.stringify(x.payload)),
        e.map((x) => x.dedupKey),
      ],
    );
  }
  result.events = events.length;
  const evidence = await seedDemoEvidence(q, plans);
  result.documents = evidence.reports + evidence.photos;
  result.tenants = tenants.map((t) => t.slug);
  await q.query(`DELETE FROM kpi_rollups WHERE tenant_id = ANY($1::uuid[]) AND frozen_at IS NULL`, [
    tenants.map((t) => t.tenantId),
  ]);
  return result;
}

async function planTenant(q: EntityManager, data: DemoDataset, slug: string, tenantId: string): Promise<PlanTenant> {
  const sites = (await q.query(`SELECT id, name, state, timezone FROM sites WHERE tenant_id = $1 ORDER BY name`, [
    tenantId,
  ])) as PlanTenant['sites'];
  const assets = (await q.query(
    `SELECT id, code, trade, asset_class AS "assetClass", site_id AS "siteId"
       FROM assets WHERE tenant_id = $1 AND in_contract ORDER BY code`,
    [tenantId],
  )) as PlanTenant['assets'];
  const contractRows = (await q.query(
    `SELECT c.id, c.starts_on::text AS "startsOn", c.ends_on::text AS "endsOn", c.economics,
            array_agg(cs.site_id ORDER BY cs.site_id) AS "siteIds"
       FROM contracts c JOIN contract_sites cs ON cs.contract_id = c.id
      WHERE c.tenant_id = $1 GROUP BY c.id ORDER BY c.starts_on, c.id`,
    [tenantId],
  )) as Array<{
    id: string;
    startsOn: IsoDate;
    endsOn: IsoDate | null;
    economics: Partial<ContractCalculation> | null;
    siteIds: string[];
  }>;
  const contracts: PlanContract[] = contractRows.map((c) => ({
    id: c.id,
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    siteIds: c.siteIds,
    grace: (c.economics?.maintenance?.grace ?? 'none') as GraceRule,
  }));
  const technicians = (await q.query(
    `SELECT u.id FROM users u JOIN user_tenants ut ON ut.user_id = u.id AND ut.tenant_id = $1
      WHERE u.role = 'technician' AND u.active AND u.email = ANY($2::text[]) ORDER BY u.email`,
    [tenantId, data.users.map((u) => u.email.toLowerCase())],
  )) as Array<{ id: string }>;
  const rules = new Map<string, (d: IsoDate) => boolean>();
  for (const s of sites) rules.set(s.id, workingDayRule({ holidayRegion: s.state }));
  return {
    slug,
    tenantId,
    sites,
    assets,
    contracts,
    technicianIds: technicians.map((t) => t.id),
    isWorkingDay: (siteId) => rules.get(siteId) ?? workingDayRule(),
  };
}
