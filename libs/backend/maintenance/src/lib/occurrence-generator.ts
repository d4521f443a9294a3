import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import type { Logger as PinoLogger } from 'pino';
import { DataSource, type EntityManager } from 'typeorm';
import { CLOCK, ROOT_LOGGER, type Clock } from '@leitstand/backend/core';
import {
  onTimeLimit,
  planOccurrences,
  workingDayRule,
  type Cadence,
  type GraceRule,
  type IsoDate,
  type PlannedOccurrence,
  type RequirementSchedule,
  type ScheduleContext,
} from '@leitstand/domain';
import { TimeOrderedIds } from './time-ordered-id';

/** Months ahead the generator materialises. */
export const HORIZON_MONTHS = 12;
/** How far back a run catches up what a stopped worker missed (and compares what exists). */
export const CATCH_UP_DAYS = 400;
/** A run that inserted this many rows refreshes the table's planner statistics. */
export const ANALYZE_AFTER_ROWS = 50_000;
/** Planned rows per write transaction. */
export const GENERATION_BATCH_ROWS = 20_000;

const GRACE_RULES: readonly GraceRule[] = ['none', 'one-day', 'twenty-percent'];

export interface GenerationReport {
  contracts: number;
  requirements: number;
  pairs: number;
  /** (requirement, asset) pairs whose stored occurrences differed from the plan and were written. */
  changedPairs: number;
  inserted: number;
  rescheduled: number;
  cancelled: number;
  released: number;
  /** Requirements whose planning threw: reported, the others went on. */
  errors: Array<{ requirementId: string; message: string }>;
  ms: number;
  /** Where the time went (ms): loading, planning, comparing, writing, cancelling + releasing. */
  phases: { load: number; plan: number; compare: number; write: number; close: number };
}

interface RequirementRow {
  id: string;
  tenant_id: string;
  site_id: string;
  asset_id: string | null;
  trade: string | null;
  asset_class: string | null;
  cadence_every: number;
  cadence_unit: Cadence['unit'];
  anchor_kind: 'fixed-grid' | 'floating' | 'statutory';
  anchor_date: string;
  intermediate: boolean;
  lead_days: number;
  statutory: boolean;
  active: boolean;
  created_on: string;
  state: string;
  timezone: string;
}

interface FactRow {
  requirement_id: string;
  asset_id: string;
  last_completed_on: string | null;
  last_completed_period: number | null;
  last_main_on: string | null;
  last_main_period: number | null;
  body_deadline: string | null;
}

/** One planned occurrence of a pair, with its on-time limit. */
interface PlannedRow extends PlannedOccurrence {
  onTimeLimit: IsoDate;
}

/** One batch's parameters (prepareBatch): the planned rows, and per pair what the cancelling step needs. */
interface PreparedBatch {
  rows: unknown[];
  pairs: string[];
}

interface PairPlan {
  requirementId: string;
  assetId: string;
  rows: readonly PlannedRow[];
  from: IsoDate;
  to: IsoDate;
  today: IsoDate;
}

/** The text the plan of one pair is compared by: the same in SQL (existingDigests) and here. */
function digestOf(rows: readonly PlannedRow[]): string {
  const text = rows
    .map(
      (r) =>
        `${r.periodNo}|${r.kind}|${r.earliestStart}|${r.targetDate}|${r.legalLatest}|${r.onTimeLimit}|${r.workOrderFrom}`,
    )
    .join(';');
  return createHash('md5').update(text).digest('hex');
}

