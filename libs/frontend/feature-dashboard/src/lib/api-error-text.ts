import { HttpErrorResponse } from '@angular/common/http';
import type { ApiError } from '@leitstand/api-contracts';

/** A sentence for an HTTP failure: the API's message when it sent one. */
export function errorText(error: unknown): string {
  if (error instanceof HttpErrorResponse) {
    if (error.status === 0) return 'Der Server ist nicht erreichbar.';
    if (error.status === 403) return 'Keine Berechtigung für Vertragskennzahlen.';
    if (error.status === 404) return 'Vertrag nicht gefunden.';
    const body = error.error as Partial<ApiError> | null;
    if (body && typeof body.message === 'string') return body.message;
    return `Fehler ${error.status}.`;
  }
  return 'Unbekannter Fehler.';
}
