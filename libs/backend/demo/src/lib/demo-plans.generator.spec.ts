import { join } from 'node:path';
import {
  computeCompliance,
  missingEvidence,
  parseChecklistResults,
  parseInspectionRecord,
  workingDayRule,
} from '@leitstand/domain';
import { loadDemoDataset } from './demo-data.loader';
import type { DemoDataset } from './demo-data.types';
import { generateDemoPlans, type PlanTenant } from './demo-plans.generator';

const DATA_DIR = join(__dirname, '..', '..', '..', '..', 'demo-data', 'data');

/** The demo tenants as the seeder resolves them, with readable ids instead of database ones. */
function planTenants(data: DemoDataset): PlanTenant[] {
  return data.tenants.map((t) => ({
    slug: t.slug,
    tenantId: `tenant:${t.slug}`,
    sites: t.sites.map((s) => ({ id: `site:${s.name}`, name: s.name, state: s.state, timezone: s.timezone })),
    assets: t.assets.map((a) => ({
      id: `asset:${a.code}`,
      code: a.code,
      trade: a.trade,
      assetClass: a.assetClass,
      siteId: `site:${a.site}`,
    })),
    contracts: t.contracts.map((c) => ({
      id: `contract:${c.name}`,
      startsOn: c.startsOn,
      endsOn: c.endsOn,
      siteIds: c.sites.map((s) => `site:${s}`),
      grace: 'none' as const,
    })),
    technicianIds: ['tech-1', 'tech-2'],
    isWorkingDay: (siteId) =>
      workingDayRule({ holidayRegion: t.sites.find((s) => `site:${s.name}` === siteId)?.state ?? 'DE' }),
  }));
}

describe('generateDemoPlans', () => {
  const data = loadDemoDataset(DATA_DIR);
  const now = new Date('2026-12-07T09:30:00Z');
  const plans = generateDemoPlans({ now, file: data.plans, tenants: planTenants(data) });

  it('is deterministic for a seed instant, and another instant draws another history', () => {
    const again = generateDemoPlans({ now, file: data.plans, tenants: planTenants(data) });
    expect(again).toEqual(plans);
    const other = generateDemoPlans({
      now: new Date('2026-11-02T09:30:00Z'),
      file: data.plans,
      tenants: planTenants(data),
    });
    expect(other.occurrences.map((o) => o.id)).not.toEqual(plans.occurrences.map((o) => o.id));
  });

  it('plans every requirement of the three seeds, one occurrence per (requirement, asset, period)', () => {
    const tenants = new Set(plans.requirements.map((r) => r.tenantId));
    expect(tenants).toEqual(
      new Set([
        'tenant:spezialmaschinenbau-reutlingen',
        'tenant:wohnbau-sued-aufzuege',
        'tenant:praezisionsteile-nagold-it',
      ]),
    );
    const keys = plans.occurrences.map((o) => `${o.requirementId}/${o.assetId}/${o.plan.periodNo}`);
    expect(new Set(keys).size).toBe(keys.length);
    // seed 001: six lifts with main and intermediate inspections by the approved body
    const lifts = plans.occurrences.filter(
      (o) => o.tenantId === 'tenant:wohnbau-sued-aufzuege' && o.plan.kind !== 'regular',
    );
    expect(new Set(lifts.map((o) => o.assetId)).size).toBe(6);
    expect(new Set(lifts.map((o) => o.plan.kind))).toEqual(new Set(['main', 'intermediate']));
  });

  it('history: one missed (seed 002, two months back), a few late, the rest on time; statuses agree', () => {
    const missed = plans.occurrences.filter((o) => o.status === 'missed');
    expect(missed).toHaveLength(1);
    expect(missed[0]?.tenantId).toBe('tenant:spezialmaschinenbau-reutlingen');
    expect(missed[0]?.plan.targetDate.slice(0, 7)).toBe('2026-10');
    expect(missed[0]?.events.map((e) => e.type)).toEqual(['generated', 'released', 'overdue', 'missed']);
    const late = plans.occurrences.filter((o) => o.status === 'done-late');
    expect(late.length).toBeGreaterThanOrEqual(3);
    for (const o of late) {
      expect(o.completedOn && o.completedOn > o.onTimeLimit && o.completedOn <= o.plan.legalLatest).toBe(true);
    }
    for (const o of plans.occurrences.filter((x) => x.completedOn !== null)) {
      expect(o.evidenceAccepted).toBe(true);
      expect(o.events.map((e) => e.type)).toContain('completed');
      expect(o.completedOn && o.completedOn < '2026-12-07').toBe(true);
    }
    // nothing in the future is completed
    expect(plans.occurrences.filter((o) => o.plan.targetDate > '2026-12-07' && o.completedOn !== null)).toEqual([]);
  });

  it('the evidence of every completed occurrence is what the execution API would accept', () => {
    const completed = plans.occurrences.filter((o) => o.completedOn !== null);
    for (const o of completed) {
      const req = plans.requirements.find((r) => r.id === o.requirementId);
      if (req === undefined) throw new Error('requirement missing');
      expect(parseChecklistResults(req.task, o.checklist ?? [])).toEqual(o.checklist);
      expect(
        missingEvidence(req.task, {
          checklist: o.checklist ?? [],
          documents: [],
          ...(o.inspectionRecord ? { inspectionRecord: o.inspectionRecord } : {}),
        }).filter((m) => !m.startsWith('document:')),
      ).toEqual([]);
      if (o.inspectionRecord !== null) {
        expect(parseInspectionRecord({ ...o.inspectionRecord }, '2026-12-07')).toEqual(o.inspectionRecord);
      }
    }
    expect(completed.filter((o) => o.inspectionRecord !== null).length).toBeGreaterThan(5);
  });

  it('gives seed 002 a real compliance figure for October 2026 (with the miss)', () => {
    const items = plans.occurrences
      .filter((o) => o.tenantId === 'tenant:spezialmaschinenbau-reutlingen')
      .map((o) => ({
        occurrenceId: o.id,
        trade: o.trade,
        targetDate: o.plan.targetDate,
        onTimeLimit: o.onTimeLimit,
        legalLatest: o.plan.legalLatest,
        ...(o.completedOn === null ? {} : { completedOn: o.completedOn }),
        evidenceAccepted: o.evidenceAccepted,
        cancelled: false,
      }));
    const { total } = computeCompliance(items, { from: '2026-10-01', to: '2026-10-31' }, '2026-12-07');
    expect(total.due).toBeGreaterThan(10);
    expect(total.missed).toBe(1);
    expect(Number(total.percent)).toBeLessThan(100);
  });
});
