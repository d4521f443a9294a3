import { InjectionToken, Pipe, type PipeTransform, inject } from '@angular/core';
import { I18nService } from './i18n.service';

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * An ISO instant as date and minute in `locale` and an IANA zone: "21.11.2026, 14:05" (de-DE),
 * "21/11/2026, 14:05" (en-GB). "–" for a missing or unparseable value.
 */
/** The one formatter of instants in the UI (Angular's DatePipe knows only fixed offsets, not IANA zones). */
export function formatInstant(value: string | null | undefined, locale: string, timeZone: string): string {
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

/** IANA zone in which instants are shown (DESIGN.md: Europe/Berlin by default; a view may pass a site's zone). */
export const DISPLAY_TIME_ZONE = new InjectionToken<string>('DISPLAY_TIME_ZONE', {
  providedIn: 'root',
  factory: () => 'Europe/Berlin',
});

/**
 * `{{ ticket.createdAt | lsDateTime }}` → "21.11.2026, 14:05" (German) / "21/11/2026, 14:05" (English) in the
 * display zone, or the zone given as argument (`| lsDateTime: site.timezone`). Follows `I18nService.locale()`;
 * impure on purpose, so that a language switch re-renders OnPush views without a reload. The one date-time
 * pipe of the UI (there were two doing the same).
 */
@Pipe({ name: 'lsDateTime', pure: false })
export class DateTimePipe implements PipeTransform {
  private readonly i18n = inject(I18nService);
  private readonly timeZone = inject(DISPLAY_TIME_ZONE);

  transform(value: string | null | undefined, timeZone: string = this.timeZone): string {
    return formatInstant(value, this.i18n.locale(), timeZone);
  }
}
