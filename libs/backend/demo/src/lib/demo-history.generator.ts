import { DateTime } from 'luxon';
import {
  computeDeadline,
  type Pause,
  type Priority,
  type SlaEvent,
  type SlaTarget,
  type TicketStatus,
} from '@leitstand/domain';
import {
  computeTicketSla,
  contractTermsForSite,
  type ContractTerms,
  type SlaClockRow,
} from '@leitstand/backend/data-access';
import type { ContractEntity } from '@leitstand/backend/data-access';
import type { AssetClass, DemoHistoryParameters, DemoHistorySpec } from './demo-data.types';
import { DemoRandom } from './demo-random';

/**
 * The demo ticket history of one tenant: faults per asset over the months before `now`, each walked
 * through the ticket lifecycle (created → accepted → dispatched → travel started → arrived →
 * [paused → resumed] → restored → closed) with work logs and comments, cut off at `now` (so the
 * latest tickets are still open). Event instants are drawn from the contract's SLA budgets (most
 * within, some beyond); the SLA clocks are then computed from the events by @leitstand/domain
 * (computeTicketSla on contractTermsForSite), exactly as the tickets projection does, never invented.
 * SLA warning / breach events are recorded where the worker's timers would have fired.
 */

export interface HistorySite {
  id: string;
  state: string;
  timezone: string;
}

export interface HistoryAsset {
  id: string;
  name: string;
  trade: string;
  assetClass: AssetClass;
  siteId: string;
}

export interface HistoryPerson {
  id: string;
  name: string;
  role: string;
}

export interface HistoryPeople {
  agents: HistoryPerson[];
  technicians: HistoryPerson[];
  customers: HistoryPerson[];
}

export interface HistoryContract {
  entity: ContractEntity;
  siteIds: string[];
}

export interface GeneratedEvent {
  type: string;
  at: Date;
  actor: string;
  payload: Record<string, unknown>;
}

/** A stored clock row of a generated ticket, with the instants its warning and breach timers fired. */
export interface GeneratedClock extends SlaClockRow {
  warnedAt: Date | null;
  breachedAt: Date | null;
}

export interface GeneratedWorkLog {
  id: string;
  workerId: string;
  role: string;
  kind: 'travel' | 'work';
  startedAt: Date;
  endedAt: Date;
  note: string;
}

export interface GeneratedTicket {
  id: string;
  tenantId: string;
  siteId: string;
  assetId: string;
  contractId: string;
  title: string;
  description: string;
  category: string;
  priority: Priority;
  priorityReason: string | null;
  status: TicketStatus;
  pausedFrom: TicketStatus | null;
  channel: 'phone' | 'email' | 'portal';
  reporter: string;
  faultBeganAt: Date;
  assetDown: boolean;
  inScope: boolean;
  scopeNote: string | null;
  assigneeId: string | null;
  nextDeadline: Date | null;
  atRisk: boolean;
  breached: boolean;
  restoredAt: Date | null;
  closedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  events: GeneratedEvent[];
  clocks: GeneratedClock[];
  workLogs: GeneratedWorkLog[];
  /** Material lines (call-outs only). */
  materials?: GeneratedMaterial[];
  /** The service report's choices (call-outs only). */
  report?: GeneratedReportChoices;
}

export interface GeneratedMaterial {
  id: string;
  kind: 'material' | 'partner' | 'pass_through';
  description: string;
  netUnitPrice: string;
  quantity: string;
  unit: string;
  createdAt: Date;
}

export interface GeneratedReportChoices {
  smallMaterial: boolean;
  emergency: boolean;
  workType: 'repair' | 'maintenance';
  travelMethod: 'distance' | 'zone' | 'time' | null;
  catalogItems: Array<{ code: string; quantity: string }>;
  discounts: string[];
  updatedAt: Date;
}

