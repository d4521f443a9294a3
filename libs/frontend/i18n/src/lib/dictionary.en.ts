import type { I18nKey } from './dictionary.de';
import { COMMON_EN } from './texts/common.texts';
import { PORTAL_EN } from './texts/portal.texts';
import { TECHNICIAN_EN } from './texts/technician.texts';
import { QUEUE_EN } from './texts/queue.texts';
import { INTAKE_EN } from './texts/intake.texts';
import { DETAIL_EN } from './texts/detail.texts';
import { DASHBOARD_EN } from './texts/dashboard.texts';
import { DOCUMENTS_EN } from './texts/documents.texts';
import { ACCOUNT_EN } from './texts/account.texts';
import { IMPORT_EN } from './texts/import.texts';
import { MAINTENANCE_EN } from './texts/maintenance.texts';
import { REPORT_EN } from './texts/report.texts';

/** The English texts: every German key, checked by the type of each area. */
export const EN: Readonly<Record<I18nKey, string>> = {
  ...COMMON_EN,
  ...PORTAL_EN,
  ...TECHNICIAN_EN,
  ...QUEUE_EN,
  ...INTAKE_EN,
  ...DETAIL_EN,
  ...DASHBOARD_EN,
  ...DOCUMENTS_EN,
  ...ACCOUNT_EN,
  ...IMPORT_EN,
  ...MAINTENANCE_EN,
  ...REPORT_EN,
};
