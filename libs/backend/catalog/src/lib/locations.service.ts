import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { LocationKind, LocationNode, LocationTreeResponse, LocationView } from '@leitstand/api-contracts';
import {
  ConflictError,
  InvalidInputError,
  NotFoundError,
  canSeeTenant,
  isUuid,
  type AuthUser,
} from '@leitstand/backend/core';
import { LocationEntity, SiteEntity } from '@leitstand/backend/data-access';
import { mayNest, parentKindOf } from '@leitstand/domain';
import { WRITER_ROLES, assertRole, assertVersion, isUniqueViolation } from './catalog.common';
import type { CreateLocationDto, UpdateLocationDto } from './location.dto';

const LOCATION_SELECT = `SELECT l.id, l.tenant_id, l.site_id, l.parent_id, l.kind, l.code, l.name, l.created_at, l.version,
       concat_ws(' / ', p2.name, p1.name, l.name) AS path
  FROM locations l
  LEFT JOIN locations p1 ON p1.id = l.parent_id
  LEFT JOIN locations p2 ON p2.id = p1.parent_id`;

interface LocationRow {
  id: string;
  tenant_id: string;
  site_id: string;
  parent_id: string | null;
  kind: LocationKind;
  code: string | null;
  name: string;
  created_at: Date;
  version: number;
  path: string;
}

function toLocationView(r: LocationRow): LocationView {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    siteId: r.site_id,
    parentId: r.parent_id,
    kind: r.kind,
    code: r.code,
    name: r.name,
    path: r.path,
    createdAt: new Date(r.created_at).toISOString(),
    version: r.version,
  };
}

/**
 * The location tree of a site (building → floor → room). Everyone in the tenant scope reads;
 * admins and managers write. Rename any time; move (new parent) and delete only while the
 * location is empty (no child locations, no assets): 409 otherwise. Names are unique among
 * siblings (409). Tree changes of one site are serialised by an advisory lock.
 */
@Injectable()
export class LocationsService {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async tree(user: AuthUser, siteId: string): Promise<LocationTreeResponse> {
    await this.visibleSite(this.dataSource.manager, user, siteId);
    const rows = (await this.dataSource.query(`${LOCATION_SELECT} WHERE l.site_id = $1 ORDER BY l.name, l.id`, [
      siteId,
    ])) as LocationRow[];
    const counts = (await this.dataSource.query(
      `SELECT location_id, count(*)::int AS n FROM assets WHERE site_id = $1 AND location_id IS NOT NULL GROUP BY 1`,
      [siteId],
    )) as Array<{ location_id: string; n: number }>;
    const countOf = new Map(counts.map((c) => [c.location_id, c.n]));
    const nodes = new Map<string, LocationNode>(
      rows.map((r) => [r.id, { ...toLocationView(r), assetCount: countOf.get(r.id) ?? 0, children: [] }]),
    );
    const roots: LocationNode[] = [];
    for (const r of rows) {
      const node = nodes.get(r.id) as LocationNode;
      const parent = r.parent_id ? nodes.get(r.parent_id) : undefined;
      if (parent) parent.children.push(node);
      else roots.push(node);
    }
    return { siteId, items: roots };
  }

  async get(user: AuthUser, id: string): Promise<LocationView> {
    return this.getWith(this.dataSource.manager, user, id);
  }

  private async getWith(m: EntityManager, user: AuthUser, id: string): Promise<LocationView> {
    const [row] = isUuid(id) ? ((await m.query(`${LOCATION_SELECT} WHERE l.id = $1`, [id])) as LocationRow[]) : [];
    if (!row || !canSeeTenant(user, row.tenant_id)) throw new NotFoundError('Location', id);
    return toLocationView(row);
  }

  async create(user: AuthUser, siteId: string, input: CreateLocationDto): Promise<LocationView> {
    assertRole(user, WRITER_ROLES);
    const name = input.name.trim();
    try {
      const id = await this.dataSource.transaction(async (m) => {
        const site = await this.visibleSite(m, user, siteId);
        await lockSiteTree(m, site.id);
        const parentId = input.parentId ?? null;
        await this.assertParent(m, site.id, input.kind, parentId);
        await assertNameFree(m, site.id, parentId, name, null);
        const saved = await m.save(
          m.create(LocationEntity, {
            tenantId: site.tenantId,
            siteId: site.id,
            parentId,
            kind: input.kind,
            code: input.code?.trim() ?? null,
            name,
          }),
        );
        return saved.id;
      });
      return await this.get(user, id);
    } catch (error) {
      throw mapNameConflict(error, name);
    }
  }

