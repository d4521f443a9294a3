/** Where ticket services get "now" from (injectable so tests and replays can fix the time). */
export interface TicketClock {
  now(): Date;
}

export const TICKET_CLOCK = Symbol('TICKET_CLOCK');

export const SYSTEM_TICKET_CLOCK: TicketClock = { now: () => new Date() };
