import { DateTime } from 'luxon';
import type { ContractTerms } from '@leitstand/backend/data-access';
import type { DemoCallOutSpec } from './demo-data.types';
import {
  SYSTEM_ACTOR,
  hashString,
  recordedClocks,
  type GeneratedEvent,
  type GeneratedMaterial,
  type GeneratedTicket,
  type GeneratedWorkLog,
  type HistoryAsset,
  type HistoryPerson,
  type HistorySite,
} from './demo-history.generator';
import { DemoRandom } from './demo-random';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;

/**
 * One call-out of `demo/call-outs.json` as a closed ticket: reported 25 minutes before the technician sets
 * off, accepted and dispatched by the helpdesk, the work back to back from `start` (local time of the site),
 * restored at the end of the last on-site work, closed a day after the technician is back. The SLA clocks
 * are computed from those events like every other demo ticket. Undefined when it is not over by `now`.
 */
export function generateCallOut(a: {
  spec: DemoCallOutSpec;
  now: Date;
  tenantId: string;
  site: HistorySite;
  asset: HistoryAsset;
  contractId: string;
  terms: ContractTerms;
  agent: HistoryPerson;
  technician: HistoryPerson;
}): GeneratedTicket | undefined {
  const { spec, site, asset, agent, technician: tech } = a;
  const rng = new DemoRandom(hashString(`call-out:${spec.key}`));
  const startMs = DateTime.fromISO(spec.start, { zone: site.timezone }).toMillis();
  const createdMs = startMs - 25 * MIN;
  const workLogs: GeneratedWorkLog[] = [];
  let at = startMs;
  for (const w of spec.work) {
    const end = at + w.minutes * MIN;
    workLogs.push({
      id: rng.uuid(),
      workerId: tech.id,
      role: w.role,
      kind: w.kind,
      startedAt: new Date(at),
      endedAt: new Date(end),
      note: w.kind === 'travel' ? 'Fahrt' : spec.title,
    });
    at = end;
  }
  const backMs = at;
  const closedMs = backMs + DAY;
  if (closedMs > a.now.getTime()) return undefined;
  const firstOnSite = workLogs.find((w) => w.kind === 'work');
  const lastOnSite = [...workLogs].reverse().find((w) => w.kind === 'work');
  const arrivedMs = firstOnSite?.startedAt.getTime() ?? startMs;
  const restoredMs = lastOnSite?.endedAt.getTime() ?? backMs;

  const events: GeneratedEvent[] = [];
  const add = (type: string, ms: number, who: HistoryPerson, payload: Record<string, unknown> = {}): void => {
    events.push({
      type,
      at: new Date(ms),
      actor: who.id,
      payload: { actorId: who.id, actorName: who.name, actorRole: who.role, ...payload },
    });
  };
  const priority = asset.assetClass;
  add('created', createdMs, agent, {
    priority,
    defaultPriority: priority,
    channel: 'phone',
    assetDown: false,
    faultBeganAt: new Date(createdMs - 10 * MIN).toISOString(),
    reporter: 'Hausverwaltung',
    siteId: asset.siteId,
    assetId: asset.id,
    contractId: a.contractId,
    inScope: spec.inScope,
  });
  add('accepted', createdMs + 5 * MIN, agent);
  add('dispatched', createdMs + 10 * MIN, agent, { assigneeId: tech.id });
  add('travel_started', Math.min(startMs, arrivedMs), tech);
  add('arrived', arrivedMs, tech);
  add('restored', restoredMs, tech);
  for (const log of workLogs) {
    add('work_logged', backMs + MIN, tech, {
      workLogId: log.id,
      kind: log.kind,
      minutes: Math.round((log.endedAt.getTime() - log.startedAt.getTime()) / MIN),
    });
  }
  const materials: GeneratedMaterial[] = (spec.materials ?? []).map((m, i) => ({
    id: rng.uuid(),
    kind: m.kind ?? 'material',
    description: m.description,
    netUnitPrice: m.netUnitPrice,
    quantity: m.quantity,
    unit: m.unit ?? 'Stk',
    // one second apart: the lines keep the order they were logged in
    createdAt: new Date(backMs + 2 * MIN + i * 1000),
  }));
  for (const m of materials) {
    add('material_added', m.createdAt.getTime(), tech, {
      materialId: m.id,
      kind: m.kind,
      description: m.description,
      netUnitPrice: m.netUnitPrice,
      quantity: m.quantity,
      unit: m.unit,
    });
  }
  add('closed', closedMs, agent);

  const known = [...events];
  const { sla, clocks } = recordedClocks(a.terms, known, a.now);
  known.sort((x, y) => x.at.getTime() - y.at.getTime());
  const r = spec.report ?? {};
  return {
    id: rng.uuid(),
    tenantId: a.tenantId,
    siteId: asset.siteId,
    assetId: asset.id,
    contractId: a.contractId,
    title: `${asset.name}: ${spec.title}`.slice(0, 200),
    description: `${spec.title}. ${spec.seedCase}`,
    category: asset.trade,
    priority,
    priorityReason: null,
    status: 'closed',
    pausedFrom: null,
    channel: 'phone',
    reporter: 'Hausverwaltung',
    faultBeganAt: new Date(createdMs - 10 * MIN),
    assetDown: false,
    inScope: spec.inScope,
    scopeNote: spec.inScope ? null : (spec.scopeNote ?? null),
    assigneeId: tech.id,
    nextDeadline: sla.nextDeadline,
    atRisk: sla.atRisk,
    breached: sla.breached,
    restoredAt: new Date(restoredMs),
    closedAt: new Date(closedMs),
    createdAt: new Date(createdMs),
    updatedAt: new Date(closedMs),
    version: 1 + known.filter((e) => e.type !== 'created' && e.actor !== SYSTEM_ACTOR).length,
    events: known,
    clocks,
    workLogs,
    materials,
    ...(spec.report === undefined
      ? {}
      : {
          report: {
            smallMaterial: r.smallMaterial ?? false,
            emergency: r.emergency ?? false,
            workType: r.workType ?? 'repair',
            travelMethod: r.travelMethod ?? null,
            catalogItems: r.catalogItems ?? [],
            discounts: r.discounts ?? [],
            updatedAt: new Date(backMs + 3 * MIN),
          },
        }),
  };
}
