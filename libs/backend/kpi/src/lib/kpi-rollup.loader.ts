import { DateTime } from 'luxon';
import type { DataSource } from 'typeorm';
import { ContractEntity, calendarsForSite } from '@leitstand/backend/data-access';
import {
  isKpiPeriodClosed,
  parseKpiPeriod,
  parsePriceList,
  type BasisMeasure,
  type BilledOccurrence,
  type BonusMalusRules,
  type ComplianceInput,
  type ComplianceResult,
  type ContractCalculation,
  type KpiPeriod,
  type PriceList,
  type ServiceReportChoices,
  type TicketMaterialKind,
} from '@leitstand/domain';
import type { RollupInput } from './kpi-rollup.calculator';

/** The basis key of round-the-clock availability (contracts.availability_basis). */
export const WALL_CLOCK_BASIS = '24-7';
const DEFAULT_ZONE = 'Europe/Berlin';

interface SiteRow {
  id: string;
  timezone: string;
  state: string;
}

/** The zone a contract's periods are read in: its first site's (by name), Europe/Berlin without sites. */
export function contractZone(sites: readonly SiteRow[]): string {
  return sites[0]?.timezone ?? DEFAULT_ZONE;
}

export async function loadContractSites(ds: DataSource, contractId: string): Promise<SiteRow[]> {
  return (await ds.query(
    `SELECT s.id, s.timezone, s.state FROM contract_sites cs JOIN sites s ON s.id = cs.site_id
      WHERE cs.contract_id = $1 ORDER BY s.name, s.id`,
    [contractId],
  )) as SiteRow[];
}

/** An out-of-scope ticket billed in the span, with its site's travel figures and its report's choices (null: none stored). */
interface BillableRow {
  id: string;
  number: string;
  timezone: string;
  state: string;
  distanceKm: string | null;
  travelZone: string | null;
  billedMs: number;
  smallMaterial: boolean | null;
  emergency: boolean | null;
  workType: ServiceReportChoices['workType'] | null;
  travelMethod: ServiceReportChoices['travelMethod'];
  catalogItems: ServiceReportChoices['catalogItems'] | null;
  discounts: string[] | null;
}

/** A maintenance window as loaded: epoch ms of [starts_at, ends_at). */
export interface MaintenanceWindowRow {
  readonly id: string;
  readonly assetId: string;
  readonly reason: string;
  readonly fromMs: number;
  readonly toMs: number;
}

/**
 * The windows clipped to the period [fromMs, toMs), by start; windows outside it (or empty after
 * clipping) are dropped. The domain clips again to the measured part of a running period.
 */
export function clipMaintenanceWindows(
  rows: readonly MaintenanceWindowRow[],
  period: { readonly fromMs: number; readonly toMs: number },
): RollupInput['maintenanceWindows'] {
  return rows
    .map((r) => ({ ...r, fromMs: Math.max(r.fromMs, period.fromMs), toMs: Math.min(r.toMs, period.toMs) }))
    .filter((r) => r.toMs > r.fromMs)
    .sort((a, b) => a.fromMs - b.fromMs || a.toMs - b.toMs || a.id.localeCompare(b.id));
}

/** A row that belongs to a period when its instant lies in [fromMs, toMs). */
function within(ms: number | null, period: KpiPeriod): boolean {
  return ms !== null && ms >= period.fromMs && ms < period.toMs;
}

/**
 * Loads everything a roll-up of `contract` in `periodKey` needs (see loadRollupInputs).
 */
export async function loadRollupInput(
  ds: DataSource,
  contract: ContractEntity,
  periodKey: string,
  now: Date,
): Promise<{ input: RollupInput; period: KpiPeriod }> {
  const [loaded] = await loadRollupInputs(ds, contract, [periodKey], now);
  if (loaded === undefined) throw new Error(`no roll-up input for ${periodKey}`);
  return loaded;
}

/**
 * Loads everything the roll-ups of `contract` in `periodKeys` need with one set-based query per table over
 * the span of all the periods (assets, downtime tickets, maintenance windows, SLA clocks, out-of-scope work
 * and materials, effort), then hands each period its rows. A full recompute (12 months of a contract with
 * 1,000 assets and 50,000 tickets) reads each table once instead of once per month.
 */
