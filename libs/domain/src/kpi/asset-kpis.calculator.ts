import type { DecimalString } from '../money/decimal';
import {
  computeAssetAvailability,
  downtimeIntervals,
  msToMinutes,
  rollUpAvailability,
  shareToPercent,
} from './availability.calculator';
import type { AssetAvailability, AvailabilityRollUp, BasisMeasure, DowntimeTicket } from './availability.calculator';
import type { MsInterval } from './intervals';
import { computeReliability, rollUpReliability } from './reliability.calculator';
import type { Reliability } from './reliability.calculator';

/*
 * Availability, MTTR and MTBF of every asset of a contract in one period, the class and contract roll-ups,
 * and each asset's derivation as a compact record: instants as epoch ms, minutes as decimal strings,
 * tickets by number (see asset-kpi.explanation.ts for the long form the API shows).
 */

export interface KpiAsset {
  readonly id: string;
  readonly code: string;
  readonly assetClass: string;
  readonly siteId: string;
}

export interface KpiMaintenanceWindow {
  readonly id: string;
  readonly assetId: string;
  readonly reason: string;
  readonly fromMs: number;
  readonly toMs: number;
}

export interface AssetKpisInput {
  readonly period: MsInterval;
  readonly asOfMs: number;
  /** Target share per asset class ("0.995"). */
  readonly targets: Readonly<Record<string, string>>;
  readonly assets: readonly KpiAsset[];
  /** Basis measure per site (undefined = 24/7 wall-clock). */
  readonly basisBySite: ReadonlyMap<string, BasisMeasure | undefined>;
  readonly downtimeTickets: readonly (DowntimeTicket & { readonly assetId: string; readonly number: string })[];
  /** Planned maintenance windows, clipped to the period. */
  readonly maintenanceWindows: readonly KpiMaintenanceWindow[];
}

/** One merged downtime interval: [fromMs, toMs), its minutes on the basis and the ticket numbers behind it. */
export interface DowntimeRecord {
  readonly fromMs: number;
  readonly toMs: number;
  readonly minutes: DecimalString;
  readonly tickets: readonly string[];
}

/** A maintenance window clipped to the measured part of the period (the reason stays with the window). */
export interface MaintenanceRecord {
  readonly windowId: string;
  readonly fromMs: number;
  readonly toMs: number;
  readonly minutes: DecimalString;
  readonly downtimeMinutes: DecimalString;
}

/** One asset's figures and derivation: ids, epoch ms and minutes (no repeated text). */
export interface AssetKpiRecord {
  readonly assetId: string;
  readonly code: string;
  readonly assetClass: string;
  readonly basisMinutes: DecimalString;
  readonly downtimeMinutes: DecimalString;
  readonly availability: DecimalString | null;
  readonly downtime: readonly DowntimeRecord[];
  /** Present (maybe empty) when the asset had maintenance windows in the period. */
  readonly maintenance?: readonly MaintenanceRecord[];
  readonly excludedDowntimeMinutes?: DecimalString;
  readonly mttrMinutes: DecimalString | null;
  readonly mtbfMinutes: DecimalString | null;
  readonly repairs: readonly string[];
  readonly failures: readonly string[];
}

export interface ClassKpi extends AvailabilityRollUp {
  readonly assetClass: string;
  readonly availabilityPercent: DecimalString | null;
  readonly mttrMinutes: DecimalString | null;
  readonly mtbfMinutes: DecimalString | null;
  readonly repairs: number;
  readonly failures: number;
}

export interface AssetKpis {
  readonly assets: readonly AssetKpiRecord[];
  readonly classes: readonly ClassKpi[];
  readonly contract: AvailabilityRollUp & { readonly availabilityPercent: DecimalString | null };
  /** Maintenance window reasons by window id (the derivation names windows by id). */
  readonly windowReasons: Readonly<Record<string, string>>;
  readonly notes: readonly string[];
}

export function percentOf(share: DecimalString | null): DecimalString | null {
  return share === null ? null : shareToPercent(share);
}

/** Σ of the basis measure (wall-clock without one) over the intersections of `a` with `b`. */
function overlapMs(a: readonly MsInterval[], b: MsInterval, measure: BasisMeasure | undefined): number {
  let sum = 0;
  for (const iv of a) {
    const fromMs = Math.max(iv.fromMs, b.fromMs);
    const toMs = Math.min(iv.toMs, b.toMs);
    if (toMs > fromMs) sum += measure === undefined ? toMs - fromMs : measure(fromMs, toMs);
  }
  return sum;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = map.get(k);
    if (list === undefined) map.set(k, [r]);
    else list.push(r);
  }
  return map;
}

/**
 * Planned maintenance (EN 13306): each window's minutes left the required time; the downtime inside the
 * windows (the gross downtime before they were cut out) is what they took out of the downtime.
 */
