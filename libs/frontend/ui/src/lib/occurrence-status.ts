import type { I18nKey } from '@leitstand/frontend/i18n';

/** The statuses of a maintenance occurrence (issue 15), in the order of a legend. */
export const OCCURRENCE_STATUS_ORDER = [
  'planned',
  'due',
  'overdue',
  'done-on-time',
  'done-late',
  'missed',
  'cancelled',
] as const;
export type OccurrenceStatusValue = (typeof OCCURRENCE_STATUS_ORDER)[number];

/** The colour family of a status; the CSS of `ls-occurrence-status` maps it onto theme colours. */
export type OccurrenceTone = 'neutral' | 'info' | 'warning' | 'success' | 'caution' | 'danger' | 'muted';

/**
 * How a status is shown: text always (screen readers and colour-blind users read the label), a symbol as the
 * second cue, and the tone only as the third.
 */
export interface OccurrenceStatusDisplay {
  readonly labelKey: I18nKey;
  readonly symbol: string;
  readonly tone: OccurrenceTone;
}

export const OCCURRENCE_STATUS_DISPLAY: Readonly<Record<OccurrenceStatusValue, OccurrenceStatusDisplay>> = {
  planned: { labelKey: 'maint.status.planned', symbol: '○', tone: 'neutral' },
  due: { labelKey: 'maint.status.due', symbol: '◐', tone: 'info' },
  overdue: { labelKey: 'maint.status.overdue', symbol: '!', tone: 'warning' },
  'done-on-time': { labelKey: 'maint.status.done-on-time', symbol: '✓', tone: 'success' },
  'done-late': { labelKey: 'maint.status.done-late', symbol: '✓!', tone: 'caution' },
  missed: { labelKey: 'maint.status.missed', symbol: '✗', tone: 'danger' },
  cancelled: { labelKey: 'maint.status.cancelled', symbol: '–', tone: 'muted' },
};

/** The display of a status; an unknown one (a newer server) is shown neutral with its raw name. */
export function occurrenceStatusDisplay(status: string): OccurrenceStatusDisplay & { known: boolean } {
  const display = (OCCURRENCE_STATUS_DISPLAY as Readonly<Record<string, OccurrenceStatusDisplay>>)[status];
  return display
    ? { ...display, known: true }
    : { labelKey: status as I18nKey, symbol: '?', tone: 'neutral', known: false };
}

/** Just enough of a task definition to name its checklist items. */
export interface EvidenceTaskLike {
  readonly checklist?: ReadonlyArray<{ key: string; label: { de: string; en: string } }>;
}

type Translate = (key: I18nKey | string, params?: Readonly<Record<string, string | number>>) => string;

const RECORD_FIELDS = ['date', 'type', 'scope', 'result', 'defects', 'nextDeadline', 'inspector', 'body'];
const DOCUMENT_CLASS_KEYS: Readonly<Record<string, I18nKey>> = {
  photo: 'documents.class.photo',
  'inspection-report': 'documents.class.inspection-report',
  'service-report': 'documents.class.service-report',
  invoice: 'documents.class.invoice',
  other: 'documents.class.other',
};

/**
 * One missing piece of evidence in words, from the server's code (`missingEvidence` of the domain, the 409 of
 * completion): `checklist.fire-door` → "Checkliste: Brandschutztür", `inspectionRecord.result` →
 * "Prüfbericht: Ergebnis", `document:inspection-report` → "Dokument fehlt: Prüfbericht". An unknown code is
 * shown as it came, so nothing is hidden.
 */
export function missingEvidenceText(
  code: string,
  task: EvidenceTaskLike | null,
  t: Translate,
  language: string,
): string {
  if (code === 'checklist') return t('maint.missing.checklistAll');
  if (code === 'inspectionRecord' || code === 'inspection-record') return t('maint.missing.recordAll');
  if (code.startsWith('checklist.')) {
    // `checklist.<item>` (not answered) or `checklist.<item>.value` (a reading item without its reading)
    const reading = code.endsWith('.value');
    const key = code.slice('checklist.'.length, reading ? -'.value'.length : undefined);
    const item = task?.checklist?.find((i) => i.key === key);
    const label = item ? (language === 'en' ? item.label.en : item.label.de) : key;
    return t(reading ? 'maint.missing.checklistValue' : 'maint.missing.checklist', { label });
  }
  if (code.startsWith('inspectionRecord.')) {
    const field = code.slice('inspectionRecord.'.length);
    const label = RECORD_FIELDS.includes(field) ? t(`maint.record.${field}`) : field;
    return t('maint.missing.record', { label });
  }
  if (code.startsWith('document:')) {
    const documentClass = code.slice('document:'.length);
    const key = DOCUMENT_CLASS_KEYS[documentClass];
    return t('maint.missing.document', { label: key ? t(key) : documentClass });
  }
  return code;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A plan date ('yyyy-mm-dd', a plain date in the site's zone) in the UI's locale: '07.12.2026' / '07/12/2026'.
 * Formatted at UTC midnight, so the browser's zone never shifts the day. Anything else is returned as it came.
 */
export function formatPlanDate(day: string | null | undefined, locale: string): string {
  if (!day) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return day;
  let format = dayFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', day: '2-digit', month: '2-digit', year: 'numeric' });
    dayFormats.set(locale, format);
  }
  return format.format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))));
}

/** A fault ticket a completion raised: its id (for the link) and its number (what people quote). */
export interface FollowUpTicketRef {
  readonly ticketId: string;
  readonly number: string;
}

/**
 * The fault tickets a completion raised, from its 'completed' events (`payload.followUps`: ticket id, number and
 * cause), each once, in their order; the detail's followUpTicketIds carry only the ids.
 */
export function followUpTickets(
  events: ReadonlyArray<{ readonly type: string; readonly payload: Readonly<Record<string, unknown>> }>,
): FollowUpTicketRef[] {
  const refs: FollowUpTicketRef[] = [];
  for (const event of events) {
    if (event.type !== 'completed' || !Array.isArray(event.payload['followUps'])) continue;
    for (const followUp of event.payload['followUps'] as unknown[]) {
      if (typeof followUp !== 'object' || followUp === null) continue;
      const { ticketId, number } = followUp as { ticketId?: unknown; number?: unknown };
      if (typeof ticketId !== 'string' || typeof number !== 'string' || number === '') continue;
      if (!refs.some((r) => r.number === number)) refs.push({ ticketId, number });
    }
  }
  return refs;
}
