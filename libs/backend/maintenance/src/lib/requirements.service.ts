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
  CLOCK,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  PreconditionFailedError,
  canSeeTenant,
  isUuid,
  tenantFilter,
  type AuthUser,
  type Clock,
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

/** The reason a deactivated requirement's future occurrences are cancelled with. */
export const DEACTIVATION_REASON = 'Plan deaktiviert / requirement deactivated';

/**
 * Requirements (Wartungs-/Prüfpläne) of contracts: admins and managers (their tenants) write, agents
 * read as well. The schedule is validated by the domain's parseRequirement (every bad field named);
 * the selection is one asset of the site, or the site's assets of an optional trade and class. Every
 * change enqueues, in its own transaction, 'maintenance.generate' for the contract through the outbox.
 * Deactivating a requirement cancels its future occurrences in that transaction, the writer (an admin or
 * a manager of the tenant — the roles that approve a cancellation) as approver.
 */
@Injectable()
export class RequirementsService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

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
      if (row.active && body.active === false) await this.cancelFuture(m, user, id);
      await this.enqueueGeneration(m, row.contractId);
      return toRequirementView(await m.findOneByOrFail(MaintenanceRequirementEntity, { id }));
    });
  }

  /**
   * Cancels the future occurrences of a deactivated requirement — target date from the site's today on,
   * neither started nor completed nor cancelled — with the reason, the writer as canceller and approver,
   * and a 'cancelled' event each (actor, reason, approver, former status). Started, completed, overdue
   * and missed ones stay as they are: the history is kept, and a due obligation is not healed by a
   * deactivation. (The generator would cancel the same rows on its next run, without an approver.)
   */
  private async cancelFuture(m: EntityManager, user: AuthUser, requirementId: string): Promise<number> {
    const now = this.clock.now();
    const [row] = (await m.query(
      `WITH gone AS (
         UPDATE maintenance_occurrences o
            SET status = 'cancelled', cancel_reason = $3, cancelled_by = $4, cancel_approved_by = $4,
                version = o.version + 1, updated_at = $2
           FROM sites s, maintenance_occurrences old
          WHERE o.requirement_id = $1 AND s.id = o.site_id AND old.id = o.id
            AND o.target_date >= ($2::timestamptz AT TIME ZONE s.timezone)::date
            AND o.started_at IS NULL AND o.completed_at IS NULL AND o.status <> 'cancelled'
         RETURNING o.id, o.tenant_id, old.status AS was),
       ev AS (
         INSERT INTO occurrence_events (occurrence_id, tenant_id, type, at, actor_id, dedup_key, payload)
         SELECT id, tenant_id, 'cancelled', $2, $4, 'cancelled',
                jsonb_build_object('reason', 'requirement-deactivated', 'text', $3::text, 'approverId', $4::uuid,
                                   'approverName', $5::text, 'actorName', $5::text, 'from', was)
           FROM gone
         ON CONFLICT (occurrence_id, dedup_key) DO NOTHING
         RETURNING 1)
       SELECT count(*)::int AS n FROM ev`,
      [requirementId, now, DEACTIVATION_REASON, user.id, user.displayName],
    )) as Array<{ n: number }>;
    return row?.n ?? 0;
  }

  /** The contract's occurrences are re-planned after the change commits (deterministic job id per contract). */
  private async enqueueGeneration(m: EntityManager, contractId: string): Promise<void> {
    await enqueueInTransaction(m, 'maintenance.generate', { contractId, reason: 'requirement-changed' });
  }
}
