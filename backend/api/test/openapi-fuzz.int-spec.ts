import { randomBytes, randomUUID } from 'node:crypto';
import { appendFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import {
  ServiceProcess,
  createTestEnv,
  createUser,
  login,
  type FixtureUser,
  type TestEnv,
} from '@leitstand/backend/testing';
import { CALENDAR_24_7, SLA_MATRIX, createTenantWorld, signIn, type Client } from './ticket-test-world';
import { MAINTENANCE, createOccurrence, createRequirement } from './maintenance-test-world';

/**
 * Schema-driven fuzzing (issue 13): every operation of the live OpenAPI document of a real API
 * process gets bad path parameters, query parameters, headers, bodies (each field of the documented
 * schema mutated: wrong type, null, huge, NUL, deep nesting, random JSON, missing, extra) and content
 * types, as admin, agent, technician, manager, customer and anonymous. Every answer must be below 500,
 * an error must be JSON (naming the field when the input broke the documented schema), no answer may
 * carry a stack trace or SQL text, and a rejected write must leave the database as it was (a checksum
 * of every table's rows before and after).
 *
 * Seeded and bounded: FUZZ_SEED picks the inputs (default below), FUZZ_PER_FIELD how many mutations
 * each body field gets. The counts are printed at the end.
 */
const SEED = Number(process.env['FUZZ_SEED'] ?? 13_2026);
const PER_FIELD = Number(process.env['FUZZ_PER_FIELD'] ?? 7);
const REQUEST_TIMEOUT_MS = 10_000;
/** A file to write every request and its answer to (debugging). */
const TRACE = process.env['FUZZ_TRACE'];

const DATA = path.join(__dirname, '../../../libs/demo-data/data');
const readJson = (file: string): Record<string, unknown> =>
  JSON.parse(readFileSync(path.join(DATA, file), 'utf8')) as Record<string, unknown>;
/** A 1×1 PNG and a Windows executable: a file every upload route takes, and one none may take. */
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a2d9d6a70000000049454e44ae426082',
  'hex',
);
const EXE = Buffer.concat([Buffer.from('4d5a900003000000', 'hex'), Buffer.alloc(120), Buffer.from('50450000', 'hex')]);
/**
 * The valid file of each upload operation (by path): a new upload route adds its own here, or the test
 * fails saying so.
 */
const VALID_UPLOADS: Array<{ template: RegExp; file: Buffer; name: string; type: string }> = [
  { template: /\/documents$/, file: PNG, name: 'foto.png', type: 'image/png' },
  {
    template: /\/asset-import$/,
    file: Buffer.from('Anlagennummer;Bezeichnung;Gewerk;Klasse\r\nFUZZ-IMP-1;Fuzz-Anlage;doors;C\r\n', 'utf8'),
    name: 'anlagen.csv',
    type: 'text/csv',
  },
];
/** Values for required query parameters the case does not mutate. */
const REQUIRED_QUERY: Record<string, string> = { period: '2026-10' };

type Role = 'admin' | 'agent' | 'technician' | 'manager' | 'customer' | 'anonymous';
const ROLES: Role[] = ['admin', 'agent', 'technician', 'manager', 'customer', 'anonymous'];

interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  default?: unknown;
  nullable?: boolean;
  maxLength?: number;
  minLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: Schema;
}

interface Operation {
  method: string;
  template: string;
  parameters: Parameter[];
  body: Schema | null;
  bodySchemaName: string | null;
  /** The documented multipart/form-data body (uploads), or null. */
  multipart?: Schema | null;
}

interface Case {
  op: Operation;
  label: string;
  role: Role;
  path: string;
  headers: Record<string, string>;
  /** Raw body text (undefined: no body). */
  body?: string;
  /** A multipart/form-data body (fetch sets the content type with its boundary). Wins over `body`. */
  form?: FormData;
  /** When answered 400, 413 or 415, `fields` must name this field (uploads: the file or a form field). */
  names?: string;
  /** Content-Type header; default application/json when there is a body. null: none. */
  contentType?: string | null;
  /** The input broke the documented schema (or a rule of issue 13): 2xx is a finding. */
  invalid: boolean;
  /** When answered 400, `fields` must name this field (or one inside it). */
  target?: string;
  /** When answered 400, `fields` must name some field. */
  anyField?: boolean;
  /**
   * The server may refuse before reading the whole body: Fastify answers 413 to a body over its limit with
   * `Connection: close`, so a client still writing can see EPIPE/ECONNRESET instead of the answer (seen under
   * load). Such a reset counts as a refusal (the write must still change nothing); any other failure does not.
   */
  mayResetConnection?: boolean;
}

interface Answer {
  status: number;
  text: string;
  json: unknown;
  contentType: string;
}

interface Finding {
  op: string;
  label: string;
  role: Role;
  status: number;
  problem: string;
  excerpt: string;
}

// A stack frame is "at fn (file:line:col)"; plain text such as "no open time at all (every …)" is not.
const STACK = /\n\s+at |\bat [\w$.<>]+ \([^)]*:\d+:\d+\)|node_modules|\.[jt]s:\d+:\d+|"stack"\s*:/;
const SQL =
  /\bSELECT\b[\s\S]{0,200}\bFROM\b|\bINSERT INTO\b|\bUPDATE\s+"?\w+"?\s+SET\b|\bDELETE FROM\b|QueryFailedError|duplicate key value|violates (?:foreign key|not-null|check|unique) constraint|syntax error at or near|invalid input syntax for|\brelation "\w+"|\bcolumn "\w+"|TypeORM|EntityNotFound/;

/** How many copies of each write's valid request a burst sends at once. */
const BURST = Number(process.env['FUZZ_BURST'] ?? 6);
/** How many edge strings (decimals, dates, keys past their limits) each string field gets. */
const SPECIAL_PER_FIELD = Number(process.env['FUZZ_SPECIAL_PER_FIELD'] ?? 3);
/** How many paths inside each structured body value get a bad value. */
const DEEP_PER_FIELD = Number(process.env['FUZZ_DEEP_PER_FIELD'] ?? 10);
const REMOVE = Symbol('remove');
const LONE_SURROGATE = /\p{Cs}/u;
const DEEP_REPLACEMENTS: unknown[] = [
  REMOVE,
  null,
  'x',
  '',
  -1,
  0,
  1.5,
  1e308,
  -1e308,
  '1e309',
  '-0',
  'NaN',
  '99999999999999999999.99',
  '2026-02-30',
  '25:00',
  true,
  {},
  [],
  [null],
  { a: [] },
  'x'.repeat(10_000),
  'a\u0000b',
];

/** Every path to a value inside `value` (objects and arrays), breadth first, at most `max`. */
function nodePaths(value: unknown, max = 2000): Array<Array<string | number>> {
  const out: Array<Array<string | number>> = [];
  const queue: Array<{ v: unknown; at: Array<string | number> }> = [{ v: value, at: [] }];
  while (queue.length > 0 && out.length < max) {
    const { v, at } = queue.shift() as { v: unknown; at: Array<string | number> };
    if (at.length > 0) out.push(at);
    if (Array.isArray(v)) v.forEach((x, i) => queue.push({ v: x, at: [...at, i] }));
    else if (typeof v === 'object' && v !== null) {
      for (const [k, x] of Object.entries(v)) queue.push({ v: x, at: [...at, k] });
    }
  }
  return out;
}

/** Sets (or, for REMOVE, deletes) the value at `at` inside `doc`. */
function setAt(doc: unknown, at: Array<string | number>, value: unknown): void {
  let node = doc as Record<string | number, unknown>;
  for (const key of at.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = at[at.length - 1] as string | number;
  if (value === REMOVE) {
    if (Array.isArray(node) && typeof last === 'number') node.splice(last, 1);
    else delete node[last];
  } else node[last] = value;
}

interface UploadFile {
  /** The form field name (the file part). */
  field: string;
  bytes: Buffer;
  name: string;
  type: string;
}
interface ValidUpload {
  file: UploadFile;
  fields: Record<string, string>;
}

/** A multipart form of text fields and files, in that order. */
function formOf(fields: Record<string, string>, files: UploadFile[]): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const f of files) form.append(f.field, new Blob([new Uint8Array(f.bytes)], { type: f.type }), f.name);
  return form;
}

