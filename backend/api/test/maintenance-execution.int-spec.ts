import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { DateTime } from 'luxon';
import { computeCompliance, type ComplianceInput } from '@leitstand/domain';
import { ServiceProcess, createAsset, createTestEnv, createUser, type TestEnv } from '@leitstand/backend/testing';
import { count, createTenantWorld, signIn, type Answer, type Client } from './ticket-test-world';
import { MAINTENANCE, STATUTORY, createOccurrence, createRequirement } from './maintenance-test-world';

/**
 * Executing maintenance occurrences (issue 15) against a real api process, PostgreSQL and Redis:
 * the technician's list, the evidence gate of a statutory inspection (409 naming what is missing), the
 * checklist validated against the task, the §17 record, evidence upload, completion status from the
 * domain, failed items raising exactly one fault ticket with the asset class's priority (a retry raises
 * none), cancellation with reason and approver, compliance equal to the domain's for a small world, the
 * iCalendar feed, tenancy (404) and bad input (400 naming the field).
 */
const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
const JPEG = Buffer.concat([
  Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex'),
  Buffer.alloc(64, 0x11),
  Buffer.from('ffd9', 'hex'),
]);
const EXE = Buffer.concat([Buffer.from('4d5a900003000000', 'hex'), Buffer.alloc(120), Buffer.from('50450000', 'hex')]);

const ELEVATOR_INSPECTION_ITEMS = ['operator-present', 'logbook-available', 'defects-recorded'];
const ELEVATOR_MAINTENANCE_ITEMS = [
  'drive-brake',
  'doors',
  'safety-gear',
  'suspension',
  'emergency-call',
  'lubrication',
];

/** Today in Europe/Berlin (the fixture sites' zone) ± days. */
const day = (offset = 0): string =>
  DateTime.now().setZone('Europe/Berlin').plus({ days: offset }).toISODate() as string;

/** A minimal RFC 5545 reader: unfolds lines and returns each VEVENT's properties. */
function parseIcs(text: string): { lines: string[]; events: Array<Record<string, string>> } {
  const lines = text
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter(Boolean);
  const events: Array<Record<string, string>> = [];
  let current: Record<string, string> | null = null;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = {};
    else if (line === 'END:VEVENT') {
      if (current) events.push(current);
      current = null;
    } else if (current) {
      const colon = line.indexOf(':');
      current[line.slice(0, colon)] = line.slice(colon + 1);
    }
  }
  return { lines, events };
}

