import { Inject, Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import type { ContractEconomicsView } from '@leitstand/api-contracts';
import {
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  canSeeTenant,
  isUuid,
  type AuthUser,
  type Role,
} from '@leitstand/backend/core';
import {
  compareContractTypes,
  contractEconomics,
  parseContractCalculation,
  type ContractCalculation,
  type ContractYearActuals,
} from '@leitstand/domain';

const READERS: readonly Role[] = ['admin', 'agent', 'manager'];

/** A month's cost roll-up of the contract ('YYYY-MM'): revenue, effort, margin, loss. */
export type MonthCosts = (month: string) => Promise<{
  readonly total: string;
  readonly effort: { readonly total: string } | null;
  readonly margin: string | null;
  readonly loss: boolean | null;
}>;

interface ContractRow {
  id: string;
  name: string;
  tenant_id: string;
  starts_on: string;
  ends_on: string | null;
  economics: Record<string, unknown> | null;
}

/**
 * A contract's economics (issue 16): its calculation document computed against the figures it states, the
 * revenue-against-effort months of a flat rate, and the contract year's actual call-outs and inspections
 * repriced under every contract type the calculation offers. Provider-internal: admins, agents and
 * managers of the tenant; customers and technicians get 403.
 */
@Injectable()
export class ContractEconomicsService {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** `costsOf` answers a month's cost roll-up of the contract (the KPI module's, composed by the caller). */
  async get(
    user: AuthUser,
    contractId: string,
    year: unknown,
    costsOf: MonthCosts,
    now: Date = new Date(),
  ): Promise<ContractEconomicsView> {
    if (!READERS.includes(user.role)) throw new ForbiddenError(`role ${user.role} may not see contract economics`);
    const [contract] = isUuid(contractId)
      ? ((await this.dataSource.query(
          `SELECT id, name, tenant_id, starts_on::text AS starts_on, ends_on::text AS ends_on, economics
             FROM contracts WHERE id = $1`,
          [contractId],
        )) as ContractRow[])
      : [];
    if (contract === undefined || !canSeeTenant(user, contract.tenant_id)) {
      throw new NotFoundError('contract', contractId);
    }
    const span = contractYear(contract, year, now);
    const months = await revenueAgainstEffort(costsOf, span, now);
    if (contract.economics === null) {
      return { contractId: contract.id, contractName: contract.name, year: span, months, calculation: null };
    }
    let calc: ContractCalculation;
    try {
      calc = parseContractCalculation(contract.economics);
    } catch (error) {
      // Written before economics were validated as a full calculation (or by SQL): say so instead of failing.
      const message = error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
      return {
        contractId: contract.id,
        contractName: contract.name,
        year: span,
        months,
        calculation: null,
        calculationProblem: message,
      };
    }
    const e = contractEconomics(calc);
    const view: ContractEconomicsView = {
      contractId: contract.id,
      contractName: contract.name,
      year: span,
      months,
      calculation: {
        id: e.calculationId,
        name: e.name,
        ...(e.areaM2 === undefined ? {} : { areaM2: e.areaM2 }),
        variants: e.variants.map((v) => ({
          variantId: v.variantId,
          label: v.label,
          lines: v.lines.map((l) => ({
            id: l.id,
            label: l.label,
            kind: l.kind,
            ...(l.group === undefined ? {} : { group: l.group }),
            ...(l.module === undefined ? {} : { module: l.module }),
            annual: l.annual,
            derivation: l.derivation,
          })),
          annualTotal: v.annualTotal,
          groupTotals: v.groupTotals,
          ...(v.fte === undefined ? {} : { fte: v.fte }),
          ...(v.perM2Year === undefined ? {} : { perM2Year: v.perM2Year }),
          volumeBasis: v.volumeBasis,
          contractVolume: v.contractVolume,
          checks: v.checks,
          differences: v.differences,
        })),
        ...(e.monthlyMargins === undefined
          ? {}
          : {
              monthlyMargins: e.monthlyMargins.map((m) => ({
                month: m.month,
                total: m.total,
                ...(m.effort === undefined ? {} : { effort: { total: m.effort.total } }),
                ...(m.margin === undefined ? {} : { margin: m.margin }),
                ...(m.marginPercent === undefined ? {} : { marginPercent: m.marginPercent }),
                ...(m.loss === undefined ? {} : { loss: m.loss }),
              })),
            }),
      },
    };
    if (calc.variants.length < 2) return view;
    const actuals = await this.yearActuals(contract, calc, span);
    const c = compareContractTypes(calc, actuals);
    return {
      ...view,
      comparison: {
        year: { from: actuals.from, to: actuals.to },
        assets: actuals.assets,
        callOuts: actuals.callOuts,
        inspections: actuals.inspections,
        variants: c.variants,
        cheapestVariantId: c.cheapestVariantId,
      },
    };
  }

  /**
   * The year's usage of every asset the calculation prices: the in-contract assets on the sites of the
   * tenant's contracts that carry the same calculation (seed 001's six lifts under three contracts), their
   * fault tickets created in the year (one call-out each) and their completed statutory inspections.
   */
  private async yearActuals(
    contract: ContractRow,
    calc: ContractCalculation,
    span: { from: string; to: string },
  ): Promise<ContractYearActuals> {
    const [row] = (await this.dataSource.query(
      `WITH priced AS (
         SELECT DISTINCT a.id FROM contracts c
           JOIN contract_sites cs ON cs.contract_id = c.id
           JOIN assets a ON a.site_id = cs.site_id AND a.in_contract
          WHERE c.tenant_id = $1 AND (c.id = $2 OR c.economics->>'id' = $3))
       SELECT (SELECT count(*)::int FROM priced) AS assets,
              (SELECT count(*)::int FROM tickets t
                WHERE t.tenant_id = $1 AND t.asset_id IN (SELECT id FROM priced)
                  AND t.created_at >= $4::date AND t.created_at < $5::date) AS call_outs,
              (SELECT count(*)::int FROM maintenance_occurrences o
                 JOIN maintenance_requirements r ON r.id = o.requirement_id AND r.performer = 'approved-body'
                WHERE o.tenant_id = $1 AND o.asset_id IN (SELECT id FROM priced)
                  AND o.completed_on >= $4::date AND o.completed_on < $5::date
                  AND o.status <> 'cancelled') AS inspections`,
      [contract.tenant_id, contract.id, calc.id, span.from, span.to],
    )) as Array<{ assets: number; call_outs: number; inspections: number }>;
    return {
      from: span.from,
      to: span.to,
      assets: row?.assets ?? 0,
      callOuts: row?.call_outs ?? 0,
      inspections: row?.inspections ?? 0,
    };
  }
}

