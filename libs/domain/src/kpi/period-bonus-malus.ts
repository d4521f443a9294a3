import { computeBonusMalus } from '../contract/bonus-malus.calculator';
import type { BonusMalusResult } from '../contract/bonus-malus.calculator';
import type { BonusMalusRules } from '../contract/contract.types';
import type { DecimalString } from '../money/decimal';
import { Dec } from '../money/decimal';
import { formatDecimalTextDe, toDecimalString } from '../money/money';
import type { MoneyString } from '../money/money';
import { shareToPercent } from './availability.calculator';

/*
 * The bonus/malus of one contract and period from its measured KPIs: each rule KPI gets its value
 * ('availability-<class>' from the class roll-up in percent, 'sla-compliance' from the overall SLA
 * compliance, 'inspection-…' from the maintenance and inspection compliance of the period) or is skipped
 * with the reason; the rules are applied to the KPIs that have a value. Each KPI with a value carries its
 * derivation lines (German, like every derivation the API sends): how the value came about, then the rule.
 */

const AVAILABILITY_KPI = /^availability-([a-z])$/;

/**
 * The maintenance and inspection compliance of the period (structurally the `total` of the maintenance
 * domain's computeCompliance, or the sum of frozen months): occurrences due in the period, completed with
 * accepted evidence on time, late, missed, still open and cancelled (not counted).
 */
export interface InspectionComplianceValue {
  readonly due: number;
  readonly onTime: number;
  readonly late: number;
  readonly missed: number;
  readonly open: number;
  readonly cancelled: number;
  /** onTime / due × 100 as a decimal string with 2 places, null when nothing was due. */
  readonly percent: DecimalString | null;
}

/**
 * The compliance figure as one German line:
 * "Fällig im Zeitraum 40 (fristgerecht 37, verspätet 2, versäumt 1, offen 0; 2 storniert, nicht gezählt): 37 / 40 = 92,50 %".
 */
export function complianceLine(c: InspectionComplianceValue): string {
  const cancelled = c.cancelled > 0 ? `; ${c.cancelled} storniert, nicht gezählt` : '';
  const counts = `fristgerecht ${c.onTime}, verspätet ${c.late}, versäumt ${c.missed}, offen ${c.open}${cancelled}`;
  const ratio = c.percent === null ? 'keine Quote' : `${c.onTime} / ${c.due} = ${formatDecimalTextDe(c.percent)} %`;
  return `Fällig im Zeitraum ${c.due} (${counts}): ${ratio}`;
}

export interface PeriodBonusMalusInput {
  /** null: the contract has no rules (a note says so). */
  readonly rules: BonusMalusRules | null;
  readonly annualVolume: MoneyString;
  /** Share of the contract year the period covers (periodFraction). */
  readonly periodFraction: DecimalString;
  readonly classes: readonly { readonly assetClass: string; readonly availabilityPercent: DecimalString | null }[];
  /** Overall SLA compliance as a share, null when no clock was decided. */
  readonly slaCompliance: DecimalString | null;
  /**
   * Maintenance and inspection compliance of the period; null when the contract has no maintenance or
   * inspection requirements at all (a requirement with nothing due in the period gives due = 0, percent null).
   */
  readonly inspectionCompliance?: InspectionComplianceValue | null;
}

export interface PeriodBonusMalus {
  readonly kpiValues: Readonly<Record<string, DecimalString>>;
  readonly skipped: readonly { readonly kpi: string; readonly reason: string }[];
  readonly result: BonusMalusResult | null;
  /** Per KPI with a value: how the value came about and the rule applied to it (German lines). */
  readonly derivations: Readonly<Record<string, readonly string[]>>;
  readonly notes: readonly string[];
}

/** The compliance percentage as the rules read it: "92.50" → "92.5", "100.00" → "100". */
function compliancePercentValue(percent: DecimalString): DecimalString {
  return toDecimalString(new Dec(percent));
}

/** Why a rule KPI has no value, or undefined when it has one (written into kpiValues). */
function valueOf(
  kpi: string,
  input: PeriodBonusMalusInput,
  kpiValues: Record<string, DecimalString>,
): string | undefined {
  const m = AVAILABILITY_KPI.exec(kpi);
  if (m !== null) {
    const cls = (m[1] ?? '').toUpperCase();
    const roll = input.classes.find((c) => c.assetClass === cls);
    if (roll?.availabilityPercent) {
      kpiValues[kpi] = roll.availabilityPercent;
      return undefined;
    }
    return `keine Verfügbarkeit der Klasse ${cls} im Zeitraum (keine Anlage oder keine Sollzeit)`;
  }
  if (kpi === 'sla-compliance' && input.slaCompliance !== null) {
    kpiValues[kpi] = shareToPercent(input.slaCompliance);
    return undefined;
  }
  if (kpi.startsWith('inspection')) {
    const c = input.inspectionCompliance ?? null;
    if (c === null) return 'keine Wartungs- oder Prüfpläne am Vertrag';
    if (c.percent === null) {
      return c.cancelled > 0
        ? `keine Fälligkeit im Zeitraum (${c.cancelled} storniert, nicht gezählt)`
        : 'keine Fälligkeit im Zeitraum';
    }
    kpiValues[kpi] = compliancePercentValue(c.percent);
    return undefined;
  }
  if (kpi.startsWith('energy')) return 'nicht gemessen: Energieverbräuche werden nicht erfasst';
  return 'keine Datenquelle für diese Kennzahl';
}

export function computePeriodBonusMalus(input: PeriodBonusMalusInput): PeriodBonusMalus {
  const { rules } = input;
  if (rules === null) {
    return {
      kpiValues: {},
      skipped: [],
      result: null,
      derivations: {},
      notes: ['Der Vertrag hat keine Bonus/Malus-Regeln'],
    };
  }
  const kpiValues: Record<string, DecimalString> = {};
  const skipped: { kpi: string; reason: string }[] = [];
  for (const k of rules.kpis) {
    const reason = valueOf(k.kpi, input, kpiValues);
    if (reason !== undefined) skipped.push({ kpi: k.kpi, reason });
  }
  const usable = { ...rules, kpis: rules.kpis.filter((k) => kpiValues[k.kpi] !== undefined) };
  // Period volume = annual volume × period fraction (rounded to cents inside computeBonusMalus).
  const result = computeBonusMalus({
    rules: usable,
    annualVolume: input.annualVolume,
    periodFraction: input.periodFraction,
    kpiValues,
  });
  const derivations: Record<string, readonly string[]> = {};
  for (const k of result.kpis) {
    const c = k.kpi.startsWith('inspection') ? input.inspectionCompliance : undefined;
    derivations[k.kpi] = c ? [complianceLine(c), k.derivation] : [k.derivation];
  }
  return {
    kpiValues,
    skipped,
    result,
    derivations,
    notes: skipped.map((s) => `Bonus/Malus ohne „${s.kpi}“: ${s.reason}`),
  };
}
