import type { DataSource } from 'typeorm';
import { DateTime } from 'luxon';

/**
 * Maintenance fixtures written in SQL (what the planner's POST and the generator store), for the specs
 * of executing occurrences: a requirement of a world's contract on one asset, and its occurrences.
 */
export interface RequirementFixture {
  taskKey: string;
  kind: 'inspection' | 'maintenance' | 'statutory-test';
  statutory: boolean;
  performer: 'provider' | 'approved-body';
  evidence: string[];
  anchorKind: 'fixed-grid' | 'floating' | 'statutory';
  cadence: [number, 'week' | 'month' | 'year'];
}

/** The elevator's main/intermediate inspection by the approved body (checklist + §17 record + report). */
export const STATUTORY: RequirementFixture = {
  taskKey: 'elevator-statutory-inspection',
  kind: 'statutory-test',
  statutory: true,
  performer: 'approved-body',
  evidence: ['checklist', 'inspection-record'],
  anchorKind: 'statutory',
  cadence: [2, 'year'],
};

/** The elevator's maintenance per DIN EN 13015, 6× a year (checklist). */
export const MAINTENANCE: RequirementFixture = {
  taskKey: 'elevator-maintenance',
  kind: 'maintenance',
  statutory: false,
  performer: 'provider',
  evidence: ['checklist'],
  anchorKind: 'fixed-grid',
  cadence: [2, 'month'],
};

export interface MaintenanceWorld {
  tenantId: string;
  siteId: string;
  contractId: string | null;
}

/** A requirement row of the world's contract on `assetId`. */
export async function createRequirement(
  ds: DataSource,
  w: MaintenanceWorld,
  r: RequirementFixture,
  assetId: string,
): Promise<string> {
  const [row] = (await ds.query(
    `INSERT INTO maintenance_requirements (tenant_id, contract_id, task_key, title, kind, statutory, site_id, asset_id,
       cadence_every, cadence_unit, anchor_kind, anchor_date, intermediate, lead_days, performer, evidence, version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, '2025-01-15', $12, 28, $13, $14::text[], 1) RETURNING id`,
    [
      w.tenantId,
      w.contractId,
      r.taskKey,
      r.taskKey === STATUTORY.taskKey ? 'Aufzugsprüfung ZÜS' : 'Aufzugswartung',
      r.kind,
      r.statutory,
      w.siteId,
      assetId,
      r.cadence[0],
      r.cadence[1],
      r.anchorKind,
      r.anchorKind === 'statutory',
      r.performer,
      r.evidence,
    ],
  )) as Array<{ id: string }>;
  return String(row?.id);
}

let periodCounter = 0;

/** An occurrence of `requirementId` (what generation writes), released unless told otherwise. */
export async function createOccurrence(
  ds: DataSource,
  w: MaintenanceWorld,
  requirementId: string,
  assetId: string,
  o: {
    target: string;
    onTimeLimit?: string;
    legalLatest?: string;
    kind?: 'regular' | 'main' | 'intermediate';
    released?: boolean;
    technicianId?: string | null;
    trade?: string;
    status?: string;
    completedOn?: string;
    evidenceAccepted?: boolean;
    cancelReason?: string;
  },
): Promise<string> {
  const legalLatest = o.legalLatest ?? DateTime.fromISO(o.target).plus({ days: 14 }).toISODate();
  const [row] = (await ds.query(
    `INSERT INTO maintenance_occurrences (tenant_id, contract_id, site_id, requirement_id, asset_id, trade, period_no, kind,
       earliest_start, target_date, legal_latest, on_time_limit, work_order_from, released_at, technician_id, status,
       completed_at, completed_on, evidence_accepted, cancel_reason, version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, ($9::date - 60), $9::date, $10::date, $11::date, ($9::date - 28),
       CASE WHEN $12 THEN now() END, $13, $14, CASE WHEN $15::date IS NOT NULL THEN $15::date::timestamptz END, $15::date,
       $16, $17, 1)
     RETURNING id`,
    [
      w.tenantId,
      w.contractId,
      w.siteId,
      requirementId,
      assetId,
      o.trade ?? 'elevators',
      ++periodCounter,
      o.kind ?? 'regular',
      o.target,
      legalLatest,
      o.onTimeLimit ?? o.target,
      o.released ?? true,
      o.technicianId ?? null,
      o.status ?? 'due',
      o.completedOn ?? null,
      o.evidenceAccepted ?? false,
      o.cancelReason ?? null,
    ],
  )) as Array<{ id: string }>;
  return String(row?.id);
}
