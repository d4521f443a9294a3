import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AssetListResponse, AssetView } from '@leitstand/api-contracts';
import {
  ConflictError,
  InvalidInputError,
  NotFoundError,
  canSeeTenant,
  tenantFilter,
  type AuthUser,
  isUuid,
} from '@leitstand/backend/core';
import { AssetEntity, SiteEntity } from '@leitstand/backend/data-access';
import { WRITER_ROLES, assertRole, assertVersion, isUniqueViolation } from './catalog.common';
import { toAssetView } from './catalog.mappers';
import type { AssetListQueryDto, CreateAssetDto, UpdateAssetDto } from './asset.dto';

export const DEFAULT_ASSET_PAGE = 50;

/** Keyset cursor over (code, id): opaque base64url JSON. */
export function encodeAssetCursor(code: string, id: string): string {
  return Buffer.from(JSON.stringify([code, id]), 'utf8').toString('base64url');
}

export function decodeAssetCursor(cursor: string): { code: string; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      typeof value[1] === 'string' &&
      isUuid(value[1])
    ) {
      return { code: value[0], id: value[1] };
    }
  } catch {
    // falls through to the 400 below
  }
  throw InvalidInputError.of('cursor', 'not a cursor of this list (use nextCursor of the previous page)');
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

  async list(user: AuthUser, query: AssetListQueryDto): Promise<AssetListResponse> {
    const limit = query.limit ?? DEFAULT_ASSET_PAGE;
    const scope = tenantFilter(user);
    const qb = this.dataSource
      .getRepository(AssetEntity)
      .createQueryBuilder('a')
      .orderBy('a.code')
      .addOrderBy('a.id')
      .take(limit + 1);
    if (scope !== null) qb.andWhere('a.tenant_id = ANY(:scope::uuid[])', { scope });
    if (query.tenantId !== undefined) qb.andWhere('a.tenant_id = :tenantId', { tenantId: query.tenantId });
    if (query.siteId !== undefined) qb.andWhere('a.site_id = :siteId', { siteId: query.siteId });
    if (query.assetClass !== undefined) qb.andWhere('a.asset_class = :assetClass', { assetClass: query.assetClass });
    const q = query.q?.trim();
    if (q) {
      qb.andWhere('(a.code ILIKE :q OR a.name ILIKE :q OR a.trade ILIKE :q)', { q: containsPattern(q) });
    }
    if (query.cursor !== undefined) {
      const after = decodeAssetCursor(query.cursor);
      qb.andWhere('(a.code, a.id) > (:afterCode, :afterId::uuid)', { afterCode: after.code, afterId: after.id });
    }
    const rows = await qb.getMany();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toAssetView),
      nextCursor: rows.length > limit && last ? encodeAssetCursor(last.code, last.id) : null,
    };
  }

  async get(user: AuthUser, id: string): Promise<AssetView> {
    const row = isUuid(id) ? await this.dataSource.getRepository(AssetEntity).findOneBy({ id }) : null;
    if (!row || !canSeeTenant(user, row.tenantId)) throw new NotFoundError('Asset', id);
    return toAssetView(row);
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
          }),
        );
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
        const changes: Partial<AssetEntity> = {
          ...(input.parentId !== undefined ? { parentId: input.parentId } : {}),
          ...(code !== undefined ? { code } : {}),
          ...(input.name !== undefined ? { name: input.name.trim() } : {}),
          ...(input.trade !== undefined ? { trade: input.trade.trim() } : {}),
          ...(input.assetClass !== undefined ? { assetClass: input.assetClass } : {}),
          ...(input.inContract !== undefined ? { inContract: input.inContract } : {}),
        };
        if (Object.keys(changes).length > 0) await m.update(AssetEntity, { id, version }, changes);
        return toAssetView(await m.findOneByOrFail(AssetEntity, { id }));
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

function codeConflict(code: string): ConflictError {
  return new ConflictError(`the tenant has an asset with code '${code}' already`, { field: 'code', code });
}

function mapCodeConflict(error: unknown, code: string): unknown {
  return isUniqueViolation(error, 'uq_assets_tenant_code') ? codeConflict(code) : error;
}
