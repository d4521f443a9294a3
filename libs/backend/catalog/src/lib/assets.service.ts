import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type {
  AssetClass,
  AssetListResponse,
  AssetSort,
  AssetTicketListResponse,
  AssetView,
} from '@leitstand/api-contracts';
import {
  ConflictError,
  InvalidInputError,
  NotFoundError,
  canSeeTenant,
  tenantFilter,
  type AuthUser,
  isUuid,
} from '@leitstand/backend/core';
import { AssetEntity, LocationEntity, SiteEntity } from '@leitstand/backend/data-access';
import { enqueueInTransaction } from '@leitstand/backend/jobs';
import { ASSET_SEARCH_EXPR, ASSET_SELECT, SqlParams, assetRowToView, type AssetRow } from './asset-register.sql';
import { STAFF_ROLES, WRITER_ROLES, assertRole, assertVersion, isUniqueViolation } from './catalog.common';
import type { AssetListQueryDto, CreateAssetDto, UpdateAssetDto } from './asset.dto';

export const DEFAULT_ASSET_PAGE = 50;
/** How many tickets the asset history returns at most. */
export const ASSET_TICKETS_MAX = 50;

/** Keyset cursor over (sort key, id): opaque base64url JSON [sort, value, id]. */
export function encodeAssetCursor(sort: AssetSort, value: string, id: string): string {
  return Buffer.from(JSON.stringify([sort, value, id]), 'utf8').toString('base64url');
}

export function decodeAssetCursor(cursor: string, sort: AssetSort): { value: string; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 3 &&
      value[0] === sort &&
      typeof value[1] === 'string' &&
      value[1].length <= 200 &&
      typeof value[2] === 'string' &&
      isUuid(value[2])
    ) {
      return { value: value[1], id: value[2] };
    }
  } catch {
    // falls through to the 400 below
  }
  throw InvalidInputError.of('cursor', 'not a cursor of this list and sort (use nextCursor of the previous page)');
}

/** `q` as a LIKE pattern matching the text anywhere, with LIKE's wildcards taken literally. */
export function containsPattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Assets: every role reads within its tenant scope (the phone intake searches them); admins and
 * managers write. The tenant is the site's; a parent is an asset of the same site and never one of
 * the asset's own descendants; codes are unique per tenant (409).
 */
@Injectable()
export class AssetsService {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /**
   * The register: filters, case-insensitive substring search (pg_trgm GIN index over code, name,
   * manufacturer, serial number and trade), a stable sort (sort key, then id) and keyset paging;
   * `total` counts every match when asked for.
   */
  async list(user: AuthUser, query: AssetListQueryDto): Promise<AssetListResponse> {
    const limit = query.limit ?? DEFAULT_ASSET_PAGE;
    const sort: AssetSort = query.sort ?? 'code';
    const p = new SqlParams();
    const where = this.filters(user, query, p);
    const column = sort === 'name' ? 'a.name' : 'a.code';
    const keyset: string[] = [];
    if (query.cursor !== undefined) {
      const after = decodeAssetCursor(query.cursor, sort);
      keyset.push(`(${column}, a.id) > (${p.add(after.value)}, ${p.add(after.id)}::uuid)`);
    }
    const clause = [...where, ...keyset];
    const rows = (await this.dataSource.query(
      `${ASSET_SELECT} ${clause.length ? `WHERE ${clause.join(' AND ')}` : ''}
        ORDER BY ${column}, a.id LIMIT ${p.add(limit + 1)}`,
      p.values,
    )) as AssetRow[];
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const response: AssetListResponse = {
      items: page.map(assetRowToView),
      nextCursor:
        rows.length > limit && last ? encodeAssetCursor(sort, sort === 'name' ? last.name : last.code, last.id) : null,
    };
    if (query.withTotal) {
      const c = new SqlParams();
      const w = this.filters(user, query, c);
      const [row] = (await this.dataSource.query(
        `SELECT count(*)::int AS total FROM assets a ${w.length ? `WHERE ${w.join(' AND ')}` : ''}`,
        c.values,
      )) as Array<{ total: number }>;
      response.total = row?.total ?? 0;
    }
    return response;
  }

  /** WHERE terms of the register's filters and the caller's tenant scope. */
  private filters(user: AuthUser, query: AssetListQueryDto, p: SqlParams): string[] {
    const where: string[] = [];
    const scope = tenantFilter(user);
    // One tenant as `=`, so the planner can walk (tenant_id, code) in order.
    if (scope !== null) {
      where.push(
        scope.length === 1 ? `a.tenant_id = ${p.add(scope[0])}` : `a.tenant_id = ANY(${p.add(scope)}::uuid[])`,
      );
    }
    if (query.tenantId !== undefined) where.push(`a.tenant_id = ${p.add(query.tenantId)}`);
    if (query.siteId !== undefined) where.push(`a.site_id = ${p.add(query.siteId)}`);
    if (query.assetClass !== undefined) where.push(`a.asset_class = ${p.add(query.assetClass)}`);
    if (query.trade !== undefined) where.push(`a.trade = ${p.add(query.trade.trim())}`);
    if (query.inContract !== undefined) where.push(`a.in_contract = ${p.add(query.inContract)}`);
    if (query.locationId !== undefined) {
      where.push(`a.location_id IN (
        WITH RECURSIVE below(id) AS (
          SELECT id FROM locations WHERE id = ${p.add(query.locationId)}
          UNION ALL SELECT l.id FROM locations l JOIN below ON l.parent_id = below.id
        ) SELECT id FROM below)`);
    }
    const q = query.q?.trim();
    if (q) where.push(`${ASSET_SEARCH_EXPR} ILIKE ${p.add(containsPattern(q))}`);
    return where;
  }

