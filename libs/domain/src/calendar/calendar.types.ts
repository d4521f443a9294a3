/** Weekday keys of a calendar's week, Monday first (ISO order). */
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/** ISO order: index 0 = Monday … 6 = Sunday. */
export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** A local wall-clock window 'HH:mm'–'HH:mm'; the end may be '24:00'. */
export type CalendarWindow = [string, string];

/**
 * A service calendar as plain data (what the backend stores as JSON and `libs/demo-data` ships).
 *
 * - `timezone`: IANA zone the windows and day boundaries are read in (e.g. 'Europe/Berlin').
 * - `week`: open windows per weekday, several per day allowed, sorted or not, adjacent windows merge;
 *   a missing or empty weekday is closed all day. A window ending '24:00' continues seamlessly into a
 *   window starting '00:00' on the next day (overnight on-call: `mon: [['22:00','24:00']], tue: [['00:00','06:00'], …]`).
 * - `holidays`: extra closed local dates 'YYYY-MM-DD' (company holidays, plant shutdown days).
 * - `holidayRegion`: public holidays of a region ('DE', 'DE-BY', 'DE-SN', …) close whole local days.
 * - `holidayWindows` (optional extension): windows that apply on a holiday *instead of* closing the day,
 *   e.g. `[['00:00','24:00']]` for an on-call calendar that covers weekends *and* public holidays.
 */
export interface CalendarSpec {
  timezone: string;
  week: Partial<Record<Weekday, Array<[string, string]>>>;
  holidays?: string[];
  holidayRegion?: string;
  holidayWindows?: Array<[string, string]>;
}
