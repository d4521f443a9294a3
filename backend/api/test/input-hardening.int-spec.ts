import { ServiceProcess, createTestEnv, type TestEnv } from '@leitstand/backend/testing';
import { count, createTenantWorld, signIn, type Client } from './ticket-test-world';
import { MAINTENANCE, createOccurrence, createRequirement } from './maintenance-test-world';

/**
 * One test per input defect of issue 13, on a real API process and PostgreSQL: deeply nested JSON,
 * `null` that passed validation, NUL bytes, form bodies (login CSRF), time stamps without a zone and
 * nullable fields documented as objects. Every rejection is a 4xx naming the field, never a 500.
 */
interface ErrorBody {
  statusCode: number;
  message: string;
  fields?: Array<{ field: string; messages: string[] }>;
}

const fieldsOf = (body: unknown): string[] => ((body as ErrorBody | null)?.fields ?? []).map((f) => f.field).sort();

/** `depth` nested arrays around `inner` as JSON text (built as text: no recursion anywhere). */
const nested = (depth: number, inner = '1'): string => '['.repeat(depth) + inner + ']'.repeat(depth);
const nestedObject = (depth: number): string => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

describe('input hardening (issue 13): no 5xx from any input', () => {
  let env: TestEnv;
  let api: ServiceProcess;
  let admin: Client;
  let agent: Client;
  let world: Awaited<ReturnType<typeof createTenantWorld>>;
  let ticket: { id: string; version: number };
  let occurrenceId: string;

  beforeAll(async () => {
    env = await createTestEnv('input_hardening');
    api = await ServiceProcess.start('api', env.env);
    world = await createTenantWorld(env.dataSource);
    [admin, agent] = await Promise.all([
      signIn(env.dataSource, api.baseUrl, 'admin'),
      signIn(env.dataSource, api.baseUrl, 'agent'),
    ]);
    const created = await agent.post<{ id: string; version: number }>('/api/tickets', {
      siteId: world.siteId,
      assetId: world.assetA,
      title: 'Aufzug steht',
    });
    expect(created.status).toBe(201);
    ticket = created.body;
    const requirement = await createRequirement(env.dataSource, world, MAINTENANCE, world.assetA);
    occurrenceId = await createOccurrence(env.dataSource, world, requirement, world.assetA, { target: '2026-12-10' });
  });

  afterAll(async () => {
    await api?.stop();
    await env?.cleanup();
  });

  /** A raw request: body text as given, content type as given (none when null). */
  async function raw(
    method: string,
    path: string,
    body: string | undefined,
    contentType: string | null = 'application/json',
    client: Client | null = agent,
  ): Promise<{ status: number; body: unknown; headers: Headers; text: string }> {
    const res = await fetch(`${api.baseUrl}${path}`, {
      method,
      headers: {
        ...(client?.session.headers ?? {}),
        ...(contentType ? { 'content-type': contentType } : {}),
      },
      ...(body === undefined ? {} : { body }),
    });
    const text = await res.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = text;
    }
    return { status: res.status, body: parsed, headers: res.headers, text };
  }

  const currentVersion = async (): Promise<number> =>
    (await agent.get<{ version: number }>(`/api/tickets/${ticket.id}`)).body.version;

  describe('1. deeply nested JSON', () => {
    it('is 400 naming the body (or its too-deep property) for sign-in, refresh and any body (3,000 levels)', async () => {
      for (const [path, client] of [
        ['/api/auth/login', null],
        ['/api/auth/refresh', null],
        ['/api/auth/logout', null],
        ['/api/tickets', agent],
        [`/api/tickets/${ticket.id}/comments`, agent],
      ] as const) {
        // Too deep as a whole: 'body'; too deep in the value of a top-level property: that property.
        for (const [body, field] of [
          [nested(3000), 'body'],
          [nestedObject(3000), 'a'],
        ] as const) {
          const r = await raw('POST', path, body, 'application/json', client);
          expect({ path, status: r.status, fields: fieldsOf(r.body) }).toEqual({ path, status: 400, fields: [field] });
        }
      }
    });

    it('is 400 naming the free-form object field (price-list data, contract calendars and SLA matrix)', async () => {
      const before = await count(env.dataSource, 'SELECT count(*)::int AS n FROM price_lists');
      const priceList = await raw(
        'POST',
        '/api/price-lists',
        `{"key":"deep","name":"Tief","validFrom":"2026-01-01","data":${nestedObject(3000)}}`,
        'application/json',
        admin,
      );
      expect(priceList.status).toBe(400);
      expect(fieldsOf(priceList.body)).toEqual(['data']);
      expect(await count(env.dataSource, 'SELECT count(*)::int AS n FROM price_lists')).toBe(before);

      for (const field of ['calendars', 'slaMatrix']) {
        const r = await raw(
          'PATCH',
          `/api/contracts/${world.contractId}`,
          `{"${field}":{"x":${nested(200)}}}`,
          'application/json',
          admin,
        );
        expect({ field, status: r.status, fields: fieldsOf(r.body) }).toEqual({ field, status: 400, fields: [field] });
      }

      // A maintenance requirement's cadence and anchor are objects the domain parses: too deep is 400 naming them.
      const requirements = 'SELECT count(*)::int AS n FROM maintenance_requirements';
      const plans = await count(env.dataSource, requirements);
      for (const field of ['cadence', 'anchor']) {
        const base: Record<string, unknown> = {
          contractId: world.contractId,
          taskKey: 'elevator-maintenance',
          siteId: world.siteId,
          ...(field === 'anchor' ? {} : { anchor: { kind: 'fixed-grid', start: '2027-01-15' } }),
        };
        const r = await raw(
          'POST',
          '/api/maintenance/requirements',
          `${JSON.stringify(base).slice(0, -1)},"${field}":{"x":${nested(200)}}}`,
          'application/json',
          admin,
        );
        expect({ field, status: r.status, fields: fieldsOf(r.body) }).toEqual({ field, status: 400, fields: [field] });
      }
      expect(await count(env.dataSource, requirements)).toBe(plans);
    });

    it('accepts nesting up to 64 levels (the limit is not a blanket ban on depth)', async () => {
      const r = await raw(
        'POST',
        '/api/price-lists',
        `{"key":"flat","name":"Flach","validFrom":"2026-01-01","data":{"x":${nested(62)}}}`,
        'application/json',
        admin,
      );
      // Depth 64 in all (body, data, 62 arrays) is parsed and reaches the domain's price-list check.
      expect(r.status).toBe(400);
      expect(fieldsOf(r.body)).not.toContain('body');
      expect((r.body as ErrorBody).message).not.toMatch(/nest/i);
    });
  });

  describe('2./3. null', () => {
    it('logout with refreshToken null is 400 naming refreshToken (anonymous)', async () => {
      const r = await raw('POST', '/api/auth/logout', '{"refreshToken":null}', 'application/json', null);
      expect(r.status).toBe(400);
      expect(fieldsOf(r.body)).toEqual(['refreshToken']);
      const refresh = await raw('POST', '/api/auth/refresh', '{"refreshToken":null}', 'application/json', null);
      expect(refresh.status).toBe(400);
      expect(fieldsOf(refresh.body)).toEqual(['refreshToken']);
    });

    it('PATCH a ticket with assetDown, inScope or priority null is 400 naming the field and writes nothing', async () => {
      for (const field of ['assetDown', 'inScope', 'priority']) {
        const version = await currentVersion();
        const r = await agent.patch(`/api/tickets/${ticket.id}`, { [field]: null }, { 'if-match': `"${version}"` });
        expect({ field, status: r.status, fields: fieldsOf(r.body) }).toEqual({ field, status: 400, fields: [field] });
        expect(await currentVersion()).toBe(version);
      }
    });

    it('null clears a nullable ticket field (category, description, scopeNote)', async () => {
      let version = await currentVersion();
      const set = await agent.patch(
        `/api/tickets/${ticket.id}`,
        { category: 'Störung', description: 'Tür klemmt', scopeNote: 'im Vertrag' },
        { 'if-match': `"${version}"` },
      );
      expect(set.status).toBe(200);
      version = await currentVersion();
      const cleared = await agent.patch<Record<string, unknown>>(
        `/api/tickets/${ticket.id}`,
        { category: null, description: null, scopeNote: null },
        { 'if-match': `"${version}"` },
      );
      expect(cleared.status).toBe(200);
      expect([cleared.body['category'], cleared.body['description'], cleared.body['scopeNote']]).toEqual([
        null,
        null,
        null,
      ]);
    });

    it('priority null on a site without an asset is 400 naming priority, like leaving it out', async () => {
      const before = await count(env.dataSource, 'SELECT count(*)::int AS n FROM tickets');
      const absent = await agent.post('/api/tickets', { siteId: world.siteId, title: 'Licht aus' });
      const nulled = await agent.post('/api/tickets', { siteId: world.siteId, title: 'Licht aus', priority: null });
      expect([absent.status, nulled.status]).toEqual([400, 400]);
      expect(fieldsOf(absent.body)).toEqual(['priority']);
      expect(fieldsOf(nulled.body)).toEqual(['priority']);
      expect(await count(env.dataSource, 'SELECT count(*)::int AS n FROM tickets')).toBe(before);
    });

    it('a null (or any non-object) JSON body is 400 naming the body everywhere', async () => {
      const version = await currentVersion();
      for (const [method, path, client] of [
        ['POST', '/api/auth/login', null],
        ['POST', '/api/auth/refresh', null],
        ['POST', '/api/auth/logout', null],
        ['POST', '/api/tickets', agent],
        ['PATCH', `/api/tickets/${ticket.id}`, agent],
        ['POST', `/api/tickets/${ticket.id}/accept`, agent],
        ['POST', '/api/tenants', admin],
      ] as const) {
        for (const body of ['null', '[]', '[{}]', '"text"', '42', 'true']) {
          const r = await raw(method, path, body, 'application/json', client);
          expect({ path, body, status: r.status, fields: fieldsOf(r.body) }).toEqual({
            path,
            body,
            status: 400,
            fields: ['body'],
          });
        }
      }
      expect(await currentVersion()).toBe(version);
    });
  });

  describe('4. NUL bytes', () => {
    it('in a query string is 400 naming the parameter (GET /api/assets?q=a%00b)', async () => {
      const r = await raw('GET', '/api/assets?q=a%00b', undefined, null, agent);
      expect(r.status).toBe(400);
      expect(fieldsOf(r.body)).toEqual(['q']);
    });

    it('in a path parameter is 400 naming it', async () => {
      for (const path of ['/api/tickets/a%00b', '/api/assets/a%00b', `/api/tickets/${ticket.id}%00/timeline`]) {
        const r = await raw('GET', path, undefined, null, agent);
        expect({ path, status: r.status, fields: fieldsOf(r.body) }).toEqual({ path, status: 400, fields: ['id'] });
      }
    });

    it('in a body string (also inside a free-form object, key or value) is 400 naming the field', async () => {
      const before = await count(env.dataSource, 'SELECT count(*)::int AS n FROM tickets');
      const title = await agent.post('/api/tickets', {
        siteId: world.siteId,
        assetId: world.assetA,
        title: 'a\u0000b',
      });
      expect(title.status).toBe(400);
      expect(fieldsOf(title.body)).toEqual(['title']);
      expect(await count(env.dataSource, 'SELECT count(*)::int AS n FROM tickets')).toBe(before);

      const login = await raw('POST', '/api/auth/login', '{"email":"a\\u0000@x.de","password":"p"}', undefined, null);
      expect(login.status).toBe(400);
      expect(fieldsOf(login.body)).toEqual(['email']);

      for (const data of ['{"k":"a\\u0000"}', '{"a\\u0000":1}', '{"k":[{"x":"\\u0000"}]}']) {
        const r = await raw(
          'POST',
          '/api/price-lists',
          `{"key":"nul","name":"Nul","validFrom":"2026-01-01","data":${data}}`,
          'application/json',
          admin,
        );
        expect({ data, status: r.status }).toEqual({ data, status: 400 });
        expect(fieldsOf(r.body)[0]).toMatch(/^data\./);
      }
    });
  });

  describe('8. content types', () => {
    it('sign-in with an HTML form body is 415 and sets no cookie (login CSRF)', async () => {
      const user = admin.user;
      const form = `email=${encodeURIComponent(user.email)}&password=${encodeURIComponent(user.password)}`;
      const r = await raw('POST', '/api/auth/login', form, 'application/x-www-form-urlencoded', null);
      expect(r.status).toBe(415);
      expect(r.headers.getSetCookie()).toEqual([]);
      const plain = await raw('POST', '/api/auth/login', JSON.stringify(user), 'text/plain', null);
      expect(plain.status).toBe(415);
      expect(plain.headers.getSetCookie()).toEqual([]);
    });

    it('refresh with a form or text body is 415', async () => {
      for (const type of ['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x']) {
        const r = await raw('POST', '/api/auth/refresh', 'refreshToken=x', type, null);
        expect({ type, status: r.status }).toEqual({ type, status: 415 });
      }
    });

    it('no operation accepts a form body (only application/json)', async () => {
      const before = await count(env.dataSource, 'SELECT count(*)::int AS n FROM tenants');
      const r = await raw(
        'POST',
        '/api/tenants',
        'slug=form-tenant&name=Form',
        'application/x-www-form-urlencoded',
        admin,
      );
      expect(r.status).toBe(415);
      expect(await count(env.dataSource, 'SELECT count(*)::int AS n FROM tenants')).toBe(before);
      const json = await raw('POST', '/api/tenants', '{"slug":"json-tenant","name":"Json"}', 'application/json', admin);
      expect(json.status).toBe(201);
    });
  });

  describe('9. time stamps without a zone', () => {
    it('faultBeganAt without an offset is 400 naming it', async () => {
      const r = await agent.post('/api/tickets', {
        siteId: world.siteId,
        assetId: world.assetA,
        title: 'Tor klemmt',
        faultBeganAt: '2026-12-01T10:00:00',
      });
      expect(r.status).toBe(400);
      expect(fieldsOf(r.body)).toEqual(['faultBeganAt']);
    });

    it('work-log times and pause until without an offset are 400 naming them', async () => {
      const log = await agent.post(`/api/tickets/${ticket.id}/work-logs`, {
        role: 'service-technician',
        kind: 'work',
        startedAt: '2026-12-01T10:00:00',
        endedAt: '2026-12-01T11:00:00.000',
      });
      expect(log.status).toBe(400);
      expect(fieldsOf(log.body)).toEqual(['endedAt', 'startedAt']);
      const pause = await agent.post(`/api/tickets/${ticket.id}/pause`, {
        reason: 'Warten auf Kunde',
        until: '2026-12-01T10:00',
      });
      expect(pause.status).toBe(400);
      expect(fieldsOf(pause.body)).toEqual(['until']);
    });
  });

  describe('10. OpenAPI', () => {
    it('documents every nullable field with its real type (never a bare object)', async () => {
      const res = await fetch(`${api.baseUrl}/api/docs/openapi.json`);
      const doc = (await res.json()) as {
        components: { schemas: Record<string, { properties?: Record<string, Record<string, unknown>> }> };
      };
      const typeOf = (schema: string, property: string): unknown => {
        const p = doc.components.schemas[schema]?.properties?.[property];
        return p ? { type: p['type'], nullable: p['nullable'] } : 'missing';
      };
      const expected: Array<[string, string, string]> = [
        ['CreateAssetDto', 'parentId', 'string'],
        ['UpdateAssetDto', 'parentId', 'string'],
        ['CreateContractDto', 'endsOn', 'string'],
        ['UpdateContractDto', 'endsOn', 'string'],
        ['CreateContractDto', 'priceListId', 'string'],
        ['UpdateContractDto', 'priceListId', 'string'],
        ['CreateContractDto', 'quietWarningsCalendar', 'string'],
        ['UpdateContractDto', 'quietWarningsCalendar', 'string'],
        ['UpdateTicketDto', 'scopeNote', 'string'],
        ['UpdateTicketDto', 'category', 'string'],
        ['UpdateTicketDto', 'description', 'string'],
      ];
      for (const [schema, property, type] of expected) {
        expect({ schema, property, doc: typeOf(schema, property) }).toEqual({
          schema,
          property,
          doc: { type, nullable: true },
        });
      }
      // And in general: an object-typed property is a free-form object or has properties, never a lie.
      for (const [schema, s] of Object.entries(doc.components.schemas)) {
        for (const [property, p] of Object.entries(s.properties ?? {})) {
          if (p['type'] !== 'object') continue;
          expect({ schema, property, free: 'additionalProperties' in p || 'properties' in p }).toEqual({
            schema,
            property,
            free: true,
          });
        }
      }
    });
  });

  describe('11. maintenance execution (issue 15)', () => {
    const events = (): Promise<number> =>
      count(env.dataSource, 'SELECT count(*)::int AS n FROM occurrence_events WHERE occurrence_id = $1', [
        occurrenceId,
      ]);

    it('a work log time without an offset, a NUL in a checklist note, a float quantity: 400 naming each, nothing written', async () => {
      const before = await events();
      const log = await agent.post(`/api/maintenance/occurrences/${occurrenceId}/work-logs`, {
        minutes: 30,
        loggedAt: '2026-12-01T10:00:00',
      });
      expect([log.status, fieldsOf(log.body)]).toEqual([400, ['loggedAt']]);
      const note = await raw(
        'PUT',
        `/api/maintenance/occurrences/${occurrenceId}/checklist`,
        '{"results":[{"key":"doors","outcome":"fail","note":"klemmt\\u0000"}]}',
      );
      expect([note.status, fieldsOf(note.body)]).toEqual([400, ['results.0.note']]);
      const material = await raw(
        'POST',
        `/api/maintenance/occurrences/${occurrenceId}/materials`,
        '{"description":"Filter","quantity":0.1,"unitPrice":19.99}',
      );
      expect([material.status, fieldsOf(material.body)]).toEqual([400, ['quantity', 'unitPrice']]);
      const nulls = await agent.call(
        'PUT',
        `/api/maintenance/occurrences/${occurrenceId}/inspection-record`,
        {
          date: null,
          type: 'Hauptprüfung',
          scope: 'Anlage',
          result: 'no-defects',
          defects: null,
          inspector: 'M. Berger',
          nextDeadline: null,
        },
        { 'if-match': '"1"' },
      );
      expect([nulls.status, fieldsOf(nulls.body)]).toEqual([400, ['date', 'defects', 'nextDeadline']]);
      expect(await events()).toBe(before);
    });
  });
});