  async update(user: AuthUser, id: string, version: number, input: UpdateLocationDto): Promise<LocationView> {
    assertRole(user, WRITER_ROLES);
    const name = input.name?.trim();
    try {
      return await this.dataSource.transaction(async (m) => {
        const row = isUuid(id)
          ? await m.findOne(LocationEntity, { where: { id }, lock: { mode: 'pessimistic_write' } })
          : null;
        if (!row || !canSeeTenant(user, row.tenantId)) throw new NotFoundError('Location', id);
        assertVersion(version, row.version);
        await lockSiteTree(m, row.siteId);
        const parentId = input.parentId === undefined ? row.parentId : input.parentId;
        if (parentId !== row.parentId) {
          await this.assertEmpty(m, row.id, 'moved');
          await this.assertParent(m, row.siteId, row.kind, parentId);
          if (parentId === row.id) throw InvalidInputError.of('parentId', 'a location cannot be its own parent');
        }
        if (parentId !== row.parentId || (name !== undefined && name !== row.name)) {
          await assertNameFree(m, row.siteId, parentId, name ?? row.name, row.id);
        }
        const changes: Partial<LocationEntity> = {
          ...(input.parentId !== undefined ? { parentId: input.parentId } : {}),
          ...(name !== undefined ? { name } : {}),
          ...(input.code !== undefined ? { code: input.code?.trim() ?? null } : {}),
        };
        if (Object.keys(changes).length > 0) await m.update(LocationEntity, { id, version }, changes);
        return await this.getWith(m, user, id);
      });
    } catch (error) {
      throw mapNameConflict(error, name ?? '');
    }
  }

  async remove(user: AuthUser, id: string): Promise<void> {
    assertRole(user, WRITER_ROLES);
    await this.dataSource.transaction(async (m) => {
      const row = isUuid(id)
        ? await m.findOne(LocationEntity, { where: { id }, lock: { mode: 'pessimistic_write' } })
        : null;
      if (!row || !canSeeTenant(user, row.tenantId)) throw new NotFoundError('Location', id);
      await lockSiteTree(m, row.siteId);
      await this.assertEmpty(m, row.id, 'deleted');
      await m.delete(LocationEntity, { id });
    });
  }

  private async visibleSite(m: EntityManager, user: AuthUser, siteId: string): Promise<SiteEntity> {
    const site = isUuid(siteId) ? await m.findOneBy(SiteEntity, { id: siteId }) : null;
    if (!site || !canSeeTenant(user, site.tenantId)) throw new NotFoundError('Site', siteId);
    return site;
  }

  /** The parent fits the hierarchy: none for buildings, a building for floors, a floor for rooms, same site. */
  private async assertParent(
    m: EntityManager,
    siteId: string,
    kind: LocationKind,
    parentId: string | null,
  ): Promise<void> {
    const wanted = parentKindOf(kind);
    if (parentId === null) {
      if (wanted !== null) throw InvalidInputError.of('parentId', `a ${kind} needs a parent ${wanted}`);
      return;
    }
    if (wanted === null) throw InvalidInputError.of('parentId', 'a building has no parent (buildings are the roots)');
    const parent = await m.findOneBy(LocationEntity, { id: parentId });
    if (!parent || parent.siteId !== siteId) {
      throw InvalidInputError.of('parentId', `unknown location ${parentId} on this site`);
    }
    if (!mayNest(kind, parent.kind)) {
      throw InvalidInputError.of('parentId', `a ${kind} belongs in a ${wanted}, not in a ${parent.kind}`);
    }
  }

  private async assertEmpty(m: EntityManager, id: string, what: 'moved' | 'deleted'): Promise<void> {
    const [row] = (await m.query(
      `SELECT (SELECT count(*)::int FROM locations WHERE parent_id = $1) AS children,
              (SELECT count(*)::int FROM assets WHERE location_id = $1) AS assets`,
      [id],
    )) as Array<{ children: number; assets: number }>;
    if ((row?.children ?? 0) > 0 || (row?.assets ?? 0) > 0) {
      throw new ConflictError(`only an empty location can be ${what}`, {
        children: row?.children ?? 0,
        assets: row?.assets ?? 0,
      });
    }
  }
}

export async function lockSiteTree(m: EntityManager, siteId: string): Promise<void> {
  await m.query(`SELECT pg_advisory_xact_lock(hashtextextended('location-tree:' || $1::text, 0))`, [siteId]);
}

async function assertNameFree(
  m: EntityManager,
  siteId: string,
  parentId: string | null,
  name: string,
  selfId: string | null,
): Promise<void> {
  const [hit] = (await m.query(
    `SELECT id FROM locations WHERE site_id = $1 AND parent_id IS NOT DISTINCT FROM $2 AND name = $3 LIMIT 1`,
    [siteId, parentId, name],
  )) as Array<{ id: string }>;
  if (hit && hit.id !== selfId) throw nameConflict(name);
}

function nameConflict(name: string): ConflictError {
  return new ConflictError(`a sibling location is called '${name}' already`, { field: 'name', name });
}

function mapNameConflict(error: unknown, name: string): unknown {
  return isUniqueViolation(error, 'uq_locations_root_name') || isUniqueViolation(error, 'uq_locations_child_name')
    ? nameConflict(name)
    : error;
}
