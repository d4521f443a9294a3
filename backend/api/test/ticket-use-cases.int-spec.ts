import { Test } from '@nestjs/testing';
import type { INestApplicationContext } from '@nestjs/common';
import {
  APP_CONFIG,
  CLOCK,
  ConfigModule,
  ConflictError,
  InvalidInputError,
  LoggingModule,
  MetricsModule,
  NotFoundError,
  PreconditionFailedError,
  loadConfig,
  type AuthUser,
  type Clock,
} from '@leitstand/backend/core';
import { DatabaseModule } from '@leitstand/backend/data-access';
import { QueueModule } from '@leitstand/backend/jobs';
import {
  TicketActionsService,
  TicketsModule,
  TicketsService,
  type CreateTicketDto,
  type PauseTicketDto,
} from '@leitstand/backend/tickets';
import { createTestEnv, type TestEnv } from '@leitstand/backend/testing';
import { count, createTenantWorld } from './ticket-test-world';

/**
 * The intake and transition use cases in process: TicketsService and TicketActionsService from a Nest
 * context on a real, migrated PostgreSQL (and the Redis the change stream publishes to), without HTTP,
 * so a failure points at the use case, not at routing, guards or serialisation. The clock is a settable
 * test clock, so every SLA instant below is exact.
 */

class TestClock implements Clock {
  constructor(public at: Date) {}
  now(): Date {
    return new Date(this.at.getTime());
  }
  advance(minutes: number): void {
    this.at = new Date(this.at.getTime() + minutes * 60_000);
  }
}

const START = new Date('2026-12-07T09:00:00.000Z');
const MIN = 60_000;

