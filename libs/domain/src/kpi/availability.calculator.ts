import { allowedDowntime } from '../contract/contract-terms.calculator';
import { Dec } from '../money/decimal';
import type { DecimalString } from '../money/decimal';
import { toDecimalString } from '../money/money';
import { KpiInputInvalidError } from './kpi.errors';
import { clipInterval, mergeIntervals, subtractIntervals, totalMs } from './intervals';
import type { MsInterval, SourcedInterval } from './intervals';

/*
 * Availability (EN 13306 / EN 15341 logic), decided once:
 *  - Required time (the basis) = the period's time on the contract's basis — wall-clock time for '24-7',
 *    otherwise the open time of the service calendar (BusinessCalendar.businessMsBetween) — minus planned
 *    maintenance windows (planned downtime is neither required time nor downtime).
 *  - Downtime = the union of [fault began, restored) of the tickets that took the asset down, clipped to
 *    the period, overlaps merged (two tickets on one outage count once), planned maintenance cut out,
 *    measured on the same basis. A ticket not yet restored counts until `asOfMs`.
 *  - The period ends at min(period end, asOfMs): a running month is measured up to now.
 *  - availability = 1 − downtime / basis, rounded half-up to 6 decimal places (a share: "0.995");
 *    null when the basis is 0 (the calendar is closed the whole period).
 *  - Roll-ups (asset class, contract) are TIME-WEIGHTED: 1 − Σ downtime / Σ basis, i.e. the basis-weighted
 *    mean of the assets' availabilities. A plain mean would let an asset with 1 h of service time weigh
 *    as much as one with 744 h; the weighted form is what the contract's "availability of A-assets" means.
 *  - Minutes in results are rounded half-up to 3 places; all arithmetic before that is on integer ms.
 */

export const AVAILABILITY_PLACES = 6;

/** One ticket that took the asset down. */
export interface DowntimeTicket {
  readonly ticketId: string;
  readonly faultBeganMs: number;
  /** null while the asset is still down. */
  readonly restoredMs: number | null;
}

/** Open milliseconds of the basis in [fromMs, toMs); omit for 24/7 wall-clock time. */
export type BasisMeasure = (fromMs: number, toMs: number) => number;

export interface AssetAvailabilityInput {
  readonly assetId: string;
  readonly period: MsInterval;
  readonly asOfMs?: number;
  readonly tickets: readonly DowntimeTicket[];
  readonly maintenanceWindows?: readonly MsInterval[];
  readonly basis?: BasisMeasure;
}

export interface AssetAvailability {
  readonly assetId: string;
  readonly basisMs: number;
  readonly downtimeMs: number;
  readonly basisMinutes: DecimalString;
  readonly downtimeMinutes: DecimalString;
  /** Share in [0, 1], 6 places; null when the basis is 0. */
  readonly availability: DecimalString | null;
  /** The merged downtime intervals (after clipping and maintenance) with the tickets behind each. */
  readonly intervals: readonly SourcedInterval[];
}

/** Thousandths as a canonical decimal string: 1234500 → "1234.5", 0 → "0". */
function thousandthsText(units: bigint): DecimalString {
  const neg = units < 0n;
  const abs = neg ? -units : units;
  const int = abs / 1000n;
  let frac = (abs % 1000n).toString().padStart(3, '0').replace(/0+$/, '');
  frac = frac === '' ? '' : `.${frac}`;
  return `${neg ? '-' : ''}${int}${frac}`;
}

/** a / b rounded half-up to `scale` decimal places, exact on BigInt (a ≥ 0, b > 0). */
function roundedUnits(a: bigint, b: bigint, scale: bigint): bigint {
  return (2n * a * scale + b) / (2n * b);
}

/** Milliseconds as minutes, rounded half-up to 3 places (exact integer arithmetic; ms are integers). */
export function msToMinutes(ms: number): DecimalString {
  const whole = Math.round(ms);
  if (whole % 60_000 === 0) return String(whole / 60_000);
  const neg = whole < 0;
  const units = roundedUnits(BigInt(Math.abs(whole)), 60_000n, 1000n);
  return thousandthsText(neg ? -units : units);
}

/** ms / n as minutes, rounded half-up to 3 places; null for n = 0. */
export function meanMinutes(ms: number, n: number): DecimalString | null {
  if (n === 0) return null;
  return thousandthsText(roundedUnits(BigInt(Math.round(ms)), BigInt(n) * 60_000n, 1000n));
}

const SHARE_SCALE = 1_000_000n;

/** 1 − down / basis, 6 places half-up; null for basis 0. Exact on BigInt. */
export function availabilityShare(downtimeMs: number, basisMs: number): DecimalString | null {
  if (basisMs <= 0) return null;
  const basis = BigInt(Math.round(basisMs));
  const up = basis - BigInt(Math.round(Math.min(downtimeMs, basisMs)));
  const units = roundedUnits(up < 0n ? 0n : up, basis, SHARE_SCALE);
  if (units === SHARE_SCALE) return '1';
  const frac = units.toString().padStart(6, '0').replace(/0+$/, '');
  return frac === '' ? '0' : `0.${frac}`;
}

