import { computeSlaClocks, type ClockKind, type Priority, type SlaClockState, type SlaEvent } from '@leitstand/domain';
import type { ContractTerms } from './contract-terms';

/**
 * The SLA clocks of a ticket as they are stored (ticket_sla_clocks rows): pure, from the ticket's SLA
 * events and its contract terms. The tickets projection writes them; the demo history generator
 * computes the same rows for the tickets it invents, so both read from this one mapping.
 */

/** One row of ticket_sla_clocks as written by the projection. */
export interface SlaClockRow {
  clock: ClockKind;
  priority: Priority;
  budget: Record<string, unknown>;
  budgetMinutes: number;
  calendarKey: string;
  warningShare: number;
  state: SlaClockState['state'];
  startedAt: Date;
  stoppedAt: Date | null;
  deadline: Date | null;
  warningAt: Date | null;
  usedMinutes: number;
  remainingMinutes: number;
  breachMinutes: number | null;
  lateMs: number | null;
}

export interface TicketSlaProjection {
  clocks: SlaClockRow[];
  /** Nearest deadline of a clock that still counts (running, or breached and not yet stopped). */
  nextDeadline: Date | null;
  /** A running clock passed its warning instant at `now`. */
  atRisk: boolean;
  /** A clock is breached. */
  breached: boolean;
}

export const NO_SLA: TicketSlaProjection = Object.freeze({
  clocks: [],
  nextDeadline: null,
  atRisk: false,
  breached: false,
}) as TicketSlaProjection;

interface StoredTarget {
  budget?: Record<string, unknown>;
  calendar?: string;
  warningShare?: number;
}

/** Pure: the clocks of a ticket from its SLA events under `terms` at `now`. */
export function computeTicketSla(terms: ContractTerms, events: readonly SlaEvent[], now: Date): TicketSlaProjection {
  if (!events.some((e) => e.type === 'created')) return NO_SLA;
  const clocks = computeSlaClocks({ events, matrix: terms.slaMatrix, now });
  const spec = terms.contract.slaMatrix as Record<string, Record<string, StoredTarget> | undefined>;
  const rows: SlaClockRow[] = (['response', 'restore'] as const).map((kind) => {
    const c = clocks[kind];
    const stored = spec[c.priority]?.[kind] ?? {};
    const target = terms.slaMatrix[c.priority][kind];
    return {
      clock: kind,
      priority: c.priority,
      budget: stored.budget ?? { ...c.budget },
      budgetMinutes: c.budgetMinutes,
      calendarKey: stored.calendar ?? '',
      warningShare: target.warningShare,
      state: c.state,
      startedAt: c.startedAt,
      stoppedAt: c.stoppedAt,
      deadline: c.deadline,
      warningAt: c.warningAt,
      usedMinutes: c.usedMinutes,
      remainingMinutes: c.remainingMinutes,
      breachMinutes: c.breach ? c.breach.businessMinutes : null,
      lateMs: c.breach ? Math.round(c.breach.lateMs) : null,
    };
  });
  let nextDeadline: Date | null = null;
  for (const r of rows) {
    const counting = r.stoppedAt === null && (r.state === 'running' || r.state === 'breached');
    if (counting && r.deadline && (nextDeadline === null || r.deadline < nextDeadline)) nextDeadline = r.deadline;
  }
  return {
    clocks: rows,
    nextDeadline,
    atRisk: rows.some((r) => r.state === 'running' && clocks[r.clock].warned),
    breached: rows.some((r) => r.state === 'breached'),
  };
}
