import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type QueryDeepPartialEntity } from 'typeorm';
import type { PriceListListResponse, PriceListView } from '@leitstand/api-contracts';
import { ConflictError, InvalidInputError, NotFoundError, type AuthUser, isUuid } from '@leitstand/backend/core';
import { PriceListEntity } from '@leitstand/backend/data-access';
import { STAFF_ROLES, assertRole, assertVersion, isUniqueViolation } from './catalog.common';
import { toPriceListView } from './catalog.mappers';
import { priceListProblems } from './catalog-terms.validation';
import type { CreatePriceListDto, UpdatePriceListDto } from './price-list.dto';

/**
 * Price lists are the provider's, not a tenant's: staff read them, admins write them, customers
 * get 403. Every write validates the document with the domain's parsePriceList and answers every
 * problem at once (`data.<path>`).
 */
@Injectable()
export class PriceListsService {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async list(user: AuthUser): Promise<PriceListListResponse> {
    assertRole(user, STAFF_ROLES);
    const rows = await this.dataSource.getRepository(PriceListEntity).find({ order: { key: 'ASC' } });
    return { items: rows.map(toPriceListView), nextCursor: null };
  }

  async get(user: AuthUser, id: string): Promise<PriceListView> {
    assertRole(user, STAFF_ROLES);
    const row = isUuid(id) ? await this.dataSource.getRepository(PriceListEntity).findOneBy({ id }) : null;
    if (!row) throw new NotFoundError('Price list', id);
    return toPriceListView(row);
  }

  async create(user: AuthUser, input: CreatePriceListDto): Promise<PriceListView> {
    assertRole(user, ['admin']);
    assertValidData(input.data);
    try {
      const saved = await this.dataSource.getRepository(PriceListEntity).save({
        key: input.key,
        name: input.name.trim(),
        validFrom: input.validFrom,
        data: input.data,
      });
      return await this.get(user, saved.id);
    } catch (error) {
      throw mapKeyConflict(error, input.key);
    }
  }

  async update(user: AuthUser, id: string, version: number, input: UpdatePriceListDto): Promise<PriceListView> {
    assertRole(user, ['admin']);
    try {
      return await this.dataSource.transaction(async (m) => {
        const row = isUuid(id)
          ? await m.findOne(PriceListEntity, { where: { id }, lock: { mode: 'pessimistic_write' } })
          : null;
        if (!row) throw new NotFoundError('Price list', id);
        assertVersion(version, row.version);
        if (input.data !== undefined) assertValidData(input.data);
        const changes: Partial<PriceListEntity> = {
          ...(input.key !== undefined ? { key: input.key } : {}),
          ...(input.name !== undefined ? { name: input.name.trim() } : {}),
          ...(input.validFrom !== undefined ? { validFrom: input.validFrom } : {}),
          ...(input.data !== undefined ? { data: input.data } : {}),
        };
        if (Object.keys(changes).length > 0) {
          await m.update(PriceListEntity, { id, version }, changes as QueryDeepPartialEntity<PriceListEntity>);
        }
        return toPriceListView(await m.findOneByOrFail(PriceListEntity, { id }));
      });
    } catch (error) {
      throw mapKeyConflict(error, input.key);
    }
  }
}

function assertValidData(data: Record<string, unknown>): void {
  const problems = priceListProblems(data);
  if (problems.length > 0) throw new InvalidInputError(problems);
}

function mapKeyConflict(error: unknown, key: string | undefined): unknown {
  return isUniqueViolation(error, 'uq_price_lists_key')
    ? new ConflictError(`a price list with key '${String(key)}' exists already`, { field: 'key' })
    : error;
}
