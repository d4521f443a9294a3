import { InjectionToken, Pipe, type PipeTransform, inject } from '@angular/core';
import type { IsoInstant } from '@leitstand/api-contracts';
import { I18nService, formatInstant } from '@leitstand/frontend/i18n';

/** IANA zone in which instants are shown. Sites may differ later; Europe/Berlin is the default (DESIGN.md). */
export const DISPLAY_TIME_ZONE = new InjectionToken<string>('DISPLAY_TIME_ZONE', {
  providedIn: 'root',
  factory: () => 'Europe/Berlin',
});

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