export async function loadRollupInputs(
  ds: DataSource,
  contract: ContractEntity,
  periodKeys: readonly string[],
  now: Date,
): Promise<{ input: RollupInput; period: KpiPeriod }[]> {
  if (periodKeys.length === 0) return [];
  const notes: string[] = [];
  const sites = await loadContractSites(ds, contract.id);
  if (sites.length === 0) notes.push('Der Vertrag deckt keinen Standort ab');
  const zone = contractZone(sites);
  if (new Set(sites.map((s) => s.timezone)).size > 1) {
    notes.push(`Standorte in mehreren Zeitzonen: Zeitraum in ${zone} (erster Standort)`);
  }
  const periods = periodKeys.map((key) => parseKpiPeriod(key, zone));
  const from = new Date(Math.min(...periods.map((p) => p.fromMs)));
  const to = new Date(Math.max(...periods.map((p) => p.toMs)));

  const basisBySite = new Map<string, BasisMeasure | undefined>();
  for (const site of sites) {
    if (contract.availabilityBasis === WALL_CLOCK_BASIS) {
      basisBySite.set(site.id, undefined);
      continue;
    }
    const calendar = calendarsForSite(contract, site)[contract.availabilityBasis];
    if (calendar === undefined) {
      notes.push(`Verfügbarkeitsbasis „${contract.availabilityBasis}“ ist kein Kalender des Vertrags: 24/7 verwendet`);
      basisBySite.set(site.id, undefined);
    } else {
      basisBySite.set(site.id, (a, b) => calendar.businessMsBetween(a, b));
    }
  }

  const assetsQ = ds.query(
    `SELECT a.id, a.code, a.asset_class AS "assetClass", a.site_id AS "siteId"
       FROM assets a JOIN contract_sites cs ON cs.site_id = a.site_id AND cs.contract_id = $1
      WHERE a.tenant_id = $2 AND a.in_contract
      ORDER BY a.asset_class, a.code, a.id`,
    [contract.id, contract.tenantId],
  ) as Promise<RollupInput['assets']>;

  // Downtime: in-scope tickets that took an asset down and overlap the span, or were restored in it.
  // A ticket closed without a restore instant ends its downtime at the close.
  const downtimeQ = ds.query(
    `SELECT t.id AS "ticketId", t.number, t.asset_id AS "assetId",
            (extract(epoch FROM t.fault_began_at) * 1000)::float8 AS "faultBeganMs",
            (extract(epoch FROM COALESCE(t.restored_at, t.closed_at)) * 1000)::float8 AS "restoredMs"
       FROM tickets t
      WHERE t.contract_id = $1 AND t.tenant_id = $2 AND t.asset_down AND t.in_scope AND t.asset_id IS NOT NULL
        AND t.fault_began_at < $4
        AND (COALESCE(t.restored_at, t.closed_at) IS NULL OR COALESCE(t.restored_at, t.closed_at) >= $3)`,
    [contract.id, contract.tenantId, from, to],
  ) as Promise<RollupInput['downtimeTickets']>;

  // Planned maintenance windows of the contract's assets that overlap the span (clipped per period below).
  const maintenanceQ = ds.query(
    `SELECT w.id, w.asset_id AS "assetId", w.reason,
            (extract(epoch FROM w.starts_at) * 1000)::float8 AS "fromMs",
            (extract(epoch FROM w.ends_at) * 1000)::float8 AS "toMs"
       FROM maintenance_windows w
       JOIN assets a ON a.id = w.asset_id AND a.in_contract
       JOIN contract_sites cs ON cs.site_id = a.site_id AND cs.contract_id = $1
      WHERE w.tenant_id = $2 AND w.starts_at < $4 AND w.ends_at > $3
      ORDER BY w.starts_at, w.id`,
    [contract.id, contract.tenantId, from, to],
  ) as Promise<MaintenanceWindowRow[]>;

  // SLA clocks decided in the span (stopped, or a breached clock's deadline when it still runs).
  const slaQ = ds.query(
    `SELECT c.ticket_id AS "ticketId", t.number, c.priority, c.clock, c.state,
            (extract(epoch FROM COALESCE(c.stopped_at, c.deadline)) * 1000)::float8 AS "decidedMs"
       FROM ticket_sla_clocks c JOIN tickets t ON t.id = c.ticket_id
      WHERE t.contract_id = $1 AND c.tenant_id = $2 AND c.state IN ('met', 'breached')
        AND COALESCE(c.stopped_at, c.deadline) >= $3 AND COALESCE(c.stopped_at, c.deadline) < $4`,
    [contract.id, contract.tenantId, from, to],
  ) as Promise<(RollupInput['slaClocks'][number] & { decidedMs: number })[]>;

  // Out-of-scope tickets billed in the span: restored (else closed) in it; all their work and materials.
  const billableQ = ds.query(
    `SELECT t.id, t.number, s.timezone, s.state, s.distance_km::text AS "distanceKm", s.travel_zone AS "travelZone",
            (extract(epoch FROM COALESCE(t.restored_at, t.closed_at)) * 1000)::float8 AS "billedMs",
            r.small_material AS "smallMaterial", r.emergency, r.work_type AS "workType", r.travel_method AS "travelMethod",
            r.catalog_items AS "catalogItems", r.discounts
       FROM tickets t JOIN sites s ON s.id = t.site_id
       LEFT JOIN service_reports r ON r.ticket_id = t.id
      WHERE t.contract_id = $1 AND t.tenant_id = $2 AND NOT t.in_scope
        AND COALESCE(t.restored_at, t.closed_at) >= $3 AND COALESCE(t.restored_at, t.closed_at) < $4
      ORDER BY t.number`,
    [contract.id, contract.tenantId, from, to],
  ) as Promise<BillableRow[]>;
  // Effort per period: every work log of the contract's tickets that started in it, and the material cost.
  const spans = [periodKeys, periods.map((p) => new Date(p.fromMs)), periods.map((p) => new Date(p.toMs))];
  const effortQ = ds.query(
    `SELECT p.key, w.role, sum(extract(epoch FROM w.ended_at - w.started_at) * 1000)::float8 AS ms
       FROM unnest($3::text[], $4::timestamptz[], $5::timestamptz[]) AS p(key, from_at, to_at)
       JOIN work_logs w ON w.started_at >= p.from_at AND w.started_at < p.to_at AND w.tenant_id = $2
       JOIN tickets t ON t.id = w.ticket_id AND t.contract_id = $1
      GROUP BY p.key, w.role ORDER BY p.key, w.role`,
    [contract.id, contract.tenantId, ...spans],
  ) as Promise<{ key: string; role: string; ms: number }[]>;
  const materialQ = ds.query(
    `SELECT p.key, sum(round(m.net_unit_price * m.quantity, 2))::numeric(14,2)::text AS cost
       FROM unnest($3::text[], $4::timestamptz[], $5::timestamptz[]) AS p(key, from_at, to_at)
       JOIN ticket_materials m ON m.created_at >= p.from_at AND m.created_at < p.to_at AND m.tenant_id = $2
       JOIN tickets t ON t.id = m.ticket_id AND t.contract_id = $1
      GROUP BY p.key`,
    [contract.id, contract.tenantId, ...spans],
  ) as Promise<{ key: string; cost: string }[]>;
  // Maintenance and inspection plans (issue 15): the requirements, the occurrences due in the span (target date,
  // a local date, in [first period start, last period end)), the billed ones completed in it, and the assets an
  // approved body inspects (for the inspection bands of the contract calculation).
  const spanFrom = periods.reduce((a, p) => (p.fromDate < a ? p.fromDate : a), periods[0]?.fromDate ?? '');
  const spanTo = periods.reduce((a, p) => (p.toDate > a ? p.toDate : a), periods[0]?.toDate ?? '');
  const requirementsQ = ds.query(
    `SELECT count(*)::int AS n,
            (SELECT count(DISTINCT o.asset_id)::int FROM maintenance_occurrences o
               JOIN maintenance_requirements q ON q.id = o.requirement_id AND q.performer = 'approved-body'
              WHERE o.contract_id = $1 AND o.tenant_id = $2) AS inspected
       FROM maintenance_requirements r WHERE r.contract_id = $1 AND r.tenant_id = $2`,
    [contract.id, contract.tenantId],
  ) as Promise<{ n: number; inspected: number }[]>;
  const occurrencesQ = ds.query(
    `SELECT o.id AS "occurrenceId", o.trade, o.target_date::text AS "targetDate", o.on_time_limit::text AS "onTimeLimit",
            o.legal_latest::text AS "legalLatest", o.completed_on::text AS "completedOn",
            o.evidence_accepted AS "evidenceAccepted", o.status = 'cancelled' AS cancelled
       FROM maintenance_occurrences o
      WHERE o.contract_id = $1 AND o.tenant_id = $2 AND o.target_date >= $3::date AND o.target_date < $4::date
      ORDER BY o.target_date, o.id`,
    [contract.id, contract.tenantId, spanFrom, spanTo],
  ) as Promise<(Omit<ComplianceInput, 'completedOn'> & { completedOn: string | null })[]>;
  const billedOccurrencesQ = ds.query(
    `SELECT o.id AS "occurrenceId", o.requirement_id AS "requirementId", r.title, o.kind, a.code AS "assetCode",
            o.completed_on::text AS "completedOn", r.fee::text AS fee
       FROM maintenance_occurrences o
       JOIN maintenance_requirements r ON r.id = o.requirement_id
       LEFT JOIN assets a ON a.id = o.asset_id
      WHERE o.contract_id = $1 AND o.tenant_id = $2 AND r.fee IS NOT NULL AND o.status <> 'cancelled'
        AND o.completed_on >= $3::date AND o.completed_on < $4::date
      ORDER BY o.completed_on, o.id`,
    [contract.id, contract.tenantId, spanFrom, spanTo],
  ) as Promise<BilledOccurrence[]>;
  const [assets, downtimeTickets, maintenanceRows, slaClocks, billableRows, effortRows, materialRows] =
    await Promise.all([assetsQ, downtimeQ, maintenanceQ, slaQ, billableQ, effortQ, materialQ]);
  // Quarters and years sum their months; a frozen month counts as it was frozen.
  const monthsOfAggregates = periods
    .filter((p) => p.kind !== 'month')
    .flatMap((p) => {
      const keys: string[] = [];
      for (
        let m = DateTime.fromISO(p.fromDate, { zone: 'UTC' });
        (m.toISODate() ?? '') < p.toDate;
        m = m.plus({ months: 1 })
      ) {
        keys.push(m.toFormat('yyyy-MM'));
      }
      return keys;
    });
  const frozenMonthsQ =
    monthsOfAggregates.length === 0
      ? Promise.resolve([])
      : (ds.query(
          `SELECT period, payload -> 'kpis' -> 'maintenanceCompliance' AS compliance FROM kpi_rollups
            WHERE contract_id = $1 AND frozen_at IS NOT NULL AND period = ANY($2::text[])`,
          [contract.id, [...new Set(monthsOfAggregates)]],
        ) as Promise<{ period: string; compliance: ComplianceResult | null }[]>);
  const [[requirementRow], occurrenceRows, billedRows, frozenRows] = await Promise.all([
    requirementsQ,
    occurrencesQ,
    billedOccurrencesQ,
    frozenMonthsQ,
  ]);
  const frozenMonths = new Map(
    frozenRows.map((r) => [
      r.period,
      r.compliance === null || r.compliance === undefined
        ? null
        : { total: r.compliance.total, byTrade: r.compliance.byTrade },
    ]),
  );
  const billableIds = billableRows.map((b) => b.id);
  const work =
    billableIds.length === 0
      ? []
      : ((await ds.query(
          `SELECT ticket_id AS "ticketId", worker_id AS "workerId", role, kind, started_at AS "startedAt", ended_at AS "endedAt"
       FROM work_logs WHERE ticket_id = ANY($1::uuid[]) ORDER BY started_at, id`,
          [billableIds],
        )) as { ticketId: string; workerId: string; role: string; kind: string; startedAt: Date; endedAt: Date }[]);
  const materials =
    billableIds.length === 0
      ? []
      : ((await ds.query(
          `SELECT ticket_id AS "ticketId", kind, description, net_unit_price AS "netUnitPrice", quantity::text AS quantity, unit
       FROM ticket_materials WHERE ticket_id = ANY($1::uuid[]) ORDER BY created_at, id`,
          [billableIds],
        )) as {
          ticketId: string;
          kind: TicketMaterialKind;
          description: string;
          netUnitPrice: string;
          quantity: string;
          unit: string;
        }[]);
  const group = <T extends { ticketId: string }>(rows: readonly T[]): Map<string, T[]> => {
    const map = new Map<string, T[]>();
    for (const r of rows) {
      const list = map.get(r.ticketId);
      if (list === undefined) map.set(r.ticketId, [r]);
      else list.push(r);
    }
    return map;
  };
  const workByTicket = group(work);
  const materialsByTicket = group(materials);
  const billableAll = billableRows.map((b) => ({
    billedMs: b.billedMs,
    ticket: {
      ticketId: b.id,
      number: b.number,
      site: { timeZone: b.timezone, holidayRegion: b.state, distanceKm: b.distanceKm, travelZone: b.travelZone },
      ...(b.smallMaterial === null
        ? {}
        : {
            choices: {
              smallMaterial: b.smallMaterial,
              emergency: b.emergency ?? false,
              workType: b.workType ?? 'repair',
              travelMethod: b.travelMethod,
              catalogItems: b.catalogItems ?? [],
              discounts: b.discounts ?? [],
            },
          }),
      work: (workByTicket.get(b.id) ?? []).map((w) => ({
        workerId: w.workerId,
        roleId: w.role,
        kind: w.kind === 'travel' ? ('travel' as const) : ('on-site' as const),
        start: w.startedAt.toISOString(),
        end: w.endedAt.toISOString(),
      })),
      materials: (materialsByTicket.get(b.id) ?? []).map((m) => ({
        kind: m.kind,
        description: m.description,
        netUnitPrice: m.netUnitPrice,
        quantity: m.quantity.replace(/\.?0+$/, '') || '0',
        unit: m.unit,
      })),
    },
  }));

  let priceList: PriceList | null = null;
  let priceListProblem: string | undefined;
  if (contract.priceListId !== null) {
    const [row] = (await ds.query(`SELECT data FROM price_lists WHERE id = $1`, [contract.priceListId])) as {
      data: unknown;
    }[];
    try {
      priceList = row === undefined ? null : parsePriceList(row.data);
      if (row === undefined) priceListProblem = 'die Preisliste des Vertrags fehlt';
    } catch (error) {
      priceListProblem = `die Preisliste ist ungültig (${error instanceof Error ? error.message.split('\n')[0] : 'unbekannt'})`;
    }
  }

  const economics = contract.economics as Partial<ContractCalculation> | null;
  const contractInput: RollupInput['contract'] = {
    id: contract.id,
    name: contract.name,
    tenantId: contract.tenantId,
    startsOn: contract.startsOn,
    endsOn: contract.endsOn,
    annualVolume: contract.annualVolume,
    availabilityTargets: contract.availabilityTargets ?? {},
    availabilityBasis: contract.availabilityBasis,
    bonusMalus: contract.bonusMalus as BonusMalusRules | null,
    internalCostRates: Array.isArray(economics?.internalCostRates) ? economics.internalCostRates : undefined,
    inspectionBands:
      Array.isArray(economics?.inspectionBands) && Array.isArray(economics.assetGroups)
        ? { inspectionBands: economics.inspectionBands, assetGroups: economics.assetGroups }
        : null,
  };
  const occurrences: ComplianceInput[] = occurrenceRows.map(({ completedOn, ...o }) =>
    completedOn === null ? o : { ...o, completedOn },
  );
  return periods.map((period, i) => {
    const key = periodKeys[i] as string;
    const maintenanceWindows = clipMaintenanceWindows(maintenanceRows, period);
    const periodNotes = [...notes];
    if (maintenanceWindows.length > 0) {
      periodNotes.push(
        `${maintenanceWindows.length} geplante(s) Wartungsfenster im Zeitraum: aus Sollzeit und Ausfallzeit ausgenommen (EN 13306)`,
      );
    }
    return {
      period,
      input: {
        contract: contractInput,
        period,
        asOfMs: now.getTime(),
        computedAt: now,
        assets,
        basisBySite,
        downtimeTickets:
          periods.length === 1
            ? downtimeTickets
            : downtimeTickets.filter(
                (t) => t.faultBeganMs < period.toMs && (t.restoredMs === null || t.restoredMs >= period.fromMs),
              ),
        maintenanceWindows,
        slaClocks: slaClocks
          .filter((c) => within(c.decidedMs, period))
          .map((c) => ({
            ticketId: c.ticketId,
            number: c.number,
            priority: c.priority,
            clock: c.clock,
            state: c.state,
          })),
        billable: billableAll.filter((b) => within(b.billedMs, period)).map((b) => b.ticket),
        priceList,
        ...(priceListProblem === undefined ? {} : { priceListProblem }),
        effort: {
          msByRole: new Map(effortRows.filter((r) => r.key === key).map((r) => [r.role, r.ms])),
          materialCost: materialRows.find((r) => r.key === key)?.cost ?? '0.00',
        },
        maintenance: {
          requirements: requirementRow?.n ?? 0,
          occurrences:
            periods.length === 1
              ? occurrences
              : occurrences.filter((o) => o.targetDate >= period.fromDate && o.targetDate < period.toDate),
          billed: billedRows.filter((b) => b.completedOn >= period.fromDate && b.completedOn < period.toDate),
          inspectedAssets: requirementRow?.inspected ?? 0,
          frozenMonths:
            period.kind === 'month'
              ? new Map()
              : new Map(
                  [...frozenMonths].filter(
                    ([key]) => key >= period.fromDate.slice(0, 7) && key < period.toDate.slice(0, 7),
                  ),
                ),
        },
        frozenAt: isKpiPeriodClosed(period, now.getTime()) ? now : null,
        notes: periodNotes,
      },
    };
  });
}

export async function findContract(ds: DataSource, id: string): Promise<ContractEntity | null> {
  return ds.getRepository(ContractEntity).findOne({ where: { id } });
}