/** `depth` nested arrays as JSON text (text, so nothing in the test recurses). */
const nestedText = (depth: number): string => '['.repeat(depth) + '1' + ']'.repeat(depth);

describe('OpenAPI fuzz (issue 13): every operation, bad input of every kind', () => {
  let env: TestEnv;
  let api: ServiceProcess;
  const clients = new Map<Role, Client | null>();
  let world: Awaited<ReturnType<typeof createTenantWorld>>;
  let other: Awaited<ReturnType<typeof createTenantWorld>>;
  let technicianId: string;
  let victimUserId: string;
  let victim: FixtureUser;
  let forgedRefreshToken: string;
  let ticketId: string;
  let invoiceId: string;
  let priceListId: string;
  let windowId: string;
  let locationId: string;
  let documentId: string;
  let occurrenceId: string;
  let calendarToken: string;
  let requirementId: string;
  let snapshotSql: string;

  beforeAll(async () => {
    env = await createTestEnv('openapi_fuzz');
    api = await ServiceProcess.start('api', env.env);
    const ds = env.dataSource;
    world = await createTenantWorld(ds);
    other = await createTenantWorld(ds);
    const [admin, agent, technician, manager, customer] = await Promise.all([
      signIn(ds, api.baseUrl, 'admin'),
      signIn(ds, api.baseUrl, 'agent'),
      signIn(ds, api.baseUrl, 'technician', { servesTenantIds: [world.tenantId] }),
      signIn(ds, api.baseUrl, 'manager', { servesTenantIds: [world.tenantId] }),
      signIn(ds, api.baseUrl, 'customer', { tenantId: world.tenantId }),
    ]);
    clients.set('admin', admin);
    clients.set('agent', agent);
    clients.set('technician', technician);
    clients.set('manager', manager);
    clients.set('customer', customer);
    clients.set('anonymous', null);
    technicianId = technician.user.id;
    // The user whose sessions DELETE /api/auth/users/{userId}/sessions may end (never one of ours).
    victim = await createUser(ds, 'technician', { servesTenantIds: [world.tenantId] });
    victimUserId = victim.id;
    // A live session of the victim: refresh and logout get its id with a forged secret (issue 13,
    // item 5: that is a failed attempt and nothing more, so the checksum must not move).
    const victimSession = await login(api.baseUrl, victim);
    const claims = JSON.parse(
      Buffer.from(victimSession.accessToken.split('.')[1] ?? '', 'base64url').toString('utf8'),
    ) as { sid: string };
    forgedRefreshToken = `${claims.sid}.${Buffer.alloc(32, 7).toString('base64url')}`;

    const ticket = await agent.post<{ id: string }>('/api/tickets', {
      siteId: world.siteId,
      assetId: world.assetA,
      title: 'Aufzug steht',
    });
    expect(ticket.status).toBe(201);
    ticketId = ticket.body.id;
    const invoice = await admin.post<{ id: string }>(`/api/contracts/${world.contractId}/invoices/run?period=2026-10`);
    expect(invoice.status).toBe(200);
    invoiceId = invoice.body.id;
    const priceList = await admin.post<{ id: string }>('/api/price-lists', {
      key: 'fuzz-price-list',
      name: 'Fuzz',
      validFrom: '2026-01-01',
      data: readJson('price-lists/seed-004-itk-service-price-list.json'),
    });
    expect(priceList.status).toBe(201);
    priceListId = priceList.body.id;
    const series = await admin.call(
      'PUT',
      '/api/index-series/fuzz-labour',
      { name: 'Fuzz-Lohnindex', source: 'Destatis 62421-0001', baseYear: 2021, points: [] },
      { 'if-match': '"0"' },
    );
    expect(series.status).toBe(200);
    const window = await admin.post<{ id: string }>(`/api/assets/${world.assetA}/maintenance-windows`, {
      startsAt: '2027-03-01T06:00:00Z',
      endsAt: '2027-03-01T10:00:00Z',
      reason: 'Jahreswartung',
    });
    expect(window.status).toBe(201);
    windowId = window.body.id;
    const location = await admin.post<{ id: string }>(`/api/sites/${world.siteId}/locations`, {
      kind: 'building',
      name: 'Gebäude Fuzz',
    });
    expect(location.status).toBe(201);
    locationId = location.body.id;
    const plan = await admin.post<{ id: string }>('/api/maintenance/requirements', {
      contractId: world.contractId,
      taskKey: 'elevator-maintenance',
      siteId: world.siteId,
      assetId: world.assetA,
      anchor: { kind: 'fixed-grid', start: '2027-01-15' },
    });
    expect(plan.status).toBe(201);
    requirementId = plan.body.id;
    const upload = new FormData();
    upload.append('documentClass', 'photo');
    upload.append('file', new Blob([PNG], { type: 'image/png' }), 'fuzz.png');
    const doc = await fetch(`${api.baseUrl}/api/tickets/${ticketId}/documents`, {
      method: 'POST',
      headers: agent.session.headers,
      body: upload,
    });
    expect(doc.status).toBe(201);
    documentId = ((await doc.json()) as { id: string }).id;
    // A released work order of the world (issue 15) and the technician's calendar feed token.
    const requirement = await createRequirement(ds, world, MAINTENANCE, world.assetA);
    occurrenceId = await createOccurrence(ds, world, requirement, world.assetA, { target: '2026-12-20' });
    const feed = await technician.post<{ url: string }>('/api/account/calendar-token');
    expect(feed.status).toBe(201);
    calendarToken = /\/api\/calendar\/([^/]+)\.ics$/.exec(feed.body.url)?.[1] ?? '';

    // A checksum of every row of every table: count and md5 of the rows' text, in one query.
    const tables = (
      (await ds.query(
        `SELECT table_name AS name FROM information_schema.tables
          WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'migrations' ORDER BY 1`,
      )) as Array<{ name: string }>
    ).map((t) => t.name);
    expect(tables).toContain('tickets');
    snapshotSql =
      'SELECT ' +
      tables
        .map(
          (t) =>
            `(SELECT count(*)::text || ':' || coalesce(md5(string_agg(md5(x::text), '' ORDER BY md5(x::text))), '')` +
            ` FROM public."${t}" x) AS "${t}"`,
        )
        .join(', ');
  });

  afterAll(async () => {
    await api?.stop();
    await env?.cleanup();
  });

  async function snapshot(): Promise<Record<string, string>> {
    const [row] = (await env.dataSource.query(snapshotSql)) as Array<Record<string, string>>;
    return row ?? {};
  }

  async function send(c: Case): Promise<Answer> {
    const client = clients.get(c.role) ?? null;
    const headers: Record<string, string> = { ...(client?.session.headers ?? {}), ...c.headers };
    const contentType =
      c.contentType === undefined
        ? c.body === undefined || c.form !== undefined
          ? null
          : 'application/json'
        : c.contentType;
    if (contentType !== null) headers['content-type'] = contentType;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
    try {
      const res = await fetch(`${api.baseUrl}${c.path}`, {
        method: c.op.method,
        headers,
        signal: controller.signal,
        ...(c.form !== undefined ? { body: c.form } : c.body === undefined ? {} : { body: c.body }),
      });
      const type = res.headers.get('content-type') ?? '';
      let text = '';
      if (type.startsWith('text/event-stream')) await res.body?.cancel();
      else text = await res.text();
      let json: unknown = undefined;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      return { status: res.status, text, json, contentType: type };
    } catch (error) {
      const code = (error as { cause?: { code?: unknown } }).cause?.code;
      const cause = typeof code === 'string' ? ` (${code})` : '';
      return { status: 599, text: `no answer: ${String(error)}${cause}`, json: undefined, contentType: '' };
    } finally {
      clearTimeout(timer);
    }
  }

  /** What the fuzzing found (answered 500 before the fix), each as a focused regression. */
  describe('found by fuzzing', () => {
    it('a KPI or cost period whose end is past year 9999 is 400 naming period (was 500)', async () => {
      const admin = clients.get('admin') as Client;
      const before = await snapshot();
      for (const period of ['9999-12', '9999-Q4', '9999']) {
        for (const part of ['kpis', 'costs']) {
          const r = await admin.get<{ fields?: Array<{ field: string }> }>(
            `/api/contracts/${world.contractId}/${part}?period=${period}`,
          );
          expect({ period, part, status: r.status, fields: r.body.fields?.map((f) => f.field) }).toEqual({
            period,
            part,
            status: 400,
            fields: ['period'],
          });
        }
      }
      expect(await snapshot()).toEqual(before);
      // The last supported year still computes.
      expect((await admin.get(`/api/contracts/${world.contractId}/costs?period=9998-12`)).status).toBe(200);
    });

    it('a string with a lone surrogate is 400 naming the field, in bodies and queries (was 500)', async () => {
      const admin = clients.get('admin') as Client;
      const agent = clients.get('agent') as Client;
      const before = await snapshot();
      const fieldsOf = (body: unknown): string[] =>
        ((body as { fields?: Array<{ field: string }> } | null)?.fields ?? []).map((f) => f.field);
      // Login: isEmail threw URIError. Comment text: PostgreSQL rejected the event's JSON payload.
      const login = await fetch(`${api.baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"email":"\\ud800@example.test","password":"x"}',
      });
      expect([login.status, fieldsOf(await login.json())]).toEqual([400, ['email']]);
      const comment = await agent.post(`/api/tickets/${ticketId}/comments`, '{"text":"Tür \\udc00 klemmt"}');
      expect([comment.status, fieldsOf(comment.body)]).toEqual([400, ['text']]);
      const patch = await agent.patch(`/api/tickets/${ticketId}`, '{"scopeNote":"\\ud83d"}');
      expect([patch.status, fieldsOf(patch.body)]).toEqual([400, ['scopeNote']]);
      const search = await admin.get(`/api/assets?q=a%ED%A0%80`);
      expect(search.status).toBeLessThan(500);
      expect(await snapshot()).toEqual(before);
      // A surrogate pair (an emoji) is a character like any other.
      const emoji = await agent.post(`/api/tickets/${ticketId}/comments`, { text: 'Tür klemmt 🚪' });
      expect(emoji.status).toBe(201);
    });
  });

  it('answers every operation of the live OpenAPI document below 500, as JSON naming the field, and writes nothing when it rejects', async () => {
    const started = Date.now();
    const docRes = await fetch(`${api.baseUrl}/api/docs/openapi.json`);
    expect(docRes.status).toBe(200);
    const doc = (await docRes.json()) as {
      paths: Record<
        string,
        Record<string, { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: Schema }> } }>
      >;
      components: { schemas: Record<string, Schema> };
    };
    const resolve = (s: Schema | undefined): Schema => {
      let schema = s ?? {};
      for (let i = 0; schema.$ref && i < 10; i++) {
        schema = doc.components.schemas[schema.$ref.replace('#/components/schemas/', '')] ?? {};
      }
      return schema;
    };

    const operations: Operation[] = [];
    for (const [template, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const content = op.requestBody?.content ?? {};
        const media = content['application/json']?.schema;
        const multipart = content['multipart/form-data']?.schema;
        operations.push({
          method: method.toUpperCase(),
          template,
          parameters: op.parameters ?? [],
          body: media ? resolve(media) : null,
          bodySchemaName: media?.$ref?.replace('#/components/schemas/', '') ?? null,
          multipart: multipart ? resolve(multipart) : null,
        });
      }
    }
    expect(operations.length).toBeGreaterThan(40);

    // ---- seeded generators -------------------------------------------------------------------
    let draw = 0;
    // Each draw gets its own seed, mixed from FUZZ_SEED and the draw's number (so seeds 1 and 2 do not
    // give the same sequence shifted by one).
    const mix = (a: number, b: number): number => {
      let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x632be5ab, 0xc2b2ae35);
      h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
      return (h ^ (h >>> 13)) | 0;
    };
    const one = <T>(arb: fc.Arbitrary<T>): T => fc.sample(arb, { seed: mix(SEED, draw++), numRuns: 1 })[0] as T;
    const some = <T>(items: readonly T[], n: number): T[] =>
      n >= items.length ? [...items] : one(fc.shuffledSubarray([...items], { minLength: n, maxLength: n }));

    const existingIdFor = (template: string, name: string): string => {
      if (name === 'userId') return victimUserId;
      if (name === 'assetId') return world.assetA;
      if (template.startsWith('/api/maintenance/occurrences/{id}')) return occurrenceId;
      if (template === '/api/calendar/{token}.ics') return calendarToken;
      const resource = template.split('/')[2] ?? '';
      const ids: Record<string, string | null> = {
        tenants: world.tenantId,
        sites: world.siteId,
        assets: world.assetA,
        'price-lists': priceListId,
        'index-series': 'fuzz-labour',
        contracts: world.contractId,
        'maintenance-windows': windowId,
        locations: locationId,
        tickets: ticketId,
        documents: documentId,
        maintenance: requirementId,
        invoices: invoiceId,
      };
      const id = ids[resource];
      if (!id) throw new Error(`the fuzz test knows no existing id for {${name}} of ${template}: add one`);
      return id;
    };
    const idForField = (name: string): string => {
      const ids: Record<string, string | null> = {
        siteId: world.siteId,
        siteIds: world.siteId,
        assetId: world.assetA,
        parentId: world.assetC,
        tenantId: world.tenantId,
        priceListId,
        assigneeId: technicianId,
        workerId: technicianId,
        contractId: world.contractId,
      };
      return ids[name] ?? randomUUID();
    };

    /** A value the documented schema accepts (examples first, ids of the fixture world for uuids). */
    const validValue = (name: string, raw: Schema, depth = 0): unknown => {
      const s = resolve(raw);
      if (s.example !== undefined && s.format !== 'uuid') return structuredClone(s.example);
      if (s.enum && s.enum.length > 0) return s.enum[0];
      if (s.format === 'uuid') return idForField(name);
      if (s.format === 'date-time') return '2026-12-01T08:00:00Z';
      if (s.format === 'date') return '2031-12-31';
      if (s.default !== undefined) return structuredClone(s.default);
      if (s.type === 'boolean') return true;
      if (s.type === 'number' || s.type === 'integer') return s.minimum ?? 1;
      if (s.type === 'array') return [validValue(name, s.items ?? { type: 'string' }, depth + 1)];
      if (s.type === 'object') {
        if (!s.properties || depth > 3) return {};
        return Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, validValue(k, v, depth + 1)]));
      }
      return s.pattern ? 'fuzz' : 'Fuzz';
    };
    // Base bodies the domain accepts too, so that mutations reach the services, not only the DTOs.
    const contract = {
      name: 'Vollwartung Fuzz',
      startsOn: '2027-01-01',
      endsOn: '2031-12-31',
      siteIds: [world.siteId],
      calendars: { '24-7': CALENDAR_24_7, 'on-site': CALENDAR_24_7 },
      slaMatrix: SLA_MATRIX,
      availabilityTargets: { A: '0.995', B: '0.98', C: '0.95' },
      availabilityBasis: '24-7',
      bonusMalus: {
        capPercentOfVolume: '2',
        kpis: [
          {
            kpi: 'availability-a',
            label: 'Verfügbarkeit A-Anlagen',
            unit: '%',
            rule: {
              kind: 'linear',
              points: [
                { value: '99.0', percentOfVolume: '-2' },
                { value: '99.5', percentOfVolume: '0' },
                { value: '99.9', percentOfVolume: '2' },
              ],
            },
          },
        ],
      },
      priceListId,
      annualVolume: '2360000.00',
      indexation: { fixedShare: '0', labourShare: '0.6', materialShare: '0.4' },
      capexThreshold: '5000.00',
      scope: { trades: ['elevators'], assetClasses: ['A', 'B'], exclusions: ['user-error'] },
      quietWarningsCalendar: 'on-site',
      economics: readJson('contracts/seed-002-total-technical-service.json'),
    };
    const priceListData = readJson('price-lists/seed-004-itk-service-price-list.json');
    const window = { startsAt: '2027-04-01T06:00:00Z', endsAt: '2027-04-01T10:00:00Z', reason: 'Wartung' };
    const requirement = {
      contractId: world.contractId,
      taskKey: 'elevator-maintenance',
      siteId: world.siteId,
      assetId: world.assetA,
      anchor: { kind: 'fixed-grid', start: '2027-02-15' },
      cadence: { every: 2, unit: 'month' },
      leadDays: 14,
      fee: '95.00',
    };
    const BASE_OVERRIDES: Record<string, Record<string, unknown>> = {
      LoginDto: { email: victim.email, password: victim.password },
      RefreshTokenDto: { refreshToken: forgedRefreshToken },
      CreateContractDto: { ...contract, tenantId: world.tenantId },
      UpdateContractDto: contract,
      CreatePriceListDto: { key: 'fuzz-price-list-2', validFrom: '2026-01-01', data: priceListData },
      UpdatePriceListDto: { key: 'fuzz-price-list', validFrom: '2026-01-01', data: priceListData },
      CreateMaintenanceWindowDto: window,
      UpdateMaintenanceWindowDto: window,
      CreateWorkLogDto: { startedAt: '2026-12-01T08:00:00Z', endedAt: '2026-12-01T09:00:00Z' },
      CreateTicketDto: { faultBeganAt: '2026-12-01T08:00:00+01:00' },
      CreateMaintenanceRequirementDto: { ...requirement, trade: null, assetClass: null },
      UpdateMaintenanceRequirementDto: { anchor: requirement.anchor, cadence: requirement.cadence, fee: '95.00' },
    };
    const baseBody = (op: Operation): Record<string, unknown> => {
      const s = op.body ?? {};
      const body: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(s.properties ?? {})) body[k] = validValue(k, v);
      return { ...body, ...(BASE_OVERRIDES[op.bodySchemaName ?? ''] ?? {}) };
    };

    const jsonTypeOf = (v: unknown): string =>
      v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'number' ? 'number' : typeof v;
    const typeMismatch = (s: Schema, v: unknown): boolean => {
      const t = jsonTypeOf(v);
      if (t === 'null') return !s.nullable;
      if (!s.type) return false;
      if (s.type === 'integer') return t !== 'number' || !Number.isInteger(v);
      return t !== s.type;
    };

    const wrongTypeFor = (s: Schema): unknown =>
      one(
        fc.constantFrom<unknown>(
          ...(s.type === 'string' ? [42, true, ['a'], { a: 1 }, 0.5] : []),
          ...(s.type === 'boolean' ? ['true', 1, 0, [], {}] : []),
          ...(s.type === 'number' || s.type === 'integer' ? ['1', true, [1], {}] : []),
          ...(s.type === 'array' ? ['a', 1, { 0: 'a' }, true] : []),
          ...(s.type === 'object' ? ['{}', 1, [], [{}], true] : []),
          ...(!s.type ? [42, true, [], {}] : []),
        ),
      );
    const specialStrings = (s: Schema): fc.Arbitrary<string> =>
      fc.constantFrom(
        '',
        ' ',
        '-1',
        '0',
        '1e309',
        'NaN',
        '99999999999999999999999999.999',
        '0x1F',
        '2026-02-30',
        '2026-13-01T00:00:00Z',
        '+275760-09-13T00:00:00.000Z',
        '0000-01-01T00:00:00Z',
        '2026-03-29T02:30:00+01:00',
        '00000000-0000-0000-0000-000000000000',
        randomUUID().toUpperCase(),
        `{${randomUUID()}}`,
        other.siteId,
        other.assetA,
        "' OR '1'='1",
        '\\u0000',
        '\u202e\ufeff',
        '\ud800',
        '🚒'.repeat(100),
        // Decimals, dates, zones and calendar keys at and past their edges.
        '99999999999.99',
        '-99999999999.99',
        '9999999999999999.99',
        '0.001',
        '1,5',
        '1.',
        '.5',
        '+1',
        '1e5',
        ' 12.90',
        '2026-01-01T00:00:00',
        '2026-12-01T08:00:00+14:01',
        '2026-12-01T08:00:00-12:00',
        '1970-01-01T00:00:00Z',
        '1900-01-01T00:00:00Z',
        '2999-12-31T23:59:59Z',
        '9999-12-31',
        '0001-01-01',
        '2027-02-29',
        'Europe/Nowhere',
        'Etc/GMT+14',
        '24-7',
        'on-site',
        ...(s.maxLength ? ['x'.repeat(s.maxLength + 1), 'x'.repeat(s.maxLength)] : []),
      );

    interface Mutation {
      label: string;
      /** The raw body text, built from the base body with the field replaced. */
      text: string;
      invalid: boolean;
    }
    const withField = (base: Record<string, unknown>, name: string, valueText: string): string => {
      const rest = { ...base };
      delete rest[name];
      const head = JSON.stringify(rest);
      return head === '{}'
        ? `{${JSON.stringify(name)}:${valueText}}`
        : `${head.slice(0, -1)},${JSON.stringify(name)}:${valueText}}`;
    };
    const mutationsOf = (op: Operation, base: Record<string, unknown>, name: string, raw: Schema): Mutation[] => {
      const s = resolve(raw);
      const constrained = !!(s.maxLength || s.enum || s.format || s.pattern || (s.type && s.type !== 'string'));
      const all: Array<() => Mutation> = [
        () => {
          const v = wrongTypeFor(s);
          return {
            label: `wrong type ${JSON.stringify(v)}`,
            text: withField(base, name, JSON.stringify(v)),
            invalid: true,
          };
        },
        () => ({ label: 'null', text: withField(base, name, 'null'), invalid: !s.nullable }),
        () => ({
          label: 'huge string (200k)',
          text: withField(base, name, JSON.stringify('x'.repeat(200_000))),
          invalid: constrained,
        }),
        () => ({ label: 'NUL', text: withField(base, name, JSON.stringify('a\u0000b')), invalid: true }),
        () => ({ label: 'nested 70', text: withField(base, name, nestedText(70)), invalid: true }),
        () => ({ label: 'nested 3000', text: withField(base, name, nestedText(3000)), invalid: true }),
        () => {
          const v = one(fc.jsonValue({ maxDepth: 3 }));
          return {
            label: `random ${JSON.stringify(v).slice(0, 60)}`,
            text: withField(base, name, JSON.stringify(v)),
            invalid: typeMismatch(s, v),
          };
        },
        () => {
          const v = one(specialStrings(s));
          const tooLong = s.maxLength !== undefined && [...v].length > s.maxLength;
          const notEnum = !!s.enum && !s.enum.includes(v);
          return {
            label: `string ${JSON.stringify(v).slice(0, 60)}`,
            text: withField(base, name, JSON.stringify(v)),
            invalid: typeMismatch(s, v) || tooLong || notEnum || LONE_SURROGATE.test(v),
          };
        },
        () => {
          const v = one(fc.string({ unit: 'binary', maxLength: 40 }));
          return {
            label: `unicode ${JSON.stringify(v)}`,
            text: withField(base, name, JSON.stringify(v)),
            invalid: typeMismatch(s, v) || (!!s.enum && !s.enum.includes(v)) || LONE_SURROGATE.test(v),
          };
        },
        () => {
          // Number literals JSON.stringify cannot write: past double range (Infinity), 30 digits, -0.
          const v = one(fc.constantFrom('1e400', '-1e400', '123456789012345678901234567890', '-0', '1.0e-400'));
          return { label: `number literal ${v}`, text: withField(base, name, v), invalid: s.type !== 'number' };
        },
      ];
      if (s.type === 'array') {
        all.push(() => ({
          label: 'array of wrong items',
          text: withField(base, name, JSON.stringify([{ a: 1 }, null, 7])),
          invalid: true,
        }));
        all.push(() => ({
          label: 'array of 20,000 items',
          text: withField(
            base,
            name,
            JSON.stringify(Array.from({ length: 20_000 }, () => validValue(name, s.items ?? {}))),
          ),
          invalid: false,
        }));
      }
      if (s.properties) {
        for (const [sub, subSchema] of Object.entries(s.properties)) {
          all.push(() => ({
            label: `${sub} null`,
            text: withField(base, name, JSON.stringify({ ...(base[name] as object), [sub]: null })),
            invalid: !resolve(subSchema).nullable,
          }));
        }
      }
      const picks = some(all.slice(2), Math.max(0, PER_FIELD - 2));
      // String fields get several edge strings on top (decimals, dates and keys are strings here).
      const special = all[7] as () => Mutation;
      const extra = s.type === 'string' && !s.enum ? Array.from({ length: SPECIAL_PER_FIELD }, () => special) : [];
      void op;
      return [all[0], all[1], ...picks, ...extra].map((m) => (m as () => Mutation)());
    };

    // ---- checks ------------------------------------------------------------------------------
    const findings: Finding[] = [];
    const stats = {
      requests: 0,
      fiveXx: 0,
      /** Oversized bodies refused with a connection reset (see Case.mayResetConnection). */
      resetRefusals: 0,
      byStatus: new Map<number, number>(),
      operations: new Set<string>(),
      namedByOperation: new Map<string, number>(),
      snapshotsCompared: 0,
      bursts: 0,
    };
    const opName = (op: Operation): string => `${op.method} ${op.template}`;
    const names = (body: unknown, target: string): boolean =>
      ((body as { fields?: Array<{ field?: unknown }> } | undefined)?.fields ?? []).some(
        (f) =>
          typeof f.field === 'string' &&
          (f.field === target || f.field.startsWith(`${target}.`) || f.field.startsWith(`${target}[`)),
      );

    let before: Record<string, string> | null = null;
    // ETags by path (see etagOf); declared before the guard probes, whose writes may succeed (a technician's
    // POST /api/account/calendar-token takes no input) and empty it.
    const etags = new Map<string, string>();
    const run = async (c: Case): Promise<Answer> => {
      const write = c.op.method !== 'GET' && c.op.method !== 'HEAD';
      if (write && before === null) before = await snapshot();
      const answer = await send(c);
      if (TRACE) {
        appendFileSync(
          TRACE,
          `${answer.status} ${c.op.method} ${c.path.slice(0, 120)} [${c.role}] ${c.label} ${answer.text.replace(/\s+/g, ' ').slice(0, 200)}\n`,
        );
      }
      check(c, answer);
      if (write) {
        if (answer.status >= 300) {
          const after = await snapshot();
          stats.snapshotsCompared++;
          const changed = Object.keys(after).filter((t) => after[t] !== before?.[t]);
          if (changed.length > 0) finding(c, answer, `rejected write changed ${changed.join(', ')}`);
          before = after;
        } else {
          before = null;
          etags.clear();
        }
      } else if (answer.status < 300) {
        // A read may write (e.g. computed rollups): take a fresh snapshot before the next write.
        before = null;
      }
      return answer;
    };
    /** The same requests all at once (a double-submitting client); no checksum, writes may race. */
    const burst = async (cases: Case[]): Promise<Answer[]> => {
      const answers = await Promise.all(cases.map((c) => send(c)));
      cases.forEach((c, i) => check(c, answers[i] as Answer));
      stats.bursts++;
      before = null;
      etags.clear();
      return answers;
    };
    const finding = (c: Case, answer: Answer, problem: string): void => {
      findings.push({
        op: opName(c.op),
        label: c.label,
        role: c.role,
        status: answer.status,
        problem,
        excerpt: answer.text.slice(0, 300),
      });
    };
    const check = (c: Case, answer: Answer): void => {
      stats.requests++;
      stats.operations.add(opName(c.op));
      stats.byStatus.set(answer.status, (stats.byStatus.get(answer.status) ?? 0) + 1);
      const refusedByReset =
        answer.status === 599 && c.mayResetConnection === true && /\((EPIPE|ECONNRESET)\)$/.test(answer.text);
      if (refusedByReset) stats.resetRefusals++;
      else if (answer.status >= 500) {
        stats.fiveXx++;
        finding(c, answer, '5xx');
      }
      if (STACK.test(answer.text)) finding(c, answer, 'stack trace in the answer');
      if (SQL.test(answer.text)) finding(c, answer, 'SQL text in the answer');
      if (answer.status >= 400 && answer.status < 500) {
        const body = answer.json as { statusCode?: unknown; message?: unknown } | undefined;
        if (!answer.contentType.startsWith('application/json') || body?.statusCode !== answer.status) {
          finding(c, answer, 'error answer is not the JSON error shape');
        } else if (typeof body.message !== 'string') finding(c, answer, 'error answer without a message');
      }
      if (c.names && [400, 413, 415].includes(answer.status)) {
        if (names(answer.json, c.names)) {
          stats.namedByOperation.set(opName(c.op), (stats.namedByOperation.get(opName(c.op)) ?? 0) + 1);
        } else finding(c, answer, `${answer.status} does not name ${c.names}`);
      }
      if (answer.status === 400 && c.target) {
        if (names(answer.json, c.target)) {
          stats.namedByOperation.set(opName(c.op), (stats.namedByOperation.get(opName(c.op)) ?? 0) + 1);
        } else finding(c, answer, `400 does not name ${c.target}`);
      }
      if (answer.status === 400 && c.anyField) {
        const fields = (answer.json as { fields?: unknown[] } | undefined)?.fields ?? [];
        if (fields.length === 0) finding(c, answer, '400 names no field');
      }
      if (c.invalid && answer.status < 300) finding(c, answer, 'accepted input that breaks the documented schema');
    };

    // ---- multipart uploads ---------------------------------------------------------------------
    const fileFieldOf = (op: Operation): string => {
      const entry = Object.entries(op.multipart?.properties ?? {}).find(([, v]) => resolve(v).format === 'binary');
      if (!entry) throw new Error(`${opName(op)} documents a multipart body without a binary file field`);
      return entry[0];
    };
    const validUploadOf = (op: Operation): ValidUpload => {
      const known = VALID_UPLOADS.find((u) => u.template.test(op.template));
      if (!known) throw new Error(`the fuzz test knows no valid file for ${opName(op)}: add one to VALID_UPLOADS`);
      const field = fileFieldOf(op);
      const fields: Record<string, string> = {};
      for (const [k, v] of Object.entries(op.multipart?.properties ?? {})) {
        if (k !== field) fields[k] = String(validValue(k, v));
      }
      return { file: { field, bytes: known.file, name: known.name, type: known.type }, fields };
    };
    const realDate = (v: string): boolean => {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
      if (!m) return false;
      const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
      return Number(m[1]) >= 1900 && d.toISOString().slice(0, 10) === v;
    };
    /** Every text field, the file and the whole body of an upload operation, mutated. */
    const multipartCases = async (
      op: Operation,
      upload: ValidUpload,
      make: (c: Partial<Case> & { label: string }) => Promise<Case>,
    ): Promise<void> => {
      const { file, fields } = upload;
      const props = Object.entries(op.multipart?.properties ?? {}).filter(([k]) => k !== file.field);
      const required = (op.multipart?.required ?? []).filter((k) => k !== file.field);
      const withFields = (f: Record<string, string>, files: UploadFile[] = [file]): FormData => formOf(f, files);
      for (const [field, raw] of props) {
        const sch = resolve(raw);
        const constrained = !!(sch.minLength || sch.enum || sch.format || sch.pattern);
        const values: Array<{ label: string; v: string; invalid: boolean }> = [
          { label: 'empty', v: '', invalid: constrained },
          { label: 'NUL', v: 'a\u0000b', invalid: true },
          { label: 'over the field limit (20k)', v: 'x'.repeat(20_000), invalid: true },
          { label: 'not in the enum', v: 'fuzz-not-listed', invalid: !!sch.enum || !!sch.format },
          ...(sch.maxLength ? [{ label: 'maxLength + 1', v: 'x'.repeat(sch.maxLength + 1), invalid: true }] : []),
          ...Array.from({ length: SPECIAL_PER_FIELD + 2 }, () => {
            const v = one(fc.oneof(specialStrings(sch), fc.string({ unit: 'binary', maxLength: 40 })));
            // A form carries UTF-8: a lone surrogate arrives as U+FFFD, a character like any other.
            const sent = v.replace(/\p{Cs}/gu, '\ufffd');
            const tooLong = sch.maxLength !== undefined && [...sent].length > sch.maxLength;
            const empty = sent.trim() === '' && !!sch.minLength;
            const notEnum = !!sch.enum && !sch.enum.includes(sent);
            const notDate = sch.format === 'date' && !realDate(sent);
            return {
              label: `string ${JSON.stringify(v).slice(0, 50)}`,
              v,
              invalid: tooLong || empty || notEnum || notDate || sent.includes('\u0000'),
            };
          }),
        ];
        for (const { label, v, invalid } of values) {
          await run(
            await make({
              label: `form ${field}: ${label}`,
              form: withFields({ ...fields, [field]: v }),
              invalid,
              ...(invalid ? { names: field } : {}),
            }),
          );
        }
        const rest = { ...fields };
        delete rest[field];
        await run(
          await make({
            label: `form without ${field}`,
            form: withFields(rest),
            invalid: required.includes(field),
            ...(required.includes(field) ? { names: field } : {}),
          }),
        );
        const twice = new FormData();
        for (const [k, v] of Object.entries(fields)) twice.append(k, v);
        twice.append(field, fields[field] ?? 'x');
        twice.append(file.field, new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
        await run(await make({ label: `form ${field} twice`, form: twice, invalid: true, names: field }));
      }
      // (An object literal's __proto__ sets the prototype: append the field by hand.)
      const withProto = withFields(fields);
      withProto.append('__proto__', '1');
      const fileCases: Array<{ label: string; form: FormData; invalid: boolean; names?: string; anyField?: boolean }> =
        [
          { label: 'extra field', form: withFields({ ...fields, fuzzExtra: '1' }), invalid: true, names: 'fuzzExtra' },
          { label: '__proto__ field', form: withProto, invalid: true, anyField: true },
          { label: 'no file', form: withFields(fields, []), invalid: true, names: file.field },
          {
            label: 'empty file',
            form: withFields(fields, [{ ...file, bytes: Buffer.alloc(0) }]),
            invalid: true,
            names: file.field,
          },
          {
            label: 'an EXE with the valid name and type',
            form: withFields(fields, [{ ...file, bytes: EXE }]),
            invalid: true,
            names: file.field,
          },
          { label: 'random bytes', form: withFields(fields, [{ ...file, bytes: randomBytes(300) }]), invalid: true },
          { label: 'two files', form: withFields(fields, [file, file]), invalid: true, names: file.field },
          {
            label: 'the file under another name',
            form: withFields(fields, [{ ...file, field: 'attachment' }]),
            invalid: true,
            names: 'attachment',
          },
          {
            label: 'a lying declared type',
            form: withFields(fields, [{ ...file, type: 'application/x-msdownload' }]),
            invalid: false,
          },
          ...[
            'a\u0000b.png',
            '../../etc/passwd',
            `${'x'.repeat(1000)}.png`,
            '',
            '🚒.png',
            'a\r\nX-Evil: 1.png',
            'CON',
          ].map((name) => ({
            label: `file name ${JSON.stringify(name).slice(0, 30)}`,
            form: withFields(fields, [{ ...file, name }]),
            invalid: false,
            names: file.field,
          })),
        ];
      for (const f of fileCases) {
        await run(
          await make({
            label: `form ${f.label}`,
            form: f.form,
            invalid: f.invalid,
            ...(f.names ? { names: f.names } : {}),
            ...(f.anyField ? { anyField: true } : {}),
          }),
        );
      }
      const big = Buffer.alloc(26 * 1024 * 1024);
      file.bytes.copy(big);
      await run(
        await make({
          label: 'form file of 26 MB',
          form: withFields(fields, [{ ...file, bytes: big }]),
          invalid: true,
          names: file.field,
        }),
      );
      const boundary = 'fuzzboundary';
      const head = `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`;
      const raw: Array<{ label: string; body: string; contentType: string | null; names?: string }> = [
        {
          label: 'JSON instead of a form',
          body: JSON.stringify(fields),
          contentType: 'application/json',
          names: file.field,
        },
        { label: 'text/plain', body: 'a=1', contentType: 'text/plain' },
        { label: 'urlencoded', body: 'a=1', contentType: 'application/x-www-form-urlencoded' },
        { label: 'no content type', body: 'a=1', contentType: null },
        { label: 'garbage with a boundary', body: 'garbage', contentType: `multipart/form-data; boundary=${boundary}` },
        { label: 'no boundary', body: `${head}x\r\n--${boundary}--\r\n`, contentType: 'multipart/form-data' },
        { label: 'truncated', body: `${head}\x89PNG`, contentType: `multipart/form-data; boundary=${boundary}` },
        { label: 'empty', body: '', contentType: `multipart/form-data; boundary=${boundary}` },
        {
          label: 'header garbage',
          body: `--${boundary}\r\nContent-Disposition: ;;;\r\n\r\nx\r\n--${boundary}--\r\n`,
          contentType: `multipart/form-data; boundary=${boundary}`,
        },
      ];
      for (const r of raw) {
        await run(
          await make({
            label: `whole body: ${r.label}`,
            form: undefined,
            body: r.body,
            contentType: r.contentType,
            invalid: true,
            ...(r.names ? { names: r.names } : {}),
          }),
        );
      }
    };

    // ---- which roles get past each operation's guard -----------------------------------------
    const requiredQuery = (op: Operation, except = ''): URLSearchParams =>
      new URLSearchParams(
        op.parameters
          .filter((p) => p.in === 'query' && p.required && p.name !== except)
          .map((p) => [p.name, REQUIRED_QUERY[p.name] ?? 'x']),
      );
    const pathOf = (op: Operation, params: Record<string, string> = {}): string =>
      op.template.replace(
        /\{(\w+)\}/g,
        (_m, name: string) => params[name] ?? encodeURIComponent(existingIdFor(op.template, name)),
      );
    const concrete = (op: Operation, params: Record<string, string> = {}): string => {
      const query = requiredQuery(op).toString();
      return pathOf(op, params) + (query ? `?${query}` : '');
    };
    const passing = new Map<string, Role[]>();
    for (const op of operations) {
      const roles: Role[] = [];
      for (const role of ROLES) {
        const params = Object.fromEntries(
          op.parameters.filter((p) => p.in === 'path').map((p) => [p.name, randomUUID()]),
        );
        const answer = await run({
          op,
          label: 'guard probe',
          role,
          path: concrete(op, params),
          headers: {},
          ...(op.body ? { body: '{"fuzzProbe":1}' } : {}),
          invalid: !!op.body,
          ...(op.body ? { target: 'fuzzProbe' } : {}),
        });
        if (answer.status !== 401 && answer.status !== 403) roles.push(role);
      }
      passing.set(opName(op), roles);
    }

    // ---- the cases ---------------------------------------------------------------------------
    // The current ETag of a resource. Cached: only an accepted write changes a version (a rejected
    // one changes nothing, which the checksum proves), so every 2xx write empties the cache.
    const etagOf = async (p: string): Promise<string> => {
      p = p.split('?')[0] ?? p;
      const cached = etags.get(p);
      if (cached !== undefined) return cached;
      const res = await fetch(`${api.baseUrl}${p}`, { headers: clients.get('admin')?.session.headers ?? {} });
      await res.text();
      const etag = res.headers.get('etag') ?? '"1"';
      etags.set(p, etag);
      return etag;
    };
    let turn = 0;
    for (const op of operations) {
      const name = opName(op);
      if (
        op.template === '/api/auth/logout' ||
        op.template === '/api/auth/refresh' ||
        op.template === '/api/auth/login'
      ) {
        // Only ever anonymous: a signed-in fixture must not end its own session here.
        passing.set(name, ['anonymous']);
      }
      const roles = passing.get(name) ?? [];
      if (roles.length === 0) {
        findings.push({
          op: name,
          label: 'guard probe',
          role: 'anonymous',
          status: 0,
          problem: 'no role gets past the guard',
          excerpt: '',
        });
      }
      const nextRole = (): Role => roles[turn++ % roles.length] ?? 'admin';
      const needsIfMatch = op.parameters.some((p) => p.in === 'header' && p.name === 'If-Match' && p.required);
      const headersFor = async (): Promise<Record<string, string>> =>
        needsIfMatch ? { 'if-match': await etagOf(concrete(op)) } : {};
      const base = op.body ? baseBody(op) : null;
      const baseText = base ? JSON.stringify(base) : '';
      const upload = op.multipart ? validUploadOf(op) : null;
      const make = async (c: Partial<Case> & { label: string }): Promise<Case> => ({
        op,
        role: nextRole(),
        path: concrete(op),
        headers: await headersFor(),
        ...(base ? { body: baseText } : {}),
        ...(upload ? { form: formOf(upload.fields, [upload.file]) } : {}),
        invalid: false,
        ...c,
      });

      // The documented valid request, once per role that gets past the guard.
      for (const role of roles) await run(await make({ label: 'valid per schema', role }));

      // Path parameters.
      for (const p of op.parameters.filter((x) => x.in === 'path')) {
        const values = [
          randomUUID(),
          '00000000-0000-0000-0000-000000000000',
          existingIdFor(op.template, p.name).toUpperCase(),
          ...some(
            [
              'not-a-uuid',
              '12345',
              '-1',
              '%00',
              'a%00b',
              '%ZZ',
              '%2e%2e',
              '%ED%A0%80',
              '%C0%AF',
              '%FF',
              encodeURIComponent("1' OR '1'='1"),
              encodeURIComponent('🚒'),
              'a'.repeat(99),
              'a'.repeat(500),
              encodeURIComponent(other.assetA),
              encodeURIComponent(`${randomUUID()} `),
            ],
            6,
          ),
        ];
        for (const v of values) {
          const nul = v.includes('%00');
          await run(
            await make({
              label: `path ${p.name}=${v.slice(0, 40)}`,
              path: concrete(op, { [p.name]: v }),
              invalid: nul,
              ...(nul ? { target: p.name } : {}),
            }),
          );
        }
      }

      // Query parameters.
      for (const p of op.parameters.filter((x) => x.in === 'query')) {
        const s = resolve(p.schema);
        const typed = !!(s.format || s.enum || s.type === 'number' || s.type === 'boolean');
        const values: Array<{ v: string | string[]; invalid: boolean }> = [
          { v: 'a\u0000b', invalid: true },
          { v: 'not-valid', invalid: typed },
          { v: ['1', '2'], invalid: false },
          ...some(
            [
              { v: '', invalid: false },
              { v: 'x'.repeat(5000), invalid: typed || !!s.maxLength },
              { v: '-1', invalid: !!s.format || !!s.enum || s.minimum !== undefined },
              { v: '1e400', invalid: typed },
              { v: '0', invalid: !!s.format || !!s.enum || (s.minimum ?? 0) > 0 },
              { v: '201', invalid: !!s.format || !!s.enum || (s.maximum ?? Infinity) < 201 },
              { v: '1.5', invalid: !!s.format || !!s.enum || s.type === 'boolean' },
              { v: '🚒\u202e', invalid: typed },
              // A URL cannot carry a lone surrogate: URLSearchParams sends U+FFFD, a valid character.
              { v: '\ud800', invalid: false },
              { v: "' OR 1=1 --", invalid: typed },
              { v: randomUUID(), invalid: !!s.enum || s.type === 'number' || s.type === 'boolean' },
              { v: other.tenantId, invalid: !!s.enum || s.type === 'number' || s.type === 'boolean' },
              { v: '2026-02-30T00:00:00Z', invalid: !!s.enum || s.format === 'uuid' },
              { v: Buffer.from('{"k":[1,{}],"id":null}').toString('base64url'), invalid: typed },
              { v: Buffer.from('null').toString('base64url'), invalid: typed },
              { v: Buffer.from(`["${'9'.repeat(400)}","x"]`).toString('base64url'), invalid: typed },
              ...['2026-13', '2026-00', '2026-Q5', '2026-Q0', '0000', '9999-12', '-2026', '202610', '2026-1'].map(
                (x) => ({ v: x, invalid: !!s.enum || s.format === 'uuid' || s.type === 'boolean' }),
              ),
            ],
            7,
          ),
        ];
        for (const { v, invalid } of values) {
          // Required parameters the case does not mutate keep a valid value.
          const qs = requiredQuery(op, p.name);
          for (const x of Array.isArray(v) ? v : [v]) qs.append(p.name, x);
          await run(
            await make({
              label: `query ${p.name}=${JSON.stringify(v).slice(0, 40)}`,
              path: `${pathOf(op)}?${qs.toString()}`,
              invalid,
              ...(invalid ? { target: p.name } : {}),
            }),
          );
        }
      }
      for (const q of [
        'fuzzExtra=1',
        '__proto__=1',
        'constructor%5Bprototype%5D=1',
        'a%00=1',
        `${'k'.repeat(3000)}=1`,
      ]) {
        const rest = requiredQuery(op).toString();
        await run(
          await make({ label: `query ${q.slice(0, 40)}`, path: `${pathOf(op)}?${rest ? `${rest}&` : ''}${q}` }),
        );
      }

      // Headers: If-Match, Idempotency-Key, Authorization and cookies.
      if (op.parameters.some((p) => p.in === 'header' && p.name === 'If-Match')) {
        for (const v of [
          '"0"',
          'abc',
          '"-1"',
          '"1.5"',
          '"99999999999999999999"',
          'W/"1"',
          '*',
          `"${'9'.repeat(4000)}"`,
          '',
          '"1", "2"',
        ]) {
          await run(await make({ label: `If-Match ${v.slice(0, 30)}`, headers: { 'if-match': v } }));
        }
      }
      if (op.parameters.some((p) => p.in === 'header' && p.name === 'Idempotency-Key')) {
        for (const v of ['k'.repeat(201), 'k'.repeat(5000), '', 'ÿ\u00a0ÿ', randomUUID()]) {
          await run(await make({ label: `Idempotency-Key ${v.slice(0, 30)}`, headers: { 'idempotency-key': v } }));
        }
      }
      for (const v of [
        'Bearer garbage',
        `Bearer ${'a'.repeat(8000)}`,
        'Basic YTpi',
        'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.',
      ]) {
        await run(
          await make({ label: `Authorization ${v.slice(0, 30)}`, role: 'anonymous', headers: { authorization: v } }),
        );
      }
      await run(
        await make({
          label: 'cookie garbage',
          role: 'anonymous',
          headers: { cookie: `lt_refresh=${'x'.repeat(500)}; lt_access=%00` },
        }),
      );

      if (op.multipart && upload) {
        await multipartCases(op, upload, make);
        continue;
      }

      if (!op.body || !base) {
        if (op.method !== 'GET') {
          await run(await make({ label: 'unexpected JSON body', body: '{"a":1}' }));
          await run(
            await make({
              label: 'unexpected form body',
              body: 'a=1',
              contentType: 'application/x-www-form-urlencoded',
            }),
          );
        }
        continue;
      }

      // Body fields, each mutated.
      const props = op.body.properties ?? {};
      for (const [field, schema] of Object.entries(props)) {
        for (const m of mutationsOf(op, base, field, schema)) {
          await run(
            await make({
              label: `body ${field}: ${m.label}`,
              body: m.text,
              invalid: m.invalid,
              ...(m.invalid ? { target: field } : {}),
            }),
          );
        }
      }
      // Inside structured values (price-list data, calendars, SLA matrix, bonus/malus, economics, scope):
      // the value at a random path replaced or removed, so the domain's parsers get bad input too.
      for (const field of Object.keys(props)) {
        const value = base[field];
        if (typeof value !== 'object' || value === null) continue;
        for (const at of some(nodePaths(value), DEEP_PER_FIELD)) {
          const replacement = one(fc.constantFrom<unknown>(...DEEP_REPLACEMENTS));
          const doc = structuredClone(value) as Record<string, unknown>;
          setAt(doc, at, replacement);
          await run(
            await make({
              label: `body ${field}.${at.join('.')}: ${replacement === REMOVE ? 'removed' : JSON.stringify(replacement).slice(0, 40)}`,
              body: JSON.stringify({ ...base, [field]: doc }),
              invalid: replacement === 'a\u0000b',
              // A value inside one field may break a reference from another (a removed calendar the SLA
              // matrix names): the 400 must name a field, not necessarily this one.
              ...(replacement === 'a\u0000b' ? { target: field } : { anyField: true }),
            }),
          );
        }
      }

      for (const field of op.body.required ?? []) {
        const rest = { ...base };
        delete rest[field];
        await run(
          await make({ label: `body without ${field}`, body: JSON.stringify(rest), invalid: true, target: field }),
        );
      }
      await run(
        await make({
          label: 'body with an extra field',
          body: JSON.stringify({ ...base, fuzzExtra: 1 }),
          invalid: true,
          target: 'fuzzExtra',
        }),
      );

      // Whole bodies and content types.
      const wholeBodies: Array<{
        label: string;
        body: string;
        contentType?: string | null;
        invalid: boolean;
        mayResetConnection?: boolean;
      }> = [
        { label: 'empty object', body: '{}', invalid: (op.body.required ?? []).length > 0 },
        { label: 'empty body', body: '', invalid: true },
        { label: 'malformed JSON', body: '{"a":', invalid: true },
        { label: 'trailing comma', body: '{"a":1,}', invalid: true },
        { label: 'null body', body: 'null', invalid: true },
        { label: 'array body', body: '[]', invalid: true },
        { label: 'string body', body: '"x"', invalid: true },
        { label: '__proto__ key', body: `${baseText.slice(0, -1)},"__proto__":{"isAdmin":true}}`, invalid: true },
        {
          label: 'constructor.prototype key',
          body: `${baseText.slice(0, -1)},"constructor":{"prototype":{"x":1}}}`,
          invalid: true,
        },
        { label: 'duplicate keys', body: `${baseText.slice(0, -1)},"fuzzExtra":1,"fuzzExtra":2}`, invalid: true },
        {
          label: 'body over 1 MB',
          body: JSON.stringify({ ...base, fuzzExtra: 'x'.repeat(1_100_000) }),
          invalid: true,
          mayResetConnection: true,
        },
        { label: 'body nested 3000', body: nestedText(3000), invalid: true },
        { label: 'text/plain', body: baseText, contentType: 'text/plain', invalid: true },
        { label: 'form', body: 'a=1&b=2', contentType: 'application/x-www-form-urlencoded', invalid: true },
        {
          label: 'multipart',
          body: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--\r\n',
          contentType: 'multipart/form-data; boundary=x',
          invalid: true,
        },
        { label: 'xml', body: '<a>1</a>', contentType: 'application/xml', invalid: true },
        { label: 'no content type', body: baseText, contentType: null, invalid: true },
        {
          label: 'json utf-16 charset',
          body: baseText,
          contentType: 'application/json; charset=utf-16le',
          invalid: false,
        },
        { label: 'json with BOM', body: `\ufeff${baseText}`, invalid: false },
        { label: 'merge-patch+json', body: baseText, contentType: 'application/merge-patch+json', invalid: true },
        { label: 'content type garbage', body: baseText, contentType: ';;;=', invalid: true },
      ];
      for (const w of wholeBodies) {
        await run(
          await make({
            label: `whole body: ${w.label}`,
            body: w.body,
            ...(w.contentType === undefined ? {} : { contentType: w.contentType }),
            ...(w.mayResetConnection ? { mayResetConnection: true } : {}),
            invalid: w.invalid,
          }),
        );
      }
      await run(
        await make({
          label: 'gzip claimed, plain sent',
          body: baseText,
          headers: { ...(await headersFor()), 'content-encoding': 'gzip' },
        }),
      );
    }

    // ---- methods the document does not list for a path, and paths it does not list ----------------
    const templates = [...new Set(operations.map((o) => o.template))];
    for (const template of templates) {
      const listed = new Set(operations.filter((o) => o.template === template).map((o) => o.method));
      for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'].filter((m) => !listed.has(m))) {
        const op: Operation = { method, template, parameters: [], body: null, bodySchemaName: null };
        await run({
          op,
          label: `undocumented method ${method}`,
          role: 'admin',
          path: pathOf(op),
          headers: {},
          ...(method === 'GET' || method === 'OPTIONS' ? {} : { body: '{}' }),
          invalid: false,
        });
      }
    }
    const unlisted: Operation = {
      method: 'GET',
      template: '(unlisted paths)',
      parameters: [],
      body: null,
      bodySchemaName: null,
    };
    for (const p of [
      '/api',
      '/api/',
      '/api/nothing',
      `/api/tickets/${ticketId}/nothing`,
      '/api/tickets//timeline',
      '/api/..%2f..%2fetc/passwd',
      `/api/${'x/'.repeat(300)}`,
    ]) {
      await run({
        op: unlisted,
        label: `unlisted path ${p.slice(0, 40)}`,
        role: 'admin',
        path: p,
        headers: {},
        invalid: false,
      });
    }

    // ---- bursts: each write's valid request BURST times at once, as a double-submitting client sends
    // it (same unique keys, same If-Match, same Idempotency-Key): races must end in 2xx/4xx, not 500.
    for (const op of operations) {
      if (!op.multipart) continue;
      const roles = passing.get(opName(op)) ?? [];
      const role = roles.includes('admin') ? 'admin' : (roles[0] ?? 'admin');
      const u = validUploadOf(op);
      const c: Case = { op, label: `upload burst of ${BURST}`, role, path: concrete(op), headers: {}, invalid: false };
      // The same bytes BURST times at once: one content row, BURST documents, no 500 from the race.
      const answers = await burst(Array.from({ length: BURST }, () => ({ ...c, form: formOf(u.fields, [u.file]) })));
      // A document upload creates (201); an asset import answers its report (200, a dry run by default).
      const ok = op.template.endsWith('/asset-import') ? 200 : 201;
      expect(answers.map((a) => a.status)).toEqual(Array.from({ length: BURST }, () => ok));
    }
    for (const op of operations) {
      if (op.method === 'GET' || !op.body || op.template.startsWith('/api/auth/')) continue;
      const roles = passing.get(opName(op)) ?? [];
      const role = roles.includes('admin') ? 'admin' : (roles[0] ?? 'admin');
      const n = stats.bursts;
      const body = baseBody(op);
      for (const key of ['slug', 'key', 'code']) if (key in body) body[key] = `burst-${n}`;
      const needsIfMatch = op.parameters.some((p) => p.in === 'header' && p.name === 'If-Match');
      const headers: Record<string, string> = needsIfMatch ? { 'if-match': await etagOf(concrete(op)) } : {};
      if (op.parameters.some((p) => p.in === 'header' && p.name === 'Idempotency-Key')) {
        headers['idempotency-key'] = `burst-${n}`;
      }
      const c: Case = {
        op,
        label: `burst of ${BURST}`,
        role,
        path: concrete(op),
        headers,
        body: JSON.stringify(body),
        invalid: false,
      };
      await burst(Array.from({ length: BURST }, () => c));
    }

    // ---- the fixtures' sessions survived (otherwise later cases were vacuous 401s) -------------
    for (const role of ROLES) {
      const client = clients.get(role);
      if (!client) continue;
      expect({ role, status: (await client.get('/api/auth/me')).status }).toEqual({ role, status: 200 });
    }

    const seconds = (Date.now() - started) / 1000;
    const byStatus = Object.fromEntries([...stats.byStatus.entries()].sort((a, b) => a[0] - b[0]));
    const covered = operations.filter((op) => stats.operations.has(opName(op))).length;
    const unnamed = operations
      .filter((op) => (op.body || op.multipart) && !stats.namedByOperation.get(opName(op)))
      .map(opName);
    // eslint-disable-next-line no-console -- the counts are the test's report (issue 13 asks for them)
    console.log(
      `openapi-fuzz: seed ${SEED}, ${covered}/${operations.length} operations covered, ` +
        `${stats.requests} requests (${stats.bursts} bursts of ${BURST} parallel writes among them), ` +
        `${stats.fiveXx} answered 5xx, ${stats.resetRefusals} oversized bodies refused by a connection reset, ` +
        `${stats.snapshotsCompared} rejected writes checked ` +
        `against a table checksum, ${findings.length} findings, ${seconds.toFixed(1)} s\n` +
        `statuses: ${JSON.stringify(byStatus)}\n` +
        findings
          .slice(0, 200)
          .map(
            (f) =>
              `  ${f.status} ${f.op} [${f.role}] ${f.label}: ${f.problem} — ${f.excerpt.replace(/\s+/g, ' ').slice(0, 160)}`,
          )
          .join('\n'),
    );
    if (stats.fiveXx > 0) {
      // The API's own account of each 5xx (its error log), to find the mechanism.
      const errors = api
        .logs()
        .filter((l) => typeof l['level'] === 'number' && (l['level'] as number) >= 50)
        .map((l) => JSON.stringify(l['err'] ?? l).slice(0, 1500));
      // eslint-disable-next-line no-console -- the API's account of each 5xx, to find the mechanism
      console.log(`api error log (${errors.length}):\n${errors.slice(0, 20).join('\n')}`);
    }
    expect(operations.filter((op) => !stats.operations.has(opName(op))).map(opName)).toEqual([]);
    // Every operation with a body was reached past its guard: some 400 named the mutated field.
    expect(unnamed).toEqual([]);
    expect(findings.map((f) => `${f.status} ${f.op} [${f.role}] ${f.label}: ${f.problem}`)).toEqual([]);
    // Issue 14 adds a dozen operations, and the shared 2-core machine runs at a load of ~20: 180 s ran out.
  }, 600_000);
});
