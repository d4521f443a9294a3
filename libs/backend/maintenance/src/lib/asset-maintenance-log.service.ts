import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type {
  AssetMaintenanceLogEntry,
  AssetMaintenanceLogResponse,
  OccurrenceStatusValue,
} from '@leitstand/api-contracts';
import { NotFoundError, canSeeTenant, isUuid, type AuthUser, type Role } from '@leitstand/backend/core';
import { AssetEntity } from '@leitstand/backend/data-access';
import { assertPlanRole } from './requirements.service';

/** Who reads an asset's history: the provider's staff (customers see their tickets elsewhere). */
export const ASSET_LOG_ROLES: readonly Role[] = ['admin', 'agent', 'manager', 'technician'];
/** Newest entries of each kind in one answer. */
export const ASSET_LOG_MAX_ENTRIES = 500;

/**
 * An asset's maintenance log: its tickets (faults) and its occurrences (planned work) in one history,
 * newest first. Occurrences appear once they are work orders (released), done, cancelled or past their
 * target date — planned future work is the calendar's, not the history's. An occurrence is dated by its
 * completion, else by its target date (00:00 in the site's zone).
 */
@Injectable()
export class AssetMaintenanceLogService {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async log(user: AuthUser, assetId: string): Promise<AssetMaintenanceLogResponse> {
    assertPlanRole(user, ASSET_LOG_ROLES);
    const asset = isUuid(assetId) ? await this.dataSource.getRepository(AssetEntity).findOneBy({ id: assetId }) : null;
    if (!asset || !canSeeTenant(user, asset.tenantId)) throw new NotFoundError('Asset', assetId);
    const [tickets, occurrences] = await Promise.all([
      this.dataSource.query(
        `SELECT id, number, title, status, priority, fault_began_at FROM tickets
          WHERE asset_id = $1 AND tenant_id = $2 ORDER BY fault_began_at DESC, id DESC LIMIT $3`,
        [asset.id, asset.tenantId, ASSET_LOG_MAX_ENTRIES],
      ) as Promise<
        Array<{ id: string; number: string; title: string; status: string; priority: string; fault_began_at: Date }>
      >,
      this.dataSource.query(
        `SELECT o.id, o.requirement_id, r.task_key, r.title, o.kind, o.target_date::text, o.legal_latest::text, o.status,
                o.completed_on::text, coalesce(o.completed_at, (o.target_date::timestamp AT TIME ZONE s.timezone)) AS at
           FROM maintenance_occurrences o
           JOIN maintenance_requirements r ON r.id = o.requirement_id
           JOIN sites s ON s.id = o.site_id
          WHERE o.asset_id = $1 AND o.tenant_id = $2
            AND (o.released_at IS NOT NULL OR o.completed_at IS NOT NULL OR o.status = 'cancelled'
                 OR o.target_date <= (now() AT TIME ZONE s.timezone)::date)
          ORDER BY at DESC, o.id DESC LIMIT $3`,
        [asset.id, asset.tenantId, ASSET_LOG_MAX_ENTRIES],
      ) as Promise<
        Array<{
          id: string;
          requirement_id: string;
          task_key: string;
          title: string;
          kind: 'regular' | 'main' | 'intermediate';
          target_date: string;
          legal_latest: string;
          status: OccurrenceStatusValue;
          completed_on: string | null;
          at: Date;
        }>
      >,
    ]);
    const items: AssetMaintenanceLogEntry[] = [
      ...tickets.map((t): AssetMaintenanceLogEntry => ({
        type: 'ticket',
        id: t.id,
        at: t.fault_began_at.toISOString(),
        number: t.number,
        title: t.title,
        status: t.status,
        priority: t.priority,
      })),
      ...occurrences.map((o): AssetMaintenanceLogEntry => ({
        type: 'occurrence',
        id: o.id,
        at: o.at.toISOString(),
        requirementId: o.requirement_id,
        taskKey: o.task_key,
        title: o.title,
        kind: o.kind,
        targetDate: o.target_date,
        legalLatest: o.legal_latest,
        status: o.status,
        completedOn: o.completed_on,
      })),
    ];
    items.sort((a, b) => (a.at === b.at ? (a.id < b.id ? 1 : -1) : a.at < b.at ? 1 : -1));
    return { items };
  }
}
