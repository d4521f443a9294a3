export { DE, type I18nKey } from './lib/dictionary.de';
export { EN } from './lib/dictionary.en';
export type { Texts } from './lib/texts/texts';
export {
  I18nService,
  LANGUAGES,
  LANGUAGE_LOCALES,
  LANGUAGE_STORAGE_KEY,
  registerTexts,
  type I18nParams,
  type Language,
} from './lib/i18n.service';
export { TranslatePipe } from './lib/translate.pipe';
export { MoneyPipe, formatMoney } from './lib/money.pipe';
export { DISPLAY_TIME_ZONE, DateTimePipe, formatInstant } from './lib/date-time.pipe';
