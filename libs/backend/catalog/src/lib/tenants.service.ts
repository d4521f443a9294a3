import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { TenantListResponse, TenantView } from '@leitstand/api-contracts';
import {
  ConflictError,
  NotFoundError,
  canSeeTenant,
  tenantFilter,
  type AuthUser,
  isUuid,
} from '@leitstand/backend/core';
import { TenantEntity } from '@leitstand/backend/data-access';
import { assertRole, assertVersion, isUniqueViolation } from './catalog.common';
import { toTenantView } from './catalog.mappers';
import type { CreateTenantDto, UpdateTenantDto } from './tenant.dto';

/** Tenants: admins create and edit; every caller lists and reads only the tenants of its scope. */
@Injectable()
export class TenantsService {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async list(user: AuthUser): Promise<TenantListResponse> {
    const scope = tenantFilter(user);
    const qb = this.dataSource.getRepository(TenantEntity).createQueryBuilder('t').orderBy('t.name').addOrderBy('t.id');
    if (scope !== null) qb.where('t.id = ANY(:scope::uuid[])', { scope });
    return { items: (await qb.getMany()).map(toTenantView), nextCursor: null };
  }

  async get(user: AuthUser, id: string): Promise<TenantView> {
    return toTenantView(await this.find(user, id));
  }

  async create(user: AuthUser, input: CreateTenantDto): Promise<TenantView> {
    assertRole(user, ['admin']);
    try {
      const inserted = await this.dataSource
        .getRepository(TenantEntity)
        .save({ slug: input.slug, name: input.name.trim() });
      return toTenantView(await this.find(user, inserted.id));
    } catch (error) {
      throw mapSlugConflict(error, input.slug);
    }
  }

  async update(user: AuthUser, id: string, version: number, input: UpdateTenantDto): Promise<TenantView> {
    assertRole(user, ['admin']);
    try {
      return await this.dataSource.transaction(async (m) => {
        const row = isUuid(id)
          ? await m.findOne(TenantEntity, { where: { id }, lock: { mode: 'pessimistic_write' } })
          : null;
        if (!row || !canSeeTenant(user, row.id)) throw new NotFoundError('Tenant', id);
        assertVersion(version, row.version);
        const changes: Partial<TenantEntity> = {
          ...(input.slug !== undefined ? { slug: input.slug } : {}),
          ...(input.name !== undefined ? { name: input.name.trim() } : {}),
        };
        if (Object.keys(changes).length > 0) await m.update(TenantEntity, { id, version }, changes);
        return toTenantView(await m.findOneByOrFail(TenantEntity, { id }));
      });
    } catch (error) {
      throw mapSlugConflict(error, input.slug);
    }
  }

  private async find(user: AuthUser, id: string): Promise<TenantEntity> {
    const row = isUuid(id) ? await this.dataSource.getRepository(TenantEntity).findOneBy({ id }) : null;
    if (!row || !canSeeTenant(user, row.id)) throw new NotFoundError('Tenant', id);
    return row;
  }
}

function mapSlugConflict(error: unknown, slug: string | undefined): unknown {
  return isUniqueViolation(error, 'uq_tenants_slug')
    ? new ConflictError(`a tenant with slug '${String(slug)}' exists already`, { field: 'slug' })
    : error;
}
