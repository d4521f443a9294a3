import type { I18nKey, I18nParams, I18nService } from '@leitstand/frontend/i18n';

/**
 * What the table, chart and period builders need of the UI language: its texts and its formatting locale.
 * Built inside a `computed` from `I18nService`, so the builders run again when the language changes.
 */
export interface Localizer {
  /** The formatting locale, e.g. "de-DE" or "en-GB". */
  readonly locale: string;
  t(key: I18nKey, params?: I18nParams): string;
}

/** A snapshot of the current language (it reads the language signal, so a `computed` around it follows a switch). */
export function localizer(i18n: I18nService): Localizer {
  return { locale: i18n.locale(), t: (key, params) => i18n.t(key, params) };
}
