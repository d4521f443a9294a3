import { Inject, Injectable } from '@nestjs/common';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import type {
  CreateUserRequest,
  CreateUserResponse,
  PasswordLinkView,
  Role,
  UpdateUserRequest,
  UserAdminListResponse,
  UserAdminView,
} from '@leitstand/api-contracts';
import {
  ConflictError,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  PreconditionFailedError,
  canSeeTenant,
  isUuid,
  tenantFilter,
  type AuthUser,
} from '@leitstand/backend/core';
import { SessionEntity, UserEntity, UserTenantEntity } from '@leitstand/backend/data-access';
import { PasswordLinks } from './password-links';
import { UNSET_PASSWORD_HASH } from './password-hasher.service';
import { SessionLiveness } from './session-liveness';

export interface UserAdminFilter {
  role?: Role;
  tenantId?: string;
  active?: boolean;
}

/** Roles a manager may create and edit (for their own tenants). */
const MANAGER_MANAGES: readonly Role[] = ['technician', 'customer'];
/** Roles that serve tenants through user_tenants. */
const SERVING_ROLES: readonly Role[] = ['manager', 'technician'];

interface UserRow {
  id: string;
  email: string;
  display_name: string;
  role: Role;
  active: boolean;
  language: 'de' | 'en';
  tenant_id: string | null;
  tenant_ids: string[] | null;
  price_list_role: string | null;
  home_site_id: string | null;
  created_at: Date;
  version: number;
}

/** The shape a user has after a create or an update, before it is written. */
interface UserShape {
  email: string;
  displayName: string;
  role: Role;
  tenantId: string | null;
  tenantIds: string[];
  priceListRole: string | null;
  homeSiteId: string | null;
}

const byName = new Intl.Collator('de', { sensitivity: 'base', numeric: true });

/**
 * User administration (issue 14). Admins create, edit, deactivate and reactivate any user; managers
 * only technicians and customers whose tenants all lie in the manager's scope (other users are unknown
 * to them: 404; other roles and tenants: 403/404 as the scope rules elsewhere). A new user has no usable
 * password: they get a one-time set-password link (PasswordLinks, through the channel seam).
 * Deactivating ends every session at once; so does a change of role or tenant scope (the tokens carry
 * both). Edits are optimistic: If-Match names the version read.
 */
