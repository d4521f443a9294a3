import {
  AppError,
  ForbiddenError,
  InvalidInputError,
  PreconditionFailedError,
  type AuthUser,
  type Role,
} from '@leitstand/backend/core';

/** 428: a PATCH without If-Match could overwrite someone else's change unseen, so it is refused. */
export class PreconditionRequiredError extends AppError {
  override readonly name = 'PreconditionRequiredError';
  readonly status = 428;
  constructor() {
    super('If-Match: "<version>" is required (the version or ETag of the last read)');
  }
}

/**
 * The version an If-Match header names: `"3"`, `W/"3"` or a bare `3`. Missing → 428, malformed → 400
 * naming the header.
 */
export function parseIfMatch(header: string | string[] | undefined): number {
  const raw = Array.isArray(header) ? header.join(',') : header;
  if (raw === undefined || raw.trim() === '') throw new PreconditionRequiredError();
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(raw);
  if (!m) {
    throw InvalidInputError.of('If-Match', `expected the entity version as "<version>" (e.g. "3"), got ${raw}`);
  }
  return Number(m[1]);
}

/** The entity tag of a version. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/** 412 unless the caller's version is the current one. */
export function assertVersion(expected: number, current: number): void {
  if (expected !== current) throw new PreconditionFailedError(expected, current);
}

/** Role check inside the services as well (the HTTP guard checks @Roles first). */
export function assertRole(user: AuthUser, roles: readonly Role[]): void {
  if (!roles.includes(user.role)) throw new ForbiddenError(`role ${user.role} may not do this`);
}

/** True for PostgreSQL's unique_violation on the named constraint/index. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = error as { code?: unknown; constraint?: unknown; driverError?: { code?: unknown; constraint?: unknown } };
  const code = e?.driverError?.code ?? e?.code;
  const name = e?.driverError?.constraint ?? e?.constraint;
  return code === '23505' && name === constraint;
}

/** Staff roles that read contracts and price lists (customers do not). */
export const STAFF_ROLES: readonly Role[] = ['admin', 'agent', 'technician', 'manager'];
/** Roles that write sites, assets and contracts (managers within their tenants). */
export const WRITER_ROLES: readonly Role[] = ['admin', 'manager'];
