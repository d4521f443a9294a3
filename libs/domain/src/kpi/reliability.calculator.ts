import type { DecimalString } from '../money/decimal';
import type { DowntimeTicket } from './availability.calculator';
import { meanMinutes, msToMinutes } from './availability.calculator';

/*
 * MTTR and MTBF, decided once:
 *  - A repair counts in the period in which the asset was RESTORED (restored ∈ [from, to)); its time to
 *    repair is the full wall-clock span fault began → restored (not clipped to the period: a repair that
 *    began last month still took that long). MTTR = Σ TTR / repairs; null without repairs.
 *  - A failure counts in the period in which the FAULT BEGAN. MTBF = uptime / failures, where uptime =
 *    basis time − downtime of the availability computation (same basis, maintenance excluded); null
 *    without failures (an asset that never failed has no finite MTBF in the period).
 *  - Class values pool the assets: MTTR = Σ TTR / Σ repairs, MTBF = Σ uptime / Σ failures.
 *  - Results in minutes, rounded half-up to 3 places.
 */

export interface ReliabilityInput {
  readonly period: { readonly fromMs: number; readonly toMs: number };
  readonly tickets: readonly DowntimeTicket[];
  /** basis − downtime from computeAssetAvailability. */
  readonly uptimeMs: number;
}

export interface Reliability {
  readonly repairs: number;
  readonly repairMs: number;
  readonly failures: number;
  readonly uptimeMs: number;
  readonly mttrMinutes: DecimalString | null;
  readonly mtbfMinutes: DecimalString | null;
  /** Ticket ids counted as repairs / failures (the derivation). */
  readonly repairTicketIds: readonly string[];
  readonly failureTicketIds: readonly string[];
}

const ratioMinutes = meanMinutes;

export function computeReliability(input: ReliabilityInput): Reliability {
  const { fromMs, toMs } = input.period;
  let repairMs = 0;
  const repairTicketIds: string[] = [];
  const failureTicketIds: string[] = [];
  for (const t of input.tickets) {
    if (t.restoredMs !== null && t.restoredMs >= fromMs && t.restoredMs < toMs && t.restoredMs >= t.faultBeganMs) {
      repairMs += t.restoredMs - t.faultBeganMs;
      repairTicketIds.push(t.ticketId);
    }
    if (t.faultBeganMs >= fromMs && t.faultBeganMs < toMs) {
      failureTicketIds.push(t.ticketId);
    }
  }
  return {
    repairs: repairTicketIds.length,
    repairMs,
    failures: failureTicketIds.length,
    uptimeMs: input.uptimeMs,
    mttrMinutes: ratioMinutes(repairMs, repairTicketIds.length),
    mtbfMinutes: ratioMinutes(input.uptimeMs, failureTicketIds.length),
    repairTicketIds,
    failureTicketIds,
  };
}

export interface ReliabilityRollUp {
  readonly repairs: number;
  readonly failures: number;
  readonly uptimeMinutes: DecimalString;
  readonly mttrMinutes: DecimalString | null;
  readonly mtbfMinutes: DecimalString | null;
}

export function rollUpReliability(
  items: readonly Pick<Reliability, 'repairs' | 'repairMs' | 'failures' | 'uptimeMs'>[],
): ReliabilityRollUp {
  let repairs = 0;
  let repairMs = 0;
  let failures = 0;
  let uptimeMs = 0;
  for (const r of items) {
    repairs += r.repairs;
    repairMs += r.repairMs;
    failures += r.failures;
    uptimeMs += r.uptimeMs;
  }
  return {
    repairs,
    failures,
    uptimeMinutes: msToMinutes(uptimeMs),
    mttrMinutes: ratioMinutes(repairMs, repairs),
    mtbfMinutes: ratioMinutes(uptimeMs, failures),
  };
}
