import {
  Dec,
  computeAssetAvailability,
  computeBonusMalus,
  computePeriodCost,
  computeReliability,
  computeSlaCompliance,
  downtimeIntervals,
  msToMinutes,
  periodFraction,
  priceServiceReport,
  rollUpAvailability,
  rollUpReliability,
  shareToPercent,
  termCoverage,
  toDecimalString,
  type BasisMeasure,
  type BonusMalusResult,
  type BonusMalusRules,
  type ContractCalculation,
  type DecimalString,
  type DowntimeTicket,
  type KpiPeriod,
  type MaterialUse,
  type MoneyString,
  type PeriodEffort,
  type PriceList,
  type Reliability,
  type ServiceReportPricing,
  type SlaClockOutcome,
  type AssetAvailability,
  type MsInterval,
} from '@leitstand/domain';
import type {
  AssetKpiView,
  ClassKpiView,
  ContractTermView,
  CostView,
  KpiRollupPayload,
  KpiView,
  ServiceReportCostView,
} from './kpi.types';

/** Everything one roll-up needs, already loaded (see KpiRollupLoader); the computation itself is pure. */
export interface RollupInput {
  readonly contract: {
    readonly id: string;
    readonly name: string;
    readonly tenantId: string;
    /** The term, local dates (`endsOn` inclusive, null = open-ended). */
    readonly startsOn: string;
    readonly endsOn: string | null;
    readonly annualVolume: MoneyString;
    readonly availabilityTargets: Readonly<Record<string, string>>;
    readonly availabilityBasis: string;
    readonly bonusMalus: BonusMalusRules | null;
    readonly internalCostRates: ContractCalculation['internalCostRates'];
  };
  readonly period: KpiPeriod;
  readonly asOfMs: number;
  readonly computedAt: Date;
  readonly assets: readonly {
    readonly id: string;
    readonly code: string;
    readonly assetClass: string;
    readonly siteId: string;
  }[];
  /** Basis measure per site (undefined = 24/7 wall-clock). */
  readonly basisBySite: ReadonlyMap<string, BasisMeasure | undefined>;
  /** Tickets of the contract that took an asset down, in scope, overlapping the period or restored in it. */
  readonly downtimeTickets: readonly (DowntimeTicket & { readonly assetId: string; readonly number: string })[];
  /** Planned maintenance windows of the contract's assets, clipped to the period (see clipMaintenanceWindows). */
  readonly maintenanceWindows: readonly {
    readonly id: string;
    readonly assetId: string;
    readonly reason: string;
    readonly fromMs: number;
    readonly toMs: number;
  }[];
  readonly slaClocks: readonly (SlaClockOutcome & { readonly number: string })[];
  /** Out-of-scope tickets restored (or closed) in the period with their work and materials. */
  readonly billable: readonly {
    readonly ticketId: string;
    readonly number: string;
    readonly site: { readonly timeZone: string; readonly holidayRegion: string };
    readonly work: readonly {
      workerId: string;
      roleId: string;
      kind: 'travel' | 'on-site';
      start: string;
      end: string;
    }[];
    readonly materials: readonly {
      kind: string;
      description: string;
      netUnitPrice: MoneyString;
      quantity: DecimalString;
      unit: string;
    }[];
  }[];
  readonly priceList: PriceList | null;
  readonly priceListProblem?: string;
  /** All work (in and out of scope) logged in the period, ms per price-list role, and material cost. */
  readonly effort: { readonly msByRole: ReadonlyMap<string, number>; readonly materialCost: MoneyString };
  readonly notes: readonly string[];
}

const AVAILABILITY_KPI = /^availability-([a-z])$/;

