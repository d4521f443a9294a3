import type { AssetKpiRecord, DowntimeRecord, MaintenanceRecord } from './asset-kpis.calculator';
import { explainAssetKpis, recordsFromExplanations } from './asset-kpi.explanation';
import type { AssetKpiContext, AssetKpiExplanation } from './asset-kpi.explanation';
import { KpiInputInvalidError } from './kpi.errors';

/*
 * The stored form of a roll-up's asset derivation (kpi_rollups.derivation), format 2: positional arrays,
 * ticket numbers and window reasons once each in a table and referenced by index, instants as ms after
 * `t0` (the period start), minutes and shares as JSON numbers where the number prints back to the same
 * decimal string (else the string). About a third of the long form's size before compression;
 * explainAssetKpis builds the long form again on read.
 *
 *   asset       [assetId, code, class, basisMin, downtimeMin, availability, mttrMin, mtbfMin,
 *                downtime, repairs, failures, maintenance?, excludedDowntimeMin?]
 *   downtime    [[fromOffset, toOffset, minutes, ...ticketIndex]]
 *   maintenance [[windowIndex, fromOffset, toOffset, minutes, downtimeMinutes]]
 */

export const KPI_DERIVATION_FORMAT = 2;

type Num = number | string;
type StoredDowntime = [number, number, Num, ...number[]];
type StoredMaintenance = [number, number, number, Num, Num];
type StoredAsset = [
  string,
  string,
  string,
  Num,
  Num,
  Num | null,
  Num | null,
  Num | null,
  StoredDowntime[],
  number[],
  number[],
  StoredMaintenance[]?,
  Num?,
];

export interface StoredKpiDerivation {
  readonly v: typeof KPI_DERIVATION_FORMAT;
  readonly t0: number;
  readonly targets: Readonly<Record<string, string>>;
  readonly windows: readonly (readonly [string, string])[];
  readonly tickets: readonly string[];
  readonly assets: readonly StoredAsset[];
}

export interface KpiDerivation extends AssetKpiContext {
  readonly assets: readonly AssetKpiRecord[];
}

/** A canonical decimal string as a JSON number when that prints back identically ("120" → 120). */
function num(s: string): Num {
  const n = Number(s);
  return Number.isFinite(n) && String(n) === s ? n : s;
}

function numOrNull(s: string | null): Num | null {
  return s === null ? null : num(s);
}

function text(n: Num): string {
  return typeof n === 'number' ? String(n) : n;
}

function textOrNull(n: Num | null): string | null {
  return n === null ? null : text(n);
}

/** Interns strings into a table and answers their index. */
class Table {
  readonly items: string[] = [];
  private readonly index = new Map<string, number>();

  ref(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.items.length;
      this.items.push(s);
      this.index.set(s, i);
    }
    return i;
  }
}

export function encodeKpiDerivation(derivation: KpiDerivation, t0: number): StoredKpiDerivation {
  const tickets = new Table();
  const windows = new Table();
  const refs = (numbers: readonly string[]): number[] => numbers.map((n) => tickets.ref(n));
  const assets = derivation.assets.map((a): StoredAsset => {
    const row: StoredAsset = [
      a.assetId,
      a.code,
      a.assetClass,
      num(a.basisMinutes),
      num(a.downtimeMinutes),
      numOrNull(a.availability),
      numOrNull(a.mttrMinutes),
      numOrNull(a.mtbfMinutes),
      a.downtime.map((d): StoredDowntime => [d.fromMs - t0, d.toMs - t0, num(d.minutes), ...refs(d.tickets)]),
      refs(a.repairs),
      refs(a.failures),
    ];
    if (a.maintenance !== undefined || a.excludedDowntimeMinutes !== undefined) {
      row.push(
        (a.maintenance ?? []).map((m): StoredMaintenance => [
          windows.ref(m.windowId),
          m.fromMs - t0,
          m.toMs - t0,
          num(m.minutes),
          num(m.downtimeMinutes),
        ]),
      );
      if (a.excludedDowntimeMinutes !== undefined) row.push(num(a.excludedDowntimeMinutes));
    }
    return row;
  });
  return {
    v: KPI_DERIVATION_FORMAT,
    t0,
    targets: derivation.targets,
    windows: windows.items.map((id) => [id, derivation.windowReasons[id] ?? ''] as const),
    tickets: tickets.items,
    assets,
  };
}