const MIN = 60_000;
const PRIORITIES: readonly Priority[] = ['A', 'B', 'C'];
const PAUSE_REASONS = ['waiting-for-parts', 'waiting-for-customer', 'no-access-to-site'] as const;
const OVERRIDE_REASONS = [
  'Kunde meldet Produktionsstillstand',
  'Sicherheitsrelevant: Personen betroffen',
  'Nur Komforteinschränkung, Betrieb läuft',
];
const COMMENTS = [
  'Ersatzteil beim Hersteller angefragt',
  'Kunde telefonisch informiert',
  'Fehlerbild vor Ort bestätigt',
  'Anlage beobachten, ggf. Folgeauftrag',
  'Zugang über Pforte, Schlüssel bei Schichtleitung',
];
const REPORTERS = ['Schichtleitung Halle 2', 'Pforte', 'Haustechnik-Bereitschaft', 'Empfang', 'Büroleitung'];

/** A clock's budget in business minutes from `start` (a businessDays budget up to that day's close). */
function budgetMinutes(target: SlaTarget, start: Date): number {
  if (target.budget.kind === 'minutes') return target.budget.minutes;
  const close = target.calendar.closeOfBusinessDay(start, target.budget.days);
  return target.calendar.minutesBetween(start, close);
}

/** As the tickets service records them: the actor column is the user id, the payload names the user. */
export const SYSTEM_ACTOR = 'system:worker';

export function generateTenantHistory(a: {
  now: Date;
  params: DemoHistoryParameters;
  spec: DemoHistorySpec;
  tenantId: string;
  slug: string;
  sites: HistorySite[];
  assets: HistoryAsset[];
  contracts: HistoryContract[];
  people: HistoryPeople;
}): GeneratedTicket[] {
  const rng = new DemoRandom(a.params.prngSeed ^ hashString(a.slug));
  const nowMs = a.now.getTime();
  const startMs = DateTime.fromJSDate(a.now, { zone: 'UTC' }).minus({ months: a.params.months }).toMillis();
  const sites = new Map(a.sites.map((s) => [s.id, s]));
  const termsCache = new Map<string, ContractTerms>();
  const tickets: GeneratedTicket[] = [];
  if (a.people.agents.length === 0 || a.people.technicians.length === 0) {
    throw new Error(`demo history of ${a.slug}: needs at least one agent and one technician`);
  }

  const contractFor = (siteId: string, at: Date): HistoryContract | null => {
    const site = sites.get(siteId);
    const day = DateTime.fromJSDate(at, { zone: site?.timezone ?? 'Europe/Berlin' }).toISODate() ?? '';
    let best: HistoryContract | null = null;
    for (const c of a.contracts) {
      if (!c.siteIds.includes(siteId)) continue;
      if (c.entity.startsOn > day || (c.entity.endsOn !== null && c.entity.endsOn < day)) continue;
      if (!best || c.entity.startsOn > best.entity.startsOn) best = c;
    }
    return best;
  };
  const termsFor = (c: HistoryContract, site: HistorySite): ContractTerms => {
    const key = `${c.entity.id}:${site.id}`;
    let terms = termsCache.get(key);
    if (!terms) {
      terms = contractTermsForSite(c.entity, site);
      termsCache.set(key, terms);
    }
    return terms;
  };
  /** Reports come in mostly during working hours (local time of the site). */
  const sampleInstant = (zone: string): number => {
    for (;;) {
      const t = startMs + rng.next() * (nowMs - startMs);
      const local = DateTime.fromMillis(t, { zone });
      const working = local.weekday <= 5 && local.hour >= 7 && local.hour < 18;
      if (working || rng.chance(0.3)) return Math.floor(t / 1000) * 1000;
    }
  };

  for (const asset of a.assets) {
    const site = sites.get(asset.siteId);
    if (!site) continue;
    const expected = (a.spec.faultsPerAssetPerMonth[asset.assetClass] ?? 0) * a.params.months;
    const n = Math.max(0, Math.round(expected * rng.between(0.75, 1.25)));
    for (let i = 0; i < n; i++) {
      const createdMs = sampleInstant(site.timezone);
      const contract = contractFor(site.id, new Date(createdMs));
      if (!contract) continue;
      const terms = termsFor(contract, site);
      tickets.push(
        walkTicket({
          rng,
          nowMs,
          createdMs,
          asset,
          contract,
          terms,
          tenantId: a.tenantId,
          people: a.people,
          params: a.params,
          spec: a.spec,
        }),
      );
    }
  }
  return tickets;
}