/**
 * 'maintenance.generate': materialises the occurrences of a contract's active requirements over the
 * rolling horizon [max(created, today − CATCH_UP_DAYS, contract start), today + 12 months (≤ contract
 * end)], in the site's zone and with its working days (weekends + public holidays of its state).
 *
 * 1. One query loads the requirements with their sites, one the matching assets (in the contract), one
 *    the anchor facts per (requirement, asset): last completion (floating), last main inspection and the
 *    body's next deadline (statutory).
 * 2. The domain plans every pair (pairs without facts of one requirement share one plan). A requirement
 *    whose planning throws is reported with its id; the others go on — nothing is silently disabled.
 * 3. One pass over the contract's stored occurrences digests them per pair; pairs whose digest equals
 *    the plan's are done (a re-run that changes nothing writes nothing).
 * 4. The other pairs are written in batches of GENERATION_BATCH_ROWS, one transaction each, under the
 *    contract's transaction-level advisory lock: INSERT … SELECT FROM unnest(…) ON CONFLICT (requirement,
 *    asset, period) DO NOTHING with a 'generated' event per new row (a row whose work-order date has come
 *    is inserted released, with its 'released' event, in the same statement); planned or due (not yet started)
 *    occurrences whose dates changed are updated with a 'rescheduled' event (dedup key per version) — overdue
 *    and missed ones keep their dates, which a plan change must never move past a miss; not yet started future
 *    ones the plan no longer has are cancelled. A killed run leaves whole batches; the next run (or a
 *    concurrent one) inserts only what is missing.
 * 5. Finally the future, not yet started occurrences of pairs no longer planned (the requirement was
 *    deactivated, or the asset left its selection) are cancelled with a reason and an event, and those
 *    whose work-order date has come are released ('released' event).
 */
