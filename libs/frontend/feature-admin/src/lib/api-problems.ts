import { HttpErrorResponse } from '@angular/common/http';
import type { ApiError } from '@leitstand/api-contracts';

/** One invalid input as the API names it: a path (`name`, `slaMatrix.A.response.calendar`, `data.material.overheadTiers[7].fromPrice`). */
export interface FieldProblem {
  readonly field: string;
  readonly messages: readonly string[];
}

/**
 * Why a write failed, reduced to what a form shows: a text key for the headline (translated at runtime, so the
 * server's status is in the UI language), the server's own message when it sent one, and every field problem.
 */
export interface WriteFailure {
  readonly status: number;
  /** `admin.error.*` text key. */
  readonly key: string;
  readonly serverMessage: string | null;
  readonly fields: readonly FieldProblem[];
  /** 409/412: somebody else changed the record since it was loaded (or a unique key is taken, 409). */
  readonly stale: boolean;
}

const KEY_BY_STATUS: Readonly<Record<number, string>> = {
  0: 'admin.error.offline',
  400: 'admin.error.invalid',
  403: 'admin.error.forbidden',
  404: 'admin.error.notFound',
  409: 'admin.error.conflict',
  412: 'admin.error.stale',
  413: 'admin.error.tooLarge',
  415: 'admin.error.unsupported',
  428: 'admin.error.stale',
};

/** Reads an HTTP failure of a catalog write (ApiError body with `fields` on 400). */
export function toWriteFailure(error: unknown): WriteFailure {
  if (!(error instanceof HttpErrorResponse)) {
    return { status: -1, key: 'admin.error.unknown', serverMessage: null, fields: [], stale: false };
  }
  const body = (typeof error.error === 'object' ? error.error : null) as Partial<ApiError> | null;
  const fields = Array.isArray(body?.fields)
    ? body.fields
        .filter((f) => typeof f?.field === 'string')
        .map((f) => ({ field: f.field, messages: Array.isArray(f.messages) ? f.messages.map(String) : [] }))
    : [];
  const key = KEY_BY_STATUS[error.status] ?? (error.status >= 500 ? 'admin.error.server' : 'admin.error.status');
  return {
    status: error.status,
    key,
    serverMessage: typeof body?.message === 'string' && body.message !== '' ? body.message : null,
    fields,
    stale: error.status === 412 || error.status === 428,
  };
}

/**
 * The problems at `path` and below it: `calendars.regular` matches `calendars.regular`,
 * `calendars.regular.week.mon[0]` and `calendars.regular[0]`, not `calendars.regular-2`.
 */
export function problemsAt(problems: readonly FieldProblem[], path: string): FieldProblem[] {
  return problems.filter((p) => p.field === path || p.field.startsWith(`${path}.`) || p.field.startsWith(`${path}[`));
}

/** The problems none of `paths` covers (shown in the form's summary so that no problem is lost). */
export function problemsOutside(problems: readonly FieldProblem[], paths: readonly string[]): FieldProblem[] {
  return problems.filter((p) => !paths.some((path) => problemsAt([p], path).length > 0));
}