function maintenanceExclusion(
  windows: readonly KpiMaintenanceWindow[],
  measured: MsInterval,
  gross: readonly MsInterval[],
  netDowntimeMs: number,
  basis: BasisMeasure | undefined,
): Pick<AssetKpiRecord, 'maintenance' | 'excludedDowntimeMinutes'> {
  const maintenance = windows.flatMap((w) => {
    const fromMs = Math.max(w.fromMs, measured.fromMs);
    const toMs = Math.min(w.toMs, measured.toMs);
    if (toMs <= fromMs) return [];
    const clipped = { fromMs, toMs };
    return [
      {
        windowId: w.id,
        fromMs,
        toMs,
        minutes: msToMinutes(overlapMs([clipped], clipped, basis)),
        downtimeMinutes: msToMinutes(overlapMs(gross, clipped, basis)),
      },
    ];
  });
  const grossMs = gross.reduce((sum, iv) => sum + overlapMs([iv], iv, basis), 0);
  return { maintenance, excludedDowntimeMinutes: msToMinutes(grossMs - netDowntimeMs) };
}

/** Availability, MTTR and MTBF per asset, per asset class (sorted) and for the contract. */
export function computeAssetKpis(input: AssetKpisInput): AssetKpis {
  const { period, targets } = input;
  const notes: string[] = [];
  const measuredUntil = Math.max(period.fromMs, Math.min(period.toMs, input.asOfMs));
  const measured = { fromMs: period.fromMs, toMs: measuredUntil };
  const numberOf = new Map<string, string>();
  for (const t of input.downtimeTickets) numberOf.set(t.ticketId, t.number);
  const numbers = (ids: readonly string[]): string[] => ids.map((id) => numberOf.get(id) ?? id);
  const ticketsByAsset = groupBy(input.downtimeTickets, (t) => t.assetId);
  const windowsByAsset = groupBy(input.maintenanceWindows, (w) => w.assetId);
  const windowReasons: Record<string, string> = {};
  for (const w of input.maintenanceWindows) windowReasons[w.id] = w.reason;

  const perClass = new Map<string, { avail: AssetAvailability[]; rel: Reliability[] }>();
  const allAvail: AssetAvailability[] = [];
  const assets: AssetKpiRecord[] = [];
  for (const asset of input.assets) {
    const tickets = ticketsByAsset.get(asset.id) ?? [];
    const basis = input.basisBySite.get(asset.siteId);
    const windows = windowsByAsset.get(asset.id) ?? [];
    const availabilityInput = {
      assetId: asset.id,
      period,
      asOfMs: input.asOfMs,
      tickets,
      ...(basis === undefined ? {} : { basis }),
    };
    const a = computeAssetAvailability({ ...availabilityInput, maintenanceWindows: windows });
    const exclusion =
      windows.length === 0
        ? {}
        : maintenanceExclusion(windows, measured, downtimeIntervals(availabilityInput), a.downtimeMs, basis);
    const r = computeReliability({ period, tickets, uptimeMs: a.basisMs - a.downtimeMs });
    allAvail.push(a);
    let bucket = perClass.get(asset.assetClass);
    if (bucket === undefined) {
      bucket = { avail: [], rel: [] };
      perClass.set(asset.assetClass, bucket);
    }
    bucket.avail.push(a);
    bucket.rel.push(r);
    assets.push({
      assetId: asset.id,
      code: asset.code,
      assetClass: asset.assetClass,
      basisMinutes: a.basisMinutes,
      downtimeMinutes: a.downtimeMinutes,
      availability: a.availability,
      downtime: a.intervals.map((iv) => ({
        fromMs: iv.fromMs,
        toMs: iv.toMs,
        minutes: msToMinutes(basis === undefined ? iv.toMs - iv.fromMs : basis(iv.fromMs, iv.toMs)),
        tickets: numbers(iv.sources),
      })),
      ...exclusion,
      mttrMinutes: r.mttrMinutes,
      mtbfMinutes: r.mtbfMinutes,
      repairs: numbers(r.repairTicketIds),
      failures: numbers(r.failureTicketIds),
    });
  }
  const classes: ClassKpi[] = [...perClass.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([assetClass, bucket]) => {
      const roll = rollUpAvailability(bucket.avail, targets[assetClass]);
      const rel = rollUpReliability(bucket.rel);
      return {
        assetClass,
        ...roll,
        availabilityPercent: percentOf(roll.availability),
        mttrMinutes: rel.mttrMinutes,
        mtbfMinutes: rel.mtbfMinutes,
        repairs: rel.repairs,
        failures: rel.failures,
      };
    });
  for (const cls of Object.keys(targets)) {
    if (!perClass.has(cls)) {
      notes.push(`Verfügbarkeitsziel für Klasse ${cls}, aber keine Anlage dieser Klasse im Vertrag`);
    }
  }
  const contractRoll = rollUpAvailability(allAvail);
  return {
    assets,
    classes,
    contract: { ...contractRoll, availabilityPercent: percentOf(contractRoll.availability) },
    windowReasons,
    notes,
  };
}
