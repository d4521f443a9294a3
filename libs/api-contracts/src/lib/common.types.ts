/**
 * Shapes shared by the API and the UI. Types only: no runtime code, no decorators.
 * Instants are ISO-8601 strings with offset ("2026-11-21T14:05:00.000Z"); money is a decimal string ("197.45").
 */
export type IsoInstant = string;
export type DecimalString = string;

/** Body of every 4xx/5xx answer. `fields` names each invalid input field for 400s. */
export interface ApiError {
  statusCode: number;
  error: string;
  message: string;
  requestId?: string;
  fields?: ApiFieldError[];
  /** Extra facts, e.g. { currentStatus } on 409 or { currentVersion } on 412. */
  details?: Record<string, unknown>;
}

export interface ApiFieldError {
  field: string;
  messages: string[];
  /** A machine-readable reason the UI translates (e.g. `password_common`), where the server has one. */
  code?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
