import { Inject, Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import type {
  ComplianceFigureView,
  ComplianceResponse,
  NonCompliantOccurrence,
  OccurrenceStatusValue,
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
import { provisionalCompliance, type ComplianceFigure, type ComplianceInput } from '@leitstand/domain';
import { civilDate } from './occurrence-views';

/** Longest period of one compliance query (a year, leap years included). */
export const COMPLIANCE_MAX_DAYS = 366;
/** Roles that read compliance (the contract's figures; technicians and customers do not). */
const COMPLIANCE_ROLES = new Set(['admin', 'agent', 'manager']);
/** The provider's zone: "today" of a compliance figure (open vs. missed) is a Europe/Berlin day. */
const PROVIDER_ZONE = 'Europe/Berlin';

interface ComplianceRow {
  id: string;
  trade: string;
  task_key: string;
  title: string;
  site_id: string;
  asset_id: string;
  asset_code: string;
  asset_name: string;
  target_date: string;
  on_time_limit: string;
  legal_latest: string;
  completed_on: string | null;
  evidence_accepted: boolean;
  status: OccurrenceStatusValue;
}

/**
 * Compliance of a contract over a period (issue 15): the domain's provisionalCompliance over the contract's
 * occurrences whose target date lies in the period — the rule of the KPI roll-up, so the dashboard's
 * figure and the bonus/malus agree: target dates up to today, undecided ones (not completed, on-time limit
 * not passed) not counted but returned as `undecided`; the figure, per trade, and every late, missed or
 * open occurrence behind it for the drill-down.
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

    const rows = (await this.dataSource.query(
      `SELECT o.id, o.trade, r.task_key, r.title, o.site_id, o.asset_id, a.code AS asset_code, a.name AS asset_name,
              o.target_date::text AS target_date, o.on_time_limit::text AS on_time_limit,
              o.legal_latest::text AS legal_latest, o.completed_on::text AS completed_on, o.evidence_accepted, o.status
         FROM maintenance_occurrences o
         JOIN maintenance_requirements r ON r.id = o.requirement_id
         JOIN assets a ON a.id = o.asset_id
        WHERE o.contract_id = $1 AND o.target_date BETWEEN $2::date AND $3::date
        ORDER BY o.target_date, o.id`,
      [contract.id, query.from, query.to],
    )) as ComplianceRow[];
    const today = civilDate(this.clock.now(), PROVIDER_ZONE);
    const items: ComplianceInput[] = rows.map((r) => ({
      occurrenceId: r.id,
      trade: r.trade,
      targetDate: r.target_date,
      onTimeLimit: r.on_time_limit,
      legalLatest: r.legal_latest,
      ...(r.completed_on !== null ? { completedOn: r.completed_on } : {}),
      evidenceAccepted: r.evidence_accepted,
      cancelled: r.status === 'cancelled',
    }));
    const result = provisionalCompliance(items, { from: query.from, to: query.to }, today);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const nonCompliant = result.total.nonCompliant.flatMap(({ occurrenceId, reason }): NonCompliantOccurrence[] => {
      const r = byId.get(occurrenceId);
      if (!r) return [];
      return [
        {
          occurrenceId,
          reason,
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
        },
      ];
    });
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
      nonCompliant,
    };
  }
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
