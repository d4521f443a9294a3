import { ServiceProcess, createTestEnv, type TestEnv } from '@leitstand/backend/testing';
import { createTenantWorld, signIn, type Answer, type Client } from './ticket-test-world';

/**
 * Issue 14 master data on a real API process and PostgreSQL: site distance and travel zone, the
 * location tree (building → floor → room, enforced; rename; move and delete only while empty), the
 * asset fields, the register (search, filters, stable sort, keyset paging, total), the asset's ticket
 * history, tenant isolation (404) and bad input (400 naming the field).
 */
type Row = Record<string, unknown> & { id: string; version: number };
interface ErrorBody {
  fields?: Array<{ field: string }>;
  details?: Record<string, unknown>;
}
interface Tree {
  siteId: string;
  items: Array<Row & { children: Array<Row & { children: Row[] }>; assetCount: number }>;
}
interface Page {
  items: Array<Row & { code: string; name: string; locationPath: string | null }>;
  nextCursor: string | null;
  total?: number;
}

const fieldsOf = (r: Answer<unknown>): string[] => ((r.body as ErrorBody).fields ?? []).map((f) => f.field).sort();

describe('master data: sites, locations, asset fields, register', () => {
  let env: TestEnv;
  let api: ServiceProcess;
  let world: Awaited<ReturnType<typeof createTenantWorld>>;
  let other: Awaited<ReturnType<typeof createTenantWorld>>;
  let admin: Client;
  let manager: Client;
  let agent: Client;
  let customer: Client;
  let otherManager: Client;

  beforeAll(async () => {
    env = await createTestEnv('master_data');
    api = await ServiceProcess.start('api', env.env);
    const ds = env.dataSource;
    world = await createTenantWorld(ds);
    other = await createTenantWorld(ds);
    [admin, manager, agent, customer, otherManager] = await Promise.all([
      signIn(ds, api.baseUrl, 'admin'),
      signIn(ds, api.baseUrl, 'manager', { servesTenantIds: [world.tenantId] }),
      signIn(ds, api.baseUrl, 'agent'),
      signIn(ds, api.baseUrl, 'customer', { tenantId: world.tenantId }),
      signIn(ds, api.baseUrl, 'manager', { servesTenantIds: [other.tenantId] }),
    ]);
  });

  afterAll(async () => {
    await api?.stop();
    await env?.cleanup();
  });

  const ifMatch = (v: number): Record<string, string> => ({ 'if-match': `"${v}"` });

  it('keeps distance and travel zone of a site, validating both', async () => {
    const created = await manager.post<Row>('/api/sites', {
      tenantId: world.tenantId,
      name: 'Außenlager',
      street: 'Feldweg 2',
      postalCode: '75323',
      city: 'Bad Wildbad',
      state: 'DE-BW',
      distanceKm: '12.5',
      travelZone: '2',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ distanceKm: '12.5', travelZone: '2' });
    const patched = await manager.patch<Row>(
      `/api/sites/${created.body.id}`,
      { distanceKm: '31', travelZone: null },
      ifMatch(created.body.version),
    );
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ distanceKm: '31.0', travelZone: null });
    const bad = await manager.patch(
      `/api/sites/${created.body.id}`,
      { distanceKm: 12, travelZone: 'x'.repeat(41) },
      ifMatch(patched.body.version),
    );
    expect([bad.status, fieldsOf(bad)]).toEqual([400, ['distanceKm', 'travelZone']]);
    for (const distanceKm of ['-1', '1.25', '1000000', '1e3']) {
      const r = await manager.patch(`/api/sites/${created.body.id}`, { distanceKm }, ifMatch(patched.body.version));
      expect([distanceKm, r.status, fieldsOf(r)]).toEqual([distanceKm, 400, ['distanceKm']]);
    }
  });

  describe('locations', () => {
    let building: Row;
    let floor: Row;
    let room: Row;

    it('builds building → floor → room and returns the tree with paths', async () => {
      const b = await manager.post<Row>(`/api/sites/${world.siteId}/locations`, {
        kind: 'building',
        code: 'A',
        name: 'Gebäude A',
      });
      expect(b.status).toBe(201);
      building = b.body;
      const f = await manager.post<Row>(`/api/sites/${world.siteId}/locations`, {
        kind: 'floor',
        parentId: building.id,
        code: 'EG',
        name: 'EG',
      });
      expect(f.status).toBe(201);
      floor = f.body;
      const r = await manager.post<Row>(`/api/sites/${world.siteId}/locations`, {
        kind: 'room',
        parentId: floor.id,
        name: 'Raum 0.12',
      });
      expect(r.status).toBe(201);
      room = r.body;
      expect(room).toMatchObject({ kind: 'room', path: 'Gebäude A / EG / Raum 0.12', siteId: world.siteId });

      const tree = await customer.get<Tree>(`/api/sites/${world.siteId}/locations`);
      expect(tree.status).toBe(200);
      expect(tree.body.items.map((n) => n.name)).toEqual(['Gebäude A']);
      expect(tree.body.items[0]?.children[0]?.children.map((n) => n.path)).toEqual(['Gebäude A / EG / Raum 0.12']);
    });

    it('enforces the kind hierarchy and sibling names (400 naming parentId, 409 on a taken name)', async () => {
      const url = `/api/sites/${world.siteId}/locations`;
      const cases: Array<[Record<string, unknown>, number, string[]]> = [
        [{ kind: 'room', parentId: building.id, name: 'Raum X' }, 400, ['parentId']],
        [{ kind: 'floor', name: 'OG' }, 400, ['parentId']],
        [{ kind: 'building', parentId: building.id, name: 'Gebäude B' }, 400, ['parentId']],
        [{ kind: 'floor', parentId: room.id, name: 'OG' }, 400, ['parentId']],
        [{ kind: 'cellar', name: 'K' }, 400, ['kind']],
        [{ kind: 'building', name: 'A / B' }, 400, ['name']],
        [{ kind: 'building', name: '  ' }, 400, ['name']],
        [{ kind: 'floor', parentId: other.siteId, name: 'OG' }, 400, ['parentId']],
      ];
      for (const [body, status, fields] of cases) {
        const r = await manager.post(url, body);
        expect({ body, status: r.status, fields: fieldsOf(r) }).toEqual({ body, status, fields });
      }
      const dup = await manager.post(url, { kind: 'floor', parentId: building.id, name: 'EG' });
      expect(dup.status).toBe(409);
      // The database refuses a broken hierarchy too (trigger), whatever the API does.
      await expect(
        env.dataSource.query(
          `INSERT INTO locations (tenant_id, site_id, parent_id, kind, name, version) VALUES ($1, $2, $3, 'room', 'Z', 1)`,
          [world.tenantId, world.siteId, building.id],
        ),
      ).rejects.toThrow(/location hierarchy/);
    });

    it('renames any time, moves and deletes only while empty', async () => {
      const renamed = await manager.patch<Row>(
        `/api/locations/${room.id}`,
        { name: 'Raum 0.13' },
        ifMatch(room.version),
      );
      expect(renamed.status).toBe(200);
      expect(renamed.body.path).toBe('Gebäude A / EG / Raum 0.13');
      const stale = await manager.patch(`/api/locations/${room.id}`, { name: 'Raum 0.14' }, ifMatch(room.version));
      expect(stale.status).toBe(412);
      room = renamed.body;

      // A floor with a room is not empty: no move, no delete.
      const b2 = await manager.post<Row>(`/api/sites/${world.siteId}/locations`, { kind: 'building', name: 'Haus B' });
      const move = await manager.patch<ErrorBody>(
        `/api/locations/${floor.id}`,
        { parentId: b2.body.id },
        ifMatch(floor.version),
      );
      expect([move.status, move.body.details]).toEqual([409, { children: 1, assets: 0 }]);
      expect((await manager.call('DELETE', `/api/locations/${floor.id}`)).status).toBe(409);

      // An empty room moves to another floor and can be deleted.
      const f2 = await manager.post<Row>(`/api/sites/${world.siteId}/locations`, {
        kind: 'floor',
        parentId: b2.body.id,
        name: '1. OG',
      });
      const spare = await manager.post<Row>(`/api/sites/${world.siteId}/locations`, {
        kind: 'room',
        parentId: floor.id,
        name: 'Lager',
      });
      const moved = await manager.patch<Row>(
        `/api/locations/${spare.body.id}`,
        { parentId: f2.body.id },
        ifMatch(spare.body.version),
      );
      expect([moved.status, moved.body.path]).toEqual([200, 'Haus B / 1. OG / Lager']);
      const wrongKind = await manager.patch(
        `/api/locations/${spare.body.id}`,
        { parentId: b2.body.id },
        ifMatch(moved.body.version),
      );
      expect([wrongKind.status, fieldsOf(wrongKind)]).toEqual([400, ['parentId']]);
      expect((await manager.call('DELETE', `/api/locations/${spare.body.id}`)).status).toBe(204);
      expect((await manager.get(`/api/locations/${spare.body.id}`)).status).toBe(404);
    });

    it('hides other tenants’ locations (404) and refuses customers and agents writing (403)', async () => {
      expect((await otherManager.get(`/api/sites/${world.siteId}/locations`)).status).toBe(404);
      expect((await otherManager.get(`/api/locations/${room.id}`)).status).toBe(404);
      expect((await otherManager.patch(`/api/locations/${room.id}`, { name: 'x' }, ifMatch(room.version))).status).toBe(
        404,
      );
      expect((await otherManager.call('DELETE', `/api/locations/${room.id}`)).status).toBe(404);
      expect(
        (await otherManager.post(`/api/sites/${world.siteId}/locations`, { kind: 'building', name: 'X' })).status,
      ).toBe(404);
      expect(
        (await customer.post(`/api/sites/${world.siteId}/locations`, { kind: 'building', name: 'X' })).status,
      ).toBe(403);
      expect((await agent.call('DELETE', `/api/locations/${room.id}`)).status).toBe(403);
    });

    it('puts an asset into a room of its site with its master data, and keeps the room non-empty', async () => {
      const created = await manager.post<Row>('/api/assets', {
        siteId: world.siteId,
        code: 'KM-01',
        name: 'Kältemaschine 1',
        trade: 'cooling',
        assetClass: 'A',
        locationId: room.id,
        manufacturer: 'Carrier',
        model: '30XW',
        serialNumber: 'SN-4711',
        yearBuilt: 2014,
        warrantyUntil: '2027-06-30',
        attributes: { Kältemittel: 'R134a', Leistung: '800 kW' },
        redundancyGroup: 'kaelte-nord',
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        locationId: room.id,
        locationPath: 'Gebäude A / EG / Raum 0.13',
        manufacturer: 'Carrier',
        model: '30XW',
        serialNumber: 'SN-4711',
        yearBuilt: 2014,
        warrantyUntil: '2027-06-30',
        attributes: { Kältemittel: 'R134a', Leistung: '800 kW' },
        redundancyGroup: 'kaelte-nord',
      });
      expect((await manager.call('DELETE', `/api/locations/${room.id}`)).status).toBe(409);
      const tree = await manager.get<Tree>(`/api/sites/${world.siteId}/locations`);
      const a = tree.body.items.find((b) => b.id === building.id);
      expect(a?.children[0]?.children[0]).toMatchObject({ id: room.id, assetCount: 1 });

      const cleared = await manager.patch<Row>(
        `/api/assets/${created.body.id}`,
        { manufacturer: null, attributes: {}, locationId: null },
        ifMatch(created.body.version),
      );
      expect(cleared.status).toBe(200);
      expect(cleared.body).toMatchObject({ manufacturer: null, attributes: {}, locationId: null, locationPath: null });
    });

    it('answers bad asset fields with 400 naming each', async () => {
      const base = { siteId: world.siteId, code: 'BAD-1', name: 'x', trade: 't', assetClass: 'B' };
      const cases: Array<[Record<string, unknown>, string[]]> = [
        [{ yearBuilt: 1700 }, ['yearBuilt']],
        [{ yearBuilt: '2014' }, ['yearBuilt']],
        [{ warrantyUntil: '2027-02-30' }, ['warrantyUntil']],
        [{ attributes: { a: 1 } }, ['attributes']],
        [{ attributes: [] }, ['attributes']],
        [{ attributes: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])) }, ['attributes']],
        [{ attributes: { ['k'.repeat(61)]: 'v' } }, ['attributes']],
        [{ attributes: { k: 'v'.repeat(501) } }, ['attributes']],
        [{ serialNumber: 'x'.repeat(101), manufacturer: '' }, ['manufacturer', 'serialNumber']],
        [{ locationId: 'nope' }, ['locationId']],
        [{ redundancyGroup: 'x'.repeat(61) }, ['redundancyGroup']],
      ];
      for (const [extra, fields] of cases) {
        const r = await manager.post('/api/assets', { ...base, ...extra });
        expect({ extra: Object.keys(extra), status: r.status, fields: fieldsOf(r) }).toEqual({
          extra: Object.keys(extra),
          status: 400,
          fields,
        });
      }
      // A location of another site (even of the same tenant) is refused.
      const b = await admin.post<Row>(`/api/sites/${world.bareSiteId}/locations`, { kind: 'building', name: 'Lager' });
      const r = await manager.post('/api/assets', { ...base, locationId: b.body.id });
      expect([r.status, fieldsOf(r)]).toEqual([400, ['locationId']]);
    });
  });

  describe('register', () => {
    beforeAll(async () => {
      // 60 assets on the world's site: codes R-000 … R-059, every third by Schindler, every fifth a C-asset.
      for (let i = 0; i < 60; i++) {
        const r = await admin.post('/api/assets', {
          siteId: world.siteId,
          code: `R-${String(i).padStart(3, '0')}`,
          name: `${i % 2 === 0 ? 'Aufzug' : 'Lüftung'} ${i}`,
          trade: i % 2 === 0 ? 'elevators' : 'air-handling',
          assetClass: i % 5 === 0 ? 'C' : 'B',
          inContract: i % 4 !== 0,
          manufacturer: i % 3 === 0 ? 'Schindler' : 'Kone',
          serialNumber: `SN-${1000 + i}`,
        });
        expect(r.status).toBe(201);
      }
    });

    it('pages through a filter with a stable order, no row twice or lost, and counts the total', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let total: number | undefined;
      do {
        const url = `/api/assets?siteId=${world.siteId}&q=r-0&limit=7&withTotal=true${cursor ? `&cursor=${cursor}` : ''}`;
        const r: Answer<Page> = await agent.get<Page>(url);
        expect(r.status).toBe(200);
        total = r.body.total;
        seen.push(...r.body.items.map((a) => a.code));
        cursor = r.body.nextCursor;
      } while (cursor);
      const expected = Array.from({ length: 60 }, (_, i) => `R-${String(i).padStart(3, '0')}`);
      expect(seen).toEqual(expected);
      expect(total).toBe(60);

      const byName = await agent.get<Page>(`/api/assets?siteId=${world.siteId}&sort=name&q=lüftung 1&limit=200`);
      expect(byName.body.items.map((a) => a.name)).toEqual(
        ['Lüftung 1', 'Lüftung 11', 'Lüftung 13', 'Lüftung 15', 'Lüftung 17', 'Lüftung 19'].sort(),
      );
    });

    it('searches code, name, manufacturer and serial number case-insensitively, and filters', async () => {
      const codes = async (query: string): Promise<string[]> => {
        const r = await manager.get<Page>(`/api/assets?siteId=${world.siteId}&limit=200&${query}`);
        expect([query, r.status]).toEqual([query, 200]);
        return r.body.items.map((a) => a.code);
      };
      expect(await codes('q=sn-1042')).toEqual(['R-042']);
      expect((await codes('q=SCHINDLER')).length).toBe(20);
      // The world's own 'Aufzug 1' (code AS-…) sorts first.
      const aufzug1 = await codes('q=aufzug 1');
      expect(aufzug1.slice(1)).toEqual(['R-010', 'R-012', 'R-014', 'R-016', 'R-018']);
      expect(aufzug1[0]).toMatch(/^AS-/);
      expect(await codes('q=50%25')).toEqual([]);
      expect((await codes('assetClass=C&trade=elevators')).length).toBe(6);
      expect((await codes('inContract=false&q=R-')).length).toBe(15);
      expect(await codes('q=r-05&inContract=true&assetClass=B&trade=air-handling')).toEqual([
        'R-051',
        'R-053',
        'R-057',
        'R-059',
      ]);
    });

    it('filters by a location and everything below it', async () => {
      const tree = await admin.get<Tree>(`/api/sites/${world.siteId}/locations`);
      const building = tree.body.items.find((b) => b.name === 'Gebäude A') as Tree['items'][number];
      const room = building.children[0]?.children[0] as Row;
      const asset = await admin.get<Page>(`/api/assets?q=R-007`);
      const target = asset.body.items[0] as Row;
      await admin.patch(`/api/assets/${target.id}`, { locationId: room.id }, ifMatch(target.version));
      expect((await admin.get<Page>(`/api/assets?locationId=${building.id}`)).body.items.map((a) => a.code)).toEqual([
        'R-007',
      ]);
      expect(
        (await admin.get<Page>(`/api/assets?locationId=${room.id}`)).body.items.map((a) => a.locationPath),
      ).toEqual(['Gebäude A / EG / Raum 0.13']);
    });

    it('never lists another tenant’s assets, and names bad query fields', async () => {
      const r = await otherManager.get<Page>(`/api/assets?siteId=${world.siteId}&withTotal=true`);
      expect([r.status, r.body.items.length, r.body.total]).toEqual([200, 0, 0]);
      const s = await otherManager.get<Page>(`/api/assets?q=R-0`);
      expect(s.body.items).toEqual([]);
      for (const [query, field] of [
        ['sort=price', 'sort'],
        ['inContract=maybe', 'inContract'],
        ['locationId=x', 'locationId'],
        ['limit=0', 'limit'],
        ['cursor=abc', 'cursor'],
        ['withTotal=1', 'withTotal'],
      ] as const) {
        const bad = await agent.get(`/api/assets?${query}`);
        expect([query, bad.status, fieldsOf(bad)]).toEqual([query, 400, [field]]);
      }
    });

    it('shows an asset’s ticket history to staff only, newest first', async () => {
      const first = await agent.post<Row>('/api/tickets', {
        siteId: world.siteId,
        assetId: world.assetA,
        title: 'Aufzug steht',
        faultBeganAt: '2026-11-01T08:00:00Z',
      });
      const second = await agent.post<Row>('/api/tickets', {
        siteId: world.siteId,
        assetId: world.assetA,
        title: 'Aufzug ruckelt',
        faultBeganAt: '2026-11-20T08:00:00Z',
      });
      expect([first.status, second.status]).toEqual([201, 201]);
      const history = await agent.get<{ items: Row[] }>(`/api/assets/${world.assetA}/tickets`);
      expect(history.status).toBe(200);
      expect(history.body.items.map((t) => t['title'])).toEqual(['Aufzug ruckelt', 'Aufzug steht']);
      expect(Object.keys(history.body.items[0] ?? {}).sort()).toEqual(
        ['closedAt', 'createdAt', 'faultBeganAt', 'id', 'number', 'priority', 'restoredAt', 'status', 'title'].sort(),
      );
      expect((await customer.get(`/api/assets/${world.assetA}/tickets`)).status).toBe(403);
      expect((await otherManager.get(`/api/assets/${world.assetA}/tickets`)).status).toBe(404);
      const limited = await agent.get<{ items: Row[] }>(`/api/assets/${world.assetA}/tickets?limit=1`);
      expect(limited.body.items.length).toBe(1);
    });
  });
});
