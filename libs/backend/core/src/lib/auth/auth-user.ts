import { applyDecorators, createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { ApiSecurity } from '@nestjs/swagger';

export type Role = 'admin' | 'agent' | 'technician' | 'manager' | 'customer';

/**
 * The signed-in caller, as the auth guard puts it on the request. `tenantIds` is the tenant scope:
 * 'all' for admins and agents (the provider's helpdesk serves every customer), the served tenants for
 * managers and technicians, and exactly the own tenant for customers.
 */
export interface AuthUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  /** The customer's own tenant; null for provider staff. */
  tenantId: string | null;
  tenantIds: 'all' | readonly string[];
  sessionId: string;
}

/** True when the caller may see rows of `tenantId`. */
export function canSeeTenant(user: AuthUser, tenantId: string): boolean {
  return user.tenantIds === 'all' || user.tenantIds.includes(tenantId);
}

/**
 * SQL for a tenant filter: returns null for 'all' (no filter), otherwise the tenant ids to match
 * with `= ANY($n::uuid[])`. Every repository query that returns tenant rows applies it.
 */
export function tenantFilter(user: AuthUser): readonly string[] | null {
  return user.tenantIds === 'all' ? null : user.tenantIds;
}

export const IS_PUBLIC = 'leitstand:public';
export const ROLES = 'leitstand:roles';

/**
 * The route needs no sign-in (login, refresh, health, docs). OpenAPI: `security: [{}]` (anonymous
 * allowed) overrides the document's default of bearer token or session cookie.
 */
export const Public = (): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(IS_PUBLIC, true), ApiSecurity({}));

/** Only these roles may call the route (403 otherwise). Without it every signed-in role may. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES, roles);

/** Injects the signed-in caller (the guard guarantees there is one on non-public routes). */
export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): AuthUser => {
  const request = ctx.switchToHttp().getRequest<{ user?: AuthUser }>();
  if (!request.user) throw new Error('CurrentUser used on a route without an authenticated user');
  return request.user;
});
