import type { EntityManager } from 'typeorm';
import type { DemoDataset } from './demo-data.types';

/** The demo tenant whose A-assets get planned maintenance windows (seed 002, the industrial site). */
export const DEMO_MAINTENANCE_TENANT = 'spezialmaschinenbau-reutlingen';

const HOUR_MS = 3_600_000;
const REASONS = [
  'Geplante Jahreswartung (Stillstand laut Wartungsplan)',
  'Wiederkehrende Prüfung nach BetrSichV (planmäßiger Stillstand)',
];

/**
 * Planned maintenance windows for the seed-002 A-assets, so the KPI dashboard shows an exclusion:
 * on the two most recent restored in-scope downtime tickets of distinct A-assets, a window from one
 * hour before the fault to half-way through the downtime (half of it is planned downtime, EN 13306),
 * and one upcoming window a week after `now`. Idempotent: a tenant with windows is left alone.
 * Stored roll-ups of the tenant are dropped, so the next read recomputes them with the windows.
 */
export async function seedDemoMaintenance(
  q: EntityManager,
  data: DemoDataset,
  tenantIds: Map<string, string>,
  now: Date,
): Promise<number> {
  const tenantId = tenantIds.get(DEMO_MAINTENANCE_TENANT);
  const admin = data.users.find((u) => u.role === 'admin');
  if (!tenantId || !admin) return 0;
  const [existing] = (await q.query(`SELECT 1 FROM maintenance_windows WHERE tenant_id = $1 LIMIT 1`, [
    tenantId,
  ])) as unknown[];
  if (existing) return 0;
  const [creator] = (await q.query(`SELECT id FROM users WHERE email = $1`, [admin.email.toLowerCase()])) as Array<{
    id: string;
  }>;
  if (!creator) return 0;

  const downs = (await q.query(
    `SELECT DISTINCT ON (t.asset_id) t.asset_id AS "assetId", t.fault_began_at AS "faultBeganAt", t.restored_at AS "restoredAt"
       FROM tickets t JOIN assets a ON a.id = t.asset_id
      WHERE t.tenant_id = $1 AND a.asset_class = 'A' AND a.in_contract AND t.asset_down AND t.in_scope
        AND t.contract_id IS NOT NULL AND t.restored_at IS NOT NULL AND t.restored_at <= $2
        AND t.restored_at - t.fault_began_at >= interval '20 minutes'
      ORDER BY t.asset_id, t.restored_at DESC, t.id`,
    [tenantId, now],
  )) as Array<{ assetId: string; faultBeganAt: Date; restoredAt: Date }>;
  const latest = downs
    .sort((x, y) => y.restoredAt.getTime() - x.restoredAt.getTime() || (x.assetId < y.assetId ? -1 : 1))
    .slice(0, REASONS.length);
  const windows = latest.map((d, i) => {
    const began = d.faultBeganAt.getTime();
    const half = Math.round((d.restoredAt.getTime() - began) / 2 / 60_000) * 60_000;
    return {
      assetId: d.assetId,
      startsAt: new Date(began - HOUR_MS),
      endsAt: new Date(began + half),
      reason: REASONS[i],
    };
  });
  const [upcoming] = (await q.query(
    `SELECT a.id FROM assets a WHERE a.tenant_id = $1 AND a.asset_class = 'A' AND a.in_contract
        AND NOT (a.id = ANY($2::uuid[])) ORDER BY a.code LIMIT 1`,
    [tenantId, latest.map((d) => d.assetId)],
  )) as Array<{ id: string }>;
  if (upcoming) {
    const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 7, 5));
    windows.push({
      assetId: upcoming.id,
      startsAt: day,
      endsAt: new Date(day.getTime() + 8 * HOUR_MS),
      reason: 'Geplanter Austausch der Tragseile (Stillstand angekündigt)',
    });
  }
  for (const w of windows) {
    await q.query(
      `INSERT INTO maintenance_windows (tenant_id, asset_id, starts_at, ends_at, reason, created_by, created_at, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 1)`,
      [tenantId, w.assetId, w.startsAt, w.endsAt, w.reason, creator.id, now],
    );
  }
  if (windows.length > 0) {
    await q.query(`DELETE FROM kpi_rollups WHERE tenant_id = $1 AND frozen_at IS NULL`, [tenantId]);
  }
  return windows.length;
}
