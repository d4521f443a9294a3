import { DateTime } from 'luxon';
import {
  defaultLeadDays,
  findTask,
  occurrenceStatus,
  onTimeLimit,
  planOccurrences,
  type AnchorRule,
  type Cadence,
  type ChecklistResult,
  type GraceRule,
  type InspectionRecord,
  type IsoDate,
  type OccurrenceStatus,
  type PlannedOccurrence,
  type TaskDefinition,
} from '@leitstand/domain';
import type { DemoPlansFile, DemoRequirementSpec } from './demo-data.types';
import { DemoRandom } from './demo-random';

/**
 * The demo maintenance plans of one data set: the requirements of `demo/maintenance.json` resolved to the
 * tenants' contracts, sites and assets, and their occurrences planned by @leitstand/domain planOccurrences over
 * the history months and the generation horizon. The past ones are walked through their life — released,
 * started, completed with accepted evidence (checklist, and the §17 inspection record where the task needs one)
 * — most on time, a seeded share late (after the on-time limit, by the legal latest date) and exactly one missed;
 * statuses come from occurrenceStatus. Deterministic: the same seed instant gives the same rows.
 */

export interface PlanAsset {
  readonly id: string;
  readonly code: string;
  readonly trade: string;
  readonly assetClass: string;
  readonly siteId: string;
}

export interface PlanSite {
  readonly id: string;
  readonly name: string;
  readonly state: string;
  readonly timezone: string;
}

export interface PlanContract {
  readonly id: string;
  readonly startsOn: IsoDate;
  readonly endsOn: IsoDate | null;
  readonly siteIds: readonly string[];
  /** The contract's SMRP on-time rule (economics.maintenance.grace), 'none' without one. */
  readonly grace: GraceRule;
}

export interface PlanTenant {
  readonly slug: string;
  readonly tenantId: string;
  readonly sites: readonly PlanSite[];
  readonly assets: readonly PlanAsset[];
  readonly contracts: readonly PlanContract[];
  readonly technicianIds: readonly string[];
  /** Site id → working-day rule (weekends and the public holidays of the site's state). */
  readonly isWorkingDay: (siteId: string) => (d: IsoDate) => boolean;
}

export interface GeneratedRequirement {
  readonly id: string;
  readonly tenantId: string;
  readonly contractId: string;
  readonly task: TaskDefinition;
  readonly title: string;
  readonly siteId: string;
  readonly assetId: string | null;
  readonly trade: string | null;
  readonly cadence: Cadence;
  readonly anchor: AnchorRule;
  readonly leadDays: number;
  readonly fee: string | null;
}

export interface GeneratedOccurrenceEvent {
  readonly type: 'generated' | 'released' | 'started' | 'checklist' | 'completed' | 'overdue' | 'missed';
  readonly at: Date;
  readonly actorId: string | null;
  readonly payload: Record<string, unknown>;
  readonly dedupKey: string | null;
}

export interface GeneratedOccurrence {
  readonly id: string;
  readonly tenantId: string;
  readonly contractId: string;
  readonly siteId: string;
  readonly requirementId: string;
  readonly assetId: string;
  readonly trade: string;
  readonly plan: PlannedOccurrence;
  readonly onTimeLimit: IsoDate;
  readonly status: OccurrenceStatus;
  readonly releasedAt: Date | null;
  readonly technicianId: string | null;
  readonly startedAt: Date | null;
  readonly completedAt: Date | null;
  readonly completedOn: IsoDate | null;
  readonly checklist: ChecklistResult[] | null;
  readonly inspectionRecord: InspectionRecord | null;
  readonly evidenceAccepted: boolean;
  readonly events: GeneratedOccurrenceEvent[];
}

export interface GeneratedPlans {
  readonly requirements: GeneratedRequirement[];
  readonly occurrences: GeneratedOccurrence[];
}

/** Past occurrences whose target lies this many days before "today" or later stay open (due or overdue now). */
const OPEN_DAYS = 3;

function addDays(d: IsoDate, days: number): IsoDate {
  return DateTime.fromISO(d, { zone: 'UTC' }).plus({ days }).toISODate() ?? d;
}

/** A local wall-clock instant of date `d` in `zone`. */
function at(d: IsoDate, zone: string, hour: number, minute = 0): Date {
  return DateTime.fromISO(d, { zone }).set({ hour, minute }).toJSDate();
}

