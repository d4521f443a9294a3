import type { DataSource } from 'typeorm';
import { decodeKpiDerivation, encodeKpiDerivation, explainAssetKpis, type KpiPeriod } from '@leitstand/domain';
import type { KpiRollup } from './kpi-rollup.calculator';
import type { CostView, KpiRollupPayload, KpiView } from './kpi.types';

/** A stored roll-up with both views in the long form (the explanation built from the derivation). */
export interface StoredRollup {
  readonly contractId: string;
  readonly period: string;
  readonly computedAt: Date;
  readonly durationMs: number;
  /** Set when the period had closed when it was stored: the row is frozen (never recomputed, never updated). */
  readonly frozenAt: Date | null;
  readonly payload: KpiRollupPayload;
}

interface RollupRow {
  readonly contractId: string;
  readonly period: string;
  readonly computedAt: Date;
  readonly durationMs: number;
  readonly frozenAt: Date | null;
  readonly payload: { readonly kpis: KpiView | Omit<KpiView, 'assets'>; readonly costs: CostView };
  readonly derivation: unknown;
}

/**
 * The KPI views with the asset list in the long form: from the compact derivation (format 2), or as stored
 * when the row still holds the long form (a row the conversion could not compact losslessly).
 */
function explainKpis(kpis: KpiView | Omit<KpiView, 'assets'>, derivation: unknown): KpiView {
  const view = kpis as KpiView;
  if (derivation === null || derivation === undefined) return view;
  const d = decodeKpiDerivation(derivation);
  return { ...view, availability: { ...view.availability, assets: explainAssetKpis(d.assets, d) } };
}

/**
 * kpi_rollups: one row per contract and period. `payload` holds the summary — both views without
 * `kpis.availability.assets` — and `derivation` (json: stored as written, never queried inside) the assets'
 * derivation in the compact format of
 * @leitstand/domain (kpi-derivation.codec.ts); the long form is built on read.
 * A row stored after its period closed carries `frozen_at` (the roll-up's `frozenAt`): it is written once and
 * never replaced — the upsert skips it, and the trigger tr_kpi_rollups_frozen refuses UPDATE and DELETE.
 */
export class KpiRollupRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * Insert or replace, unless a newer computation or a frozen row is already stored. A roll-up with `frozenAt`
   * is stored frozen. Returns false when the stored row was kept (frozen, or newer).
   */
  async upsert(
    contract: { readonly id: string; readonly tenantId: string },
    periodKey: string,
    period: KpiPeriod,
    now: Date,
    durationMs: number,
    rollup: KpiRollup,
  ): Promise<boolean> {
    const frozenAt = rollup.kpis.frozenAt ?? null;
    const rows: unknown[] = await this.ds.query(
      `INSERT INTO kpi_rollups (contract_id, period, tenant_id, period_from, period_to, as_of, computed_at, duration_ms,
                                payload, derivation, frozen_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10::json, $11)
       ON CONFLICT (contract_id, period) DO UPDATE SET
         tenant_id = EXCLUDED.tenant_id, period_from = EXCLUDED.period_from, period_to = EXCLUDED.period_to,
         as_of = EXCLUDED.as_of, computed_at = EXCLUDED.computed_at, duration_ms = EXCLUDED.duration_ms,
         payload = EXCLUDED.payload, derivation = EXCLUDED.derivation, frozen_at = EXCLUDED.frozen_at
       WHERE kpi_rollups.frozen_at IS NULL AND kpi_rollups.computed_at <= EXCLUDED.computed_at
       RETURNING 1`,
      [
        contract.id,
        periodKey,
        contract.tenantId,
        new Date(period.fromMs),
        new Date(period.toMs),
        new Date(Math.min(period.toMs, now.getTime())),
        now,
        durationMs,
        JSON.stringify({ kpis: rollup.kpis, costs: rollup.costs }),
        JSON.stringify(encodeKpiDerivation(rollup.derivation, period.fromMs)),
        frozenAt === null ? null : new Date(frozenAt),
      ],
    );
    return rows.length > 0;
  }

  /** One view of a stored roll-up (only that view — and the derivation for the KPIs — leaves PostgreSQL). */
  async view(contractId: string, periodKey: string, part: 'kpis' | 'costs'): Promise<KpiView | CostView | null> {
    const rows: { part: KpiView | CostView; derivation: unknown }[] = await this.ds.query(
      `SELECT payload -> $3 AS part, CASE WHEN $3 = 'kpis' THEN derivation END AS derivation
         FROM kpi_rollups WHERE contract_id = $1 AND period = $2`,
      [contractId, periodKey, part],
    );
    const row = rows[0];
    if (row === undefined) return null;
    return part === 'kpis' ? explainKpis(row.part as KpiView, row.derivation) : row.part;
  }

  async stored(contractId: string, periodKey: string): Promise<StoredRollup | null> {
    const rows: RollupRow[] = await this.ds.query(
      `SELECT contract_id AS "contractId", period, computed_at AS "computedAt", duration_ms AS "durationMs",
              frozen_at AS "frozenAt", payload, derivation
         FROM kpi_rollups WHERE contract_id = $1 AND period = $2`,
      [contractId, periodKey],
    );
    const row = rows[0];
    if (row === undefined) return null;
    return {
      contractId: row.contractId,
      period: row.period,
      computedAt: row.computedAt,
      durationMs: row.durationMs,
      frozenAt: row.frozenAt,
      payload: { kpis: explainKpis(row.payload.kpis, row.derivation), costs: row.payload.costs },
    };
  }

  /** The periods stored for the contract, and which of them are frozen. */
  async periods(contractId: string): Promise<{ readonly period: string; readonly frozen: boolean }[]> {
    const rows: { period: string; frozen: boolean }[] = await this.ds.query(
      `SELECT period, frozen_at IS NOT NULL AS frozen FROM kpi_rollups WHERE contract_id = $1 ORDER BY period`,
      [contractId],
    );
    return rows;
  }
}
