import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SiteListResponse, SiteView } from '@leitstand/api-contracts';
import {
  InvalidInputError,
  NotFoundError,
  canSeeTenant,
  tenantFilter,
  type AuthUser,
  isUuid,
} from '@leitstand/backend/core';
import { SiteEntity, TenantEntity } from '@leitstand/backend/data-access';
import { WRITER_ROLES, assertRole, assertVersion } from './catalog.common';
import { toSiteView } from './catalog.mappers';
import type { CreateSiteDto, SiteListQueryDto, UpdateSiteDto } from './site.dto';

export const DEFAULT_TIMEZONE = 'Europe/Berlin';

/** Sites: every role reads within its tenant scope; admins and managers (their tenants) write. */
@Injectable()
export class SitesService {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async list(user: AuthUser, query: SiteListQueryDto): Promise<SiteListResponse> {
    const scope = tenantFilter(user);
    const qb = this.dataSource.getRepository(SiteEntity).createQueryBuilder('s').orderBy('s.name').addOrderBy('s.id');
    if (scope !== null) qb.andWhere('s.tenant_id = ANY(:scope::uuid[])', { scope });
    if (query.tenantId !== undefined) qb.andWhere('s.tenant_id = :tenantId', { tenantId: query.tenantId });
    return { items: (await qb.getMany()).map(toSiteView), nextCursor: null };
  }

  async get(user: AuthUser, id: string): Promise<SiteView> {
    const row = isUuid(id) ? await this.dataSource.getRepository(SiteEntity).findOneBy({ id }) : null;
    if (!row || !canSeeTenant(user, row.tenantId)) throw new NotFoundError('Site', id);
    return toSiteView(row);
  }

  async create(user: AuthUser, input: CreateSiteDto): Promise<SiteView> {
    assertRole(user, WRITER_ROLES);
    const tenant = await this.dataSource.getRepository(TenantEntity).findOneBy({ id: input.tenantId });
    if (!tenant || !canSeeTenant(user, tenant.id)) {
      throw InvalidInputError.of('tenantId', `unknown tenant ${input.tenantId}`);
    }
    const saved = await this.dataSource.getRepository(SiteEntity).save({
      tenantId: tenant.id,
      name: input.name.trim(),
      street: input.street.trim(),
      postalCode: input.postalCode.trim(),
      city: input.city.trim(),
      state: input.state,
      timezone: input.timezone ?? DEFAULT_TIMEZONE,
      areaM2: input.areaM2 ?? null,
      distanceKm: input.distanceKm ?? null,
      travelZone: input.travelZone?.trim() ?? null,
    });
    return this.get(user, saved.id);
  }

  async update(user: AuthUser, id: string, version: number, input: UpdateSiteDto): Promise<SiteView> {
    assertRole(user, WRITER_ROLES);
    return this.dataSource.transaction(async (m) => {
      const row = isUuid(id)
        ? await m.findOne(SiteEntity, { where: { id }, lock: { mode: 'pessimistic_write' } })
        : null;
      if (!row || !canSeeTenant(user, row.tenantId)) throw new NotFoundError('Site', id);
      assertVersion(version, row.version);
      const changes: Partial<SiteEntity> = {
        ...(input.name !== undefined ? { name: input.name.trim() } : {}),
        ...(input.street !== undefined ? { street: input.street.trim() } : {}),
        ...(input.postalCode !== undefined ? { postalCode: input.postalCode.trim() } : {}),
        ...(input.city !== undefined ? { city: input.city.trim() } : {}),
        ...(input.state !== undefined ? { state: input.state } : {}),
        ...(input.timezone !== undefined ? { timezone: input.timezone } : {}),
        ...(input.areaM2 !== undefined ? { areaM2: input.areaM2 } : {}),
        ...(input.distanceKm !== undefined ? { distanceKm: input.distanceKm } : {}),
        ...(input.travelZone !== undefined ? { travelZone: input.travelZone?.trim() ?? null } : {}),
      };
      if (Object.keys(changes).length > 0) await m.update(SiteEntity, { id, version }, changes);
      return toSiteView(await m.findOneByOrFail(SiteEntity, { id }));
    });
  }
}