@Injectable()
export class UserAdminService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(PasswordLinks) private readonly links: PasswordLinks,
    @Inject(SessionLiveness) private readonly liveness: SessionLiveness,
  ) {}

  async list(caller: AuthUser, filter: UserAdminFilter): Promise<UserAdminListResponse> {
    assertAdministers(caller);
    const params: unknown[] = [];
    const param = (value: unknown, cast = ''): string => {
      params.push(value);
      return `$${params.length}${cast}`;
    };
    const where: string[] = [];
    if (filter.role !== undefined) where.push(`u.role = ${param(filter.role)}`);
    if (filter.active !== undefined) where.push(`u.active = ${param(filter.active)}`);
    if (filter.tenantId !== undefined) {
      if (!canSeeTenant(caller, filter.tenantId)) throw new NotFoundError('tenant', filter.tenantId);
      const t = param(filter.tenantId, '::uuid');
      where.push(
        `(u.tenant_id = ${t} OR EXISTS (SELECT 1 FROM user_tenants x WHERE x.user_id = u.id AND x.tenant_id = ${t}))`,
      );
    }
    const scope = tenantFilter(caller);
    if (scope !== null) {
      const s = param(scope, '::uuid[]');
      where.push(`u.role IN ('technician', 'customer')`);
      where.push(
        `(u.tenant_id = ANY(${s}) OR EXISTS (SELECT 1 FROM user_tenants x WHERE x.user_id = u.id AND x.tenant_id = ANY(${s})))`,
      );
    }
    const rows = await this.query(this.dataSource.manager, where.length ? where.join(' AND ') : 'true', params);
    const items = rows
      .filter((r) => mayManage(caller, r))
      .map(toView)
      .sort((a, b) => byName.compare(a.displayName, b.displayName) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { items, nextCursor: null };
  }

  async get(caller: AuthUser, id: string): Promise<UserAdminView> {
    assertAdministers(caller);
    return toView(await this.findManaged(this.dataSource.manager, caller, id, false));
  }

  async create(caller: AuthUser, input: CreateUserRequest, now: Date): Promise<CreateUserResponse> {
    assertAdministers(caller);
    const shape = normalise({
      email: input.email,
      displayName: input.displayName,
      role: input.role,
      tenantId: input.tenantId ?? null,
      tenantIds: input.tenantIds ?? [],
      priceListRole: input.priceListRole ?? null,
      homeSiteId: input.homeSiteId ?? null,
    });
    try {
      return await this.dataSource.transaction(async (m) => {
        await this.assertShapeAllowed(m, caller, shape);
        const inserted = await m.insert(UserEntity, {
          email: shape.email,
          displayName: shape.displayName,
          role: shape.role,
          tenantId: shape.tenantId,
          passwordHash: UNSET_PASSWORD_HASH, // nobody signs in before the link was used
          active: true,
          language: input.language ?? 'de',
          priceListRole: shape.priceListRole,
          homeSiteId: shape.homeSiteId,
        });
        const id = String((inserted.identifiers[0] as { id: string }).id);
        await this.writeTenants(m, id, shape.tenantIds);
        const passwordLink = await this.links.issue(m, { id, ...shape }, 'set', caller.id, now);
        return { user: toView(await this.findRow(m, id)), passwordLink };
      });
    } catch (error) {
      throw mapEmailConflict(error, shape.email);
    }
  }

  async update(
    caller: AuthUser,
    id: string,
    version: number,
    input: UpdateUserRequest,
    now: Date,
  ): Promise<UserAdminView> {
    assertAdministers(caller);
    let endSessions = false;
    try {
      const view = await this.dataSource.transaction(async (m) => {
        const row = await this.findManaged(m, caller, id, true);
        if (row.version !== version) throw new PreconditionFailedError(version, row.version);
        const before = toView(row);
        const role = input.role ?? before.role;
        const roleChanged = role !== before.role;
        const shape = normalise({
          email: input.email ?? before.email,
          displayName: input.displayName ?? before.displayName,
          role,
          tenantId: input.tenantId !== undefined ? input.tenantId : roleChanged ? null : before.tenantId,
          tenantIds: input.tenantIds ?? (roleChanged && !SERVING_ROLES.includes(role) ? [] : before.tenantIds),
          priceListRole:
            input.priceListRole !== undefined
              ? input.priceListRole
              : role === 'technician'
                ? before.priceListRole
                : null,
          homeSiteId:
            input.homeSiteId !== undefined ? input.homeSiteId : role === 'technician' ? before.homeSiteId : null,
        });
        if (caller.id === row.id && (roleChanged || input.active === false)) {
          throw new InvalidInputError([
            {
              field: roleChanged ? 'role' : 'active',
              messages: ['you may not change your own role or deactivate yourself'],
              code: 'self_change_refused',
            },
          ]);
        }
        await this.assertShapeAllowed(m, caller, shape);
        const active = input.active ?? before.active;
        const scopeChanged =
          roleChanged || shape.tenantId !== before.tenantId || !sameSet(shape.tenantIds, before.tenantIds);
        endSessions = (before.active && !active) || scopeChanged;
        await m
          .createQueryBuilder()
          .update(UserEntity)
          .set({
            email: shape.email,
            displayName: shape.displayName,
            role: shape.role,
            tenantId: shape.tenantId,
            priceListRole: shape.priceListRole,
            homeSiteId: shape.homeSiteId,
            active,
            ...(input.language !== undefined ? { language: input.language } : {}),
            version: () => '"version" + 1',
          })
          .where('id = :id AND version = :version', { id: row.id, version })
          .execute();
        if (!sameSet(shape.tenantIds, before.tenantIds)) {
          await m.delete(UserTenantEntity, { userId: row.id });
          await this.writeTenants(m, row.id, shape.tenantIds);
        }
        if (endSessions) {
          await m.update(SessionEntity, { userId: row.id, revokedAt: IsNull() }, { revokedAt: now });
        }
        return toView(await this.findRow(m, row.id));
      });
      if (endSessions) this.liveness.forgetUser(view.id);
      return view;
    } catch (error) {
      throw mapEmailConflict(error, input.email?.trim().toLowerCase());
    }
  }

  /** A new one-time reset link (older unused links of the user end). 409 `user_inactive` for inactive users. */
  async issueResetLink(caller: AuthUser, id: string, now: Date): Promise<PasswordLinkView> {
    assertAdministers(caller);
    return this.dataSource.transaction(async (m) => {
      const row = await this.findManaged(m, caller, id, true);
      if (!row.active) {
        throw new ConflictError('the user is deactivated; reactivate them first', { code: 'user_inactive' });
      }
      return this.links.issue(
        m,
        { id: row.id, email: row.email, displayName: row.display_name },
        'reset',
        caller.id,
        now,
      );
    });
  }

  /** The user if the caller may manage them; 404 otherwise (also for ids that are no UUID). */
  private async findManaged(m: EntityManager, caller: AuthUser, id: string, lock: boolean): Promise<UserRow> {
    const row = isUuid(id) ? await this.findRowOrNull(m, id, lock) : null;
    if (!row || !mayManage(caller, row)) throw new NotFoundError('User', id);
    return row;
  }

  private async findRow(m: EntityManager, id: string): Promise<UserRow> {
    const row = await this.findRowOrNull(m, id, false);
    if (!row) throw new NotFoundError('User', id);
    return row;
  }

  private async findRowOrNull(m: EntityManager, id: string, lock: boolean): Promise<UserRow | null> {
    if (lock) await m.query(`SELECT 1 FROM users WHERE id = $1 FOR UPDATE`, [id]);
    const [row] = await this.query(m, 'u.id = $1', [id]);
    return row ?? null;
  }

  private async query(m: EntityManager, where: string, params: unknown[]): Promise<UserRow[]> {
    return (await m.query(
      `SELECT u.id, u.email, u.display_name, u.role, u.active, u.language, u.tenant_id, u.price_list_role,
              u.home_site_id, u.created_at, u.version,
              ARRAY(SELECT ut.tenant_id::text FROM user_tenants ut WHERE ut.user_id = u.id ORDER BY ut.tenant_id) AS tenant_ids
         FROM users u WHERE ${where}`,
      params,
    )) as UserRow[];
  }

  /**
   * Who may hold which fields, and whether the caller may grant them: 400 naming the field for a shape
   * that does not fit the role, 403 for a role a manager may not manage, 404 for a tenant that is
   * unknown or outside the caller's scope, 400 `home_site_invalid` for a home site that is not a site
   * of the technician's tenants.
   */
  private async assertShapeAllowed(m: EntityManager, caller: AuthUser, shape: UserShape): Promise<void> {
    if (caller.role === 'manager' && !MANAGER_MANAGES.includes(shape.role)) {
      throw new ForbiddenError(`managers may manage only technicians and customers, not ${shape.role}`);
    }
    const problems: Array<{ field: string; messages: string[]; code?: string }> = [];
    const serving = SERVING_ROLES.includes(shape.role);
    if (shape.role === 'customer' && shape.tenantId === null) {
      problems.push({ field: 'tenantId', messages: ['tenantId is required for customers'] });
    }
    if (shape.role !== 'customer' && shape.tenantId !== null) {
      problems.push({ field: 'tenantId', messages: ['only customers have an own tenant (tenantId)'] });
    }
    if (!serving && shape.tenantIds.length > 0) {
      problems.push({ field: 'tenantIds', messages: ['only managers and technicians serve tenants (tenantIds)'] });
    }
    if (serving && caller.role === 'manager' && shape.tenantIds.length === 0) {
      problems.push({ field: 'tenantIds', messages: ['name at least one of your tenants'] });
    }
    if (shape.role !== 'technician' && shape.priceListRole !== null) {
      problems.push({ field: 'priceListRole', messages: ['only technicians have a price-list role'] });
    }
    if (shape.role !== 'technician' && shape.homeSiteId !== null) {
      problems.push({ field: 'homeSiteId', messages: ['only technicians have a home site'] });
    }
    if (problems.length > 0) throw new InvalidInputError(problems);

    const tenants = [...shape.tenantIds, ...(shape.tenantId ? [shape.tenantId] : [])];
    for (const t of tenants) if (!canSeeTenant(caller, t)) throw new NotFoundError('tenant', t);
    if (tenants.length > 0) {
      const found = (await m.query(`SELECT id FROM tenants WHERE id = ANY($1::uuid[])`, [tenants])) as Array<{
        id: string;
      }>;
      const known = new Set(found.map((r) => r.id));
      const missing = tenants.find((t) => !known.has(t));
      if (missing) throw new NotFoundError('tenant', missing);
    }
    if (shape.homeSiteId !== null) {
      const [site] = (await m.query(`SELECT tenant_id FROM sites WHERE id = $1`, [shape.homeSiteId])) as Array<{
        tenant_id: string;
      }>;
      if (!site || !shape.tenantIds.includes(site.tenant_id)) {
        throw InvalidInputError.of(
          'homeSiteId',
          'homeSiteId must be a site of one of the tenants the technician serves',
          'home_site_invalid',
        );
      }
    }
  }

  private async writeTenants(m: EntityManager, userId: string, tenantIds: readonly string[]): Promise<void> {
    if (tenantIds.length === 0) return;
    await m.insert(
      UserTenantEntity,
      tenantIds.map((tenantId) => ({ userId, tenantId })),
    );
  }
}