/**
 * The requirements of one entry: per asset (or the selection) and per contract of its site whose term overlaps
 * [from, to] — each contract has its own plan (an occurrence belongs to its requirement's contract).
 */
function requirementsOf(
  spec: DemoRequirementSpec,
  tenant: PlanTenant,
  window: { readonly from: IsoDate; readonly to: IsoDate },
  id: () => string,
): GeneratedRequirement[] {
  const task = findTask(spec.task);
  if (task === undefined) throw new Error(`demo maintenance: unknown task '${spec.task}'`);
  const cadence = spec.cadence ?? task.defaultCadence;
  const contractsFor = (siteId: string): PlanContract[] =>
    tenant.contracts.filter(
      (x) => x.siteIds.includes(siteId) && x.startsOn <= window.to && (x.endsOn === null || x.endsOn >= window.from),
    );
  const base = {
    tenantId: tenant.tenantId,
    task,
    title: spec.title ?? task.title.de,
    cadence,
    leadDays: defaultLeadDays(cadence),
    fee: spec.fee ?? null,
  };
  if (spec.selection !== undefined) {
    const site = tenant.sites.find((s) => s.name === spec.selection?.site);
    if (site === undefined || spec.start === undefined) {
      throw new Error(`demo maintenance: ${tenant.slug}/${spec.task}: selection needs a known site and a start`);
    }
    const start = spec.start;
    const trade = spec.selection.trade;
    return contractsFor(site.id).map((contract) => ({
      ...base,
      id: id(),
      contractId: contract.id,
      siteId: site.id,
      assetId: null,
      trade,
      anchor: { kind: 'fixed-grid', start },
    }));
  }
  return (spec.assets ?? []).flatMap((code) => {
    const asset = tenant.assets.find((a) => a.code === code);
    if (asset === undefined) throw new Error(`demo maintenance: ${tenant.slug}: unknown asset ${code}`);
    const lastTest = spec.lastTest?.[code];
    // statutory from the last main inspection when the entry names one, else the fixed grid from `start`
    let anchor: AnchorRule;
    if (lastTest !== undefined) {
      anchor = { kind: 'statutory', lastTest, intermediate: task.intermediate === true };
    } else {
      if (spec.start === undefined) throw new Error(`demo maintenance: ${tenant.slug}/${spec.task}: start`);
      anchor = { kind: 'fixed-grid', start: spec.start };
    }
    return contractsFor(asset.siteId).map((contract) => ({
      ...base,
      id: id(),
      contractId: contract.id,
      siteId: asset.siteId,
      assetId: asset.id,
      trade: null,
      anchor,
    }));
  });
}

function checklistOf(task: TaskDefinition, rng: DemoRandom): ChecklistResult[] {
  return task.checklist.map((item) => {
    if (item.kind !== 'value') return { key: item.key, outcome: 'pass' };
    const min = Number(item.limits?.min ?? '0');
    const max = Number(item.limits?.max ?? String(min + 500));
    return { key: item.key, outcome: 'pass', value: String(Math.round(min + (max - min) * rng.between(0.3, 0.8))) };
  });
}

/** Minor defects an inspector notes (BetrSichV §17 record: listed whenever the result is not 'no-defects'). */
const MINOR_DEFECTS = [
  'Beschilderung unvollständig, nachzurüsten innerhalb von 4 Wochen',
  'Prüfplakette erneuern',
  'Dokumentation der letzten Wartung unvollständig',
];

function inspectionRecordOf(
  task: TaskDefinition,
  plan: PlannedOccurrence,
  completedOn: IsoDate,
  rng: DemoRandom,
): InspectionRecord | null {
  if (!task.evidence.includes('inspection-record')) return null;
  const type =
    plan.kind === 'main' ? 'Hauptprüfung' : plan.kind === 'intermediate' ? 'Zwischenprüfung' : 'Wiederkehrende Prüfung';
  const body = task.performer === 'approved-body';
  const minor = rng.chance(0.2);
  return {
    date: completedOn,
    type,
    scope: task.title.de,
    result: minor ? 'minor-defects' : 'no-defects',
    defects: minor ? [rng.pick(MINOR_DEFECTS)] : [],
    inspector: rng.pick(['Dipl.-Ing. M. Kessler', 'Dipl.-Ing. S. Brandt', 'B. Eng. L. Yilmaz']),
    ...(body ? { body: 'TÜV SÜD Industrie Service GmbH (ZÜS)' } : {}),
  };
}

