export * from './calendar.types';
export * from './calendar.errors';
export { parseCalendarSpec } from './calendar-spec';
export type { ParsedCalendarSpec } from './calendar-spec';
export { BusinessCalendar, alwaysOpenSpec } from './business-calendar';
export * from './public-holidays';
