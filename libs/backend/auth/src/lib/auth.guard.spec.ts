import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Public, Roles, UnauthenticatedError, type AuthUser } from '@leitstand/backend/core';
import { AccessTokenService } from './access-token.service';
import { AuthGuard, type AuthRequest } from './auth.guard';

const NOW = new Date('2026-11-21T08:00:00.000Z');
const tokens = new AccessTokenService({ auth: { jwtSecret: 'guard-spec-secret-guard-spec-secret-guard' } });
/** Sessions the spec has ended: the guard must refuse their tokens (SessionLiveness is checked last). */
const endedSessions = new Set<string>();
const liveness = {
  assertLive: async (user: AuthUser): Promise<void> => {
    if (endedSessions.has(user.sessionId)) throw new UnauthenticatedError('Session ended');
  },
};
const guard = new AuthGuard(new Reflector(), tokens, { now: () => NOW }, liveness);

const customer: AuthUser = {
  id: 'c0000000-0000-4000-8000-000000000001',
  email: 'kunde@example.test',
  displayName: 'Kunde',
  role: 'customer',
  tenantId: 't1',
  tenantIds: ['t1'],
  sessionId: 's0000000-0000-4000-8000-000000000001',
};

class OpenController {
  @Public()
  health(): string {
    return 'health';
  }

  me(): string {
    return 'me';
  }

  @Roles('admin', 'manager')
  editContract(): string {
    return 'editContract';
  }
}

@Roles('admin')
class AdminController {
  list(): string {
    return 'list';
  }

  @Public()
  status(): string {
    return 'status';
  }
}

function contextFor(
  handler: () => string,
  cls: abstract new () => unknown,
  request: Partial<AuthRequest>,
): { ctx: ExecutionContext; request: AuthRequest } {
  const req: AuthRequest = { method: 'GET', headers: {}, ...request };
  const ctx = {
    getType: () => 'http',
    getHandler: () => handler,
    getClass: () => cls,
    switchToHttp: () => ({ getRequest: () => req }),
  } as unknown as ExecutionContext;
  return { ctx, request: req };
}

async function outcome(ctx: ExecutionContext): Promise<number> {
  try {
    return (await guard.canActivate(ctx)) ? 200 : 0;
  } catch (error) {
    return (error as { status?: number }).status ?? 500;
  }
}

describe('AuthGuard', () => {
  let token: string;
  beforeAll(async () => {
    token = (await tokens.sign(customer, NOW)).token;
  });
  const open = OpenController.prototype;
  const admin = AdminController.prototype;

  it('lets @Public() routes through without credentials (method or class level override)', async () => {
    expect(await outcome(contextFor(open.health, OpenController, {}).ctx)).toBe(200);
    expect(await outcome(contextFor(admin.status, AdminController, {}).ctx)).toBe(200);
  });

  it('answers 401 without a token, with a broken one and with a non-Bearer Authorization header', async () => {
    expect(await outcome(contextFor(open.me, OpenController, {}).ctx)).toBe(401);
    expect(await outcome(contextFor(open.me, OpenController, { headers: { authorization: 'Bearer nope' } }).ctx)).toBe(
      401,
    );
    expect(
      await outcome(contextFor(open.me, OpenController, { headers: { authorization: `Basic ${token}` } }).ctx),
    ).toBe(401);
    // A bad Authorization header does not fall back to a valid cookie.
    const both = { headers: { authorization: 'Bearer nope', cookie: `ls_access=${token}` } };
    expect(await outcome(contextFor(open.me, OpenController, both).ctx)).toBe(401);
  });

  it('puts the caller on request.user from a Bearer header or the ls_access cookie', async () => {
    const viaBearer = contextFor(open.me, OpenController, { headers: { authorization: `Bearer ${token}` } });
    expect(await outcome(viaBearer.ctx)).toBe(200);
    expect(viaBearer.request.user).toEqual(customer);

    const viaHeaderCookie = contextFor(open.me, OpenController, {
      headers: { cookie: `theme=dark; ls_access=${token}` },
    });
    expect(await outcome(viaHeaderCookie.ctx)).toBe(200);
    expect(viaHeaderCookie.request.user).toEqual(customer);

    const viaParsedCookie = contextFor(open.me, OpenController, { cookies: { ls_access: token } });
    expect(await outcome(viaParsedCookie.ctx)).toBe(200);
    expect(viaParsedCookie.request.user?.id).toBe(customer.id);
  });

  it('answers 403 when @Roles does not include the caller (method and class level)', async () => {
    const headers = { authorization: `Bearer ${token}` };
    const denied = contextFor(open.editContract, OpenController, { headers });
    expect(await outcome(denied.ctx)).toBe(403);
    expect(denied.request.user).toBeUndefined();
    expect(await outcome(contextFor(admin.list, AdminController, { headers }).ctx)).toBe(403);

    const managerToken = (await tokens.sign({ ...customer, role: 'manager', tenantId: null }, NOW)).token;
    const allowed = { authorization: `Bearer ${managerToken}` };
    expect(await outcome(contextFor(open.editContract, OpenController, { headers: allowed }).ctx)).toBe(200);
  });

  it('requires x-requested-with: leitstand on cookie-authenticated unsafe methods only', async () => {
    const cookie = `ls_access=${token}`;
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      expect(await outcome(contextFor(open.me, OpenController, { method, headers: { cookie } }).ctx)).toBe(403);
      const withHeader = { method, headers: { cookie, 'x-requested-with': 'leitstand' } };
      expect(await outcome(contextFor(open.me, OpenController, withHeader).ctx)).toBe(200);
      const bearer = { method, headers: { authorization: `Bearer ${token}` } };
      expect(await outcome(contextFor(open.me, OpenController, bearer).ctx)).toBe(200);
    }
    for (const method of ['GET', 'HEAD', 'OPTIONS']) {
      expect(await outcome(contextFor(open.me, OpenController, { method, headers: { cookie } }).ctx)).toBe(200);
    }
  });

  it('answers 401 (not 403) for an expired cookie token even without the CSRF header', async () => {
    const old = (await tokens.sign(customer, new Date(NOW.getTime() - 16 * 60_000))).token;
    const ctx = contextFor(open.me, OpenController, { method: 'POST', headers: { cookie: `ls_access=${old}` } }).ctx;
    expect(await outcome(ctx)).toBe(401);
  });

  it("answers 401 (not 403) once the token's session has ended, whatever the route needs", async () => {
    const ended = { ...customer, sessionId: 's0000000-0000-4000-8000-00000000dead' };
    const endedToken = (await tokens.sign(ended, NOW)).token;
    const headers = { authorization: `Bearer ${endedToken}` };
    expect(await outcome(contextFor(open.me, OpenController, { headers }).ctx)).toBe(200);
    endedSessions.add(ended.sessionId);
    expect(await outcome(contextFor(open.me, OpenController, { headers }).ctx)).toBe(401);
    expect(await outcome(contextFor(admin.list, AdminController, { headers }).ctx)).toBe(401);
  });
});
