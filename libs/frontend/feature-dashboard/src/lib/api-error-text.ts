import { HttpErrorResponse } from '@angular/common/http';
import type { ApiError } from '@leitstand/api-contracts';
import type { Localizer } from './localizer';

/** A sentence for an HTTP failure in the UI language: the API's message when it sent one. */
export function errorText(error: unknown, l: Localizer): string {
  if (error instanceof HttpErrorResponse) {
    if (error.status === 0) return l.t('dashboard.error.offline');
    if (error.status === 403) return l.t('dashboard.error.forbidden');
    if (error.status === 404) return l.t('dashboard.error.notFound');
    const body = error.error as Partial<ApiError> | null;
    if (body && typeof body.message === 'string') return body.message;
    return l.t('dashboard.error.status', { status: error.status });
  }
  return l.t('dashboard.error.unknown');
}
