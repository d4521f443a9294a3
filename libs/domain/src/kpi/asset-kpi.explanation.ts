import type { DecimalString } from '../money/decimal';
import { percentOf } from './asset-kpis.calculator';
import type { AssetKpiRecord } from './asset-kpis.calculator';
import { Dec } from '../money/decimal';

/*
 * The long form of an asset's derivation, built when it is asked for (GET …/kpis, the dashboard): ISO
 * instants, percentages, the target and whether it was met, and each maintenance window's reason. The same
 * shape as AssetKpiView in @leitstand/api-contracts.
 */

export interface DowntimeIntervalExplanation {
  readonly from: string;
  readonly to: string;
  readonly minutes: DecimalString;
  readonly tickets: readonly string[];
}

export interface MaintenanceExclusionExplanation {
  readonly windowId: string;
  readonly from: string;
  readonly to: string;
  readonly reason: string;
  readonly minutes: DecimalString;
  readonly downtimeMinutes: DecimalString;
}

export interface AssetKpiExplanation {
  readonly assetId: string;
  readonly code: string;
  readonly assetClass: string;
  readonly basisMinutes: DecimalString;
  readonly downtimeMinutes: DecimalString;
  readonly availability: DecimalString | null;
  readonly availabilityPercent: DecimalString | null;
  readonly target?: DecimalString;
  readonly targetMet?: boolean;
  readonly downtime: readonly DowntimeIntervalExplanation[];
  readonly maintenance?: readonly MaintenanceExclusionExplanation[];
  readonly excludedDowntimeMinutes?: DecimalString;
  readonly mttrMinutes: DecimalString | null;
  readonly mtbfMinutes: DecimalString | null;
  readonly repairs: readonly string[];
  readonly failures: readonly string[];
}

/** What the records leave to the roll-up: the class targets and the maintenance windows' reasons. */
export interface AssetKpiContext {
  readonly targets: Readonly<Record<string, string>>;
  readonly windowReasons: Readonly<Record<string, string>>;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export function explainAssetKpi(r: AssetKpiRecord, context: AssetKpiContext): AssetKpiExplanation {
  const target = context.targets[r.assetClass];
  return {
    assetId: r.assetId,
    code: r.code,
    assetClass: r.assetClass,
    basisMinutes: r.basisMinutes,
    downtimeMinutes: r.downtimeMinutes,
    availability: r.availability,
    availabilityPercent: percentOf(r.availability),
    ...(target === undefined
      ? {}
      : { target, ...(r.availability === null ? {} : { targetMet: new Dec(r.availability).gte(target) }) }),
    downtime: r.downtime.map((d) => ({ from: iso(d.fromMs), to: iso(d.toMs), minutes: d.minutes, tickets: d.tickets })),
    ...(r.maintenance === undefined
      ? {}
      : {
          maintenance: r.maintenance.map((m) => ({
            windowId: m.windowId,
            from: iso(m.fromMs),
            to: iso(m.toMs),
            reason: context.windowReasons[m.windowId] ?? '',
            minutes: m.minutes,
            downtimeMinutes: m.downtimeMinutes,
          })),
          ...(r.excludedDowntimeMinutes === undefined ? {} : { excludedDowntimeMinutes: r.excludedDowntimeMinutes }),
        }),
    mttrMinutes: r.mttrMinutes,
    mtbfMinutes: r.mtbfMinutes,
    repairs: r.repairs,
    failures: r.failures,
  };
}

export function explainAssetKpis(records: readonly AssetKpiRecord[], context: AssetKpiContext): AssetKpiExplanation[] {
  return records.map((r) => explainAssetKpi(r, context));
}

/**
 * The records and context behind explanations stored in the long form (roll-ups written before the compact
 * derivation): ISO instants back to epoch ms, targets and reasons collected. Lossless only if explaining
 * the result gives the input again — the caller checks that before it replaces anything.
 */
export function recordsFromExplanations(views: readonly AssetKpiExplanation[]): {
  readonly records: AssetKpiRecord[];
  readonly context: AssetKpiContext;
} {
  const targets: Record<string, string> = {};
  const windowReasons: Record<string, string> = {};
  const records = views.map((v): AssetKpiRecord => {
    if (v.target !== undefined) targets[v.assetClass] = v.target;
    for (const m of v.maintenance ?? []) windowReasons[m.windowId] = m.reason;
    return {
      assetId: v.assetId,
      code: v.code,
      assetClass: v.assetClass,
      basisMinutes: v.basisMinutes,
      downtimeMinutes: v.downtimeMinutes,
      availability: v.availability,
      downtime: v.downtime.map((d) => ({
        fromMs: Date.parse(d.from),
        toMs: Date.parse(d.to),
        minutes: d.minutes,
        tickets: d.tickets,
      })),
      ...(v.maintenance === undefined
        ? {}
        : {
            maintenance: v.maintenance.map((m) => ({
              windowId: m.windowId,
              fromMs: Date.parse(m.from),
              toMs: Date.parse(m.to),
              minutes: m.minutes,
              downtimeMinutes: m.downtimeMinutes,
            })),
          }),
      ...(v.excludedDowntimeMinutes === undefined ? {} : { excludedDowntimeMinutes: v.excludedDowntimeMinutes }),
      mttrMinutes: v.mttrMinutes,
      mtbfMinutes: v.mtbfMinutes,
      repairs: v.repairs,
      failures: v.failures,
    };
  });
  return { records, context: { targets, windowReasons } };
}
