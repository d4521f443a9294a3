import { Inject, Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import {
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  canSeeTenant,
  type AuthUser,
  type Role,
  isUuid,
} from '@leitstand/backend/core';
import type { ContractEntity } from '@leitstand/backend/data-access';
import { isKpiPeriodKey, parseKpiPeriod, type KpiPeriod } from '@leitstand/domain';
import { CLOCK, type Clock } from '@leitstand/backend/core';
import { computeRollup, contractTerm, explainRollup, noFiguresRollup, type KpiRollup } from './kpi-rollup.calculator';
import { KpiRollupRepository, type StoredRollup } from './kpi-rollup.repository';
import { contractZone, findContract, loadContractSites, loadRollupInput, loadRollupInputs } from './kpi-rollup.loader';
import type { CostView, KpiRollupPayload, KpiView } from './kpi.types';

export type { StoredRollup } from './kpi-rollup.repository';

/**
 * Who sees KPIs and costs: admins and agents (all tenants) and managers (their tenants). Customers and
 * technicians get 403 — like contracts themselves, whose commercial terms customers do not see.
 */
export const KPI_READER_ROLES: readonly Role[] = ['admin', 'agent', 'manager'];

/** Contracts recomputed at once by a full recompute (the pool has 10 connections by default). */
export const KPI_RECOMPUTE_CONCURRENCY = 4;

/**
 * KPI roll-ups per contract and period: computed from tickets, SLA clocks, work logs, materials and maintenance
 * occurrences with @leitstand/domain, stored in kpi_rollups (one row per contract and period, replaced on every
 * recompute until the period closes; a period stored after it closed is frozen and never recomputed), read by
 * the API. A period asked for the first time is computed on the fly and stored.
 */
@Injectable()
export class KpiService {
  private readonly rollups: KpiRollupRepository;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.rollups = new KpiRollupRepository(dataSource);
  }

  async kpis(user: AuthUser, contractId: string, period: unknown): Promise<KpiView> {
    return (await this.read(user, contractId, period, 'kpis')) as KpiView;
  }

  async costs(user: AuthUser, contractId: string, period: unknown): Promise<CostView> {
    return (await this.read(user, contractId, period, 'costs')) as CostView;
  }

  /** One half of the stored roll-up (only that half leaves PostgreSQL), computed and stored first if missing. */
  private async read(
    user: AuthUser,
    contractId: string,
    period: unknown,
    part: keyof KpiRollupPayload,
  ): Promise<KpiView | CostView> {
    if (!KPI_READER_ROLES.includes(user.role)) throw new ForbiddenError(`role ${user.role} may not see KPIs`);
    if (!isKpiPeriodKey(period)) {
      throw InvalidInputError.of(
        'period',
        `expected a month 'YYYY-MM', a quarter 'YYYY-Qn' or a year 'YYYY', got ${JSON.stringify(period ?? null)}`,
      );
    }
    const contract = isUuid(contractId) ? await findContract(this.dataSource, contractId) : null;
    if (contract === null || !canSeeTenant(user, contract.tenantId)) throw new NotFoundError('contract', contractId);
    // The term is read from the contract on every answer (it may have changed since the roll-up was stored);
    // local dates need no zone. A period outside the term is answered (and stored) without figures.
    const term = contractTerm(contract, parseKpiPeriod(period, 'UTC'));
    if (term.coverage !== 'none') {
      const view = await this.rollups.view(contract.id, period, part);
      if (view !== null) return { ...view, term };
    }
    return (await this.recomputeFor(contract, period)).payload[part];
  }

  /** The stored roll-up with the explanation built from its derivation. */
  async stored(contractId: string, period: string): Promise<StoredRollup | null> {
    return this.rollups.stored(contractId, period);
  }

  /** Recompute and store one contract and period; null when the contract is gone. */
  async recompute(contractId: string, period: string): Promise<StoredRollup | null> {
    const contract = await findContract(this.dataSource, contractId);
    if (contract === null) return null;
    return this.recomputeFor(contract, period);
  }

  /**
   * Compute and store one period — unless it is frozen: a closed period's stored roll-up is answered as stored
   * (computed once, never again). A period outside the term is answered without figures (and stored so, unless
   * a frozen row is kept: the term is read on every answer, the frozen figures come back if the term does).
   */
  private async recomputeFor(contract: ContractEntity, periodKey: string): Promise<StoredRollup> {
    const started = performance.now();
    const now = this.clock.now();
    let period: KpiPeriod;
    let rollup: KpiRollup;
    if (contractTerm(contract, parseKpiPeriod(periodKey, 'UTC')).coverage === 'none') {
      period = parseKpiPeriod(periodKey, contractZone(await loadContractSites(this.dataSource, contract.id)));
      rollup = noFiguresRollup(contract, period, now);
    } else {
      const frozen = await this.rollups.stored(contract.id, periodKey);
      if (frozen?.frozenAt) return frozen;
      const loaded = await loadRollupInput(this.dataSource, contract, periodKey, now);
      period = loaded.period;
      rollup = computeRollup(loaded.input);
    }
    const durationMs = Math.round(performance.now() - started);
    const written = await this.rollups.upsert(contract, periodKey, period, now, durationMs, rollup);
    if (!written && rollup.kpis.frozenAt) {
      // a concurrent recompute froze it first: that one is the frozen figure
      const kept = await this.rollups.stored(contract.id, periodKey);
      if (kept !== null) return kept;
    }
    return {
      contractId: contract.id,
      period: periodKey,
      computedAt: now,
      durationMs,
      frozenAt: rollup.kpis.frozenAt ? now : null,
      payload: explainRollup(rollup),
    };
  }

  /**
   * The periods a contract's recompute refreshes: the current and the previous month, quarter and year
   * in the contract's zone (late restores change last month), plus every period stored for it that is not frozen.
   * A frozen period (stored after it closed, see kpiPeriodClosesAtMs) is never recomputed; a stored period that
   * has closed since is computed once more and frozen then.
   */
  async periodsToRefresh(contractId: string): Promise<string[]> {
    const zone = contractZone(await loadContractSites(this.dataSource, contractId));
    const now = DateTime.fromJSDate(this.clock.now(), { zone });
    const prev = now.minus({ months: 1 });
    const keys = new Set<string>([
      now.toFormat('yyyy-MM'),
      prev.toFormat('yyyy-MM'),
      `${now.year}-Q${now.quarter}`,
      `${prev.year}-Q${prev.quarter}`,
      String(now.year),
      String(prev.year),
    ]);
    const stored = await this.rollups.periods(contractId);
    for (const p of stored) if (!p.frozen) keys.add(p.period);
    for (const p of stored) if (p.frozen) keys.delete(p.period);
    return [...keys].sort();
  }

  /**
   * Recompute every period of one contract that `periodsToRefresh` names (or `periods`); frozen periods are
   * left as they are. Returns the number of periods named.
   */
  async recomputeContract(contractId: string, periods?: readonly string[]): Promise<number> {
    const contract = await findContract(this.dataSource, contractId);
    if (contract === null) return 0;
    const keys = periods ?? (await this.periodsToRefresh(contractId));
    const frozen = new Set((await this.rollups.periods(contractId)).filter((p) => p.frozen).map((p) => p.period));
    // Periods outside the term are stored without figures; the others are loaded together (one pass per table).
    const inTerm = keys.filter(
      (key) => !frozen.has(key) && contractTerm(contract, parseKpiPeriod(key, 'UTC')).coverage !== 'none',
    );
    for (const key of keys) {
      if (!inTerm.includes(key) && !frozen.has(key)) await this.recomputeFor(contract, key);
    }
    const started = performance.now();
    const now = this.clock.now();
    const loaded = await loadRollupInputs(this.dataSource, contract, inTerm, now);
    const loadMsEach = (performance.now() - started) / Math.max(1, loaded.length);
    for (let i = 0; i < loaded.length; i++) {
      const { input, period } = loaded[i] as (typeof loaded)[number];
      const computeStarted = performance.now();
      const rollup = computeRollup(input);
      const durationMs = Math.round(loadMsEach + performance.now() - computeStarted);
      await this.rollups.upsert(contract, inTerm[i] as string, period, now, durationMs, rollup);
    }
    return keys.length;
  }

  /**
   * Recompute several contracts, `concurrency` at a time: while one waits for PostgreSQL another computes,
   * so a full recompute uses the database and the CPU together.
   */
  async recomputeMany(
    contractIds: readonly string[],
    periods?: readonly string[],
    concurrency = KPI_RECOMPUTE_CONCURRENCY,
  ): Promise<number> {
    let next = 0;
    let rollups = 0;
    const lane = async (): Promise<void> => {
      while (next < contractIds.length) {
        const id = contractIds[next++] as string;
        const done = await this.recomputeContract(id, periods); // read after the await: lanes interleave
        rollups += done;
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, contractIds.length)) }, lane));
    return rollups;
  }

  /** Nightly: every contract whose term touches the last two years. */
  async recomputeAll(): Promise<{ contracts: number; rollups: number }> {
    const rows = (await this.dataSource.query(
      `SELECT id FROM contracts WHERE ends_on IS NULL OR ends_on >= (now() - interval '2 years')::date ORDER BY id`,
    )) as { id: string }[];
    const rollups = await this.recomputeMany(rows.map((r) => r.id));
    return { contracts: rows.length, rollups };
  }

  /**
   * The debounced on-change path: contracts whose tickets, SLA clocks, work logs, materials, maintenance
   * occurrences or requirements changed after their oldest roll-up that is not frozen (or that have such rows
   * but no open roll-up yet). Frozen roll-ups never count: they are never recomputed.
   */
  async changedContracts(): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `WITH last AS (
         SELECT contract_id, min(computed_at) AS at FROM kpi_rollups WHERE frozen_at IS NULL GROUP BY contract_id
       ), changed AS (
         SELECT t.contract_id, max(t.updated_at) AS at FROM tickets t WHERE t.contract_id IS NOT NULL GROUP BY t.contract_id
         UNION ALL
         SELECT t.contract_id, max(c.updated_at) FROM ticket_sla_clocks c JOIN tickets t ON t.id = c.ticket_id
          WHERE t.contract_id IS NOT NULL GROUP BY t.contract_id
         UNION ALL
         SELECT t.contract_id, max(w.created_at) FROM work_logs w JOIN tickets t ON t.id = w.ticket_id
          WHERE t.contract_id IS NOT NULL GROUP BY t.contract_id
         UNION ALL
         SELECT t.contract_id, max(m.created_at) FROM ticket_materials m JOIN tickets t ON t.id = m.ticket_id
          WHERE t.contract_id IS NOT NULL GROUP BY t.contract_id
         UNION ALL
         SELECT o.contract_id, max(o.updated_at) FROM maintenance_occurrences o GROUP BY o.contract_id
         UNION ALL
         SELECT r.contract_id, max(r.updated_at) FROM maintenance_requirements r GROUP BY r.contract_id
       )
       SELECT c.contract_id AS id FROM changed c LEFT JOIN last l ON l.contract_id = c.contract_id
        GROUP BY c.contract_id, l.at HAVING l.at IS NULL OR max(c.at) > l.at ORDER BY c.contract_id`,
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }
}
