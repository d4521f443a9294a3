import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { configure } from 'safe-stable-stringify';
import { DataSource, QueryFailedError, type EntityManager } from 'typeorm';
import {
  OPEN_TICKET_STATUSES,
  type CustomerTicketDetail,
  type CustomerTicketListResponse,
  type Priority,
  type TicketChannel,
  type TicketDetail,
  type TicketListResponse,
  type TicketStatus,
  type TicketTimelineResponse,
} from '@leitstand/api-contracts';
import {
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  UnprocessableError,
  canSeeTenant,
  tenantFilter,
  type AuthUser,
  type FieldProblem,
  isUuid,
} from '@leitstand/backend/core';
import { NO_SLA, computeTicketSla, type TicketSlaProjection } from '@leitstand/backend/data-access';
import {
  isTicketInScope,
  resolveTicketPriority,
  type EventActor,
  type ScopedAsset,
  type TicketEventPayloads,
} from '@leitstand/domain';
import { PlaceLookup, type TicketPlace } from './place-lookup';
import type { CreateTicketDto } from './create-ticket.dto';
import { ContractTermsCache } from './contract-terms.cache';
import { TicketChangesPublisher } from './ticket-changes';
import { CLOCK, type Clock } from '@leitstand/backend/core';
import { TicketIntakeWriter, type TicketIntakeRecord } from './ticket-intake.writer';
import type { TicketListQueryDto } from './ticket-list-query.dto';
import { searchTerms, searchWords } from './ticket-search';
import {
  TICKET_COLUMNS,
  TICKET_FROM,
  actorPayload,
  eventForCustomer,
  loadTicketDetail,
  toCustomerDetail,
  toCustomerSummaries,
  clockViewOf,
  toDetail,
  toEventView,
  toSummaries,
  type EventDbRow,
  type TicketRow,
} from './ticket-views';

/** How far in the future a reported "fault began at" may lie (clock skew of the reporting client). */
export const FAULT_BEGAN_SKEW_MS = 2 * 60_000;
export const DEFAULT_PAGE_SIZE = 50;

const canonicalJson = configure({ bigint: false, circularValue: Error, deterministic: true });

/** sha256 of the canonical JSON of a request body (key order does not matter). */
export function requestHash(body: unknown): string {
  return createHash('sha256')
    .update(canonicalJson({ ...(body as object) }) ?? '')
    .digest('hex');
}

export interface CreateTicketResult {
  status: number;
  body: TicketDetail;
  /** The answer is a replay of an earlier request with the same Idempotency-Key. */
  replayed: boolean;
}

