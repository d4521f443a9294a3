import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CancelApproverListResponse } from '@leitstand/api-contracts';
import { ForbiddenError, NotFoundError, canSeeTenant, isUuid, type AuthUser } from '@leitstand/backend/core';

/** Roles that may cancel an occurrence (with a named approver). */
export const CANCELLING_ROLES: ReadonlySet<string> = new Set(['admin', 'agent', 'manager']);

/**
 * Who may approve a cancellation, as a condition on `users u`: an active admin, or an active manager serving
 * the tenant given as `tenantParam` (e.g. '$2'). The one rule of the approver list and of cancel itself.
 */
export function cancelApproverCondition(tenantParam: string): string {
  return `u.active AND (u.role = 'admin' OR (u.role = 'manager'
            AND EXISTS (SELECT 1 FROM user_tenants ut WHERE ut.user_id = u.id AND ut.tenant_id = ${tenantParam})))`;
}

/**
 * Who may approve the cancellation of an occurrence: the active admins and the active managers serving the
 * occurrence's tenant — exactly the users `POST …/cancel` accepts as `approverId`. Agents cancel with one of
 * them named; they may not list users otherwise, so the cancel dialog asks here.
 */
@Injectable()
export class OccurrenceApproversService {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async list(user: AuthUser, occurrenceId: string): Promise<CancelApproverListResponse> {
    if (!isUuid(occurrenceId) || user.role === 'customer') throw new NotFoundError('occurrence', occurrenceId);
    const [occurrence] = (await this.dataSource.query(`SELECT tenant_id FROM maintenance_occurrences WHERE id = $1`, [
      occurrenceId,
    ])) as Array<{ tenant_id: string }>;
    if (!occurrence || !canSeeTenant(user, occurrence.tenant_id)) throw new NotFoundError('occurrence', occurrenceId);
    if (!CANCELLING_ROLES.has(user.role)) throw new ForbiddenError(`${user.role}s cannot cancel occurrences`);
    const rows = (await this.dataSource.query(
      `SELECT u.id, u.display_name AS name, u.role FROM users u
        WHERE ${cancelApproverCondition('$1')}
        ORDER BY (u.role = 'manager') DESC, u.display_name, u.id`,
      [occurrence.tenant_id],
    )) as Array<{ id: string; name: string; role: 'admin' | 'manager' }>;
    return { items: rows.map((r) => ({ id: r.id, name: r.name, role: r.role })) };
  }
}