@Injectable()
export class OccurrenceGenerator {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ROOT_LOGGER) private readonly logger: PinoLogger,
  ) {}

  /** Generates for one contract, or for every contract with requirements. */
  async generate(contractId?: string): Promise<GenerationReport> {
    const started = Date.now();
    const report: GenerationReport = {
      contracts: 0,
      requirements: 0,
      pairs: 0,
      changedPairs: 0,
      inserted: 0,
      rescheduled: 0,
      cancelled: 0,
      released: 0,
      errors: [],
      ms: 0,
      phases: { load: 0, plan: 0, compare: 0, write: 0, close: 0 },
    };
    const contracts =
      contractId !== undefined
        ? [contractId]
        : (
            (await this.dataSource.query(
              `SELECT DISTINCT contract_id AS id FROM maintenance_requirements ORDER BY contract_id`,
            )) as Array<{ id: string }>
          ).map((r) => r.id);
    for (const id of contracts) {
      await this.generateContract(id, report);
      report.contracts++;
    }
    report.ms = Date.now() - started;
    return report;
  }

  private async generateContract(contractId: string, report: GenerationReport): Promise<void> {
    const now = this.clock.now();
    const insertedBefore = report.inserted;
    const [contract] = (await this.dataSource.query(
      `SELECT id, tenant_id, starts_on::text, ends_on::text, economics #>> '{maintenance,grace}' AS grace
         FROM contracts WHERE id = $1`,
      [contractId],
    )) as Array<{ id: string; tenant_id: string; starts_on: string; ends_on: string | null; grace: string | null }>;
    if (!contract) return;
    const grace: GraceRule = (GRACE_RULES as readonly string[]).includes(contract.grace ?? '')
      ? (contract.grace as GraceRule)
      : 'none';

    const requirements = (await this.dataSource.query(
      `SELECT r.id, r.tenant_id, r.site_id, r.asset_id, r.trade, r.asset_class, r.cadence_every, r.cadence_unit,
              r.anchor_kind, r.anchor_date::text, r.intermediate, r.lead_days, r.statutory, r.active,
              (r.created_at AT TIME ZONE s.timezone)::date::text AS created_on, s.state, s.timezone
         FROM maintenance_requirements r JOIN sites s ON s.id = r.site_id
        WHERE r.contract_id = $1 ORDER BY r.id`,
      [contractId],
    )) as RequirementRow[];
    const active = requirements.filter((r) => r.active);
    report.requirements += active.length;

    const [pairsOf, facts] = await Promise.all([this.selectedAssets(contractId), this.anchorFacts(contractId)]);
    let mark = performance.now();
    const lap = (phase: keyof GenerationReport['phases']): void => {
      const t = performance.now();
      report.phases[phase] += Math.round(t - mark);
      mark = t;
    };
    lap('load');
    const plans: PairPlan[] = [];
    const calendars = new Map<string, (d: IsoDate) => boolean>();
    for (const r of active) {
      const assets = pairsOf.get(r.id) ?? [];
      try {
        const today = DateTime.fromJSDate(now, { zone: r.timezone }).toISODate() as string;
        const horizon = this.horizon(r, contract, today);
        if (horizon === null) continue;
        let isWorkingDay = calendars.get(r.state);
        if (!isWorkingDay) {
          isWorkingDay = workingDayRule({ holidayRegion: r.state });
          calendars.set(r.state, isWorkingDay);
        }
        const schedule: RequirementSchedule = {
          cadence: { every: r.cadence_every, unit: r.cadence_unit },
          anchor:
            r.anchor_kind === 'statutory'
              ? { kind: 'statutory', lastTest: r.anchor_date, intermediate: r.intermediate }
              : { kind: r.anchor_kind, start: r.anchor_date },
          leadDays: r.lead_days,
          statutory: r.statutory,
        };
        let shared: PlannedRow[] | null = null;
        for (const assetId of assets) {
          const fact = facts.get(`${r.id}/${assetId}`);
          const ctx = this.contextOf(schedule, fact, horizon, isWorkingDay);
          let rows: PlannedRow[];
          if (ctx.lastCompletion === undefined && ctx.lastMainInspection === undefined && !ctx.bodyDeadline) {
            shared ??= this.plan(schedule, ctx, grace);
            rows = shared;
          } else {
            rows = this.plan(schedule, ctx, grace);
          }
          plans.push({ requirementId: r.id, assetId, rows, from: horizon.from, to: horizon.to, today });
        }
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        report.errors.push({ requirementId: r.id, message });
        this.logger.error({ requirementId: r.id, contractId, err: message }, 'maintenance planning failed');
      }
    }
    report.pairs += plans.length;
    lap('plan');

    const stored = await this.existingDigests(contractId, plans, now);
    // Pairs with nothing stored only need inserting; pairs whose stored rows differ get the full treatment.
    const fresh: PairPlan[] = [];
    const changed: PairPlan[] = [];
    for (const p of plans) {
      const have = stored.get(`${p.requirementId}/${p.assetId}`);
      if (!have) {
        if (p.rows.length > 0) fresh.push(p);
        continue;
      }
      const open = have.frozen.size === 0 ? p.rows : p.rows.filter((r) => !have.frozen.has(r.periodNo));
      if (have.digest !== digestOf(open)) changed.push(p);
    }
    report.changedPairs += fresh.length + changed.length;
    lap('compare');

    const ids = new TimeOrderedIds();
    // Batches are written one after the other (one transaction each, under the contract's lock); the next
    // batch's parameters are built while the previous one is in PostgreSQL.
    let pending: Promise<void> = Promise.resolve();
    for (const [pairs, onlyNew] of [
      [fresh, true],
      [changed, false],
    ] as const) {
      let batch: PairPlan[] = [];
      let batchRows = 0;
      const flush = async (): Promise<void> => {
        if (batch.length === 0) return;
        const prepared = this.prepareBatch(batch, ids, now);
        batch = [];
        batchRows = 0;
        await pending;
        pending = this.writeBatch(contractId, prepared, onlyNew).then((written) => {
          report.inserted += written.inserted;
          report.released += written.released;
          report.rescheduled += written.rescheduled;
          report.cancelled += written.cancelled;
        });
      };
      for (const p of pairs) {
        batch.push(p);
        batchRows += Math.max(1, p.rows.length);
        if (batchRows >= GENERATION_BATCH_ROWS) await flush();
      }
      await flush();
    }
    await pending;
    lap('write');
    // After a large insert the planner's statistics are stale (autovacuum analyzes later); the statements
    // below and the sweep read the table in bulk, so refresh them now (samples 30,000 rows, ~0.3 s).
    if (report.inserted - insertedBefore >= ANALYZE_AFTER_ROWS) {
      await this.dataSource.query(`ANALYZE maintenance_occurrences`);
    }

    // Pairs with open future occurrences that were not planned: the requirement was deactivated or the asset
    // left its selection. Requirements whose planning failed keep theirs (never silently disabled).
    const failed = new Set(report.errors.map((e) => e.requirementId));
    const planned = new Set(plans.map((p) => `${p.requirementId}/${p.assetId}`));
    const unselected = [...stored]
      .filter(([pair, have]) => have.openFuture && !planned.has(pair) && !failed.has(pair.slice(0, pair.indexOf('/'))))
      .map(([pair]) => ({
        requirement_id: pair.slice(0, pair.indexOf('/')),
        asset_id: pair.slice(pair.indexOf('/') + 1),
      }));
    const closing = await this.dataSource.transaction(async (m) => {
      await this.lockContract(m, contractId);
      const cancelled = unselected.length === 0 ? 0 : await this.cancelUnselected(m, unselected, now);
      // Only occurrences whose target lies within the longest lead time can have reached their work-order date.
      const maxLead = requirements.reduce((a, r) => Math.max(a, r.lead_days), 0);
      const utc = DateTime.fromJSDate(now, { zone: 'UTC' });
      const released = await this.release(m, contractId, now, {
        from: plans.reduce((a, p) => (p.from < a ? p.from : a), utc.minus({ days: CATCH_UP_DAYS }).toISODate() ?? ''),
        to: utc.plus({ days: maxLead + 1 }).toISODate() ?? '',
      });
      return { cancelled, released };
    });
    report.cancelled += closing.cancelled;
    report.released += closing.released;
    lap('close');
  }

  private horizon(
    r: RequirementRow,
    contract: { starts_on: string; ends_on: string | null },
    today: IsoDate,
  ): { from: IsoDate; to: IsoDate } | null {
    const t = DateTime.fromISO(today);
    const catchUp = t.minus({ days: CATCH_UP_DAYS }).toISODate() as string;
    let from = [r.created_on, catchUp, contract.starts_on].reduce((a, b) => (a > b ? a : b));
    let to = t.plus({ months: HORIZON_MONTHS }).toISODate() as string;
    if (contract.ends_on !== null && contract.ends_on < to) to = contract.ends_on;
    // A requirement created today plans from today; its anchor may lie in the past (grid from the contract start).
    if (from > today) from = today;
    return to < from ? null : { from, to };
  }

  private contextOf(
    schedule: RequirementSchedule,
    fact: FactRow | undefined,
    horizon: { from: IsoDate; to: IsoDate },
    isWorkingDay: (d: IsoDate) => boolean,
  ): ScheduleContext {
    const base = { from: horizon.from, to: horizon.to, isWorkingDay };
    if (!fact) return base;
    if (schedule.anchor.kind === 'floating' && fact.last_completed_on !== null && fact.last_completed_period !== null) {
      return { ...base, lastCompletion: fact.last_completed_on, lastPeriodNo: fact.last_completed_period };
    }
    if (schedule.anchor.kind === 'statutory' && fact.last_main_on !== null && fact.last_main_period !== null) {
      const newer = fact.last_main_on >= schedule.anchor.lastTest;
      return {
        ...base,
        ...(newer ? { lastMainInspection: fact.last_main_on, lastPeriodNo: fact.last_main_period } : {}),
        ...(fact.body_deadline !== null && fact.body_deadline > (newer ? fact.last_main_on : schedule.anchor.lastTest)
          ? { bodyDeadline: fact.body_deadline }
          : {}),
      };
    }
    return base;
  }

  private plan(schedule: RequirementSchedule, ctx: ScheduleContext, grace: GraceRule): PlannedRow[] {
    return planOccurrences(schedule, ctx).map((o) => ({ ...o, onTimeLimit: onTimeLimit(o, schedule.cadence, grace) }));
  }

  /** requirement id → the ids of the in-contract assets it selects (one asset, or its site's of trade/class). */
  private async selectedAssets(contractId: string): Promise<Map<string, string[]>> {
    const rows = (await this.dataSource.query(
      `SELECT r.id AS requirement_id, array_agg(a.id ORDER BY a.id)::text[] AS asset_ids
         FROM maintenance_requirements r
         JOIN assets a ON a.site_id = r.site_id AND a.tenant_id = r.tenant_id AND a.in_contract
                      AND (r.asset_id IS NULL OR a.id = r.asset_id)
                      AND (r.trade IS NULL OR a.trade = r.trade)
                      AND (r.asset_class IS NULL OR a.asset_class = r.asset_class)
        WHERE r.contract_id = $1 AND r.active
        GROUP BY r.id`,
      [contractId],
    )) as Array<{ requirement_id: string; asset_ids: string[] }>;
    return new Map(rows.map((r) => [r.requirement_id, r.asset_ids]));
  }

  /**
   * Per (requirement, asset): the last completion (any kind), the last completed main inspection, and the
   * inspection body's deadline — the latest one written since that main inspection (an intermediate inspection
   * recorded without a deadline does not drop a shorter one the body set at the main inspection).
   */
  private async anchorFacts(contractId: string): Promise<Map<string, FactRow>> {
    const rows = (await this.dataSource.query(
      `WITH done AS (
         SELECT requirement_id, asset_id, kind, period_no, completed_on, inspection_record
           FROM maintenance_occurrences
          WHERE contract_id = $1 AND completed_on IS NOT NULL AND status <> 'cancelled')
       SELECT l.requirement_id, l.asset_id, l.completed_on::text AS last_completed_on, l.period_no AS last_completed_period,
              mi.completed_on::text AS last_main_on, mi.period_no AS last_main_period,
              (SELECT d.inspection_record ->> 'nextDeadline' FROM done d
                WHERE d.requirement_id = l.requirement_id AND d.asset_id = l.asset_id
                  AND d.period_no >= COALESCE(mi.period_no, 0)
                  AND (d.inspection_record ->> 'nextDeadline') ~ '^\\d{4}-\\d{2}-\\d{2}$'
                ORDER BY d.period_no DESC LIMIT 1) AS body_deadline
         FROM (SELECT DISTINCT ON (requirement_id, asset_id) * FROM done
                ORDER BY requirement_id, asset_id, period_no DESC) l
         LEFT JOIN (SELECT DISTINCT ON (requirement_id, asset_id) * FROM done WHERE kind = 'main'
                     ORDER BY requirement_id, asset_id, period_no DESC) mi
           ON mi.requirement_id = l.requirement_id AND mi.asset_id = l.asset_id`,
      [contractId],
    )) as FactRow[];
    return new Map(rows.map((r) => [`${r.requirement_id}/${r.asset_id}`, r]));
  }

  /**
   * Every stored pair of the contract inside the horizon (one pass over ix_maintenance_occurrences_contract_target):
   * the md5 of its open (planned or due, not started, not completed) occurrences in digestOf's format, the periods
   * no longer open (frozen: started, completed, cancelled, overdue or missed — the plan leaves them alone, so the
   * comparison skips them; moving an overdue or missed one's dates would heal its miss), and whether it has open
   * occurrences from yesterday (UTC) on — a pair that has them but is no longer planned gets them cancelled.
   * The horizon is the union of the requirements' ones: a pair never has rows between that union's start and
   * its own (its horizon starts at its creation or moves with the catch-up window shared by all).
   */
  private async existingDigests(
    contractId: string,
    plans: readonly PairPlan[],
    now: Date,
  ): Promise<Map<string, { digest: string; frozen: ReadonlySet<number>; openFuture: boolean }>> {
    const today = DateTime.fromJSDate(now, { zone: 'UTC' });
    const from = plans.reduce(
      (a, p) => (p.from < a ? p.from : a),
      today.minus({ days: CATCH_UP_DAYS }).toISODate() ?? '',
    );
    const to = plans.reduce(
      (a, p) => (p.to > a ? p.to : a),
      today.plus({ months: HORIZON_MONTHS + 1 }).toISODate() ?? '',
    );
    const rows = (await this.dataSource.query(
      `SELECT requirement_id || '/' || asset_id AS pair,
              md5(coalesce(string_agg(period_no || '|' || kind || '|' || earliest_start || '|' || target_date || '|' ||
                         legal_latest || '|' || on_time_limit || '|' || work_order_from, ';' ORDER BY period_no)
                  FILTER (WHERE started_at IS NULL AND completed_at IS NULL AND status IN ('planned', 'due')), ''))
                AS digest,
              coalesce(array_agg(period_no) FILTER (WHERE started_at IS NOT NULL OR completed_at IS NOT NULL
                                                      OR status NOT IN ('planned', 'due')), '{}') AS frozen,
              bool_or(started_at IS NULL AND completed_at IS NULL AND status <> 'cancelled' AND target_date >= $4::date)
                AS open_future
         FROM maintenance_occurrences
        WHERE contract_id = $1 AND target_date BETWEEN $2::date AND $3::date
        GROUP BY requirement_id, asset_id`,
      [contractId, from, to, today.minus({ days: 1 }).toISODate()],
    )) as Array<{ pair: string; digest: string; frozen: number[]; open_future: boolean }>;
    return new Map(
      rows.map((r) => [r.pair, { digest: r.digest, frozen: new Set(r.frozen), openFuture: r.open_future }]),
    );
  }

  private async lockContract(m: EntityManager, contractId: string): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtextextended('maintenance.generate:' || $1, 0))`, [contractId]);
  }

  /**
   * The parameters of one batch (step 4) as PostgreSQL array literals: ids, dates, numbers and kinds need no
   * quoting, so joining them is far cheaper than the driver's per-element escaping of JS arrays. An occurrence
   * whose work-order date has come (the pair's today, the site's date) is inserted released, with its
   * 'released' event, instead of being updated by the release right after.
   */
  private prepareBatch(pairs: readonly PairPlan[], ids: TimeOrderedIds, now: Date): PreparedBatch {
    const id: string[] = [];
    const req: string[] = [];
    const asset: string[] = [];
    const period: number[] = [];
    const kind: string[] = [];
    const earliest: string[] = [];
    const target: string[] = [];
    const legal: string[] = [];
    const onTime: string[] = [];
    const workOrder: string[] = [];
    const released: string[] = [];
    const pairReq: string[] = [];
    const pairAsset: string[] = [];
    const pairTo: string[] = [];
    const pairToday: string[] = [];
    const pairPeriods: string[] = [];
    for (const p of pairs) {
      pairPeriods.push(`"{${p.rows.map((r) => r.periodNo).join(',')}}"`);
      pairReq.push(p.requirementId);
      pairAsset.push(p.assetId);
      pairTo.push(p.to);
      pairToday.push(p.today);
      for (const r of p.rows) {
        id.push(ids.next());
        req.push(p.requirementId);
        asset.push(p.assetId);
        period.push(r.periodNo);
        kind.push(r.kind);
        earliest.push(r.earliestStart);
        target.push(r.targetDate);
        legal.push(r.legalLatest);
        onTime.push(r.onTimeLimit);
        workOrder.push(r.workOrderFrom);
        released.push(r.workOrderFrom <= p.today ? 't' : 'f');
      }
    }
    const literal = (values: ReadonlyArray<string | number>): string => `{${values.join(',')}}`;
    return {
      rows: [
        literal(id),
        literal(req),
        literal(asset),
        literal(period),
        literal(kind),
        literal(earliest),
        literal(target),
        literal(legal),
        literal(onTime),
        literal(workOrder),
        literal(released),
        now,
      ],
      pairs: [literal(pairReq), literal(pairAsset), literal(pairToday), literal(pairTo), literal(pairPeriods)],
    };
  }

  /** Writes the plans of some pairs in one transaction (onlyNew: pairs that had nothing stored); step 4. */
  private async writeBatch(
    contractId: string,
    batch: PreparedBatch,
    onlyNew: boolean,
  ): Promise<{ inserted: number; released: number; rescheduled: number; cancelled: number }> {
    return this.dataSource.transaction(async (m) => {
      await this.lockContract(m, contractId);
      // The returned rows of 20,000 inserts and the sort by id would spill to disk with the default 4 MB.
      await m.query(`SET LOCAL work_mem = '64MB'`);
      const params = batch.rows;
      const plan = `SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::int[], $5::text[], $6::date[], $7::date[],
                                         $8::date[], $9::date[], $10::date[], $11::boolean[])
                      AS p(id, requirement_id, asset_id, period_no, kind, earliest_start, target_date, legal_latest,
                           on_time_limit, work_order_from, released)`;
      const [inserted] = (await m.query(
        `WITH plan AS (${plan}),
         ins AS (
           INSERT INTO maintenance_occurrences (id, tenant_id, contract_id, site_id, requirement_id, asset_id, trade,
               period_no, kind, earliest_start, target_date, legal_latest, on_time_limit, work_order_from,
               released_at, version)
           SELECT p.id, r.tenant_id, r.contract_id, r.site_id, p.requirement_id, p.asset_id, a.trade, p.period_no, p.kind,
                  p.earliest_start, p.target_date, p.legal_latest, p.on_time_limit, p.work_order_from,
                  CASE WHEN p.released THEN $12::timestamptz END, 1
             FROM plan p JOIN maintenance_requirements r ON r.id = p.requirement_id JOIN assets a ON a.id = p.asset_id
            ORDER BY p.id
           ON CONFLICT (requirement_id, asset_id, period_no) DO NOTHING
           RETURNING id, tenant_id, target_date, work_order_from, released_at),
         ev AS (
           INSERT INTO occurrence_events (occurrence_id, tenant_id, type, dedup_key, payload)
           SELECT i.id, i.tenant_id, e.type, e.type, e.payload
             FROM ins i
             CROSS JOIN LATERAL (VALUES (0, 'generated', jsonb_build_object('targetDate', i.target_date)),
                                        (1, 'released', jsonb_build_object('workOrderFrom', i.work_order_from)))
                                 AS e(ord, type, payload)
            WHERE e.ord = 0 OR i.released_at IS NOT NULL
            ORDER BY i.id, e.ord
           RETURNING type)
         SELECT count(*) FILTER (WHERE type = 'generated')::int AS n, count(*) FILTER (WHERE type = 'released')::int AS released
           FROM ev`,
        params,
      )) as Array<{ n: number; released: number }>;
      // Nothing was stored for these pairs when they were compared: a concurrent run may have inserted the
      // same plan meanwhile (its rows conflicted above), but nothing can need rescheduling or cancelling.
      const fresh = { inserted: inserted?.n ?? 0, released: inserted?.released ?? 0 };
      if (onlyNew) return { ...fresh, rescheduled: 0, cancelled: 0 };
      const [rescheduled] = (await m.query(
        `WITH plan AS (${plan}),
         upd AS (
           UPDATE maintenance_occurrences o
              SET kind = p.kind, earliest_start = p.earliest_start, target_date = p.target_date,
                  legal_latest = p.legal_latest, on_time_limit = p.on_time_limit, work_order_from = p.work_order_from,
                  version = o.version + 1, updated_at = now()
             FROM plan p
             JOIN maintenance_occurrences old
               ON old.requirement_id = p.requirement_id AND old.asset_id = p.asset_id AND old.period_no = p.period_no
            WHERE o.id = old.id AND o.started_at IS NULL AND o.completed_at IS NULL
              AND o.status IN ('planned', 'due')
              AND (o.kind, o.earliest_start, o.target_date, o.legal_latest, o.on_time_limit, o.work_order_from)
                  IS DISTINCT FROM (p.kind, p.earliest_start, p.target_date, p.legal_latest, p.on_time_limit, p.work_order_from)
           RETURNING o.id, o.tenant_id, old.target_date AS old_target, old.version AS old_version, p.target_date),
         ev AS (
           INSERT INTO occurrence_events (occurrence_id, tenant_id, type, dedup_key, payload)
           SELECT id, tenant_id, 'rescheduled', 'rescheduled:v' || old_version,
                  jsonb_build_object('from', old_target, 'to', target_date) FROM upd
           ON CONFLICT (occurrence_id, dedup_key) DO NOTHING
           RETURNING 1)
         SELECT count(*)::int AS n FROM ev`,
        params.slice(0, 11),
      )) as Array<{ n: number }>;
      // Not yet started future occurrences of these pairs that the plan no longer has (the cadence changed).
      const [cancelled] = (await m.query(
        `WITH pairs AS (SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::date[], $4::date[], $5::text[])
                          AS x(requirement_id, asset_id, today, horizon_to, periods)),
         gone AS (
           UPDATE maintenance_occurrences o
              SET status = 'cancelled', cancel_reason = 'Plan geändert: Periode entfällt / plan changed: period dropped',
                  version = o.version + 1, updated_at = now()
             FROM pairs x
            WHERE o.asset_id = x.asset_id AND o.requirement_id = x.requirement_id
              AND o.target_date >= x.today AND o.target_date <= x.horizon_to
              AND o.started_at IS NULL AND o.completed_at IS NULL AND o.status <> 'cancelled'
              AND o.period_no <> ALL (x.periods::int[])
           RETURNING o.id, o.tenant_id),
         ev AS (
           INSERT INTO occurrence_events (occurrence_id, tenant_id, type, dedup_key, payload)
           SELECT id, tenant_id, 'cancelled', 'cancelled', '{"reason":"plan-changed"}'::jsonb FROM gone
           ON CONFLICT (occurrence_id, dedup_key) DO NOTHING
           RETURNING 1)
         SELECT count(*)::int AS n FROM ev`,
        batch.pairs,
      )) as Array<{ n: number }>;
      return { ...fresh, rescheduled: rescheduled?.n ?? 0, cancelled: cancelled?.n ?? 0 };
    });
  }

  /** Cancels the future, not yet started occurrences of pairs no longer planned (deactivated / unselected). */
  private async cancelUnselected(
    m: EntityManager,
    pairs: ReadonlyArray<{ requirement_id: string; asset_id: string }>,
    now: Date,
  ): Promise<number> {
    const [row] = (await m.query(
      `WITH gone AS (
         UPDATE maintenance_occurrences o
            SET status = 'cancelled',
                cancel_reason = CASE WHEN r.active THEN 'Anlage nicht mehr im Plan / asset no longer selected'
                                     ELSE 'Plan deaktiviert / requirement deactivated' END,
                version = o.version + 1, updated_at = now()
           FROM unnest($1::uuid[], $2::uuid[]) AS x(requirement_id, asset_id), maintenance_requirements r, sites s
          WHERE o.asset_id = x.asset_id AND o.requirement_id = x.requirement_id
            AND r.id = o.requirement_id AND s.id = o.site_id
            AND o.target_date >= ($3::timestamptz AT TIME ZONE s.timezone)::date
            AND o.started_at IS NULL AND o.completed_at IS NULL AND o.status <> 'cancelled'
         RETURNING o.id, o.tenant_id, r.active),
       ev AS (
         INSERT INTO occurrence_events (occurrence_id, tenant_id, type, dedup_key, payload)
         SELECT id, tenant_id, 'cancelled', 'cancelled',
                jsonb_build_object('reason', CASE WHEN active THEN 'asset-unselected' ELSE 'requirement-deactivated' END)
           FROM gone
         ON CONFLICT (occurrence_id, dedup_key) DO NOTHING
         RETURNING 1)
       SELECT count(*)::int AS n FROM ev`,
      [pairs.map((p) => p.requirement_id), pairs.map((p) => p.asset_id), now],
    )) as Array<{ n: number }>;
    return row?.n ?? 0;
  }

  /**
   * Releases the occurrences whose work-order date has come (the site's date): they become work orders
   * for the technicians, with a 'released' event once. Their status the sweep keeps in step.
   */
  private async release(
    m: EntityManager,
    contractId: string,
    now: Date,
    targets: { from: IsoDate; to: IsoDate },
  ): Promise<number> {
    const [row] = (await m.query(
      `WITH rel AS (
         UPDATE maintenance_occurrences o
            SET released_at = $2, version = o.version + 1, updated_at = now()
           FROM sites s
          WHERE o.contract_id = $1 AND o.target_date BETWEEN $3::date AND $4::date
            AND s.id = o.site_id AND o.released_at IS NULL AND o.status <> 'cancelled'
            AND o.work_order_from <= ($2::timestamptz AT TIME ZONE s.timezone)::date
         RETURNING o.id, o.tenant_id, o.work_order_from),
       ev AS (
         INSERT INTO occurrence_events (occurrence_id, tenant_id, type, dedup_key, payload)
         SELECT id, tenant_id, 'released', 'released', jsonb_build_object('workOrderFrom', work_order_from) FROM rel
         ON CONFLICT (occurrence_id, dedup_key) DO NOTHING
         RETURNING 1)
       SELECT count(*)::int AS n FROM ev`,
      [contractId, now, targets.from, targets.to],
    )) as Array<{ n: number }>;
    return row?.n ?? 0;
  }
}
