import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type {
  AnchorView,
  MaintenanceRequirementListResponse,
  MaintenanceRequirementView,
  MaintenanceTaskListResponse,
  MaintenanceTaskView,
} from '@leitstand/api-contracts';
import {
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  PreconditionFailedError,
  canSeeTenant,
  isUuid,
  tenantFilter,
  type AuthUser,
  type FieldProblem,
  type Role,
} from '@leitstand/backend/core';
import { AssetEntity, ContractEntity, MaintenanceRequirementEntity, SiteEntity } from '@leitstand/backend/data-access';
import { enqueueInTransaction } from '@leitstand/backend/jobs';
import {
  MAINTENANCE_TASKS,
  MaintenanceError,
  findTask,
  parseRequirement,
  type AnchorRule,
  type ParsedRequirement,
  type TaskDefinition,
} from '@leitstand/domain';
import type {
  CreateMaintenanceRequirementDto,
  MaintenanceRequirementListQueryDto,
  UpdateMaintenanceRequirementDto,
} from './maintenance.dto';

/** Who reads requirements and the calendar: the provider's staff that plans (managers within their tenants). */
export const PLAN_READER_ROLES: readonly Role[] = ['admin', 'agent', 'manager'];
/** Who writes requirements. */
export const PLAN_WRITER_ROLES: readonly Role[] = ['admin', 'manager'];

export function assertPlanRole(user: AuthUser, roles: readonly Role[]): void {
  if (!roles.includes(user.role)) throw new ForbiddenError(`role ${user.role} may not do this`);
}

export function toTaskView(t: TaskDefinition): MaintenanceTaskView {
  return {
    key: t.key,
    trade: t.trade,
    kind: t.kind,
    performer: t.performer,
    statutory: t.statutory,
    title: { de: t.title.de, en: t.title.en },
    basis: t.basis,
    defaultCadence: { every: t.defaultCadence.every, unit: t.defaultCadence.unit },
    evidence: [...t.evidence],
    checklist: t.checklist.map((c) => ({
      key: c.key,
      label: { de: c.label.de, en: c.label.en },
      kind: c.kind,
      ...(c.unit !== undefined ? { unit: c.unit } : {}),
    })),
  };
}

export function anchorOf(
  r: Pick<MaintenanceRequirementEntity, 'anchorKind' | 'anchorDate' | 'intermediate'>,
): AnchorRule {
  return r.anchorKind === 'statutory'
    ? { kind: 'statutory', lastTest: r.anchorDate, intermediate: r.intermediate }
    : { kind: r.anchorKind, start: r.anchorDate };
}

export function toRequirementView(r: MaintenanceRequirementEntity): MaintenanceRequirementView {
  return {
    id: r.id,
    tenantId: r.tenantId,
    contractId: r.contractId,
    taskKey: r.taskKey,
    title: r.title,
    kind: r.kind,
    statutory: r.statutory,
    siteId: r.siteId,
    assetId: r.assetId,
    trade: r.trade,
    assetClass: r.assetClass,
    cadence: { every: r.cadenceEvery, unit: r.cadenceUnit },
    anchor: anchorOf(r) as AnchorView,
    leadDays: r.leadDays,
    performer: r.performer,
    evidence: r.evidence as MaintenanceRequirementView['evidence'],
    fee: r.fee,
    active: r.active,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    version: r.version,
  };
}

/** The domain's problems as 400 fields (its paths are the request's: 'anchor.start', 'cadence.every', …). */
function parsed(input: Record<string, unknown>): ParsedRequirement {
  try {
    return parseRequirement(input);
  } catch (error) {
    if (!(error instanceof MaintenanceError)) throw error;
    const byField = new Map<string, string[]>();
    for (const issue of error.issues) {
      const field = issue.field === '' ? 'body' : issue.field;
      byField.set(field, [...(byField.get(field) ?? []), issue.message]);
    }
    throw new InvalidInputError([...byField].map(([field, messages]): FieldProblem => ({ field, messages })));
  }
}