/** Intake and queries of tickets. */
@Injectable()
export class TicketsService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ContractTermsCache) private readonly termsCache: ContractTermsCache,
    @Inject(TicketChangesPublisher) private readonly changes: TicketChangesPublisher,
    @Inject(TicketIntakeWriter) private readonly intake: TicketIntakeWriter,
    @Inject(PlaceLookup) private readonly places: PlaceLookup,
  ) {}

  /**
   * Creates a ticket: the ticket, its 'created' event, its SLA clocks, the SLA timers and the
   * 'ticket.created' job through the outbox and (with an Idempotency-Key) the stored answer commit in
   * ONE statement — shared, by group commit, with the other tickets reported at the same moment
   * (TicketIntakeWriter). Site, asset and the contract covering the site on its local date are read in
   * one query, shared the same way; the contract's terms come from the cache (keyed by contract version).
   */
  async create(user: AuthUser, input: CreateTicketDto, idempotencyKey?: string): Promise<CreateTicketResult> {
    if (user.role === 'technician') throw new ForbiddenError('technicians cannot report tickets');
    const hash = idempotencyKey === undefined ? '' : requestHash(input);
    if (idempotencyKey !== undefined) {
      if (idempotencyKey.length === 0 || idempotencyKey.length > 200) {
        throw InvalidInputError.of('Idempotency-Key', 'must be 1–200 characters');
      }
      const earlier = await this.idempotentAnswer(user.id, idempotencyKey, hash);
      if (earlier) return earlier;
    }

    const now = this.clock.now();
    const { record, respond } = await this.intakeRecord(user, input, now);

    let number: string;
    try {
      number = await this.intake.write({
        ...record,
        idempotency:
          idempotencyKey === undefined ? null : { userId: user.id, key: idempotencyKey, hash, response: respond },
      });
    } catch (error) {
      // A concurrent request with the same key committed first: answer as it did.
      if (idempotencyKey !== undefined && isUniqueViolation(error, 'idempotency_keys')) {
        const earlier = await this.idempotentAnswer(user.id, idempotencyKey, hash);
        if (earlier) return earlier;
      }
      throw error;
    }
    this.publishCreated(record.row);
    return { status: 201, body: respond(number), replayed: false };
  }

  /**
   * A fault ticket raised by other work — a failed item of a maintenance checklist — written with
   * `manager`, so it commits or rolls back with that work (a retry after a rollback finds no ticket; one
   * after the commit finds the work done). It is an intake like any other: priority from the asset's
   * class, the contract's SLA clocks and timers, the 'created' event and 'ticket.created' through the
   * outbox. Technicians cannot report tickets themselves, but their findings may raise one. Call
   * `publish` after COMMIT.
   */
  async createWithin(
    manager: EntityManager,
    user: AuthUser,
    input: CreateTicketDto,
  ): Promise<{ ticket: TicketDetail; publish: () => void }> {
    const now = this.clock.now();
    const { record, respond } = await this.intakeRecord(user, input, now);
    const number = await this.intake.writeWithin(manager, { ...record, idempotency: null });
    return { ticket: respond(number), publish: () => this.publishCreated(record.row) };
  }

  private publishCreated(row: TicketIntakeRecord['row']): void {
    this.changes.publish({
      ticketId: row.id,
      tenantId: row.tenant_id,
      type: 'created',
      version: 1,
      at: row.created_at.toISOString(),
    });
  }

  /** The validated intake of `input` at `now`: the ticket row, its 'created' event and its SLA clocks. */
  private async intakeRecord(
    user: AuthUser,
    input: CreateTicketDto,
    now: Date,
  ): Promise<{ record: Omit<TicketIntakeRecord, 'idempotency'>; respond: (number: string) => TicketDetail }> {
    const place = await this.placeOf(user, input, now);
    const decision = resolveTicketPriority({
      reporter: user.role === 'customer' ? 'customer' : 'staff',
      assetClass: place.asset_class,
      requested: input.priority,
      reason: input.priorityReason,
    });
    const faultBeganAt = input.faultBeganAt === undefined ? now : new Date(input.faultBeganAt);
    const problems: FieldProblem[] = [
      ...decision.problems.map((p) => ({ field: p.field, messages: [p.message] })),
      ...faultBeganProblems(faultBeganAt, now),
    ];
    if (problems.length > 0) throw new InvalidInputError(problems);

    const contract =
      place.contract_id === null
        ? null
        : await this.termsCache.contract(this.dataSource.manager, place.contract_id, place.contract_version ?? 0);
    const inScope = contract ? isTicketInScope(contract.scope, scopedAssetOf(place)) : true;
    const terms = contract
      ? this.termsCache.termsFor(contract, { id: place.site_id, state: place.state, timezone: place.timezone })
      : null;
    const priority = decision.priority;
    const sla = terms ? computeTicketSla(terms, [{ type: 'created', at: now, priority }], now) : NO_SLA;
    const channel = user.role === 'customer' ? 'portal' : (input.channel ?? 'phone');
    const row = newTicketRow({
      input,
      place,
      contractId: contract?.id ?? null,
      priority,
      reason: decision.reason,
      channel,
      faultBeganAt,
      inScope,
      sla,
      now,
    });
    const clocks = sla.clocks.map(clockViewOf);
    const respond = (number: string): TicketDetail => toDetail({ ...row, number }, clocks, null);
    const eventPayload: Omit<TicketEventPayloads['created'], keyof EventActor> = {
      priority,
      defaultPriority: decision.defaultPriority,
      ...(row.priority_reason ? { priorityReason: row.priority_reason } : {}),
      channel,
      assetDown: row.asset_down,
      faultBeganAt: faultBeganAt.toISOString(),
      reporter: row.reporter,
      siteId: row.site_id,
      assetId: row.asset_id,
      contractId: row.contract_id,
      inScope,
    };

    return {
      record: { row, eventPayload: { ...actorPayload(user), ...eventPayload }, actor: user.id, clocks: sla.clocks },
      respond,
    };
  }

  /** The reported site and asset as the caller may see them: 404 for unknown or foreign, 400 for a mismatch. */
  private async placeOf(user: AuthUser, input: CreateTicketDto, now: Date): Promise<TicketPlace> {
    const place = await this.places.find(input.siteId, input.assetId ?? null, now);
    if (!place || !canSeeTenant(user, place.tenant_id)) throw new NotFoundError('site', input.siteId);
    if (input.assetId !== undefined) {
      if (place.asset_id === null || place.asset_tenant_id !== place.tenant_id) {
        throw new NotFoundError('asset', input.assetId);
      }
      if (place.asset_site_id !== place.site_id) {
        throw InvalidInputError.of('assetId', 'the asset does not belong to the site');
      }
    }
    return place;
  }

  private async idempotentAnswer(userId: string, key: string, hash: string): Promise<CreateTicketResult | null> {
    const [earlier] = (await this.dataSource.query(
      `SELECT request_hash, status_code, response FROM idempotency_keys WHERE user_id = $1 AND key = $2`,
      [userId, key],
    )) as Array<{ request_hash: string; status_code: number; response: TicketDetail }>;
    if (!earlier) return null;
    if (earlier.request_hash !== hash) {
      throw new UnprocessableError('this Idempotency-Key was used with a different request body');
    }
    return { status: earlier.status_code, body: earlier.response, replayed: true };
  }

  /** The queue: nearest deadline first (no running clock last), then oldest, then id; keyset pages. */
  async list(user: AuthUser, query: TicketListQueryDto): Promise<TicketListResponse> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    let rows: Array<TicketRow & { nd_key: string | null; ca_key: string }> = [];
    for (const mode of ticketListModes(user, query)) {
      const built = buildTicketListQuery(user, query, limit + 1, mode);
      rows = (await this.dataSource.query(built.sql, built.params)) as typeof rows;
      if (rows.length > limit) break; // a full page (and one more): no need for the next mode
    }
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const key = query.sort === 'newest' ? [last?.ca_key, last?.id] : [last?.nd_key, last?.ca_key, last?.id];
    const nextCursor = rows.length > limit && last ? Buffer.from(JSON.stringify(key)).toString('base64url') : null;
    return { items: await toSummaries(this.dataSource.manager, page), nextCursor };
  }

  /** One ticket with both clocks; 404 when unknown or outside the caller's tenants. */
  async get(user: AuthUser, id: string): Promise<TicketDetail> {
    const row = await this.findVisible(this.dataSource.manager, user, id);
    return loadTicketDetail(this.dataSource.manager, row);
  }

  /** A page of the queue as a customer sees it (see CustomerTicketSummary). */
  async customerPage(page: TicketListResponse): Promise<CustomerTicketListResponse> {
    return { items: await toCustomerSummaries(this.dataSource.manager, page.items), nextCursor: page.nextCursor };
  }

  /** A ticket as a customer sees it (see CustomerTicketDetail). */
  customerDetail(detail: TicketDetail): Promise<CustomerTicketDetail> {
    return toCustomerDetail(this.dataSource.manager, detail);
  }

  /** The event log, oldest first; customers see no internal comments and no work-log internals. */
  async timeline(user: AuthUser, id: string): Promise<TicketTimelineResponse> {
    await this.findVisible(this.dataSource.manager, user, id);
    const rows = (await this.dataSource.query(
      `SELECT id, type, actor, occurred_at, payload FROM ticket_events WHERE ticket_id = $1 ORDER BY occurred_at, id`,
      [id],
    )) as EventDbRow[];
    const views = rows.map(toEventView);
    if (user.role !== 'customer') return { items: views };
    return { items: views.flatMap((e) => eventForCustomer(e) ?? []) };
  }

  async findVisible(manager: EntityManager, user: AuthUser, id: string): Promise<TicketRow> {
    if (!isUuid(id)) throw new NotFoundError('ticket', id);
    const [row] = (await manager.query(`SELECT ${TICKET_COLUMNS} FROM ${TICKET_FROM} WHERE t.id = $1`, [
      id,
    ])) as TicketRow[];
    if (!row || !canSeeTenant(user, row.tenant_id)) throw new NotFoundError('ticket', id);
    return row;
  }
}

