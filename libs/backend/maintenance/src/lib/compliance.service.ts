import { Inject, Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import {
  COMPLIANCE_DRILL_DOWN_LIMIT,
  type ComplianceFigureView,
  type ComplianceResponse,
  type NonCompliantOccurrence,
  type OccurrenceStatusValue,
} from '@leitstand/api-contracts';
import {
  CLOCK,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  canSeeTenant,
  type AuthUser,
  type Clock,
} from '@leitstand/backend/core';
import {
  provisionalComplianceOfCounts,
  type ComplianceFigure,
  type NonComplianceReason,
  type TradeComplianceCounts,
} from '@leitstand/domain';
import { civilDate } from './occurrence-views';

/** Longest period of one compliance query (a year, leap years included). */
export const COMPLIANCE_MAX_DAYS = 366;
/** Roles that read compliance (the contract's figures; technicians and customers do not). */
const COMPLIANCE_ROLES = new Set(['admin', 'agent', 'manager']);
/** The provider's zone: "today" of a compliance figure (open vs. missed) is a Europe/Berlin day. */
const PROVIDER_ZONE = 'Europe/Berlin';

/**
 * The outcome of one occurrence of the period as provisionalCompliance decides it ($4 = measuredTo, $5 = today):
 * after measuredTo undecided (cancelled: not counted at all); up to it cancelled, undecided (not completed, on-time
 * limit not passed: isUndecided), or computeCompliance's classification — not completed: missed once the legal
 * latest date has passed, else open; completed after the legal latest date: missed (late never heals a miss);
 * after the on-time limit: late; with accepted evidence: on time; without: missed once the legal latest date has
 * passed, else open. The int spec maintenance-compliance-sql holds it to the domain function.
 */
const OUTCOME_SQL = `CASE
    WHEN o.target_date > $4::date THEN CASE WHEN o.status = 'cancelled' THEN NULL ELSE 'undecided' END
    WHEN o.status = 'cancelled' THEN 'cancelled'
    WHEN o.completed_on IS NULL AND o.on_time_limit >= $5::date THEN 'undecided'
    WHEN o.completed_on IS NULL THEN CASE WHEN $5::date > o.legal_latest THEN 'missed' ELSE 'open' END
    WHEN o.completed_on > o.legal_latest THEN 'missed'
    WHEN o.completed_on > o.on_time_limit THEN 'late'
    WHEN o.evidence_accepted THEN 'on-time'
    WHEN $5::date > o.legal_latest THEN 'missed'
    ELSE 'open'
  END`;

/** The contract's occurrences with a target date in [$2, $3], each with its outcome. */
const OUTCOMES_SQL = `SELECT o.id, o.trade, o.requirement_id, o.site_id, o.asset_id, o.target_date, o.on_time_limit,
         o.legal_latest, o.completed_on, o.status, ${OUTCOME_SQL} AS outcome
    FROM maintenance_occurrences o
   WHERE o.contract_id = $1 AND o.target_date BETWEEN $2::date AND $3::date`;

/** Per trade: the counts of provisionalComplianceOfCounts. */
const COUNTS_SQL = `SELECT c.trade,
       count(*) FILTER (WHERE c.outcome = 'on-time')::int AS "onTime",
       count(*) FILTER (WHERE c.outcome = 'late')::int AS late,
       count(*) FILTER (WHERE c.outcome = 'missed')::int AS missed,
       count(*) FILTER (WHERE c.outcome = 'open')::int AS open,
       count(*) FILTER (WHERE c.outcome = 'cancelled')::int AS cancelled,
       count(*) FILTER (WHERE c.outcome = 'undecided')::int AS undecided
  FROM (${OUTCOMES_SQL}) c
 WHERE c.outcome IS NOT NULL
 GROUP BY c.trade`;

/** The drill-down: at most $6 late, missed and open occurrences, missed first, then late, then open, by target. */
const DRILL_DOWN_SQL = `SELECT n.id, n.outcome AS reason, r.task_key, r.title, n.trade, n.site_id, n.asset_id, a.code AS asset_code,
       a.name AS asset_name, n.target_date::text AS target_date, n.on_time_limit::text AS on_time_limit,
       n.legal_latest::text AS legal_latest, n.completed_on::text AS completed_on, n.status
  FROM (SELECT c.*, CASE c.outcome WHEN 'missed' THEN 0 WHEN 'late' THEN 1 ELSE 2 END AS prio
          FROM (${OUTCOMES_SQL}) c
         WHERE c.outcome IN ('late', 'missed', 'open')
         ORDER BY prio, c.target_date, c.id
         LIMIT $6) n
  JOIN maintenance_requirements r ON r.id = n.requirement_id
  JOIN assets a ON a.id = n.asset_id
 ORDER BY n.prio, n.target_date, n.id`;

interface DrillDownRow {
  id: string;
  reason: NonComplianceReason;
  task_key: string;
  title: string;
  trade: string;
  site_id: string;
  asset_id: string;
  asset_code: string;
  asset_name: string;
  target_date: string;
  on_time_limit: string;
  legal_latest: string;
  completed_on: string | null;
  status: OccurrenceStatusValue;
}

/**
 * Compliance of a contract over a period (issue 15): the domain's provisionalCompliance over the contract's
 * occurrences whose target date lies in the period — the rule of the KPI roll-up, so the dashboard's
 * figure and the bonus/malus agree: target dates up to today, undecided ones (not completed, on-time limit
 * not passed) not counted but returned as `undecided`; the figure, per trade, and the late, missed or open
 * occurrences behind it for the drill-down. PostgreSQL counts (one GROUP BY trade over the contract's
 * occurrences of the period) and returns at most COMPLIANCE_DRILL_DOWN_LIMIT drill-down rows, missed first;
 * provisionalComplianceOfCounts turns the counts into the figures with their derivations. (Loading every
 * occurrence into provisionalCompliance took 16.1 s for 600,000.)
 */
@Injectable()
export class ComplianceService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async compliance(
    user: AuthUser,
    query: { contractId: string; from: string; to: string },
  ): Promise<ComplianceResponse> {
    if (!COMPLIANCE_ROLES.has(user.role)) throw new ForbiddenError(`${user.role}s cannot read compliance`);
    const from = DateTime.fromISO(query.from, { zone: 'UTC' });
    const to = DateTime.fromISO(query.to, { zone: 'UTC' });
    if (to < from) throw InvalidInputError.of('to', 'to must not be before from');
    if (to.diff(from, 'days').days + 1 > COMPLIANCE_MAX_DAYS) {
      throw InvalidInputError.of('to', `the period is at most ${COMPLIANCE_MAX_DAYS} days`);
    }
    const [contract] = (await this.dataSource.query(`SELECT id, tenant_id FROM contracts WHERE id = $1`, [
      query.contractId,
    ])) as Array<{ id: string; tenant_id: string }>;
    if (!contract || !canSeeTenant(user, contract.tenant_id)) throw new NotFoundError('contract', query.contractId);

    const today = civilDate(this.clock.now(), PROVIDER_ZONE);
    const measuredTo = today < query.to ? today : query.to;
    const params = [contract.id, query.from, query.to, measuredTo, today];
    const [counts, rows] = (await Promise.all([
      this.dataSource.query(COUNTS_SQL, params),
      this.dataSource.query(DRILL_DOWN_SQL, [...params, COMPLIANCE_DRILL_DOWN_LIMIT]),
    ])) as [TradeComplianceCounts[], DrillDownRow[]];
    const listed = rows
      .map((r) => ({ occurrenceId: r.id, trade: r.trade, reason: r.reason, targetDate: r.target_date }))
      .sort((a, b) => compare(a.targetDate, b.targetDate) || compare(a.occurrenceId, b.occurrenceId));
    const result = provisionalComplianceOfCounts(counts, listed, { from: query.from, to: query.to }, today);
    const nonCompliantTotal = result.total.late + result.total.missed + result.total.open;
    return {
      contractId: contract.id,
      from: query.from,
      to: query.to,
      today,
      measuredTo: result.measuredTo,
      total: figureView(result.total),
      byTrade: Object.fromEntries(Object.entries(result.byTrade).map(([trade, f]) => [trade, figureView(f)])),
      undecided: result.undecided.total,
      undecidedByTrade: { ...result.undecided.byTrade },
      nonCompliant: rows.map((r): NonCompliantOccurrence => ({
        occurrenceId: r.id,
        reason: r.reason,
        taskKey: r.task_key,
        title: r.title,
        trade: r.trade,
        siteId: r.site_id,
        assetId: r.asset_id,
        assetCode: r.asset_code,
        assetName: r.asset_name,
        targetDate: r.target_date,
        onTimeLimit: r.on_time_limit,
        legalLatest: r.legal_latest,
        completedOn: r.completed_on,
        status: r.status,
      })),
      nonCompliantTotal,
      nonCompliantTruncated: rows.length < nonCompliantTotal,
    };
  }
}

/** Code-unit order, as PostgreSQL orders dates ('yyyy-mm-dd') and uuids (lower-case hex). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function figureView(f: ComplianceFigure): ComplianceFigureView {
  return {
    due: f.due,
    onTime: f.onTime,
    late: f.late,
    missed: f.missed,
    open: f.open,
    cancelled: f.cancelled,
    percent: f.percent,
    derivation: [...f.derivation],
    nonCompliant: f.nonCompliant.map((n) => ({ occurrenceId: n.occurrenceId, reason: n.reason })),
  };
}
