/**
 * A calendar spec was rejected. `field` names the offending part of the spec in a path notation the
 * API can hand back to the user unchanged: 'timezone', 'week', 'week.mon', 'week.mon[1]',
 * 'holidays[3]', 'holidayRegion', 'holidayWindows[0]'.
 */
export class CalendarSpecError extends Error {
  override readonly name = 'CalendarSpecError';
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

/**
 * A calendar computation was asked something it cannot answer: an invalid Date or a non-finite number
 * of minutes, an instant outside the supported range, or a search that found no open time within
 * the search horizon (e.g. every day of the next ten years listed as a holiday).
 */
export class CalendarRangeError extends RangeError {
  override readonly name = 'CalendarRangeError';
}