function faultBeganProblems(faultBeganAt: Date, now: Date): FieldProblem[] {
  if (Number.isNaN(faultBeganAt.getTime())) {
    return [{ field: 'faultBeganAt', messages: ['faultBeganAt must be a valid instant'] }];
  }
  if (faultBeganAt.getTime() > now.getTime() + FAULT_BEGAN_SKEW_MS) {
    return [{ field: 'faultBeganAt', messages: ['faultBeganAt must not lie in the future'] }];
  }
  return [];
}

function scopedAssetOf(place: TicketPlace): ScopedAsset | null {
  if (place.asset_id === null) return null;
  return { trade: place.trade ?? '', assetClass: place.asset_class ?? '', inContract: place.in_contract !== false };
}

/** The row of a new ticket ('new', version 1) with its queue columns from the first SLA projection. */
function newTicketRow(a: {
  input: CreateTicketDto;
  place: TicketPlace;
  contractId: string | null;
  priority: Priority;
  reason: string | null;
  channel: TicketChannel;
  faultBeganAt: Date;
  inScope: boolean;
  sla: TicketSlaProjection;
  now: Date;
}): Omit<TicketRow, 'number'> {
  const { input, place, sla, now } = a;
  return {
    id: randomUUID(),
    tenant_id: place.tenant_id,
    site_id: place.site_id,
    site_name: place.site_name,
    site_state: place.state,
    site_timezone: place.timezone,
    asset_id: place.asset_id,
    asset_name: place.asset_name,
    asset_class: place.asset_class,
    contract_id: a.contractId,
    title: input.title.trim(),
    description: input.description?.trim() || null,
    category: input.category?.trim() || null,
    priority: a.priority,
    priority_reason: a.reason,
    status: 'new',
    paused_from: null,
    channel: a.channel,
    reporter: input.reporter?.trim() || null,
    fault_began_at: a.faultBeganAt,
    asset_down: input.assetDown ?? false,
    in_scope: a.inScope,
    scope_note: null,
    assignee_id: null,
    next_deadline: sla.nextDeadline,
    at_risk: sla.atRisk,
    breached: sla.breached,
    restored_at: null,
    closed_at: null,
    created_at: now,
    updated_at: now,
    version: 1,
  };
}

