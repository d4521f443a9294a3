import { COMMON_DE } from './texts/common.texts';
import { PORTAL_DE } from './texts/portal.texts';
import { TECHNICIAN_DE } from './texts/technician.texts';
import { QUEUE_DE } from './texts/queue.texts';
import { INTAKE_DE } from './texts/intake.texts';
import { DETAIL_DE } from './texts/detail.texts';
import { DASHBOARD_DE } from './texts/dashboard.texts';
import { DOCUMENTS_DE } from './texts/documents.texts';
import { ACCOUNT_DE } from './texts/account.texts';
import { IMPORT_DE } from './texts/import.texts';
import { MAINTENANCE_DE } from './texts/maintenance.texts';
import { REPORT_DE } from './texts/report.texts';

/**
 * The German texts (the default language), merged from one file per area under `texts/` so that features can
 * add texts without touching each other's files. Keys are grouped by where they appear (`queue.*`, `intake.*`,
 * …); `{name}` marks a placeholder filled in by `I18nService.t(key, { name })`. The English dictionary must have
 * exactly these keys (each area's `*_EN` is typed against its `*_DE`). The texts of a lazily loaded feature that
 * no other screen shows (the administration's: `admin.*`) are not here but registered by that feature when its
 * chunk loads (`registerTexts`), so that the initial bundle does not carry them.
 */
export const DE = {
  ...COMMON_DE,
  ...PORTAL_DE,
  ...TECHNICIAN_DE,
  ...QUEUE_DE,
  ...INTAKE_DE,
  ...DETAIL_DE,
  ...DASHBOARD_DE,
  ...DOCUMENTS_DE,
  ...ACCOUNT_DE,
  ...IMPORT_DE,
  ...MAINTENANCE_DE,
  ...REPORT_DE,
} as const;

export type I18nKey = keyof typeof DE;
