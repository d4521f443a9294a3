import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Role, UserSummary } from '@leitstand/api-contracts';
import { ForbiddenError, NotFoundError, canSeeTenant, tenantFilter, type AuthUser } from '@leitstand/backend/core';

export interface UserListFilter {
  role?: Role;
  tenantId?: string;
}

interface UserDbRow {
  id: string;
  display_name: string;
  email: string;
  role: Role;
}

/** Display names sort as a German reader expects (Ä with A, case-insensitive), then by id. */
const byDisplayName = new Intl.Collator('de', { sensitivity: 'base', numeric: true });

/**
 * Who can be picked for dispatch and assignment. Only active users; never a password hash.
 *
 * A user "serves" a tenant when the tenant is in their scope: admins and agents serve all tenants,
 * managers and technicians the tenants in user_tenants, customers their own tenant. A caller whose
 * scope is limited (a manager) sees only users who serve a tenant of that scope, and may filter only
 * by a tenant of that scope (any other is unknown to them: 404). A technician may list only the
 * technicians of one tenant they serve (`role=technician&tenantId=…`): the colleagues a work log can
 * name; anything else is 403.
 */
@Injectable()
export class UsersService {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async list(caller: AuthUser, filter: UserListFilter): Promise<UserSummary[]> {
    const params: unknown[] = [];
    const param = (value: unknown, cast = ''): string => {
      params.push(value);
      return `$${params.length}${cast}`;
    };
    if (caller.role === 'technician' && (filter.role !== 'technician' || filter.tenantId === undefined)) {
      throw new ForbiddenError('technicians may list only the technicians of one of their tenants');
    }
    const where = ['u.active'];
    if (filter.role !== undefined) where.push(`u.role = ${param(filter.role)}`);

    let tenants: readonly string[] | null = tenantFilter(caller);
    if (filter.tenantId !== undefined) {
      if (!canSeeTenant(caller, filter.tenantId)) throw new NotFoundError('tenant', filter.tenantId);
      const [tenant] = (await this.dataSource.query(`SELECT id FROM tenants WHERE id = $1`, [
        filter.tenantId,
      ])) as Array<{
        id: string;
      }>;
      if (!tenant) throw new NotFoundError('tenant', filter.tenantId);
      tenants = [filter.tenantId];
    }
    if (tenants !== null) {
      const scope = param(tenants, '::uuid[]');
      where.push(`(u.role IN ('admin', 'agent') OR u.tenant_id = ANY(${scope}) OR EXISTS (
        SELECT 1 FROM user_tenants ut WHERE ut.user_id = u.id AND ut.tenant_id = ANY(${scope})))`);
    }

    const rows = (await this.dataSource.query(
      `SELECT u.id, u.display_name, u.email, u.role FROM users u WHERE ${where.join(' AND ')}`,
      params,
    )) as UserDbRow[];
    return rows
      .map((r): UserSummary => ({ id: r.id, displayName: r.display_name, email: r.email, role: r.role }))
      .sort((a, b) => byDisplayName.compare(a.displayName, b.displayName) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}