function isUniqueViolation(error: unknown, table: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; table?: string } | undefined;
  return driverError?.code === '23505' && driverError.table === table;
}

/**
 * How a list query finds its rows. 'plain': one query in the list's order (no search). With a search, 'walk'
 * filters the first SEARCH_WALK_ROWS tickets of the order (through ix_tickets_queue_order,
 * ix_tickets_tenant_queue_order or ix_tickets_open_queue*) and stops after a page — fast when the words are common, and exact, as the walk is a
 * prefix of the order; 'hits' collects every match through the search indexes first (bitmap scans), then sorts
 * only their keys — fast when the words are rare. The service tries 'walk' and falls back to 'hits' when the
 * walk did not fill the page: the planner cannot tell common from rare words well enough to choose alone.
 */
export type TicketListMode = 'plain' | 'walk' | 'hits';

/** Tickets of the order a 'walk' filters by the search before it gives up (see TicketListMode). */
export const SEARCH_WALK_ROWS = 5000;

/** The modes to try for `query`, in order: the first that returns `take` rows (or the last) answers. */
export function ticketListModes(user: AuthUser, query: TicketListQueryDto): TicketListMode[] {
  if (searchWords(query.q).length === 0) return ['plain'];
  // Newest first over every tenant has no index to walk (ix_tickets_tenant_created is per tenant).
  if (query.sort === 'newest' && tenantFilter(user) === null) return ['hits'];
  return ['walk', 'hits'];
}

/**
 * The SQL of the queue query (exported so a test can EXPLAIN it). For open-only lists the predicate
 * `status <> 'closed'` lets PostgreSQL walk the partial indexes ix_tickets_open_queue (one tenant) /
 * ix_tickets_open_queue_all (all tenants) in order and stop after one page.
 */