describe('maintenance execution (issue 15)', () => {
  let env: TestEnv;
  let api: ServiceProcess;
  let ds: DataSource;
  let world: Awaited<ReturnType<typeof createTenantWorld>>;
  let other: Awaited<ReturnType<typeof createTenantWorld>>;
  let admin: Client;
  let agent: Client;
  let technician: Client;
  let colleague: Client;
  let outsideTechnician: Client;
  let manager: Client;
  let otherManager: Client;
  let customer: Client;
  let statutoryReq: string;
  let maintenanceReqA: string;
  let maintenanceReqC: string;

  beforeAll(async () => {
    env = await createTestEnv('maintenance_execution');
    api = await ServiceProcess.start('api', env.env);
    ds = env.dataSource;
    world = await createTenantWorld(ds);
    other = await createTenantWorld(ds);
    [admin, agent, technician, colleague, outsideTechnician, manager, otherManager, customer] = await Promise.all([
      signIn(ds, api.baseUrl, 'admin'),
      signIn(ds, api.baseUrl, 'agent'),
      signIn(ds, api.baseUrl, 'technician', { servesTenantIds: [world.tenantId] }),
      signIn(ds, api.baseUrl, 'technician', { servesTenantIds: [world.tenantId] }),
      signIn(ds, api.baseUrl, 'technician', { servesTenantIds: [other.tenantId] }),
      signIn(ds, api.baseUrl, 'manager', { servesTenantIds: [world.tenantId] }),
      signIn(ds, api.baseUrl, 'manager', { servesTenantIds: [other.tenantId] }),
      signIn(ds, api.baseUrl, 'customer', { tenantId: world.tenantId }),
    ]);
    statutoryReq = await createRequirement(ds, world, STATUTORY, world.assetA);
    maintenanceReqA = await createRequirement(ds, world, MAINTENANCE, world.assetA);
    maintenanceReqC = await createRequirement(
      ds,
      world,
      { ...MAINTENANCE, taskKey: 'elevator-maintenance' },
      world.assetC,
    );
  });

  afterAll(async () => {
    await api?.stop();
    await env?.cleanup();
  });

  const path = (id: string, action = ''): string => `/api/maintenance/occurrences/${id}${action ? `/${action}` : ''}`;
  const ifMatch = (version: number): Record<string, string> => ({ 'if-match': `"${version}"` });
  async function detail(client: Client, id: string): Promise<Answer<OccurrenceBody>> {
    return client.get<OccurrenceBody>(path(id));
  }
  async function version(id: string): Promise<number> {
    const [row] = (await ds.query(`SELECT version FROM maintenance_occurrences WHERE id = $1`, [id])) as Array<{
      version: number;
    }>;
    return Number(row?.version);
  }
  async function put(client: Client, id: string, action: string, body: unknown): Promise<Answer<OccurrenceBody>> {
    return client.call<OccurrenceBody>('PUT', path(id, action), body, ifMatch(await version(id)));
  }
  async function act(client: Client, id: string, action: string, body: unknown = {}): Promise<Answer<OccurrenceBody>> {
    return client.post<OccurrenceBody>(path(id, action), body, ifMatch(await version(id)));
  }
  async function upload(
    client: Client,
    id: string,
    file: { bytes: Buffer; name: string },
    fields: Record<string, string>,
  ): Promise<{ status: number; body: { id?: string; fields?: Array<{ field: string }> } }> {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('file', new Blob([new Uint8Array(file.bytes)]), file.name);
    const res = await fetch(`${api.baseUrl}${path(id, 'documents')}`, {
      method: 'POST',
      headers: client.session.headers,
      body: form,
    });
    return { status: res.status, body: (await res.json()) as { id?: string; fields?: Array<{ field: string }> } };
  }
  const fieldsOf = (a: { body: unknown }): string[] =>
    ((a.body as { fields?: Array<{ field: string }> }).fields ?? []).map((f) => f.field);
  const allPass = (keys: string[]) => ({ results: keys.map((key) => ({ key, outcome: 'pass' })) });
  const record = {
    date: day(0),
    type: 'Hauptprüfung',
    scope: 'Prüfung nach § 16 BetrSichV, Anhang 2 Abschnitt 2',
    result: 'no-defects',
    defects: [],
    inspector: 'Dipl.-Ing. M. Berger',
    body: 'TÜV SÜD Industrie Service GmbH',
  };

  describe('the technician’s list', () => {
    it('shows released open work of the own tenants, own or unassigned, by target date (today | week)', async () => {
      const later = await createOccurrence(ds, world, maintenanceReqA, world.assetA, { target: day(4) });
      const overdue = await createOccurrence(ds, world, maintenanceReqA, world.assetA, { target: day(-3) });
      const mine = await createOccurrence(ds, world, maintenanceReqC, world.assetC, {
        target: day(0),
        technicianId: technician.user.id,
      });
      const colleagues = await createOccurrence(ds, world, maintenanceReqC, world.assetC, {
        target: day(0),
        technicianId: colleague.user.id,
      });
      const unreleased = await createOccurrence(ds, world, maintenanceReqC, world.assetC, {
        target: day(1),
        released: false,
      });
      const beyond = await createOccurrence(ds, world, maintenanceReqC, world.assetC, { target: day(9) });
      const today = await technician.get<{ items: Array<{ id: string; targetDate: string }> }>(
        '/api/technician/occurrences?range=today',
      );
      expect(today.status).toBe(200);
      const ids = today.body.items.map((i) => i.id);
      expect(ids).toEqual(expect.arrayContaining([overdue, mine]));
      for (const absent of [later, colleagues, unreleased, beyond]) expect(ids).not.toContain(absent);
      const week = await technician.get<{ items: Array<{ id: string; targetDate: string }> }>(
        '/api/technician/occurrences?range=week',
      );
      const weekIds = week.body.items.map((i) => i.id);
      expect(weekIds).toEqual(expect.arrayContaining([overdue, mine, later]));
      for (const absent of [colleagues, unreleased, beyond]) expect(weekIds).not.toContain(absent);
      const dates = week.body.items.map((i) => i.targetDate);
      expect(dates).toEqual([...dates].sort());
      // the other tenant's technician sees none of it; agents have no list; a bad range is a 400
      const outside = await outsideTechnician.get<{ items: Array<{ id: string }> }>(
        '/api/technician/occurrences?range=week',
      );
      expect(outside.body.items.map((i) => i.id)).not.toContain(mine);
      expect((await agent.get('/api/technician/occurrences')).status).toBe(403);
      const bad = await technician.get('/api/technician/occurrences?range=month');
      expect([bad.status, fieldsOf(bad)]).toEqual([400, ['range']]);
    });
  });

  describe('the evidence gate of a statutory inspection', () => {
    let id: string;

    beforeAll(async () => {
      id = await createOccurrence(ds, world, statutoryReq, world.assetA, {
        target: day(3),
        onTimeLimit: day(3),
        legalLatest: day(10),
        kind: 'main',
      });
    });

    it('answers the detail with the task’s checklist and everything still missing', async () => {
      const d = await detail(technician, id);
      expect(d.status).toBe(200);
      expect(d.headers.get('etag')).toBe('"1"');
      expect(d.body.task.key).toBe('elevator-statutory-inspection');
      expect(d.body.task.checklist.map((i) => i.key)).toEqual(ELEVATOR_INSPECTION_ITEMS);
      expect(d.body.asset).toMatchObject({ id: world.assetA, assetClass: 'A' });
      expect(d.body.missingEvidence).toEqual([
        ...ELEVATOR_INSPECTION_ITEMS.map((k) => `checklist.${k}`),
        'inspectionRecord',
        'document:inspection-report',
      ]);
    });

    it('refuses completion without evidence: 409 naming what is missing, nothing written', async () => {
      const before = await count(ds, `SELECT count(*)::int AS n FROM occurrence_events WHERE occurrence_id = $1`, [id]);
      const r = await act(technician, id, 'complete');
      expect(r.status).toBe(409);
      const details = (r.body as unknown as { details: { code: string; missing: string[] } }).details;
      expect(details.code).toBe('evidence-missing');
      expect(details.missing).toEqual([
        ...ELEVATOR_INSPECTION_ITEMS.map((k) => `checklist.${k}`),
        'inspectionRecord',
        'document:inspection-report',
      ]);
      expect(await count(ds, `SELECT count(*)::int AS n FROM occurrence_events WHERE occurrence_id = $1`, [id])).toBe(
        before,
      );
      expect(await version(id)).toBe(1);
    });

    it('needs If-Match on state changes (428 without, 412 stale)', async () => {
      expect((await technician.post(path(id, 'start'), {})).status).toBe(428);
      const stale = await technician.post(path(id, 'start'), {}, ifMatch(7));
      expect([stale.status, (stale.body as { details?: { currentVersion?: number } }).details?.currentVersion]).toEqual(
        [412, 1],
      );
    });

    it('is done on time with checklist, §17 record and the report as PDF — and names the rest until then', async () => {
      const started = await act(technician, id, 'start');
      expect(started.status).toBe(200);
      expect(started.body.technicianId).toBe(technician.user.id);
      expect(started.headers.get('etag')).toBe('"2"');
      const checklist = await put(technician, id, 'checklist', allPass(ELEVATOR_INSPECTION_ITEMS));
      expect(checklist.status).toBe(200);
      expect(checklist.body.missingEvidence).toEqual(['inspectionRecord', 'document:inspection-report']);
      // a shorter deadline than the 2-year schedule, set by the body
      const shorter = DateTime.fromISO(day(0)).plus({ months: 18 }).toISODate() as string;
      const rec = await put(technician, id, 'inspection-record', { ...record, nextDeadline: shorter });
      expect(rec.status).toBe(200);
      expect(rec.body.missingEvidence).toEqual(['document:inspection-report']);
      expect((await act(technician, id, 'complete')).body).toMatchObject({
        details: { code: 'evidence-missing', missing: ['document:inspection-report'] },
      });
      const doc = await upload(
        technician,
        id,
        { bytes: PDF, name: 'Prüfbericht.pdf' },
        {
          documentClass: 'inspection-report',
        },
      );
      expect(doc.status).toBe(201);
      const done = await act(technician, id, 'complete');
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({
        status: 'done-on-time',
        completedOn: day(0),
        completedBy: technician.user.id,
        evidenceAccepted: true,
        followUpTicketIds: [],
        missingEvidence: [],
      });
      expect(done.body.documents.map((d) => d.documentClass)).toEqual(['inspection-report']);
      // the report is kept at least until the body's next deadline (retention rule of inspection reports)
      expect((done.body.documents[0]?.retentionUntil ?? '') >= shorter).toBe(true);
      const types = done.body.events.map((e) => e.type);
      expect(types).toEqual(['started', 'checklist', 'inspection-recorded', 'document-attached', 'completed']);
      expect(done.body.events.every((e) => e.actorId === technician.user.id)).toBe(true);
      expect(done.body.events.at(-1)?.payload).toMatchObject({ status: 'done-on-time', bodyDeadline: shorter });
      // the log is append-only
      await expect(
        ds.query(`UPDATE occurrence_events SET payload = '{}' WHERE occurrence_id = $1`, [id]),
      ).rejects.toThrow(/append-only/);
      // a completed occurrence takes no more changes
      const again = await act(technician, id, 'complete');
      expect([again.status, (again.body as unknown as { details: { code: string } }).details.code]).toEqual([
        409,
        'occurrence-closed',
      ]);
    });

    it('is done late after the on-time limit, and stays missed after the legal latest date', async () => {
      const late = await createOccurrence(ds, world, maintenanceReqA, world.assetA, {
        target: day(-5),
        onTimeLimit: day(-4),
        legalLatest: day(2),
      });
      await put(agent, late, 'checklist', allPass(ELEVATOR_MAINTENANCE_ITEMS));
      expect((await act(agent, late, 'complete')).body.status).toBe('done-late');
      const missed = await createOccurrence(ds, world, maintenanceReqA, world.assetA, {
        target: day(-20),
        onTimeLimit: day(-20),
        legalLatest: day(-2),
        status: 'missed',
      });
      await put(agent, missed, 'checklist', allPass(ELEVATOR_MAINTENANCE_ITEMS));
      const r = await act(agent, missed, 'complete');
      expect([r.status, r.body.status, r.body.completedOn]).toEqual([200, 'missed', day(0)]);
    });
  });

  describe('a failed item', () => {
    it.each([
      ['A', () => world.assetA, () => maintenanceReqA],
      ['C', () => world.assetC, () => maintenanceReqC],
    ])(
      'raises exactly one fault ticket with the asset class’s priority %s; a retry raises none',
      async (cls, asset, req) => {
        const id = await createOccurrence(ds, world, req(), asset(), { target: day(1) });
        const results = ELEVATOR_MAINTENANCE_ITEMS.map((key) =>
          key === 'doors'
            ? { key, outcome: 'fail', note: 'Schachttür 2. OG schließt nicht' }
            : { key, outcome: 'pass' },
        );
        expect((await put(technician, id, 'checklist', { results })).status).toBe(200);
        const v = await version(id);
        const [first, second] = await Promise.all([
          technician.post<OccurrenceBody>(path(id, 'complete'), {}, ifMatch(v)),
          technician.post<OccurrenceBody>(path(id, 'complete'), {}, ifMatch(v)),
        ]);
        const ok = [first, second].filter((a) => a.status === 200);
        expect(ok).toHaveLength(1);
        expect([first.status, second.status].sort()).toEqual([200, 412]);
        const ticketIds = ok[0]?.body.followUpTicketIds ?? [];
        expect(ticketIds).toHaveLength(1);
        // and a retry later: 409, still one ticket
        const retry = await technician.post(path(id, 'complete'), {}, ifMatch(await version(id)));
        expect(retry.status).toBe(409);
        expect(
          await count(ds, `SELECT count(*)::int AS n FROM tickets WHERE id = ANY($1::uuid[]) OR description LIKE $2`, [
            ticketIds,
            `%${id}%`,
          ]),
        ).toBe(1);
        // in the agent's queue, with the asset class's priority and the 'created' event
        const queue = await agent.get<{ items: Array<{ id: string; priority: string; title: string }> }>(
          `/api/tickets?assetId=${asset()}&open=true&limit=200`,
        );
        const ticket = queue.body.items.find((t) => t.id === ticketIds[0]);
        expect(ticket).toMatchObject({ priority: cls });
        expect(ticket?.title).toContain('Kabinen- und Schachttüren');
        const [row] = (await ds.query(
          `SELECT follow_up_ticket_ids::text[] AS ids FROM maintenance_occurrences WHERE id = $1`,
          [id],
        )) as Array<{ ids: string[] }>;
        expect(row?.ids).toEqual(ticketIds);
        const completed = (await detail(agent, id)).body.events.find((e) => e.type === 'completed');
        expect(completed?.payload['followUpTicketIds']).toEqual(ticketIds);
      },
    );
  });

  describe('cancellation', () => {
    it('needs a reason and an active manager of the tenant (or an admin) as approver', async () => {
      const id = await createOccurrence(ds, world, maintenanceReqC, world.assetC, { target: day(5) });
      const noReason = await act(agent, id, 'cancel', { approverId: manager.user.id });
      expect([noReason.status, fieldsOf(noReason)]).toEqual([400, ['reason']]);
      const blank = await act(agent, id, 'cancel', { reason: '   ', approverId: manager.user.id });
      expect([blank.status, fieldsOf(blank)]).toEqual([400, ['reason']]);
      const inactive = await createUser(ds, 'manager', { servesTenantIds: [world.tenantId] });
      await ds.query(`UPDATE users SET active = false WHERE id = $1`, [inactive.id]);
      for (const approverId of [technician.user.id, otherManager.user.id, inactive.id, randomUUID()]) {
        const r = await act(agent, id, 'cancel', { reason: 'Anlage stillgelegt', approverId });
        expect([approverId, r.status, fieldsOf(r)]).toEqual([approverId, 400, ['approverId']]);
      }
      expect((await act(technician, id, 'cancel', { reason: 'x', approverId: manager.user.id })).status).toBe(403);
      const ok = await act(agent, id, 'cancel', {
        reason: 'Anlage stillgelegt (Rückbau)',
        approverId: manager.user.id,
      });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({
        status: 'cancelled',
        cancelReason: 'Anlage stillgelegt (Rückbau)',
        cancelledBy: agent.user.id,
        cancelApprovedBy: manager.user.id,
      });
      expect(ok.body.events.map((e) => e.type)).toEqual(['cancelled']);
      expect((await act(agent, id, 'start')).status).toBe(409);
      const byAdmin = await createOccurrence(ds, world, maintenanceReqC, world.assetC, { target: day(6) });
      expect(
        (await act(manager, byAdmin, 'cancel', { reason: 'Doppelt geplant', approverId: admin.user.id })).status,
      ).toBe(200);
    });

    it('refuses to cancel a missed occurrence (that would heal the miss)', async () => {
      const id = await createOccurrence(ds, world, maintenanceReqC, world.assetC, {
        target: day(-30),
        legalLatest: day(-1),
        status: 'missed',
      });
      const r = await act(agent, id, 'cancel', { reason: 'zu spät', approverId: manager.user.id });
      expect([r.status, (r.body as unknown as { details: { code: string } }).details.code]).toEqual([409, 'missed']);
    });

    it('lists exactly the approvers cancel accepts: active managers of the tenant first, then active admins', async () => {
      const id = await createOccurrence(ds, world, maintenanceReqC, world.assetC, { target: day(7) });
      const inactive = await createUser(ds, 'manager', { servesTenantIds: [world.tenantId] });
      await ds.query(`UPDATE users SET active = false WHERE id = $1`, [inactive.id]);
      const approvers = (client: Client) =>
        client.get<{ items: Array<{ id: string; name: string; role: string }> }>(path(id, 'cancel-approvers'));
      const listed = await approvers(agent);
      expect(listed.status).toBe(200);
      const ids = listed.body.items.map((a) => a.id);
      expect(ids).toContain(manager.user.id);
      expect(ids).toContain(admin.user.id);
      for (const excluded of [inactive.id, otherManager.user.id, technician.user.id, agent.user.id]) {
        expect(ids).not.toContain(excluded);
      }
      const roles = listed.body.items.map((a) => a.role);
      expect(roles.indexOf('admin')).toBeGreaterThan(roles.lastIndexOf('manager'));
      // every listed approver is accepted by cancel: the dry run is the real cancel of a fresh occurrence each
      for (const approver of listed.body.items.slice(0, 3)) {
        const fresh = await createOccurrence(ds, world, maintenanceReqC, world.assetC, { target: day(8) });
        const r = await act(agent, fresh, 'cancel', { reason: 'Außer Betrieb', approverId: approver.id });
        expect([approver.role, r.status]).toEqual([approver.role, 200]);
      }
      expect((await approvers(manager)).status).toBe(200);
      expect((await approvers(technician)).status).toBe(403);
      for (const outside of [customer, otherManager]) expect((await approvers(outside)).status).toBe(404);
      expect((await agent.get(path(randomUUID(), 'cancel-approvers'))).status).toBe(404);
      expect((await agent.get(path('not-a-uuid', 'cancel-approvers'))).status).toBe(404);
    });
  });

  describe('compliance', () => {
    it('equals the domain’s figure for a small world, with the non-compliant rows for drill-down', async () => {
      const w = await createTenantWorld(ds);
      const boss = await signIn(ds, api.baseUrl, 'manager', { servesTenantIds: [w.tenantId] });
      const pump = await createAsset(ds, w.tenantId, w.siteId, { assetClass: 'B', name: 'Pumpe', trade: 'sprinkler' });
      const reqElevator = await createRequirement(ds, w, MAINTENANCE, w.assetA);
      const reqSprinkler = await createRequirement(
        ds,
        w,
        { ...MAINTENANCE, taskKey: 'sprinkler-pump-test', cadence: [1, 'month'] },
        pump.id,
      );
      // period: the 30 days ending yesterday
      const from = day(-30);
      const to = day(-1);
      const rows = [
        // elevators: on time, late, missed
        {
          req: reqElevator,
          asset: w.assetA,
          target: day(-25),
          onTime: day(-24),
          legal: day(-20),
          done: day(-24),
          ok: true,
        },
        {
          req: reqElevator,
          asset: w.assetA,
          target: day(-15),
          onTime: day(-15),
          legal: day(-5),
          done: day(-10),
          ok: true,
        },
        { req: reqElevator, asset: w.assetA, target: day(-12), onTime: day(-12), legal: day(-2) },
        // sprinkler: completed without accepted evidence (open), not completed before its deadline (open), cancelled
        {
          req: reqSprinkler,
          asset: pump.id,
          target: day(-8),
          onTime: day(-8),
          legal: day(4),
          done: day(-8),
          ok: false,
        },
        { req: reqSprinkler, asset: pump.id, target: day(-3), onTime: day(-3), legal: day(5) },
        { req: reqSprinkler, asset: pump.id, target: day(-6), onTime: day(-6), legal: day(3), cancelled: true },
        // outside the period
        { req: reqSprinkler, asset: pump.id, target: day(-40), onTime: day(-40), legal: day(-35) },
      ];
      const inputs: ComplianceInput[] = [];
      for (const r of rows) {
        const id = await createOccurrence(ds, w, r.req, r.asset, {
          target: r.target,
          onTimeLimit: r.onTime,
          legalLatest: r.legal,
          trade: r.req === reqElevator ? 'elevators' : 'sprinkler',
          ...(r.done ? { completedOn: r.done, status: 'done-on-time' } : {}),
          evidenceAccepted: r.ok === true,
          ...(r.cancelled ? { status: 'cancelled', cancelReason: 'stillgelegt' } : {}),
        });
        inputs.push({
          occurrenceId: id,
          trade: r.req === reqElevator ? 'elevators' : 'sprinkler',
          targetDate: r.target,
          onTimeLimit: r.onTime,
          legalLatest: r.legal,
          ...(r.done ? { completedOn: r.done } : {}),
          evidenceAccepted: r.ok === true,
          cancelled: r.cancelled === true,
        });
      }
      const r = await boss.get<ComplianceBody>(
        `/api/maintenance/compliance?contractId=${w.contractId}&from=${from}&to=${to}`,
      );
      expect(r.status).toBe(200);
      const expected = computeCompliance(inputs, { from, to }, day(0));
      expect(r.body.total).toEqual(expected.total);
      expect(Object.keys(r.body.byTrade).sort()).toEqual(Object.keys(expected.byTrade).sort());
      for (const [trade, figure] of Object.entries(expected.byTrade)) {
        expect(r.body.byTrade[trade]).toEqual(figure);
      }
      // the arithmetic: 5 due in the period (1 cancelled and 1 outside excluded), 1 on time → 20.00 %
      expect(r.body.total).toMatchObject({
        due: 5,
        onTime: 1,
        late: 1,
        missed: 1,
        open: 2,
        cancelled: 1,
        percent: '20.00',
      });
      expect(r.body.byTrade['elevators']).toMatchObject({ due: 3, onTime: 1, percent: '33.33' });
      expect(r.body.nonCompliant.map((n) => [n.targetDate, n.reason]).sort()).toEqual(
        expected.total.nonCompliant
          .map((n) => [inputs.find((i) => i.occurrenceId === n.occurrenceId)?.targetDate, n.reason])
          .sort(),
      );
      expect(r.body.nonCompliant.find((n) => n.reason === 'missed')).toMatchObject({
        assetId: w.assetA,
        assetName: 'Aufzug 1',
        taskKey: 'elevator-maintenance',
        targetDate: day(-12),
        legalLatest: day(-2),
        completedOn: null,
      });
      // tenancy and input
      expect(
        (await otherManager.get(`/api/maintenance/compliance?contractId=${w.contractId}&from=${from}&to=${to}`)).status,
      ).toBe(404);
      expect(
        (await technician.get(`/api/maintenance/compliance?contractId=${w.contractId}&from=${from}&to=${to}`)).status,
      ).toBe(403);
      const reversed = await boss.get(`/api/maintenance/compliance?contractId=${w.contractId}&from=${to}&to=${from}`);
      expect([reversed.status, fieldsOf(reversed)]).toEqual([400, ['to']]);
      const long = await boss.get(
        `/api/maintenance/compliance?contractId=${w.contractId}&from=2025-01-01&to=2026-12-31`,
      );
      expect([long.status, fieldsOf(long)]).toEqual([400, ['to']]);
      const bad = await boss.get(`/api/maintenance/compliance?contractId=${w.contractId}&from=2026-02-30&to=x`);
      expect([bad.status, fieldsOf(bad).sort()]).toEqual([400, ['from', 'to']]);
    });
  });

  describe('the iCalendar feed', () => {
    it('lists the technician’s released open work of the next 8 weeks as all-day events with stable UIDs', async () => {
      const feedTech = await signIn(ds, api.baseUrl, 'technician', { servesTenantIds: [other.tenantId] });
      const req = await createRequirement(ds, other, MAINTENANCE, other.assetA);
      const inFeed = [
        await createOccurrence(ds, other, req, other.assetA, { target: day(2) }),
        await createOccurrence(ds, other, req, other.assetA, { target: day(40), technicianId: feedTech.user.id }),
      ];
      await createOccurrence(ds, other, req, other.assetA, { target: day(70) }); // beyond 8 weeks
      await createOccurrence(ds, other, req, other.assetA, { target: day(3), released: false });
      await createOccurrence(ds, other, req, other.assetA, { target: day(3), technicianId: outsideTechnician.user.id });
      const token = await feedTech.post<{ url: string }>('/api/account/calendar-token');
      expect(token.status).toBe(201);
      const url = new URL(token.body.url);
      expect(url.pathname).toMatch(/^\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
      const res = await fetch(`${api.baseUrl}${url.pathname}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
      const ics = parseIcs(await res.text());
      expect(ics.lines[0]).toBe('BEGIN:VCALENDAR');
      expect(ics.lines.at(-1)).toBe('END:VCALENDAR');
      expect(ics.events.map((e) => e['UID']).sort()).toEqual(inFeed.map((id) => `occurrence-${id}@leitstand`).sort());
      const first = ics.events.find((e) => e['UID'] === `occurrence-${inFeed[0]}@leitstand`);
      expect(first?.['DTSTART;VALUE=DATE']).toBe(day(2).replace(/-/g, ''));
      expect(first?.['SUMMARY']).toContain('Aufzug 1');
      // the same UIDs on the next fetch; only the hash is stored
      const again = parseIcs(await (await fetch(`${api.baseUrl}${url.pathname}`)).text());
      expect(again.events.map((e) => e['UID']).sort()).toEqual(ics.events.map((e) => e['UID']).sort());
      const [stored] = (await ds.query(`SELECT calendar_token_hash FROM users WHERE id = $1`, [
        feedTech.user.id,
      ])) as Array<{
        calendar_token_hash: string;
      }>;
      expect(stored?.calendar_token_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(token.body.url).not.toContain(stored?.calendar_token_hash);
      // a new token replaces the old one
      const renewed = await feedTech.post<{ url: string }>('/api/account/calendar-token');
      expect((await fetch(`${api.baseUrl}${url.pathname}`)).status).toBe(404);
      expect((await fetch(`${api.baseUrl}${new URL(renewed.body.url).pathname}`)).status).toBe(200);
      expect((await fetch(`${api.baseUrl}/api/calendar/not-a-token.ics`)).status).toBe(404);
      expect((await agent.post('/api/account/calendar-token')).status).toBe(403);
    });
  });

  describe('tenancy and input', () => {
    let id: string;

    beforeAll(async () => {
      id = await createOccurrence(ds, world, maintenanceReqA, world.assetA, { target: day(2) });
    });

    it('answers 404 outside the tenants and to customers, 403 for another technician’s work', async () => {
      for (const client of [outsideTechnician, otherManager, customer]) {
        expect((await detail(client, id)).status).toBe(404);
        expect((await client.post(path(id, 'start'), {}, ifMatch(1))).status).toBe(404);
      }
      expect((await admin.get(path(randomUUID()))).status).toBe(404);
      expect((await admin.get(path('not-a-uuid'))).status).toBe(404);
      const upload404 = await upload(outsideTechnician, id, { bytes: JPEG, name: 'x.jpg' }, { documentClass: 'photo' });
      expect(upload404.status).toBe(404);
      const taken = await createOccurrence(ds, world, maintenanceReqA, world.assetA, {
        target: day(2),
        technicianId: colleague.user.id,
      });
      expect((await act(technician, taken, 'start')).status).toBe(403);
      const unreleased = await createOccurrence(ds, world, maintenanceReqA, world.assetA, {
        target: day(30),
        released: false,
      });
      const notYet = await act(technician, unreleased, 'start');
      expect([notYet.status, (notYet.body as unknown as { details: { code: string } }).details.code]).toEqual([
        409,
        'not-released',
      ]);
    });

    it('answers 400 naming the field for a bad checklist, record, work log, material or upload — writing nothing', async () => {
      const unknown = await put(technician, id, 'checklist', {
        results: [
          { key: 'doors', outcome: 'pass' },
          { key: 'flux-capacitor', outcome: 'pass' },
        ],
      });
      expect([unknown.status, fieldsOf(unknown)]).toEqual([400, ['results.1.key']]);
      expect(JSON.stringify(unknown.body)).toContain('flux-capacitor');
      const twice = await put(technician, id, 'checklist', {
        results: [
          { key: 'doors', outcome: 'pass' },
          { key: 'doors', outcome: 'fail' },
        ],
      });
      expect([twice.status, fieldsOf(twice)]).toEqual([400, ['results.1.key']]);
      const outcome = await put(technician, id, 'checklist', { results: [{ key: 'doors', outcome: 'maybe' }] });
      expect([outcome.status, fieldsOf(outcome)]).toEqual([400, ['results.0.outcome']]);
      const bare = await technician.call('PUT', path(id, 'checklist'), [{ key: 'doors', outcome: 'pass' }], ifMatch(1));
      expect([bare.status, fieldsOf(bare)]).toEqual([400, ['body']]);
      const rec = await put(technician, id, 'inspection-record', {
        date: day(3),
        type: '',
        result: 'major-defects',
        defects: [],
        inspector: 'M. Berger',
        nextDeadline: day(-400),
      });
      expect(rec.status).toBe(400);
      expect(fieldsOf(rec).sort()).toEqual(['scope', 'type']);
      const rec2 = await put(technician, id, 'inspection-record', {
        ...record,
        date: day(3),
        result: 'major-defects',
        nextDeadline: day(-400),
      });
      expect([rec2.status, fieldsOf(rec2).sort()]).toEqual([400, ['date', 'defects', 'nextDeadline']]);
      const minutes = await technician.post(path(id, 'work-logs'), { minutes: 0 });
      expect([minutes.status, fieldsOf(minutes)]).toEqual([400, ['minutes']]);
      const floaty = await technician.post(path(id, 'materials'), { description: 'Filter', quantity: 2.5 });
      expect([floaty.status, fieldsOf(floaty)]).toEqual([400, ['quantity']]);
      const price = await technician.post(path(id, 'materials'), {
        description: 'Filter',
        quantity: '2',
        unitPrice: '12.345',
      });
      expect([price.status, fieldsOf(price)]).toEqual([400, ['unitPrice']]);
      const cls = await upload(technician, id, { bytes: PDF, name: 'r.pdf' }, { documentClass: 'invoice' });
      expect([cls.status, fieldsOf(cls)]).toEqual([400, ['documentClass']]);
      const exe = await upload(technician, id, { bytes: EXE, name: 'foto.jpg' }, { documentClass: 'photo' });
      expect([exe.status, fieldsOf(exe)]).toEqual([415, ['file']]);
      expect(await version(id)).toBe(1);
      expect(await count(ds, `SELECT count(*)::int AS n FROM occurrence_events WHERE occurrence_id = $1`, [id])).toBe(
        0,
      );
    });

    it('logs work and material with decimal strings, each an event with actor and time', async () => {
      const log = await technician.post<{ minutes: number }>(path(id, 'work-logs'), {
        minutes: 45,
        note: 'Schmierung',
      });
      expect([log.status, log.body.minutes, log.headers.get('etag')]).toEqual([201, 45, '"2"']);
      const material = await technician.post<{ quantity: string; unitPrice: string | null }>(path(id, 'materials'), {
        description: 'Getriebeöl 1 l',
        quantity: '1.5',
        unit: 'l',
        unitPrice: '12.90',
      });
      expect([material.status, material.body.quantity, material.body.unitPrice]).toEqual([201, '1.500', '12.90']);
      const stale = await technician.post(path(id, 'materials'), { description: 'x', quantity: '1' }, ifMatch(1));
      expect(stale.status).toBe(412);
      const photo = await upload(technician, id, { bytes: JPEG, name: 'vorher.jpg' }, { documentClass: 'photo' });
      expect(photo.status).toBe(201);
      const d = await detail(agent, id);
      expect(d.body.workLogs).toMatchObject([{ minutes: 45, technicianId: technician.user.id, note: 'Schmierung' }]);
      expect(d.body.materials).toMatchObject([
        { description: 'Getriebeöl 1 l', quantity: '1.500', unitPrice: '12.90' },
      ]);
      expect(d.body.events.map((e) => e.type)).toEqual(['work-logged', 'material-added', 'document-attached']);
      expect(d.body.version).toBe(4);
      // the photo's link names the occurrence, and the document store serves it
      const docId = d.body.documents[0]?.id ?? '';
      expect((await agent.get(`/api/documents/${docId}`)).status).toBe(200);
      expect(
        await count(ds, `SELECT count(*)::int AS n FROM document_links WHERE occurrence_id = $1 AND document_id = $2`, [
          id,
          docId,
        ]),
      ).toBe(1);
    });

    it('lets PostgreSQL refuse a document link into another tenant’s occurrence, and a link to two targets', async () => {
      const [doc] = (await ds.query(
        `SELECT l.document_id, l.tenant_id FROM document_links l WHERE l.occurrence_id = $1 LIMIT 1`,
        [id],
      )) as Array<{ document_id: string; tenant_id: string }>;
      const foreign = await createOccurrence(
        ds,
        other,
        await createRequirement(ds, other, MAINTENANCE, other.assetA),
        other.assetA,
        {
          target: day(2),
        },
      );
      await expect(
        ds.query(
          `INSERT INTO document_links (document_id, tenant_id, occurrence_id, linked_by) VALUES ($1, $2, $3, $4)`,
          [doc?.document_id, doc?.tenant_id, foreign, admin.user.id],
        ),
      ).rejects.toThrow(/another tenant/);
      await expect(
        ds.query(
          `INSERT INTO document_links (document_id, tenant_id, occurrence_id, asset_id, linked_by) VALUES ($1, $2, $3, $4, $5)`,
          [doc?.document_id, doc?.tenant_id, id, world.assetA, admin.user.id],
        ),
      ).rejects.toThrow(/ck_document_links_one_target/);
    });
  });
});

interface OccurrenceBody {
  id: string;
  version: number;
  status: string;
  technicianId: string | null;
  completedOn: string | null;
  completedBy: string | null;
  evidenceAccepted: boolean;
  cancelReason: string | null;
  cancelledBy: string | null;
  cancelApprovedBy: string | null;
  followUpTicketIds: string[];
  missingEvidence: string[];
  task: { key: string; checklist: Array<{ key: string }> };
  asset: { id: string; assetClass: string };
  events: Array<{ type: string; actorId: string | null; payload: Record<string, unknown> }>;
  documents: Array<{ id: string; documentClass: string; retentionUntil: string }>;
  workLogs: Array<Record<string, unknown>>;
  materials: Array<Record<string, unknown>>;
}

interface FigureBody {
  due: number;
  onTime: number;
  late: number;
  missed: number;
  open: number;
  cancelled: number;
  percent: string | null;
  derivation: string[];
  nonCompliant: Array<{ occurrenceId: string; reason: string }>;
}

interface ComplianceBody {
  total: FigureBody;
  byTrade: Record<string, FigureBody>;
  nonCompliant: Array<{
    occurrenceId: string;
    reason: string;
    assetId: string;
    assetName: string;
    taskKey: string;
    targetDate: string;
    legalLatest: string;
    completedOn: string | null;
  }>;
}