function scheduleInput(
  taskKey: string,
  body: {
    cadence?: unknown;
    anchor?: unknown;
    leadDays?: unknown;
    statutory?: unknown;
    performer?: unknown;
    evidence?: unknown;
    fee?: unknown;
  },
): Record<string, unknown> {
  const input: Record<string, unknown> = { taskKey };
  for (const key of ['cadence', 'anchor', 'leadDays', 'statutory', 'performer', 'evidence', 'fee'] as const) {
    if (body[key] !== undefined) input[key] = body[key];
  }
  return input;
}

/** A given title, trimmed; blank → 400 naming it. */
function titleOf(title: string | undefined): string | undefined {
  if (title === undefined) return undefined;
  const trimmed = title.trim();
  if (trimmed.length === 0) throw InvalidInputError.of('title', 'title must not be blank');
  return trimmed;
}

function columnsOf(p: ParsedRequirement) {
  return {
    statutory: p.statutory,
    cadenceEvery: p.cadence.every,
    cadenceUnit: p.cadence.unit,
    anchorKind: p.anchor.kind,
    anchorDate: p.anchor.kind === 'statutory' ? p.anchor.lastTest : p.anchor.start,
    intermediate: p.anchor.kind === 'statutory' ? p.anchor.intermediate : false,
    leadDays: p.leadDays,
    performer: p.performer,
    evidence: [...p.evidence],
    fee: p.fee,
  };
}

/**
 * Requirements (Wartungs-/Prüfpläne) of contracts: admins and managers (their tenants) write, agents
 * read as well. The schedule is validated by the domain's parseRequirement (every bad field named);
 * the selection is one asset of the site, or the site's assets of an optional trade and class. Every
 * change enqueues, in its own transaction, 'maintenance.generate' for the contract through the outbox.
 */
@Injectable()
export class RequirementsService {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  tasks(user: AuthUser): MaintenanceTaskListResponse {
    assertPlanRole(user, [...PLAN_READER_ROLES, 'technician']);
    return { items: MAINTENANCE_TASKS.map(toTaskView) };
  }

  async list(user: AuthUser, query: MaintenanceRequirementListQueryDto): Promise<MaintenanceRequirementListResponse> {
    assertPlanRole(user, PLAN_READER_ROLES);
    const qb = this.dataSource
      .getRepository(MaintenanceRequirementEntity)
      .createQueryBuilder('r')
      .orderBy('r.created_at')
      .addOrderBy('r.id');
    const scope = tenantFilter(user);
    if (scope !== null) qb.andWhere('r.tenant_id = ANY(:scope::uuid[])', { scope });
    if (query.contractId !== undefined) qb.andWhere('r.contract_id = :contractId', { contractId: query.contractId });
    if (query.siteId !== undefined) qb.andWhere('r.site_id = :siteId', { siteId: query.siteId });
    if (query.assetId !== undefined) {
      // One asset's plans: those naming it, and the selections of its site that match its trade and class.
      qb.andWhere(
        `(r.asset_id = :assetId OR (r.asset_id IS NULL AND EXISTS (
           SELECT 1 FROM assets a WHERE a.id = :assetId AND a.site_id = r.site_id
              AND (r.trade IS NULL OR r.trade = a.trade) AND (r.asset_class IS NULL OR r.asset_class = a.asset_class))))`,
        { assetId: query.assetId },
      );
    }
    return { items: (await qb.limit(5_000).getMany()).map(toRequirementView) };
  }

  async get(user: AuthUser, id: string): Promise<MaintenanceRequirementView> {
    assertPlanRole(user, PLAN_READER_ROLES);
    const row = isUuid(id) ? await this.dataSource.getRepository(MaintenanceRequirementEntity).findOneBy({ id }) : null;
    if (!row || !canSeeTenant(user, row.tenantId)) throw new NotFoundError('MaintenanceRequirement', id);
    return toRequirementView(row);
  }