function iso(ms: number): string {
  return new Date(ms).toISOString();
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

function percent(share: DecimalString | null): DecimalString | null {
  return share === null ? null : shareToPercent(share);
}

type RollupContract = Pick<RollupInput['contract'], 'id' | 'name' | 'tenantId' | 'startsOn' | 'endsOn'>;

/** The contract's term and its coverage of the period (see ContractTermView). */
export function contractTerm(
  contract: Pick<RollupContract, 'startsOn' | 'endsOn'>,
  period: KpiPeriod,
): ContractTermView {
  return {
    startsOn: contract.startsOn,
    endsOn: contract.endsOn,
    coverage: termCoverage(period, contract),
  };
}

function rollupMeta(contract: RollupContract, period: KpiPeriod, measuredUntilMs: number, computedAt: Date) {
  return {
    contractId: contract.id,
    contractName: contract.name,
    tenantId: contract.tenantId,
    period: {
      key: period.key,
      kind: period.kind,
      from: period.fromDate,
      to: period.toDate,
      timezone: period.timezone,
      measuredUntil: iso(measuredUntilMs),
    },
    term: contractTerm(contract, period),
    computedAt: computedAt.toISOString(),
  };
}

/**
 * The roll-up of a period that lies wholly outside the contract's term: no figures at all — no availability,
 * compliance, bonus/malus, cost lines or margin — and `term.coverage: 'none'` saying why (not 100 % and a bonus).
 */
export function noFiguresRollup(
  contract: RollupContract & { readonly availabilityBasis: string },
  period: KpiPeriod,
  computedAt: Date,
): KpiRollupPayload {
  const meta = { ...rollupMeta(contract, period, period.fromMs, computedAt), notes: [] };
  return {
    kpis: {
      ...meta,
      availability: {
        basis: contract.availabilityBasis,
        method: '',
        contract: { assets: 0, basisMinutes: '0', downtimeMinutes: '0', availability: null, availabilityPercent: null },
        classes: [],
        assets: [],
      },
      slaCompliance: { method: '', cells: [], overall: { met: 0, breached: 0, compliance: null } },
      bonusMalus: { kpiValues: {}, skipped: [], result: null },
    },
    costs: {
      ...meta,
      periodFraction: '0',
      lines: [],
      total: '0.00',
      serviceReports: [],
      effort: null,
      margin: null,
      marginPercent: null,
      loss: null,
    },
  };
}

/** KPIs, bonus/malus and cost of one contract and period with their derivation. */
export function computeRollup(input: RollupInput): KpiRollupPayload {
  const { contract, period } = input;
  const notes = [...input.notes];
  const measuredUntil = Math.max(period.fromMs, Math.min(period.toMs, input.asOfMs));
  const window = { fromMs: period.fromMs, toMs: period.toMs };

  // ── availability, MTTR, MTBF per asset ───────────────────────────────────────────────────────
  const ticketsByAsset = new Map<string, (DowntimeTicket & { number: string })[]>();
  const numberOf = new Map<string, string>();
  for (const t of input.downtimeTickets) {
    numberOf.set(t.ticketId, t.number);
    let list = ticketsByAsset.get(t.assetId);
    if (list === undefined) {
      list = [];
      ticketsByAsset.set(t.assetId, list);
    }
    list.push(t);
  }
  const numbers = (ids: readonly string[]): string[] => ids.map((id) => numberOf.get(id) ?? id);
  const windowsByAsset = new Map<string, RollupInput['maintenanceWindows'][number][]>();
  for (const w of input.maintenanceWindows) {
    const list = windowsByAsset.get(w.assetId);
    if (list === undefined) windowsByAsset.set(w.assetId, [w]);
    else list.push(w);
  }
  const measured = { fromMs: period.fromMs, toMs: measuredUntil };
  const perClass = new Map<string, { avail: AssetAvailability[]; rel: Reliability[] }>();
  const allAvail: AssetAvailability[] = [];
  const assets: AssetKpiView[] = [];
  for (const asset of input.assets) {
    const tickets = ticketsByAsset.get(asset.id) ?? [];
    const basis = input.basisBySite.get(asset.siteId);
    const windows = windowsByAsset.get(asset.id) ?? [];
    const availabilityInput = {
      assetId: asset.id,
      period: window,
      asOfMs: input.asOfMs,
      tickets,
      ...(basis === undefined ? {} : { basis }),
    };
    const a = computeAssetAvailability({ ...availabilityInput, maintenanceWindows: windows });
    // Planned maintenance (EN 13306): each window's minutes left the required time; the downtime inside
    // the windows (the gross downtime before they were cut out) is what they took out of the downtime.
    let exclusion: Pick<AssetKpiView, 'maintenance' | 'excludedDowntimeMinutes'> = {};
    if (windows.length > 0) {
      const gross = downtimeIntervals(availabilityInput);
      const maintenance = windows.flatMap((w) => {
        const fromMs = Math.max(w.fromMs, measured.fromMs);
        const toMs = Math.min(w.toMs, measured.toMs);
        if (toMs <= fromMs) return [];
        const clipped = { fromMs, toMs };
        return [
          {
            windowId: w.id,
            from: iso(fromMs),
            to: iso(toMs),
            reason: w.reason,
            minutes: msToMinutes(overlapMs([clipped], clipped, basis)),
            downtimeMinutes: msToMinutes(overlapMs(gross, clipped, basis)),
          },
        ];
      });
      const grossMs = gross.reduce((sum, iv) => sum + overlapMs([iv], iv, basis), 0);
      exclusion = { maintenance, excludedDowntimeMinutes: msToMinutes(grossMs - a.downtimeMs) };
    }
    const r = computeReliability({ period: window, tickets, uptimeMs: a.basisMs - a.downtimeMs });
    allAvail.push(a);
    let bucket = perClass.get(asset.assetClass);
    if (bucket === undefined) {
      bucket = { avail: [], rel: [] };
      perClass.set(asset.assetClass, bucket);
    }
    bucket.avail.push(a);
    bucket.rel.push(r);
    const target = contract.availabilityTargets[asset.assetClass];
    assets.push({
      assetId: asset.id,
      code: asset.code,
      assetClass: asset.assetClass,
      basisMinutes: a.basisMinutes,
      downtimeMinutes: a.downtimeMinutes,
      availability: a.availability,
      availabilityPercent: percent(a.availability),
      ...(target === undefined
        ? {}
        : { target, ...(a.availability === null ? {} : { targetMet: new Dec(a.availability).gte(target) }) }),
      downtime: a.intervals.map((iv) => ({
        from: iso(iv.fromMs),
        to: iso(iv.toMs),
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
  const classes: ClassKpiView[] = [...perClass.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([assetClass, bucket]) => {
      const roll = rollUpAvailability(bucket.avail, contract.availabilityTargets[assetClass]);
      const rel = rollUpReliability(bucket.rel);
      return {
        assetClass,
        ...roll,
        availabilityPercent: percent(roll.availability),
        mttrMinutes: rel.mttrMinutes,
        mtbfMinutes: rel.mtbfMinutes,
        repairs: rel.repairs,
        failures: rel.failures,
      };
    });
  for (const cls of Object.keys(contract.availabilityTargets)) {
    if (!perClass.has(cls)) {
      notes.push(`Verfügbarkeitsziel für Klasse ${cls}, aber keine Anlage dieser Klasse im Vertrag`);
    }
  }
  const contractRoll = rollUpAvailability(allAvail);

  // ── SLA compliance ─────────────────────────────────────────────────────────────────────────
  const sla = computeSlaCompliance(input.slaClocks);
  const clockNumber = new Map(input.slaClocks.map((c) => [c.ticketId, c.number]));

  // ── bonus/malus ────────────────────────────────────────────────────────────────────────────
  const kpiValues: Record<string, DecimalString> = {};
  const skipped: { kpi: string; reason: string }[] = [];
  let bonusMalus: BonusMalusResult | null = null;
  const fraction = periodFraction(period.fromDate, period.toDate);
  const rules = contract.bonusMalus;
  if (rules === null) {
    notes.push('Der Vertrag hat keine Bonus/Malus-Regeln');
  } else {
    for (const k of rules.kpis) {
      const m = AVAILABILITY_KPI.exec(k.kpi);
      if (m !== null) {
        const cls = (m[1] ?? '').toUpperCase();
        const roll = classes.find((c) => c.assetClass === cls);
        if (roll?.availabilityPercent) kpiValues[k.kpi] = roll.availabilityPercent;
        else {
          skipped.push({
            kpi: k.kpi,
            reason: `keine Verfügbarkeit der Klasse ${cls} im Zeitraum (keine Anlage oder keine Sollzeit)`,
          });
        }
      } else if (k.kpi === 'sla-compliance' && sla.overall.compliance !== null) {
        kpiValues[k.kpi] = shareToPercent(sla.overall.compliance);
      } else if (k.kpi.startsWith('inspection')) {
        skipped.push({ kpi: k.kpi, reason: 'keine Daten: Wartungs- und Prüfpläne werden noch nicht geführt' });
      } else if (k.kpi.startsWith('energy')) {
        skipped.push({ kpi: k.kpi, reason: 'nicht gemessen: Energieverbräuche werden nicht erfasst' });
      } else {
        skipped.push({ kpi: k.kpi, reason: 'keine Datenquelle für diese Kennzahl' });
      }
    }
    const usable = { ...rules, kpis: rules.kpis.filter((k) => kpiValues[k.kpi] !== undefined) };
    // Period volume = annual volume × period fraction (rounded to cents inside computeBonusMalus).
    bonusMalus = computeBonusMalus({
      rules: usable,
      annualVolume: contract.annualVolume,
      periodFraction: fraction,
      kpiValues,
    });
    for (const s of skipped) notes.push(`Bonus/Malus ohne „${s.kpi}“: ${s.reason}`);
  }

  // ── cost and margin ────────────────────────────────────────────────────────────────────────
  const serviceReports: ServiceReportCostView[] = [];
  const priced: ServiceReportPricing[] = [];
  if (input.billable.length > 0 && input.priceList === null) {
    notes.push(
      `${input.billable.length} Ticket(s) außerhalb des Umfangs, aber ${input.priceListProblem ?? 'keine Preisliste am Vertrag'}: nicht bepreist`,
    );
  }
  if (input.priceList !== null) {
    for (const b of input.billable) {
      const materials: MaterialUse[] = [];
      const partnerInvoices: { description: string; net: MoneyString }[] = [];
      const passThroughCosts: { description: string; net: MoneyString }[] = [];
      for (const m of b.materials) {
        if (m.kind === 'material') {
          materials.push({
            description: m.description,
            netUnitPrice: m.netUnitPrice,
            quantity: m.quantity,
            unit: m.unit,
          });
        } else {
          const net = toDecimalString(new Dec(m.netUnitPrice).times(m.quantity).toDecimalPlaces(2, Dec.ROUND_HALF_UP));
          (m.kind === 'partner' ? partnerInvoices : passThroughCosts).push({ description: m.description, net });
        }
      }
      try {
        const p = priceServiceReport(
          {
            orderId: b.number,
            work: b.work,
            materials,
            partnerInvoices,
            passThroughCosts,
            flags: { emergency: false, underMaintenanceContract: true, inScope: false },
          },
          input.priceList,
          b.site,
        );
        priced.push(p);
        serviceReports.push({
          ticketId: b.ticketId,
          ticket: b.number,
          net: p.net,
          billable: p.billable,
          lines: p.lines.map((l) => ({ key: l.key, amount: l.amount, explanation: l.explanation })),
        });
      } catch (error) {
        serviceReports.push({
          ticketId: b.ticketId,
          ticket: b.number,
          net: '0.00',
          billable: false,
          lines: [],
          error: error instanceof Error ? error.message : String(error),
        });
        notes.push(`Ticket ${b.number}: Leistungsnachweis nicht bepreisbar`);
      }
    }
  }
  const calculation: ContractCalculation = {
    schemaVersion: 1,
    id: contract.id,
    name: contract.name,
    currency: 'EUR',
    assetGroups: [],
    variants: [
      {
        id: 'contract',
        label: 'Vertragsvolumen',
        volumeBasis: 'computed',
        lineItems: [
          { kind: 'lumpSum', id: 'annual-volume', label: 'Jahresvolumen', amount: contract.annualVolume, per: 'year' },
        ],
      },
    ],
    ...(contract.internalCostRates === undefined ? {} : { internalCostRates: contract.internalCostRates }),
  };
  let effort: PeriodEffort | undefined;
  const rates = contract.internalCostRates ?? [];
  if (rates.length === 0) {
    notes.push('Keine internen Kostensätze im Vertrag (economics.internalCostRates): keine Marge');
  } else {
    const hours: { rateId: string; hours: DecimalString }[] = [];
    const byRate = new Map<string, number>();
    for (const [role, ms] of input.effort.msByRole) {
      const rate = rates.find((r) => r.id === role) ?? rates[0];
      if (rate !== undefined) byRate.set(rate.id, (byRate.get(rate.id) ?? 0) + ms);
    }
    for (const [rateId, ms] of byRate) {
      hours.push({ rateId, hours: toDecimalString(new Dec(ms).div(3_600_000).toDecimalPlaces(6, Dec.ROUND_HALF_UP)) });
    }
    effort = {
      hours,
      materials: new Dec(input.effort.materialCost).isZero()
        ? []
        : [{ label: 'Material (Einstandspreis)', cost: input.effort.materialCost }],
    };
  }
  const cost = computePeriodCost({
    calculation,
    variantId: 'contract',
    period: { from: period.fromDate, to: period.toDate },
    serviceReports: priced,
    ...(bonusMalus === null ? {} : { bonusMalus: bonusMalus.amount }),
    ...(effort === undefined ? {} : { effort }),
  });
  notes.push('Prüfungen (Inspektionen) werden noch nicht geführt: keine Inspektionskosten');

  const meta = { ...rollupMeta(contract, period, measuredUntil, input.computedAt), notes };
  const kpis: KpiView = {
    ...meta,
    availability: {
      basis: contract.availabilityBasis,
      method:
        'Verfügbarkeit = 1 − Ausfallzeit / Sollzeit; Ausfallzeit = Vereinigung [Störungsbeginn, Wiederherstellung) der Tickets mit Anlagenausfall im Vertragsumfang, auf den Zeitraum beschnitten, Überlappungen einmal gezählt, geplante Wartung ausgenommen; Sollzeit = Zeitraum auf der Vertragsbasis (24/7 oder Servicezeiten) abzüglich geplanter Wartungsfenster (EN 13306). Klassen- und Vertragswerte zeitgewichtet (1 − Σ Ausfall / Σ Sollzeit). MTTR nach Wiederherstellung im Zeitraum, MTBF = Betriebszeit / Ausfälle mit Beginn im Zeitraum.',
      contract: { ...contractRoll, availabilityPercent: percent(contractRoll.availability) },
      classes,
      assets,
    },
    slaCompliance: {
      method:
        'Einhaltung = eingehalten / (eingehalten + verletzt) je Priorität und Uhr; Uhren, die im Zeitraum endeten',
      cells: sla.cells.map((c) => ({
        ...c,
        breachedTickets: c.breachedTicketIds.map((id) => clockNumber.get(id) ?? id),
      })),
      overall: sla.overall,
    },
    bonusMalus: { kpiValues, skipped, result: bonusMalus },
  };
  const costs: CostView = {
    ...meta,
    notes,
    periodFraction: cost.periodFraction,
    lines: cost.lines,
    total: cost.total,
    serviceReports,
    effort: cost.effort ?? null,
    margin: cost.margin ?? null,
    marginPercent: cost.marginPercent ?? null,
    loss: cost.loss ?? null,
  };
  return { kpis, costs };
}