function invalid(message: string): KpiInputInvalidError {
  return new KpiInputInvalidError([{ path: 'derivation', message }]);
}

function isNum(x: unknown): x is Num {
  return typeof x === 'number' || typeof x === 'string';
}

export function decodeKpiDerivation(stored: unknown): KpiDerivation {
  const s = stored as Partial<StoredKpiDerivation> | null;
  if (s === null || typeof s !== 'object' || s.v !== KPI_DERIVATION_FORMAT) {
    throw invalid(`expected a format-${KPI_DERIVATION_FORMAT} derivation`);
  }
  const { t0, tickets, windows } = s;
  if (typeof t0 !== 'number' || !Array.isArray(tickets) || !Array.isArray(windows) || !Array.isArray(s.assets)) {
    throw invalid('expected t0, tickets, windows and assets');
  }
  const ticket = (i: number): string => {
    const n = tickets[i];
    if (typeof n !== 'string') throw invalid(`ticket index ${i} out of range`);
    return n;
  };
  const windowId = (i: number): string => {
    const w = windows[i];
    if (w === undefined) throw invalid(`window index ${i} out of range`);
    return w[0];
  };
  const assets = s.assets.map((row, i): AssetKpiRecord => {
    if (!Array.isArray(row) || row.length < 11 || !Array.isArray(row[8])) throw invalid(`asset ${i} malformed`);
    const [assetId, code, assetClass, basis, down, availability, mttr, mtbf, downtime, repairs, failures, maint, excl] =
      row;
    if (!isNum(basis) || !isNum(down)) throw invalid(`asset ${i} without minutes`);
    const intervals = downtime.map(([from, to, minutes, ...refs]): DowntimeRecord => ({
      fromMs: t0 + from,
      toMs: t0 + to,
      minutes: text(minutes),
      tickets: refs.map(ticket),
    }));
    const maintenance =
      maint === undefined
        ? undefined
        : maint.map(([w, from, to, minutes, downtimeMinutes]: StoredMaintenance): MaintenanceRecord => ({
            windowId: windowId(w),
            fromMs: t0 + from,
            toMs: t0 + to,
            minutes: text(minutes),
            downtimeMinutes: text(downtimeMinutes),
          }));
    return {
      assetId,
      code,
      assetClass,
      basisMinutes: text(basis),
      downtimeMinutes: text(down),
      availability: textOrNull(availability),
      downtime: intervals,
      ...(maintenance === undefined ? {} : { maintenance }),
      ...(excl === undefined ? {} : { excludedDowntimeMinutes: text(excl) }),
      mttrMinutes: textOrNull(mttr),
      mtbfMinutes: textOrNull(mtbf),
      repairs: repairs.map(ticket),
      failures: failures.map(ticket),
    };
  });
  const windowReasons: Record<string, string> = {};
  for (const [id, reason] of windows) windowReasons[id] = reason;
  return { targets: s.targets ?? {}, windowReasons, assets };
}

/** Deep equality of JSON values, key order ignored (jsonb reorders keys). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  const ob = b as Record<string, unknown>;
  const oa = a as Record<string, unknown>;
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(ob, k) && sameJson(oa[k], ob[k]));
}

/**
 * The compact form of an asset list stored in the long form (roll-ups written before format 2), or null
 * when it would not give exactly the same explanation back (then the long form must stay as it is: a
 * frozen month's derivation is converted losslessly or not at all).
 */
export function compactStoredExplanations(
  views: readonly AssetKpiExplanation[],
  t0: number,
): StoredKpiDerivation | null {
  const { records, context } = recordsFromExplanations(views);
  const stored = encodeKpiDerivation({ ...context, assets: records }, t0);
  const back = decodeKpiDerivation(JSON.parse(JSON.stringify(stored)) as unknown);
  return sameJson(explainAssetKpis(back.assets, back), views) ? stored : null;
}