/**
 * Revenue against effort per month of the contract year up to the current month, from the contract's cost
 * roll-ups (flat fee pro rata + billed work against the effort at internal cost rates): the months a flat
 * rate makes a loss are flagged.
 */
async function revenueAgainstEffort(
  costsOf: MonthCosts,
  span: { from: string; to: string },
  now: Date,
): Promise<ContractEconomicsView['months']> {
  const out: Array<ContractEconomicsView['months'][number]> = [];
  const thisMonth = DateTime.fromJSDate(now, { zone: 'UTC' }).startOf('month');
  for (
    let m = DateTime.fromISO(span.from, { zone: 'UTC' }).startOf('month');
    (m.toISODate() ?? '') < span.to && m <= thisMonth;
    m = m.plus({ months: 1 })
  ) {
    const month = m.toFormat('yyyy-MM');
    const c = await costsOf(month);
    out.push({ month, revenue: c.total, effort: c.effort?.total ?? null, margin: c.margin, loss: c.loss });
  }
  return out;
}

/**
 * The contract year [anniversary of the start in `year`, +1 year): `year` 'YYYY' from the query, else the
 * contract year containing `now`, clamped to the term. 400 naming `year` when malformed or outside the term.
 */
function contractYear(contract: ContractRow, year: unknown, now: Date): { from: string; to: string } {
  const start = DateTime.fromISO(contract.starts_on, { zone: 'UTC' });
  const last = contract.ends_on === null ? null : DateTime.fromISO(contract.ends_on, { zone: 'UTC' });
  let n: number;
  if (year === undefined || year === '') {
    const today = DateTime.fromJSDate(now, { zone: 'UTC' });
    n = today.year - (today < start.set({ year: today.year }) ? 1 : 0);
    n = Math.max(
      start.year,
      last === null ? n : Math.min(n, last.year - (last < start.set({ year: last.year }) ? 1 : 0)),
    );
  } else if (typeof year === 'string' && /^\d{4}$/.test(year)) {
    n = Number(year);
  } else {
    throw InvalidInputError.of('year', "year must be a contract year 'YYYY'");
  }
  const from = start.set({ year: n });
  const to = from.plus({ years: 1 });
  if (from < start || (last !== null && from > last)) {
    throw InvalidInputError.of(
      'year',
      `year ${n} is outside the contract's term (${contract.starts_on} … ${contract.ends_on ?? 'open'})`,
    );
  }
  return { from: from.toISODate() ?? '', to: to.toISODate() ?? '' };
}