  async create(user: AuthUser, body: CreateMaintenanceRequirementDto): Promise<MaintenanceRequirementView> {
    assertPlanRole(user, PLAN_WRITER_ROLES);
    const schedule = parsed(scheduleInput(body.taskKey, body));
    const task = findTask(schedule.taskKey) as TaskDefinition;
    const title = titleOf(body.title) ?? task.title.de;
    return this.dataSource.transaction(async (m) => {
      const contract = await m.findOneBy(ContractEntity, { id: body.contractId });
      if (!contract || !canSeeTenant(user, contract.tenantId)) {
        throw InvalidInputError.of('contractId', 'no such contract among your tenants');
      }
      const site = await m.findOneBy(SiteEntity, { id: body.siteId, tenantId: contract.tenantId });
      const covered = site
        ? ((await m.query(`SELECT 1 FROM contract_sites WHERE contract_id = $1 AND site_id = $2`, [
            contract.id,
            site.id,
          ])) as unknown[])
        : [];
      if (!site || covered.length === 0) throw InvalidInputError.of('siteId', 'the contract does not cover this site');
      const assetId = body.assetId ?? null;
      if (assetId !== null) {
        const selection = (['trade', 'assetClass'] as const).filter((f) => (body[f] ?? null) !== null);
        if (selection.length > 0) {
          throw new InvalidInputError(
            selection.map((field) => ({
              field,
              messages: ['give one asset (assetId), or a selection by trade and class — not both'],
            })),
          );
        }
        const asset = await m.findOneBy(AssetEntity, { id: assetId, tenantId: contract.tenantId });
        if (!asset || asset.siteId !== site.id) throw InvalidInputError.of('assetId', 'no such asset on this site');
      }
      const saved = await m.save(
        m.create(MaintenanceRequirementEntity, {
          tenantId: contract.tenantId,
          contractId: contract.id,
          taskKey: task.key,
          title,
          kind: task.kind,
          siteId: site.id,
          assetId,
          trade: assetId === null ? (body.trade ?? null) : null,
          assetClass: assetId === null ? (body.assetClass ?? null) : null,
          active: body.active ?? true,
          ...columnsOf(schedule),
        }),
      );
      await this.enqueueGeneration(m, contract.id);
      return toRequirementView(await m.findOneByOrFail(MaintenanceRequirementEntity, { id: saved.id }));
    });
  }

  async update(
    user: AuthUser,
    id: string,
    version: number,
    body: UpdateMaintenanceRequirementDto,
  ): Promise<MaintenanceRequirementView> {
    assertPlanRole(user, PLAN_WRITER_ROLES);
    return this.dataSource.transaction(async (m) => {
      const row = isUuid(id)
        ? await m.findOne(MaintenanceRequirementEntity, { where: { id }, lock: { mode: 'pessimistic_write' } })
        : null;
      if (!row || !canSeeTenant(user, row.tenantId)) throw new NotFoundError('MaintenanceRequirement', id);
      if (version !== row.version) throw new PreconditionFailedError(version, row.version);
      // The merged schedule is validated as a whole: the stored fields stand in for those not given.
      const merged = {
        cadence: body.cadence ?? { every: row.cadenceEvery, unit: row.cadenceUnit },
        anchor: body.anchor ?? anchorOf(row),
        leadDays: body.leadDays ?? row.leadDays,
        statutory: body.statutory ?? row.statutory,
        performer: body.performer ?? row.performer,
        evidence: body.evidence ?? row.evidence,
        fee: body.fee === undefined ? row.fee : body.fee,
      };
      const schedule = parsed(scheduleInput(row.taskKey, merged));
      const title = titleOf(body.title);
      await m.update(
        MaintenanceRequirementEntity,
        { id, version },
        {
          ...columnsOf(schedule),
          ...(title !== undefined ? { title } : {}),
          ...(body.active !== undefined ? { active: body.active } : {}),
        },
      );
      await this.enqueueGeneration(m, row.contractId);
      return toRequirementView(await m.findOneByOrFail(MaintenanceRequirementEntity, { id }));
    });
  }

  /** The contract's occurrences are re-planned after the change commits (deterministic job id per contract). */
  private async enqueueGeneration(m: EntityManager, contractId: string): Promise<void> {
    await enqueueInTransaction(m, 'maintenance.generate', { contractId, reason: 'requirement-changed' });
  }
}