/**
 * Generates the plans of every tenant in `tenants` (those without plans yet) for the seed instant `now`:
 * requirements, occurrences over [history start, now + horizon] within each contract's term, and the past life
 * of each occurrence. `history start` = the first day of the month `file.months` months before now's month.
 */
export function generateDemoPlans(input: {
  readonly now: Date;
  readonly file: DemoPlansFile;
  readonly tenants: readonly PlanTenant[];
}): GeneratedPlans {
  const { now, file } = input;
  const rng = new DemoRandom(file.prngSeed ^ Math.floor(now.getTime() / 86_400_000));
  const requirements: GeneratedRequirement[] = [];
  const occurrences: GeneratedOccurrence[] = [];
  type Draft = { occurrence: Omit<GeneratedOccurrence, 'events' | 'status'>; requirement: GeneratedRequirement };
  const drafts: { tenant: PlanTenant; zone: string; today: IsoDate; items: Draft[] }[] = [];

  for (const tenant of input.tenants) {
    const zone = tenant.sites[0]?.timezone ?? 'Europe/Berlin';
    const local = DateTime.fromJSDate(now, { zone });
    const today = local.toISODate() ?? '';
    const historyFrom = local.startOf('month').minus({ months: file.months }).toISODate() ?? today;
    const horizonTo = local.plus({ months: file.horizonMonths }).toISODate() ?? today;
    const items: Draft[] = [];
    for (const spec of file.requirements.filter((r) => r.tenant === tenant.slug)) {
      for (const req of requirementsOf(spec, tenant, { from: historyFrom, to: horizonTo }, () => rng.uuid())) {
        requirements.push(req);
        const contract = tenant.contracts.find((c) => c.id === req.contractId) as PlanContract;
        const from = historyFrom > contract.startsOn ? historyFrom : contract.startsOn;
        const to = contract.endsOn !== null && contract.endsOn < horizonTo ? contract.endsOn : horizonTo;
        const assets =
          req.assetId !== null
            ? tenant.assets.filter((a) => a.id === req.assetId)
            : tenant.assets
                .filter((a) => a.siteId === req.siteId && a.trade === req.trade)
                .sort((a, b) => (a.code < b.code ? -1 : 1));
        const isWorkingDay = tenant.isWorkingDay(req.siteId);
        for (const asset of assets) {
          const plans = planOccurrences(
            { cadence: req.cadence, anchor: req.anchor, leadDays: req.leadDays, statutory: req.task.statutory },
            { from, to, isWorkingDay },
          );
          for (const plan of plans) {
            items.push({
              requirement: req,
              occurrence: {
                id: rng.uuid(),
                tenantId: tenant.tenantId,
                contractId: req.contractId,
                siteId: req.siteId,
                requirementId: req.id,
                assetId: asset.id,
                trade: asset.trade,
                plan,
                onTimeLimit: onTimeLimit(plan, req.cadence, contract.grace),
                releasedAt: null,
                technicianId: null,
                startedAt: null,
                completedAt: null,
                completedOn: null,
                checklist: null,
                inspectionRecord: null,
                evidenceAccepted: false,
              },
            });
          }
        }
      }
    }
    drafts.push({ tenant, zone, today, items });
  }

  // The one missed occurrence: drawn among the past ones of `missedTenant` due in the month `missedMonthsAgo` ago.
  const missed = new Set<string>();
  for (const d of drafts.filter((x) => x.tenant.slug === file.missedTenant)) {
    const month = DateTime.fromISO(d.today).minus({ months: file.missedMonthsAgo }).toFormat('yyyy-MM');
    const candidates = d.items
      .filter((i) => i.occurrence.plan.targetDate.startsWith(month) && i.occurrence.plan.legalLatest < d.today)
      .map((i) => i.occurrence.id)
      .sort();
    for (let n = 0; n < file.missed && candidates.length > 0; n++) {
      const pick = rng.pick(candidates);
      missed.add(pick);
      candidates.splice(candidates.indexOf(pick), 1);
    }
  }

  for (const { tenant, zone, today, items } of drafts) {
    const nowMs = now.getTime();
    for (const { occurrence: o, requirement: req } of items) {
      const p = o.plan;
      const events: GeneratedOccurrenceEvent[] = [];
      const generatedAt = DateTime.fromISO(p.workOrderFrom, { zone }).minus({ days: 7 }).set({ hour: 2 }).toJSDate();
      events.push({
        type: 'generated',
        at: new Date(Math.min(generatedAt.getTime(), nowMs)),
        actorId: null,
        payload: { periodNo: p.periodNo, targetDate: p.targetDate, legalLatest: p.legalLatest },
        dedupKey: 'generated',
      });
      const released = p.workOrderFrom <= today;
      const releasedAt = released ? new Date(Math.min(at(p.workOrderFrom, zone, 6).getTime(), nowMs)) : null;
      if (releasedAt !== null) {
        events.push({ type: 'released', at: releasedAt, actorId: null, payload: {}, dedupKey: 'released' });
      }
      const technicianId = released && tenant.technicianIds.length > 0 ? rng.pick(tenant.technicianIds) : null;
      let completedOn: IsoDate | null = null;
      // done unless due in the last few days (still open now) — an occurrence whose legal latest date has passed
      // is done, unless it is the one missed
      const past = p.targetDate <= addDays(today, -OPEN_DAYS) || p.legalLatest < today;
      if (past && !missed.has(o.id)) {
        const canBeLate = o.onTimeLimit < p.legalLatest;
        if (canBeLate && rng.chance(file.lateShare)) {
          const late = addDays(o.onTimeLimit, rng.int(1, file.lateDaysMax));
          completedOn = late > p.legalLatest ? p.legalLatest : late;
        } else {
          const early = addDays(p.targetDate, -rng.int(0, 3));
          completedOn = early < p.earliestStart ? p.targetDate : early;
        }
        if (completedOn >= today) completedOn = null;
      }
      let startedAt: Date | null = null;
      let completedAt: Date | null = null;
      let checklist: ChecklistResult[] | null = null;
      let inspectionRecord: InspectionRecord | null = null;
      if (completedOn !== null) {
        if (completedOn > o.onTimeLimit) {
          events.push({
            type: 'overdue',
            at: at(addDays(p.targetDate, 1), zone, 1),
            actorId: null,
            payload: { targetDate: p.targetDate },
            dedupKey: 'overdue',
          });
        }
        const startHour = rng.int(7, 13);
        startedAt = at(completedOn, zone, startHour, rng.int(0, 59));
        completedAt = new Date(startedAt.getTime() + rng.int(45, 180) * 60_000);
        checklist = checklistOf(req.task, rng);
        inspectionRecord = inspectionRecordOf(req.task, p, completedOn, rng);
        events.push({ type: 'started', at: startedAt, actorId: technicianId, payload: {}, dedupKey: null });
        events.push({
          type: 'checklist',
          at: new Date(completedAt.getTime() - 60_000),
          actorId: technicianId,
          payload: { items: checklist.length },
          dedupKey: null,
        });
        events.push({
          type: 'completed',
          at: completedAt,
          actorId: technicianId,
          payload: { completedOn, onTime: completedOn <= o.onTimeLimit },
          dedupKey: null,
        });
      } else if (p.legalLatest < today) {
        events.push({
          type: 'overdue',
          at: at(addDays(p.targetDate, 1), zone, 1),
          actorId: null,
          payload: { targetDate: p.targetDate },
          dedupKey: 'overdue',
        });
        events.push({
          type: 'missed',
          at: at(addDays(p.legalLatest, 1), zone, 1),
          actorId: null,
          payload: { legalLatest: p.legalLatest },
          dedupKey: 'missed',
        });
      }
      const status = occurrenceStatus(
        {
          workOrderFrom: p.workOrderFrom,
          targetDate: p.targetDate,
          legalLatest: p.legalLatest,
          onTimeLimit: o.onTimeLimit,
          ...(completedOn === null ? {} : { completedOn, startedOn: completedOn }),
          cancelled: false,
        },
        today,
      );
      occurrences.push({
        ...o,
        status,
        releasedAt,
        technicianId,
        startedAt,
        completedAt,
        completedOn,
        checklist,
        inspectionRecord,
        evidenceAccepted: completedOn !== null,
        events: events.sort((a, b) => a.at.getTime() - b.at.getTime()),
      });
    }
  }
  return { requirements, occurrences };
}