function checkInterval(iv: MsInterval, path: string): void {
  if (!Number.isFinite(iv.fromMs) || !Number.isFinite(iv.toMs) || iv.toMs < iv.fromMs) {
    throw new KpiInputInvalidError([{ path, message: `expected finite fromMs ≤ toMs, got ${iv.fromMs}…${iv.toMs}` }]);
  }
}

/** Downtime intervals of one asset in the (effective) period: clipped, merged, maintenance cut out. */
export function downtimeIntervals(input: AssetAvailabilityInput): SourcedInterval[] {
  const end = Math.min(input.period.toMs, input.asOfMs ?? input.period.toMs);
  const window = { fromMs: input.period.fromMs, toMs: end };
  const raw: SourcedInterval[] = [];
  for (const t of input.tickets) {
    const iv = clipInterval(
      { fromMs: t.faultBeganMs, toMs: t.restoredMs ?? input.asOfMs ?? end, sources: [t.ticketId] },
      window,
    );
    if (iv !== undefined) raw.push(iv);
  }
  return subtractIntervals(mergeIntervals(raw), input.maintenanceWindows ?? []);
}

export function computeAssetAvailability(input: AssetAvailabilityInput): AssetAvailability {
  checkInterval(input.period, 'period');
  (input.maintenanceWindows ?? []).forEach((w, i) => checkInterval(w, `maintenanceWindows[${i}]`));
  const end = Math.max(input.period.fromMs, Math.min(input.period.toMs, input.asOfMs ?? input.period.toMs));
  const window = { fromMs: input.period.fromMs, toMs: end };
  const intervals = downtimeIntervals(input);
  const maintenance = mergeIntervals((input.maintenanceWindows ?? []).map((w) => ({ ...w, sources: [] }))).flatMap(
    (w) => clipInterval(w, window) ?? [],
  );
  const measure = input.basis;
  const basisMs = totalMs([window], measure) - totalMs(maintenance, measure);
  const downtimeMs = totalMs(intervals, measure);
  return {
    assetId: input.assetId,
    basisMs,
    downtimeMs,
    basisMinutes: msToMinutes(basisMs),
    downtimeMinutes: msToMinutes(downtimeMs),
    availability: availabilityShare(downtimeMs, basisMs),
    intervals,
  };
}

export interface AvailabilityRollUp {
  readonly assets: number;
  readonly basisMinutes: DecimalString;
  readonly downtimeMinutes: DecimalString;
  /** Time-weighted: 1 − Σ downtime / Σ basis. */
  readonly availability: DecimalString | null;
  /** The target share (e.g. "0.995") when the contract sets one for this class. */
  readonly target?: DecimalString;
  /** (1 − target) × Σ basis, in minutes (domain `allowedDowntime`). */
  readonly allowedDowntimeMinutes?: DecimalString;
  /** availability ≥ target; undefined without a target or without basis. */
  readonly targetMet?: boolean;
}

/** Time-weighted roll-up of asset availabilities, optionally against a target share. */
export function rollUpAvailability(
  assets: readonly Pick<AssetAvailability, 'basisMs' | 'downtimeMs'>[],
  target?: DecimalString,
): AvailabilityRollUp {
  let basisMs = 0;
  let downtimeMs = 0;
  for (const a of assets) {
    basisMs += a.basisMs;
    downtimeMs += a.downtimeMs;
  }
  const availability = availabilityShare(downtimeMs, basisMs);
  const base: AvailabilityRollUp = {
    assets: assets.length,
    basisMinutes: msToMinutes(basisMs),
    downtimeMinutes: msToMinutes(downtimeMs),
    availability,
  };
  if (target === undefined) return base;
  // allowedDowntime works in hours; minutes = (1 − target) × basis hours × 60, exact.
  const basisHours = toDecimalString(new Dec(basisMs).div(3_600_000));
  const allowedMinutes = new Dec(allowedDowntime(target, basisHours)).times(60).toDecimalPlaces(3, Dec.ROUND_HALF_UP);
  return {
    ...base,
    target,
    allowedDowntimeMinutes: toDecimalString(allowedMinutes),
    ...(availability === null ? {} : { targetMet: new Dec(availability).gte(target) }),
  };
}

/** A share "0.99625" as a percentage "99.625" (exact). */
export function shareToPercent(share: DecimalString): DecimalString {
  if (share === '1') return '100';
  const m = /^0\.(\d+)$/.exec(share);
  if (m === null) return toDecimalString(new Dec(share).times(100));
  const digits = (m[1] ?? '').padEnd(2, '0');
  const int = String(Number(digits.slice(0, 2)));
  const frac = digits.slice(2).replace(/0+$/, '');
  return frac === '' ? int : `${int}.${frac}`;
}
