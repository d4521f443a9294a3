import { Dec } from '../money/decimal';
import type { DecimalString } from '../money/decimal';
import { toDecimalString } from '../money/money';

/*
 * SLA compliance per priority and clock = met / (met + breached), rounded half-up to 6 places; null when
 * no clock of that kind finished. Running and paused clocks are not counted (not decided yet).
 * Which clocks belong to a period is the caller's choice (the backend counts clocks that stopped in it).
 */
export interface SlaClockOutcome {
  readonly ticketId: string;
  readonly priority: string;
  readonly clock: string;
  readonly state: 'running' | 'paused' | 'met' | 'breached';
}

export interface SlaComplianceCell {
  readonly priority: string;
  readonly clock: string;
  readonly met: number;
  readonly breached: number;
  readonly compliance: DecimalString | null;
  readonly breachedTicketIds: readonly string[];
}

export function complianceShare(met: number, breached: number): DecimalString | null {
  if (met + breached === 0) return null;
  return toDecimalString(new Dec(met).div(met + breached).toDecimalPlaces(6, Dec.ROUND_HALF_UP));
}

/** Cells sorted by priority then clock; plus the overall compliance over all cells. */
export function computeSlaCompliance(clocks: readonly SlaClockOutcome[]): {
  readonly cells: readonly SlaComplianceCell[];
  readonly overall: { readonly met: number; readonly breached: number; readonly compliance: DecimalString | null };
} {
  const cells = new Map<string, { priority: string; clock: string; met: number; breached: number; ids: string[] }>();
  let met = 0;
  let breached = 0;
  for (const c of clocks) {
    if (c.state !== 'met' && c.state !== 'breached') continue;
    const key = `${c.priority}\u0000${c.clock}`;
    let cell = cells.get(key);
    if (cell === undefined) {
      cell = { priority: c.priority, clock: c.clock, met: 0, breached: 0, ids: [] };
      cells.set(key, cell);
    }
    if (c.state === 'met') {
      cell.met += 1;
      met += 1;
    } else {
      cell.breached += 1;
      breached += 1;
      cell.ids.push(c.ticketId);
    }
  }
  return {
    cells: [...cells.values()]
      .sort((a, b) => a.priority.localeCompare(b.priority) || a.clock.localeCompare(b.clock))
      .map((c) => ({
        priority: c.priority,
        clock: c.clock,
        met: c.met,
        breached: c.breached,
        compliance: complianceShare(c.met, c.breached),
        breachedTicketIds: c.ids,
      })),
    overall: { met, breached, compliance: complianceShare(met, breached) },
  };
}
