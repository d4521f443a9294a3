import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  MAINTENANCE_WINDOW_MAX_DAYS,
  MAINTENANCE_WINDOW_REASON_MAX,
  type MaintenanceWindowListResponse,
  type MaintenanceWindowView,
} from '@leitstand/api-contracts';
import {
  InvalidInputError,
  NotFoundError,
  canSeeTenant,
  type AuthUser,
  type FieldProblem,
  type Role,
  isUuid,
} from '@leitstand/backend/core';
import { AssetEntity, MaintenanceWindowEntity } from '@leitstand/backend/data-access';
import { KPI_RECOMPUTE_DEBOUNCE_MS, enqueueInTransaction } from '@leitstand/backend/jobs';
import { WRITER_ROLES, assertRole, assertVersion } from './catalog.common';
import type {
  CreateMaintenanceWindowDto,
  MaintenanceWindowListQueryDto,
  UpdateMaintenanceWindowDto,
} from './maintenance-window.dto';

/** Who reads planned maintenance windows: admins, agents and managers (their tenants). */
export const MAINTENANCE_READER_ROLES: readonly Role[] = ['admin', 'agent', 'manager'];

const DAY_MS = 24 * 3_600_000;

export function toMaintenanceWindowView(w: MaintenanceWindowEntity): MaintenanceWindowView {
  return {
    id: w.id,
    tenantId: w.tenantId,
    assetId: w.assetId,
    startsAt: w.startsAt.toISOString(),
    endsAt: w.endsAt.toISOString(),
    reason: w.reason,
    createdBy: w.createdBy,
    createdAt: w.createdAt.toISOString(),
    version: w.version,
  };
}

/**
 * The checks of a whole window (after a PATCH merged it): endsAt after startsAt, at most
 * MAINTENANCE_WINDOW_MAX_DAYS long, a reason of 1–500 characters after trimming. Every problem is named.
 */
export function windowProblems(w: { startsAt: Date; endsAt: Date; reason: string }): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const span = w.endsAt.getTime() - w.startsAt.getTime();
  if (span <= 0) problems.push({ field: 'endsAt', messages: ['endsAt must be after startsAt'] });
  else if (span > MAINTENANCE_WINDOW_MAX_DAYS * DAY_MS) {
    problems.push({
      field: 'endsAt',
      messages: [`a maintenance window lasts at most ${MAINTENANCE_WINDOW_MAX_DAYS} days`],
    });
  }
  const reason = w.reason.trim();
  if (reason.length === 0 || reason.length > MAINTENANCE_WINDOW_REASON_MAX) {
    problems.push({ field: 'reason', messages: [`reason must have 1–${MAINTENANCE_WINDOW_REASON_MAX} characters`] });
  }
  return problems;
}

/**
 * Planned maintenance windows of assets (issue 6): planned downtime that the KPI roll-up takes out of
 * the required time and the downtime (EN 13306). Admins and managers (within their tenants) write,
 * agents read. Every change writes, in its own transaction, a debounced 'kpi.recompute-contract' to the
 * outbox for each contract covering the asset's site — the same path ticket changes take.
 */
@Injectable()
export class MaintenanceWindowsService {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async list(
    user: AuthUser,
    assetId: string,
    query: MaintenanceWindowListQueryDto,
  ): Promise<MaintenanceWindowListResponse> {
    assertRole(user, MAINTENANCE_READER_ROLES);
    const asset = await this.visibleAsset(this.dataSource.manager, user, assetId);
    const from = query.from === undefined ? null : new Date(query.from);
    const to = query.to === undefined ? null : new Date(query.to);
    if (from !== null && to !== null && to.getTime() <= from.getTime()) {
      throw InvalidInputError.of('to', 'to must be after from');
    }
    const qb = this.dataSource
      .getRepository(MaintenanceWindowEntity)
      .createQueryBuilder('w')
      .where('w.asset_id = :assetId', { assetId: asset.id })
      .orderBy('w.starts_at')
      .addOrderBy('w.id');
    if (from !== null) qb.andWhere('w.ends_at > :from', { from });
    if (to !== null) qb.andWhere('w.starts_at < :to', { to });
    return { items: (await qb.getMany()).map(toMaintenanceWindowView) };
  }

  async get(user: AuthUser, id: string): Promise<MaintenanceWindowView> {
    assertRole(user, MAINTENANCE_READER_ROLES);
    const row = isUuid(id) ? await this.dataSource.getRepository(MaintenanceWindowEntity).findOneBy({ id }) : null;
    if (!row || !canSeeTenant(user, row.tenantId)) throw new NotFoundError('MaintenanceWindow', id);
    return toMaintenanceWindowView(row);
  }