export function buildTicketListQuery(
  user: AuthUser,
  query: TicketListQueryDto,
  take: number,
  mode: TicketListMode = ticketListModes(user, query).at(-1) ?? 'plain',
): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown, cast = ''): string => {
    params.push(value);
    return `$${params.length}${cast}`;
  };
  const tenants = tenantFilter(user);
  if (tenants !== null) {
    if (tenants.length === 1) where.push(`t.tenant_id = ${param(tenants[0], '::uuid')}`);
    else where.push(`t.tenant_id = ANY(${param(tenants, '::uuid[]')})`);
  }
  const statuses = query.status ? [...new Set(query.status.split(','))] : null;
  const openOnly =
    query.open === true ||
    (statuses !== null && statuses.every((s) => (OPEN_TICKET_STATUSES as readonly string[]).includes(s)));
  if (openOnly) where.push(`t.status <> 'closed'`);
  if (statuses) where.push(`t.status = ANY(${param(statuses as TicketStatus[], '::text[]')})`);
  if (query.open === false) where.push(`t.status = 'closed'`);
  if (query.priority) where.push(`t.priority = ${param(query.priority)}`);
  if (query.siteId) where.push(`t.site_id = ${param(query.siteId, '::uuid')}`);
  if (query.assetId) where.push(`t.asset_id = ${param(query.assetId, '::uuid')}`);
  if (query.assigneeId) where.push(`t.assignee_id = ${param(query.assigneeId, '::uuid')}`);
  if (query.atRisk !== undefined) where.push(`t.at_risk = ${param(query.atRisk)}`);
  if (query.breached !== undefined) where.push(`t.breached = ${param(query.breached)}`);
  let order: string;
  if (query.sort === 'newest') {
    if (query.cursor !== undefined) {
      const [createdAt, id] = decodeNewestCursor(query.cursor);
      where.push(`(t.created_at, t.id) < (${param(createdAt, '::timestamptz')}, ${param(id, '::uuid')})`);
    }
    order = 't.created_at DESC, t.id DESC';
  } else {
    if (query.cursor !== undefined) {
      const [deadline, createdAt, id] = decodeCursor(query.cursor);
      if (deadline === null) {
        where.push(
          `t.next_deadline IS NULL AND (t.created_at, t.id) > (${param(createdAt, '::timestamptz')}, ${param(id, '::uuid')})`,
        );
      } else {
        where.push(
          `((t.next_deadline, t.created_at, t.id) > (${param(deadline, '::timestamptz')}, ${param(createdAt, '::timestamptz')}, ${param(id, '::uuid')}) OR t.next_deadline IS NULL)`,
        );
      }
    }
    order = 't.next_deadline ASC NULLS LAST, t.created_at ASC, t.id ASC';
  }
  const search = mode === 'plain' ? [] : searchTerms(query.q, param, tenants);
  const whereSql = (terms: string[]): string => (terms.length > 0 ? `WHERE ${terms.join(' AND ')}` : '');
  const columns = `${TICKET_COLUMNS}, t.next_deadline::text AS nd_key, t.created_at::text AS ca_key`;
  const joins = `JOIN sites s ON s.id = t.site_id LEFT JOIN assets a ON a.id = t.asset_id`;
  switch (mode) {
    case 'plain':
    case 'walk': {
      // The walk's LIMIT keeps the search terms out of the subquery: they filter its rows, in order.
      const from =
        mode === 'plain'
          ? TICKET_FROM
          : `(SELECT t.* FROM tickets t ${whereSql(where)} ORDER BY ${order} LIMIT ${param(SEARCH_WALK_ROWS, '::int')}) t ${joins}`;
      return {
        sql: `SELECT ${columns}
    FROM ${from}
    ${whereSql(mode === 'plain' ? where : search)}
    ORDER BY ${order}
    LIMIT ${param(take, '::int')}`,
        params,
      };
    }
    case 'hits':
      // MATERIALIZED: every match first (bitmap scans of the search indexes), then a page of their keys only.
      return {
        sql: `WITH hits AS MATERIALIZED (SELECT t.id, t.next_deadline, t.created_at FROM tickets t ${whereSql([...where, ...search])}),
    page AS (SELECT t.id FROM hits t ORDER BY ${order} LIMIT ${param(take, '::int')})
    SELECT ${columns}
    FROM page p JOIN tickets t ON t.id = p.id ${joins}
    ORDER BY ${order}`,
        params,
      };
  }
}

/** timestamptz as PostgreSQL prints it ('2026-11-20 10:00:00.123456+00'), kept in the cursor to the microsecond. */
const PG_TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2}){0,2}|Z)$/;

/** The cursor of a newest-first page: [created_at, id] of its last ticket. */
function decodeNewestCursor(cursor: string): [string, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      PG_TIMESTAMP.test(value[0]) &&
      typeof value[1] === 'string' &&
      isUuid(value[1])
    ) {
      return [value[0], value[1]];
    }
  } catch {
    // fall through
  }
  throw InvalidInputError.of('cursor', 'unknown cursor: use nextCursor of the previous page (same sort)');
}

function decodeCursor(cursor: string): [string | null, string, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(value) &&
      value.length === 3 &&
      (value[0] === null || (typeof value[0] === 'string' && PG_TIMESTAMP.test(value[0]))) &&
      typeof value[1] === 'string' &&
      PG_TIMESTAMP.test(value[1]) &&
      typeof value[2] === 'string' &&
      isUuid(value[2])
    ) {
      return [value[0] as string | null, value[1], value[2]];
    }
  } catch {
    // fall through
  }
  throw InvalidInputError.of('cursor', 'unknown cursor: use nextCursor of the previous page');
}