function assertAdministers(caller: AuthUser): void {
  if (caller.role !== 'admin' && caller.role !== 'manager') {
    throw new ForbiddenError('only admins and managers administer users');
  }
}

/** Admins manage everyone; managers technicians and customers whose tenants all lie in their scope. */
function mayManage(caller: AuthUser, row: UserRow): boolean {
  if (caller.role === 'admin') return true;
  if (caller.role !== 'manager' || !MANAGER_MANAGES.includes(row.role)) return false;
  const tenants = row.role === 'customer' ? (row.tenant_id ? [row.tenant_id] : []) : (row.tenant_ids ?? []);
  return tenants.length > 0 && tenants.every((t) => canSeeTenant(caller, t));
}

function normalise(shape: UserShape): UserShape {
  return {
    ...shape,
    email: shape.email.trim().toLowerCase(),
    displayName: shape.displayName.trim(),
    tenantIds: [...new Set(shape.tenantIds)].sort(),
    priceListRole: shape.priceListRole === null ? null : shape.priceListRole.trim(),
  };
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join() === [...b].sort().join();
}

function toView(r: UserRow): UserAdminView {
  return {
    id: r.id,
    email: r.email,
    displayName: r.display_name,
    role: r.role,
    active: r.active,
    language: r.language,
    tenantId: r.tenant_id,
    tenantIds: r.tenant_ids ?? [],
    priceListRole: r.price_list_role,
    homeSiteId: r.home_site_id,
    createdAt: new Date(r.created_at).toISOString(),
    version: r.version,
  };
}

function mapEmailConflict(error: unknown, email: string | undefined): unknown {
  const e = error as { code?: unknown; constraint?: unknown; driverError?: { code?: unknown; constraint?: unknown } };
  const code = e?.driverError?.code ?? e?.code;
  const constraint = e?.driverError?.constraint ?? e?.constraint;
  return code === '23505' && constraint === 'uq_users_email'
    ? new ConflictError(`a user with e-mail '${String(email)}' exists already`, { field: 'email', code: 'email_taken' })
    : error;
}