  async create(user: AuthUser, assetId: string, input: CreateMaintenanceWindowDto): Promise<MaintenanceWindowView> {
    assertRole(user, WRITER_ROLES);
    return this.dataSource.transaction(async (m) => {
      const asset = await this.visibleAsset(m, user, assetId);
      const startsAt = new Date(input.startsAt);
      const endsAt = new Date(input.endsAt);
      const problems = windowProblems({ startsAt, endsAt, reason: input.reason });
      if (problems.length > 0) throw new InvalidInputError(problems);
      const saved = await m.save(
        m.create(MaintenanceWindowEntity, {
          tenantId: asset.tenantId,
          assetId: asset.id,
          startsAt,
          endsAt,
          reason: input.reason.trim(),
          createdBy: user.id,
        }),
      );
      await this.enqueueKpiRecompute(m, asset);
      return toMaintenanceWindowView(await m.findOneByOrFail(MaintenanceWindowEntity, { id: saved.id }));
    });
  }

  async update(
    user: AuthUser,
    id: string,
    version: number,
    input: UpdateMaintenanceWindowDto,
  ): Promise<MaintenanceWindowView> {
    assertRole(user, WRITER_ROLES);
    return this.dataSource.transaction(async (m) => {
      const row = await this.lockedWindow(m, user, id);
      assertVersion(version, row.version);
      const merged = {
        startsAt: input.startsAt === undefined ? row.startsAt : new Date(input.startsAt),
        endsAt: input.endsAt === undefined ? row.endsAt : new Date(input.endsAt),
        reason: input.reason ?? row.reason,
      };
      const problems = windowProblems(merged);
      if (problems.length > 0) throw new InvalidInputError(problems);
      await m.update(
        MaintenanceWindowEntity,
        { id, version },
        { startsAt: merged.startsAt, endsAt: merged.endsAt, reason: merged.reason.trim() },
      );
      await this.enqueueKpiRecompute(m, await m.findOneByOrFail(AssetEntity, { id: row.assetId }));
      return toMaintenanceWindowView(await m.findOneByOrFail(MaintenanceWindowEntity, { id }));
    });
  }

  /** Deletes a window; with If-Match the version must be the current one (412 otherwise). */
  async remove(user: AuthUser, id: string, version: number | null): Promise<void> {
    assertRole(user, WRITER_ROLES);
    await this.dataSource.transaction(async (m) => {
      const row = await this.lockedWindow(m, user, id);
      if (version !== null) assertVersion(version, row.version);
      await m.delete(MaintenanceWindowEntity, { id });
      await this.enqueueKpiRecompute(m, await m.findOneByOrFail(AssetEntity, { id: row.assetId }));
    });
  }

  private async visibleAsset(m: EntityManager, user: AuthUser, assetId: string): Promise<AssetEntity> {
    const asset = isUuid(assetId) ? await m.findOneBy(AssetEntity, { id: assetId }) : null;
    if (!asset || !canSeeTenant(user, asset.tenantId)) throw new NotFoundError('Asset', assetId);
    return asset;
  }

  private async lockedWindow(m: EntityManager, user: AuthUser, id: string): Promise<MaintenanceWindowEntity> {
    const row = isUuid(id)
      ? await m.findOne(MaintenanceWindowEntity, { where: { id }, lock: { mode: 'pessimistic_write' } })
      : null;
    if (!row || !canSeeTenant(user, row.tenantId)) throw new NotFoundError('MaintenanceWindow', id);
    return row;
  }

  /**
   * The debounced KPI roll-up of every contract of the asset's tenant that covers its site, in the
   * caller's transaction. No periods: the recompute refreshes the current and previous periods and
   * every stored one — the periods a window can change — and one pending job per contract absorbs a burst.
   */
  private async enqueueKpiRecompute(m: EntityManager, asset: AssetEntity): Promise<void> {
    const rows = (await m.query(
      `SELECT DISTINCT cs.contract_id AS id FROM contract_sites cs JOIN contracts c ON c.id = cs.contract_id
        WHERE cs.site_id = $1 AND c.tenant_id = $2 ORDER BY cs.contract_id`,
      [asset.siteId, asset.tenantId],
    )) as { id: string }[];
    const runAt = new Date(Date.now() + KPI_RECOMPUTE_DEBOUNCE_MS);
    for (const r of rows) await enqueueInTransaction(m, 'kpi.recompute-contract', { contractId: r.id }, runAt);
  }
}