describe('ticket use cases in process (real PostgreSQL, no HTTP)', () => {
  let env: TestEnv;
  let context: INestApplicationContext;
  let tickets: TicketsService;
  let actions: TicketActionsService;
  let world: Awaited<ReturnType<typeof createTenantWorld>>;
  const clock = new TestClock(START);

  const agent = (tenantIds: 'all' | string[] = 'all'): AuthUser => ({
    id: '00000000-0000-4000-8000-00000000a9e7',
    email: 'agent@example.test',
    displayName: 'Agentin Test',
    role: 'agent',
    tenantId: null,
    tenantIds,
    sessionId: 'in-process',
  });
  let customer: AuthUser;

  beforeAll(async () => {
    env = await createTestEnv('ticket_use_cases');
    const moduleRef = await Test.createTestingModule({
      imports: [ConfigModule, LoggingModule.forRoot('api'), MetricsModule, DatabaseModule, QueueModule, TicketsModule],
    })
      .overrideProvider(APP_CONFIG)
      .useValue(loadConfig({ ...env.env, LOG_LEVEL: 'warn' }))
      .overrideProvider(CLOCK)
      .useValue(clock)
      .compile();
    context = await moduleRef.init();
    tickets = context.get(TicketsService);
    actions = context.get(TicketActionsService);
    world = await createTenantWorld(env.dataSource);
    // Events and work logs name their actor by user id: the agent must exist.
    await env.dataSource.query(
      `INSERT INTO users (id, email, display_name, role, password_hash, version)
       VALUES ($1, 'agent@example.test', 'Agentin Test', 'agent', 'x', 1)`,
      [agent().id],
    );
    customer = {
      id: '00000000-0000-4000-8000-0000000c0573',
      email: 'kunde@example.test',
      displayName: 'Kunde Test',
      role: 'customer',
      tenantId: world.tenantId,
      tenantIds: [world.tenantId],
      sessionId: 'in-process',
    };
  });

  afterAll(async () => {
    await context?.close();
    await env?.cleanup();
  });

  const report = (input: Partial<CreateTicketDto>, user = agent(), key?: string) =>
    tickets.create(user, { siteId: world.siteId, title: 'Aufzug steht', ...input } as CreateTicketDto, key);

  it('intake: an A-asset fault gets priority A, the contract, clocks at 15/60 min and one created event', async () => {
    clock.at = START;
    const { status, body } = await report({ assetId: world.assetA, assetDown: true });
    expect(status).toBe(201);
    expect(body).toMatchObject({ priority: 'A', status: 'new', inScope: true, contractId: world.contractId });
    const deadlines = Object.fromEntries(body.clocks.map((c) => [c.clock, c.deadline]));
    expect(deadlines).toEqual({
      response: new Date(START.getTime() + 15 * MIN).toISOString(),
      restore: new Date(START.getTime() + 60 * MIN).toISOString(),
    });
    const [created] = (await env.dataSource.query(
      `SELECT type, payload FROM ticket_events WHERE ticket_id = $1 ORDER BY id`,
      [body.id],
    )) as Array<{ type: string; payload: Record<string, unknown> }>;
    expect(created).toMatchObject({
      type: 'created',
      payload: { priority: 'A', defaultPriority: 'A', inScope: true, actorRole: 'agent', assetDown: true },
    });
    expect(
      await count(
        env.dataSource,
        `SELECT count(*)::int AS n FROM outbox_messages WHERE job_name = 'ticket.created' AND payload::text LIKE $1`,
        [`%${body.id}%`],
      ),
    ).toBe(1);
  });

  it('intake: an override needs a reason, a customer cannot override, and a refused report writes nothing', async () => {
    const before = await count(env.dataSource, `SELECT count(*)::int AS n FROM tickets`);
    await expect(report({ assetId: world.assetC, priority: 'A' })).rejects.toMatchObject({
      fields: [{ field: 'priorityReason' }],
    });
    await expect(report({ assetId: world.assetC, priority: 'A' }, customer)).rejects.toBeInstanceOf(InvalidInputError);
    await expect(report({})).rejects.toMatchObject({ fields: [{ field: 'priority' }] });
    await expect(report({ faultBeganAt: new Date(START.getTime() + 10 * MIN).toISOString() })).rejects.toMatchObject({
      fields: expect.arrayContaining([expect.objectContaining({ field: 'faultBeganAt' })]),
    });
    expect(await count(env.dataSource, `SELECT count(*)::int AS n FROM tickets`)).toBe(before);

    const overridden = await report({ assetId: world.assetC, priority: 'A', priorityReason: ' Produktion steht ' });
    expect(overridden.body).toMatchObject({ priority: 'A', priorityReason: 'Produktion steht' });
    const portal = await report({ assetId: world.assetC }, customer);
    expect(portal.body).toMatchObject({ priority: 'C', channel: 'portal' });
  });

  it('intake: the same Idempotency-Key answers the first ticket again; another body under it is refused', async () => {
    const first = await report({ assetId: world.assetA }, agent(), 'use-case-key-1');
    const again = await report({ assetId: world.assetA }, agent(), 'use-case-key-1');
    expect(again).toMatchObject({ replayed: true, body: { id: first.body.id, number: first.body.number } });
    await expect(report({ assetId: world.assetC }, agent(), 'use-case-key-1')).rejects.toMatchObject({ status: 422 });
  });

  it('intake: a site outside the caller’s tenants and an asset of another tenant are unknown (404)', async () => {
    const other = await createTenantWorld(env.dataSource);
    await expect(
      report({ siteId: other.siteId } as Partial<CreateTicketDto>, agent([world.tenantId])),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(report({ assetId: other.assetA })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('transitions: accept stops the response clock, pause/resume keep the restore budget, stale versions and wrong steps refuse', async () => {
    clock.at = START;
    const { body: created } = await report({ assetId: world.assetA });
    clock.advance(5);
    const accepted = await actions.transition(agent(), created.id, 'accept', {}, created.version);
    expect(accepted.status).toBe('accepted');
    const response = accepted.clocks.find((c) => c.clock === 'response');
    expect(response).toMatchObject({ state: 'met', usedMinutes: 5 });

    await expect(actions.transition(agent(), created.id, 'accept', {}, undefined)).rejects.toBeInstanceOf(
      ConflictError,
    );
    await expect(actions.transition(agent(), created.id, 'restore', {}, created.version)).rejects.toBeInstanceOf(
      PreconditionFailedError,
    );

    clock.advance(10);
    const paused = await actions.transition(
      agent(),
      created.id,
      'pause',
      { reason: 'Ersatzteil bestellt' } as PauseTicketDto,
      accepted.version,
    );
    expect(paused).toMatchObject({ status: 'paused', pausedFrom: 'accepted' });
    clock.advance(30);
    const resumed = await actions.transition(agent(), created.id, 'resume', {}, paused.version);
    expect(resumed.status).toBe('accepted');
    const restore = resumed.clocks.find((c) => c.clock === 'restore');
    // 15 minutes ran before the pause; the 30 paused minutes do not count, so the deadline moved by 30.
    expect(restore).toMatchObject({ state: 'running', usedMinutes: 15 });
    expect(restore?.deadline).toBe(new Date(START.getTime() + (60 + 30) * MIN).toISOString());

    const types = (
      (await env.dataSource.query(`SELECT type FROM ticket_events WHERE ticket_id = $1 ORDER BY id`, [
        created.id,
      ])) as Array<{
        type: string;
      }>
    ).map((r) => r.type);
    expect(types).toEqual(['created', 'accepted', 'paused', 'resumed']);
    const [row] = (await env.dataSource.query(`SELECT version, status FROM tickets WHERE id = $1`, [
      created.id,
    ])) as Array<{
      version: number;
      status: string;
    }>;
    expect(row).toEqual({ version: resumed.version, status: 'accepted' });
  });
});
