/**
 * Application errors thrown by feature services; the API maps them to HTTP statuses in one place
 * (ApiExceptionFilter) and the worker treats them as unrecoverable. Services never throw HTTP
 * exceptions themselves.
 */
export interface FieldProblem {
  field: string;
  messages: string[];
  /** A machine-readable reason the UI translates (e.g. `password_common`). */
  code?: string;
}

export abstract class AppError extends Error {
  abstract readonly status: number;
}

/** 400: input is invalid; names each field. */
export class InvalidInputError extends AppError {
  override readonly name = 'InvalidInputError';
  readonly status = 400;
  constructor(readonly fields: FieldProblem[]) {
    super(`Invalid request: ${fields.map((f) => f.field).join(', ')}`);
  }

  static of(field: string, message: string, code?: string): InvalidInputError {
    return new InvalidInputError([{ field, messages: [message], ...(code !== undefined ? { code } : {}) }]);
  }
}

/** 401 */
export class UnauthenticatedError extends AppError {
  override readonly name = 'UnauthenticatedError';
  readonly status = 401;
}

/** 403: signed in, but this role may not do that. */
export class ForbiddenError extends AppError {
  override readonly name = 'ForbiddenError';
  readonly status = 403;
}

/** 404: unknown — or outside the caller's tenants (never reveal that it exists). */
export class NotFoundError extends AppError {
  override readonly name = 'NotFoundError';
  readonly status = 404;
  constructor(what: string, id: string) {
    super(`${what} ${id} not found`);
  }
}

/** 409: the action does not fit the current state (e.g. an invalid ticket transition). */
export class ConflictError extends AppError {
  override readonly name = 'ConflictError';
  readonly status = 409;
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** 412: If-Match named a version that is no longer current; nothing was written. */
export class PreconditionFailedError extends AppError {
  override readonly name = 'PreconditionFailedError';
  readonly status = 412;
  constructor(
    readonly expected: number,
    readonly current: number,
  ) {
    super(`version ${expected} is stale; the current version is ${current}`);
  }
}

/** 429: too many attempts; the API answers `Retry-After: retryAfterSeconds`. */
export class TooManyRequestsError extends AppError {
  override readonly name = 'TooManyRequestsError';
  readonly status = 429;
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/** 422: well-formed but not processable (e.g. an Idempotency-Key reused with another body). */
export class UnprocessableError extends AppError {
  override readonly name = 'UnprocessableError';
  readonly status = 422;
}
