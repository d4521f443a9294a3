import { ServiceProcess, createTenant, createTestEnv, createUser, type TestEnv } from '@leitstand/backend/testing';
import type { UserSummary } from '@leitstand/api-contracts';
import { signIn, type Client } from './ticket-test-world';

/**
 * `GET /api/users` on the real API: the dispatch picker's technicians of a tenant, the role and tenant
 * filters, a manager's tenant scope, roles that may not list users, 400s naming the field, the order.
 */
describe('users: the list for dispatch', () => {
  let env: TestEnv;
  let api: ServiceProcess;
  let tenantA: string;
  let tenantB: string;
  let tenantC: string;
  let admin: Client;
  let agent: Client;
  let manager: Client;
  let technician: Client;
  let customer: Client;
  let techA1: string;
  let techA2: string;
  let techAB: string;
  let techB: string;
  let techC: string;
  let inactiveTechA: string;
  let customerB: string;

  beforeAll(async () => {
    env = await createTestEnv('users');
    api = await ServiceProcess.start('api', env.env);
    const ds = env.dataSource;
    [tenantA, tenantB, tenantC] = [
      (await createTenant(ds)).id,
      (await createTenant(ds)).id,
      (await createTenant(ds)).id,
    ];
    admin = await signIn(ds, api.baseUrl, 'admin', { displayName: 'Ada Admin' });
    agent = await signIn(ds, api.baseUrl, 'agent', { displayName: 'Anna Agent' });
    manager = await signIn(ds, api.baseUrl, 'manager', {
      displayName: 'Max Manager',
      servesTenantIds: [tenantA, tenantB],
    });
    technician = await signIn(ds, api.baseUrl, 'technician', {
      displayName: 'Zoe Zange',
      servesTenantIds: [tenantA],
    });
    customer = await signIn(ds, api.baseUrl, 'customer', { displayName: 'Karl Kunde', tenantId: tenantA });
    // German order: "Ömer" sorts with O (before "Paul"), case does not matter ("bernd" before "Berta", "Carla")
    techA1 = (await createUser(ds, 'technician', { displayName: 'Paul Pumpe', servesTenantIds: [tenantA] })).id;
    techA2 = (await createUser(ds, 'technician', { displayName: 'Ömer Öl', servesTenantIds: [tenantA] })).id;
    techAB = (await createUser(ds, 'technician', { displayName: 'bernd Bohrer', servesTenantIds: [tenantA, tenantB] }))
      .id;
    techB = (await createUser(ds, 'technician', { displayName: 'Carla Kabel', servesTenantIds: [tenantB] })).id;
    techC = (await createUser(ds, 'technician', { displayName: 'Chris Fremd', servesTenantIds: [tenantC] })).id;
    inactiveTechA = (await createUser(ds, 'technician', { displayName: 'Ina Inaktiv', servesTenantIds: [tenantA] })).id;
    await ds.query(`UPDATE users SET active = false WHERE id = $1`, [inactiveTechA]);
    customerB = (await createUser(ds, 'customer', { displayName: 'Berta Kundin', tenantId: tenantB })).id;
  });

  afterAll(async () => {
    await api?.stop();
    await env?.cleanup();
  });

  async function list(client: Client, query: string): Promise<UserSummary[]> {
    const res = await client.get<UserSummary[]>(`/api/users${query}`);
    expect(res.status).toBe(200);
    return res.body;
  }

  const ids = (users: UserSummary[]): string[] => users.map((u) => u.id);

  it("lists a tenant's technicians for dispatch, sorted by display name (German order), without inactive users", async () => {
    const techs = await list(agent, `?role=technician&tenantId=${tenantA}`);
    expect(techs.map((u) => u.displayName)).toEqual(['bernd Bohrer', 'Ömer Öl', 'Paul Pumpe', 'Zoe Zange']);
    expect(ids(techs)).toEqual([techAB, techA2, techA1, technician.user.id]);
    expect(techs).not.toContainEqual(expect.objectContaining({ id: inactiveTechA }));
    // exactly the public fields: never a password hash
    for (const u of techs) {
      expect(Object.keys(u).sort()).toEqual(['displayName', 'email', 'id', 'role']);
      expect(u.role).toBe('technician');
    }
    expect(techs[0]).toEqual({
      id: techAB,
      displayName: 'bernd Bohrer',
      email: expect.stringMatching(/^technician-.*@example\.test$/),
      role: 'technician',
    });
    const raw = await (await fetch(`${api.baseUrl}/api/users`, { headers: admin.session.headers })).text();
    expect(raw).not.toMatch(/password|argon2/i);

    expect(ids(await list(admin, `?role=technician&tenantId=${tenantB}`))).toEqual([techAB, techB]);
    expect(ids(await list(admin, `?role=technician&tenantId=${tenantC}`))).toEqual([techC]);
  });

  it('filters by role alone and by tenant alone (users serving that tenant or all tenants)', async () => {
    const techs = await list(admin, '?role=technician');
    expect(ids(techs).sort()).toEqual([techA1, techA2, techAB, techB, techC, technician.user.id].sort());
    expect(ids(await list(admin, '?role=customer')).sort()).toEqual([customer.user.id, customerB].sort());
    expect(ids(await list(admin, '?role=manager'))).toEqual([manager.user.id]);

    const servingB = await list(agent, `?tenantId=${tenantB}`);
    expect(servingB.map((u) => u.displayName)).toEqual([
      'Ada Admin',
      'Anna Agent',
      'bernd Bohrer',
      'Berta Kundin',
      'Carla Kabel',
      'Max Manager',
    ]);
    expect(ids(servingB)).not.toContain(techA1);
    expect(ids(servingB)).not.toContain(customer.user.id);

    const everyone = await list(admin, '');
    expect(everyone).toHaveLength(11); // 12 users, one inactive
    const names = everyone.map((u) => u.displayName);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'de', { sensitivity: 'base' })));
  });

  it('limits a manager to the tenants they serve: another tenant is 404, the unfiltered list stays in scope', async () => {
    expect(ids(await list(manager, `?role=technician&tenantId=${tenantB}`))).toEqual([techAB, techB]);
    const outside = await manager.get<{ statusCode: number }>(`/api/users?role=technician&tenantId=${tenantC}`);
    expect(outside.status).toBe(404);
    const unknown = await manager.get(`/api/users?tenantId=00000000-0000-4000-8000-000000000000`);
    expect(unknown.status).toBe(404);
    expect((await admin.get(`/api/users?tenantId=00000000-0000-4000-8000-000000000000`)).status).toBe(404);

    const techs = await list(manager, '?role=technician');
    expect(ids(techs).sort()).toEqual([techA1, techA2, techAB, techB, technician.user.id].sort());
    expect(ids(techs)).not.toContain(techC);
  });

  it('is refused to customers and technicians (403) and to anonymous callers (401)', async () => {
    expect((await customer.get(`/api/users?role=technician&tenantId=${tenantA}`)).status).toBe(403);
    expect((await technician.get('/api/users?role=technician')).status).toBe(403);
    expect((await technician.get(`/api/users?tenantId=${tenantA}`)).status).toBe(403);
    expect((await technician.get(`/api/users?role=agent&tenantId=${tenantA}`)).status).toBe(403);
    expect((await fetch(`${api.baseUrl}/api/users`)).status).toBe(401);
  });

  it("lets a technician pick colleagues by name: the technicians of a tenant they serve, no other tenant's", async () => {
    // Before: 403 — the work-log form asked for a raw user id.
    const colleagues = await list(technician, `?role=technician&tenantId=${tenantA}`);
    expect(colleagues.map((u) => u.displayName)).toEqual(['bernd Bohrer', 'Ömer Öl', 'Paul Pumpe', 'Zoe Zange']);
    expect(ids(colleagues)).toEqual([techAB, techA2, techA1, technician.user.id]);
    expect((await technician.get(`/api/users?role=technician&tenantId=${tenantB}`)).status).toBe(404);
  });

  it('answers an unknown role and a malformed tenantId with 400 naming the field', async () => {
    const cases: Array<[string, string[]]> = [
      ['?role=plumber', ['role']],
      ['?role=Technician', ['role']],
      ['?tenantId=nope', ['tenantId']],
      ['?role=plumber&tenantId=42', ['role', 'tenantId']],
    ];
    for (const [query, fields] of cases) {
      const res = await agent.get<{ statusCode: number; fields: Array<{ field: string }> }>(`/api/users${query}`);
      expect(res.status).toBe(400);
      expect(res.body.fields.map((f) => f.field).sort()).toEqual(fields);
    }
  });
});
