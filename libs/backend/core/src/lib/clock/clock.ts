/**
 * Where services get "now" from: one injection token for the whole backend, so tests, replays and
 * benchmarks can pin the time of every service at once.
 */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('CLOCK');

export const SYSTEM_CLOCK: Clock = { now: () => new Date() };
