/**
 * Document classes of the document store (issue 14) and how long each is kept. The store refuses to
 * delete a document before its retention date (a PostgreSQL trigger); this file says which date that is.
 * Dates are civil dates ('YYYY-MM-DD') of the provider's time zone; the caller passes the upload day,
 * there is no clock here.
 *
 * The figures, and why:
 * - invoice: 8 years from the end of the calendar year of the document. HGB §257 (4) and AO §147 (3) as
 *   amended by the Viertes Bürokratieentlastungsgesetz (in force 1 January 2025) cut the period for
 *   Buchungsbelege from 10 to 8 years; the period starts at the end of the calendar year (§257 (5) HGB,
 *   §147 (4) AO), so an invoice of 14 March 2026 is kept until 31 December 2034.
 * - service report (Leistungsnachweis): the same 8 years, because the signed report is the voucher the
 *   invoice of out-of-scope work is computed from (seeds 003/004), i.e. part of the Buchungsbeleg.
 * - inspection report (Prüfbericht / Prüfbescheinigung): until the next test is due and at least 2 years
 *   (BetrSichV §14 (7) / §17: the record of the last test is kept until the next one; issue 14 asks for
 *   at least 2 years). Without a known next test we assume 5 years, the longest regular test interval of
 *   BetrSichV Anhang 2 we meet (internal inspection of pressure equipment), so nothing is released early.
 * - photo: 3 years from the end of the calendar year: the regular limitation period (BGB §§195, 199) of
 *   claims about the fault or the work the photo documents.
 * - other: 1 year from the upload day: no statutory period, but a store of evidence should not let a
 *   document disappear the day after it was filed.
 */
export const DOCUMENT_CLASSES = ['photo', 'inspection-report', 'service-report', 'invoice', 'other'] as const;
export type DocumentClass = (typeof DOCUMENT_CLASSES)[number];

export function isDocumentClass(value: unknown): value is DocumentClass {
  return typeof value === 'string' && (DOCUMENT_CLASSES as readonly string[]).includes(value);
}

/** Retention rule of one class (data, so the UI and the tests can show it). */
export interface RetentionRule {
  /** Years kept. */
  years: number;
  /** True: counted from the end of the calendar year of the upload (HGB/AO, BGB §199); false: from the day. */
  fromEndOfYear: boolean;
  /** True: kept at least until the next test is due (inspection reports). */
  untilNextTest: boolean;
}

export const RETENTION_RULES: Readonly<Record<DocumentClass, RetentionRule>> = {
  invoice: { years: 8, fromEndOfYear: true, untilNextTest: false },
  'service-report': { years: 8, fromEndOfYear: true, untilNextTest: false },
  'inspection-report': { years: 2, fromEndOfYear: false, untilNextTest: true },
  photo: { years: 3, fromEndOfYear: true, untilNextTest: false },
  other: { years: 1, fromEndOfYear: false, untilNextTest: false },
};

/** When the next test of an inspection report is not known: the longest regular interval (5 years). */
export const UNKNOWN_NEXT_TEST_YEARS = 5;

const CIVIL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date 'YYYY-MM-DD' (years 1900–9999). */
export function isCivilDate(value: string): boolean {
  const m = CIVIL_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function parse(value: string, field: string): [number, number, number] {
  if (!isCivilDate(value)) throw new RangeError(`${field} must be a date YYYY-MM-DD, got ${value}`);
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  return [y, m, d];
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
const format = (y: number, m: number, d: number): string => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;

/** `date` plus whole years; 29 February becomes 28 February in a common year. */
export function addYears(date: string, years: number): string {
  const [y, m, d] = parse(date, 'date');
  const year = y + years;
  return format(year, m, Math.min(d, daysInMonth(year, m)));
}

export interface RetentionInput {
  documentClass: DocumentClass;
  /** The upload day (civil date in the provider's zone). */
  uploadedOn: string;
  /** Inspection reports: the day the next test is due, when known. */
  nextTestDue?: string | null;
}

/**
 * The last day a document must be kept (it may be deleted from the day after). Throws RangeError for a
 * date that is not a real 'YYYY-MM-DD'.
 */
export function retentionUntil(input: RetentionInput): string {
  const rule = RETENTION_RULES[input.documentClass];
  const [year] = parse(input.uploadedOn, 'uploadedOn');
  let until = rule.fromEndOfYear ? format(year + rule.years, 12, 31) : addYears(input.uploadedOn, rule.years);
  if (rule.untilNextTest) {
    const next = input.nextTestDue ?? addYears(input.uploadedOn, UNKNOWN_NEXT_TEST_YEARS);
    parse(next, 'nextTestDue');
    if (next > until) until = next;
  }
  return until;
}

/** The real content types each class accepts (photos are images; the others PDFs or images). */
export const DOCUMENT_IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif'] as const;
export const DOCUMENT_CONTENT_TYPES = ['application/pdf', ...DOCUMENT_IMAGE_TYPES] as const;

export function contentTypesFor(documentClass: DocumentClass): readonly string[] {
  return documentClass === 'photo' ? DOCUMENT_IMAGE_TYPES : DOCUMENT_CONTENT_TYPES;
}
