import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager, type QueryDeepPartialEntity } from 'typeorm';
import type { ContractListResponse, ContractView } from '@leitstand/api-contracts';
import {
  InvalidInputError,
  NotFoundError,
  canSeeTenant,
  tenantFilter,
  type AuthUser,
  type FieldProblem,
  isUuid,
} from '@leitstand/backend/core';
import { ContractEntity, PriceListEntity, SiteEntity, TenantEntity } from '@leitstand/backend/data-access';
import { STAFF_ROLES, WRITER_ROLES, assertRole, assertVersion } from './catalog.common';
import { toContractView } from './catalog.mappers';
import { ALWAYS_BASIS, contractTermsProblems } from './catalog-terms.validation';
import type { ContractListQueryDto, CreateContractDto, UpdateContractDto } from './contract.dto';

/** A contract's stored fields (what a create sets and an update merges into). */
type ContractFields = Omit<ContractEntity, 'id' | 'createdAt' | 'version' | 'tenant' | 'priceList' | 'sites'>;

/** A DTO object (class instance after validation) as the plain JSON stored in jsonb. */
function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * Contracts: staff read them within their tenant scope (customers get 403); admins and managers
 * (their tenants) write. Every write validates the whole merged contract — calendars, SLA matrix,
 * bonus/malus, indexation, economics — with @leitstand/domain against each covered site, and
 * answers every problem at once.
 */
@Injectable()
export class ContractsService {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async list(user: AuthUser, query: ContractListQueryDto): Promise<ContractListResponse> {
    assertRole(user, STAFF_ROLES);
    const scope = tenantFilter(user);
    const qb = this.dataSource
      .getRepository(ContractEntity)
      .createQueryBuilder('c')
      .orderBy('c.starts_on', 'DESC')
      .addOrderBy('c.name')
      .addOrderBy('c.id');
    if (scope !== null) qb.andWhere('c.tenant_id = ANY(:scope::uuid[])', { scope });
    if (query.tenantId !== undefined) qb.andWhere('c.tenant_id = :tenantId', { tenantId: query.tenantId });
    const rows = await qb.getMany();
    const sites = await this.siteIdsOf(
      this.dataSource.manager,
      rows.map((r) => r.id),
    );
    return { items: rows.map((r) => toContractView(r, sites.get(r.id) ?? [])), nextCursor: null };
  }

  async get(user: AuthUser, id: string): Promise<ContractView> {
    assertRole(user, STAFF_ROLES);
    return this.view(this.dataSource.manager, user, id);
  }

  async create(user: AuthUser, input: CreateContractDto): Promise<ContractView> {
    assertRole(user, WRITER_ROLES);
    const fields: ContractFields = {
      tenantId: input.tenantId,
      name: input.name.trim(),
      type: input.type,
      startsOn: input.startsOn,
      endsOn: input.endsOn ?? null,
      calendars: plain(input.calendars) as Record<string, unknown>,
      slaMatrix: plain(input.slaMatrix) as unknown as Record<string, unknown>,
      availabilityTargets: plain(input.availabilityTargets ?? {}) as Record<string, string>,
      availabilityBasis: input.availabilityBasis ?? ALWAYS_BASIS,
      bonusMalus: input.bonusMalus ? (plain(input.bonusMalus) as unknown as Record<string, unknown>) : null,
      priceListId: input.priceListId ?? null,
      annualVolume: input.annualVolume,
      indexation: input.indexation ? (plain(input.indexation) as unknown as Record<string, unknown>) : null,
      capexThreshold: input.capexThreshold ?? null,
      scope: plain(input.scope ?? {}),
      quietWarningsCalendar: input.quietWarningsCalendar ?? null,
      economics: input.economics ? plain(input.economics) : null,
    };
    const siteIds = input.siteIds ?? [];
    const id = await this.dataSource.transaction(async (m) => {
      const tenant = await m.findOneBy(TenantEntity, { id: input.tenantId });
      if (!tenant || !canSeeTenant(user, tenant.id)) {
        throw InvalidInputError.of('tenantId', `unknown tenant ${input.tenantId}`);
      }
      await this.assertValid(m, fields, siteIds);
      const result = await m.insert(ContractEntity, fields as QueryDeepPartialEntity<ContractEntity>);
      const contractId = String((result.identifiers[0] as { id: string }).id);
      await this.replaceSites(m, contractId, siteIds);
      return contractId;
    });
    return this.view(this.dataSource.manager, user, id);
  }