  async get(user: AuthUser, id: string): Promise<AssetView> {
    return this.getWith(this.dataSource.manager, user, id);
  }

  private async getWith(m: EntityManager, user: AuthUser, id: string): Promise<AssetView> {
    const [row] = isUuid(id) ? ((await m.query(`${ASSET_SELECT} WHERE a.id = $1`, [id])) as AssetRow[]) : [];
    if (!row || !canSeeTenant(user, row.tenant_id)) throw new NotFoundError('Asset', id);
    return assetRowToView(row);
  }

  /** The asset's most recent tickets (by fault start), staff only. */
  async tickets(user: AuthUser, id: string, limit: number | undefined): Promise<AssetTicketListResponse> {
    assertRole(user, STAFF_ROLES);
    await this.get(user, id);
    const rows = (await this.dataSource.query(
      `SELECT id, number, title, status, priority, fault_began_at, restored_at, closed_at, created_at
         FROM tickets WHERE asset_id = $1 ORDER BY fault_began_at DESC, id DESC LIMIT $2`,
      [id, Math.min(limit ?? 20, ASSET_TICKETS_MAX)],
    )) as Array<{
      id: string;
      number: string;
      title: string;
      status: string;
      priority: AssetClass;
      fault_began_at: Date;
      restored_at: Date | null;
      closed_at: Date | null;
      created_at: Date;
    }>;
    const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);
    return {
      items: rows.map((r) => ({
        id: r.id,
        number: r.number,
        title: r.title,
        status: r.status,
        priority: r.priority,
        faultBeganAt: new Date(r.fault_began_at).toISOString(),
        restoredAt: iso(r.restored_at),
        closedAt: iso(r.closed_at),
        createdAt: new Date(r.created_at).toISOString(),
      })),
    };
  }

  async create(user: AuthUser, input: CreateAssetDto): Promise<AssetView> {
    assertRole(user, WRITER_ROLES);
    const code = input.code.trim();
    try {
      const id = await this.dataSource.transaction(async (m) => {
        const site = await m.findOneBy(SiteEntity, { id: input.siteId });
        if (!site || !canSeeTenant(user, site.tenantId)) {
          throw InvalidInputError.of('siteId', `unknown site ${input.siteId}`);
        }
        const parentId = input.parentId ?? null;
        if (parentId !== null) await this.assertParent(m, site.id, parentId, null);
        if (input.locationId) await assertLocationOnSite(m, site.id, input.locationId);
        await this.assertCodeFree(m, site.tenantId, code, null);
        const saved = await m.save(
          m.create(AssetEntity, {
            tenantId: site.tenantId,
            siteId: site.id,
            parentId,
            code,
            name: input.name.trim(),
            trade: input.trade.trim(),
            assetClass: input.assetClass,
            inContract: input.inContract ?? true,
            ...detailChanges(input),
          }),
        );
        await replanMaintenance(m, site.id);
        return saved.id;
      });
      return await this.get(user, id);
    } catch (error) {
      throw mapCodeConflict(error, code);
    }
  }

  async update(user: AuthUser, id: string, version: number, input: UpdateAssetDto): Promise<AssetView> {
    assertRole(user, WRITER_ROLES);
    const code = input.code?.trim();
    try {
      return await this.dataSource.transaction(async (m) => {
        const row = isUuid(id)
          ? await m.findOne(AssetEntity, { where: { id }, lock: { mode: 'pessimistic_write' } })
          : null;
        if (!row || !canSeeTenant(user, row.tenantId)) throw new NotFoundError('Asset', id);
        assertVersion(version, row.version);
        if (input.parentId !== undefined && input.parentId !== null && input.parentId !== row.parentId) {
          await this.assertParent(m, row.siteId, input.parentId, row.id);
        }
        if (code !== undefined && code !== row.code) await this.assertCodeFree(m, row.tenantId, code, row.id);
        if (input.locationId) await assertLocationOnSite(m, row.siteId, input.locationId);
        const changes: Partial<AssetEntity> = {
          ...(input.parentId !== undefined ? { parentId: input.parentId } : {}),
          ...(code !== undefined ? { code } : {}),
          ...(input.name !== undefined ? { name: input.name.trim() } : {}),
          ...(input.trade !== undefined ? { trade: input.trade.trim() } : {}),
          ...(input.assetClass !== undefined ? { assetClass: input.assetClass } : {}),
          ...(input.inContract !== undefined ? { inContract: input.inContract } : {}),
          ...detailChanges(input),
        };
        if (Object.keys(changes).length > 0) await m.update(AssetEntity, { id, version }, changes);
        const selectionChanged =
          (changes.trade !== undefined && changes.trade !== row.trade) ||
          (changes.assetClass !== undefined && changes.assetClass !== row.assetClass) ||
          (changes.inContract !== undefined && changes.inContract !== row.inContract);
        if (selectionChanged) await replanMaintenance(m, row.siteId);
        return await this.getWith(m, user, id);
      });
    } catch (error) {
      throw mapCodeConflict(error, code ?? '');
    }
  }

  /**
   * The parent must be an asset of the same site and not the asset itself or one of its descendants.
   * Parent changes of one site are serialised (advisory lock), so two concurrent moves cannot build a cycle.
   */
  private async assertParent(m: EntityManager, siteId: string, parentId: string, selfId: string | null): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtextextended('asset-tree:' || $1::text, 0))`, [siteId]);
    const parent = await m.findOneBy(AssetEntity, { id: parentId });
    if (!parent || parent.siteId !== siteId) {
      throw InvalidInputError.of(
        'parentId',
        `unknown asset ${parentId} on this site (a parent is an asset of the same site)`,
      );
    }
    if (selfId === null) return;
    const [hit] = (await m.query(
      `WITH RECURSIVE up(id, parent_id) AS (
         SELECT id, parent_id FROM assets WHERE id = $1
         UNION SELECT a.id, a.parent_id FROM assets a JOIN up ON a.id = up.parent_id
       ) SELECT 1 AS cycle FROM up WHERE id = $2 LIMIT 1`,
      [parentId, selfId],
    )) as Array<{ cycle: number }>;
    if (hit) throw InvalidInputError.of('parentId', 'an asset cannot be its own parent or the parent of its ancestors');
  }

  private async assertCodeFree(m: EntityManager, tenantId: string, code: string, selfId: string | null): Promise<void> {
    const existing = await m.findOneBy(AssetEntity, { tenantId, code });
    if (existing && existing.id !== selfId) throw codeConflict(code);
  }
}

/** The issue-14 master data fields present in the input (trimmed; null clears). */
export function detailChanges(input: CreateAssetDto | UpdateAssetDto): Partial<AssetEntity> {
  const text = (v: string | null | undefined): string | null | undefined =>
    v === undefined ? undefined : v === null ? null : v.trim();
  const out: Partial<AssetEntity> = {};
  if (input.locationId !== undefined) out.locationId = input.locationId;
  const manufacturer = text(input.manufacturer);
  if (manufacturer !== undefined) out.manufacturer = manufacturer;
  const model = text(input.model);
  if (model !== undefined) out.model = model;
  const serialNumber = text(input.serialNumber);
  if (serialNumber !== undefined) out.serialNumber = serialNumber;
  if (input.yearBuilt !== undefined) out.yearBuilt = input.yearBuilt;
  if (input.warrantyUntil !== undefined) out.warrantyUntil = input.warrantyUntil;
  if (input.attributes !== undefined) out.attributes = { ...input.attributes };
  const redundancyGroup = text(input.redundancyGroup);
  if (redundancyGroup !== undefined) out.redundancyGroup = redundancyGroup;
  return out;
}

/** 400 naming locationId unless the location exists on the site. */
export async function assertLocationOnSite(m: EntityManager, siteId: string, locationId: string): Promise<void> {
  const location = await m.findOneBy(LocationEntity, { id: locationId });
  if (!location || location.siteId !== siteId) {
    throw InvalidInputError.of('locationId', `unknown location ${locationId} on this site`);
  }
}

function codeConflict(code: string): ConflictError {
  return new ConflictError(`the tenant has an asset with code '${code}' already`, { field: 'code', code });
}

function mapCodeConflict(error: unknown, code: string): unknown {
  return isUniqueViolation(error, 'uq_assets_tenant_code') ? codeConflict(code) : error;
}

/**
 * An asset joined its site, or its trade, class or contract membership changed: the maintenance requirements of
 * the site select it differently, so every contract with an active requirement there is re-planned after COMMIT
 * ('maintenance.generate' through the outbox, in this transaction) — new occurrences for an asset that joined,
 * the future ones of an asset that left cancelled — instead of at the next daily run.
 */
async function replanMaintenance(m: EntityManager, siteId: string): Promise<void> {
  const contracts = (await m.query(
    `SELECT DISTINCT contract_id FROM maintenance_requirements WHERE site_id = $1 AND active`,
    [siteId],
  )) as Array<{ contract_id: string }>;
  for (const c of contracts) {
    await enqueueInTransaction(m, 'maintenance.generate', { contractId: c.contract_id, reason: 'asset-changed' });
  }
}