function walkTicket(a: {
  rng: DemoRandom;
  nowMs: number;
  createdMs: number;
  asset: HistoryAsset;
  contract: HistoryContract;
  terms: ContractTerms;
  tenantId: string;
  people: HistoryPeople;
  params: DemoHistoryParameters;
  spec: DemoHistorySpec;
}): GeneratedTicket {
  const { rng, asset, terms } = a;
  const shares = a.params.shares;
  const id = rng.uuid();
  const agent = rng.pick(a.people.agents);
  const tech = rng.pick(a.people.technicians);
  const channel = rng.chance(0.5) ? 'phone' : rng.chance(0.5) ? 'portal' : 'email';
  const customer = a.people.customers.length > 0 ? rng.pick(a.people.customers) : null;
  const reporterPerson = channel === 'portal' && customer ? customer : agent;
  const reporter = channel === 'portal' && customer ? customer.name : rng.pick(REPORTERS);

  let priority: Priority = asset.assetClass;
  let priorityReason: string | null = null;
  if (rng.chance(shares.priorityOverride)) {
    priority = rng.pick(PRIORITIES.filter((p) => p !== asset.assetClass));
    priorityReason = rng.pick(OVERRIDE_REASONS);
  }
  const faults = a.params.faults[asset.trade] ?? a.params.faults['default'] ?? ['Störung'];
  const title = rng.pick(faults);
  const inScope = !rng.chance(a.spec.outOfScopeShare);
  const notes = a.params.outOfScopeNotes[asset.trade] ?? a.params.outOfScopeNotes['default'] ?? ['user-error'];
  const scopeNote = inScope ? null : rng.pick(notes);
  const assetDown = rng.chance(asset.assetClass === 'A' ? shares.assetDownA : shares.assetDownBC);
  const faultBeganMs = a.createdMs - rng.int(0, 45) * MIN;

  const events: GeneratedEvent[] = [];
  const workLogs: GeneratedWorkLog[] = [];
  const add = (type: string, ms: number, who: HistoryPerson, payload: Record<string, unknown> = {}): void => {
    events.push({
      type,
      at: new Date(ms),
      actor: who.id,
      payload: { actorId: who.id, actorName: who.name, actorRole: who.role, ...payload },
    });
  };
  const created = new Date(a.createdMs);
  add('created', a.createdMs, reporterPerson, {
    priority,
    defaultPriority: asset.assetClass,
    ...(priorityReason ? { priorityReason } : {}),
    channel,
    assetDown,
    faultBeganAt: new Date(faultBeganMs).toISOString(),
    reporter,
    siteId: asset.siteId,
    assetId: asset.id,
    contractId: a.contract.entity.id,
    inScope,
  });

  // A few tickets are re-prioritised by the helpdesk shortly after intake.
  let finalPriority = priority;
  if (rng.chance(shares.priorityOverride / 2)) {
    const to = rng.pick(PRIORITIES.filter((p) => p !== priority));
    add('priority_changed', a.createdMs + rng.int(3, 20) * MIN, agent, {
      from: priority,
      priority: to,
      reason: rng.pick(OVERRIDE_REASONS),
    });
    finalPriority = to;
  }
  const response = terms.slaMatrix[finalPriority].response;
  const restore = terms.slaMatrix[finalPriority].restore;

  const responseShare = rng.chance(shares.responseBreached) ? rng.between(1.05, 2.5) : rng.between(0.1, 0.9);
  let acceptedMs = response.calendar.addMinutes(created, responseShare * budgetMinutes(response, created)).getTime();
  acceptedMs = Math.max(acceptedMs, (events[events.length - 1]?.at.getTime() ?? a.createdMs) + MIN);
  add('accepted', acceptedMs, rng.chance(0.7) ? agent : tech);

  // Where the restore lands in its budget decides how dispatch, travel and arrival are spread out.
  const restoreShare = rng.chance(shares.restoreBreached) ? rng.between(1.05, 3) : rng.between(0.3, 0.95);
  const restoreMinutes = restoreShare * budgetMinutes(restore, created);
  const unpaused = restore.calendar.addMinutes(created, restoreMinutes).getTime();
  const span = Math.max(10 * MIN, unpaused - acceptedMs);
  const step = (lo: number, hi: number): number => Math.max(MIN, Math.round((span * rng.between(lo, hi)) / MIN) * MIN);
  const dispatchedMs = acceptedMs + Math.min(step(0.03, 0.1), 30 * MIN);
  add('dispatched', dispatchedMs, agent, { assigneeId: tech.id });
  const travelMs = dispatchedMs + Math.min(step(0.02, 0.08), 60 * MIN);
  add('travel_started', travelMs, tech);
  const arrivedMs = travelMs + Math.min(step(0.05, 0.25), 90 * MIN);
  add('arrived', arrivedMs, tech);
  workLogs.push({
    id: rng.uuid(),
    workerId: tech.id,
    role: a.spec.workRole,
    kind: 'travel',
    startedAt: new Date(travelMs),
    endedAt: new Date(arrivedMs),
    note: 'Anfahrt',
  });

  const pauses: Pause[] = [];
  let lastActivityMs = arrivedMs;
  const recent = a.nowMs - a.createdMs < 3 * 24 * 60 * MIN;
  if (rng.chance(shares.paused) || (recent && rng.chance(0.35))) {
    const from = arrivedMs + rng.int(5, 30) * MIN;
    const minutes = recent ? rng.int(2 * 24 * 60, 6 * 24 * 60) : rng.int(60, 48 * 60);
    const to = from + minutes * MIN;
    const reason = rng.pick(PAUSE_REASONS);
    add('paused', from, tech, { reason, until: new Date(to).toISOString() });
    workLogs.push({
      id: rng.uuid(),
      workerId: tech.id,
      role: a.spec.workRole,
      kind: 'work',
      startedAt: new Date(arrivedMs),
      endedAt: new Date(from),
      note: 'Fehlersuche',
    });
    add('resumed', to, tech);
    pauses.push({ from: new Date(from), to: new Date(to) });
    lastActivityMs = to;
  }

  const planned = pauses.length
    ? computeDeadline({ calendar: restore.calendar, start: created, budgetMinutes: restoreMinutes, pauses })
    : new Date(unpaused);
  const restoredMs = Math.max(planned?.getTime() ?? 0, lastActivityMs + rng.int(5, 20) * MIN);
  if (rng.chance(shares.comment)) {
    add('comment', lastActivityMs + Math.floor((restoredMs - lastActivityMs) / 2), tech, {
      text: rng.pick(COMMENTS),
      internal: rng.chance(0.5),
    });
  }
  add('restored', restoredMs, tech);
  workLogs.push({
    id: rng.uuid(),
    workerId: tech.id,
    role: a.spec.workRole,
    kind: 'work',
    startedAt: new Date(lastActivityMs),
    endedAt: new Date(restoredMs),
    note: inScope ? 'Störung behoben' : `Außerhalb des Vertragsumfangs (${scopeNote ?? ''}): nach Preisliste`,
  });
  for (const log of workLogs) {
    add('work_logged', restoredMs + MIN, tech, {
      workLogId: log.id,
      kind: log.kind,
      minutes: Math.round((log.endedAt.getTime() - log.startedAt.getTime()) / MIN),
    });
  }
  add('closed', restoredMs + rng.int(60, 5 * 24 * 60) * MIN, agent);

  // What has happened by now: the rest of the walk is the ticket's future and is not recorded.
  const known = events.filter((e) => e.at.getTime() <= a.nowMs);
  const now = new Date(a.nowMs);
  const restoredKnown = known.some((e) => e.type === 'restored');
  const { sla, clocks } = recordedClocks(terms, known, now);
  known.sort((x, y) => x.at.getTime() - y.at.getTime());

  // The ticket row: a projection of the recorded events.
  let status: TicketStatus = 'new';
  let pausedFrom: TicketStatus | null = null;
  let assigneeId: string | null = null;
  let restoredAt: Date | null = null;
  let closedAt: Date | null = null;
  let version = 1;
  for (const e of known) {
    switch (e.type) {
      case 'accepted':
        status = 'accepted';
        break;
      case 'dispatched':
        status = 'dispatched';
        assigneeId = tech.id;
        break;
      case 'travel_started':
        status = 'travelling';
        break;
      case 'arrived':
        status = 'on_site';
        break;
      case 'paused':
        pausedFrom = status;
        status = 'paused';
        break;
      case 'resumed':
        status = pausedFrom ?? 'new';
        pausedFrom = null;
        break;
      case 'restored':
        status = 'restored';
        restoredAt = e.at;
        break;
      case 'closed':
        status = 'closed';
        closedAt = e.at;
        break;
      default:
        break;
    }
    if (e.type !== 'created' && e.actor !== SYSTEM_ACTOR) version++;
  }
  return {
    id,
    tenantId: a.tenantId,
    siteId: asset.siteId,
    assetId: asset.id,
    contractId: a.contract.entity.id,
    title: `${asset.name}: ${title}`.slice(0, 200),
    description: `${title}. Gemeldet über ${channel === 'phone' ? 'Telefon' : channel === 'email' ? 'E-Mail' : 'Portal'} von ${reporter}.`,
    category: asset.trade,
    priority: finalPriority,
    priorityReason: finalPriority === asset.assetClass ? null : (priorityReason ?? 'Umstufung durch den Helpdesk'),
    status,
    pausedFrom,
    channel,
    reporter,
    faultBeganAt: new Date(faultBeganMs),
    assetDown,
    inScope,
    scopeNote,
    assigneeId,
    nextDeadline: sla.nextDeadline,
    atRisk: sla.atRisk,
    breached: sla.breached,
    restoredAt,
    closedAt,
    createdAt: created,
    updatedAt: known[known.length - 1]?.at ?? created,
    version,
    events: known,
    clocks,
    workLogs: restoredKnown ? workLogs : [],
  };
}