  async update(user: AuthUser, id: string, version: number, input: UpdateContractDto): Promise<ContractView> {
    assertRole(user, WRITER_ROLES);
    return this.dataSource.transaction(async (m) => {
      const row = isUuid(id)
        ? await m.findOne(ContractEntity, { where: { id }, lock: { mode: 'pessimistic_write' } })
        : null;
      if (!row || !canSeeTenant(user, row.tenantId)) throw new NotFoundError('Contract', id);
      assertVersion(version, row.version);
      const changes: Partial<ContractFields> = {
        ...(input.name !== undefined ? { name: input.name.trim() } : {}),
        ...(input.type !== undefined ? { type: input.type } : {}),
        ...(input.startsOn !== undefined ? { startsOn: input.startsOn } : {}),
        ...(input.endsOn !== undefined ? { endsOn: input.endsOn } : {}),
        ...(input.calendars !== undefined ? { calendars: plain(input.calendars) as Record<string, unknown> } : {}),
        ...(input.slaMatrix !== undefined
          ? { slaMatrix: plain(input.slaMatrix) as unknown as Record<string, unknown> }
          : {}),
        ...(input.availabilityTargets !== undefined
          ? { availabilityTargets: plain(input.availabilityTargets) as Record<string, string> }
          : {}),
        ...(input.availabilityBasis !== undefined ? { availabilityBasis: input.availabilityBasis } : {}),
        ...(input.bonusMalus !== undefined
          ? { bonusMalus: input.bonusMalus ? (plain(input.bonusMalus) as unknown as Record<string, unknown>) : null }
          : {}),
        ...(input.priceListId !== undefined ? { priceListId: input.priceListId } : {}),
        ...(input.annualVolume !== undefined ? { annualVolume: input.annualVolume } : {}),
        ...(input.indexation !== undefined
          ? { indexation: input.indexation ? (plain(input.indexation) as unknown as Record<string, unknown>) : null }
          : {}),
        ...(input.capexThreshold !== undefined ? { capexThreshold: input.capexThreshold } : {}),
        ...(input.scope !== undefined ? { scope: plain(input.scope) } : {}),
        ...(input.quietWarningsCalendar !== undefined ? { quietWarningsCalendar: input.quietWarningsCalendar } : {}),
        ...(input.economics !== undefined ? { economics: input.economics ? plain(input.economics) : null } : {}),
      };
      const current = await this.siteIdsOf(m, [row.id]);
      const siteIds = input.siteIds ?? current.get(row.id) ?? [];
      await this.assertValid(m, { ...row, ...changes }, siteIds);
      if (Object.keys(changes).length > 0 || input.siteIds !== undefined) {
        // The version moves on a site change alone, too: the contract as a whole changed.
        await m
          .createQueryBuilder()
          .update(ContractEntity)
          .set({ ...changes, version: () => 'version + 1' } as QueryDeepPartialEntity<ContractEntity>)
          .where('id = :id AND version = :version', { id, version })
          .execute();
      }
      if (input.siteIds !== undefined) await this.replaceSites(m, id, input.siteIds);
      return this.view(m, user, id);
    });
  }

  /** Every problem of the merged contract: referenced rows, then the domain terms per covered site. */
  private async assertValid(m: EntityManager, c: ContractFields, siteIds: readonly string[]): Promise<void> {
    const problems: FieldProblem[] = [];
    const sites = siteIds.length > 0 ? await m.findBy(SiteEntity, { id: In([...siteIds]) }) : [];
    siteIds.forEach((siteId, i) => {
      const site = sites.find((s) => s.id === siteId);
      if (!site || site.tenantId !== c.tenantId) {
        problems.push({ field: `siteIds[${i}]`, messages: [`unknown site ${siteId} of the contract's tenant`] });
      }
    });
    if (c.priceListId !== null && !(await m.existsBy(PriceListEntity, { id: c.priceListId }))) {
      problems.push({ field: 'priceListId', messages: [`unknown price list ${c.priceListId}`] });
    }
    problems.push(
      ...contractTermsProblems(
        c,
        sites.filter((s) => s.tenantId === c.tenantId),
      ),
    );
    if (problems.length > 0) throw new InvalidInputError(problems);
  }

  private async replaceSites(m: EntityManager, contractId: string, siteIds: readonly string[]): Promise<void> {
    await m.query(`DELETE FROM contract_sites WHERE contract_id = $1`, [contractId]);
    if (siteIds.length > 0) {
      await m.query(`INSERT INTO contract_sites (contract_id, site_id) SELECT $1, unnest($2::uuid[])`, [
        contractId,
        [...siteIds],
      ]);
    }
  }

  private async siteIdsOf(m: EntityManager, contractIds: readonly string[]): Promise<Map<string, string[]>> {
    const map = new Map<string, string[]>();
    if (contractIds.length === 0) return map;
    const rows = (await m.query(
      `SELECT contract_id, site_id FROM contract_sites WHERE contract_id = ANY($1::uuid[]) ORDER BY site_id`,
      [[...contractIds]],
    )) as Array<{ contract_id: string; site_id: string }>;
    for (const r of rows) map.set(r.contract_id, [...(map.get(r.contract_id) ?? []), r.site_id]);
    return map;
  }

  private async view(m: EntityManager, user: AuthUser, id: string): Promise<ContractView> {
    const row = isUuid(id) ? await m.findOneBy(ContractEntity, { id }) : null;
    if (!row || !canSeeTenant(user, row.tenantId)) throw new NotFoundError('Contract', id);
    const sites = await this.siteIdsOf(m, [row.id]);
    return toContractView(row, sites.get(row.id) ?? []);
  }
}
