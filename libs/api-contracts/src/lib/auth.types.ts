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
  /**
   * The user's stored UI language (the UI switches to it after sign-in). The server always sends it;
   * optional only so that older fixtures and clients stay valid.
   */
  language?: UserLanguage;
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

export const USER_LANGUAGES = ['de', 'en'] as const;
export type UserLanguage = (typeof USER_LANGUAGES)[number];

/**
 * Error codes of user administration, password links and the own account. They come as `fields[].code`
 * (400, with the field) or as `details.code` (409); the UI translates each (`account.error.<code>`).
 */
export const ACCOUNT_ERROR_CODES = [
  'password_too_short',
  'password_too_long',
  'password_common',
  'password_contains_identity',
  'password_token_unknown',
  'password_token_used',
  'password_token_expired',
  'current_password_wrong',
  'email_taken',
  'user_inactive',
  'self_change_refused',
  'scope_not_allowed',
  'home_site_invalid',
] as const;
export type AccountErrorCode = (typeof ACCOUNT_ERROR_CODES)[number];

/** A user as the administration sees it (admins; managers for technicians and customers of their tenants). */
export interface UserAdminView {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  active: boolean;
  language: UserLanguage;
  /** A customer's own tenant; null for staff. */
  tenantId: string | null;
  /** The tenants a manager or technician serves (user_tenants); empty for other roles. */
  tenantIds: string[];
  /** A technician's role id in the price lists (e.g. `service-technician`). */
  priceListRole: string | null;
  /** A technician's home site. */
  homeSiteId: string | null;
  createdAt: IsoInstant;
  /** For If-Match on PATCH. */
  version: number;
}

/** `GET /api/admin/users` query. */
export interface UserAdminListQuery {
  role?: Role;
  tenantId?: string;
  /** 'true' or 'false'; absent: both. */
  active?: 'true' | 'false';
}

export interface UserAdminListResponse {
  items: UserAdminView[];
  nextCursor: string | null;
}

/** `POST /api/admin/users`. */
export interface CreateUserRequest {
  email: string;
  displayName: string;
  role: Role;
  language?: UserLanguage;
  /** Customers: their tenant (required). */
  tenantId?: string;
  /** Managers and technicians: the tenants they serve. */
  tenantIds?: string[];
  /** Technicians only. */
  priceListRole?: string | null;
  /** Technicians only: a site of one of their tenants. */
  homeSiteId?: string | null;
}

/** `PATCH /api/admin/users/:id` (If-Match). `active: false` deactivates: every session ends at once. */
export interface UpdateUserRequest {
  email?: string;
  displayName?: string;
  role?: Role;
  language?: UserLanguage;
  tenantId?: string;
  tenantIds?: string[];
  priceListRole?: string | null;
  homeSiteId?: string | null;
  active?: boolean;
}

/**
 * A one-time set-password link. Today the channel returns it to the caller only (shown once to the
 * admin); e-mail delivery comes later. `path` is the UI page with the token (prefix the UI's origin).
 */
export interface PasswordLinkView {
  purpose: 'set' | 'reset';
  path: string;
  token: string;
  expiresAt: IsoInstant;
  /** How the link reached the user: 'caller' = only in this answer. */
  delivery: 'caller';
}

export interface CreateUserResponse {
  user: UserAdminView;
  passwordLink: PasswordLinkView;
}

/** `POST /api/auth/set-password` (public): the token from the link and the new password. */
export interface SetPasswordRequest {
  token: string;
  password: string;
}

export interface SetPasswordResponse {
  email: string;
}

/** `POST /api/account/password`: ends every other session of the user. */
export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

/** `PATCH /api/account`. */
export interface UpdateAccountRequest {
  language: UserLanguage;
}