/**
 * The clock rows the tickets projection stores for the events known by `now` (computeTicketSla), and the
 * warning and breach events the SLA timers would have recorded by then — appended to `known`.
 */
export function recordedClocks(
  terms: ContractTerms,
  known: GeneratedEvent[],
  now: Date,
): { sla: ReturnType<typeof computeTicketSla>; clocks: GeneratedClock[] } {
  const nowMs = now.getTime();
  const sla = computeTicketSla(terms, toSlaEvents(known), now);
  const clocks: GeneratedClock[] = sla.clocks.map((row) => {
    const warnedAt =
      row.warningAt && row.warningAt.getTime() <= nowMs && (row.stoppedAt === null || row.warningAt < row.stoppedAt)
        ? row.warningAt
        : null;
    const breachMs = row.deadline ? row.deadline.getTime() + 1 : null;
    const breachedAt = row.state === 'breached' && breachMs !== null && breachMs <= nowMs ? new Date(breachMs) : null;
    const payload = { clock: row.clock, deadline: row.deadline?.toISOString() ?? null, priority: row.priority };
    if (warnedAt) known.push({ type: 'sla_warning', at: warnedAt, actor: SYSTEM_ACTOR, payload });
    if (breachedAt) known.push({ type: 'sla_breached', at: breachedAt, actor: SYSTEM_ACTOR, payload });
    return { ...row, warnedAt, breachedAt };
  });
  return { sla, clocks };
}

/** The SLA-relevant events, mapped onto the domain's union (other types are not SLA input). */
export function toSlaEvents(events: readonly GeneratedEvent[]): SlaEvent[] {
  const out: SlaEvent[] = [];
  for (const e of events) {
    switch (e.type) {
      case 'created':
      case 'priority_changed': {
        const p = e.payload['priority'];
        if (p === 'A' || p === 'B' || p === 'C') out.push({ type: e.type, at: e.at, priority: p });
        break;
      }
      case 'paused':
      case 'resumed':
      case 'accepted':
      case 'restored':
      case 'reopened':
        out.push({ type: e.type, at: e.at });
        break;
      default:
        break;
    }
  }
  return out;
}

export function hashString(s: string): number {
  let h = 2_166_136_261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16_777_619);
  return h >>> 0;
}
