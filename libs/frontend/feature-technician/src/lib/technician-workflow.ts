import type { TicketAction, TicketEventView, TicketStatus, WorkLogKind } from '@leitstand/api-contracts';

/** The one-tap next step of a technician per status: accept → travel → on site → restored. */
export function nextTechnicianAction(status: TicketStatus): TicketAction | null {
  return NEXT_ACTION[status];
}

const NEXT_ACTION: Readonly<Record<TicketStatus, TicketAction | null>> = {
  new: 'accept',
  // Accepted but not yet dispatched: only the helpdesk dispatches; the technician can still restore on the spot.
  accepted: 'restore',
  dispatched: 'travel',
  travelling: 'arrive',
  on_site: 'restore',
  paused: null,
  restored: null,
  closed: null,
};

/** The price-list role ids of the demo contracts (libs/demo-data/data/price-lists/*.json), most used first. */
export const PRICE_LIST_ROLES = [
  'service-technician',
  'skilled-worker',
  'service-helper',
  'service-engineer',
  'assembly-trainee',
  'assembly-skilled-worker',
  'assembly-master',
] as const;

/** Stands for "another role, typed in". */
export const OTHER_ROLE = 'other';

export interface WorkLogDefaults {
  startedAt: Date;
  endedAt: Date;
}

const MINUTE = 60_000;

function lastAt(events: readonly TicketEventView[], type: string): Date | null {
  const found = [...events].reverse().find((event) => event.type === type);
  return found ? new Date(found.occurredAt) : null;
}

/**
 * Start and end a work log form proposes: travel = "travel started → arrived" (or → now while travelling),
 * work = "arrived → now". Without the events: the last 30 minutes (travel) or the last hour (work).
 */
export function workLogDefaults(events: readonly TicketEventView[], kind: WorkLogKind, now: Date): WorkLogDefaults {
  const travelStarted = lastAt(events, 'travel_started');
  const arrived = lastAt(events, 'arrived');
  if (kind === 'travel') {
    const endedAt = arrived ?? now;
    return { startedAt: travelStarted ?? new Date(endedAt.getTime() - 30 * MINUTE), endedAt };
  }
  return { startedAt: arrived ?? new Date(now.getTime() - 60 * MINUTE), endedAt: now };
}

/** A Date as the value of `<input type="datetime-local">` in the device's zone ("2026-11-21T14:05"). */
export function toLocalInput(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}`
  );
}

/** The value of a datetime-local input (device zone) as an ISO instant, or null when empty or invalid. */
export function fromLocalInput(value: string): string | null {
  if (!value) {
    return null;
  }
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** "12,90" or "12.90" → "12.90"; null unless a non-negative amount with at most 2 decimals. String-only. */
export function normalizeDecimal(value: string, maxDecimals: number): string | null {
  const trimmed = value.trim().replace(',', '.');
  const pattern = new RegExp(`^\\d{1,12}(\\.\\d{1,${maxDecimals}})?$`);
  return pattern.test(trimmed) ? trimmed : null;
}

/** Statuses of "my open work": restored tickets are done for the technician (the helpdesk closes them). */
export const MY_OPEN_WORK_STATUSES: readonly TicketStatus[] = [
  'new',
  'accepted',
  'dispatched',
  'travelling',
  'on_site',
  'paused',
];

/** Actions that ask "really?" first: "Entstört" stops the restore clock and cannot be undone by the technician. */
export function needsConfirmation(action: TicketAction): boolean {
  return action === 'restore';
}

/**
 * Quantity × net unit price, rounded half-up to cents, as a decimal string ("2.5" × "12.90" → "32.25").
 * Exact: both go through BigInt scaled integers, never a JS float. Null when either is not a plain decimal.
 */
export function lineTotal(quantity: string, netUnitPrice: string): string | null {
  const parse = (value: string): { digits: bigint; scale: number } | null => {
    const m = /^(\d+)(?:\.(\d+))?$/.exec(value.trim());
    if (!m) return null;
    const fraction = m[2] ?? '';
    return { digits: BigInt(`${m[1]}${fraction}`), scale: fraction.length };
  };
  const q = parse(quantity);
  const p = parse(netUnitPrice);
  if (!q || !p) return null;
  const scale = q.scale + p.scale;
  let product = q.digits * p.digits; // value × 10^scale
  if (scale > 2) {
    const divisor = 10n ** BigInt(scale - 2);
    product = (product * 2n + divisor) / (divisor * 2n); // half-up, non-negative
  } else {
    product *= 10n ** BigInt(2 - scale);
  }
  const cents = product.toString().padStart(3, '0');
  return `${cents.slice(0, -2)}.${cents.slice(-2)}`;
}
