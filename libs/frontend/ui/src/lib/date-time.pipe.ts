import { InjectionToken, Pipe, type PipeTransform, inject } from '@angular/core';
import type { IsoInstant } from '@leitstand/api-contracts';
import { I18nService } from '@leitstand/frontend/i18n';

/** IANA zone in which instants are shown. Sites may differ later; Europe/Berlin is the default (DESIGN.md). */
export const DISPLAY_TIME_ZONE = new InjectionToken<string>('DISPLAY_TIME_ZONE', {
  providedIn: 'root',
  factory: () => 'Europe/Berlin',
});

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * Formats an ISO instant as date and minute in the given locale and IANA zone, e.g.
 * `formatInstant('2026-11-21T13:05:00Z', 'de-DE', 'Europe/Berlin')` → "21.11.2026, 14:05".
 * Angular's DatePipe only knows fixed offsets, not IANA zones, so DST would be wrong with it.
 * Returns "–" for a missing or unparseable value.
 */
export function formatInstant(value: IsoInstant | null | undefined, locale: string, timeZone: string): string {
  if (!value) {
    return '–';
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    return '–';
  }
  const key = `${locale}|${timeZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, {
      timeZone,
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(key, formatter);
  }
  return formatter.format(date);
}

/**
 * `{{ ticket.createdAt | lsDateTime }}` → "21.11.2026, 14:05" (German) / "21/11/2026, 14:05" (English) in the
 * display zone, or the zone given as argument. Follows `I18nService.locale()`; impure on purpose, so that a
 * language switch re-renders OnPush views without a reload.
 */
@Pipe({ name: 'lsDateTime', pure: false })
export class DateTimePipe implements PipeTransform {
  private readonly i18n = inject(I18nService);
  private readonly timeZone = inject(DISPLAY_TIME_ZONE);

  transform(value: IsoInstant | null | undefined, timeZone: string = this.timeZone): string {
    return formatInstant(value, this.i18n.locale(), timeZone);
  }
}
