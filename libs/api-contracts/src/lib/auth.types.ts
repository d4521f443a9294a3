/**
 * Sign-in and sessions. Browsers authenticate with the HttpOnly cookies the login sets (`ls_access`,
 * `ls_refresh`) and send `x-requested-with: leitstand` on unsafe methods; API clients use
 * `Authorization: Bearer <accessToken>` and refresh with the `refreshToken` from the body.
 */
import type { IsoInstant } from './common.types';

export const ROLE_NAMES = ['admin', 'agent', 'technician', 'manager', 'customer'] as const;
export type Role = (typeof ROLE_NAMES)[number];

export interface LoginRequest {
  email: string;
  password: string;
}

/** Body of `POST /api/auth/refresh` and `POST /api/auth/logout`; cookie clients send no body. */
export interface RefreshRequest {
  refreshToken?: string;
}

/** The signed-in caller. `tenantIds` is the tenant scope: 'all' for admins and agents. */
export interface MeResponse {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  /** A customer's own tenant; null for provider staff. */
  tenantId: string | null;
  tenantIds: 'all' | string[];
}

/** Answer of login and refresh (the same tokens are also set as HttpOnly cookies). */
export interface RefreshResponse {
  accessToken: string;
  accessTokenExpiresAt: IsoInstant;
  /** Opaque; rotates on every refresh. Presenting an already rotated one ends the session. */
  refreshToken: string;
  refreshTokenExpiresAt: IsoInstant;
  user: MeResponse;
}

export type LoginResponse = RefreshResponse;

/** Answer of `DELETE /api/auth/users/:userId/sessions` (admin: forced sign-out). */
export interface RevokeSessionsResponse {
  revokedSessions: number;
}

/** One user as listed for dispatch and assignment pickers (never a password hash). */
export interface UserSummary {
  id: string;
  displayName: string;
  email: string;
  role: Role;
}

/**
 * `GET /api/users` (admin, agent, manager): active users sorted by display name. `role` filters by role;
 * `tenantId` keeps users who serve that tenant or all tenants (a manager may name only tenants in scope).
 */
export interface UserListQuery {
  role?: Role;
  tenantId?: string;
}
