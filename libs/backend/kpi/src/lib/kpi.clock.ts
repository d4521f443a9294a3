/** Where the KPI services get "now" from (tests and benchmarks may pin it). */
export const KPI_CLOCK = Symbol('KPI_CLOCK');

export interface KpiClock {
  now(): Date;
}

export const SYSTEM_KPI_CLOCK: KpiClock = { now: () => new Date() };
